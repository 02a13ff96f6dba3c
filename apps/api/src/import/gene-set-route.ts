// POST /upload/gene-sets: a team imports a gene-set library, multipart with the fields teamId,
// name, description (before the file part) and one GMT file (plain or gzip). Answers
// 201 { library } or 4xx { error: { code, message, line?, column? } } (GMT errors name the line).
import type { RequestHandler } from "express";
import type { PrismaClient } from "@exprlab/db";
import { authenticateRequest } from "../auth/authenticate.ts";
import { unauthenticated } from "../errors.ts";
import { importGeneSetLibrary, MAX_GMT_BYTES } from "../services/import-gene-set-library.ts";
import { readMultipartFile } from "./multipart-file.ts";
import { sendError } from "./upload-router.ts";
import { limitExceeded } from "../errors.ts";

export function geneSetUploadHandler(deps: { prisma: PrismaClient; logError: (e: unknown) => void }): RequestHandler {
  return async (req, res) => {
    try {
      const caller = await authenticateRequest(req.headers, deps.prisma);
      if (!caller) throw unauthenticated();
      const file = await readMultipartFile(req, { maxBytes: MAX_GMT_BYTES });
      if (file.truncated) throw limitExceeded("geneSetFileBytes", `A gene-set file may be at most ${MAX_GMT_BYTES / 1024 / 1024} MB.`, { max: MAX_GMT_BYTES });
      const library = await importGeneSetLibrary(deps.prisma, caller, {
        teamId: file.fields.teamId ?? "",
        name: file.fields.name || file.filename.replace(/\.(gmt|txt)(\.gz)?$/i, ""),
        description: file.fields.description ?? "",
        filename: file.filename,
        stream: file.bytes,
      });
      res.status(201).json({
        library: { id: library.id, teamId: library.teamId, name: library.name, setCount: library.setCount, geneCount: library.geneCount, createdAt: library.createdAt.toISOString() },
      });
    } catch (error) {
      sendError(res, req, error, deps.logError);
    }
  };
}
