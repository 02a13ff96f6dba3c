// The GraphQL schema: every capability registers its types and root fields on the builder.
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { builder } from "./builder.ts";
import "./types/common.ts";
import "./types/auth.ts";
import "./types/teams.ts";
import "./types/datasets.ts";
import "./types/runs.ts";
import "./types/annotations.ts";
import "./types/biclusters.ts";
import "./types/comments.ts";
import "./types/analyses.ts";
import "./types/benchmarks.ts";
import "./types/activity.ts";
import "./types/conditions.ts";
import "./types/heatmaps.ts";
import "./types/enrichment.ts";
import "./types/genes.ts";
import "./types/notifications.ts";
import "./types/significance.ts";

export const schema: GraphQLSchema = builder.toSchema();

/** The schema as SDL, sorted so that the committed file diffs cleanly. */
export function printedSchema(): string {
  return printSchema(lexicographicSortSchema(schema)) + "\n";
}
