// Input validation with zod: the first issue becomes BAD_USER_INPUT naming the field.
import type { z } from "zod";
import { badInput } from "../errors.ts";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ""): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.map(String).join(".") ?? "";
  const field = [prefix, path].filter(Boolean).join(".") || "input";
  throw badInput(field, issue?.message ?? "is invalid", {
    issues: result.error.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].filter(Boolean).join("."), message: i.message })),
  });
}
