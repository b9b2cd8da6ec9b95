/**
 * Forecasting: series ({@link dev.recur.engine.forecast.TimeSeries}), the methods that forecast them, and how
 * they are judged.
 * <ul>
 *   <li>The default, {@link dev.recur.engine.forecast.EnsembleForecaster}: every series gets a forecast from
 *       what its length allows, the global network and the statistical combination chosen or averaged on
 *       held-out windows ({@code HeldOutChoice}, package-private, scores them and makes the choice); the series a
 *       model does not forecast get the statistical fallback ({@link dev.recur.engine.forecast.StatisticalFallback}).</li>
 *   <li>The global networks ({@link dev.recur.engine.forecast.RecurrentForecaster}): their settings
 *       ({@link dev.recur.engine.forecast.ForecasterSettings}), their fitted form
 *       ({@link dev.recur.engine.forecast.FittedForecaster}, saved by {@link dev.recur.engine.forecast.ForecasterFiles}),
 *       the one definition of their input layout ({@link dev.recur.engine.forecast.WindowEncoder}), their training
 *       windows and their split-conformal calibration.</li>
 *   <li>The local methods:
 *       {@link dev.recur.engine.forecast.Baselines}, {@link dev.recur.engine.forecast.ExponentialSmoothing},
 *       {@link dev.recur.engine.forecast.Theta}, {@link dev.recur.engine.forecast.Arima} (with
 *       {@link dev.recur.engine.forecast.Stl}; its package-private parts: {@code ArimaDifferencing} the differences
 *       and their tests, {@code ArimaModel} one model's parameters and likelihoods, {@code ArmaPolynomials} roots,
 *       stationarity and the stationary covariance) and their mean, {@link dev.recur.engine.forecast.Combination}.</li>
 *   <li>Intervals ({@link dev.recur.engine.forecast.LocalIntervals}), backtests
 *       ({@link dev.recur.engine.forecast.Backtest}), selection ({@link dev.recur.engine.forecast.AutoForecaster})
 *       and metrics ({@link dev.recur.engine.forecast.Metrics}).</li>
 * </ul>
 * <p>May depend on the engine's networks and training ({@code nn}, {@code train}, {@code loss}, {@code data}),
 * {@code codec} (the forecaster's model file) and {@code io}, and on commons-math3; never on {@code tribuo},
 * {@code onnx} or {@code onnxruntime}.
 */
package dev.recur.engine.forecast;
