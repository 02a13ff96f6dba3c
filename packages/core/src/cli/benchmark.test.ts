import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { benchmarkResultSchema, biclusterResultSchema } from "../analysis/envelope.ts";
import { writeMatrixCsv } from "../io/index.ts";
import { generateSynthetic, truthToJSON } from "../synth/index.ts";
import { parseMemberParamFlags } from "./benchmark.ts";
import { main } from "./main.ts";

const dir = mkdtempSync(join(tmpdir(), "exprlab-cli-bench-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

async function planted(): Promise<{ csv: string; truth: string; classes: string }> {
  const { matrix, truth } = generateSynthetic({ seed: 3, genes: 100, timePoints: 8, biclusters: 2, genesPerBicluster: 25 });
  const csv = join(dir, "data.csv");
  await writeMatrixCsv(matrix, csv);
  const truthPath = join(dir, "truth.json");
  writeFileSync(truthPath, JSON.stringify(truthToJSON(truth)));
  const classes = join(dir, "classes.csv");
  writeFileSync(classes, "gene,class\n" + matrix.genes.map((g, i) => `${g},${truth.labels[i]! >= 0 ? `c${truth.labels[i]}` : "background"}`).join("\n"));
  return { csv, truth: truthPath, classes };
}

describe("exprlab benchmark", () => {
  it("runs methods x seeds against a truth file, prints the table and writes the result", async () => {
    const { csv, truth, classes } = await planted();
    const outPath = join(dir, "bench.json");
    const res = await run(["benchmark", csv, "--truth", truth, "--methods", "kmeans,cheng-church", "--seeds", "2", "--k", "2", "--permutations", "19", "--param", "cheng-church.delta=0.4", "--out", outPath, "--quiet"]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^method\s+runs\s+accuracy\s+precision\s+recall\s+F1/);
    expect(res.stdout).toMatch(/\nkmeans\s+2\s+\d\.\d{3}±\d\.\d{3}/);
    expect(res.stdout).toMatch(/\ncheng-church\s+2\s/);
    const written = benchmarkResultSchema.parse(JSON.parse(readFileSync(outPath, "utf8")));
    expect(written.payload.members).toHaveLength(4);
    expect(written.payload.members.find((m) => m.method === "cheng-church")!.params.delta).toBe(0.4);
    expect(written.payload.truth?.source).toBe("truth-file");
    // a gene-class table instead: gene scores, but no consensus column (classes have no conditions)
    const byClass = await run(["benchmark", csv, "--truth", classes, "--methods", "kmeans", "--seeds", "1", "--k", "2", "--permutations", "0", "--quiet"]);
    expect(byClass.code, byClass.stderr).toBe(0);
    expect(byClass.stdout).toMatch(/F1/);
    expect(byClass.stdout.split("\n")[0]).not.toMatch(/consensus/);
  });

  it("reports bad input with exit code 2", async () => {
    const { csv } = await planted();
    expect((await run(["benchmark", csv, "--methods", "kmeans,nope", "--quiet"])).code).toBe(2);
    expect((await run(["benchmark", csv, "--methods", "kmeans", "--param", "delta=0.3", "--quiet"])).stderr).toMatch(/method\.name=value/);
    expect(() => parseMemberParamFlags(["plaid.model=m", "plaid.shuffle=0", "hmm.background=false"])).not.toThrow();
    expect(parseMemberParamFlags(["plaid.model=m", "plaid.shuffle=0", "hmm.background=false"])).toEqual({ plaid: { model: "m", shuffle: 0 }, hmm: { background: false } });
  });
});

describe("exprlab bicluster --method", () => {
  it.each([
    ["svm", ["--param", "maxOuterIterations=1"]],
    ["hmm", ["--param", "maxIterations=5"]],
    ["rnn", ["--epochs", "1", "--units", "4"]],
    ["cheng-church", []],
    ["plaid", []],
    ["spectral", ["--param", "components=3", "--param", "best=2"]],
  ])("runs %s from the registry", async (method, extra) => {
    const { csv } = await planted();
    const res = await run(["bicluster", csv, "--method", method, "--k", "2", "--param", "permutations=19", ...extra, "--quiet"]);
    expect(res.code, res.stderr).toBe(0);
    const result = biclusterResultSchema.parse(JSON.parse(res.stdout));
    expect(result.method).toBe(method);
  });
});
