import type { Comment } from "@exprlab/db";
import { teamScope } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { notFound } from "../errors.ts";
import type { Db } from "./db.ts";

/** A comment of one of the caller's teams; anything else is NOT_FOUND. */
export async function getCommentOrThrow(db: Db, caller: Caller, id: string): Promise<Comment> {
  const comment = await db.comment.findFirst({ where: { id, ...teamScope(caller) } });
  if (!comment) throw notFound("Comment");
  return comment;
}
