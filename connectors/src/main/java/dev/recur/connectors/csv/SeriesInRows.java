package dev.recur.connectors.csv;

import dev.recur.connectors.DataException;
import dev.recur.connectors.series.SeriesAssembler;
import dev.recur.connectors.series.SeriesData;
import dev.recur.connectors.series.TimeFormat;
import dev.recur.connectors.series.TimeFormatDetection;
import dev.recur.engine.io.Shorten;
import org.apache.commons.csv.CSVRecord;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file of series in rows: the first {@code lead} columns name each series (joined by " / " where there are
 * several: region and store), and each later column is a time, whose key is {@code keys[column]}; how such a file is
 * recognised from its header ({@link #timesAcross}, {@link #stepsAcross}, {@link #periodsAcross}) and its rows read
 * ({@link #addRow}). In a calendar's grid ({@code Year,Jan,...,Dec}) a leading column, {@code yearAt}, holds each
 * row's year, the columns across are its months or quarters ({@code keys[column]} the period's number), and the
 * columns from {@code until} on (an {@code Annual} total) are not read.
 *
 * @param naming the leading columns that name a series (the first {@code naming}, or in a calendar's grid the leading
 *               columns but the year's; none: one series)
 */
record SeriesInRows(int lead, TimeFormat format, long[] keys, int naming, int yearAt, int until) {

    /**
     * Series in rows after {@code lead} leading columns, each named by all of them, or where the first is named as an
     * id ({@code id,item_id,dept_id,...,d_1,d_2}, as the M5 competition's file has them), by it alone ({@code naming}
     * 1), the others a series' attributes.
     */
    static SeriesInRows of(int lead, TimeFormat format, long[] keys, List<String> cols) {
        return new SeriesInRows(lead, format, keys, lead > 1 && ColumnRoles.namesAnId(cols.get(0)) ? 1 : lead, -1,
                cols.size());
    }

    /** Whether the rows are a calendar's grid: a year a row and its months or quarters across, or transposed. */
    boolean calendar() {
        return yearAt >= 0 || yearAt == DOWN;
    }

    /** Whether the rows are a transposed calendar's grid: a month or quarter a row, the years across. */
    boolean down() {
        return yearAt == DOWN;
    }

    /** {@code yearAt} of a transposed calendar's grid, whose years are across the header. */
    private static final int DOWN = -2;

    /**
     * These steps across the header (years: {@code Month,2015,2016,...}) as a transposed calendar's grid where the
     * first column is named month or quarter and the first row's first field names one ({@code Jan}, {@code Q1}): one
     * series, each row a month (or quarter) of every year across; else null.
     */
    SeriesInRows periodsDown(List<String> cols, String firstPeriod) {
        String name = ColumnRoles.plainName(cols.get(0)).toLowerCase(java.util.Locale.ROOT);
        if (lead != 1 || !(name.equals("month") && TimeFormat.monthNumber(firstPeriod.trim().toLowerCase(
                java.util.Locale.ROOT)) > 0 || name.equals("quarter") && quarter(firstPeriod) > 0)) {
            return null;
        }
        for (int i = 1; i < cols.size(); i++) {
            if (keys[i] < 1000 || keys[i] > 9999) {
                return null;   // the header counts steps, not years
            }
        }
        return new SeriesInRows(1, periodFormat(name.equals("month")), keys, 0, DOWN, cols.size());
    }

    /** How a calendar grid's future months ({@code 2024-03}) or quarters ({@code 2024-Q1}) are written. */
    private static TimeFormat periodFormat(boolean months) {
        return months ? TimeFormat.of(TimeFormat.Kind.MONTH) : TimeFormat.pattern("yyyy-'Q'Q");
    }

    /** The quarter a label names ({@code Q1} to {@code Q4}, any case), or -1. */
    private static int quarter(String label) {
        String q = label.trim().toLowerCase(java.util.Locale.ROOT);
        return q.length() == 2 && q.charAt(0) == 'q' && q.charAt(1) >= '1' && q.charAt(1) <= '4' ? q.charAt(1) - '0' : -1;
    }

    /** The series' id of a row. */
    String id(CSVRecord r) {
        StringBuilder b = null;
        for (int i = 0; i < lead && i < r.size(); i++) {
            if (names(i)) {
                b = b == null ? new StringBuilder(r.get(i)) : b.append(SeriesData.ID_JOIN).append(r.get(i));
            }
        }
        return b == null ? "series" : b.toString();
    }

    /**
     * Whether leading column {@code i} names the series: one of the first {@code naming}, or in a calendar's grid any
     * but the year's (none in a transposed one).
     */
    private boolean names(int i) {
        return calendar() ? i < lead && i != yearAt && !down() : i < naming;
    }

    /** The id column's name in the output. */
    String idName(List<String> cols) {
        List<String> named = new java.util.ArrayList<>();
        for (int i = 0; i < lead; i++) {
            if (names(i)) {
                named.add(cols.get(i));
            }
        }
        return named.stream().allMatch(String::isBlank) ? "series" : String.join("/", named).trim();
    }

    /** English months' abbreviations, in the year's order. */
    private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
            "oct", "nov", "dec");

    /**
     * A calendar's grid as government tables and reports lay it out: a column named year, then the twelve months
     * across the header in order ({@code Year,Jan,Feb,...,Dec}, or their full names), or the four quarters
     * ({@code Year,Q1,Q2,Q3,Q4}), perhaps after columns that name series and before others (an {@code Annual}
     * total, {@code HALF1}); null when the header is not such a grid.
     */
    static SeriesInRows periodsAcross(List<String> cols) {
        int year = -1;
        for (int i = 0; i < cols.size() && year < 0; i++) {
            if (ColumnRoles.plainName(cols.get(i)).equalsIgnoreCase("year")) {
                year = i;
            }
        }
        if (year < 0 || year >= MOST_LEAD) {
            return null;
        }
        int from = year + 1;
        for (int periods : new int[]{12, 4}) {
            if (from + periods > cols.size()) {
                continue;
            }
            long[] keys = new long[cols.size()];
            boolean all = true;
            for (int k = 0; k < periods && all; k++) {
                String c = ColumnRoles.plainName(cols.get(from + k)).toLowerCase(java.util.Locale.ROOT);
                all = periods == 12 ? c.length() >= 3 && c.startsWith(MONTHS.get(k))
                        && TimeFormat.monthNumber(c) == k + 1 : quarter(c) == k + 1;
                keys[from + k] = k + 1;
            }
            if (all) {
                return new SeriesInRows(from, periodFormat(periods == 12), keys, from - 1, year, from + periods);
            }
        }
        return null;
    }

    /** A transposed calendar grid's row's month or quarter, from its first column. */
    private int period(CSVRecord r, int line, List<String> cols, String name) {
        String v = r.get(0).trim();
        int p = format.kind() == TimeFormat.Kind.MONTH ? TimeFormat.monthNumber(v.toLowerCase(java.util.Locale.ROOT))
                : quarter(v);
        if (p < 1) {
            throw new DataException(name + ":" + line + ": column " + Shorten.quoted(cols.get(0)) + ": "
                    + Shorten.quoted(v) + " is not a " + (format.kind() == TimeFormat.Kind.MONTH ? "month" : "quarter"));
        }
        return p;
    }

    /** A calendar grid's row's year, from its year column. */
    private int year(CSVRecord r, int line, List<String> cols, String name) {
        String y = r.size() > yearAt ? r.get(yearAt).trim() : "";
        if (!y.matches("\\d{4}")) {
            throw new DataException(name + ":" + line + ": column " + Shorten.quoted(cols.get(yearAt)) + ": "
                    + Shorten.quoted(y) + " is not a year");
        }
        return Integer.parseInt(y);
    }

    /**
     * Most leading columns that name the series of a file of series in rows (the World Bank's four: country name and
     * code, indicator name and code).
     */
    private static final int MOST_LEAD = 8;

    /**
     * The times across the header when, after one to {@value #MOST_LEAD} leading columns, every column is named by a
     * date or a period label of one format ({@code store,2024-01,2024-02,...}; at least two), that of {@code given}
     * where it is not null; null otherwise. Integers are not taken for times here: a wide file's series may be named
     * by numbers.
     */
    static SeriesInRows timesAcross(List<String> cols, TimeFormat given) {
        for (int lead = 1; lead <= MOST_LEAD && cols.size() - lead >= 2; lead++) {
            StringBuilder all = new StringBuilder();
            for (int i = lead; i < cols.size(); i++) {
                all.append(cols.get(i)).append('\n');
            }
            TimeFormat f = given != null ? given : TimeFormatDetection.detect(cols.get(lead), all);
            if (f == null || f.isSteps() || f.kind() == TimeFormat.Kind.EPOCH_SECONDS
                    || f.kind() == TimeFormat.Kind.EPOCH_MILLIS) {
                continue;
            }
            long[] keys = new long[cols.size()];
            boolean parsed = true;
            for (int i = lead; i < cols.size() && parsed; i++) {
                try {
                    keys[i] = f.parse(cols.get(i));
                } catch (RuntimeException e) {
                    parsed = false;
                }
            }
            if (parsed) {
                return of(lead, f, keys, cols);
            }
        }
        return null;
    }

    /** A column name that counts: optional letters, then a number ({@code V2}, {@code 2}, {@code t_2}). */
    private static final Pattern COUNTED = Pattern.compile("([A-Za-z_]*)(\\d{1,9})");

    /**
     * The steps the header counts after its first one to {@value #MOST_LEAD} columns ({@code V1,V2,V3,...},
     * {@code id,1,2,3,...}, or the years of the World Bank's {@code Country Name,Country Code,Indicator Name,Indicator
     * Code,1960,1961,...}: one prefix, numbers rising by one), the leading columns named otherwise; null when it does
     * not, or counts fewer than two.
     */
    static SeriesInRows stepsAcross(List<String> cols) {
        for (int lead = 1; lead <= MOST_LEAD && cols.size() - lead >= 2; lead++) {
            if (lead > 1 && COUNTED.matcher(cols.get(lead - 1).trim()).matches()) {
                return null;   // a counted column among the leading ones: the count starts before it
            }
            long[] keys = counted(cols, lead);
            if (keys != null) {
                return of(lead, TimeFormat.of(TimeFormat.Kind.STEPS), keys, cols);
            }
        }
        return null;
    }

    /** The numbers the columns from {@code lead} count (one prefix, rising by one), at their places; or null. */
    private static long[] counted(List<String> cols, int lead) {
        long[] keys = new long[cols.size()];
        String prefix = null;
        for (int i = lead; i < cols.size(); i++) {
            Matcher m = COUNTED.matcher(cols.get(i).trim());
            if (!m.matches() || prefix != null && !prefix.equals(m.group(1))) {
                return null;
            }
            prefix = m.group(1);
            keys[i] = Long.parseLong(m.group(2));
            if (i > lead && keys[i] != keys[i - 1] + 1) {
                return null;
            }
        }
        return keys;
    }

    /**
     * Why a line below {@code rowsRead} rows of a calendar's grid is not a row of it but text below the table, where
     * it reads so: in a grid of a year a row, a year field with no digit ({@code Average}, {@code Total}, a source's
     * line, an empty one under the regions' rows); in a transposed one, after a whole year's months or quarters, a
     * first field that names none ({@code Annual}). Null where it is a row (a mistyped year, {@code 20l9}, stays the
     * row's error), and for series in rows that are no calendar.
     */
    String notARow(CSVRecord r, int line, List<String> cols, String name, long rowsRead) {
        if (!calendar() || rowsRead < 1) {
            return null;
        }
        boolean mayEnd = down() ? rowsRead >= (format.kind() == TimeFormat.Kind.MONTH ? 12 : 4)
                : r.size() <= yearAt || r.get(yearAt).chars().noneMatch(Character::isDigit);
        if (!mayEnd) {
            return null;
        }
        try {
            time(r, line, cols, name);
            return null;
        } catch (DataException e) {
            return e.getMessage();
        }
    }

    /** Whether a line below the table of a calendar's grid reads as a row of it after all (its year, its month). */
    boolean readsAsRow(CSVRecord r, int line, List<String> cols, String name) {
        try {
            time(r, line, cols, name);
            return true;
        } catch (DataException e) {
            return false;
        }
    }

    /**
     * Reads a calendar grid's row's time, its year or (transposed) its month or quarter.
     *
     * @throws DataException naming the line and column where it is none
     */
    private void time(CSVRecord r, int line, List<String> cols, String name) {
        if (down()) {
            period(r, line, cols, name);
        } else {
            year(r, line, cols, name);
        }
    }

    /**
     * Adds a row of a file of series in rows: the leading fields name the series, each later field is its value at
     * that column's time; empty fields are no value (a shorter series' row ends in them).
     */
    void addRow(CSVRecord r, int line, List<String> cols, SeriesAssembler series, NumberFields numbers, String name) {
        String width = r.size() > cols.size() ? TableRows.widthProblem(r, cols.size(), name, line) : null;
        if (width != null) {
            throw new DataException(width);
        }
        String id = id(r);
        if (id.isBlank() || id.replace(SeriesData.ID_JOIN, "").isBlank()) {
            throw new DataException(TableRows.emptyId(name, line, cols.get(0)));
        }
        int year = yearAt >= 0 ? year(r, line, cols, name) : 0;
        int period = down() ? period(r, line, cols, name) : 0;
        series.declare(id);
        for (int i = lead; i < Math.min(r.size(), until); i++) {
            String v = r.get(i);
            if (v.isEmpty()) {
                continue;
            }
            int y = down() ? (int) keys[i] : year;
            int p = down() ? period : (int) keys[i];
            long key = !calendar() ? keys[i] : TimeFormat.toKey(java.time.LocalDate.of(y,
                    format.kind() == TimeFormat.Kind.MONTH ? p : 3 * p - 2, 1).atStartOfDay());
            try {
                series.add(id, key, numbers.value(v, name, line, cols.get(i)), line);
            } catch (NumberFields.BadNumber e) {
                series.reject(id, e);
                return;
            }
        }
    }
}
