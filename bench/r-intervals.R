# R's own model-based prediction intervals on a long panel (unique_id,ds,y), for comparison with Recur's
# conformal ones: forecast(ets(y)) and forecast(auto.arima(y)) at 80% and 95%, written as OUTDIR/ets.csv and
# OUTDIR/arima.csv in `recur forecast`'s layout (unique_id,ds,forecast,lower_80,upper_80,lower_95,upper_95),
# so that `recur evaluate --actuals TEST --forecasts OUTDIR/ets.csv --history TRAIN --season M` scores their
# coverage and MSIS exactly as it scores Recur's. Needs R's forecast package (Debian: r-cran-forecast).
# Usage: Rscript bench/r-intervals.R TRAIN.csv FREQ H OUTDIR   (ds: integer steps, as in ../shared/datasets)
suppressMessages(library(forecast))
a <- commandArgs(trailingOnly = TRUE)
d <- read.csv(a[1], stringsAsFactors = FALSE); freq <- as.integer(a[2]); h <- as.integer(a[3]); out <- a[4]
dir.create(out, showWarnings = FALSE, recursive = TRUE)
ids <- unique(d$unique_id)
res <- list(ets = vector("list", length(ids)), arima = vector("list", length(ids)))
rows <- function(id, last, f) data.frame(unique_id = id, ds = last + seq_len(h), forecast = as.numeric(f$mean),
  lower_80 = as.numeric(f$lower[, 1]), upper_80 = as.numeric(f$upper[, 1]),
  lower_95 = as.numeric(f$lower[, 2]), upper_95 = as.numeric(f$upper[, 2]))
for (i in seq_along(ids)) {
  s <- d[d$unique_id == ids[i], ]
  y <- ts(s$y, frequency = freq)
  last <- max(s$ds)
  res$ets[[i]] <- rows(ids[i], last, forecast(ets(y), h, level = c(80, 95)))
  res$arima[[i]] <- rows(ids[i], last, forecast(auto.arima(y), h, level = c(80, 95)))
}
for (m in names(res)) {
  write.csv(do.call(rbind, res[[m]]), file.path(out, paste0(m, ".csv")), row.names = FALSE, quote = FALSE)
}
