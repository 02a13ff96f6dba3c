// Streams an expression matrix file into the database: core's parseMatrixRows validates and
// yields one gene at a time; rows are written in batches inside ONE transaction together with the
// Dataset row and its ActivityEvent. Any error (bad cell, duplicate gene, lost connection, aborted
// upload) rolls everything back, so a failed import leaves nothing.
//
// The transaction runs on a plain `pg` connection rather than Prisma: one array INSERT (unnest) per
// batch is ~2.5x faster than createMany for wide rows, and Prisma 7.10's query-plan cache keeps
// every distinct raw query with its parameters (measured: ~10 KB retained per imported row, for
// good), which a 20,000-gene upload must not do to the API process.
import { randomBytes } from "node:crypto";
import { applySampleSheet, InputError, parseMatrixRows, parseSampleSheet, parseTime } from "@exprlab/core";
import type { Condition, MatrixSource, SampleSheet } from "@exprlab/core";
import { databaseUrlOf, encodeRow } from "@exprlab/db";
import type { Dataset, DatasetKind, PrismaClient } from "@exprlab/db";
import pg from "pg";
import { z } from "zod";
import type { Caller } from "../auth/caller.ts";
import { requireTeamRole } from "../auth/authorize.ts";
import { AppError, ErrorCode, badInput } from "../errors.ts";
import { checkHeader, checkRow, DEFAULT_UPLOAD_LIMITS, guardedSource, type UploadLimits } from "./upload-limits.ts";

export interface ImportProgress {
  /** Genes parsed and written so far. */
  genes: number;
  /** Conditions per gene (known after the header). */
  conditions: number;
}

export interface ImportDatasetInput {
  /** A client from createPrismaClient (its URL is used for the import's own connection). */
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
  /**
   * A sample sheet (CSV/TSV text: one row per condition with time, unit, group, replicate,
   * subject, label...). Every condition must have a row and every row a condition; its errors
   * carry extensions.source = "sampleSheet" with the sheet's line and column.
   */
  sampleSheet?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Size limits checked while streaming (default DEFAULT_UPLOAD_LIMITS). */
  limits?: Partial<UploadLimits>;
  /** Aborted when the client goes away: the import stops reading and rolls back. */
  signal?: AbortSignal;
}

const metadataSchema = z.object({
  teamId: z.string().trim().min(1, "is required"),
  name: z.string().trim().min(1, "is required").max(200, "is at most 200 characters"),
  description: z.string().max(5_000, "is at most 5,000 characters").default(""),
  kind: z.enum(["TIME_COURSE", "SAMPLES", "DE_TABLE"], { error: "must be TIME_COURSE, SAMPLES or DE_TABLE" }),
  filename: z.string().max(500).default(""),
});

/** Target size of one INSERT (bytes of row values); at most two batches are in memory. */
const BATCH_BYTES = 2 * 1024 * 1024;
const MAX_BATCH_ROWS = 2_000;

interface PendingRow {
  index: number;
  gene: string;
  values: Buffer;
  annotations: string[];
}

let running = 0;
/** Imports in progress in this process (tests check that an abandoned upload stops). */
export function activeImports(): number {
  return running;
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
  const sheet = input.sampleSheet === undefined || input.sampleSheet.trim() === "" ? undefined : readSheet(input.sampleSheet);

  running += 1;
  try {
    return await importInTransaction(input, meta, sheet);
  } finally {
    running -= 1;
  }
}

async function importInTransaction(input: ImportDatasetInput, meta: Meta, sheet: SampleSheet | undefined): Promise<Dataset> {
  const { prisma } = input;
  const client = await poolFor(prisma).connect();
  let broken = false;
  let datasetId: string;
  try {
    await client.query("BEGIN");
    datasetId = await writeDataset(client, input, meta, sheet);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw toAppError(error);
  } finally {
    client.release(broken);
  }
  return prisma.dataset.findUniqueOrThrow({ where: { id: datasetId } });
}

type Meta = z.infer<typeof metadataSchema>;

