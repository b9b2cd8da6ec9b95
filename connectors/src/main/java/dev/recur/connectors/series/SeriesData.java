package dev.recur.connectors.series;

import dev.recur.engine.forecast.Frequency;
import dev.recur.engine.forecast.TimeSeries;

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
 */
public record SeriesData(List<TimeSeries> series, Layout layout, String idColumn, String timeColumn,
                         String valueColumn, TimeFormat timeFormat, Frequency frequency, List<String> notes) {

    /** The layouts of a series file. */
    public enum Layout {
        /** One row per series and time: {@code id, time, value}. */
        LONG,
        /** One row per time, one column per series. */
        WIDE,
        /** One series: {@code time, value}. */
        SINGLE
    }
}
