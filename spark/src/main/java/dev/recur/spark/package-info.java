/**
 * Forecasting on Apache Spark: many series, one model instance per executor JVM.
 *
 * <p>{@link dev.recur.spark.SparkForecaster} forecasts a long {@code Dataset<Row>} ({@code id, time, value}) with
 * a saved model, a network trained on the driver from a sample of the series, one network per group trained
 * on the executors, the command line's default model per group (each group as {@code recur forecast} forecasts a
 * file of its series), or a statistical method per series, and returns the forecasts with the command line's
 * columns beside a table of the series it could not forecast. {@link dev.recur.spark.ForecastJob} is the
 * {@code spark-submit} entry point around it.
 *
 * <p>Uses {@code engine.series}, {@code engine.forecast}, {@code engine.neural}, {@code engine.intervals},
 * {@code engine.statistical}, {@code engine.cleaning},
 * {@code engine.codec} (through {@code ForecasterFiles}), {@code engine.io},
 * {@code engine.train}, {@code connectors} and {@code connectors.series} (the command line's series assembly,
 * so that times, gaps and missing values mean the same here), and Spark (provided by the cluster).
 */
package dev.recur.spark;
