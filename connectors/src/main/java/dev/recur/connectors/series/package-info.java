/**
 * Turning rows of {@code (series id, time, value)} from any source into regular series: time formats and
 * parsing ({@link dev.recur.connectors.series.TimeFormat}), recognised from a file's first rows
 * ({@link dev.recur.connectors.series.TimeFormatDetection}), sorting, duplicates, frequency inference, gaps and
 * missing values ({@link dev.recur.connectors.series.SeriesAssembler}), and the result
 * ({@link dev.recur.connectors.series.SeriesData}). Shared by the CSV and JDBC readers.
 *
 * <p>The assembler's parts, each package-private: {@code SeriesRows} holds one series' rows as read;
 * {@code PeriodAggregation} makes them one value per period; {@code ClockChanges} tells and averages the repeated hour
 * of a change of the clocks; {@code Frequencies} infers the frequency (a file's, a series' own); and
 * {@code Regularisation} walks a series on its frequency's grid and fills its gaps by the missing-value policy.
 *
 * <p>May depend on {@code connectors} and the engine's {@code series}, {@code cleaning} and {@code io}.
 */
package dev.recur.connectors.series;
