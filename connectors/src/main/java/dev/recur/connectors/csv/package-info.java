/**
 * Series from CSV files: layout (long, single, wide), delimiter, encoding, gzip and decimal commas (in files not
 * separated by commas) recognised, every problem reported by file, line and column ({@link dev.recur.connectors.csv.CsvSeriesReader}).
 *
 * <p>May depend on {@code connectors} and {@code connectors.series}.
 */
package dev.recur.connectors.csv;
