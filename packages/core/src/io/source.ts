// Opening a matrix source as a stream of decompressed bytes, with the first line peeked
// (for format detection) and nothing else buffered.
import { createReadStream } from "node:fs";
import { Readable, pipeline } from "node:stream";
import { createGunzip } from "node:zlib";

export type MatrixSource = NodeJS.ReadableStream | string;

export interface OpenedSource {
  /** Decompressed bytes, starting at the beginning of the file (nothing consumed). */
  stream: Readable;
  gzip: boolean;
  /** The first line (without its line break), decoded as UTF-8, BOM removed. */
  firstLine: string;
  /** The path, when the source was one. */
  path?: string;
}

const MAX_PEEK = 16 * 1024 * 1024;

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
 * Open a path or stream: detect gzip by its magic bytes (1f 8b) and decompress with a
 * streaming gunzip, then peek at the first line. The returned stream replays the peeked
 * bytes, so consumers see the whole file once.
 */
export async function openSource(source: MatrixSource): Promise<OpenedSource> {
  const path = typeof source === "string" ? source : undefined;
  const input = typeof source === "string" ? createReadStream(source) : source;
  const rawIt = iteratorOf(input);
  const raw = await peek(rawIt, (h) => h.length >= 2);
  const gzip = raw.head.length >= 2 && raw.head[0] === 0x1f && raw.head[1] === 0x8b;
  let bytes: Readable = Readable.from(replay(raw.head, rawIt, raw.done), { objectMode: false });
  if (gzip) {
    bytes = pipeline(bytes, createGunzip(), () => {
      /* errors surface through the returned stream's iterator */
    });
  }
  const it = (bytes as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const dec = await peek(it, (h) => h.includes(0x0a));
  let end = dec.head.indexOf(0x0a);
  if (end < 0) end = dec.head.length;
  let firstLine = dec.head.subarray(0, end).toString("utf8");
  if (firstLine.endsWith("\r")) firstLine = firstLine.slice(0, -1);
  if (firstLine.charCodeAt(0) === 0xfeff) firstLine = firstLine.slice(1);
  const stream = Readable.from(replay(dec.head, it, dec.done), { objectMode: false });
  return path === undefined ? { stream, gzip, firstLine } : { stream, gzip, firstLine, path };
}
