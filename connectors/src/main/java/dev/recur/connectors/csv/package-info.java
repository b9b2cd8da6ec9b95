/**
 * Series from CSV files: layout (long, single, wide), delimiter, encoding and gzip recognised, every problem
 * reported by file, line and column ({@link dev.recur.connectors.csv.CsvSeriesReader}).
 *
 * <p>May depend on {@code connectors} and {@code connectors.series}.
 */
package dev.recur.connectors.csv;
