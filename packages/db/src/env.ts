// The only module of @exprlab/db that reads process.env (validated with zod).
import { z } from "zod";

const postgresUrl = z
  .string()
  .trim()
  .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL");

const dbEnvSchema = z.object({
  /** The PostgreSQL server to use; when unset, an embedded PostgreSQL is started. */
  DATABASE_URL: z.preprocess(emptyToUndefined, postgresUrl.optional()),
  /** A server for integration tests (needs CREATEDB); when unset, tests start an embedded one. */
  TEST_DATABASE_URL: z.preprocess(emptyToUndefined, postgresUrl.optional()),
});

export type DbEnv = z.infer<typeof dbEnvSchema>;

function emptyToUndefined(value: unknown): unknown {
  return value === "" ? undefined : value;
}

/** Reads and validates the database variables (from `source`, default process.env). */
export function readDbEnv(source: Record<string, string | undefined> = process.env): DbEnv {
  const parsed = dbEnvSchema.safeParse(source);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid database environment: ${issues}`);
  }
  return parsed.data;
}
