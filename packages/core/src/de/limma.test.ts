import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readMatrix } from "../io/index.ts";
import { adjustBH, fitFDist } from "./limma.ts";
import { moderatedTTest } from "./moderated-t.ts";
import { tetragamma, trigamma, trigammaInverse } from "./special.ts";

const dir = fileURLToPath(new URL("../../test/fixtures/limma/", import.meta.url));

function readExpected(): Record<string, number>[] {
  const [header, ...lines] = readFileSync(dir + "expected.csv", "utf8").trim().split("\n");
  const cols = header!.split(",");
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i]!, cols[i] === "gene" ? (v as unknown as number) : Number(v)])));
}

/** |a - b| <= tol * max(1, |b|) */
function close(a: number, b: number, tol: number): boolean {
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

describe("special functions", () => {
  it("tetragamma matches known values and inverts trigamma", () => {
    // psi''(1) = -2 zeta(3)
    expect(tetragamma(1)).toBeCloseTo(-2.4041138063191885, 12);
    expect(tetragamma(0.5)).toBeCloseTo(-16.828796644234316, 10);
    for (const y of [0.3, 1, 2.5, 17, 400]) expect(trigammaInverse(trigamma(y))).toBeCloseTo(y, 6);
  });

  it("BH adjustment equals p.adjust on a hand example", () => {
    // p.adjust(c(0.01, 0.04, 0.03, 0.5), "BH"): sorted 0.01 0.03 0.04 0.5 times n/rank = 0.04 0.06
    // 0.0533 0.5, then the running minimum from the top: 0.04 0.0533 0.0533 0.5
    const adj = Array.from(adjustBH([0.01, 0.04, 0.03, 0.5]));
    [0.04, 0.16 / 3, 0.16 / 3, 0.5].forEach((v, i) => expect(adj[i]).toBeCloseTo(v, 14));
    const withNa = adjustBH([0.02, Number.NaN, 0.01]);
    expect(withNa[0]).toBeCloseTo(0.02, 12);
    expect(Number.isNaN(withNa[1]!)).toBe(true);
  });

  it("fitFDist returns infinite df when variances vary less than chance", () => {
    const r = fitFDist([1, 1, 1, 1], [4, 4, 4, 4]);
    expect(r.df2).toBe(Infinity);
    expect(r.scale).toBeCloseTo(1, 12);
  });
});

describe("moderated t-test against R's limma (test/fixtures/limma)", () => {
  it("reproduces d0, s0^2, logFC, AveExpr, t, P.Value, adj.P.Val and B", async () => {
    const { matrix } = await readMatrix(dir + "matrix.csv");
    const labels = matrix.conditions.map((c) => (c.id.startsWith("a") ? "A" : "B"));
    const res = moderatedTTest(matrix, labels, ["A", "B"]);
    const hyper = JSON.parse(readFileSync(dir + "expected.json", "utf8")) as { dfPrior: number; s2Prior: number; varPrior: number };
    expect(res.dfPrior).toBeCloseTo(hyper.dfPrior, 8);
    expect(res.s2Prior).toBeCloseTo(hyper.s2Prior, 10);
    expect(close(res.varPrior, hyper.varPrior, 1e-7)).toBe(true);
    const expected = readExpected();
    expect(res.rows.length).toBe(expected.length);
    let worst = 0;
    for (let i = 0; i < expected.length; i++) {
      const e = expected[i]!;
      const r = res.rows[i]!;
      expect(r.gene).toBe(e.gene);
      for (const col of ["logFC", "AveExpr", "t", "P.Value", "adj.P.Val", "B"] as const) {
        const ok = col === "P.Value" || col === "adj.P.Val" ? Math.abs(r[col] - e[col]!) <= 1e-9 + 1e-7 * e[col]! : close(r[col], e[col]!, 1e-7);
        if (!ok) throw new Error(`${r.gene} ${col}: ${r[col]} vs limma ${e[col]}`);
        worst = Math.max(worst, Math.abs(r[col] - e[col]!) / Math.max(1, Math.abs(e[col]!)));
      }
    }
    expect(worst).toBeLessThan(1e-7);
  });

  it("names the missing class", async () => {
    const { matrix } = await readMatrix(dir + "matrix.csv");
    const labels = matrix.conditions.map(() => "A");
    expect(() => moderatedTTest(matrix, labels, ["A", "B"])).toThrow(/no sample has class "B"/);
  });
});
