import { describe, expect, it } from "vitest";
import { labelInterval } from "./scale.ts";

describe("labelInterval", () => {
  it("shows every label when they fit, else skips evenly", () => {
    expect(labelInterval(10, 200, 16)).toBe(0);
    expect(labelInterval(100, 160, 16)).toBe(9);
  });
});
