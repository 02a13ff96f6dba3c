# Builds go-bp-human.gmt.gz: Gene Ontology biological-process terms with 10-500 human genes
# (HGNC symbols), from Bioconductor's GO.db and org.Hs.eg.db as Debian packages them.
#
#   apt-get install -y r-base-core r-bioc-go.db r-bioc-org.hs.eg.db
#   Rscript packages/core/data/gene-sets/build-go-bp.R packages/core/data/gene-sets/go-bp-human.gmt
#   gzip -n -9 -f packages/core/data/gene-sets/go-bp-human.gmt
#
# Genes of a term = genes annotated to it OR to any of its descendants (org.Hs.egGO2ALLEGS, the
# true-path rule that enrichment tools such as clusterProfiler and topGO's "classic" use), all
# evidence codes, Entrez ids mapped to their official symbol; genes without a symbol are dropped.
# Line format: GO id <TAB> term name <TAB> symbols (sorted). Terms sorted by GO id, so the file is
# reproducible byte for byte from the same package versions.
suppressPackageStartupMessages({
  library(AnnotationDbi)
  library(GO.db)
  library(org.Hs.eg.db)
})
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[[1]] else "go-bp-human.gmt"
min_size <- 10L
max_size <- 500L

ann <- toTable(org.Hs.egGO2ALLEGS)            # gene_id, go_id, Evidence, Ontology
ann <- ann[ann$Ontology == "BP", c("gene_id", "go_id")]
sym <- toTable(org.Hs.egSYMBOL)               # gene_id, symbol
ann$symbol <- sym$symbol[match(ann$gene_id, sym$gene_id)]
ann <- unique(ann[!is.na(ann$symbol), c("go_id", "symbol")])
sets <- split(ann$symbol, ann$go_id)
sets <- lapply(sets, function(s) sort(unique(s)))
sizes <- vapply(sets, length, integer(1))
sets <- sets[sizes >= min_size & sizes <= max_size]
sets <- sets[order(names(sets))]
terms <- toTable(GOTERM)                      # go_id, go_id, Term, Ontology, ...
names_of <- terms$Term[match(names(sets), terms[[1]])]
names_of <- gsub("[\t\r\n]+", " ", names_of)
lines <- paste(names(sets), names_of, vapply(sets, paste, character(1), collapse = "\t"), sep = "\t")
con <- file(out, "w", encoding = "UTF-8")
writeLines(lines, con, sep = "\n", useBytes = TRUE)
close(con)
info <- org.Hs.eg_dbInfo()
cat(sprintf("%d GO BP terms (%d-%d genes), %d distinct genes; GO.db %s, org.Hs.eg.db %s; GO source %s, Entrez Gene %s\n",
  length(sets), min_size, max_size, length(unique(unlist(sets))),
  as.character(packageVersion("GO.db")), as.character(packageVersion("org.Hs.eg.db")),
  info$value[info$name == "GOSOURCEDATE"], info$value[info$name == "EGSOURCEDATE"]), file = stderr())
