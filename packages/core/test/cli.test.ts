// The exprlab CLI through main(argv): files in a temp dir, stdout/stderr captured.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../src/cli/main.ts";
import { biclusterResultSchema } from "../src/analysis/index.ts";

let out = "";
let err = "";
beforeEach(() => {
  out = "";
  err = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

describe("exprlab", () => {
  it("synth -> bicluster -> score round trip", async () => {
    const dir = await mkdtemp(join(tmpdir(), "exprlab-"));
    const data = join(dir, "data.csv");
    const truth = join(dir, "truth.json");
    const result = join(dir, "result.json");
    expect(await main(["synth", "--genes", "300", "--time-points", "12", "--biclusters", "3", "--seed", "2", "--out", data, "--truth", truth])).toBe(0);
    expect(err).toMatch(/wrote 300 x 12/);
    const code = await main(["bicluster", data, "--method", "kmeans", "--k", "3", "--seed", "1", "--parse-times", "--param", "permutations=9", "--out", result, "--quiet"]);
    expect(err).not.toMatch(/exprlab:/);
    expect(code).toBe(0);
    const parsed = biclusterResultSchema.parse(JSON.parse(await readFile(result, "utf8")));
    expect(parsed.params.permutations).toBe(9);
    expect(parsed.payload.input.timed).toBe(true);
    out = "";
    expect(await main(["score", truth, result, "--json"])).toBe(0);
    const scores = JSON.parse(out) as Record<string, number>;
    for (const key of ["accuracy", "precision", "recall", "f1", "relevance", "recovery", "consensus"]) {
      expect(scores[key]).toBeGreaterThanOrEqual(0);
      expect(scores[key]).toBeLessThanOrEqual(1);
    }
    expect(scores.consensus).toBeGreaterThan(0.5);
  });

  it("prints help and exits 0", async () => {
    expect(await main(["--help"])).toBe(0);
    expect(out + err).toMatch(/bicluster/);
  });

  it("names line and column of malformed input and exits 2; other usage errors exit 2", async () => {
    const dir = await mkdtemp(join(tmpdir(), "exprlab-"));
    const bad = join(dir, "bad.csv");
    await writeFile(bad, "gene,t0,t1,t2\ng1,1,2,3\ng2,1,abc,3\n");
    expect(await main(["bicluster", bad, "--quiet"])).toBe(2);
    expect(err).toMatch(/line 3, column 3/);
    expect(await main(["bicluster", join(dir, "missing.csv")])).toBe(2);
    expect(err).toMatch(/cannot read/);
    expect(await main(["bicluster", bad, "--k", "x"])).toBe(2);
    expect(await main(["bicluster", bad, "--method", "no-such-method"])).toBe(2);
    expect(err).toMatch(/unknown method/);
  });
});
