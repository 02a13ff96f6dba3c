# Reference values for src/enrichment from R (stats::phyper, stats::p.adjust).
# Run: Rscript packages/core/scripts/enrichment-fixture.R > packages/core/src/enrichment/fixtures/r-reference.txt
# (Debian: apt-get install -y r-base-core). Output: plain tab-separated sections, 17 significant digits.
cases <- rbind(
  # k, N, K, n: overlap k, universe N, set size in universe K, query size n
  c(3, 20, 5, 6),
  c(0, 20, 5, 6),
  c(1, 100, 10, 10),
  c(5, 100, 10, 10),
  c(10, 100, 10, 10),
  c(9, 1000, 40, 50),
  c(2, 1000, 40, 50),
  c(50, 20000, 200, 50),
  c(30, 20000, 500, 300),
  c(7, 20000, 500, 300),
  c(120, 25000, 480, 2000),
  c(3, 60000, 15, 2000),
  c(1, 5, 5, 3),
  c(4, 12, 8, 6)
)
cat("# phyper: k N K n p_upper (= phyper(k - 1, K, N - K, n, lower.tail = FALSE))\n")
for (i in seq_len(nrow(cases))) {
  k <- cases[i, 1]; N <- cases[i, 2]; K <- cases[i, 3]; n <- cases[i, 4]
  p <- phyper(k - 1, K, N - K, n, lower.tail = FALSE)
  cat(sprintf("phyper\t%d\t%d\t%d\t%d\t%.17g\n", k, N, K, n, p))
}
p_sets <- list(
  c(0.01, 0.02, 0.03, 0.04, 0.05),
  c(0.01, 0.01, 0.03, 0.03, 0.5, 0.5, 1),
  c(0.2, 0.001, 0.2, 0.04, 0.2, 0.9, 0.04, 1e-10),
  c(1e-300, 0.5, NA, 0.02, 0.02)
)
cat("# p.adjust BH: p values ; q values (NA kept)\n")
for (p in p_sets) {
  q <- p.adjust(p, "BH")
  cat(sprintf("bh\t%s\t%s\n", paste(sprintf("%.17g", p), collapse = ","), paste(sprintf("%.17g", q), collapse = ",")))
}
