package dev.recur.connectors.csv;

import dev.recur.connectors.DataException;
import dev.recur.connectors.series.SeriesAssembler;
import dev.recur.connectors.series.SeriesData;
import dev.recur.connectors.series.TimeFormat;
import dev.recur.connectors.series.TimeFormatDetection;
import dev.recur.engine.io.Shorten;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;

/**
 * The roles of a header's columns, before any row is read: the series' id (one column or several), the time (or
 * a year and a period), the value, covariates, columns found to be rows' keys, and the layout they make; where
 * the times run across the header, the series are in rows.
 *
 * @param cols     the header's fields, the empty ones that end it left out
 * @param lower    each field's index by its name in lower case
 * @param keyCols  columns read as rows' keys (order_id), as if the file did not have them
 * @param idCol    the id column, or its first column where several name a series; -1 for none
 * @param idMore   the id's other columns
 * @param timeCol  the time column (or the period beside a year column); -1 for none
 * @param yearCol  the year column of a year and a period; -1 for none
 * @param valueCol the value column, or its first where several are given ({@code Open,Close}: each a series of every
 *                 id); -1 for none (a wide file, series in rows)
 * @param valueMore the other value columns given, each read as a series of every id as {@code valueCol} is
 * @param across   the times across the header of series in rows, or null
 * @param layout   the layout
 * @param covCols  the covariates' columns, in the order named
 * @param futureNames the future covariates' names as given
 * @param unread   the columns of a long or single-series file that are none of these
 * @param datedByContent whether the time column was found by its first value (a date), no column being named as one
 * @param passedOver the columns no series was read from that might have been ({@link #namesANumbering}: a till's
 *                 {@code Num}; with {@code --no-id}, a column of labels such as a transaction's type), each
 *                 named in a note of their own; they are among {@code keyCols} in a wide file, among {@code unread} in a
 *                 single series' file
 */
