suppressMessages(library(forecast))
d <- read.csv("engine/src/test/resources/r-reference/arima-series.csv", stringsAsFactors = FALSE)
cat("unique_id;model;aicc;kpss;strength;forecast\n")
for (i in seq_len(nrow(d))) {
  y <- ts(as.numeric(strsplit(d$y[i], " ")[[1]]), frequency = d$season[i])
  f <- auto.arima(y)
  k <- urca::ur.kpss(as.numeric(y), type = "mu", use.lag = trunc(3 * sqrt(length(y)) / 13))@teststat[1]
  s <- if (d$season[i] > 1) forecast:::seas.heuristic(y) else NA
  fc <- as.numeric(forecast(f, h = d$horizon[i])$mean)
  cat(sprintf("%s;%s;%.6f;%.10f;%.10f;%s\n", d$unique_id[i], as.character(f), f$aicc, k, s, paste(sprintf("%.10g", fc), collapse = " ")))
}
