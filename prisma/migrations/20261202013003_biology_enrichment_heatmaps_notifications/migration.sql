-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('RUN_FINISHED', 'MENTION', 'ANNOTATION_CHANGED');

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "mentions" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- AlterTable
ALTER TABLE "Dataset" ADD COLUMN     "conditionsVersion" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "GeneSetLibrary" (
    "id" TEXT NOT NULL,
    "teamId" TEXT,
    "builtinKey" TEXT,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL DEFAULT '',
    "licence" TEXT NOT NULL DEFAULT '',
    "setCount" INTEGER NOT NULL,
    "geneCount" INTEGER NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GeneSetLibrary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GeneSet" (
    "libraryId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "genes" TEXT[],

    CONSTRAINT "GeneSet_pkey" PRIMARY KEY ("libraryId","index")
);

-- CreateTable
CREATE TABLE "BiclusterEnrichment" (
    "biclusterId" TEXT NOT NULL,
    "libraryId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "universeSize" INTEGER NOT NULL,
    "queryInUniverse" INTEGER NOT NULL,
    "tested" INTEGER NOT NULL,
    "terms" JSONB NOT NULL,
    "seconds" DOUBLE PRECISION NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BiclusterEnrichment_pkey" PRIMARY KEY ("biclusterId","libraryId")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "key" TEXT NOT NULL,
    "actorId" TEXT,
    "summary" TEXT NOT NULL,
    "data" JSONB,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GeneFollow" (
    "userId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "gene" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GeneFollow_pkey" PRIMARY KEY ("userId","teamId","gene")
);

-- CreateTable
CREATE TABLE "DatasetHeatmapOrder" (
    "datasetId" TEXT NOT NULL,
    "rows" INTEGER[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DatasetHeatmapOrder_pkey" PRIMARY KEY ("datasetId")
);

-- CreateIndex
CREATE UNIQUE INDEX "GeneSetLibrary_builtinKey_key" ON "GeneSetLibrary"("builtinKey");

-- CreateIndex
CREATE INDEX "GeneSetLibrary_teamId_idx" ON "GeneSetLibrary"("teamId");

-- CreateIndex
CREATE INDEX "BiclusterEnrichment_teamId_idx" ON "BiclusterEnrichment"("teamId");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_userId_key_key" ON "Notification"("userId", "key");

-- CreateIndex
CREATE INDEX "GeneFollow_teamId_gene_idx" ON "GeneFollow"("teamId", "gene");

-- AddForeignKey
ALTER TABLE "GeneSetLibrary" ADD CONSTRAINT "GeneSetLibrary_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GeneSetLibrary" ADD CONSTRAINT "GeneSetLibrary_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GeneSet" ADD CONSTRAINT "GeneSet_libraryId_fkey" FOREIGN KEY ("libraryId") REFERENCES "GeneSetLibrary"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BiclusterEnrichment" ADD CONSTRAINT "BiclusterEnrichment_biclusterId_fkey" FOREIGN KEY ("biclusterId") REFERENCES "Bicluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BiclusterEnrichment" ADD CONSTRAINT "BiclusterEnrichment_libraryId_fkey" FOREIGN KEY ("libraryId") REFERENCES "GeneSetLibrary"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BiclusterEnrichment" ADD CONSTRAINT "BiclusterEnrichment_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GeneFollow" ADD CONSTRAINT "GeneFollow_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GeneFollow" ADD CONSTRAINT "GeneFollow_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetHeatmapOrder" ADD CONSTRAINT "DatasetHeatmapOrder_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
