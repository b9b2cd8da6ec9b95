# R's exact log-likelihood (stats::arima with every coefficient fixed) of ARMA models of M3 yearly N0478, for
# ArimaTest.exactLikelihoodIsRs. Near the unit circle R's Kalman filter leaves out of the likelihood the
# observations whose one-step variance is 1e4 times the innovations' or more. Run:
# Rscript engine/src/test/resources/r-reference/likelihood-r.R
y <- c(6881, 6989, 7031, 7055, 7070, 7101, 7132, 7137, 7151, 7160, 7130, 7108, 7079, 7052, 7019, 6987, 6951, 6913, 6874)
cases <- list(
  list(order = c(2, 0, 0), mean = FALSE, coef = c(1.992024710740615, -0.9930612384697419)),
  list(order = c(2, 0, 0), mean = FALSE, coef = c(1.959199391303, -0.960375231606)),
  list(order = c(1, 0, 0), mean = FALSE, coef = c(0.99999)),
  list(order = c(1, 0, 1), mean = TRUE, coef = c(0.8, 0.3, 7000)),
  list(order = c(0, 0, 2), mean = TRUE, coef = c(0.5, -0.2, 7050))
)
for (k in cases) {
  f <- arima(y, order = k$order, include.mean = k$mean, fixed = k$coef, transform.pars = FALSE)
  cat(k$order, k$mean, k$coef, "->", sprintf("%.10f", f$loglik), "\n")
}
