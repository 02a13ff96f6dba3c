import type { Run } from "@exprlab/db";
import { teamScope } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { notFound } from "../errors.ts";
import type { Db } from "./db.ts";

/** A run of one of the caller's teams; anything else is NOT_FOUND. */
export async function getRunOrThrow(db: Db, caller: Caller, id: string): Promise<Run> {
  const run = await db.run.findFirst({ where: { id, ...teamScope(caller) }, omit: { result: true } });
  if (!run) throw notFound("Run");
  return run as Run;
}
