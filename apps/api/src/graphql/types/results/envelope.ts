// The fields every run kind's result shares (core's result envelope).
import type { ResultEnvelope } from "@exprlab/core";
import { builder } from "../../builder.ts";

export const RunStageRef = builder.objectRef<ResultEnvelope["stages"][number]>("RunStage").implement({
  fields: (t) => ({ id: t.exposeString("id"), label: t.exposeString("label"), seconds: t.exposeFloat("seconds") }),
});

type Envelope = Pick<ResultEnvelope, "method" | "seed" | "backend" | "stages" | "totalSeconds" | "warnings" | "resumed"> & {
  versions: ResultEnvelope["versions"] | null;
};

/** The fields every kind's result shares (core's result envelope). */
export const envelopeFields = <E extends Envelope>(t: PothosSchemaTypes.ObjectFieldBuilder<typeof builder.$inferSchemaTypes, E>) => ({
  method: t.string({ resolve: (r) => r.method }),
  seed: t.int({ resolve: (r) => r.seed }),
  backend: t.string({ nullable: true, resolve: (r) => r.backend?.name ?? null }),
  coreVersion: t.string({ nullable: true, resolve: (r) => r.versions?.core ?? null }),
  nodeVersion: t.string({ nullable: true, resolve: (r) => r.versions?.node ?? null }),
  stages: t.field({ type: [RunStageRef], description: "Seconds per stage in pipeline order.", resolve: (r) => r.stages }),
  totalSeconds: t.float({ resolve: (r) => r.totalSeconds }),
  warnings: t.stringList({ resolve: (r) => r.warnings }),
  resumedStages: t.stringList({ description: "Stages restored from an earlier attempt's checkpoint instead of computed again.", resolve: (r) => r.resumed }),
});

