// Gene-set libraries: the built-in ones (core's shipped GMT files, teamId null, loaded into the
// database once and shared by every team) and the ones a team imports from a GMT file. A library
// a caller may use is built in or belongs to one of the caller's teams; enrichment of a bicluster
// only uses built-in libraries and those of the bicluster's own team (so one team's library never
// shows up in another team's results).
import { GENE_SET_LIBRARIES, loadGeneSetLibrary, type GeneSet } from "@exprlab/core";
import { newId, poolFor } from "../import/import-dataset.ts";
import type { GeneSetLibrary, PrismaClient } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { notFound } from "../errors.ts";
import { isUniqueViolation, type Db } from "./db.ts";
import { recordActivity } from "./record-activity.ts";

/** The built-in library used when none is named. */
export const DEFAULT_LIBRARY_KEY = "go-bp-human";
/** Sets written per INSERT when storing a library. */
const SET_BATCH = 2_000;

/**
 * Writes a library and its sets in one transaction; returns the library row. On a plain `pg`
 * connection with one array INSERT per batch (as the dataset importer does): GO BP's 6,482 sets
 * took 10 s through Prisma's createMany on a busy machine (load 12 on 2 cores), 1.3 s this way.
 */
export async function storeLibrary(
  prisma: PrismaClient,
  meta: { teamId: string | null; builtinKey: string | null; name: string; description: string; source: string; licence: string; createdById: string | null },
  sets: readonly GeneSet[],
): Promise<GeneSetLibrary> {
  const genes = new Set<string>();
  for (const s of sets) for (const g of s.genes) genes.add(g);
  const id = newId();
  const client = await poolFor(prisma).connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "GeneSetLibrary" (id, "teamId", "builtinKey", name, description, source, licence, "setCount", "geneCount", "createdById")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [id, meta.teamId, meta.builtinKey, meta.name, meta.description, meta.source, meta.licence, sets.length, genes.size, meta.createdById],
    );
    for (let from = 0; from < sets.length; from += SET_BATCH) {
      const batch = sets.slice(from, from + SET_BATCH);
      await client.query(
        `INSERT INTO "GeneSet" ("libraryId", "index", name, description, genes)
         SELECT $1, u.i, u.n, u.d, ARRAY(SELECT jsonb_array_elements_text(u.g))
         FROM unnest($2::int[], $3::text[], $4::text[], $5::jsonb[]) AS u(i, n, d, g)`,
        [id, batch.map((_, k) => from + k), batch.map((s) => s.name), batch.map((s) => s.description), batch.map((s) => JSON.stringify(s.genes))],
      );
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    // Prisma's code for a unique violation, so callers treat a concurrent builtin load the same way.
    if ((error as { code?: string }).code === "23505") throw Object.assign(new Error("gene-set library exists"), { code: "P2002" });
    throw error;
  } finally {
    client.release(broken);
  }
  return prisma.geneSetLibrary.findUniqueOrThrow({ where: { id } });
}

const ensured = new WeakMap<PrismaClient, Promise<void>>();

/**
 * Loads core's shipped libraries into the database when missing (idempotent: the unique
 * builtinKey makes a second loader's insert fail harmlessly). Memoised per client, so the API
 * calls it at start and every resolver that needs a library awaits the same promise.
 */
export function ensureBuiltinLibraries(prisma: PrismaClient): Promise<void> {
  let promise = ensured.get(prisma);
  if (!promise) {
    promise = (async () => {
      for (const info of Object.values(GENE_SET_LIBRARIES)) {
        if (await prisma.geneSetLibrary.findUnique({ where: { builtinKey: info.id }, select: { id: true } })) continue;
        const { sets } = await loadGeneSetLibrary(info.id);
        try {
          await storeLibrary(
            prisma,
            { teamId: null, builtinKey: info.id, name: info.title, description: `${info.species}. Shipped with ExprLab.`, source: info.source, licence: info.licence, createdById: null },
            sets,
          );
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
        }
      }
    })();
    promise.catch(() => ensured.delete(prisma));
    ensured.set(prisma, promise);
  }
  return promise;
}

/** Libraries a team can use: the built-in ones, then the team's own (newest first). */
export async function listGeneSetLibraries(prisma: PrismaClient, caller: Caller, teamId: string): Promise<GeneSetLibrary[]> {
  await requireTeamRole(caller, teamId, "VIEWER");
  await ensureBuiltinLibraries(prisma);
  return prisma.geneSetLibrary.findMany({
    where: { OR: [{ teamId: null }, { teamId: { in: [teamId] } }] },
    orderBy: [{ teamId: { sort: "asc", nulls: "first" } }, { createdAt: "desc" }],
  });
}

/**
 * A library usable for objects of `teamId`: built in, or that team's own. Without an id, the
 * default built-in library. Anything else (another team's library, unknown id) is NOT_FOUND.
 */
export async function libraryForTeam(prisma: PrismaClient, teamId: string, libraryId: string | null | undefined): Promise<GeneSetLibrary> {
  await ensureBuiltinLibraries(prisma);
  const library = await prisma.geneSetLibrary.findFirst({
    where: libraryId ? { id: libraryId, OR: [{ teamId: null }, { teamId: { in: [teamId] } }] } : { builtinKey: DEFAULT_LIBRARY_KEY },
  });
  if (!library) throw notFound("Gene-set library");
  return library;
}

/** Deletes a team's imported library (members and up) with its cached enrichments. Built-in ones cannot be deleted. */
export async function deleteGeneSetLibrary(prisma: PrismaClient, caller: Caller, id: string): Promise<GeneSetLibrary> {
  const library = await prisma.geneSetLibrary.findFirst({ where: { id, teamId: { in: caller.teamIds } } });
  if (!library || library.teamId === null) throw notFound("Gene-set library");
  await requireTeamRole(caller, library.teamId, "MEMBER");
  await prisma.$transaction(async (tx) => {
    await tx.geneSetLibrary.deleteMany({ where: { id: library.id, teamId: library.teamId } });
    await recordLibraryActivity(tx, caller, library, "deleted");
  });
  return library;
}

export async function recordLibraryActivity(db: Db, caller: Caller, library: GeneSetLibrary, verb: "imported" | "deleted"): Promise<void> {
  if (!library.teamId) return;
  await recordActivity(db, {
    teamId: library.teamId,
    actorId: caller.userId,
    type: verb === "imported" ? "geneSets.imported" : "geneSets.deleted",
    subjectType: "GeneSetLibrary",
    subjectId: library.id,
    summary: `${caller.name} ${verb} the gene-set library ${library.name}${verb === "imported" ? ` (${library.setCount} sets)` : ""}`,
  });
}
