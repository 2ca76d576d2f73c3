# The R peers of the recovery benchmark, on the same files as kselect:
#
#   Rscript r_peers.R manifest.csv        (columns file, seed, out)
#
# For every file: set.seed(seed), then
#   cluster::clusGap(x, kmeans(nstart = 10, iter.max = 300), K.max = 8, B = 50,
#                    d.power = 2, spaceH0 = "original"), choice by maxSE(Tibs2001SEmax);
#   fpc::prediction.strength(x, Gmin = 2, Gmax = 8, M = 50, clustermethod = kmeansCBI,
#                            runs = 10, cutoff = 0.8).
# d.power = 2 is the paper's squared distance (R's default 1 departs from it); "original" is
# the box of the feature ranges, kselect's default reference space. runs = 10 makes every
# k-means inside prediction.strength the best of 10 starts (fpc's default is one start), as
# kselect's 10 restarts. Writes one JSON object per file to `out`.
suppressPackageStartupMessages({ library(cluster); library(fpc) })
args <- commandArgs(trailingOnly = TRUE)
manifest <- read.csv(args[1], stringsAsFactors = FALSE)
for (row in seq_len(nrow(manifest))) {
  x <- as.matrix(read.csv(manifest$file[row]))
  set.seed(manifest$seed[row])
  started <- Sys.time()
  gap <- clusGap(x, FUNcluster = function(x, k) kmeans(x, k, nstart = 10, iter.max = 300),
                 K.max = 8, B = 50, d.power = 2, spaceH0 = "original", verbose = FALSE)
  gap_k <- maxSE(gap$Tab[, "gap"], gap$Tab[, "SE.sim"], method = "Tibs2001SEmax")
  gap_seconds <- as.numeric(difftime(Sys.time(), started, units = "secs"))
  started <- Sys.time()
  ps <- prediction.strength(x, Gmin = 2, Gmax = 8, M = 50, clustermethod = kmeansCBI,
                            runs = 10, cutoff = 0.8)
  ps_seconds <- as.numeric(difftime(Sys.time(), started, units = "secs"))
  json <- sprintf(paste0('{"clusgap_k": %d, "gap": [%s], "gap_se": [%s], "ps_k": %d, ',
                         '"ps_mean": [%s], "clusgap_seconds": %.3f, "ps_seconds": %.3f}'),
                  gap_k, paste(sprintf("%.6f", gap$Tab[, "gap"]), collapse = ", "),
                  paste(sprintf("%.6f", gap$Tab[, "SE.sim"]), collapse = ", "),
                  ps$optimalk, paste(sprintf("%.6f", ps$mean.pred), collapse = ", "),
                  gap_seconds, ps_seconds)
  writeLines(json, manifest$out[row])
}
