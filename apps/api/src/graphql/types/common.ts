// Shared GraphQL pieces: enums mirroring Prisma's, cursor connections, conditions, users.
import type { ObjectRef } from "@pothos/core";
import type { User } from "@exprlab/db";
import type { ConditionInfo } from "../../services/get-dataset-or-throw.ts";
import type { Connection, PageInfo } from "../../services/pagination.ts";
import { builder } from "../builder.ts";

export const RoleEnum = builder.enumType("Role", {
  description: "Team roles, strongest first. Viewers read; members also write; admins manage members; owners manage owners.",
  values: ["OWNER", "ADMIN", "MEMBER", "VIEWER"] as const,
});
export const DatasetKindEnum = builder.enumType("DatasetKind", { values: ["TIME_COURSE", "SAMPLES", "DE_TABLE"] as const });
export const RunStatusEnum = builder.enumType("RunStatus", { values: ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELED"] as const });
export const BiomarkerStatusEnum = builder.enumType("BiomarkerStatus", { values: ["CANDIDATE", "VALIDATED", "REJECTED"] as const });
export const CommentTargetEnum = builder.enumType("CommentTarget", { values: ["RUN", "BICLUSTER", "GENE"] as const });

export const PageInfoRef = builder.objectRef<PageInfo>("PageInfo").implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean("hasNextPage"),
    endCursor: t.exposeString("endCursor", { nullable: true, description: "Pass as `after` to get the next page." }),
  }),
});

/** `<Name>Connection { nodes, pageInfo, totalCount }` for keyset-paginated lists. */
export function connectionOf<T>(ref: ObjectRef<typeof builder.$inferSchemaTypes, T>, name: string) {
  return builder.objectRef<Connection<T>>(`${name}Connection`).implement({
    description: `A page of ${name} (cursor pagination: pass pageInfo.endCursor as \`after\`).`,
    fields: (t) => ({
      nodes: t.field({ type: [ref], resolve: (c) => c.nodes }),
      pageInfo: t.field({ type: PageInfoRef, resolve: (c) => c.pageInfo }),
      totalCount: t.int({ description: "Items matching the filter, over all pages.", resolve: (c) => c.totalCount() }),
    }),
  });
}

const ConditionFieldRef = builder.objectRef<{ name: string; value: string }>("ConditionField").implement({
  fields: (t) => ({ name: t.exposeString("name"), value: t.exposeString("value") }),
});

export const ConditionRef = builder.objectRef<ConditionInfo>("Condition").implement({
  description: "A column of a dataset: a time point or a sample.",
  fields: (t) => ({
    index: t.exposeInt("index", { description: "Column index in the dataset (0-based)." }),
    id: t.exposeString("id", { description: "Column name from the file." }),
    time: t.exposeFloat("time", { nullable: true, description: "Time in hours (time courses), when known." }),
    timeUnit: t.exposeString("timeUnit", { nullable: true, description: "Unit the time was given in (s, min, h, d, w), for display." }),
    label: t.exposeString("label", { nullable: true }),
    group: t.exposeString("group", { nullable: true, description: "Experimental group (treatment, genotype...)." }),
    replicate: t.exposeString("replicate", { nullable: true }),
    subject: t.exposeString("subject", { nullable: true, description: "Patient, donor or animal the sample came from." }),
    fields: t.field({
      type: [ConditionFieldRef],
      description: "Other sample-sheet columns.",
      resolve: (c) => Object.entries(c.fields).map(([name, value]) => ({ name, value })),
    }),
  }),
});

export const UserRef = builder.objectRef<User>("User").implement({
  description: "A person. Only visible through objects of teams the caller belongs to, or as the caller.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    email: t.exposeString("email"),
  }),
});

/** Loads a user for `author`/`createdBy` fields through the request's DataLoader. */
export async function loadUser(ctx: { loaders: { user: { load(id: string): Promise<User | null> } } }, id: string): Promise<User> {
  const user = await ctx.loaders.user.load(id);
  if (!user) throw new Error(`user ${id} vanished`);
  return user;
}

/** `first`/`after` arguments of every paginated field. */
export const pageArgs = builder.args((t) => ({
  first: t.int({ description: "Page size (default 20, max 100)." }),
  after: t.string({ description: "pageInfo.endCursor of the previous page." }),
}));
