import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readMatrix } from "./index.ts";

const fixture = (name: string): string => fileURLToPath(new URL(`../../test/fixtures/${name}`, import.meta.url));

describe("fixtures: one matrix in every format", () => {
  it.each([
    ["small.csv", "csv", false],
    ["small.tsv.gz", "tsv", true],
    ["small.gct", "gct", false],
    ["small_series_matrix.txt", "geo-series-matrix", false],
    ["small-decimal-comma.csv", "csv", false],
    ["small.xlsx", "xlsx", false],
  ] as const)("%s", async (name, format, gzip) => {
    const { matrix, report } = await readMatrix(fixture(name), { parseTimes: true });
    expect(report).toMatchObject({ format, gzip, genes: 3, conditions: 4, missingValues: 2, times: [0, 2, 4, 8] });
    expect(matrix.genes).toEqual(["g1", "g2", "g3"]);
    const v = Array.from(matrix.values, (x) => (Number.isNaN(x) ? null : x));
    expect(v).toEqual([5.1, 5.3, null, 6.0, 7.0, 6.5, 6.1, 5.9, 2.2, null, 3.1, 4.0]);
    expect(report.decimal).toBe(name.includes("decimal-comma") ? "," : ".");
    if (format !== "geo-series-matrix") expect(matrix.annotations?.rows.map((r) => r[0])).toEqual(["TP53", "MYC", ""]);
    else expect(matrix.conditions[1]).toEqual({ id: "GSM2", label: "time: 2 h", time: 2 });
  });
});

describe("fixtures: decimal-comma CSV and .xlsx import exactly the matrix of the CSV", () => {
  it.each(["small-decimal-comma.csv", "small.xlsx"])("%s", async (name) => {
    const reference = await readMatrix(fixture("small.csv"), { parseTimes: true });
    const other = await readMatrix(fixture(name), { parseTimes: true });
    expect(other.matrix.genes).toEqual(reference.matrix.genes);
    expect(other.matrix.conditions).toEqual(reference.matrix.conditions);
    expect(other.matrix.annotations).toEqual(reference.matrix.annotations);
    expect(Array.from(other.matrix.values)).toEqual(Array.from(reference.matrix.values));
    expect(other.report.delimiter).toBe(name.endsWith(".xlsx") ? "" : ";");
  });
});
