# R's auto.arima on series of 3 to 5 values (engine/src/test/resources/r-reference/arima-short-series.csv), run from
# the repository root: Rscript engine/src/test/resources/r-reference/arima-short-r.R > .../arima-short-r.csv
# At 3 values auto.arima selects by AIC (its AICc divides by zero for a mean and a variance), above by AICc; both are
# written (R's AICc is Inf, or below its AIC where its correction's denominator is negative).
suppressMessages(library(forecast))
d <- read.csv("engine/src/test/resources/r-reference/arima-short-series.csv", stringsAsFactors = FALSE)
cat("unique_id;model;aic;aicc;forecast\n")
for (i in seq_len(nrow(d))) {
  y <- ts(as.numeric(strsplit(d$y[i], " ")[[1]]), frequency = d$season[i])
  f <- auto.arima(y)
  fc <- as.numeric(forecast(f, h = d$horizon[i])$mean)
  cat(sprintf("%s;%s;%.6f;%.6f;%s\n", d$unique_id[i], as.character(f), f$aic, f$aicc, paste(sprintf("%.10g", fc), collapse = " ")))
}
