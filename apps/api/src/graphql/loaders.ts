// Per-request DataLoaders (created with each context) so lists do not issue one query per row.
// Team-owned loaders put the caller's team scope into their query, like the services do.
import DataLoader from "dataloader";
import type { Annotation, Bicluster, Dataset, PrismaClient, Run, User } from "@exprlab/db";
import { loadBiclusterRows, type BiclusterRows } from "../services/read-bicluster-matrix.ts";
import type { Caller } from "../auth/caller.ts";

export interface Loaders {
  /** Users by id (authors, creators). Only public profile fields are exposed in GraphQL. */
  user: DataLoader<string, User | null>;
  /** A team's annotation of a gene; key `annotationKey(teamId, gene)`. */
  annotation: DataLoader<string, Annotation | null>;
  /** Datasets by id within the caller's teams. */
  dataset: DataLoader<string, Dataset | null>;
  /** Runs by id within the caller's teams (without the large `result` JSON). */
  run: DataLoader<string, Run | null>;
  /** The stored result JSON of a run (runs already loaded through a scoped service). */
  runResult: DataLoader<string, unknown>;
  /** Number of biclusters per run id (runs already loaded through a scoped service). */
  biclusterCount: DataLoader<string, number>;
  /** A bicluster's member rows (read once per request for its matrix and profiles). */
  biclusterRows: DataLoader<Bicluster, BiclusterRows, string>;
}

export function annotationKey(teamId: string, gene: string): string {
  return `${teamId}\u0000${gene}`;
}

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

export function createLoaders(prisma: PrismaClient, caller: Caller | null): Loaders {
  const teamIds = caller?.teamIds ?? [];
  return {
    user: new DataLoader(async (ids) => byId(ids, await prisma.user.findMany({ where: { id: { in: [...ids] } } }))),
    annotation: new DataLoader(async (keys) => {
      const byTeam = new Map<string, string[]>();
      for (const key of keys) {
        const [teamId = "", gene = ""] = key.split("\u0000");
        if (!teamIds.includes(teamId)) continue;
        byTeam.set(teamId, [...(byTeam.get(teamId) ?? []), gene]);
      }
      if (byTeam.size === 0) return keys.map(() => null);
      const rows = await prisma.annotation.findMany({
        where: { OR: [...byTeam].map(([teamId, genes]) => ({ teamId, gene: { in: genes } })) },
      });
      const found = new Map(rows.map((a) => [annotationKey(a.teamId, a.gene), a]));
      return keys.map((k) => found.get(k) ?? null);
    }),
    dataset: new DataLoader(async (ids) =>
      byId(ids, await prisma.dataset.findMany({ where: { id: { in: [...ids] }, teamId: { in: teamIds } } })),
    ),
    run: new DataLoader(async (ids) =>
      byId(ids, (await prisma.run.findMany({ where: { id: { in: [...ids] }, teamId: { in: teamIds } }, omit: { result: true } })) as Run[]),
    ),
    runResult: new DataLoader(async (ids) => {
      const rows = await prisma.run.findMany({ where: { id: { in: [...ids] }, teamId: { in: teamIds } }, select: { id: true, result: true } });
      const map = new Map(rows.map((r) => [r.id, r.result]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    biclusterCount: new DataLoader(async (runIds) => {
      const groups = await prisma.bicluster.groupBy({
        by: ["runId"],
        where: { runId: { in: [...runIds] }, teamId: { in: teamIds } },
        _count: { _all: true },
      });
      const counts = new Map(groups.map((g) => [g.runId, g._count._all]));
      return runIds.map((id) => counts.get(id) ?? 0);
    }),
    biclusterRows: new DataLoader((biclusters) => Promise.all(biclusters.map((b) => loadBiclusterRows(prisma, b))), {
      cacheKeyFn: (b) => b.id,
    }),
  };
}
