# Exports a real time course from Debian's r-bioc-hsmmsinglecell (Trapnell et al. 2014: human
# skeletal muscle myoblasts, single cells at 0, 24, 48 and 72 h of differentiation, FPKM) as a
# genes x conditions CSV for bench/real-data.ts. Conditions are pseudo-bulk pools: the cells of
# each time point split (seeded) into 4 pools, averaged, ordered by time -> 16 conditions, each
# with its time in hours. Genes: log2(FPKM + 1), expressed (pool mean > 1 in at least 2 pools),
# the 2,000 most variable. Not committed: the CSV (about 0.5 MB) is written to the path given.
# Needs R with Biobase and the data: apt-get install r-base-core r-bioc-biobase r-bioc-hsmmsinglecell
#   Rscript bench/data/export-hsmm.R /tmp/hsmm.csv
suppressPackageStartupMessages({ library(Biobase); library(HSMMSingleCell) })
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) > 0) args[1] else "hsmm.csv"
data(HSMM_expr_matrix); data(HSMM_sample_sheet)
hours <- as.numeric(as.character(HSMM_sample_sheet$Hours))
set.seed(1)
pools <- list(); times <- c(); ids <- c()
for (h in sort(unique(hours))) {
  cells <- which(hours == h)
  groups <- split(sample(cells), rep(1:4, length.out = length(cells)))
  for (g in seq_along(groups)) {
    pools[[length(pools) + 1]] <- rowMeans(log2(HSMM_expr_matrix[, groups[[g]], drop = FALSE] + 1))
    times <- c(times, h); ids <- c(ids, sprintf("h%02d_p%d", h, g))
  }
}
m <- do.call(cbind, pools); colnames(m) <- ids
keep <- rowSums(m > 1) >= 2
m <- m[keep, ]
v <- apply(m, 1, var)
m <- m[order(-v)[1:min(2000, nrow(m))], ]
write.csv(data.frame(gene = rownames(m), m, check.names = FALSE), out, row.names = FALSE, quote = FALSE)
writeLines(paste(ids, times, sep = ","), sub("\\.csv$", "-times.csv", out))
cat(sprintf("wrote %d genes x %d conditions to %s\n", nrow(m), ncol(m), out))
