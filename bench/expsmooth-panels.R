# Makes three panels that the project was never tuned on from the data of Hyndman et al.'s `expsmooth` R package
# (Forecasting with Exponential Smoothing, 2008; its data/*.rda files, e.g. from github.com/robjhyndman/expsmooth):
#   carparts: monthly sales of car parts, 51 months, three quarters of the months zero (intermittent demand);
#             the series with no missing month, at least 10 months with a sale and a sale in the training part
#   hospital: monthly patient counts of 767 hospital products, 84 months (low counts, no zeros)
#   jewelry:  weekly sales of 314 jewelry products, 124 weeks
# Each as the long files unique_id,ds,y that `recur forecast` reads, the last H values of each series held out:
#   OUTDIR/NAME-train.csv, OUTDIR/NAME-test.csv with H 12, 12 and 13.
# Usage: Rscript bench/expsmooth-panels.R DATADIR OUTDIR    (DATADIR holds carparts.rda, hospital.rda, jewelry.rda)
a <- commandArgs(trailingOnly = TRUE)
if (length(a) != 2) stop("usage: Rscript bench/expsmooth-panels.R DATADIR OUTDIR")
dir.create(a[2], showWarnings = FALSE, recursive = TRUE)
panel <- function(name, h, keep) {
  e <- new.env(); load(file.path(a[1], paste0(name, ".rda")), envir = e); x <- get(name, envir = e)
  tr <- list(); te <- list()
  for (j in seq_len(ncol(x))) {
    y <- as.numeric(x[, j]); n <- length(y) - h
    if (!keep(y, n)) next
    id <- paste0(substr(name, 1, 1), j)  # column names repeat in hospital and are missing in jewelry
    tr[[length(tr) + 1]] <- data.frame(unique_id = id, ds = seq_len(n), y = y[1:n])
    te[[length(te) + 1]] <- data.frame(unique_id = id, ds = n + seq_len(h), y = y[n + seq_len(h)])
  }
  write.csv(do.call(rbind, tr), file.path(a[2], paste0(name, "-train.csv")), row.names = FALSE, quote = FALSE)
  write.csv(do.call(rbind, te), file.path(a[2], paste0(name, "-test.csv")), row.names = FALSE, quote = FALSE)
  cat(name, length(tr), "series\n")
}
panel("carparts", 12, function(y, n) !anyNA(y) && sum(y > 0) >= 10 && any(y[1:n] > 0))
panel("hospital", 12, function(y, n) TRUE)
panel("jewelry", 13, function(y, n) TRUE)
