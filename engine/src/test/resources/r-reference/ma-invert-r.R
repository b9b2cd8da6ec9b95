# R's own maInvert and arCheck (local functions of stats::arima) on the coefficients of
# ArimaTest.maInvertAndArCheckAreRs. Run: Rscript engine/src/test/resources/r-reference/ma-invert-r.R
for (e in as.list(body(stats::arima))) {
  if (is.call(e) && identical(e[[1]], as.name("<-")) && is.name(e[[2]]) &&
      as.character(e[[2]]) %in% c("maInvert", "arCheck")) eval(e)
}
cases <- list(c(1.78), c(-0.5), c(2.5, 1.2), c(0.3, -1.9), c(1.2, 0.8, 0.5), c(0.4, 0, 0), c(0.5, 2.0, 0))
for (m in cases) cat(paste(m, collapse = " "), "->", paste(sprintf("%.15g", maInvert(m)), collapse = " "), "\n")
ars <- list(c(1.6461207, -0.6472466), c(1.2, -0.1), c(0.5, 0.5), c(0.5, 0.49), c(1.9, -0.95), c(-0.3, 0, 0.8), c(0.3, 0))
for (a in ars) cat(paste(a, collapse = " "), "->", arCheck(a), "\n")
