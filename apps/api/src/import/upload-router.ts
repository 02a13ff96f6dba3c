// POST /upload: multipart/form-data with the fields teamId, name, description, kind (sent BEFORE
// the file part) and one file part. The file is streamed from the socket through busboy into
// importDataset: nothing buffers the whole file. Answers JSON:
//   201 { dataset }                                    on success
//   4xx { error: { code, message, line?, column?, field?, source? } } otherwise
// An optional `sampleSheet` field (CSV/TSV text, before the file part) gives the conditions' times,
// groups, replicates and subjects; its errors carry source "sampleSheet" and the sheet's line/column.
// Also here: POST /upload/preview (preview-route.ts) and POST /upload/gene-sets (gene-set-route.ts).
import type { Readable } from "node:stream";
import busboy from "busboy";
import express from "express";
import type { Request, Response, Router } from "express";
import type { PrismaClient } from "@exprlab/db";
import { authenticateRequest } from "../auth/authenticate.ts";
import type { Caller } from "../auth/caller.ts";
import { AppError, ErrorCode, badInput, httpStatusOf, unauthenticated } from "../errors.ts";
import { geneSetUploadHandler } from "./gene-set-route.ts";
import { importDataset } from "./import-dataset.ts";
import { previewHandler } from "./preview-route.ts";
import { warmDatasetHeatmap } from "../services/heatmap-matrix.ts";
import type { UploadLimits } from "./upload-limits.ts";
import type { RateLimits } from "../auth/rate-limits.ts";

export interface UploadRouterDeps {
  prisma: PrismaClient;
  /** Largest accepted file in bytes (default 2 GiB). */
  maxFileBytes?: number;
  /** Uploads per user and per IP (default: none). */
  rateLimits?: RateLimits;
  /** The client's address for rate limits (default: the socket's). */
  clientIp?: (req: Request) => string;
  /** Limits checked while the file streams (decompressed size, line length, columns, ids). */
  limits?: Partial<UploadLimits>;
  /** Logs unexpected errors (default console.error). */
  logError?: (error: unknown) => void;
}

interface ErrorBody {
  error: { code: string; message: string; line?: number; column?: number; field?: string; source?: string };
}

export function createUploadRouter(deps: UploadRouterDeps): Router {
  const router = express.Router();
  const logError = deps.logError ?? ((e: unknown) => console.error("[upload]", e));
  router.post("/preview", previewHandler({ prisma: deps.prisma, logError }));
  router.post("/gene-sets", geneSetUploadHandler({ prisma: deps.prisma, logError }));

  router.post("/", async (req, res) => {
    let caller: Caller | null;
    try {
      caller = await authenticateRequest(req.headers, deps.prisma);
    } catch (error) {
      return sendError(res, req, error, logError);
    }
    if (!caller) return sendError(res, req, unauthenticated(), logError);
    try {
      await deps.rateLimits?.consume("uploadsPerIp", deps.clientIp?.(req) ?? req.socket.remoteAddress ?? "unknown");
      await deps.rateLimits?.consume("uploadsPerUser", caller.userId);
    } catch (error) {
      return sendError(res, req, error, logError);
    }
    if (!req.is("multipart/form-data")) {
      return sendError(res, req, badInput("body", "must be multipart/form-data with a file part"), logError);
    }
    try {
      const dataset = await handleMultipart(req, res, caller, deps);
      res.status(201).json({ dataset: datasetJson(dataset) });
      warmDatasetHeatmap(deps.prisma, dataset);
    } catch (error) {
      sendError(res, req, error, logError);
    }
  });
  return router;
}

type ImportedDataset = Awaited<ReturnType<typeof importDataset>>;

