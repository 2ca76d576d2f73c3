# Regenerates fpc-<data>-prediction-strength-runs10-M500.json: R fpc::prediction.strength with
# M = 500 splits (ten times fpc's default), so that its means carry errors of about ±0.005 rather
# than ±0.02 (R 4.2.2, fpc 2.2.10 on this machine). Run from the repository root:
#
#   Rscript Tests/KSelectTests/Fixtures/fpc_prediction_strength.R Data Tests/KSelectTests/Fixtures
#
# Each file records the call, the seed, the R and fpc versions, ps(k) for k = 1..8, its standard
# error over the splits (sd / sqrt(M)), fpc's optimalk and the seconds it took.
suppressPackageStartupMessages(library(fpc))
args <- commandArgs(trailingOnly = TRUE)
sets <- list(
  iris = as.matrix(read.csv(file.path(args[1], "iris.csv"))[, 1:4]),
  ruspini = as.matrix(read.csv(file.path(args[1], "ruspini.csv"))[, c("x", "y")])
)
num <- function(v) paste(sprintf("%.10g", v), collapse = ", ")
for (name in names(sets)) {
  set.seed(1)
  started <- Sys.time()
  ps <- prediction.strength(sets[[name]], Gmin = 2, Gmax = 8, M = 500, clustermethod = kmeansCBI,
                            runs = 10, cutoff = 0.8)
  seconds <- as.numeric(difftime(Sys.time(), started, units = "secs"))
  se <- c(0, sapply(2:8, function(k) sd(ps$predcorr[[k]]) / sqrt(500)))
  call <- paste0("set.seed(1); prediction.strength(x, Gmin = 2, Gmax = 8, M = 500, ",
                 "clustermethod = kmeansCBI, runs = 10, cutoff = 0.8)")
  writeLines(sprintf(paste0('{"data": "%s", "criterion": "prediction.strength", "call": "%s", ',
                            '"seed": 1, "r_version": "%s", "fpc_version": "%s", "k": [%s], ',
                            '"mean": [%s], "se": [%s], "optimalk": %d, "seconds": %.2f}'),
                     name, call, R.version.string, as.character(packageVersion("fpc")), num(1:8),
                     num(ps$mean.pred), num(se), ps$optimalk, seconds),
             file.path(args[2], sprintf("fpc-%s-prediction-strength-runs10-M500.json", name)))
}
