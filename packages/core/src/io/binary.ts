// Recognising input that is not a text table, so the error says what the file is instead of
// quoting its bytes: spreadsheets, archives, other compressions, UTF-16, NUL bytes, invalid UTF-8.
import { isUtf8 } from "node:buffer";
import { Transform } from "node:stream";
import type { TransformCallback } from "node:stream";
import { InputError } from "../errors.ts";

export type RawKind = "zip" | "xls" | "text";

function startsWith(head: Uint8Array, bytes: number[]): boolean {
  return head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
}

/**
 * What the first bytes of a (not gzip) file say: "zip" (an .xlsx workbook is a zip), "xls" (an
 * Excel 97-2003 / OLE2 compound file), or "text". Other binary formats we recognise throw an
 * InputError naming them.
 */
export function sniffRaw(head: Uint8Array): RawKind {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return "zip";
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "xls";
  const named: [number[], string][] = [
    [[0x42, 0x5a, 0x68], "a bzip2-compressed file: only gzip (.gz) is decompressed; decompress it first"],
    [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], "an xz-compressed file: only gzip (.gz) is decompressed; decompress it first"],
    [[0x28, 0xb5, 0x2f, 0xfd], "a zstd-compressed file: only gzip (.gz) is decompressed; decompress it first"],
    [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], "a 7-Zip archive: extract the table first"],
    [[0x52, 0x61, 0x72, 0x21], "a RAR archive: extract the table first"],
    [[0x25, 0x50, 0x44, 0x46], "a PDF document, not a table"],
    [[0x89, 0x50, 0x4e, 0x47], "a PNG image, not a table"],
    [[0xff, 0xd8, 0xff], "a JPEG image, not a table"],
    [[0x89, 0x48, 0x44, 0x46], "an HDF5 file (e.g. .h5ad / .h5): export the matrix as CSV or TSV"],
    [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], "an SQLite database, not a table"],
  ];
  for (const [magic, what] of named) if (startsWith(head, magic)) throw new InputError(`this is ${what}`, { line: 1, column: 1 });
  return "text";
}

/** The message for an Excel 97-2003 workbook (we read .xlsx only). */
export const XLS_MESSAGE =
  "this is an Excel 97-2003 workbook (.xls), which is not read: save it as .xlsx, CSV or tab-separated text";

/** Throws when decompressed text starts like UTF-16 (Excel's "Unicode text" export). */
export function checkTextStart(head: Uint8Array): void {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    throw new InputError('this is UTF-16 text (e.g. Excel\'s "Unicode Text"): save it as UTF-8 ("CSV UTF-8") instead', { line: 1, column: 1 });
  }
}

/** Index of the first byte of `b` that starts an invalid (or truncated) UTF-8 sequence; b.length if none. */
function firstInvalid(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= b.length) return i;
    const c1 = b[i + 1]!;
    if (c1 < lo || c1 > hi) return i;
    for (let k = 2; k <= need; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return i;
}

/** Bytes at the end of `b` that may start a multi-byte character completed by the next chunk. */
function incompleteTail(b: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, b.length); back++) {
    const c = b[b.length - back]!;
    if ((c & 0xc0) === 0x80) continue;
    const len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return len > back ? back : 0;
  }
  return 0;
}

function countLines(b: Uint8Array, end: number): number {
  let n = 0;
  for (let i = b.indexOf(0x0a); i >= 0 && i < end; i = b.indexOf(0x0a, i + 1)) n++;
  return n;
}

/**
 * A pass-through that fails with an InputError naming the line on a NUL byte (binary data) or on
 * bytes that are not UTF-8 (e.g. a Latin-1 / Windows-1252 export). Both checks are native
 * (indexOf, isUtf8), so the cost is small next to parsing.
 */
export function textGuard(): Transform {
  let lines = 0;
  let carry: Buffer = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      const b = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const keep = incompleteTail(b);
      const body = keep > 0 ? b.subarray(0, b.length - keep) : b;
      const nul = body.indexOf(0);
      if (nul >= 0) {
        done(new InputError("binary data: the file contains NUL bytes, so it is not a text table (a spreadsheet, archive or corrupted file?)", { line: lines + countLines(body, nul) + 1 }));
        return;
      }
      if (!isUtf8(body)) {
        const at = Math.min(firstInvalid(body), body.length - 1);
        const byte = body[at]!.toString(16).toUpperCase().padStart(2, "0");
        done(
          new InputError(
            `not UTF-8 text: byte 0x${byte} is not valid UTF-8 (a Latin-1 / Windows-1252 export?); save the file as UTF-8 ("CSV UTF-8")`,
            { line: lines + countLines(body, at) + 1 },
          ),
        );
        return;
      }
      lines += countLines(body, body.length);
      carry = keep > 0 ? Buffer.from(b.subarray(b.length - keep)) : Buffer.alloc(0);
      done(null, body);
    },
    flush(done: TransformCallback) {
      if (carry.length > 0) {
        done(new InputError("not UTF-8 text: the file ends inside a multi-byte character (truncated or not UTF-8)", { line: lines + 1 }));
        return;
      }
      done();
    },
  });
}
