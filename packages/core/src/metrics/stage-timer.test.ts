import { describe, expect, it } from "vitest";
import { stageTimer } from "./stage-timer.ts";

describe("stageTimer", () => {
  it("accumulates seconds per stage with an injected clock", async () => {
    let t = 0;
    const timer = stageTimer<"read" | "kmeans">(() => t);
    timer.start("read");
    t = 1500;
    expect(timer.stop("read")).toBeCloseTo(1.5, 12);
    timer.measure("kmeans", () => {
      t += 250;
    });
    await timer.measure("read", async () => {
      t += 500;
    });
    expect(timer.seconds()).toEqual({ read: 2, kmeans: 0.25 });
    expect(timer.total()).toBeCloseTo(2.25, 12);
    expect(() => timer.stop("kmeans")).toThrow(/not running/);
    expect(() =>
      timer.measure("kmeans", () => {
        t += 1000;
        throw new Error("boom");
      }),
    ).toThrow("boom");
    expect(timer.seconds().kmeans).toBeCloseTo(1.25, 12);
  });

  it("uses performance.now by default", () => {
    const timer = stageTimer();
    timer.start("x");
    expect(timer.stop("x")).toBeGreaterThanOrEqual(0);
  });
});
