-- CreateEnum
CREATE TYPE "RunKind" AS ENUM ('BICLUSTER', 'BENCHMARK', 'CLASSIFY', 'REGRESS');

-- AlterTable
ALTER TABLE "Run" DROP COLUMN "metrics",
DROP COLUMN "timings",
ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "estimatedSeconds" DOUBLE PRECISION,
ADD COLUMN     "kind" "RunKind" NOT NULL DEFAULT 'BICLUSTER',
ADD COLUMN     "name" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "notBefore" TIMESTAMP(3),
ADD COLUMN     "notes" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "parentId" TEXT;

-- CreateTable
CREATE TABLE "RunCheckpoint" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunCheckpoint_pkey" PRIMARY KEY ("runId","key")
);

-- CreateIndex
CREATE INDEX "Run_status_createdAt_idx" ON "Run"("status", "createdAt");

-- CreateIndex
CREATE INDEX "Run_teamId_claimedAt_idx" ON "Run"("teamId", "claimedAt");

-- CreateIndex
CREATE INDEX "Run_parentId_idx" ON "Run"("parentId");

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunCheckpoint" ADD CONSTRAINT "RunCheckpoint_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Results of schemaVersion 1 also held the bicluster rows (stored in "Bicluster" already).
UPDATE "Run" SET result = result - 'biclusters' WHERE result IS NOT NULL AND result->>'schemaVersion' = '1';
