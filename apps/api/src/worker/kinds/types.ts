// What the worker needs to know about a run kind: how to load its input and how to store its result.
import type { AnalysisResult, KindInputs, RunKind } from "@exprlab/core";
import type { Prisma, PrismaClient } from "@exprlab/db";
import type { ClaimedRun } from "../../queue/claim.ts";

export interface KindHandler<K extends RunKind> {
  loadInput(prisma: PrismaClient, run: ClaimedRun): Promise<KindInputs[K]>;
  /** Writes the kind's rows inside the finishing transaction; returns the JSON for Run.result and a one-line summary. */
  writeResult(tx: Prisma.TransactionClient, run: ClaimedRun, input: KindInputs[K], result: AnalysisResult<K>): Promise<{ stored: unknown; summary: string }>;
}
