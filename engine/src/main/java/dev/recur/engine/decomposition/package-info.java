/**
 * Seasonal decomposition: STL as R's {@code stl} computes it, robust mode included
 * ({@link dev.recur.engine.decomposition.Stl}), and the classical tools the M4 competition's benchmarks use, the 90%
 * autocorrelation test for a season and multiplicative indices from a centred moving average
 * ({@link dev.recur.engine.decomposition.Seasonality}).
 * <p>Works on arrays of values; uses only the JDK.
 */
package dev.recur.engine.decomposition;
