-- AlterEnum
ALTER TYPE "DatasetKind" ADD VALUE 'DE_TABLE';

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "input" JSONB NOT NULL DEFAULT '{}';
