package dev.recur.connectors.csv;

import dev.recur.connectors.series.SeriesData;
import dev.recur.engine.io.Shorten;
import org.apache.commons.csv.CSVRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A header of two rows as pandas writes a table whose columns have two levels (a pivot of several measures, or
 * of one kept as a list): the first row names each column's measure ({@code ,sales,sales}), the second, after
 * the second level's name, its series ({@code store,A,B}); a third row may name the rows' index, the time
 * ({@code date,,}). Read as one header of the time and the series, named by the second row where one measure
 * is in every column, else by the measure and the second row ({@code sales / A}).
 *
 * @param measures the first row's names, one per series column
 * @param labels   the second row's names, one per series column
 * @param level    the second level's name (the second row's first field), which names the series' column
 * @param timeName the time column's name: the third row's, else the first row's first field, else "time"
 * @param rows     the header's rows, 2 or 3
 */
record StackedHeader(List<String> measures, List<String> labels, String level, String timeName, int rows) {

    /** Whether a header names a column twice (in any case). */
    static boolean repeatsAName(List<String> fields) {
        Set<String> seen = new java.util.HashSet<>();
        for (String f : fields) {
            if (!f.isBlank() && !seen.add(f.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** The two rows as a stacked header, or null where the second is no row of names of the same width. */
    static StackedHeader of(List<String> first, CSVRecord second) {
        List<String> top = ColumnRoles.withoutTrailingBlanks(first);
        if (second.size() < top.size() || second.get(0).isBlank()) {
            return null;
        }
        List<String> measures = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 1; i < top.size(); i++) {
            String measure = top.get(i).strip();
            String label = second.get(i).strip();
            if (measure.isEmpty() || label.isEmpty() || TableRows.isNumber(label)
                    || !seen.add((measure + "\n" + label).toLowerCase(Locale.ROOT))) {
                return null;
            }
            measures.add(measure);
            labels.add(label);
        }
        for (int i = top.size(); i < second.size(); i++) {
            if (!second.get(i).isBlank()) {
                return null;
            }
        }
        return new StackedHeader(measures, labels, second.get(0).strip(), top.get(0).isBlank() ? "time" : top.get(0).strip(),
                2);
    }

    /** Whether a row names the index alone ({@code date,,}): a first field and nothing after it. */
    boolean indexName(CSVRecord row) {
        if (row.get(0).isBlank() || TableRows.isNumber(row.get(0))) {
            return false;
        }
        for (int i = 1; i < row.size(); i++) {
            if (!row.get(i).isBlank()) {
                return false;
            }
        }
        return true;
    }

    StackedHeader withTimeName(String name) {
        return new StackedHeader(measures, labels, level, name.strip(), 3);
    }

    private boolean oneMeasure() {
        return measures.stream().map(m -> m.toLowerCase(Locale.ROOT)).distinct().count() == 1;
    }

    /** The header as one row: the time's name, then each series' name. */
    List<String> header() {
        List<String> h = new ArrayList<>();
        h.add(timeName);
        boolean one = oneMeasure();
        for (int i = 0; i < labels.size(); i++) {
            h.add(one ? labels.get(i) : measures.get(i) + SeriesData.ID_JOIN + labels.get(i));
        }
        return h;
    }

    /** The name of the column that names the series in the forecasts. */
    String idName() {
        return oneMeasure() ? level : SeriesData.idName(List.of("measure", level));
    }

    String note() {
        return "read a header of " + (rows == 2 ? "two" : "three") + " rows (columns of two "
                + "levels, as pandas writes them): " + (oneMeasure() ? Shorten.quoted(measures.get(0)) + " of each "
                + Shorten.quoted(level) : "each measure of each " + Shorten.quoted(level)) + " as a series";
    }
}
