/**
 * Time series and forecasts: a series with its frequency ({@link dev.recur.engine.series.TimeSeries},
 * {@link dev.recur.engine.series.Frequency}), a forecast with its intervals ({@link dev.recur.engine.series.Forecast}),
 * the contract every method fulfils ({@link dev.recur.engine.series.Forecaster}) and the measures that score a
 * forecast against what happened ({@link dev.recur.engine.series.Metrics}: sMAPE, MASE, coverage, the interval score).
 * <p>The vocabulary every other forecasting package speaks; it uses only the JDK and {@code io}.
 */
package dev.recur.engine.series;
