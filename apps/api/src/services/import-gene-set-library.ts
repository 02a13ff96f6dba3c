// A team imports a gene-set library from a GMT file (plain or gzip). The file's size, its number
// of sets and of gene memberships are capped, which bounds what one enrichment costs (about one
// pass over the memberships per bicluster). GMT errors keep their line numbers (BAD_USER_INPUT
// with extensions.line/column).
import { Readable } from "node:stream";
import { readGmt } from "@exprlab/core";
import type { GeneSetLibrary, PrismaClient } from "@exprlab/db";
import { z } from "zod";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { badInput, limitExceeded } from "../errors.ts";
import { toAppError } from "../import/import-dataset.ts";
import { recordLibraryActivity, storeLibrary } from "./gene-set-libraries.ts";
import { parseInput } from "./validate.ts";

/** Largest GMT file accepted (bytes, as uploaded: a gzip file counts compressed). */
export const MAX_GMT_BYTES = 20 * 1024 * 1024;
/** Most sets in one library. */
export const MAX_LIBRARY_SETS = 20_000;
/** Most (set, gene) memberships in one library: bounds the cost of one enrichment. */
export const MAX_LIBRARY_MEMBERSHIPS = 2_000_000;

const metaSchema = z.object({
  teamId: z.string().trim().min(1, "is required"),
  name: z.string().trim().min(1, "is required").max(200, "is at most 200 characters"),
  description: z.string().max(2_000, "is at most 2,000 characters").default(""),
  filename: z.string().max(500).default(""),
});

export interface ImportGeneSetsInput {
  teamId: string;
  name: string;
  description?: string;
  filename?: string;
  /** The GMT bytes. */
  stream: NodeJS.ReadableStream | Buffer;
}

async function readCapped(stream: NodeJS.ReadableStream | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(stream)) {
    if (stream.length > MAX_GMT_BYTES) throw tooLarge();
    return stream;
  }
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size > MAX_GMT_BYTES) throw tooLarge();
    parts.push(b);
  }
  return Buffer.concat(parts, size);
}

function tooLarge(): Error {
  return limitExceeded("geneSetFileBytes", `A gene-set file may be at most ${MAX_GMT_BYTES / 1024 / 1024} MB.`, { max: MAX_GMT_BYTES });
}

export async function importGeneSetLibrary(prisma: PrismaClient, caller: Caller, input: ImportGeneSetsInput): Promise<GeneSetLibrary> {
  const meta = parseInput(metaSchema, { ...input, description: input.description ?? "", filename: input.filename ?? "" });
  await requireTeamRole(caller, meta.teamId, "MEMBER");
  const bytes = await readCapped(input.stream);
  if (bytes.length === 0) throw badInput("file", "is empty");
  let parsed: Awaited<ReturnType<typeof readGmt>>;
  try {
    parsed = await readGmt(Readable.from([bytes]));
  } catch (error) {
    throw toAppError(error);
  }
  const { sets } = parsed;
  if (sets.length === 0) throw badInput("file", "has no gene sets (GMT: one set per line: name, description, genes, tab-separated)");
  if (sets.length > MAX_LIBRARY_SETS) {
    throw limitExceeded("geneSets", `A library may have at most ${MAX_LIBRARY_SETS.toLocaleString("en")} sets; this file has ${sets.length.toLocaleString("en")}.`);
  }
  const memberships = sets.reduce((n, s) => n + s.genes.length, 0);
  if (memberships > MAX_LIBRARY_MEMBERSHIPS) {
    throw limitExceeded(
      "geneSetMemberships",
      `A library may list at most ${MAX_LIBRARY_MEMBERSHIPS.toLocaleString("en")} genes over all its sets; this file lists ${memberships.toLocaleString("en")}.`,
    );
  }
  const library = await storeLibrary(
    prisma,
    { teamId: meta.teamId, builtinKey: null, name: meta.name, description: meta.description, source: meta.filename, licence: "", createdById: caller.userId },
    sets,
  );
  await recordLibraryActivity(prisma, caller, library, "imported");
  return library;
}
