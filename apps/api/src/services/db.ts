// Shared types for services: the Prisma client or an interactive transaction.
import type { Prisma, PrismaClient } from "@exprlab/db";

export type Db = PrismaClient | Prisma.TransactionClient;

/** True when `error` is Prisma's unique-constraint violation (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
