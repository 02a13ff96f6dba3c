// Opening a matrix source as a stream of decompressed bytes, with the first lines peeked
// (for format, delimiter and decimal-mark detection) and nothing else buffered. Binary input is
// recognised here: a zip (an .xlsx workbook) is handed on as such, an .xls or other binary format
// is refused with a message naming it, and text is checked for NUL bytes and valid UTF-8.
import { createReadStream } from "node:fs";
import { Readable, pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
import { InputError } from "../errors.ts";
import { checkTextStart, sniffRaw, textGuard, XLS_MESSAGE } from "./binary.ts";

export type MatrixSource = NodeJS.ReadableStream | string;

export interface OpenedSource {
  /** "xlsx": `stream` is a zip (an Excel workbook); "text": UTF-8 text, checked as it streams. */
  kind: "text" | "xlsx";
  /** Decompressed bytes, starting at the beginning of the file (nothing consumed). */
  stream: Readable;
  gzip: boolean;
  /** The first line (without its line break), decoded as UTF-8, BOM removed ("" for xlsx). */
  firstLine: string;
  /** The first complete lines (up to HEAD_LINES, or as many as fit in 1 MB; at least one). */
  headLines: string[];
  /** The path, when the source was one. */
  path?: string;
}

const MAX_PEEK = 16 * 1024 * 1024;
/** Lines peeked for dialect detection. */
export const HEAD_LINES = 50;
const HEAD_BYTES = 1 << 20;

function newlines(h: Buffer, atLeast: number): number {
  let n = 0;
  for (let i = h.indexOf(0x0a); i >= 0 && n < atLeast; i = h.indexOf(0x0a, i + 1)) n++;
  return n;
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError(`unsupported stream chunk type: ${typeof chunk}`);
}

/** Read from `it` until `enough(head)` or the end; returns what was read. */
async function peek(
  it: AsyncIterator<unknown>,
  enough: (head: Buffer) => boolean,
): Promise<{ head: Buffer; done: boolean }> {
  const parts: Buffer[] = [];
  let size = 0;
  for (;;) {
    const head = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
    if (parts.length > 1) parts.splice(0, parts.length, head);
    if (size > 0 && (enough(head) || size >= MAX_PEEK)) return { head, done: false };
    const r = await it.next();
    if (r.done) return { head, done: true };
    const b = toBuffer(r.value);
    parts.push(b);
    size += b.length;
  }
}

async function* replay(head: Buffer, it: AsyncIterator<unknown>, done: boolean): AsyncGenerator<Buffer> {
  if (head.length > 0) yield head;
  if (done) return;
  for (;;) {
    const r = await it.next();
    if (r.done) return;
    yield toBuffer(r.value);
  }
}

function iteratorOf(stream: NodeJS.ReadableStream): AsyncIterator<unknown> {
  const iterable = stream as unknown as AsyncIterable<unknown>;
  if (typeof iterable[Symbol.asyncIterator] !== "function") {
    return (Readable.from(stream as unknown as AsyncIterable<unknown>) as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  }
  return iterable[Symbol.asyncIterator]();
}

/**
 * Open a path or stream: detect gzip by its magic bytes (1f 8b) and decompress with a streaming
 * gunzip, recognise binary formats, then peek at the first lines. The returned stream replays the
 * peeked bytes, so consumers see the whole file once.
 */
export async function openSource(source: MatrixSource): Promise<OpenedSource> {
  const path = typeof source === "string" ? source : undefined;
  const input = typeof source === "string" ? createReadStream(source) : source;
  const rawIt = iteratorOf(input);
  const raw = await peek(rawIt, (h) => h.length >= 8);
  const gzip = raw.head.length >= 2 && raw.head[0] === 0x1f && raw.head[1] === 0x8b;
  let bytes: Readable = Readable.from(replay(raw.head, rawIt, raw.done), { objectMode: false });
  let head = raw.head;
  let it: AsyncIterator<unknown>;
  if (gzip) {
    bytes = pipeline(bytes, createGunzip(), () => {
      /* errors surface through the returned stream's iterator */
    });
    it = (bytes as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const dec = await peek(it, (h) => h.length >= 8);
    head = dec.head;
    bytes = Readable.from(replay(dec.head, it, dec.done), { objectMode: false });
  }
  const kind = sniffRaw(head);
  if (kind === "xls") throw new InputError(XLS_MESSAGE, { line: 1, column: 1 });
  const named = (o: OpenedSource): OpenedSource => (path === undefined ? o : { ...o, path });
  if (kind === "zip") return named({ kind: "xlsx", stream: bytes, gzip, firstLine: "", headLines: [] });
  checkTextStart(head);
  const guarded = pipeline(bytes, textGuard(), () => {
    /* errors surface through the returned stream's iterator */
  });
  it = (guarded as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const dec = await peek(it, (h) => {
    const n = newlines(h, HEAD_LINES);
    return n >= HEAD_LINES || (n >= 1 && h.length >= HEAD_BYTES);
  });
  const lastNl = dec.head.lastIndexOf(0x0a);
  const complete = dec.done && lastNl < dec.head.length - 1 ? dec.head.length : lastNl < 0 ? dec.head.length : lastNl;
  const headLines = dec.head
    .subarray(0, complete)
    .toString("utf8")
    .split("\n")
    .slice(0, HEAD_LINES)
    .map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  if (headLines[0]?.charCodeAt(0) === 0xfeff) headLines[0] = headLines[0].slice(1);
  const firstLine = headLines[0] ?? "";
  const stream = Readable.from(replay(dec.head, it, dec.done), { objectMode: false });
  return named({ kind: "text", stream, gzip, firstLine, headLines });
}
