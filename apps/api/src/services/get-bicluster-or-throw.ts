import type { Bicluster } from "@exprlab/db";
import { teamScope } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { notFound } from "../errors.ts";
import type { Db } from "./db.ts";

/** A bicluster of one of the caller's teams; anything else is NOT_FOUND. */
export async function getBiclusterOrThrow(db: Db, caller: Caller, id: string): Promise<Bicluster> {
  const bicluster = await db.bicluster.findFirst({ where: { id, ...teamScope(caller) } });
  if (!bicluster) throw notFound("Bicluster");
  return bicluster;
}
