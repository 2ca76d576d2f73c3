# R's k-means W_k on the sweep data, with the kmeans settings and the seed of sweep_clusgap.R:
#
#   Rscript kmeans_wk.R data.csv [--restarts 10]
#
# clusGap clusters the data for k = 1..K.max first, in order, after set.seed(42), so these are
# the W_k its gap values use. They show where R's gap choice differs because its kmeans
# (Hartigan-Wong from random rows) stopped in a poorer local minimum than kselect and
# scikit-learn. Prints k, W_k and kmeans's ifault code.
args <- commandArgs(trailingOnly = TRUE)
at <- match("--restarts", args)
restarts <- if (is.na(at)) 10 else as.numeric(args[at + 1])
x <- as.matrix(read.csv(args[1]))
set.seed(42)
cat("k,wcss,ifault\n")
cat(sprintf("1,%.10g,0\n", sum(scale(x, scale = FALSE)^2)))
for (k in 2:15) {
  fit <- kmeans(x, k, nstart = restarts, iter.max = 300)
  cat(sprintf("%d,%.10g,%d\n", k, fit$tot.withinss, fit$ifault))
}
