// Condition metadata after import: edit conditions (time, unit, group, replicate, subject, label)
// or apply a sample sheet. Condition ids are the matrix's column names and never change. Every
// save is a conditional update on Dataset.conditionsVersion (a stale edit is CONFLICT with
// extensions.currentVersion), so two people editing at once never overwrite each other.
import { matchSampleSheet, type Condition } from "@exprlab/core";
import type { Dataset, Prisma, PrismaClient } from "@exprlab/db";
import { z } from "zod";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { badInput, conflict } from "../errors.ts";
import { applySheet, plainCondition, readSheet } from "../import/import-dataset.ts";
import { datasetConditions, getDatasetOrThrow } from "./get-dataset-or-throw.ts";
import { recordActivity } from "./record-activity.ts";
import { parseInput } from "./validate.ts";

const TIME_UNITS = ["s", "min", "h", "d", "w"] as const;
const textField = z.string().trim().max(200, "is at most 200 characters").nullish();

const conditionInput = z.object({
  index: z.number().int().min(0),
  time: z.number().finite("must be a finite number").min(-1e7).max(1e7).nullish(),
  timeUnit: z.enum(TIME_UNITS, { error: `must be one of ${TIME_UNITS.join(", ")}` }).nullish(),
  label: textField,
  group: textField,
  replicate: textField,
  subject: textField,
});
const updateInput = z.object({
  datasetId: z.string(),
  expectedVersion: z.number().int().min(1),
  conditions: z.array(conditionInput).min(1, "is empty").max(100_000),
});

export type ConditionEdit = z.infer<typeof conditionInput>;

/** The stored conditions (core's Condition) of a dataset. */
function storedConditions(dataset: Dataset): Condition[] {
  return datasetConditions(dataset).map((c) =>
    plainCondition({
      id: c.id,
      ...(c.time !== null ? { time: c.time } : {}),
      ...(c.timeUnit ? { timeUnit: c.timeUnit } : {}),
      ...(c.label !== null ? { label: c.label } : {}),
      ...(c.group ? { group: c.group } : {}),
      ...(c.replicate ? { replicate: c.replicate } : {}),
      ...(c.subject ? { subject: c.subject } : {}),
      ...(Object.keys(c.fields).length ? { fields: c.fields } : {}),
    }),
  );
}

async function save(prisma: PrismaClient, caller: Caller, dataset: Dataset, expectedVersion: number, conditions: Condition[], how: string): Promise<Dataset> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.dataset.updateMany({
      where: { id: dataset.id, teamId: dataset.teamId, conditionsVersion: expectedVersion },
      data: { conditions: conditions.map(plainCondition) as unknown as Prisma.InputJsonValue, conditionsVersion: { increment: 1 } },
    });
    const current = await tx.dataset.findUniqueOrThrow({ where: { id: dataset.id } });
    if (count !== 1) {
      throw conflict(`Someone else changed these conditions first (now version ${current.conditionsVersion}). Reload and apply your change again.`, {
        currentVersion: current.conditionsVersion,
      });
    }
    await recordActivity(tx, {
      teamId: dataset.teamId,
      actorId: caller.userId,
      type: "dataset.conditionsUpdated",
      subjectType: "Dataset",
      subjectId: dataset.id,
      summary: `${caller.name} ${how} of ${dataset.name}`,
    });
    return current;
  });
}

/** Edits some conditions (by index; fields left out stay as they are, null clears them). Members and up. */
export async function updateConditions(
  prisma: PrismaClient,
  caller: Caller,
  args: { datasetId: string; expectedVersion: number; conditions: (Omit<ConditionEdit, "timeUnit"> & { timeUnit?: string | null })[] },
): Promise<Dataset> {
  const input = parseInput(updateInput, args);
  const dataset = await getDatasetOrThrow(prisma, caller, input.datasetId);
  await requireTeamRole(caller, dataset.teamId, "MEMBER");
  const conditions = storedConditions(dataset);
  const seen = new Set<number>();
  input.conditions.forEach((edit, k) => {
    const c = conditions[edit.index];
    if (!c) throw badInput(`conditions.${k}.index`, `must be below ${conditions.length} (the dataset's conditions)`);
    if (seen.has(edit.index)) throw badInput(`conditions.${k}.index`, `condition ${edit.index} is listed twice`);
    seen.add(edit.index);
    if (edit.time !== undefined) {
      if (edit.time === null) delete c.time;
      else c.time = edit.time;
    }
    for (const key of ["timeUnit", "label", "group", "replicate", "subject"] as const) {
      const v = edit[key];
      if (v === undefined) continue;
      if (v === null || v === "") delete c[key];
      else c[key] = v;
    }
  });
  return save(prisma, caller, dataset, input.expectedVersion, conditions, `edited ${seen.size} condition${seen.size === 1 ? "" : "s"}`);
}

export interface SampleSheetCheck {
  columns: { role: string; header: string }[];
  fieldColumns: string[];
  rows: number;
  /** Matrix conditions with no row in the sheet. */
  missing: string[];
  /** Sheet ids that are not conditions of the dataset. */
  extra: string[];
  suggestions: { conditionId: string; sheetId: string }[];
  /** The dataset's conditions with the sheet applied (what saving would store). */
  conditions: Condition[];
}

/** Reads a sample sheet against a dataset's conditions without saving (line/column errors as BAD_USER_INPUT). */
export async function checkSampleSheet(prisma: PrismaClient, caller: Caller, args: { datasetId: string; text: string }): Promise<SampleSheetCheck> {
  const dataset = await getDatasetOrThrow(prisma, caller, args.datasetId);
  const sheet = readSheetChecked(args.text);
  const match = matchSampleSheet(sheet, storedConditions(dataset));
  return {
    columns: Object.entries(sheet.columns).map(([role, header]) => ({ role, header: header ?? "" })),
    fieldColumns: sheet.fieldColumns,
    rows: sheet.rows.length,
    missing: match.missing,
    extra: match.extra,
    suggestions: Object.entries(match.suggestions).map(([conditionId, sheetId]) => ({ conditionId, sheetId })),
    conditions: match.conditions,
  };
}

/** Largest sample sheet accepted through GraphQL (characters). */
export const MAX_SHEET_CHARS = 1_000_000;

function readSheetChecked(text: string) {
  if (text.length > MAX_SHEET_CHARS) throw badInput("text", `a sample sheet is at most ${MAX_SHEET_CHARS.toLocaleString("en")} characters`);
  return readSheet(text);
}

/** Applies a sample sheet to a dataset's conditions (every condition needs a row, no extra rows). Members and up. */
export async function applySampleSheetToDataset(
  prisma: PrismaClient,
  caller: Caller,
  args: { datasetId: string; text: string; expectedVersion: number },
): Promise<Dataset> {
  const dataset = await getDatasetOrThrow(prisma, caller, args.datasetId);
  await requireTeamRole(caller, dataset.teamId, "MEMBER");
  const sheet = readSheetChecked(args.text);
  const conditions = applySheet(sheet, storedConditions(dataset));
  return save(prisma, caller, dataset, args.expectedVersion, conditions, `applied a sample sheet to the conditions`);
}