/** Everything inside the transaction; returns the new dataset's id. */
async function writeDataset(client: pg.PoolClient, input: ImportDatasetInput, meta: Meta, sheet: SampleSheet | undefined): Promise<string> {
  const datasetId = newId();
  let conditionCount = 0;
  let format = "csv";
  let genes = 0;
  let missing = 0;
  let haveHeader = false;
  let batch: PendingRow[] = [];
  let batchRows = MAX_BATCH_ROWS;
  // One batch is written while the next one is parsed (a connection runs one statement at a time).
  let writing: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const rows = batch;
    const written = genes;
    batch = [];
    await writing;
    writing = insertRows(client, datasetId, rows).then(() => {
      input.onProgress?.({ genes: written, conditions: conditionCount });
    });
    writing.catch(() => {}); // observed by the next await; avoids an unhandled rejection
  };

  const limits = { ...DEFAULT_UPLOAD_LIMITS, ...input.limits };
  const source = guardedSource(input.stream, limits);
  const onAbort = (): void => {
    source.destroy(badInput("file", "the upload was interrupted"));
  };
  if (input.signal?.aborted) onAbort();
  input.signal?.addEventListener("abort", onAbort, { once: true });
  let header: { geneColumn: string; conditions: Condition[]; annotationColumns: string[] } | undefined;
  try {
    for await (const event of parseMatrixRows(source)) {
      if (event.type === "header") {
        haveHeader = true;
        format = event.format;
        // Before withTimes: ids are bounded before the time parser sees them.
        checkHeader(event.conditions, event.annotationColumns, limits);
        header = event;
        const found = meta.kind === "TIME_COURSE" ? withTimes(event.conditions) : event.conditions;
        const conditions = sheet ? applySheet(sheet, found) : found;
        conditionCount = conditions.length;
        batchRows = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(BATCH_BYTES / Math.max(1, conditionCount * 4))));
        await client.query(
          `INSERT INTO "Dataset" (id, "teamId", "createdById", name, description, kind, format, "sourceFilename",
             "geneCount", "conditionCount", "missingCount", conditions, "annotationColumns")
           VALUES ($1, $2, $3, $4, $5, $6::"DatasetKind", $7, $8, 0, $9, 0, $10::jsonb, $11::text[])`,
          [
            datasetId,
            meta.teamId,
            input.caller.userId,
            meta.name,
            meta.description,
            meta.kind,
            format,
            meta.filename,
            conditionCount,
            JSON.stringify(conditions.map(plainCondition)),
            event.annotationColumns,
          ],
        );
        continue;
      }
      if (header) checkRow(event, header.geneColumn, header.conditions, header.annotationColumns, limits);
      missing += event.missing;
      const bytes = encodeRow(event.values);
      batch.push({
        index: genes,
        gene: event.gene,
        values: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        annotations: event.annotations,
      });
      genes += 1;
      if (batch.length >= batchRows) await flush();
    }
    await flush();
    await writing;
  } catch (error) {
    await writing.catch(() => {}); // let the statement in flight finish before the rollback
    throw error;
  } finally {
    input.signal?.removeEventListener("abort", onAbort);
    source.destroy();
  }
  if (!haveHeader) throw new InputError("the file is empty: no header row");
  if (genes === 0) throw new InputError("the file has no data rows (genes)");

  await client.query(`UPDATE "Dataset" SET "geneCount" = $2, "missingCount" = $3 WHERE id = $1`, [datasetId, genes, missing]);
  await client.query(
    `INSERT INTO "ActivityEvent" (id, "teamId", "actorId", type, "subjectType", "subjectId", summary, data)
     VALUES ($1, $2, $3, 'dataset.imported', 'Dataset', $4, $5, $6::jsonb)`,
    [
      newId(),
      meta.teamId,
      input.caller.userId,
      datasetId,
      `${input.caller.name} imported ${meta.name} (${genes} genes x ${conditionCount} conditions)`,
      JSON.stringify({ format, genes, conditions: conditionCount, missing, filename: meta.filename }),
    ],
  );
  return datasetId;
}

/** One INSERT per batch with array parameters; annotations travel as one JSON text per row. */
async function insertRows(client: pg.PoolClient, datasetId: string, rows: PendingRow[]): Promise<void> {
  const indexes = rows.map((r) => r.index);
  const genes = rows.map((r) => r.gene);
  const values = rows.map((r) => r.values);
  if (rows.every((r) => r.annotations.length === 0)) {
    await client.query(
      `INSERT INTO "DatasetRow" ("datasetId", "index", gene, "values")
       SELECT $1, u.i, u.g, u.v FROM unnest($2::int[], $3::text[], $4::bytea[]) AS u(i, g, v)`,
      [datasetId, indexes, genes, values],
    );
    return;
  }
  await client.query(
    `INSERT INTO "DatasetRow" ("datasetId", "index", gene, "values", annotations)
     SELECT $1, u.i, u.g, u.v, ARRAY(SELECT jsonb_array_elements_text(u.a))
     FROM unnest($2::int[], $3::text[], $4::bytea[], $5::jsonb[]) AS u(i, g, v, a)`,
    [datasetId, indexes, genes, values, rows.map((r) => JSON.stringify(r.annotations))],
  );
}

const pools = new Map<string, pg.Pool>();

/** A small pool per database for imports and bulk row reads (idle connections close; they never keep the process alive). */
export function poolFor(prisma: PrismaClient): pg.Pool {
  const url = databaseUrlOf(prisma);
  if (!url) throw new Error("importDataset needs a PrismaClient made by createPrismaClient(url)");
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 4, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
    pool.on("error", () => {}); // an idle connection dropped by the server: the pool replaces it
    pools.set(url, pool);
  }
  return pool;
}

/** Closes the importer's connections (process shutdown, tests dropping their database). */
export async function closeImportPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.end()));
}

/** A collision-resistant id in the style of Prisma's cuid() (which the schema uses as default). */
export function newId(): string {
  return `c${Date.now().toString(36)}${randomBytes(10).toString("hex").slice(0, 16)}`;
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

/** A condition as stored in Dataset.conditions: core's Condition without undefined or non-finite fields. */
export function plainCondition(c: Condition): Condition {
  const out: Condition = { id: c.id };
  if (c.time !== undefined && Number.isFinite(c.time)) out.time = c.time;
  for (const key of ["timeUnit", "label", "group", "replicate", "subject"] as const) {
    const v = c[key];
    if (v !== undefined && v !== "") out[key] = v;
  }
  if (c.fields && Object.keys(c.fields).length > 0) out.fields = { ...c.fields };
  return out;
}

/** Sample-sheet errors name the sheet (extensions.source) and its own line and column. */
function sheetError(error: unknown): unknown {
  const app = toAppError(error);
  if (app instanceof AppError && error instanceof InputError) {
    return new AppError(ErrorCode.BAD_USER_INPUT, `Sample sheet: ${app.userMessage}`, { cause: error, extensions: { ...app.extensions, source: "sampleSheet" } });
  }
  return app;
}

export function readSheet(text: string): SampleSheet {
  try {
    return parseSampleSheet(text);
  } catch (error) {
    throw sheetError(error);
  }
}

/** The matrix's conditions with the sheet's metadata (every condition needs a row, and no extra rows). */
export function applySheet(sheet: SampleSheet, conditions: readonly Condition[]): Condition[] {
  try {
    return applySampleSheet(sheet, conditions).conditions;
  } catch (error) {
    throw sheetError(error);
  }
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