function handleMultipart(req: Request, res: Response, caller: Caller, deps: UploadRouterDeps): Promise<ImportedDataset> {
  return new Promise<ImportedDataset>((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 20, fieldSize: 64 * 1024, fileSize: deps.maxFileBytes ?? 2 * 1024 ** 3 },
      });
    } catch (error) {
      reject(badInput("body", error instanceof Error ? error.message : "bad multipart body"));
      return;
    }
    const fields: Record<string, string> = {};
    const truncatedFields = new Set<string>();
    let importing: Promise<ImportedDataset> | undefined;
    let settled = false;
    // Stops the import (reading, decompression, the transaction) when the request ends badly.
    const abort = new AbortController();
    const fail = (error: unknown): void => {
      abort.abort();
      if (settled) return;
      settled = true;
      req.unpipe(bb);
      req.resume(); // drain the rest of the body so the response can be sent
      reject(error);
    };

    bb.on("field", (name, value, info) => {
      fields[name] = value;
      if (info.valueTruncated) truncatedFields.add(name);
    });
    bb.on("file", (_name, file: Readable, info) => {
      if (importing) {
        file.resume();
        return;
      }
      if (truncatedFields.has("sampleSheet")) {
        file.resume();
        fail(badInput("sampleSheet", "is longer than 64 KB: import the matrix first, then upload the sample sheet on the dataset page"));
        return;
      }
      let truncated = false;
      file.on("limit", () => {
        truncated = true;
        file.destroy(badInput("file", "is larger than the upload limit"));
      });
      importing = importDataset({
        prisma: deps.prisma,
        caller,
        teamId: fields.teamId ?? "",
        name: fields.name ?? (info.filename || ""),
        description: fields.description ?? "",
        kind: (fields.kind ?? "TIME_COURSE") as "TIME_COURSE" | "SAMPLES" | "DE_TABLE",
        filename: info.filename || "",
        stream: file,
        signal: abort.signal,
        ...(deps.limits ? { limits: deps.limits } : {}),
        ...(fields.sampleSheet ? { sampleSheet: fields.sampleSheet } : {}),
      });
      importing.then(
        (dataset) => {
          if (settled) return;
          if (truncated) return fail(badInput("file", "is larger than the upload limit"));
          settled = true;
          resolve(dataset);
        },
        (error: unknown) => {
          file.resume(); // let busboy finish the body even though we stopped reading
          fail(error);
        },
      );
    });
    bb.on("error", (error) => fail(badInput("body", error instanceof Error ? error.message : "bad multipart body")));
    bb.on("close", () => {
      if (!importing) fail(badInput("file", "is required (a multipart part named file, after the other fields)"));
    });
    req.on("aborted", () => fail(badInput("body", "the upload was interrupted")));
    // The client went away (closed the socket) before we answered: nobody waits for this import.
    res.on("close", () => {
      if (!res.writableFinished) fail(badInput("body", "the client disconnected"));
    });
    req.pipe(bb);
  });
}

function datasetJson(d: ImportedDataset): Record<string, unknown> {
  return {
    id: d.id,
    teamId: d.teamId,
    name: d.name,
    description: d.description,
    kind: d.kind,
    format: d.format,
    sourceFilename: d.sourceFilename,
    geneCount: d.geneCount,
    conditionCount: d.conditionCount,
    missingCount: d.missingCount,
    createdAt: d.createdAt.toISOString(),
  };
}

export function sendError(res: Response, req: Request, error: unknown, logError: (e: unknown) => void): void {
  if (res.headersSent) return;
  let appError: AppError;
  if (error instanceof AppError) {
    appError = error;
  } else {
    logError(error);
    appError = new AppError(ErrorCode.INTERNAL_SERVER_ERROR, "The upload failed on the server.");
  }
  const body: ErrorBody = { error: { code: appError.code, message: appError.userMessage } };
  const { line, column, field, source } = appError.extensions;
  if (typeof line === "number") body.error.line = line;
  if (typeof column === "number") body.error.column = column;
  if (typeof field === "string") body.error.field = field;
  if (typeof source === "string") body.error.source = source;
  const retry = appError.extensions.retryAfterSeconds;
  if (typeof retry === "number") res.setHeader("Retry-After", String(retry));
  // The client may still be sending: answer now and close the connection after the response.
  if (!req.complete) res.setHeader("Connection", "close");
  res.status(httpStatusOf[appError.code]).json(body);
}
