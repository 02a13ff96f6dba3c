// POST /upload/preview: what the importer would make of a file before importing it (core's
// previewMatrix): the detected format, delimiter, decimal mark and gzip, the first lines as cells,
// the header (conditions, annotation columns, times) and the first parsed rows, or the first
// error with its line and column. The browser sends the first bytes of a text file (or a whole
// .xlsx, whose index is at its end). Errors never quote binary bytes (core's readers name the
// format instead). Answers 200 { preview } or 4xx { error }.
import { previewMatrix } from "@exprlab/core";
import type { RequestHandler } from "express";
import type { PrismaClient } from "@exprlab/db";
import { authenticateRequest } from "../auth/authenticate.ts";
import { limitExceeded, unauthenticated } from "../errors.ts";
import { withTimes } from "./import-dataset.ts";
import { readMultipartFile } from "./multipart-file.ts";
import { sendError } from "./upload-router.ts";

/** Bytes of a file read for a preview: a text file's head, or a whole .xlsx workbook. */
export const MAX_PREVIEW_BYTES = 16 * 1024 * 1024;
/** Rows shown. */
const PREVIEW_ROWS = 8;

export function previewHandler(deps: { prisma: PrismaClient; logError: (e: unknown) => void }): RequestHandler {
  return async (req, res) => {
    try {
      const caller = await authenticateRequest(req.headers, deps.prisma);
      if (!caller) throw unauthenticated();
      const file = await readMultipartFile(req, { maxBytes: MAX_PREVIEW_BYTES });
      const zip = file.bytes[0] === 0x50 && file.bytes[1] === 0x4b;
      if (zip && file.truncated) {
        throw limitExceeded("previewBytes", `A workbook is previewed whole: this one is over ${MAX_PREVIEW_BYTES / 1024 / 1024} MB. Import it directly, or save it as CSV.`);
      }
      const preview = await previewMatrix(file.bytes, { rows: PREVIEW_ROWS });
      // Times as a time-course import reads them (from the ids, e.g. "t2h", "30min"), when the file has none.
      if (preview.header && preview.header.times.every((t) => t === null)) {
        preview.header.times = withTimes(preview.header.conditions.map((id) => ({ id }))).map((c) => c.time ?? null);
      }
      // A cut-off text file may end inside a row: that is not the file's fault.
      if (file.truncated && preview.error && preview.rows.length > 0) preview.error = null;
      res.json({ preview: { ...preview, bytesRead: file.bytes.length, truncated: file.truncated } });
    } catch (error) {
      sendError(res, req, error, deps.logError);
    }
  };
}
