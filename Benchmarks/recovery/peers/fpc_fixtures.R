# Peer values of fpc's resampling criteria on the shipped data sets, written as JSON fixtures
# (Benchmarks/recovery/fixtures/fpc-<data>-<criterion>-runs<R>.json) with the exact call, the R
# and fpc versions and the seed:
#
#   Rscript Benchmarks/recovery/peers/fpc_fixtures.R DATA_DIR OUT_DIR
#
# DATA_DIR holds iris.csv (features: the four numeric columns) and ruspini.csv (x, y).
# prediction.strength: Gmin = 2, Gmax = 8, M = 50, kmeansCBI with `runs` k-means starts
# (fpc's default is runs = 1), cutoff 0.8; the standard error of mean.pred at k is
# sd(predcorr[[k]]) / sqrt(M). nselectboot: B = 50, kmeansCBI, classification = "centroid",
# krange = 2:8; its standard error likewise from the B values of each k.
suppressPackageStartupMessages(library(fpc))
args <- commandArgs(trailingOnly = TRUE)
data_dir <- args[1]
out_dir <- args[2]
sets <- list(
  iris = as.matrix(read.csv(file.path(data_dir, "iris.csv"))[, 1:4]),
  ruspini = as.matrix(read.csv(file.path(data_dir, "ruspini.csv"))[, c("x", "y")])
)
num <- function(v) paste(ifelse(is.na(v), "null", sprintf("%.10g", v)), collapse = ", ")
versions <- sprintf('"r_version": "%s", "fpc_version": "%s"', R.version.string,
                    as.character(packageVersion("fpc")))
for (name in names(sets)) {
  x <- sets[[name]]
  for (runs in c(1, 10)) {
    seed <- 1
    set.seed(seed)
    call <- sprintf(paste0("set.seed(%d); prediction.strength(x, Gmin = 2, Gmax = 8, M = 50, ",
                           "clustermethod = kmeansCBI, runs = %d, cutoff = 0.8)"), seed, runs)
    started <- Sys.time()
    ps <- prediction.strength(x, Gmin = 2, Gmax = 8, M = 50, clustermethod = kmeansCBI,
                              runs = runs, cutoff = 0.8)
    seconds <- as.numeric(difftime(Sys.time(), started, units = "secs"))
    se <- c(0, sapply(2:8, function(k) sd(ps$predcorr[[k]]) / sqrt(50)))
    json <- sprintf(paste0('{"data": "%s", "criterion": "prediction.strength", "call": "%s", ',
                           '"seed": %d, %s, "k": [%s], "mean": [%s], "se": [%s], ',
                           '"optimalk": %d, "seconds": %.2f}'),
                    name, call, seed, versions, num(1:8), num(ps$mean.pred), num(se),
                    ps$optimalk, seconds)
    writeLines(json, file.path(out_dir, sprintf("fpc-%s-prediction-strength-runs%d.json", name, runs)))

    set.seed(seed)
    call <- sprintf(paste0("set.seed(%d); nselectboot(x, B = 50, clustermethod = kmeansCBI, ",
                           "classification = \\\"centroid\\\", krange = 2:8, runs = %d)"), seed, runs)
    started <- Sys.time()
    nb <- nselectboot(x, B = 50, clustermethod = kmeansCBI, classification = "centroid",
                      krange = 2:8, runs = runs)
    seconds <- as.numeric(difftime(Sys.time(), started, units = "secs"))
    se <- c(NA, sapply(2:8, function(k) sd(nb$stab[, k]) / sqrt(50)))
    json <- sprintf(paste0('{"data": "%s", "criterion": "nselectboot", "call": "%s", ',
                           '"seed": %d, %s, "k": [%s], "mean": [%s], "se": [%s], ',
                           '"kopt": %d, "seconds": %.2f}'),
                    name, call, seed, versions, num(1:8), num(nb$stabk), num(se), nb$kopt, seconds)
    writeLines(json, file.path(out_dir, sprintf("fpc-%s-nselectboot-runs%d.json", name, runs)))
  }
}
