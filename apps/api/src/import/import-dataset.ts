// Streams an expression matrix file into the database: core's parseMatrixRows validates and
// yields one gene at a time; rows are written in batches inside ONE interactive transaction
// together with the Dataset row and its ActivityEvent. Any error (bad cell, duplicate gene,
// lost connection, aborted upload) rolls everything back, so a failed import leaves nothing.
import { InputError, parseMatrixRows, parseTime } from "@exprlab/core";
import type { Condition, MatrixSource } from "@exprlab/core";
import { encodeRow } from "@exprlab/db";
import type { Dataset, DatasetKind, PrismaClient } from "@exprlab/db";
import { z } from "zod";
import type { Caller } from "../auth/caller.ts";
import { requireTeamRole } from "../auth/authorize.ts";
import { AppError, ErrorCode, badInput } from "../errors.ts";

export interface ImportProgress {
  /** Genes parsed and written so far. */
  genes: number;
  /** Conditions per gene (known after the header). */
  conditions: number;
}

export interface ImportDatasetInput {
  prisma: PrismaClient;
  caller: Caller;
  teamId: string;
  name: string;
  description?: string;
  kind: DatasetKind;
  /** Original file name (kept as Dataset.sourceFilename; the format is detected from the content). */
  filename: string;
  /** The file's bytes (gzip detected by magic bytes). Consumed once, with backpressure. */
  stream: Exclude<MatrixSource, string>;
  onProgress?: (progress: ImportProgress) => void;
  /** Transaction timeout in ms (default 30 minutes: a 20,000 x 1,000 upload on a slow link). */
  transactionTimeoutMs?: number;
}

const metadataSchema = z.object({
  teamId: z.string().trim().min(1, "is required"),
  name: z.string().trim().min(1, "is required").max(200, "is at most 200 characters"),
  description: z.string().max(5_000, "is at most 5,000 characters").default(""),
  kind: z.enum(["TIME_COURSE", "SAMPLES"], { error: "must be TIME_COURSE or SAMPLES" }),
  filename: z.string().max(500).default(""),
});

/** Target size of one createMany statement (bytes of row values). */
const BATCH_BYTES = 4 * 1024 * 1024;
const MAX_BATCH_ROWS = 2_000;

interface PendingRow {
  datasetId: string;
  index: number;
  gene: string;
  values: Uint8Array<ArrayBuffer>;
  annotations: string[];
}

/**
 * Imports one file as a new Dataset of `teamId` (the caller needs the MEMBER role).
 * Throws AppError: BAD_USER_INPUT (with extensions line/column/field for file errors),
 * NOT_FOUND / FORBIDDEN from the team check.
 */
export async function importDataset(input: ImportDatasetInput): Promise<Dataset> {
  const parsed = metadataSchema.safeParse({
    teamId: input.teamId,
    name: input.name,
    description: input.description ?? "",
    kind: input.kind,
    filename: input.filename,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badInput(String(issue?.path[0] ?? "input"), issue?.message ?? "is invalid");
  }
  const meta = parsed.data;
  await requireTeamRole(input.caller, meta.teamId, "MEMBER");

  const { prisma, caller } = input;
  try {
    return await prisma.$transaction(
      async (tx) => {
        const rows = parseMatrixRows(input.stream);
        let dataset: Dataset | undefined;
        let conditionCount = 0;
        let format = "csv";
        let genes = 0;
        let missing = 0;
        let batch: PendingRow[] = [];
        let batchRows = MAX_BATCH_ROWS;
        const flush = async (): Promise<void> => {
          if (batch.length === 0) return;
          await tx.datasetRow.createMany({ data: batch });
          batch = [];
          input.onProgress?.({ genes, conditions: conditionCount });
        };

        for await (const event of rows) {
          if (event.type === "header") {
            format = event.format;
            const conditions = meta.kind === "TIME_COURSE" ? withTimes(event.conditions) : event.conditions;
            conditionCount = conditions.length;
            batchRows = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(BATCH_BYTES / Math.max(1, conditionCount * 4))));
            dataset = await tx.dataset.create({
              data: {
                teamId: meta.teamId,
                createdById: caller.userId,
                name: meta.name,
                description: meta.description,
                kind: meta.kind,
                format,
                sourceFilename: meta.filename,
                geneCount: 0,
                conditionCount,
                conditions: conditions.map(plainCondition),
                annotationColumns: event.annotationColumns,
              },
            });
            continue;
          }
          if (!dataset) throw new InputError("the file has no header row", { line: event.line });
          missing += event.missing;
          batch.push({
            datasetId: dataset.id,
            index: genes,
            gene: event.gene,
            values: toArrayBufferBytes(encodeRow(event.values)),
            annotations: event.annotations,
          });
          genes += 1;
          if (batch.length >= batchRows) await flush();
        }
        await flush();
        if (!dataset) throw new InputError("the file is empty: no header row");
        if (genes === 0) throw new InputError("the file has no data rows (genes)");

        const finished = await tx.dataset.update({
          where: { id: dataset.id },
          data: { geneCount: genes, missingCount: missing },
        });
        await tx.activityEvent.create({
          data: {
            teamId: meta.teamId,
            actorId: caller.userId,
            type: "dataset.imported",
            subjectType: "Dataset",
            subjectId: finished.id,
            summary: `${caller.name} imported ${finished.name} (${genes} genes x ${conditionCount} conditions)`,
            data: { format, genes, conditions: conditionCount, missing, filename: meta.filename },
          },
        });
        return finished;
      },
      { maxWait: 30_000, timeout: input.transactionTimeoutMs ?? 30 * 60_000 },
    );
  } catch (error) {
    throw toAppError(error);
  }
}

/**
 * Time courses: a time per condition, read from a "time: ..." part of its label (GEO
 * characteristics) or from its id ("t0", "2h", "day3", "0.5"), when EVERY condition has one;
 * otherwise the conditions are kept without times (the order still is the time order).
 */
export function withTimes(conditions: Condition[]): Condition[] {
  const times = conditions.map((c) => {
    const parts = (c.label ?? "").split(";").map((p) => p.trim());
    const fromLabel = parts.filter((p) => /^time\b/i.test(p)).map((p) => parseTime(p.replace(/^time\s*[:=]?\s*/i, "")));
    return fromLabel.find((t) => t !== undefined) ?? parseTime(c.id);
  });
  if (times.some((t) => t === undefined || !Number.isFinite(t))) return conditions;
  return conditions.map((c, k) => ({ ...c, time: times[k] as number }));
}

function plainCondition(c: Condition): { id: string; time?: number; label?: string } {
  return {
    id: c.id,
    ...(c.time !== undefined && Number.isFinite(c.time) ? { time: c.time } : {}),
    ...(c.label !== undefined ? { label: c.label } : {}),
  };
}

/** Prisma's Bytes input wants a Uint8Array backed by a plain ArrayBuffer. */
function toArrayBufferBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}

/** File problems become BAD_USER_INPUT naming line/column/field; AppErrors pass through. */
export function toAppError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof InputError) {
    const { line, column, field } = error.location;
    return new AppError(ErrorCode.BAD_USER_INPUT, error.message, {
      cause: error,
      extensions: {
        ...(line !== undefined ? { line } : {}),
        ...(column !== undefined ? { column } : {}),
        ...(field !== undefined ? { field } : {}),
      },
    });
  }
  return error;
}
