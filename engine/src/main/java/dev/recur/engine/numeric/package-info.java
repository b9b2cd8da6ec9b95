/**
 * Numerical tools of the statistical methods: the quasi-Newton minimiser of R's {@code optim} (BFGS,
 * {@code QuasiNewton}), a Nelder-Mead search that keeps its best point ({@code SimplexSearch}, on commons-math3), and
 * series in extreme units brought into a range where squares neither overflow nor underflow
 * ({@link dev.recur.engine.numeric.ExtremeUnits}), and whether values are all positive
 * ({@link dev.recur.engine.numeric.Signs}).
 * <p>Uses only the JDK and commons-math3.
 */
package dev.recur.engine.numeric;
