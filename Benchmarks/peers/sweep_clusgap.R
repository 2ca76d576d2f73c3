# The R peer for the whole choice of k: cluster::clusGap with the paper's squared distances.
#
#   Rscript sweep_clusgap.R data.csv --k-min 1 --k-max 15 --restarts 10 --references 20
#
# clusGap always starts at k = 1 (so --k-min is accepted and ignored); d.power = 2 as in
# Tibshirani et al. (R's default d.power = 1 departs from the paper); spaceH0 = "original"
# draws the references from the box of the feature ranges, as kselect's default `--reference-space
# box` and the scikit-learn peer do (R's default "scaledPCA" is kselect's `pca`). kmeans runs with
# `restarts` starts and at most 300 iterations. Prints the gap table and the Tibs2001SEmax choice.
suppressPackageStartupMessages(library(cluster))
args <- commandArgs(trailingOnly = TRUE)
value <- function(name, default) {
  at <- match(name, args)
  if (is.na(at)) default else as.numeric(args[at + 1])
}
x <- as.matrix(read.csv(args[1]))
k_max <- value("--k-max", 15)
restarts <- value("--restarts", 10)
references <- value("--references", 20)
set.seed(42)
started <- Sys.time()
gap <- clusGap(x, FUNcluster = function(x, k) kmeans(x, k, nstart = restarts, iter.max = 300),
               K.max = k_max, B = references, d.power = 2, spaceH0 = "original",
               verbose = FALSE)
table <- gap$Tab
choice <- maxSE(table[, "gap"], table[, "SE.sim"], method = "Tibs2001SEmax")
write.csv(data.frame(k = seq_len(nrow(table)), table), stdout(), row.names = FALSE)
cat(sprintf("gap_choice,%d\nseconds,%.3f\n", choice,
            as.numeric(difftime(Sys.time(), started, units = "secs"))))
