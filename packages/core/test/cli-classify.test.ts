// exprlab classify / de / regress through main(argv) on the committed fixtures (ALL top-500, the limma matrix).
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { classifyResultSchema, regressResultSchema } from "../src/analysis/index.ts";
import { main } from "../src/cli/main.ts";

const fixtures = fileURLToPath(new URL("./fixtures/", import.meta.url));
const ALL = join(fixtures, "all/all-top500.csv.gz");
const SHEET = join(fixtures, "all/all-samples.csv");

let err = "";
beforeEach(() => {
  err = "";
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

describe("exprlab classify", () => {
  it("classifies ALL B vs T lineage with the SVM; metrics at the documented paths", async () => {
    const dir = await mkdtemp(join(tmpdir(), "exprlab-"));
    const result = join(dir, "result.json");
    const code = await main(["classify", ALL, "--labels", SHEET, "--label-column", "lineage", "--model", "svm", "--features", "top-variance:100", "--seed", "1", "--out", result, "--quiet"]);
    expect(err).not.toMatch(/exprlab:/);
    expect(code).toBe(0);
    const r = classifyResultSchema.parse(JSON.parse(await readFile(result, "utf8")));
    expect(r.method).toBe("svm-classifier");
    expect(r.params.featureCount).toBe(100);
    const m = r.payload.metrics;
    expect(m.accuracy).toBeGreaterThan(0.9);
    expect(m.integratedF1).toBeGreaterThan(0.5);
    expect(m.rocAuc).toBeGreaterThan(0.9);
    expect(m.perClass.map((c) => c.class)).toEqual(["B", "T"]);
    expect(m.confusion.matrix.flat().reduce((a, b) => a + b, 0)).toBe(39); // 30% of 128, stratified
    expect(r.payload.classBalance).toEqual([
      { class: "B", count: 95, fraction: 95 / 128 },
      { class: "T", count: 33, fraction: 33 / 128 },
    ]);
  });

  it("names a missing label column and an unknown model", async () => {
    expect(await main(["classify", ALL, "--labels", SHEET, "--label-column", "diagnosis", "--quiet"])).toBe(2);
    expect(err).toMatch(/no label column "diagnosis"; columns: lineage, stage, molbiol, sex/);
    expect(await main(["classify", ALL, "--labels", SHEET, "--label-column", "lineage", "--model", "de-regression", "--quiet"])).toBe(2);
    expect(err).toMatch(/not a classifier/);
  });
});

describe("exprlab de and regress", () => {
  it("writes limma's topTable for the fixture and regresses B on it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "exprlab-"));
    const table = join(dir, "table.csv");
    const code = await main(["de", join(fixtures, "limma/matrix.csv"), "--labels", join(fixtures, "limma/samples.csv"), "--label-column", "group", "--groups", "A,B", "--sort", "none", "--out", table]);
    expect(err).not.toMatch(/exprlab:/);
    expect(code).toBe(0);
    expect(err).toMatch(/prior df d0 = 3\.433/);
    const lines = (await readFile(table, "utf8")).trim().split("\n");
    expect(lines[0]).toBe("gene,logFC,AveExpr,t,P.Value,adj.P.Val,B");
    expect(lines).toHaveLength(301);
    // limma: g002 logFC -1.56132876073316, B 5.79170463032687
    const g2 = lines.find((l) => l.startsWith("g002,"))!.split(",").map(Number);
    expect(g2[1]).toBeCloseTo(-1.56132876073316, 9);
    expect(g2[6]).toBeCloseTo(5.79170463032687, 6);
    const result = join(dir, "regress.json");
    expect(await main(["regress", table, "--target", "B", "--models", "linear,knn", "--param", "folds=3", "--out", result, "--quiet"])).toBe(0);
    const r = regressResultSchema.parse(JSON.parse(await readFile(result, "utf8")));
    expect(r.payload.models.map((m) => m.name)).toEqual(["linear", "knn"]);
    expect(r.payload.input.features).toEqual(["logFC", "AveExpr"]);
    for (const m of r.payload.models) expect(m.metrics.rmse).toBeCloseTo(Math.sqrt(m.metrics.mse), 12);
    expect(await main(["regress", table, "--target", "pval"])).toBe(2);
    expect(err).toMatch(/no numeric column "pval"/);
  });
});
