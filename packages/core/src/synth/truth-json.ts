// Plain-JSON form of the ground truth (for `exprlab synth` / `exprlab score truth.json result.json`).
import { z } from "zod";
import { InputError } from "../errors.ts";
import type { GroundTruth } from "./generate.ts";

export const TRUTH_KIND = "exprlab.ground-truth";
export const TRUTH_VERSION = 1;

export interface GroundTruthJSON {
  kind: typeof TRUTH_KIND;
  version: typeof TRUTH_VERSION;
  biclusters: { genes: number[]; conditions: number[]; pattern: string }[];
  labels: number[];
  geneIds?: string[];
  conditionIds?: string[];
}

const index = z.number().int().nonnegative();
const schema = z.object({
  kind: z.literal(TRUTH_KIND),
  version: z.literal(TRUTH_VERSION),
  biclusters: z.array(z.object({ genes: z.array(index), conditions: z.array(index), pattern: z.string() })),
  labels: z.array(z.number().int().min(-1)),
  geneIds: z.array(z.string()).optional(),
  conditionIds: z.array(z.string()).optional(),
});

export function truthToJSON(truth: GroundTruth): GroundTruthJSON {
  const out: GroundTruthJSON = {
    kind: TRUTH_KIND,
    version: TRUTH_VERSION,
    biclusters: truth.biclusters.map((b) => ({ genes: [...b.genes], conditions: [...b.conditions], pattern: b.pattern })),
    labels: Array.from(truth.labels),
  };
  if (truth.geneIds) out.geneIds = [...truth.geneIds];
  if (truth.conditionIds) out.conditionIds = [...truth.conditionIds];
  return out;
}

/** Parse ground truth from a JSON string or an already parsed value; InputError names the bad field. */
export function truthFromJSON(json: string | unknown): GroundTruth {
  let value: unknown = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw new InputError(`ground truth is not valid JSON: ${(err as Error).message}`);
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`invalid ground truth: ${issue.message}`, { field: issue.path.join(".") || "(root)" });
  }
  const d = parsed.data;
  const n = d.labels.length;
  d.biclusters.forEach((b, i) => {
    const bad = b.genes.find((g) => g >= n);
    if (bad !== undefined) throw new InputError(`gene index ${bad} out of range (${n} genes)`, { field: `biclusters.${i}.genes` });
    if (d.conditionIds) {
      const badC = b.conditions.find((c) => c >= d.conditionIds!.length);
      if (badC !== undefined) throw new InputError(`condition index ${badC} out of range`, { field: `biclusters.${i}.conditions` });
    }
  });
  const truth: GroundTruth = { biclusters: d.biclusters, labels: d.labels };
  if (d.geneIds) truth.geneIds = d.geneIds;
  if (d.conditionIds) truth.conditionIds = d.conditionIds;
  return truth;
}
