// What k-means and the SVM see per gene: the LSTM embedding, the normalised profile, or both.
//
// "both" (default, measured; see bench and the recovery test): the embedding's columns are
// standardised (mean 0, sd 1 over genes) and the whole block is scaled so that its expected
// squared norm equals the profile block's (a z-scored profile of T points has squared norm T)
// times `embeddingWeight`. Neither block dominates by its dimension (64 units vs 8-50 points).
// The null centroid (a gene without pattern) is the flat profile (all zeros after z-scoring)
// together with the embedding of a flat sequence, standardised the same way.

export type FeatureMode = "both" | "embedding" | "profile";

export interface Features {
  data: Float64Array;
  dim: number;
  /** Features of a patternless (flat) gene. */
  nullVector: number[];
}

export function buildFeatures(
  profiles: Float64Array,
  T: number,
  embedding: { data: Float32Array; dim: number; flat: Float32Array } | null,
  mode: FeatureMode,
  embeddingWeight: number,
): Features {
  const n = profiles.length / T;
  const useProfile = mode !== "embedding" || !embedding;
  const useEmb = mode !== "profile" && embedding !== null;
  const U = useEmb ? embedding.dim : 0;
  const P = useProfile ? T : 0;
  const dim = U + P;
  const data = new Float64Array(n * dim);
  const nullVector = new Array<number>(dim).fill(0);
  if (useEmb) {
    const mean = new Float64Array(U);
    const sd = new Float64Array(U);
    for (let i = 0; i < n; i++) for (let u = 0; u < U; u++) mean[u]! += embedding.data[i * U + u]!;
    for (let u = 0; u < U; u++) mean[u]! /= n;
    for (let i = 0; i < n; i++) {
      for (let u = 0; u < U; u++) {
        const d = embedding.data[i * U + u]! - mean[u]!;
        sd[u]! += d * d;
      }
    }
    for (let u = 0; u < U; u++) sd[u] = Math.sqrt(sd[u]! / n) || 1;
    // Each standardised column has variance 1, so the block's expected squared norm is U.
    const scale = useProfile ? Math.sqrt((embeddingWeight * T) / U) : 1;
    for (let i = 0; i < n; i++) {
      for (let u = 0; u < U; u++) data[i * dim + u] = ((embedding.data[i * U + u]! - mean[u]!) / sd[u]!) * scale;
    }
    for (let u = 0; u < U; u++) nullVector[u] = ((embedding.flat[u]! - mean[u]!) / sd[u]!) * scale;
  }
  if (useProfile) {
    for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) data[i * dim + U + t] = profiles[i * T + t]!;
  }
  return { data, dim, nullVector };
}
