-- CreateTable
CREATE TABLE "DatasetTruth" (
    "datasetId" TEXT NOT NULL,
    "truth" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DatasetTruth_pkey" PRIMARY KEY ("datasetId")
);

-- AddForeignKey
ALTER TABLE "DatasetTruth" ADD CONSTRAINT "DatasetTruth_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;
