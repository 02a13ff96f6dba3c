// Result of a BICLUSTER run: metrics, the K choice and the method's reports (the biclusters
// themselves are Run.biclusters).
import type { StoredBiclusterResult as StoredResult } from "../../../services/read-run-result.ts";
import { builder } from "../../builder.ts";
import { envelopeFields } from "./envelope.ts";


type Metrics = StoredResult["payload"]["metrics"];
const BiclusterMetricsRef = builder.objectRef<Metrics>("BiclusterMetrics").implement({
  fields: (t) => ({
    biclusters: t.exposeInt("biclusters"),
    silhouette: t.exposeFloat("silhouette", { nullable: true, description: "Mean silhouette of assigned genes (higher = better separated)." }),
    msrMean: t.exposeFloat("msrMean", { nullable: true, description: "Mean squared residue (lower = more coherent)." }),
    pValueMedian: t.exposeFloat("pValueMedian", { nullable: true }),
    assignedGenes: t.exposeInt("assignedGenes"),
    unassignedGenes: t.exposeInt("unassignedGenes"),
  }),
});

type KChoice = NonNullable<StoredResult["payload"]["kChoice"]>;
const KScoreRef = builder.objectRef<KChoice["scores"][number]>("KScore").implement({
  fields: (t) => ({
    k: t.exposeInt("k"),
    silhouette: t.exposeFloat("silhouette", { nullable: true }),
    inertia: t.exposeFloat("inertia"),
    gap: t.float({ nullable: true, resolve: (s) => s.gap ?? null }),
    gapIncrement: t.float({ nullable: true, resolve: (s) => s.gapIncrement ?? null }),
    biclusters: t.int({
      nullable: true,
      description: "Biclusters that pay for naming their genes, made of this K's clustering (the check of an automatic K; null where not tried).",
      resolve: (s) => s.biclusters ?? null,
    }),
  }),
});
const KChoiceRef = builder.objectRef<KChoice>("KChoice").implement({
  description: "How K was chosen: given, or scanned with a criterion (scores per K).",
  fields: (t) => ({
    k: t.exposeInt("k"),
    auto: t.exposeBoolean("auto"),
    criterion: t.exposeString("criterion"),
    reason: t.exposeString("reason"),
    scores: t.field({ type: [KScoreRef], resolve: (c) => c.scores }),
  }),
});

type Overlap = NonNullable<StoredResult["payload"]["overlaps"]>[number];
const BiclusterOverlapRef = builder.objectRef<Overlap>("BiclusterOverlap").implement({
  description: "Two biclusters of the run (by index) that share genes or conditions.",
  fields: (t) => ({
    a: t.exposeInt("a", { description: "Index of the first bicluster (Bicluster.index)." }),
    b: t.exposeInt("b", { description: "Index of the second bicluster." }),
    sharedGenes: t.exposeInt("sharedGenes"),
    sharedConditions: t.exposeInt("sharedConditions"),
  }),
});

export const BiclusterRunResultRef = builder.objectRef<StoredResult>("BiclusterRunResult").implement({
  description: "Result of a BICLUSTER run (the biclusters themselves are Run.biclusters).",
  fields: (t) => ({
    ...envelopeFields(t),
    metrics: t.field({ type: BiclusterMetricsRef, resolve: (r) => r.payload.metrics }),
    kChoice: t.field({ type: KChoiceRef, nullable: true, resolve: (r) => r.payload.kChoice }),
    keptGenes: t.int({ description: "Genes left after preprocessing.", resolve: (r) => r.payload.preprocess.keptGenes }),
    overlaps: t.field({
      type: [BiclusterOverlapRef],
      description: "Pairs of biclusters sharing genes or conditions ([] when none or when the method does not report them).",
      resolve: (r) => r.payload.overlaps ?? [],
    }),
    details: t.field({ type: "JSON", description: "Method-specific reports (LSTM training, SVM iterations...).", resolve: (r) => r.payload.details }),
  }),
});

