# R on random seasonal ARMA coefficients, for ArimaTest.rootsAndAutocovariancesAreRs: auto.arima's root check of
# a candidate (the expanded AR and MA polynomials, trailing coefficients below 1e-8 dropped, every root of modulus
# above 1.01) and the autocovariances of the expanded ARMA (ARMAacf's autocorrelations times the variance
# 1 + sum of the squared psi weights, ARMAtoMA). The roots by polyroot of the non-seasonal part and of the seasonal
# part (whose m-th roots are the expanded polynomial's others): polyroot of an expanded polynomial of degree 107 can
# be far off (1 + theta(z))(1 + Theta(z^52)) with theta = (0.00113, -0.0427, -0.0701) and Theta = (-0.0349, 0.0969)
# has every root of modulus 1.0227 or more, and polyroot finds one of 0.728), so auto.arima rejects some such
# candidates that it would accept; the last column says where (TRUE: the expanded polynomial's polyroot agrees).
# Run: Rscript engine/src/test/resources/r-reference/arma-roots-acf-r.R > engine/src/test/resources/r-reference/arma-roots-acf-r.csv
set.seed(77)
expand <- function(ns, s, m, sign) {   # (1 + sign ns(z)) (1 + sign s(z^m)) as 1 + sign out(z)
  out <- numeric(length(ns) + m * length(s))
  out[seq_along(ns)] <- ns
  for (j in seq_along(s)) {
    out[j * m] <- out[j * m] + s[j]
    for (i in seq_along(ns)) out[j * m + i] <- out[j * m + i] + sign * ns[i] * s[j]
  }
  out
}
minroot <- function(v, sign) {
  k <- abs(v) > 1e-8
  if (!any(k)) return(2)
  v <- v[1:max(which(k))]
  min(Mod(polyroot(c(1, sign * v))))
}
minroot_parts <- function(ns, s, m, sign, expanded) {
  if (length(s) == 0 || abs(expanded[length(expanded)]) < 1e-8) return(minroot(expanded, sign))
  min(minroot(ns, sign), minroot(s, sign)^(1 / m))
}
cat("p;q;P;Q;m;coefficients;roots_ok;autocovariances;expanded_polyroot_agrees\n")
n <- 0
while (n < 240) {
  p <- sample(0:3, 1); q <- sample(0:3, 1); P <- sample(0:2, 1); Q <- sample(0:2, 1)
  m <- sample(c(4, 7, 12, 24, 52), 1)
  k <- p + q + P + Q
  if (k == 0) next
  cf <- runif(k, -1, 1) * runif(1, 0, 1.3)
  ar <- expand(cf[seq_len(p)], cf[p + q + seq_len(P)], m, -1)
  ma <- expand(cf[p + seq_len(q)], cf[p + q + P + seq_len(Q)], m, 1)
  roots <- min(minroot_parts(cf[seq_len(p)], cf[p + q + seq_len(P)], m, -1, ar),
               minroot_parts(cf[p + seq_len(q)], cf[p + q + P + seq_len(Q)], m, 1, ma))
  expanded <- min(minroot(ar, -1), minroot(ma, 1))
  if (abs(roots - 1.01) < 1e-6) next   # too close to the bar for either side's rounding
  acv <- ""
  stat <- length(ar) == 0 || min(Mod(polyroot(c(1, -ar)))) > 1.001
  if (stat) {
    r <- max(length(ar), length(ma) + 1)
    psi <- ARMAtoMA(ar, ma, 20000)
    acv <- paste(sprintf("%.17g", ARMAacf(ar, ma, lag.max = r) * (1 + sum(psi^2))), collapse = " ")
  }
  cat(p, q, P, Q, m, paste(sprintf("%.17g", cf), collapse = " "), roots > 1.01, acv, (expanded > 1.01) == (roots > 1.01),
      sep = ";")
  cat("\n")
  n <- n + 1
}
