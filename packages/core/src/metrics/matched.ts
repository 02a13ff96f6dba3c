// Gene-level scores of a clustering against true classes after optimal one-to-one matching.
import { InputError } from "../errors.ts";
import { maxWeightMatching } from "./hungarian.ts";

export interface ClassScore {
  label: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface MatchedScores {
  /** Fraction of all genes whose predicted cluster is matched to their true class. */
  accuracy: number;
  /** Macro averages over the true classes (unmatched classes count as 0). */
  precision: number;
  recall: number;
  f1: number;
  /** [truthLabel, predictedLabel] pairs chosen by the Hungarian algorithm (overlap > 0 only). */
  matching: [number, number][];
  /** One entry per true class, ascending label. */
  perClass: ClassScore[];
}

export interface MatchedScoresOptions {
  /**
   * When true, predicted -1 ("unassigned") is paired with true -1 ("background") before the
   * Hungarian matching of the other labels, so leaving background genes unassigned counts as
   * correct. Default false: unassigned genes are never correct.
   */
  unassignedIsBackground?: boolean;
}

function f1Of(p: number, r: number): number {
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

/**
 * Matches predicted clusters to true classes one-to-one by the Hungarian algorithm, maximising
 * the total number of shared genes, then scores at gene level.
 *
 * Background: -1 in `truth` is an ordinary class named "background" (it takes part in the
 * matching and in the macro averages). -1 in `predicted` means "unassigned": it is never matched
 * (unless options.unassignedIsBackground), counts as wrong for accuracy, and lowers recall.
 * Predicted clusters left without a class (more clusters than classes) are wrong too.
 * Per class: precision = |class ∩ matched cluster| / |matched cluster|, recall = ... / |class|.
 */
export function matchedScores(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  options: MatchedScoresOptions = {},
): MatchedScores {
  const n = truth.length;
  if (predicted.length !== n) {
    throw new InputError(`truth has ${n} labels but predicted has ${predicted.length}`, { field: "predicted" });
  }
  const pairBackground = options.unassignedIsBackground ?? false;
  const classes = [...new Set(Array.from(truth))].sort((a, b) => a - b);
  const clusters = [...new Set(Array.from(predicted).filter((l) => l !== -1))].sort((a, b) => a - b);
  const classIdx = new Map(classes.map((l, i) => [l, i]));
  const clusterIdx = new Map(clusters.map((l, i) => [l, i]));
  const overlap = classes.map(() => new Array<number>(clusters.length).fill(0));
  const classSize = new Array<number>(classes.length).fill(0);
  const clusterSize = new Array<number>(clusters.length).fill(0);
  let unassignedBackground = 0;
  let unassigned = 0;
  for (let i = 0; i < n; i++) {
    const t = classIdx.get(truth[i]!)!;
    classSize[t]!++;
    const p = predicted[i]!;
    if (p === -1) {
      unassigned++;
      if (truth[i] === -1) unassignedBackground++;
      continue;
    }
    const c = clusterIdx.get(p)!;
    clusterSize[c]!++;
    overlap[t]![c]!++;
  }
  const bgIdx = classIdx.get(-1);
  const matching: [number, number][] = [];
  const matchedOf = new Map<number, { hits: number; size: number }>();
  if (pairBackground && bgIdx !== undefined) {
    matching.push([-1, -1]);
    matchedOf.set(bgIdx, { hits: unassignedBackground, size: unassigned });
  }
  const rows = classes.map((_, i) => i).filter((i) => !(pairBackground && i === bgIdx));
  const pairs = maxWeightMatching(rows.map((r) => overlap[r]!));
  for (const [rr, c] of pairs) {
    const t = rows[rr]!;
    const hits = overlap[t]![c]!;
    if (hits === 0) continue;
    matching.push([classes[t]!, clusters[c]!]);
    matchedOf.set(t, { hits, size: clusterSize[c]! });
  }
  matching.sort((a, b) => a[0] - b[0]);
  let correct = 0;
  const perClass: ClassScore[] = classes.map((label, t) => {
    const m = matchedOf.get(t);
    if (!m) return { label, precision: 0, recall: 0, f1: 0 };
    correct += m.hits;
    const precision = m.size > 0 ? m.hits / m.size : 0;
    const recall = classSize[t]! > 0 ? m.hits / classSize[t]! : 0;
    return { label, precision, recall, f1: f1Of(precision, recall) };
  });
  const mean = (f: (s: ClassScore) => number) =>
    perClass.length > 0 ? perClass.reduce((a, s) => a + f(s), 0) / perClass.length : 0;
  return {
    accuracy: n > 0 ? correct / n : 0,
    precision: mean((s) => s.precision),
    recall: mean((s) => s.recall),
    f1: mean((s) => s.f1),
    matching,
    perClass,
  };
}
