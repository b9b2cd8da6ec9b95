/**
 * The statistical methods, each fitted per series and checked against R's {@code forecast} package: exponential
 * smoothing ({@link dev.recur.engine.statistical.ExponentialSmoothing}), Theta and the dynamic optimised Theta model
 * ({@link dev.recur.engine.statistical.Theta}, {@link dev.recur.engine.statistical.DynamicOptimisedTheta}), automatic
 * ARIMA ({@link dev.recur.engine.statistical.Arima}; its package-private parts: {@code ArimaDifferencing} the
 * differences and their tests, {@code ArimaModel} one model's parameters and likelihoods, {@code ArmaPolynomials}
 * roots, stationarity and the stationary covariance), their mean ({@link dev.recur.engine.statistical.Combination},
 * {@code comb}), the forecasts its members keep so that a history is fitted once per run
 * ({@link dev.recur.engine.statistical.FitMemory}) and the baselines ({@link dev.recur.engine.statistical.Baselines}:
 * naive, seasonal naive, drift, mean, and every method by its command-line name).
 * <p>Uses {@code series}, {@code decomposition}, {@code numeric}, {@code io} and commons-math3; never the networks.
 */
package dev.recur.engine.statistical;
