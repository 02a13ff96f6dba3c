-- Trigram indexes let geneSearch's case-insensitive prefix match (gene ILIKE 'tp5%') use an index
-- instead of scanning every row of the team's datasets and biclusters. pg_trgm is a trusted
-- extension (PostgreSQL 13+): a database owner may create it. Prisma does not manage extensions
-- here (no postgresqlExtensions preview), so this line is ours and future diffs leave it alone.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateIndex
CREATE INDEX "BiclusterGene_gene_trgm_idx" ON "BiclusterGene" USING GIN ("gene" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "DatasetRow_gene_trgm_idx" ON "DatasetRow" USING GIN ("gene" gin_trgm_ops);
