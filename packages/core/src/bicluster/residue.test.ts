import { describe, expect, it } from "vitest";
import { meanSquaredResidue } from "../metrics/msr.ts";
import { createRng } from "../random.ts";
import { gatherRows, greedyColumnPath, msrOfColumns, rowResidues, splitStats, windowStats } from "./residue.ts";

function randomMatrix(nRows: number, nCols: number, seed: number, missing = 0.1): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: nRows * nCols }, () => (rng.next() < missing ? Number.NaN : rng.normal() * 2 + 1));
}

describe("incremental residue machinery agrees with meanSquaredResidue", () => {
  const C = 7;
  const values = randomMatrix(30, C, 11);
  const genes = [1, 4, 5, 9, 12, 20, 29];
  const sub = gatherRows(values, C, genes);

  it("msrOfColumns", () => {
    const active = Uint8Array.from([1, 0, 1, 1, 0, 1, 1]);
    expect(msrOfColumns(sub, active)).toBeCloseTo(meanSquaredResidue(values, C, genes, [0, 2, 3, 5, 6]), 10);
  });

  it("greedy path: each size's MSR is that of the remaining columns, and the best removal is taken", () => {
    const path = greedyColumnPath(sub, 2);
    expect(path.removed).toHaveLength(C - 2);
    for (let s = C; s >= 2; s--) {
      const dropped = new Set(path.removed.slice(0, C - s));
      const cols = [...Array(C).keys()].filter((j) => !dropped.has(j));
      expect(path.msr[s]).toBeCloseTo(meanSquaredResidue(values, C, genes, cols), 10);
      if (s > 2) {
        // brute force over the candidate removals at this step
        const best = Math.min(...cols.map((j) => meanSquaredResidue(values, C, genes, cols.filter((c) => c !== j))));
        expect(path.msr[s - 1]).toBeCloseTo(best, 10);
      }
    }
  });

  it("windowStats and splitStats (out-of-set residues under the in-set row model)", () => {
    const table = windowStats(sub, 3);
    const at = 2 * (C + 1) + 4;
    expect(table.msr[at]).toBeCloseTo(meanSquaredResidue(values, C, genes, [2, 3, 4, 5]), 10);
    expect(table.msr[0 * (C + 1) + C]).toBeCloseTo(meanSquaredResidue(values, C, genes, [...Array(C).keys()]), 10);
    expect(Number.isNaN(table.msr[0 * (C + 1) + 2]!)).toBe(true);
    // brute force: row means and overall mean over the window, column means over all genes
    const inCols = [2, 3, 4, 5];
    const outCols = [0, 1, 6];
    const colMean = (k: number) => {
      const xs = genes.map((g) => values[g * C + k]!).filter((v) => !Number.isNaN(v));
      return xs.reduce((s, v) => s + v, 0) / xs.length;
    };
    let tot = 0;
    let cnt = 0;
    const rowMean = genes.map((g) => {
      const xs = inCols.map((k) => values[g * C + k]!).filter((v) => !Number.isNaN(v));
      tot += xs.reduce((s, v) => s + v, 0);
      cnt += xs.length;
      return xs.reduce((s, v) => s + v, 0) / xs.length;
    });
    const mu = tot / cnt;
    let ss = 0;
    let n = 0;
    genes.forEach((g, i) => {
      for (const k of outCols) {
        const v = values[g * C + k]!;
        if (Number.isNaN(v)) continue;
        ss += (v - rowMean[i]! - colMean(k) + mu) ** 2;
        n++;
      }
    });
    expect(table.nOut[at]).toBe(n);
    expect(table.outMsr[at]).toBeCloseTo(ss / n, 10);
    const split = splitStats(sub, Uint8Array.from([0, 0, 1, 1, 1, 1, 0]));
    expect(split.outMsr).toBeCloseTo(ss / n, 10);
    expect(split.msr).toBeCloseTo(table.msr[at]!, 10);
    expect(split.nIn).toBe(table.nIn[at]);
  });

  it("row residues average to H without missing values", () => {
    const full = randomMatrix(10, 5, 3, 0);
    const s = gatherRows(full, 5, [0, 2, 4, 6]);
    const res = rowResidues(s, Uint8Array.from([1, 1, 0, 1, 1]));
    const mean = res.reduce((a, b) => a + b, 0) / res.length;
    expect(mean).toBeCloseTo(meanSquaredResidue(full, 5, [0, 2, 4, 6], [0, 1, 3, 4]), 10);
  });
});
