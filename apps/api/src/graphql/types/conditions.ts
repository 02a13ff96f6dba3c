// Condition metadata: edit conditions, check or apply a sample sheet (after import; at import the
// sheet travels with the matrix through POST /upload).
import type { Condition } from "@exprlab/core";
import { applySampleSheetToDataset, checkSampleSheet, updateConditions, type SampleSheetCheck } from "../../services/update-conditions.ts";
import { builder } from "../builder.ts";
import { DatasetRef } from "./datasets.ts";

builder.objectField(DatasetRef, "conditionsVersion", (t) =>
  t.exposeInt("conditionsVersion", { description: "Pass as expectedVersion when editing conditions." }),
);

const ConditionEditInput = builder.inputType("ConditionEdit", {
  description: "Changes to one condition; fields left out stay as they are, null clears them.",
  fields: (t) => ({
    index: t.int({ required: true, description: "Column index (0-based)." }),
    time: t.float({ description: "Time in HOURS (convert from the unit shown)." }),
    timeUnit: t.string({ description: "Unit to show the time in: s, min, h, d or w." }),
    label: t.string(),
    group: t.string(),
    replicate: t.string(),
    subject: t.string(),
  }),
});

const SheetColumnRef = builder.objectRef<{ role: string; header: string }>("SampleSheetColumn").implement({
  fields: (t) => ({
    role: t.exposeString("role", { description: "id, time, unit, group, replicate, subject or label." }),
    header: t.exposeString("header", { description: "The sheet's column that has this role." }),
  }),
});
const SheetSuggestionRef = builder.objectRef<{ conditionId: string; sheetId: string }>("SampleSheetSuggestion").implement({
  fields: (t) => ({ conditionId: t.exposeString("conditionId"), sheetId: t.exposeString("sheetId", { description: "A sheet id that is probably meant." }) }),
});
const SheetConditionRef = builder.objectRef<Condition>("SampleSheetCondition").implement({
  fields: (t) => ({
    id: t.exposeString("id"),
    time: t.float({ nullable: true, description: "Hours.", resolve: (c) => c.time ?? null }),
    timeUnit: t.string({ nullable: true, resolve: (c) => c.timeUnit ?? null }),
    label: t.string({ nullable: true, resolve: (c) => c.label ?? null }),
    group: t.string({ nullable: true, resolve: (c) => c.group ?? null }),
    replicate: t.string({ nullable: true, resolve: (c) => c.replicate ?? null }),
    subject: t.string({ nullable: true, resolve: (c) => c.subject ?? null }),
  }),
});
const SampleSheetCheckRef = builder.objectRef<SampleSheetCheck>("SampleSheetCheck").implement({
  description: "A sample sheet read against a dataset's conditions (nothing saved).",
  fields: (t) => ({
    columns: t.field({ type: [SheetColumnRef], resolve: (c) => c.columns }),
    fieldColumns: t.exposeStringList("fieldColumns", { description: "Other columns, kept as text." }),
    rows: t.exposeInt("rows"),
    missing: t.exposeStringList("missing", { description: "Conditions with no row in the sheet." }),
    extra: t.exposeStringList("extra", { description: "Sheet ids that are not conditions of the dataset." }),
    suggestions: t.field({ type: [SheetSuggestionRef], resolve: (c) => c.suggestions }),
    conditions: t.field({ type: [SheetConditionRef], description: "What applying the sheet would store.", resolve: (c) => c.conditions }),
  }),
});

builder.queryFields((t) => ({
  checkSampleSheet: t.withAuth({ loggedIn: true }).field({
    type: SampleSheetCheckRef,
    description: "Reads a sample sheet (CSV/TSV text) against a dataset's conditions without saving; errors name the sheet's line and column.",
    args: { datasetId: t.arg.id({ required: true }), text: t.arg.string({ required: true }) },
    resolve: (_p, args, ctx) => checkSampleSheet(ctx.prisma, ctx.caller, { datasetId: String(args.datasetId), text: args.text }),
  }),
}));

builder.mutationFields((t) => ({
  updateConditions: t.withAuth({ loggedIn: true }).field({
    type: DatasetRef,
    description: "Edits conditions' time, unit, label, group, replicate, subject (members and up); a stale expectedVersion is CONFLICT.",
    args: {
      datasetId: t.arg.id({ required: true }),
      expectedVersion: t.arg.int({ required: true }),
      conditions: t.arg({ type: [ConditionEditInput], required: true }),
    },
    resolve: (_p, args, ctx) => updateConditions(ctx.prisma, ctx.caller, { ...args, datasetId: String(args.datasetId) }),
  }),
  applySampleSheet: t.withAuth({ loggedIn: true }).field({
    type: DatasetRef,
    description:
      "Applies a sample sheet (CSV/TSV text: id, time, unit, group, replicate, subject, label...) to a dataset's conditions (members and up). Every condition needs a row; errors name the sheet's line and column.",
    args: { datasetId: t.arg.id({ required: true }), text: t.arg.string({ required: true }), expectedVersion: t.arg.int({ required: true }) },
    resolve: (_p, args, ctx) => applySampleSheetToDataset(ctx.prisma, ctx.caller, { ...args, datasetId: String(args.datasetId) }),
  }),
}));
