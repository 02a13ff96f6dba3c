// TEMPORARY bridge to core's streaming parser while packages/core/src/io lands: a dynamic import,
// so the API server can start (and answer a clear error) before parseMatrixRows exists.
// Replace with `import { parseMatrixRows } from "@exprlab/core"` once core exports it.
import type { Readable } from "node:stream";
import type { Condition } from "@exprlab/core";

export type MatrixRowEvent =
  | { type: "header"; format?: string; conditions: Condition[]; annotationColumns?: string[] }
  | { type: "row"; line: number; gene: string; values: Float64Array; annotations?: string[] };

export type ParseMatrixRows = (
  source: Readable | AsyncIterable<Uint8Array>,
  options: { filename?: string; format?: string },
) => AsyncIterable<MatrixRowEvent>;

export async function loadMatrixParser(): Promise<ParseMatrixRows> {
  const core = (await import("@exprlab/core")) as unknown as { parseMatrixRows?: ParseMatrixRows };
  if (typeof core.parseMatrixRows !== "function") {
    throw new Error("@exprlab/core does not export parseMatrixRows yet");
  }
  return core.parseMatrixRows;
}
