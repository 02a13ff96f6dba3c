import { describe, expect, it } from "vitest";
import { enumLabel, formatDuration, formatEmpiricalP, formatPValue, formatRelative } from "./format.ts";

describe("format", () => {
  it("formats p-values", () => {
    expect(formatPValue(0.0421)).toBe("0.042");
    expect(formatPValue(0.00001)).toBe("1.0e-5");
    expect(formatPValue(null)).toBe("–");
  });
  it("formats durations", () => {
    expect(formatDuration(0.25)).toBe("250 ms");
    expect(formatDuration(75)).toBe("1 min 15 s");
  });
  it("formats relative times", () => {
    const now = Date.parse("2026-01-01T12:00:00Z");
    expect(formatRelative("2026-01-01T11:58:00Z", now)).toBe("2 min ago");
    expect(formatRelative("2025-12-30T12:00:00Z", now)).toBe("2 days ago");
  });
  it("labels enum values", () => {
    expect(enumLabel("OWNER")).toBe("Owner");
    expect(enumLabel("VALIDATED")).toBe("Validated");
    expect(enumLabel("")).toBe("");
  });
});

describe("formatEmpiricalP", () => {
  it("shows a p-value at its floor as an upper bound", () => {
    expect(formatEmpiricalP(0.005, 0.005, true)).toBe("< 0.005");
    expect(formatEmpiricalP(0.02, 0.005, false)).toBe("0.020");
    expect(formatEmpiricalP(null, 0.005, false)).toBe("–");
  });
});
