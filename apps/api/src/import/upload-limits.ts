// Limits of one uploaded matrix, checked WHILE it streams, so a hostile file is refused after
// reading at most a limit's worth of it: decompressed size (a 1 MB gzip can hold 1 GiB), line
// length (the parser buffers a record whole), NUL bytes (binary files), and, on the parsed header
// and rows, columns, id lengths and control characters, and values outside float32 (what the
// rows are stored as: 1e300 would become Infinity, then null, with missingCount still 0).
// Every refusal is core's InputError with line/column/field, so the API answers BAD_USER_INPUT.
import { PassThrough, Readable, pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
import { InputError } from "@exprlab/core";
import type { Condition } from "@exprlab/core";

export interface UploadLimits {
  /** Bytes of the decompressed file (default 2 GiB: a 20,000-gene x 5,000-sample CSV is ~1 GB). */
  maxDecompressedBytes: number;
  /** Bytes of one line (default 4 MiB: 20,000 columns of 200 bytes). */
  maxLineBytes: number;
  /** Conditions (value columns) of one file (default 20,000). */
  maxColumns: number;
  /** Empty lines in one file (default 10,000: a gzip of newlines would keep the parser busy for minutes). */
  maxBlankLines: number;
  /** Characters of a gene id or condition id (default 256). */
  maxIdLength: number;
  /** Characters of an annotation cell or a condition label (default 4,096). */
  maxTextLength: number;
  /**
   * Bytes of an .xlsx workbook (default 64 MiB). A workbook is a zip that exceljs must read whole,
   * so it has its own, smaller cap; its cells then pass the same row checks as a CSV's.
   */
  maxWorkbookBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxDecompressedBytes: 2 * 1024 ** 3,
  maxLineBytes: 4 * 1024 ** 2,
  maxColumns: 20_000,
  maxBlankLines: 10_000,
  maxIdLength: 256,
  maxTextLength: 4_096,
  maxWorkbookBytes: 64 * 1024 ** 2,
};

/** Largest finite float32: values beyond it cannot be stored. */
export const FLOAT32_MAX = 3.4028234663852886e38;

const mib = (bytes: number): string => `${Math.round((bytes / 1024 ** 2) * 10) / 10} MiB`;

/** Counts decompressed bytes and line lengths, refuses NUL bytes; errors carry the line. */
class ByteGuard {
  private total = 0;
  private line = 1;
  private lineBytes = 0;
  private blankLines = 0;
  constructor(private readonly limits: UploadLimits) {}

  check(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.total > this.limits.maxDecompressedBytes) {
      throw new InputError(`the file is larger than ${mib(this.limits.maxDecompressedBytes)} (uncompressed); split it or ask an admin to raise the limit`, {
        line: this.line,
      });
    }
    const nul = chunk.indexOf(0x00); // one scan per chunk (linear), located only when found
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, from);
      const end = nl < 0 ? chunk.length : nl;
      if (nul >= from && nul < end) {
        throw new InputError("this is not a text matrix: it contains NUL bytes (a binary file?)", { line: this.line, column: this.lineBytes + (nul - from) + 1 });
      }
      this.lineBytes += end - from;
      if (this.lineBytes > this.limits.maxLineBytes) throw new InputError(`the line is longer than ${mib(this.limits.maxLineBytes)}`, { line: this.line });
      if (nl < 0) return;
      if (this.lineBytes === 0 || (this.lineBytes === 1 && chunk[nl - 1] === 0x0d)) {
        this.blankLines += 1;
        if (this.blankLines > this.limits.maxBlankLines) throw new InputError(`the file has more than ${this.limits.maxBlankLines} empty lines`, { line: this.line });
      }
      this.line += 1;
      this.lineBytes = 0;
      from = nl + 1;
    }
  }
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError(`unsupported stream chunk: ${typeof chunk}`);
}

