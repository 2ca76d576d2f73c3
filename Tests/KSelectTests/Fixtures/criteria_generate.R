# Regenerates the R fixtures of the criteria tests (R 4.2.2, cluster 2.1.4 on this machine).
# Run from the repository root:  Rscript Tests/KSelectTests/Fixtures/criteria_generate.R
library(cluster)
out <- "Tests/KSelectTests/Fixtures/"
src <- "# source: Rscript Tests/KSelectTests/Fixtures/criteria_generate.R"
num <- function(v) sprintf("%.17g", v)
ver <- as.character(packageVersion("cluster"))

# --- cluster::maxSE on hand-made gap tables, every rule, SE.factor 1 and 2 ---
tables <- list(
  ruspini_criteria_md = list(f = c(-0.100, 0.214, 0.354, 1.355, 1.319, 1.253, 1.241, 1.218),
                             s = rep(0.07, 8)),
  monotone_increasing = list(f = c(0.1, 0.2, 0.3, 0.4, 0.5, 0.6), s = rep(0.05, 6)),
  first_max_at_k1 = list(f = c(0.9, 0.5, 0.6, 1.2, 0.8), s = c(0.1, 0.1, 0.1, 0.1, 0.1)),
  single_k = list(f = c(0.3), s = c(0.02)),
  flat_ties = list(f = c(0.5, 0.5, 0.5, 0.5), s = c(0, 0, 0, 0)),
  two_peaks = list(f = c(0.1, 0.6, 0.55, 0.4, 0.9, 0.85, 0.7), s = c(0.02, 0.03, 0.05, 0.04, 0.06, 0.05, 0.05)),
  late_global_max = list(f = c(0.2, 0.5, 0.45, 0.7, 0.72, 0.74, 0.73), s = c(0.01, 0.02, 0.02, 0.03, 0.03, 0.03, 0.03)),
  zero_se = list(f = c(0.0, 0.3, 0.29, 0.31, 0.2), s = c(0, 0, 0, 0, 0)),
  decreasing = list(f = c(1.0, 0.8, 0.6, 0.4), s = c(0.1, 0.1, 0.1, 0.1))
)
rules <- c("Tibs2001SEmax", "firstSEmax", "globalSEmax", "firstmax", "globalmax")
con <- file(paste0(out, "criteria_maxse.csv"), "w")
writeLines(c(src,
  paste0("# R ", R.version$major, ".", R.version$minor, ", cluster ", ver,
         ": maxSE(f = gap, SE.f = se, method = RULE, SE.factor = se_factor) for each RULE;"),
  "# answers are R's 1-based indices. gap and se space-separated.",
  paste(c("name", "se_factor", "gap", "se", rules), collapse = ",")), con)
for (name in names(tables)) for (fac in c(1, 2)) {
  t <- tables[[name]]
  ans <- sapply(rules, function(r) maxSE(t$f, t$s, method = r, SE.factor = fac))
  writeLines(paste(c(name, num(fac), paste(num(t$f), collapse = " "), paste(num(t$s), collapse = " "), ans),
                   collapse = ","), con)
}
close(con)

# --- cluster::clusGap gap tables for the lead's sweep test ---
gapTable <- function(x, kmax, file, what, space) {
  set.seed(1)
  g <- clusGap(x, FUNcluster = kmeans, K.max = kmax, B = 100, nstart = 20, d.power = 2,
               spaceH0 = space, verbose = FALSE)
  tab <- g$Tab
  con <- file(paste0(out, file), "w")
  writeLines(c(src,
    paste0("# R ", R.version$major, ".", R.version$minor, ", cluster ", ver, ": set.seed(1); clusGap(x, FUNcluster = kmeans, K.max = ",
           kmax, ", B = 100, nstart = 20, d.power = 2, spaceH0 = \"", space, "\")$Tab"),
    paste0("# x = ", what, "."),
    "# Caveats when comparing: logW and E.logW are ln(W_k / 2) (pairs counted once, d.power = 2), the gap is unaffected;",
    "# SE.sim = sqrt(1 + 1/B) * sd(logW*) with R's sd (divisor B - 1), while CRITERIA.md uses divisor B;",
    paste0("# the references are R's own uniform draws (spaceH0 = ", space, ": ",
           if (space == "original") "the feature box, our --reference-space box" else "the principal-component box, our --reference-space pca",
           "), so ours agree only statistically."),
    paste0("# maxSE(gap, SE.sim, 'Tibs2001SEmax') = ", maxSE(tab[, "gap"], tab[, "SE.sim"], "Tibs2001SEmax"),
           ", firstSEmax = ", maxSE(tab[, "gap"], tab[, "SE.sim"], "firstSEmax")),
    "k,logW,E.logW,gap,SE.sim"), con)
  for (k in seq_len(nrow(tab)))
    writeLines(paste(c(k, num(tab[k, "logW"]), num(tab[k, "E.logW"]), num(tab[k, "gap"]), num(tab[k, "SE.sim"])),
                     collapse = ","), con)
  close(con)
}
iris <- read.csv("Data/iris.csv")
rus <- read.csv("Data/ruspini.csv")
for (space in c("original", "scaledPCA")) {
  gapTable(as.matrix(iris[, c("sepal_length", "sepal_width", "petal_length", "petal_width")]), 10,
           paste0("criteria_clusgap_iris_", tolower(space), ".csv"), "the 4 numeric columns of Data/iris.csv, unscaled", space)
  gapTable(as.matrix(rus[, c("x", "y")]), 8, paste0("criteria_clusgap_ruspini_", tolower(space), ".csv"),
           "columns x, y of Data/ruspini.csv", space)
}

# --- cluster::maxSE on random gap tables ---
set.seed(20261125)
con <- file(paste0(out, "criteria_maxse_random.csv"), "w")
writeLines(c(src,
  paste0("# R ", R.version$major, ".", R.version$minor, ", cluster ", ver,
         ": maxSE on 300 random tables (set.seed(20261125); K = 1..12, gaps rounded to 2 digits so ties occur)."),
  paste(c("name", "se_factor", "gap", "se", rules), collapse = ",")), con)
for (i in 1:300) {
  K <- sample(1:12, 1)
  f <- round(cumsum(rnorm(K, 0.1, 0.3)), 2)
  s <- round(runif(K, 0, 0.2), 3)
  fac <- sample(c(0, 1, 1, 2), 1)
  ans <- sapply(rules, function(r) maxSE(f, s, method = r, SE.factor = fac))
  writeLines(paste(c(paste0("random", i), num(fac), paste(num(f), collapse = " "), paste(num(s), collapse = " "), ans),
                   collapse = ","), con)
}
close(con)
