// Shared pieces of the comment services: resolving a comment's target inside the caller's teams.
import type { CommentTarget } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { badInput } from "../errors.ts";
import type { Db } from "./db.ts";
import { getBiclusterOrThrow } from "./get-bicluster-or-throw.ts";
import { getRunOrThrow } from "./get-run-or-throw.ts";

export interface CommentTargetInput {
  target: CommentTarget;
  runId?: string | null;
  biclusterId?: string | null;
  /** Team and gene symbol for GENE comments. */
  teamId?: string | null;
  gene?: string | null;
}

export interface ResolvedTarget {
  teamId: string;
  target: CommentTarget;
  runId: string | null;
  biclusterId: string | null;
  gene: string | null;
}

/** The target's team and ids; another team's run/bicluster is NOT_FOUND. */
export async function resolveCommentTarget(db: Db, caller: Caller, input: CommentTargetInput): Promise<ResolvedTarget> {
  switch (input.target) {
    case "RUN": {
      if (!input.runId) throw badInput("runId", "is required for RUN comments");
      const run = await getRunOrThrow(db, caller, input.runId);
      return { teamId: run.teamId, target: "RUN", runId: run.id, biclusterId: null, gene: null };
    }
    case "BICLUSTER": {
      if (!input.biclusterId) throw badInput("biclusterId", "is required for BICLUSTER comments");
      const bicluster = await getBiclusterOrThrow(db, caller, input.biclusterId);
      return { teamId: bicluster.teamId, target: "BICLUSTER", runId: null, biclusterId: bicluster.id, gene: null };
    }
    case "GENE": {
      if (!input.teamId) throw badInput("teamId", "is required for GENE comments");
      const gene = input.gene?.trim();
      if (!gene) throw badInput("gene", "is required for GENE comments");
      await requireTeamRole(caller, input.teamId, "VIEWER");
      return { teamId: input.teamId, target: "GENE", runId: null, biclusterId: null, gene };
    }
  }
}
