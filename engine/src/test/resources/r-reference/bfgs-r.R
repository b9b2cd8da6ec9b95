# R 4.x: optim(method = "BFGS") with numerical gradients (its defaults) on four test functions; run from the
# repository root: Rscript engine/src/test/resources/r-reference/bfgs-r.R > engine/src/test/resources/r-reference/bfgs-r.csv
fns <- list(
  rosenbrock = list(f = function(x) 100 * (x[2] - x[1]^2)^2 + (1 - x[1])^2, start = c(-1.2, 1)),
  wood = list(f = function(x) 100 * (x[2] - x[1]^2)^2 + (1 - x[1])^2 + 90 * (x[4] - x[3]^2)^2 + (1 - x[3])^2 +
                10.1 * ((x[2] - 1)^2 + (x[4] - 1)^2) + 19.8 * (x[2] - 1) * (x[4] - 1), start = c(-3, -1, -3, -1)),
  barrier = list(f = function(x) if (any(x <= 0)) Inf else -log(x[1]) - 2 * log(x[2]) + x[1] + x[2] + 0.5 * x[1] * x[2],
                 start = c(5, 0.2)),
  # written with scalar products and sums (no sum(), %*% or ^4), so that R and Java round alike
  quadratic3 = list(f = function(x) { d1 <- x[1] - 1; d2 <- x[2] + 2; d3 <- x[3] - 0.5
                                      d1 * (4 * d1 + 1 * d2 + 0.5 * d3) + d2 * (1 * d1 + 3 * d2 + 0.2 * d3) +
                                        d3 * (0.5 * d1 + 0.2 * d2 + 2 * d3) +
                                        0.1 * (x[1] * x[1] * x[1] * x[1] + x[2] * x[2] * x[2] * x[2] + x[3] * x[3] * x[3] * x[3]) },
                    start = c(0, 0, 0))
)
cat("function,start,par,value,evaluations,gradients,convergence\n")
for (nm in names(fns)) {
  r <- optim(fns[[nm]]$start, fns[[nm]]$f, method = "BFGS")
  cat(nm, paste(sprintf("%.17g", fns[[nm]]$start), collapse = " "), paste(sprintf("%.17g", r$par), collapse = " "),
      sprintf("%.17g", r$value), r$counts[1], r$counts[2], r$convergence, sep = ",")
  cat("\n")
}