async function* guardedBytes(source: NodeJS.ReadableStream, limits: UploadLimits): AsyncGenerator<Buffer> {
  const it = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const head = toBuffer(first.value);
  async function* raw(): AsyncGenerator<Buffer> {
    yield head;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield toBuffer(r.value);
    }
  }
  const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  // Pull-based: gunzip inflates only as fast as the parser asks, and stops when we stop asking.
  const bytes: AsyncIterable<unknown> = gzip ? pipeline(Readable.from(raw()), createGunzip(), () => {}) : raw();
  // A workbook (zip magic PK\x03\x04) is binary by design: only its size is guarded here.
  if (!gzip && head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) {
    let total = 0;
    for await (const chunk of bytes) {
      const b = toBuffer(chunk);
      total += b.length;
      if (total > limits.maxWorkbookBytes) {
        throw new InputError(`the workbook is larger than ${mib(limits.maxWorkbookBytes)}; save it as CSV or tab-separated text (no size cap but the upload's)`, { field: "file" });
      }
      yield b;
    }
    return;
  }
  const guard = new ByteGuard(limits);
  for await (const chunk of bytes) {
    const b = toBuffer(chunk);
    guard.check(b);
    yield b;
  }
}

/**
 * The decompressed bytes of `source` (gzip detected by its magic bytes), guarded by `limits`.
 * Destroying the result (client gone) fails the reader at once and stops reading `source` and
 * the decompression: a generator's stream can only be destroyed once its pending read returns,
 * so the consumer gets a PassThrough and the source is destroyed under the generator.
 */
export function guardedSource(source: NodeJS.ReadableStream, limits: UploadLimits): Readable {
  const out = new PassThrough();
  pipeline(Readable.from(guardedBytes(source, limits), { objectMode: false }), out, () => {});
  out.once("close", () => (source as Readable).destroy?.());
  return out;
}

function hasControl(text: string): boolean {
  // C0 controls except tab, and DEL; a NUL is one of them.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

function checkId(id: string, what: string, limits: UploadLimits, location: { line: number; column?: number; field?: string }): void {
  if (id.length > limits.maxIdLength) {
    throw new InputError(`${what} is ${id.length} characters long; at most ${limits.maxIdLength}`, location);
  }
  if (hasControl(id)) throw new InputError(`${what} contains control characters`, location);
}

/** Header checks: number of conditions, their ids and labels. */
export function checkHeader(conditions: Condition[], annotationColumns: string[], limits: UploadLimits): void {
  if (conditions.length > limits.maxColumns) {
    throw new InputError(`the file has ${conditions.length} conditions (columns); at most ${limits.maxColumns}`, { line: 1 });
  }
  const first = 2 + annotationColumns.length;
  conditions.forEach((c, j) => {
    const location = { line: 1, column: first + j, field: c.id.slice(0, 40) };
    checkId(c.id, "the condition id", limits, location);
    if (c.label !== undefined && c.label.length > limits.maxTextLength) {
      throw new InputError(`the condition's label is longer than ${limits.maxTextLength} characters`, location);
    }
  });
}

export interface RowCheck {
  line: number;
  gene: string;
  values: ArrayLike<number>;
  annotations: string[];
}

/**
 * Row checks. `column` assumes annotation columns come before the conditions (GCT's layout and
 * the usual table); `field` always names the condition exactly.
 */
export function checkRow(row: RowCheck, geneColumn: string, conditions: Condition[], annotationColumns: string[], limits: UploadLimits): void {
  checkId(row.gene, "the gene id", limits, { line: row.line, column: 1, field: geneColumn });
  row.annotations.forEach((text, k) => {
    if (text.length > limits.maxTextLength) {
      throw new InputError(`the annotation is longer than ${limits.maxTextLength} characters`, { line: row.line, column: 2 + k, field: annotationColumns[k] });
    }
    if (text.includes("\u0000")) throw new InputError("the annotation contains a NUL character", { line: row.line, column: 2 + k, field: annotationColumns[k] });
  });
  const first = 2 + annotationColumns.length;
  for (let j = 0; j < row.values.length; j++) {
    const v = row.values[j] as number;
    if (Number.isNaN(v)) continue;
    if (!Number.isFinite(v) || Math.abs(v) > FLOAT32_MAX) {
      throw new InputError(`${v} is outside the range of stored values (about ±3.4e38)`, { line: row.line, column: first + j, field: conditions[j]?.id });
    }
  }
}
