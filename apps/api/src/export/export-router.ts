// GET downloads (Authorization: Bearer <session or API token>; the web app proxies them at
// /api/export/...):
//   /export/runs/:id.csv | .json | .gmt        every bicluster of a run with its genes, conditions, values
//   /export/biclusters/:id/matrix.csv          a bicluster's submatrix (genes x its conditions, raw)
//   /export/biclusters/:id/enrichment.csv      its gene-set enrichment (?library=<id>, default GO BP)
// Errors answer JSON { error: { code, message } } like the upload routes.
import type { Response } from "express";
import express, { type Router } from "express";
import { toCsvRows } from "@exprlab/core/csv";
import type { Registry } from "@exprlab/core";
import type { PrismaClient } from "@exprlab/db";
import { authenticateRequest } from "../auth/authenticate.ts";
import type { Caller } from "../auth/caller.ts";
import { badInput, unauthenticated } from "../errors.ts";
import { sendError } from "../import/upload-router.ts";
import { enrichBicluster } from "../services/enrich-biclusters.ts";
import { getBiclusterOrThrow } from "../services/get-bicluster-or-throw.ts";
import { loadBiclusterExport, loadRunExport } from "./load-run-export.ts";
import { runCsv, runGmt, runJson, submatrixCsv } from "./run-export.ts";

export interface ExportRouterDeps {
  prisma: PrismaClient;
  registry: Registry;
  logError?: (error: unknown) => void;
}

const TYPES = { csv: "text/csv", json: "application/json", gmt: "text/plain" } as const;

/** A file name safe in a Content-Disposition header. */
export function fileName(...parts: string[]): string {
  return parts.join("-").replace(/[^A-Za-z0-9._-]+/g, "_").replace(/_+/g, "_").slice(0, 150);
}

/** Writes pieces with backpressure (a slow client holds the generator, not the server's memory). */
async function stream(res: Response, type: string, name: string, pieces: Iterable<string>): Promise<void> {
  res.status(200);
  res.setHeader("Content-Type", `${type}; charset=utf-8`);
  res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
  res.setHeader("Cache-Control", "no-store");
  for (const piece of pieces) {
    if (!res.write(piece)) await new Promise<void>((resolve) => res.once("drain", resolve));
  }
  res.end();
}

export function createExportRouter(deps: ExportRouterDeps): Router {
  const router = express.Router();
  const logError = deps.logError ?? ((e: unknown) => console.error("[export]", e));
  const authed = (handler: (req: express.Request, res: Response, caller: Caller) => Promise<void>): express.RequestHandler => {
    return async (req, res) => {
      try {
        const caller = await authenticateRequest(req.headers, deps.prisma);
        if (!caller) throw unauthenticated();
        await handler(req, res, caller);
      } catch (error) {
        if (res.headersSent) {
          logError(error);
          res.destroy();
        } else sendError(res, req, error, logError);
      }
    };
  };

  router.get(
    "/runs/:file",
    authed(async (req, res, caller) => {
      const m = /^([^.]+)\.(csv|json|gmt)$/.exec(String(req.params.file));
      if (!m) throw badInput("format", "must be .csv, .json or .gmt");
      const format = m[2] as keyof typeof TYPES;
      const data = await loadRunExport(deps.prisma, caller, deps.registry, m[1]!);
      const name = fileName(data.dataset.name, data.run.title, "biclusters") + `.${format}`;
      await stream(res, TYPES[format], name, format === "csv" ? runCsv(data) : format === "json" ? runJson(data) : runGmt(data));
    }),
  );

  router.get(
    "/biclusters/:id/matrix.csv",
    authed(async (req, res, caller) => {
      const data = await loadBiclusterExport(deps.prisma, caller, deps.registry, String(req.params.id));
      const name = fileName(data.dataset.name, data.run.title, `bicluster-${data.bicluster.index + 1}`, "matrix") + ".csv";
      await stream(res, TYPES.csv, name, submatrixCsv(data.conditions, data.bicluster, data.valuesOf));
    }),
  );

  router.get(
    "/biclusters/:id/enrichment.csv",
    authed(async (req, res, caller) => {
      const bicluster = await getBiclusterOrThrow(deps.prisma, caller, String(req.params.id));
      const library = typeof req.query.library === "string" && req.query.library ? req.query.library : null;
      const e = await enrichBicluster(deps.prisma, bicluster, library);
      const header = ["term", "description", "set_size", "set_size_in_universe", "overlap", "expected", "fold_enrichment", "p_value", "q_value", "overlap_genes"];
      const rows = e.terms.map((t) => [t.name, t.description, t.setSize, t.setSizeInUniverse, t.overlap, t.expected, t.foldEnrichment, t.pValue, t.qValue, t.overlapGenes.join(";")]);
      const name = fileName(`bicluster-${bicluster.index + 1}`, "enrichment", e.library.name) + ".csv";
      await stream(res, TYPES.csv, name, [toCsvRows([header, ...rows])]);
    }),
  );
  return router;
}
