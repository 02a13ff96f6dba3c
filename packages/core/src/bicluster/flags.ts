// Quality flags: reasons a bicluster should not be read at face value, each with a code and a
// sentence for people. A flagged bicluster is listed after the unflagged ones.
//  - one-condition: one condition carries most of the pattern (its share of the block's squared
//    departure from the background level > 50%), or the bicluster has a single condition;
//  - outliers: a few cells carry most of it (the largest 2% of the cells, at least 3, > 50%);
//  - low-expression: the genes' median raw level (before z-scoring) is below the dataset's 25th
//    percentile, in data whose gene levels carry information (spread of gene means > 2 x the
//    typical within-gene sd; not for centred data such as log-ratios);
//  - most-genes: it holds more than half of the analysed genes (a clustering, not a bicluster).
export type FlagCode = "one-condition" | "outliers" | "low-expression" | "most-genes";

export interface BiclusterFlag {
  code: FlagCode;
  reason: string;
}

/** Raw (pre-z-score) level of each analysed gene, and whether levels are informative in this dataset. */
export interface GeneLevels {
  level: Float64Array;
  /** 25th percentile of `level`. */
  lowCut: number;
  informative: boolean;
}

export function geneLevels(raw: Float64Array, C: number): GeneLevels {
  const n = raw.length / C;
  const level = new Float64Array(n);
  const sds: number[] = [];
  for (let i = 0; i < n; i++) {
    let s = 0;
    let s2 = 0;
    let k = 0;
    for (let j = 0; j < C; j++) {
      const v = raw[i * C + j]!;
      if (v !== v) continue;
      s += v;
      s2 += v * v;
      k++;
    }
    const m = k > 0 ? s / k : Number.NaN;
    level[i] = m;
    if (k > 1) sds.push(Math.sqrt(Math.max(0, s2 / k - m * m)));
  }
  const sorted = Array.from(level).filter(Number.isFinite).sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(p * (sorted.length - 1))))] ?? Number.NaN;
  sds.sort((a, b) => a - b);
  const typicalSd = sds[Math.floor(sds.length / 2)] ?? 0;
  return { level, lowCut: q(0.25), informative: q(0.75) - q(0.25) > 2 * typicalSd };
}

export interface FlagInput {
  values: Float64Array;
  C: number;
  genes: readonly number[];
  conditions: readonly number[];
  /** Background level per column (the column mean over all genes). */
  backgroundLevel: ArrayLike<number>;
  /** Analysed genes. */
  nGenes: number;
  conditionIds?: readonly string[];
  levels?: GeneLevels;
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

export function biclusterFlags(input: FlagInput): BiclusterFlag[] {
  const { values, C, genes, conditions, backgroundLevel } = input;
  const flags: BiclusterFlag[] = [];
  const name = (j: number) => input.conditionIds?.[j] ?? `condition ${j + 1}`;
  const perCol = conditions.map(() => 0);
  const cells: number[] = [];
  for (const g of genes) {
    conditions.forEach((j, k) => {
      const v = values[g * C + j]!;
      if (v !== v) return;
      const d = (v - backgroundLevel[j]!) ** 2;
      perCol[k]! += d;
      cells.push(d);
    });
  }
  const total = perCol.reduce((a, b) => a + b, 0);
  if (conditions.length === 1) {
    flags.push({ code: "one-condition", reason: `a single condition (${name(conditions[0]!)})` });
  } else if (total > 0) {
    const top = perCol.reduce((best, v, k) => (v > perCol[best]! ? k : best), 0);
    const share = perCol[top]! / total;
    if (share > 0.5) flags.push({ code: "one-condition", reason: `driven by one condition: ${name(conditions[top]!)} carries ${pct(share)} of the pattern` });
  }
  if (total > 0 && cells.length > 0) {
    cells.sort((a, b) => b - a);
    const t = Math.max(3, Math.ceil(0.02 * cells.length));
    const share = cells.slice(0, t).reduce((a, b) => a + b, 0) / total;
    if (share > 0.5 && t < cells.length) flags.push({ code: "outliers", reason: `driven by a few outlying values: ${t} of ${cells.length} cells carry ${pct(share)} of the pattern` });
  }
  const lv = input.levels;
  if (lv?.informative && genes.length > 0) {
    const own = genes.map((g) => lv.level[g]!).filter(Number.isFinite).sort((a, b) => a - b);
    const med = own[Math.floor(own.length / 2)];
    if (med !== undefined && med < lv.lowCut) {
      flags.push({ code: "low-expression", reason: `low-expressed genes: median level ${med.toPrecision(3)} is below the dataset's 25th percentile (${lv.lowCut.toPrecision(3)})` });
    }
  }
  if (genes.length > 0.5 * input.nGenes) {
    flags.push({ code: "most-genes", reason: `holds ${genes.length} of ${input.nGenes} analysed genes (${pct(genes.length / input.nGenes)}): a clustering, not a bicluster` });
  }
  return flags;
}
