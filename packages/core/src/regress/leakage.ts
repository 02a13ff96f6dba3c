// Which columns of a DE table may predict a target without leaking it. In limma's topTable:
//
//   logFC (estimated effect)  AveExpr (mean expression: does not involve the groups' difference)
//     |
//     t = logFC / (s~ x stdev.unscaled)          moderated t: computed FROM logFC
//     |-- P.Value = 2 P(T > |t|)                  a function of |t| (and df)
//     |     `-- adj.P.Val = BH(P.Value)           a function of P.Value (and the ranks)
//     `-- B = log-odds from t^2, df, var.prior    a function of |t| (with the design's constants)
//
// Rules: (1) the target itself; (2) every column computed from the target (its descendants: for
// logFC that is t, P.Value, adj.P.Val and B); (3) for a target of the test-statistic family
// (t, P.Value, adj.P.Val, B: each a monotone function of |t| when all genes share the design), the
// rest of that family, since any member determines the target almost exactly. What remains is
// legitimate: for B, logFC and AveExpr (effect size and abundance: B depends on them only through
// the gene's unknown variance); for logFC, AveExpr only, plus extra columns of the user's, which
// we cannot trace and keep (with a note).
const CANONICAL: Record<string, string> = {
  logfc: "logFC",
  log2foldchange: "logFC",
  aveexpr: "AveExpr",
  basemean: "AveExpr",
  t: "t",
  stat: "t",
  "p.value": "P.Value",
  pvalue: "P.Value",
  "adj.p.val": "adj.P.Val",
  padj: "adj.P.Val",
  fdr: "adj.P.Val",
  b: "B",
  lods: "B",
};

const CHILDREN: Record<string, string[]> = { logFC: ["t"], t: ["P.Value", "B"], "P.Value": ["adj.P.Val"] };
const T_FAMILY = new Set(["t", "P.Value", "adj.P.Val", "B"]);

export function canonicalColumn(name: string): string | null {
  return CANONICAL[name.toLowerCase()] ?? null;
}

function descendants(col: string): string[] {
  const out: string[] = [];
  for (const c of CHILDREN[col] ?? []) out.push(c, ...descendants(c));
  return out;
}

export interface FeatureChoice {
  features: string[];
  excluded: { column: string; reason: string }[];
  /** Columns the user named as features although they leak the target. */
  leaking: string[];
}

/**
 * The feature columns for `target`: all other columns minus the leaking ones (or `requested`,
 * which may include leaking ones: they are listed in `leaking`).
 */
export function chooseFeatures(columns: readonly string[], target: string, requested?: readonly string[], exclude: readonly string[] = []): FeatureChoice {
  const canon = canonicalColumn(target);
  const leaks = new Map<string, string>();
  if (canon) {
    for (const d of descendants(canon)) leaks.set(d, `computed from ${target}`);
    if (T_FAMILY.has(canon)) {
      for (const f of T_FAMILY) if (f !== canon && !leaks.has(f)) leaks.set(f, `a function of |t|, as ${target} is`);
    }
  }
  const leakOf = (col: string) => {
    const c = canonicalColumn(col);
    return c ? leaks.get(c) : undefined;
  };
  const excluded: FeatureChoice["excluded"] = [];
  const leaking: string[] = [];
  let features: string[];
  if (requested && requested.length > 0) {
    features = requested.filter((c) => c !== target);
    for (const c of features) if (leakOf(c)) leaking.push(c);
  } else {
    features = [];
    for (const c of columns) {
      if (c === target) continue;
      const why = leakOf(c);
      if (why) excluded.push({ column: c, reason: why });
      else if (exclude.includes(c)) excluded.push({ column: c, reason: "excluded by the user" });
      else features.push(c);
    }
  }
  return { features, excluded, leaking };
}
