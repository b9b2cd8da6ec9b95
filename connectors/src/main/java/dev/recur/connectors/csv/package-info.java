/**
 * Series from CSV files: layout (long, single, wide, series in rows), delimiter, encoding, gzip and decimal commas
 * (in files not separated by commas) recognised, every problem reported by file, line and column
 * ({@link dev.recur.connectors.csv.CsvSeriesReader}).
 *
 * <p>The reader's parts, each package-private: {@code CsvSeriesReader} finds what a file is (text, gzip, a zip
 * archive, a workbook through {@code WorkbookSheet} and {@code OpenDocumentSheet}) and reads it again where the first
 * reading shows a column to be rows' keys or the series' id; {@code TablePreamble} finds the header line, its
 * delimiter and the lines above it; {@code ColumnRoles} gives the header's columns their roles, with
 * {@code StackedHeader} for headers of two or three rows and {@code SeriesInRows} for times across the header;
 * {@code TableReading} reads the rows into series, with {@code TableRows} for what is asked of a row and
 * {@code NumberFields} for its numbers.
 *
 * <p>May depend on {@code connectors}, {@code connectors.series} and the engine's {@code series}.
 */
package dev.recur.connectors.csv;
