// CSV writer (used by the CLI for synthetic data): gene id, annotation columns, then one
// column per condition; NaN is written as NA. Streams with back-pressure.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { ExpressionMatrix } from "../types.ts";

export interface WriteCsvOptions {
  /** Header of the gene id column (default "gene"). */
  geneColumn?: string;
  /** Significant digits for values; default: shortest exact representation. */
  precision?: number;
}

function quote(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Write `matrix` as CSV to a path or writable stream. A path's stream is closed at the end. */
export async function writeMatrixCsv(
  matrix: ExpressionMatrix,
  target: string | NodeJS.WritableStream,
  options: WriteCsvOptions = {},
): Promise<void> {
  const out = typeof target === "string" ? createWriteStream(target) : target;
  const m = matrix.conditions.length;
  const fmt =
    options.precision === undefined ? (v: number) => String(v) : (v: number) => String(Number(v.toPrecision(options.precision)));
  const ann = matrix.annotations;
  const write = async (chunk: string): Promise<void> => {
    if (!out.write(chunk)) await once(out, "drain");
  };
  const header = [options.geneColumn ?? "gene", ...(ann?.columns ?? []), ...matrix.conditions.map((c) => c.id)];
  let buf = header.map(quote).join(",") + "\n";
  for (let i = 0; i < matrix.genes.length; i++) {
    let line = quote(matrix.genes[i]!);
    if (ann) for (const a of ann.rows[i] ?? []) line += "," + quote(a);
    for (let j = 0; j < m; j++) {
      const v = matrix.values[i * m + j]!;
      line += "," + (Number.isNaN(v) ? "NA" : fmt(v));
    }
    buf += line + "\n";
    if (buf.length > 1 << 16) {
      await write(buf);
      buf = "";
    }
  }
  if (buf.length > 0) await write(buf);
  if (typeof target === "string") {
    const ws = out as NodeJS.WritableStream;
    await new Promise<void>((resolve, reject) => {
      ws.on("error", reject);
      ws.end(() => resolve());
    });
  }
}
