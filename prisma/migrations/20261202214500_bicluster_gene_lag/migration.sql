-- AlterTable
ALTER TABLE "BiclusterGene" ADD COLUMN     "lag" INTEGER;
