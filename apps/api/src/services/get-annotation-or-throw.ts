import type { Annotation } from "@exprlab/db";
import { teamScope } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { notFound } from "../errors.ts";
import type { Db } from "./db.ts";

/** An annotation of one of the caller's teams; anything else is NOT_FOUND. */
export async function getAnnotationOrThrow(db: Db, caller: Caller, id: string): Promise<Annotation> {
  const annotation = await db.annotation.findFirst({ where: { id, ...teamScope(caller) } });
  if (!annotation) throw notFound("Annotation");
  return annotation;
}
