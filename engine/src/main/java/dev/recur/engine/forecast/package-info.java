/**
 * Forecasting with the global networks, alone and beside the statistical methods, and how the forecasts are
 * checked and given intervals.
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
 *   <li>Intervals ({@link dev.recur.engine.forecast.LocalIntervals}), backtests
 *       ({@link dev.recur.engine.forecast.Backtest}) and per-series selection
 *       ({@link dev.recur.engine.forecast.AutoForecaster}).</li>
 * </ul>
 * <p>The series, the forecasts and their measures are {@code series}'s; the statistical methods are
 * {@code statistical}'s, on {@code decomposition} and {@code numeric}; missing values and spikes are {@code
 * cleaning}'s. This package may depend on all of those, on the engine's networks and training ({@code nn},
 * {@code train}, {@code loss}, {@code data}), {@code codec} (the forecaster's model file) and {@code io}, and on
 * commons-math3; never on {@code tribuo}, {@code onnx} or {@code onnxruntime}.
 */
package dev.recur.engine.forecast;
