package dev.recur.connectors.series;

import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;

import java.util.List;

/**
 * Series read from a source, with what is needed to write results back in the same shape.
 *
 * @param series      the series, in order of first appearance
 * @param layout      the file's layout
 * @param idColumn    the identifier column's name (null for single-series and wide files)
 * @param timeColumn  the time column's name
 * @param valueColumn the value column's name (null for wide files)
 * @param timeFormat  how times were written
 * @param frequency   the inferred or given frequency
 * @param notes       what was done to the data (sorting, filled or dropped values), one line each
 * @param skipped     the series that could not be read, in order of first appearance, each with why (none with a
 *                    strict reader, which stops at the first instead)
 * @param dialect     how a file wrote its fields and numbers, so that results are written alike; null for a source
 *                    that is not a text file
 */
public record SeriesData(List<TimeSeries> series, Layout layout, String idColumn, String timeColumn,
                         String valueColumn, TimeFormat timeFormat, Frequency frequency, List<String> notes,
                         List<Skipped> skipped, Dialect dialect) {

    /**
     * Between the parts of an id of several columns ({@code 1 / 7} for store 1 and item 7, or a series in rows named
     * by its region and store), in every reader and in the Spark job.
     */
    public static final String ID_JOIN = " / ";

    /**
     * The name of the id's part that names the measure where each of several value columns is a series of every id
     * ({@code Country/measure}, its series {@code Australia / Debt}), from a file or a database alike.
     */
    public static final String MEASURE = "measure";

    /**
     * The columns of a series' id given as one name or several between commas ({@code store,item}), as every reader
     * and the Spark job take it: {@code given} itself where it has no comma or is a column's name
     * ({@code isColumn}), else its parts, trimmed.
     */
    public static List<String> idColumns(String given, java.util.function.Predicate<String> isColumn) {
        if (!given.contains(",") || isColumn.test(given)) {
            return List.of(given);
        }
        return java.util.Arrays.stream(given.split(",")).map(String::trim).toList();
    }

    /** The name of an id's column in the output: its columns' names joined ({@code store/item}). */
    public static String idName(List<String> columns) {
        return String.join("/", columns);
    }

    /**
     * A text file's field delimiter and decimal mark: a spreadsheet in much of Europe writes {@code 10,5} between
     * semicolons, and reads a file back only in its own way.
     *
     * @param delimiter   the field delimiter
     * @param decimalMark {@code '.'} or {@code ','}
     */
    public record Dialect(char delimiter, char decimalMark) {
        /** Commas between fields, decimal points. */
        public static final Dialect DEFAULT = new Dialect(',', '.');
    }

    /** Series read with their source's skipped series, from a source without a text dialect. */
    public SeriesData(List<TimeSeries> series, Layout layout, String idColumn, String timeColumn, String valueColumn,
                      TimeFormat timeFormat, Frequency frequency, List<String> notes, List<Skipped> skipped) {
        this(series, layout, idColumn, timeColumn, valueColumn, timeFormat, frequency, notes, skipped, null);
    }

    /** These series with {@code note} before their other notes (where they were read from). */
    public SeriesData withNoteFirst(String note) {
        List<String> all = new java.util.ArrayList<>(notes.size() + 1);
        all.add(note);
        all.addAll(notes);
        return new SeriesData(series, layout, idColumn, timeColumn, valueColumn, timeFormat, frequency, List.copyOf(all),
                skipped, dialect);
    }

    /** These series with {@code more} after their other notes (what was found in the values once read). */
    public SeriesData withNotesAfter(List<String> more) {
        List<String> all = new java.util.ArrayList<>(notes.size() + more.size());
        all.addAll(notes);
        all.addAll(more);
        return new SeriesData(series, layout, idColumn, timeColumn, valueColumn, timeFormat, frequency, List.copyOf(all),
                skipped, dialect);
    }

    /**
     * Some of these series, all of {@code frequency} (one frequency's part of a source that mixes them), with the
     * source's notes, skipped series and layout.
     */
    public SeriesData withSeries(List<TimeSeries> part, Frequency partFrequency) {
        return new SeriesData(List.copyOf(part), layout, idColumn, timeColumn, valueColumn, timeFormat, partFrequency,
                notes, skipped, dialect);
    }

    /** These series, read from a text file of {@code d}. */
    public SeriesData withDialect(Dialect d) {
        return new SeriesData(series, layout, idColumn, timeColumn, valueColumn, timeFormat, frequency, notes, skipped,
                d);
    }

    /**
     * A series left out because it could not be read, such as one with a value that is not a number, two rows at
     * the same time, or no values at all.
     *
     * @param id     the series' id (its column's name in a wide file)
     * @param reason what is wrong, one line that names the source and, where there is one, the line or row
     */
    public record Skipped(String id, String reason) {
    }

    /** Series read with none skipped. */
    public SeriesData(List<TimeSeries> series, Layout layout, String idColumn, String timeColumn, String valueColumn,
                      TimeFormat timeFormat, Frequency frequency, List<String> notes) {
        this(series, layout, idColumn, timeColumn, valueColumn, timeFormat, frequency, notes, List.of());
    }

    /** The layouts of a series file. */
    public enum Layout {
        /** One row per series and time: {@code id, time, value}. */
        LONG,
        /** One row per time, one column per series. */
        WIDE,
        /** One series: {@code time, value}. */
        SINGLE,
        /**
         * One row per series, one column per time: {@code store,2024-01,2024-02,...}, as reports and the forecasting
         * competitions' files ({@code V1,V2,...}) have them.
         */
        ROWS
    }
}
