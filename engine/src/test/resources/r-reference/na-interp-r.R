# Reference values for MissingValues (R's forecast::na.interp) and Stl's robust decomposition
# (stl(x, s.window = 11, robust = TRUE)). Run from this folder: Rscript na-interp-r.R
# Writes na-interp-r.csv: id, season, t, complete (the series made), value (NA where missing), filled (na.interp), and the robust STL's
# seasonal and trend of the complete series (before the values were removed).
suppressMessages(library(forecast))
set.seed(20261206)
make <- function(id, season, n, level, trend, amp, noise, missing, spike = NULL) {
  t <- seq_len(n)
  y <- level + trend * t + amp * sin(2 * pi * t / season) + 0.5 * amp * cos(4 * pi * t / season) +
    rnorm(n, sd = noise)
  if (!is.null(spike)) y[spike] <- y[spike] + 8 * amp
  complete <- ts(y, frequency = season)
  x <- complete
  x[missing] <- NA
  filled <- na.interp(x)
  if (season > 1 && length(complete) > 2 * season) {
    fit <- stl(complete, s.window = 11, robust = TRUE)
    seas <- as.numeric(fit$time.series[, "seasonal"])
    tr <- as.numeric(fit$time.series[, "trend"])
  } else {
    seas <- rep(NA, n)
    tr <- rep(NA, n)
  }
  data.frame(id = id, season = season, t = t, complete = as.numeric(complete), value = as.numeric(x),
             filled = as.numeric(filled),
             stl_seasonal = seas, stl_trend = tr)
}
out <- rbind(
  make("monthly", 12, 72, 100, 0.5, 20, 3, c(1, 24, 40, 41, 42, 72), spike = 30),
  make("quarterly", 4, 40, 50, -0.2, 8, 1, c(13, 14, 27)),
  make("daily", 7, 140, 10, 0.01, 3, 0.5, 60:69, spike = 100),
  make("hourly", 24, 336, 200, 0, 40, 5, c(5, 77, 150, 151, 152, 153, 154, 155, 300)),
  make("semester", 2, 30, 20, 0.3, 4, 0.5, c(7, 18)),
  make("fewpresent", 12, 30, 100, 1, 10, 1, c(3, 5, 8, 11, 14, 20, 27)),
  make("yearly", 1, 25, 300, 4, 0, 6, c(2, 10, 11, 25)),
  make("steep", 12, 40, 10, 3, 1, 0.1, c(38, 39, 40))
)
write.csv(out, "na-interp-r.csv", row.names = FALSE, na = "NA")
