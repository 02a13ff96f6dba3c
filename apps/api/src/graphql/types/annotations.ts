// Annotations (a team's biomarker verdict per gene) with optimistic concurrency, and their history.
import type { Annotation, AnnotationRevision } from "@exprlab/db";
import { getAnnotationOrThrow } from "../../services/get-annotation-or-throw.ts";
import { listAnnotationRevisions, listAnnotations } from "../../services/list-annotations.ts";
import { upsertAnnotation } from "../../services/upsert-annotation.ts";
import { builder } from "../builder.ts";
import { BiomarkerStatusEnum, connectionOf, loadUser, pageArgs, UserRef } from "./common.ts";

export const AnnotationRevisionRef = builder.objectRef<AnnotationRevision>("AnnotationRevision").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    version: t.exposeInt("version"),
    status: t.field({ type: BiomarkerStatusEnum, resolve: (r) => r.status }),
    note: t.exposeString("note"),
    tags: t.exposeStringList("tags"),
    evidenceLinks: t.exposeStringList("evidenceLinks"),
    author: t.field({ type: UserRef, resolve: (r, _a, ctx) => loadUser(ctx, r.authorId) }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});
const AnnotationRevisionConnection = connectionOf(AnnotationRevisionRef, "AnnotationRevision");

export const AnnotationRef = builder.objectRef<Annotation>("Annotation").implement({
  description: "A team's verdict on a gene as biomarker. Edit with upsertAnnotation(expectedVersion: version).",
  fields: (t) => ({
    id: t.exposeID("id"),
    teamId: t.exposeID("teamId"),
    gene: t.exposeString("gene"),
    status: t.field({ type: BiomarkerStatusEnum, resolve: (a) => a.status }),
    note: t.exposeString("note"),
    tags: t.exposeStringList("tags"),
    evidenceLinks: t.exposeStringList("evidenceLinks"),
    version: t.exposeInt("version", { description: "Pass as expectedVersion when editing." }),
    author: t.field({ type: UserRef, description: "Who saved the current version.", resolve: (a, _x, ctx) => loadUser(ctx, a.authorId) }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    revisions: t.field({
      type: AnnotationRevisionConnection,
      args: pageArgs,
      resolve: (a, args, ctx) => {
        if (!ctx.caller) throw new Error("unreachable: annotations are only reachable when signed in");
        return listAnnotationRevisions(ctx.prisma, ctx.caller, { ...args, annotationId: a.id });
      },
    }),
  }),
});
const AnnotationConnection = connectionOf(AnnotationRef, "Annotation");

const AnnotationInput = builder.inputType("AnnotationInput", {
  fields: (t) => ({
    teamId: t.id({ required: true }),
    gene: t.string({ required: true }),
    status: t.field({ type: BiomarkerStatusEnum, required: true }),
    note: t.string(),
    tags: t.stringList(),
    evidenceLinks: t.stringList({ description: "http(s) URLs." }),
    expectedVersion: t.int({ description: "The version you edited; omit to create the gene's first annotation. A stale one is CONFLICT (extensions.currentVersion)." }),
  }),
});

builder.queryFields((t) => ({
  annotations: t.withAuth({ loggedIn: true }).field({
    type: AnnotationConnection,
    description: "A team's annotations (the biomarker board), most recently updated first.",
    args: { teamId: t.arg.id({ required: true }), status: t.arg({ type: BiomarkerStatusEnum }), tag: t.arg.string(), gene: t.arg.string(), ...pageArgs },
    resolve: (_p, args, ctx) => listAnnotations(ctx.prisma, ctx.caller, { ...args, teamId: String(args.teamId) }),
  }),
  annotation: t.withAuth({ loggedIn: true }).field({
    type: AnnotationRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_p, args, ctx) => getAnnotationOrThrow(ctx.prisma, ctx.caller, String(args.id)),
  }),
  annotationRevisions: t.withAuth({ loggedIn: true }).field({
    type: AnnotationRevisionConnection,
    description: "Saved versions of an annotation, newest first.",
    args: { annotationId: t.arg.id({ required: true }), ...pageArgs },
    resolve: (_p, args, ctx) => listAnnotationRevisions(ctx.prisma, ctx.caller, { ...args, annotationId: String(args.annotationId) }),
  }),
}));

builder.mutationFields((t) => ({
  upsertAnnotation: t.withAuth({ loggedIn: true }).field({
    type: AnnotationRef,
    description: "Creates (no expectedVersion) or edits (expectedVersion = the version you read) a gene's annotation. Members and up.",
    args: { input: t.arg({ type: AnnotationInput, required: true }) },
    resolve: (_p, { input }, ctx) => upsertAnnotation(ctx.prisma, ctx.caller, { ...input, teamId: String(input.teamId) }),
  }),
}));
