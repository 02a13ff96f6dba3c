import { describe, expect, it } from "vitest";
import { decodeRow, encodeRow, rowLength, sliceRow } from "./row-codec.ts";

describe("float32 row codec", () => {
  it("writes little-endian float32, 4 bytes per value", () => {
    // 1.0f = 0x3f800000, -2.0f = 0xc0000000: little-endian bytes reversed.
    expect(Array.from(encodeRow([1, -2]))).toEqual([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0xc0]);
  });

  it("round-trips values rounded to float32, with NaN as missing", () => {
    const values = [0, 1.1, -3.5, Number.NaN, 1e30, -0.000123, Infinity];
    const decoded = decodeRow(encodeRow(values));
    expect(decoded).toHaveLength(values.length);
    values.forEach((v, i) => {
      if (Number.isNaN(v)) expect(Number.isNaN(decoded[i])).toBe(true);
      else expect(decoded[i]).toBe(Math.fround(v));
    });
  });

  it("accepts typed arrays and an empty row", () => {
    expect(Array.from(decodeRow(encodeRow(new Float64Array([2.5, 4]))))).toEqual([2.5, 4]);
    expect(encodeRow([]).byteLength).toBe(0);
    expect(decodeRow(new Uint8Array(0))).toHaveLength(0);
  });

  it("decodes from an unaligned view into a larger buffer", () => {
    const encoded = encodeRow([7, 8, 9]);
    const buffer = new Uint8Array(encoded.byteLength + 3);
    buffer.set(encoded, 3);
    const view = buffer.subarray(3);
    expect(Array.from(decodeRow(view))).toEqual([7, 8, 9]);
    expect(Array.from(sliceRow(view, 1, 3))).toEqual([8, 9]);
  });

  it("slices a column range [colStart, colEnd)", () => {
    const row = encodeRow([10, 11, 12, 13, 14]);
    expect(Array.from(sliceRow(row, 1, 4))).toEqual([11, 12, 13]);
    expect(Array.from(sliceRow(row, 0, 5))).toEqual([10, 11, 12, 13, 14]);
    expect(sliceRow(row, 2, 2)).toHaveLength(0);
    expect(rowLength(row)).toBe(5);
  });

  it("rejects ranges outside the row and bytes that are not float32s", () => {
    const row = encodeRow([1, 2, 3]);
    expect(() => sliceRow(row, -1, 2)).toThrow(RangeError);
    expect(() => sliceRow(row, 0, 4)).toThrow(RangeError);
    expect(() => sliceRow(row, 2, 1)).toThrow(RangeError);
    expect(() => sliceRow(row, 0.5, 2)).toThrow(RangeError);
    expect(() => decodeRow(new Uint8Array(5))).toThrow(/multiple of 4/);
  });
});
