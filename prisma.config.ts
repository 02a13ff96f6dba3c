// Prisma CLI config (Prisma 7): where the schema and migrations are, and which database
// `prisma migrate deploy` talks to when the normal CLI is available.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