record ColumnRoles(List<String> cols, Map<String, Integer> lower, Set<Integer> keyCols, int idCol,
                   List<Integer> idMore, int timeCol, int yearCol, int valueCol, List<Integer> valueMore,
                   SeriesInRows across,
                   SeriesData.Layout layout, int[] covCols, List<String> futureNames, List<String> unread,
                   boolean datedByContent, List<String> passedOver) {

    private static final Set<String> ID_NAMES = Set.of("unique_id", "id", "series", "series_id", "item_id", "key", "name");
    private static final Set<String> TIME_NAMES = Set.of("ds", "date", "time", "timestamp", "datetime", "period",
            "step", "t", "month", "year", "week", "day", "hour", "time_period");
    /**
     * Column names that name a time beyond {@link #TIME_NAMES}: {@code ts}, {@code dt}, names ending in a separate
     * date, a timestamp or {@code _ts}/{@code _dt} ({@code order_date}, {@code OrderDate}, {@code created_ts}; not
     * {@code Update}), beginning with a date ({@code date_key}), and a week, month or day's end or start
     * ({@code week_ending}).
     */
    private static final Pattern TIME_LIKE = Pattern.compile("(?i:ts|dt|date[ _].*|.*[ _.]date|.*time_?stamp|"
            + ".*date_?time|.*_ts|.*_dt|(week|month|day|period)_(ending|end|start|beginning|begin))"
            + "|.*[a-z](Date|Timestamp|DateTime)");
    /** A time zone in brackets after a column's name: the column holds times ({@code Created (UTC)}). */
    private static final Pattern ZONE = Pattern.compile("(?i)utc|gmt|z|local|local time|(utc|gmt) ?[+-]\\d{1,2}(:?\\d{2})?");
    /** Names of a period column that, beside a column named year, makes the time with it. */
    private static final List<String> PERIOD_NAMES = List.of("month", "quarter", "week", "mon", "qtr");
    /**
     * Names of a column that numbers a till's or an accounting system's documents ({@code Num}, {@code No.},
     * {@code Invoice #}, {@code Ref No}, {@code Transaction Number}): integers that name a row, not a measure to sum
     * or forecast. Not {@code No} alone (a poll's answers), {@code Number} (a count of births) nor {@code Ref} or
     * {@code Reference} alone (a reference series beside the actual one).
     */
    private static final Pattern NUMBERING = Pattern.compile("(?i)num|nr|no\\.|#|(invoice|inv|doc|document|"
            + "receipt|ref|reference|check|cheque|transaction|trans|txn|order|voucher|journal|entry|ticket|bill|po|"
            + "serial|row|line)[ _.-]*(#|no\\.?|num\\.?|number|nr\\.?)");
    /** Names of the value column (SDMX's {@code OBS_VALUE}, as statistics offices and central banks export). */
    private static final Set<String> VALUE_NAMES = Set.of("y", "value", "target", "values", "sales", "demand", "count",
            "obs_value");

    /**
     * The roles of the columns of a header as {@code options} name them or their names say, the columns in
     * {@code rowKeys} (lower-case names) read as rows' keys; {@code at} begins messages that name its line;
     * {@code first}, the first row (null for none), shows which column holds dates where no name says it;
     * {@code countsRows}: the rows are counted ({@code --aggregate count}), so no value column is needed, and where
     * none is named or recognised each row counts once.
     */
    static ColumnRoles of(List<String> header, String at, CsvOptions options, Set<String> rowKeys, CSVRecord first,
                          boolean countsRows) {
        List<String> cols = withoutTrailingBlanks(header);
        Map<String, Integer> lower = lowerCaseNames(cols, at);
        // columns found to be rows' keys (order_id): read as if the file did not have them
        Set<Integer> keyCols = new java.util.HashSet<>();
        for (String k : rowKeys) {
            if (lower.containsKey(k)) {
                keyCols.add(lower.get(k));
            }
        }
        if (cols.size() < 2) {
            throw new DataException(at + "expected at least a time and a value column, found "
                    + (cols.size() == 1 ? "one column " + Shorten.quoted(cols.get(0)) : "no columns")
                    + (cols.size() == 1 && cols.get(0).contains(";") ? "; is the delimiter ';'? give the delimiter" : ""),
                    cols.size() == 1 && cols.get(0).contains(";") ? DataException.Remedy.DELIMITER : null);
        }
        Choice c = new Choice(cols, lower, plainNames(cols), keyCols, options, at, first);
        c.named();
        c.unnamed();
        SeriesInRows across = c.seriesInRows();
        SeriesData.Layout layout = c.layout(across, countsRows);
        // the columns with a role so far: the id's, the time's (and the year's), the value's
        Set<Integer> taken = new java.util.HashSet<>(c.idMore);
        taken.addAll(c.valueMore);
        taken.addAll(List.of(c.idCol, c.timeCol, c.yearCol, c.valueCol));
        int[] covCols = covariateColumns(options, lower, cols, layout, taken, at);
        List<String> futureNames = options.futureCovariates() == null ? List.of() : options.futureCovariates();
        for (int cov : covCols) {
            taken.add(cov);
        }
        taken.addAll(keyCols);
        List<String> unreadAll = List.of();
        List<String> passedOver = c.passedOver.stream().map(cols::get).toList();
        Set<Integer> rowsKeys = keyCols;
        if (layout == SeriesData.Layout.WIDE && !c.passedOver.isEmpty()) {
            rowsKeys = new java.util.HashSet<>(keyCols);
            rowsKeys.addAll(c.passedOver);
        }
        if (layout != SeriesData.Layout.WIDE && layout != SeriesData.Layout.ROWS) {
            List<String> ignored = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                if (!taken.contains(i)) {
                    ignored.add(cols.get(i));
                }
            }
            unreadAll = ignored;
        }
        return new ColumnRoles(cols, lower, Set.copyOf(rowsKeys), c.idCol, c.idMore, c.timeCol, c.yearCol, c.valueCol,
                List.copyOf(c.valueMore), across, layout, covCols, futureNames, unreadAll,
                c.datedByContent && layout != SeriesData.Layout.ROWS, passedOver);
    }

    /**
     * A column's name without a unit or zone in brackets after it ({@code Sales ($)}, {@code Revenue [EUR]},
     * {@code Created (UTC)}: {@code Sales}, {@code Revenue}, {@code Created}), trimmed; the name as it is where it
     * ends in no bracketed text after a name.
     */
    static String plainName(String column) {
        String c = column.trim();
        int open = bracketOpens(c);
        return open < 0 ? c : c.substring(0, open).trim();
    }

    /** Whether a column's name ends in a time zone in brackets ({@code Created (UTC)}): it holds times. */
    static boolean namesAZone(String column) {
        String c = column.trim();
        int open = bracketOpens(c);
        return open >= 0 && ZONE.matcher(c.substring(open + 1, c.length() - 1).trim()).matches();
    }

    /**
     * Where the bracket opens that closes a trimmed name ({@code Sales ($)}: 6), a name before it and no bracket
     * within; -1 for none. A scan, not a regular expression: a header of one huge field (a quote never closed) costs
     * its length once.
     */
    private static int bracketOpens(String c) {
        if (c.length() < 3 || c.charAt(c.length() - 1) != ')' && c.charAt(c.length() - 1) != ']') {
            return -1;
        }
        char opening = c.charAt(c.length() - 1) == ')' ? '(' : '[';
        int open = c.lastIndexOf(opening, c.length() - 2);
        if (open <= 0 || c.substring(0, open).isBlank()) {
            return -1;
        }
        for (int i = open + 1; i < c.length() - 1; i++) {
            char ch = c.charAt(i);
            if (ch == '(' || ch == ')' || ch == '[' || ch == ']') {
                return -1;
            }
        }
        return open;
    }

    /**
     * Each column's index by its {@link #plainName} in lower case, the first column where two have one (by which
     * names say a column's role).
     */
    private static Map<String, Integer> plainNames(List<String> cols) {
        Map<String, Integer> plain = new HashMap<>();
        for (int i = 0; i < cols.size(); i++) {
            plain.putIfAbsent(plainName(cols.get(i)).toLowerCase(Locale.ROOT), i);
        }
        return plain;
    }

    /**
     * Each column's index by its name in lower case.
     *
     * @throws DataException where two columns have one name
     */
    private static Map<String, Integer> lowerCaseNames(List<String> cols, String at) {
        Map<String, Integer> lower = new HashMap<>();
        for (int i = 0; i < cols.size(); i++) {
            String key = cols.get(i).toLowerCase(Locale.ROOT);
            if (lower.containsKey(key)) {
                throw new DataException(at + "column " + Shorten.quoted(cols.get(i)) + " appears twice in the header");
            }
            lower.put(key, i);
        }
        return lower;
    }

    /**
     * The choice of the id, time, year and value columns, made in steps that each see the columns the others took:
     * those the options name, then those the names say, then the layout they make, which may take the rest.
     */
    private static final class Choice {
        private final List<String> cols;
        private final Map<String, Integer> lower;
        /** Each column's index by its name without a unit or zone in brackets ({@link #plainName}), in lower case. */
        private final Map<String, Integer> plain;
        private final Set<Integer> keyCols;
        private final CsvOptions options;
        private final String at;
        /** The first row, or null. */
        private final CSVRecord first;
        /** The id's columns after its first ({@code idCol}): store,item with --id-column store,item. */
        final List<Integer> idMore = new ArrayList<>();
        /** The value's columns after its first ({@code valueCol}): Open,Close with --value-column Open,Close. */
        final List<Integer> valueMore = new ArrayList<>();
        int idCol;
        int timeCol;
        /** Whether the time column was found by its first value, not by its name. */
        boolean datedByContent;
        /** The columns passed over as no value ({@link ColumnRoles#passedOver}). */
        final List<Integer> passedOver = new ArrayList<>();
        int yearCol = -1;
        int valueCol;

        Choice(List<String> cols, Map<String, Integer> lower, Map<String, Integer> plain, Set<Integer> keyCols,
               CsvOptions options, String at, CSVRecord first) {
            this.first = first;
            this.cols = cols;
            this.lower = lower;
            this.plain = plain;
            this.keyCols = keyCols;
            this.options = options;
            this.at = at;
        }

        /**
         * The columns the options name: the series id (one column, or several whose values together name a series,
         * the first in {@code idCol} and the others in {@code idMore}), the time and the value (one column, or
         * several, each a series of every id: the first in {@code valueCol}, the others in {@code valueMore}).
         */
        void named() {
            idCol = severalColumns(options.idColumn(), lower, cols, at, "id", idMore);
            timeCol = column(options.timeColumn(), lower, cols, at, "time");
            valueCol = severalColumns(options.valueColumn(), lower, cols, at, "value", valueMore);
            for (int v : valueMore) {
                if (v == idCol || idMore.contains(v) || v == timeCol) {
                    throw new DataException(at + "column " + Shorten.quoted(cols.get(v)) + " is given as a value and as "
                            + (v == timeCol ? "the time" : "a part of the id"));
                }
            }
        }

        /** The columns the options do not name, by their names: the time, then the id, then the value. */
        void unnamed() {
            // a year and a period in two columns (year,month,sales; year,quarter,...), as statistics offices publish
            // them: the time is the two together
            if (timeCol < 0 && options.timeColumn() == null) {
                Integer y = plain.get("year");
                Integer period = null;
                for (String n : PERIOD_NAMES) {
                    period = period != null ? period : plain.get(n);
                }
                if (y != null && period != null) {
                    yearCol = y;
                    timeCol = period;
                }
            }
            if (timeCol < 0) {
                timeCol = find(TIME_NAMES, plain, -1, -1);
            }
            for (int i = 0; i < cols.size() && timeCol < 0; i++) {
                // order_date, created_ts, week_ending: a column named as a time names the time
                if (i != idCol && i != valueCol && TIME_LIKE.matcher(plainName(cols.get(i))).matches()) {
                    timeCol = i;
                }
            }
            for (int i = 0; i < cols.size() && timeCol < 0; i++) {
                // Created (UTC), Timestamp (local): a column named with a time zone holds times
                if (i != idCol && i != valueCol && namesAZone(cols.get(i))) {
                    timeCol = i;
                }
            }
            for (int i = 0; i < cols.size() && timeCol < 0 && first != null && options.timeColumn() == null; i++) {
                // tripduration,starttime,stoptime or ride_id,started_at,ended_at: where no name says which column
                // is the time, the first whose first value is a date (a number is not: a duration, an amount, a key)
                if (i != idCol && i != valueCol && !keyCols.contains(i) && i < first.size() && holdsADate(first.get(i))) {
                    timeCol = i;
                    // the first column is the time where none is named anyway: said only where another is taken
                    datedByContent = i > 0;
                }
            }
            if (idCol < 0 && options.idColumn() == null && !options.noId()) {
                Map<String, Integer> ids = new HashMap<>(plain);
                ids.values().removeAll(keyCols);
                idCol = find(ID_NAMES, ids, timeCol, valueCol);
            }
            if (idCol < 0 && options.idColumn() == null && !options.noId()) {
                // store_id, StoreID, productId: a column named as an id names the series
                for (int i = 0; i < cols.size() && idCol < 0; i++) {
                    String c = cols.get(i).trim();
                    if (i != timeCol && i != yearCol && i != valueCol && !keyCols.contains(i) && c.length() > 2
                            && (c.toLowerCase(Locale.ROOT).endsWith("_id")
                            || c.endsWith("ID") || c.matches(".*[a-z]Id"))) {
                        idCol = i;
                    }
                }
            }
            if (valueCol < 0) {
                valueCol = find(VALUE_NAMES, plain, timeCol, idCol);
            }
            if (valueCol == yearCol && yearCol >= 0) {
                valueCol = -1;
            }
        }

        /**
         * The value of a long file among the columns {@code free} (none of the id's or the time's): the first whose
         * first value is a number or missing and whose name numbers no documents ({@link #namesANumbering}); a
         * transaction's type ({@code Invoice}) or a till's {@code Num} is passed over for its {@code Amount}. The
         * first of them where none is such.
         */
        int measure(List<Integer> free) {
            for (int i : free) {
                if (!namesANumbering(cols.get(i)) && !holdsAWord(i)) {
                    return i;
                }
            }
            return free.get(0);
        }

        /**
         * Passes over, in a file with no id, the columns that name no series it could have: those named as documents'
         * numbers ({@code Num}), and where no column names series ({@code labels}: {@code --no-id}), those whose first
         * value is a label ({@code Invoice}, a transaction's type; {@code Cust 12}), which would otherwise be found to
         * name the series; none where no other column would be left.
         */
        void passOver(boolean labels) {
            int left = 0;
            for (int i = 0; i < cols.size(); i++) {
                if (i == timeCol || i == yearCol || keyCols.contains(i)) {
                    continue;
                }
                if (namesANumbering(cols.get(i)) || labels && holdsAWord(i)) {
                    passedOver.add(i);
                } else {
                    left++;
                }
            }
            if (left == 0) {
                passedOver.clear();
            }
        }

        /**
         * Whether column {@code i}'s first value is a label: it begins with a letter ({@code Invoice}, {@code Cust 12}),
         * as no number does, and is no missing value's mark ({@code NA}). Not {@link TableRows#isName}, which asks
         * which column names series and so takes any field with a letter that is no plain number: a value as
         * Eurostat flags it ({@code 380320.3 p}) or with its unit ({@code 12 kg}) is still a value here.
         */
        private boolean holdsAWord(int i) {
            if (first == null || i >= first.size()) {
                return false;
            }
            String v = first.get(i).strip();
            return !v.isEmpty() && Character.isLetter(v.charAt(0))
                    && !NumberFields.MISSING.contains(v.toLowerCase(Locale.ROOT));
        }

        /**
         * Series in rows, times across the header, where the options name no column: store,2024-01,2024-02,...
         * (dates or period labels), or the competitions' id,1,2,3,... where the first column is named as an id
         * (integer steps); a file whose first column holds no times and whose header counts steps (V1,V2,...) is
         * found at its first row. Null for none.
         */
        SeriesInRows seriesInRows() {
            boolean named = options.idColumn() != null || options.timeColumn() != null || options.valueColumn() != null
                    || options.covariates() != null && !options.covariates().isEmpty()
                    || options.futureCovariates() != null && !options.futureCovariates().isEmpty();
            if (named) {
                return null;
            }
            SeriesInRows across = SeriesInRows.timesAcross(cols, options.timeFormat());
            if (across == null && idCol == 0 && timeCol < 0) {
                across = SeriesInRows.stepsAcross(cols);
            }
            if (across == null) {
                across = SeriesInRows.periodsAcross(cols);
            }
            return across;
        }

        /**
         * The layout the roles make, taking the columns it needs that are still free: a long file's value is the
         * first column that is no part of the id or the time, a single series' time the first column and its value
         * the other.
         *
         * @throws DataException for a long file without a time or a value column
         */
        SeriesData.Layout layout(SeriesInRows across, boolean countsRows) {
            if (across != null) {
                idCol = 0;
                timeCol = -1;
                valueCol = -1;
                return SeriesData.Layout.ROWS;
            }
            if (idCol >= 0) {
                if (timeCol < 0) {
                    throw new DataException(at + "no time column recognised among " + Shorten.list(cols) + "; name the time column", DataException.Remedy.TIME_COLUMN);
                }
                // the columns left, but those whose first value is a date (a trip's end: a time, never a value)
                List<Integer> free = new ArrayList<>();
                for (int i = 0; i < cols.size(); i++) {
                    if (i != idCol && !idMore.contains(i) && i != timeCol && i != yearCol && !keyCols.contains(i)
                            && (first == null || i >= first.size() || !holdsADate(first.get(i)))) {
                        free.add(i);
                    }
                }
                // rows counted: the value is the one column left, else none (each row counts once: a till's
                // export, whose first free column may be a transaction's type)
                if (valueCol < 0 && (!countsRows || free.size() == 1)) {
                    valueCol = free.isEmpty() ? -1 : measure(free);
                    if (valueCol < 0) {
                        throw new DataException(at + "no value column besides " + Shorten.quoted(cols.get(idCol)) + " and "
                                + Shorten.quoted(cols.get(timeCol)) + "; name the value column", DataException.Remedy.VALUE_COLUMN);
                    }
                }
                return SeriesData.Layout.LONG;
            }
            boolean timeFound = timeCol >= 0;
            if (timeCol < 0) {
                timeCol = 0;
            }
            if (valueCol < 0 && options.valueColumn() == null) {
                passOver(options.noId());
            }
            if (cols.size() - (yearCol >= 0 ? 1 : 0) - keyCols.size() - passedOver.size() == 2 || valueCol >= 0) {
                for (int i = 0; i < cols.size() && valueCol < 0; i++) {
                    valueCol = i == timeCol || i == yearCol || keyCols.contains(i) || passedOver.contains(i) ? -1 : i;
                }
                return SeriesData.Layout.SINGLE;
            }
            if (countsRows && timeFound) {
                // a bike share's trips counted per period: one series of the rows, whatever the other columns hold
                return SeriesData.Layout.SINGLE;
            }
            return SeriesData.Layout.WIDE;
        }
    }

    /**
     * The columns of the covariates the options name (the future ones among them), in that order: none of the columns
     * {@code taken} already (the id, the time, the value), and only in a long or single-series file.
     */
    private static int[] covariateColumns(CsvOptions options, Map<String, Integer> lower, List<String> cols,
                                          SeriesData.Layout layout, Set<Integer> taken, String at) {
        List<String> covNames = SeriesAssembler.covariateColumns(options.covariates(), options.futureCovariates());
        int[] covCols = new int[covNames.size()];
        for (int j = 0; j < covCols.length; j++) {
            if (layout == SeriesData.Layout.WIDE) {
                throw new DataException(at + "covariates need the long or single-series layout; a wide file has "
                        + "one column per series");
            }
            Integer c = lower.get(covNames.get(j).toLowerCase(Locale.ROOT));
            if (c == null) {
                throw new DataException(at + "no covariate column " + Shorten.quoted(covNames.get(j)) + " among "
                        + Shorten.list(cols));
            }
            if (taken.contains(c)) {
                throw new DataException(at + "column " + Shorten.quoted(cols.get(c)) + " is the id, time or value "
                        + "column, not a covariate");
            }
            covCols[j] = c;
        }
        return covCols;
    }

    /**
     * A header's fields without the empty ones that end it, keeping two at least: a spreadsheet's CSV may end every
     * line with empty fields (columns once used or formatted), which are no columns.
     */
    static List<String> withoutTrailingBlanks(List<String> fields) {
        List<String> cols = new ArrayList<>(fields);
        while (cols.size() > 2 && cols.get(cols.size() - 1).isBlank()) {
            cols.remove(cols.size() - 1);
        }
        return cols;
    }

    /** Whether a column is named as a number of documents or rows ({@code Num}, {@code Invoice #}): no measure. */
    static boolean namesANumbering(String column) {
        return NUMBERING.matcher(plainName(column)).matches();
    }

    /** Whether a column is named as a series' id ({@code id}, {@code unique_id}, {@code series_id}, ...). */
    static boolean namesAnId(String column) {
        return ID_NAMES.contains(plainName(column).toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a field is a date or a date and time as the reader recognises one ({@code 2024-01-01 00:09:00},
     * {@code 12/18/2023}, {@code Jan-2020}), not a number of any kind (steps, epoch seconds, spreadsheet days).
     */
    static boolean holdsADate(String field) {
        String v = field.strip();
        if (v.isEmpty() || TableRows.isNumber(v) || v.chars().noneMatch(Character::isDigit)) {
            return false;
        }
        TimeFormat f = TimeFormatDetection.detect(v);
        return f != null && switch (f.kind()) {
            case DATE, MONTH, DATE_TIME, OFFSET_DATE_TIME, PATTERN -> true;
            default -> false;
        };
    }

    /** Whether a column is named as a time or a part of one ({@code date}, {@code month}): it names no series. */
    static boolean namesATime(String column) {
        String c = plainName(column).toLowerCase(Locale.ROOT);
        return TIME_NAMES.contains(c) || PERIOD_NAMES.contains(c);
    }

    /**
     * The id or value column {@code given} ({@link #column}; {@code option} names which), or where the header has
     * no such column and it lists several ({@code store,item}), the first of them, the others added to {@code more}.
     */
    private static int severalColumns(String given, Map<String, Integer> lower, List<String> cols, String at,
                                      String option, List<Integer> more) {
        if (given == null) {
            return -1;
        }
        List<String> parts = SeriesData.idColumns(given, g -> lower.containsKey(g.toLowerCase(Locale.ROOT)));
        int first = column(parts.get(0), lower, cols, at, option);
        for (String part : parts.subList(1, parts.size())) {
            int c = column(part, lower, cols, at, option);
            if (more.contains(c) || c == first) {
                throw new DataException(at + "the " + option + " column " + Shorten.quoted(part) + " is given twice");
            }
            more.add(c);
        }
        return first;
    }

    /** The column {@code given} (an {@code option} of the reader), or -1 for none given. */
    private static int column(String given, Map<String, Integer> lower, List<String> cols, String at, String option) {
        if (given == null) {
            return -1;
        }
        Integer i = lower.get(given.toLowerCase(Locale.ROOT));
        if (i == null) {
            throw new DataException(at + "no " + option + " column " + Shorten.quoted(given) + "; the header has " + Shorten.list(cols));
        }
        return i;
    }

    /** The first column of those named {@code names}, neither {@code not1} nor {@code not2}; -1 for none. */
    private static int find(Set<String> names, Map<String, Integer> lower, int not1, int not2) {
        int best = -1;
        for (String n : names) {
            Integer i = lower.get(n);
            if (i != null && i != not1 && i != not2 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
