/**
 * Turning rows of {@code (series id, time, value)} from any source into regular series: time formats and
 * parsing ({@link dev.recur.connectors.series.TimeFormat}), sorting, duplicates, frequency inference, gaps and
 * missing values ({@link dev.recur.connectors.series.SeriesAssembler}), and the result
 * ({@link dev.recur.connectors.series.SeriesData}). Shared by the CSV and JDBC readers.
 *
 * <p>May depend on {@code connectors} and the engine's {@code forecast} and {@code io}.
 */
package dev.recur.connectors.series;
