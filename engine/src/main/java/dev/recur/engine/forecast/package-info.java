/**
 * The default forecaster and the choice between methods: how every series of a file gets a forecast, and how
 * methods are compared on the series' own history.
 * <ul>
 *   <li>The default, {@link dev.recur.engine.forecast.EnsembleForecaster}: every series gets a forecast from
 *       what its length allows, the global network and the statistical combination chosen or averaged on
 *       held-out windows ({@code HeldOutChoice}, package-private, scores them and makes the choice); the series a
 *       model does not forecast get the statistical fallback ({@link dev.recur.engine.forecast.StatisticalFallback}).</li>
 *   <li>Per-series selection ({@link dev.recur.engine.forecast.AutoForecaster}, {@code auto}) on rolling-origin
 *       backtests ({@link dev.recur.engine.forecast.Backtest}), and forecasts of never-negative series floored at
 *       zero ({@link dev.recur.engine.forecast.NonNegativity}).</li>
 * </ul>
 * <p>The top of the forecasting layers: it uses the networks ({@code neural}), the statistical methods
 * ({@code statistical}), the intervals ({@code intervals}) and the series ({@code series}), and commons-math3; nothing
 * of the engine's forecasting uses it, and it never depends on {@code tribuo}, {@code onnx} or {@code onnxruntime}.
 */
package dev.recur.engine.forecast;
