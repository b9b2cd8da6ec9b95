package dev.recur.connectors.csv;

import dev.recur.connectors.DataException;
import dev.recur.connectors.series.Aggregation;
import dev.recur.connectors.series.SeriesAssembler;
import dev.recur.connectors.series.SeriesData;
import dev.recur.connectors.series.TimeFormat;
import dev.recur.connectors.series.TimeFormatDetection;
import dev.recur.engine.io.Shorten;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongConsumer;

import static dev.recur.connectors.csv.TableRows.MOST_FOOTER_LINES;
import static dev.recur.connectors.csv.TableRows.emptyTime;
import static dev.recur.connectors.csv.TableRows.footerLike;
import static dev.recur.connectors.csv.TableRows.isName;
import static dev.recur.connectors.csv.TableRows.noTime;
import static dev.recur.connectors.csv.TableRows.notARow;
import static dev.recur.connectors.csv.TableRows.notATime;
import static dev.recur.connectors.csv.TableRows.numbersFirst;
import static dev.recur.connectors.csv.TableRows.timeField;
import static dev.recur.connectors.csv.TableRows.unitsRow;
import static dev.recur.connectors.csv.TableRows.widthProblem;

/**
 * One reading of a CSV table's records into series: its header (one row, or the two or three rows pandas writes
 * for columns of two levels) and the roles of its columns ({@link ColumnRoles}), then every row, whose first may
 * show another layout than the header's (a header that counts steps over rows named by series, a column of names
 * beside one of values), and the lines below the table that are not rows of it. The series are made by a
 * {@link SeriesAssembler}. A reading is used once.
 */
final class TableReading {

    /** Fewest rows of a file whose id column is found to be rows' keys ({@link RowKey}). */
    static final int FEWEST_ROWS_OF_A_ROW_KEY = 10;

    private final CsvOptions options;
    private final Set<String> rowKeys;
    private final boolean ownFrequencies;
    private final Aggregation aggregation;
    private final LongConsumer progress;
    /** The file's name, which begins messages. */
    private final String name;
    private final NumberFields numbers;
    /** The first rows' text, where dates with slashes may show their order after an ambiguous first one. */
    private final String sample;

    // the header
    private StackedHeader stacked;
    private List<String> cols;
    private Set<Integer> keyCols;
    private List<Integer> idMore;
    private int timeCol;
    private int yearCol;
    private int[] covCols;
    private List<String> unreadAll;
    private SeriesAssembler series;

    // what the first row may change
    private SeriesInRows across;
    private SeriesData.Layout layout;
    private int idCol;
    private int valueCol;
    /** The other value columns of a long file of several measures, each a series of every id. */
    private List<Integer> valueMore = List.of();
    private TimeFormat tf;
    private String timeName;
    private String valueName;
    /** A wide file's series columns, in the header's order, as declared. */
    private final List<String> wide = new ArrayList<>();
    /**
     * A wide file's series columns whose first value is a label (a name, {@code 0-14}), then those whose first value
     * is a number or missing: where every column repeats its times, the columns that may name the series of a long
     * file of several measures ({@link #unnamedSeries}).
     */
    private final List<String> firstLabels = new ArrayList<>();
    private final List<String> firstValues = new ArrayList<>();

    private final List<String> notes = new ArrayList<>();
    private long rows;
    /**
     * Which unread columns of one series change from row to row: where its times repeat, the columns that may name
     * its series (a statistics office's long file has constant columns first: DATAFLOW, freq, unit).
     */
    private int[] unreadAt;
    private String[] unreadFirst;
    private boolean[] unreadVaries;
    /**
     * Lines below a table that are not rows of it (a source, a note), as downloaded statistics end: left out while
     * no row of the table follows them.
     */
    private TableRows.Footer footer;
    /** The first lines of totals left out within the table (a pivot table's subtotals), and how many in all. */
    private TableRows.Footer firstTotals;
    private int totalLines;

    /**
     * A reading of the file {@code name} with the reader's options, its columns {@code rowKeys} (lower-case names)
     * read as rows' keys, series of other frequencies read at their own where {@code ownFrequencies}, the rows of a
     * period made one value by {@code aggregation} (null: one row per time), the rows read so far reported to
     * {@code progress}; {@code sample} is the first rows' text.
     */
    TableReading(CsvOptions options, Set<String> rowKeys, boolean ownFrequencies, Aggregation aggregation,
                 LongConsumer progress, String name, NumberFields numbers, String sample) {
        this.options = options;
        this.rowKeys = rowKeys;
        this.ownFrequencies = ownFrequencies;
        this.aggregation = aggregation;
        this.progress = progress;
        this.name = name;
        this.numbers = numbers;
        this.sample = sample;
    }

    /**
     * Reads the parser's records.
     *
     * @throws DataException for a problem of the file, naming its line and column
     * @throws RowKey        where the id column, taken by its name, has each of its values on one row only
     * @throws UnnamedSeries where the file, read as one series, repeats its times and has a column left unread
     */
    SeriesData read(CSVParser parser) {
        Iterator<CSVRecord> it = parser.iterator();
        if (!it.hasNext()) {
            throw new DataException(name + ": the file is empty");
        }
        CSVRecord header = it.next();
        // the header's line: the first, or the first after empty lines (a sheet's title rows)
        String at = name + ":" + Math.max(1, parser.getCurrentLineNumber()) + ": ";
        List<String> fields = new ArrayList<>();
        header.forEach(fields::add);
        // a header of two or three rows, as pandas writes columns of two levels: read as one
        CSVRecord ahead = null;
        int aheadLine = 0;
        if (options.idColumn() == null && options.valueColumn() == null && StackedHeader.repeatsAName(fields)
                && it.hasNext()) {
            CSVRecord second = it.next();
            stacked = StackedHeader.of(fields, second);
            if (stacked != null && it.hasNext()) {
                CSVRecord third = it.next();
                if (stacked.indexName(third)) {
                    stacked = stacked.withTimeName(third.get(0));
                } else {
                    ahead = third;
                    aheadLine = lineOf(parser);
                }
            }
            if (stacked != null) {
                fields = stacked.header();
            }
        }
        if (ahead == null && it.hasNext()) {
            // the first row, which shows the column of dates where no name says which it is
            ahead = it.next();
            aheadLine = lineOf(parser);
        }
        columns(ColumnRoles.of(fields, at, options, rowKeys, ahead, aggregation == Aggregation.COUNT));
        if (ahead != null) {
            row(ahead, aheadLine);
        }
        while (it.hasNext()) {
            CSVRecord r = it.next();
            row(r, lineOf(parser));
        }
        return finish();
    }

    private static int lineOf(CSVParser parser) {
        return (int) Math.min(Integer.MAX_VALUE, parser.getCurrentLineNumber());
    }

    /** Takes the roles of the header's columns, and makes the assembler of the series they name. */
    private void columns(ColumnRoles roles) {
        cols = roles.cols();
        keyCols = roles.keyCols();
        idCol = roles.idCol();
        idMore = roles.idMore();
        timeCol = roles.timeCol();
        yearCol = roles.yearCol();
        valueCol = roles.valueCol();
        valueMore = roles.valueMore();
        across = roles.across();
        layout = roles.layout();
        covCols = roles.covCols();
        unreadAll = roles.unread();
        if (aggregation != null && layout == SeriesData.Layout.LONG && options.idColumn() == null && idCol >= 0
                && idMore.isEmpty()) {
            // a till's customers (Name), a bike share's bikes (bike_id): each a series, which --no-id makes one
            notes.add("read a series for each value of column " + Shorten.quoted(cols.get(idCol)) + " (the series' id by "
                    + "its name); --no-id aggregates all the rows as one series");
        }
        List<String> passedOver = roles.passedOver();
        if (!passedOver.isEmpty()) {
            // Date,Num,Amount: a till's document numbers are no series; with --no-id nor are its transactions' types
            boolean numbers = passedOver.stream().anyMatch(ColumnRoles::namesANumbering);
            boolean labels = !passedOver.stream().allMatch(ColumnRoles::namesANumbering);
            notes.add("read no series from column" + (passedOver.size() > 1 ? "s " : " ") + String.join(", ", passedOver)
                    + " (" + (numbers ? "a document's number by its name" : "") + (numbers && labels ? "; " : "")
                    + (labels ? "labels, which name no series with --no-id" : "")
                    + "); --value-column names the value column");
            unreadAll = unreadAll.stream().filter(c -> !passedOver.contains(c)).toList();
        }
        if (!unreadAll.isEmpty()) {
            // a column without a name (the index pandas writes first, R's row names) named by its place
            List<String> shown = unreadAll.stream()
                    .map(c -> c.isBlank() ? "the unnamed column " + (cols.indexOf(c) + 1) : c).toList();
            notes.add(shown.size() == 1 && unreadAll.get(0).isBlank() ? "ignored " + shown.get(0)
                    : "ignored column" + (shown.size() > 1 ? "s " : " ") + String.join(", ", shown));
        }
        if (stacked != null) {
            notes.add(stacked.note());
        }
        if (roles.datedByContent()) {
            notes.add("read column " + Shorten.quoted(cols.get(timeCol)) + " as the time: no column is named as one, "
                    + "and its values are the first that are dates (--time-column names another)");
        }
        series = new SeriesAssembler(name, line -> name + ":" + line, options.missing(), options.frequency())
                .skipBadSeries(!options.strict()).ownFrequencies(ownFrequencies).aggregate(aggregation)
                .season(options.season());
        List<String> covHeader = new ArrayList<>();
        for (int c : covCols) {
            covHeader.add(cols.get(c));
        }
        series.covariates(covHeader);
        List<String> futureHeader = new ArrayList<>();
        for (String f : roles.futureNames()) {
            futureHeader.add(cols.get(roles.lower().get(f.toLowerCase(Locale.ROOT))));
        }
        series.futureCovariates(futureHeader);
        if (layout == SeriesData.Layout.WIDE) {
            for (int i = 0; i < cols.size(); i++) {
                if (i != timeCol && i != yearCol && !keyCols.contains(i)) {
                    wide.add(cols.get(i));
                    series.declare(cols.get(i));
                }
            }
        }
        tf = across != null ? across.format() : options.timeFormat();
        timeName = across == null ? cols.get(timeCol) : !across.calendar() ? "time"
                : across.format().kind() == TimeFormat.Kind.MONTH ? "month" : "quarter";
        valueName = across != null ? "value" : valueCol >= 0 && valueMore.isEmpty() ? cols.get(valueCol)
                : layout != SeriesData.Layout.WIDE && valueCol < 0 ? "rows" : null;
        unreadAt = layout == SeriesData.Layout.SINGLE ? unreadAll.stream().mapToInt(cols::indexOf).toArray()
                : new int[0];
        unreadFirst = new String[unreadAt.length];
        unreadVaries = new boolean[unreadAt.length];
    }

    /** Reads one record, on line {@code line}. */
    private void row(CSVRecord r, int line) {
        if (r.size() == 1 && r.get(0).isEmpty()) {
            return;
        }
        unreadValues(r);
        if (footer != null && !belowTheTable(r, line)) {
            return;
        }
        if (rows == 0) {
            firstRow(r);
        }
        if (across != null) {
            String notARow = across.notARow(r, line, cols, name, rows);
            if (notARow != null) {
                // Average or Source: ... below a calendar's grid: text below the table while no row follows it
                footer = new TableRows.Footer(notARow, line, r);
                return;
            }
            rows++;
            across.addRow(r, line, cols, series, numbers, name);
            return;
        }
        boolean footerable = tf != null && (layout == SeriesData.Layout.SINGLE || layout == SeriesData.Layout.WIDE);
        String width = r.size() == cols.size() ? null : widthProblem(r, cols.size(), name, line);
        if (width != null) {
            // in a long file too: a line of another width below the rows, with no digit where the time would be
            // (a truncated row keeps its time), ends the table
            if (tf == null || rows == 0 || !(footerable ? footerLike(r, timeCol) : noTime(r, timeCol))) {
                throw new DataException(width);
            }
            footer = new TableRows.Footer(width, line, r);
            return;
        }
        if ((++rows & ((1 << 20) - 1)) == 0) {
            progress.accept(rows);
        }
        if (layout == SeriesData.Layout.LONG && tf != null && rows > 1 && idCol >= 0 && r.get(idCol).isBlank()
                && TableRows.noTime(r, timeCol)) {
            // TOTAL,,,,"123,456.00" below a long file's rows (an accounting export's total): no series' row, left
            // out while no row follows it
            rows--;
            footer = new TableRows.Footer(TableRows.emptyId(name, line, cols.get(idCol)), line, r);
            return;
        }
        String id = layout == SeriesData.Layout.WIDE ? null : id(r, line);
        String ts = timeField(r, timeCol, yearCol, cols);
        if (ts.isEmpty() && rows == 1 && layout != SeriesData.Layout.LONG && unitsRow(r, timeCol, yearCol, keyCols)) {
            // date,sales,visits over ,USD,count: the units of the columns, as statistics exports name them
            rows--;
            notes.add("left out line " + line + " under the header: a row of units, no time (" + Shorten.quoted(
                    String.join(",", r)) + ")");
            return;
        }
        if (ts.isEmpty()) {
            // in a wide file the row's time is every series'; in a long one it is one series' problem
            notARowOrRejected(new DataException(emptyTime(name, line, timeName)), footerable, r, line, id);
            return;
        }
        if (tf == null) {
            tf = timeFormat(ts, line);
        }
        long key;
        try {
            key = tf.parse(ts);
        } catch (DateTimeParseException | NumberFormatException e) {
            notARowOrRejected(new DataException(notATime(name, line, timeName, ts, tf)), footerable, r, line, id);
            return;
        }
        if (layout == SeriesData.Layout.WIDE) {
            wideRow(r, key, line);
        } else {
            seriesRow(r, id, key, line);
        }
    }

    /**
     * Notes whether the value of each column no role took in a single series' file changes from row to row: where a
     * time then repeats, such a column may name the series ({@link #unnamedSeries}).
     */
    private void unreadValues(CSVRecord r) {
        for (int j = 0; j < unreadAt.length; j++) {
            if (unreadAt[j] >= 0 && unreadAt[j] < r.size() && !unreadVaries[j]) {
                String v = r.get(unreadAt[j]);
                unreadFirst[j] = unreadFirst[j] == null ? v : unreadFirst[j];
                unreadVaries[j] = !v.equals(unreadFirst[j]);
            }
        }
    }

    /** A row of a wide file at time {@code key}: a value of every series (column); a bad one that series' problem. */
    private void wideRow(CSVRecord r, long key, int line) {
        for (int i = 0, k = 0; i < cols.size(); i++) {
            if (i != timeCol && i != yearCol && !keyCols.contains(i)) {
                String column = wide.get(k++);
                try {
                    series.add(column, key, numbers.value(r.get(i), name, line, cols.get(i)), line);
                } catch (NumberFields.BadNumber e) {
                    series.reject(column, e);
                }
            }
        }
    }

    /**
     * A row of series {@code id} (a long file's, or a single series') at time {@code key}: its value and covariates;
     * a bad one the series' problem.
     */
    private void seriesRow(CSVRecord r, String id, long key, int line) {
        if (!valueMore.isEmpty()) {
            measuresRow(r, id, key, line);
            return;
        }
        try {
            double[] covs = null;
            if (covCols.length > 0) {
                covs = new double[covCols.length];
                for (int j = 0; j < covCols.length; j++) {
                    covs[j] = numbers.value(r.get(covCols[j]), name, line, cols.get(covCols[j]));
                }
            }
            // counted rows without a value column: each row counts once
            double v = valueCol < 0 ? 1 : numbers.value(r.get(valueCol), name, line, valueName);
            series.add(id, key, v, covs, line);
        } catch (NumberFields.BadNumber e) {
            series.reject(id, e);
        }
    }

    /**
     * A row of a long file of several measures ({@code Country,Year,Debt,Income}) at time {@code key}: a value of
     * each measure's series of {@code id} ({@code Australia / Debt}), or of a single series' file, of each measure's;
     * a bad one that series' problem. Covariates, which would be every measure's, are refused with the measures.
     */
    private void measuresRow(CSVRecord r, String id, long key, int line) {
        if (covCols.length > 0) {
            throw new DataException(name + ": covariates are read beside one value column, not several");
        }
        for (int k = -1; k < valueMore.size(); k++) {
            int c = k < 0 ? valueCol : valueMore.get(k);
            String measure = idCol >= 0 ? id + SeriesData.ID_JOIN + cols.get(c) : cols.get(c);
            try {
                series.add(measure, key, numbers.value(r.get(c), name, line, cols.get(c)), null, line);
            } catch (NumberFields.BadNumber e) {
                series.reject(measure, e);
            }
        }
    }

    /**
     * A line below lines that were not rows of the table: another such line (false), or a row, which makes the first
     * of them an error after all, unless they were all totals' lines (a pivot table's subtotals), which are then left
     * out and the row read (true).
     */
    private boolean belowTheTable(CSVRecord r, int line) {
        boolean aRow;
        if (across != null) {
            aRow = across.readsAsRow(r, line, cols, name);
        } else {
            String ts = r.size() <= Math.max(timeCol, yearCol) ? "" : timeField(r, timeCol, yearCol, cols);
            aRow = notARow(r, cols.size(), tf, ts, timeName, name, line) == null;
        }
        if (aRow && footer.totals) {
            // North Total,,33 between the regions' rows: a pivot table's subtotals, left out with a note
            firstTotals = firstTotals == null ? footer : firstTotals;
            totalLines += footer.lines;
            footer = null;
            return true;
        }
        if (aRow || ++footer.lines > MOST_FOOTER_LINES) {
            throw new DataException(footer.why);
        }
        footer.totals &= TableRows.totalLine(r);
        return false;
    }

    /**
     * The first row of a wide file, which may show another layout: a header that counts steps over a first column
     * that holds no times ({@code V1,V2,...} over {@code Y1,5172.1,...}) is of series in rows, and of two series
     * columns one that holds names ({@code store,date,units}) names the series of a long file.
     */
    private void firstRow(CSVRecord r) {
        if (across == null && tf == null && layout == SeriesData.Layout.WIDE && timeCol < r.size()
                && TimeFormatDetection.detect(r.get(timeCol), sample) == null && SeriesInRows.stepsAcross(cols) != null) {
            // V1,V2,... over Y1,5172.1,...: the first column names series, the header counts steps
            across = SeriesInRows.stepsAcross(cols);
            SeriesInRows down = across.periodsDown(cols, r.get(0));
            across = down != null ? down : across;
            tf = across.format();
            layout = SeriesData.Layout.ROWS;
            idCol = 0;
            timeName = down == null ? "time" : down.format().kind() == TimeFormat.Kind.MONTH ? "month" : "quarter";
            valueName = "value";
            forgetWide();
        }
        if (across == null && layout == SeriesData.Layout.WIDE && r.size() == cols.size()) {
            // store,date,units: of a wide file's two series columns one holds names, not numbers: it names the
            // series of a long file, and the other is their value
            int names = -1;
            int other = -1;
            int columns = 0;
            for (int i = 0; i < cols.size(); i++) {
                if (i != timeCol && i != yearCol && !keyCols.contains(i)) {
                    columns++;
                    String v = r.get(i).trim();
                    if (isName(v)) {
                        names = names < 0 ? i : Integer.MAX_VALUE;
                    } else {
                        other = i;
                    }
                }
            }
            for (int i = 0; i < cols.size(); i++) {
                if (i != timeCol && i != yearCol && !keyCols.contains(i)) {
                    (numbers.readsAsValue(r.get(i).trim()) ? firstValues : firstLabels).add(cols.get(i));
                }
            }
            if (columns == 2 && names >= 0 && names != Integer.MAX_VALUE) {
                forgetWide();
                layout = SeriesData.Layout.LONG;
                idCol = names;
                valueCol = other;
                valueName = cols.get(other);
                notes.add(0, "read column " + Shorten.quoted(cols.get(names)) + " as the series' id (its values are "
                        + "names, not numbers) and " + Shorten.quoted(cols.get(other)) + " as their values");
            }
        }
    }

    /** Forgets the series a wide reading declared, once the first row showed another layout. */
    private void forgetWide() {
        for (String c : wide) {
            series.forget(c);
        }
        wide.clear();
    }

    /** The series' id of a row of a long or single-series file: its id column's, or its columns' joined. */
    private String id(CSVRecord r, int line) {
        String id = idCol >= 0 ? r.get(idCol) : "series";
        if (idCol >= 0 && id.isEmpty()) {
            throw new DataException(TableRows.emptyId(name, line, cols.get(idCol)));
        }
        for (int c : idMore) {
            String part = r.get(c);
            if (part.isEmpty()) {
                throw new DataException(name + ":" + line + ": column " + Shorten.quoted(cols.get(c))
                        + " (a part of the series id) is empty");
            }
            id = id + SeriesData.ID_JOIN + part;
        }
        return id;
    }

    /**
     * A row whose time is empty or no time: text below the table where it reads as such (not the first row), else
     * the problem of the row's series ({@code id}), or of the file where the row's time is every series' (a wide
     * file, {@code id} null).
     */
    private void notARowOrRejected(DataException problem, boolean footerable, CSVRecord r, int line, String id) {
        if (rows > 1 && (footerable && footerLike(r, timeCol) || noTime(r, timeCol) && TableRows.totalLine(r))) {
            rows--;
            footer = new TableRows.Footer(problem.getMessage(), line, r);
            return;
        }
        if (id == null) {
            throw problem;
        }
        series.reject(id, problem);
    }

    /** The format of the times, found from the first row's time {@code ts} and the first rows' text. */
    private TimeFormat timeFormat(String ts, int line) {
        TimeFormat found = TimeFormatDetection.detect(ts, sample);
        TimeFormat years = (found == null || found.isSteps()) && timeCol == 0 && yearCol < 0
                ? TimeFormatDetection.decimalYears(ts, numbersFirst(sample)) : null;
        if (years != null) {
            // R's time() of a ts: 1949, 1949.08333333333, ...
            found = years;
        }
        TimeFormat serial = found != null && found.isSteps() ? TimeFormatDetection.spreadsheetDays(timeName, ts) : null;
        if (serial != null) {
            // date,sales over 45292,...: dates whose cells lost their format
            found = serial;
        }
        if (found == null) {
            throw new DataException(name + ":" + line + ": column " + Shorten.quoted(timeName)
                    + ": cannot recognise the time " + Shorten.quoted(ts) + "; give its pattern ("
                    + TimeFormatDetection.hint(ts) + ")", DataException.Remedy.TIME_FORMAT);
        }
        if (found.note() != null) {
            notes.add(found.note());
        }
        return found;
    }

    /** The series read, with the reading's notes, once every row is read. */
    private SeriesData finish() {
        if (rows == 0) {
            throw new DataException(name + ": the file has a header but no data rows");
        }
        for (String note : new String[]{numbers.formattedNote(), numbers.flaggedNote(), numbers.boundNote()}) {
            if (note != null) {
                notes.add(note);
            }
        }
        if (totalLines > 0) {
            notes.add("left out " + (totalLines == 1 ? "line " + firstTotals.line + ", a total" : totalLines
                    + " lines of totals from line " + firstTotals.line) + " within the table ("
                    + Shorten.quoted(firstTotals.text) + "), as a pivot table writes its subtotals");
        }
        if (footer != null) {
            notes.add(footer.note());
        }
        if (layout == SeriesData.Layout.ROWS && across.down()) {
            notes.add(0, "read the " + timeName + "s down column " + Shorten.quoted(cols.get(0)) + " and the years across "
                    + "the header (" + Shorten.quoted(cols.get(1)) + " to " + Shorten.quoted(cols.get(cols.size() - 1))
                    + ") as one " + (timeName.equals("month") ? "monthly" : "quarterly") + " series");
        } else if (layout == SeriesData.Layout.ROWS && across.calendar()) {
            notes.add(0, "read each row's " + Shorten.quoted(cols.get(across.yearAt())) + " and the " + timeName
                    + "s across the header (" + Shorten.quoted(cols.get(across.lead())) + " to "
                    + Shorten.quoted(cols.get(across.until() - 1)) + ") as " + (across.naming() == 0 ? "one "
                    + (timeName.equals("month") ? "monthly" : "quarterly") + " series" : "a " + timeName + " of the series "
                    + "the other leading columns name") + (across.until() < cols.size() ? "; column"
                    + (cols.size() - across.until() > 1 ? "s " : " ") + String.join(", ", cols.subList(across.until(),
                    cols.size())) + " not read" : ""));
        } else if (layout == SeriesData.Layout.ROWS) {
            String naming = across.naming() > 1 ? ", named by its first " + across.naming() + " columns"
                    : across.lead() > 1 ? ", named by its " + Shorten.quoted(cols.get(0)) + " (columns "
                    + String.join(", ", cols.subList(1, across.lead())) + " unread)" : "";
            notes.add(0, "read one series per row" + naming + ", the times across the header ("
                    + Shorten.quoted(cols.get(across.lead())) + " to " + Shorten.quoted(cols.get(cols.size() - 1)) + ")");
        }
        // an id taken by its name each of whose values is on one row (order_id): most likely rows' keys
        boolean rowKey = layout == SeriesData.Layout.LONG && options.idColumn() == null && idMore.isEmpty()
                && rows >= FEWEST_ROWS_OF_A_ROW_KEY && series.size() == rows;
        try {
            List<String> idNames = new ArrayList<>();
            if (idCol >= 0) {
                idNames.add(cols.get(idCol));
            }
            for (int c : idMore) {
                idNames.add(cols.get(c));
            }
            if (!valueMore.isEmpty()) {
                idNames.add(SeriesData.MEASURE);
            }
            String idName = !idNames.isEmpty() ? SeriesData.idName(idNames)
                    : stacked != null && layout == SeriesData.Layout.WIDE ? stacked.idName() : null;
            // a calendar's grid of one series (Year,Jan,...,Dec) is a single series' file
            SeriesData.Layout read0 = across != null && across.calendar() && across.naming() == 0
                    ? SeriesData.Layout.SINGLE : layout;
            SeriesData read = series.finish(read0, across != null ? across.idName(cols) : idName, timeName, valueName,
                    tf, notes);
            if (rowKey) {
                throw new RowKey(cols.get(idCol), read, null);
            }
            return read;
        } catch (DataException e) {
            if (rowKey) {
                throw new RowKey(cols.get(idCol), null, e);
            }
            throw unnamedSeries(e);
        }
    }

    /**
     * The problem {@code e} of the series as read, or where one series repeats its times and has a column left unread,
     * an {@link UnnamedSeries} that names the column that most likely names the series (of the columns whose values
     * change first, in the file's order, then the others; a column named as a part of a time, as day beside year,
     * names no series).
     */
    private DataException unnamedSeries(DataException e) {
        if (options.noId()) {
            // --no-id: the rows are one series, or the wide file's columns are its series; none is named by a column
            return e;
        }
        List<String> byChange = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < unreadAt.length; j++) {
                if (unreadVaries[j] == (pass == 0)) {
                    byChange.add(unreadAll.get(j));
                }
            }
        }
        String first = !byChange.isEmpty() ? byChange.get(0) : unreadAll.isEmpty() ? null : unreadAll.get(0);
        if (layout == SeriesData.Layout.WIDE && stacked == null && options.idColumn() == null
                && options.valueColumn() == null && e.remedy() == null && e.getMessage().contains("; their times repeat: ")
                && !firstValues.isEmpty() && firstLabels.size() + firstValues.size() >= 2) {
            // Country,Year,Debt,Income: every column repeats its times, so the file is long, of series named by
            // some of its columns (the labels first), each of its other columns a measure of every series
            List<String> candidates = new ArrayList<>(firstLabels);
            candidates.addAll(firstValues);
            return new UnnamedSeries(e, candidates, firstValues, yearCol < 0 ? cols.get(timeCol) : null);
        }
        if (layout == SeriesData.Layout.SINGLE && first != null && !ColumnRoles.namesATime(first)
                && e.getMessage().contains(": duplicate time in series ") && e.remedy() == null) {
            return new UnnamedSeries(e.getMessage(), e.getMessage() + "; if column " + Shorten.quoted(first)
                    + " names the series, give the id column", byChange.isEmpty() ? unreadAll : byChange);
        }
        return e;
    }

    /**
     * A file read as one series whose times repeat, with a column left unread that most likely names the series
     * ({@code store,date,sales}).
     */
    static final class UnnamedSeries extends DataException {
        private static final long serialVersionUID = 1L;
        /** The columns left unread, in the file's order; of a wide file, its labels' columns, then its values'. */
        private final List<String> columns;

        /** The problem without the hint that a column names the series. */
        private final String base;
        /** Of a wide file whose columns all repeat their times, the columns of values (numbers); else empty. */
        private final List<String> values;
        /** Of a wide file, the problem as read, thrown where no reading as a long file serves; else null. */
        private final DataException wide;
        /** Of a wide file, its time column (null for a year and a period in two columns, found by their names). */
        private final String timeColumn;

        UnnamedSeries(String base, String message, List<String> columns) {
            super(message, Remedy.ID_COLUMN);
            this.base = base;
            this.columns = List.copyOf(columns);
            this.values = List.of();
            this.wide = null;
            this.timeColumn = null;
        }

        /** A wide file's problem {@code wide}: every column repeats its times. */
        UnnamedSeries(DataException wide, List<String> columns, List<String> values, String timeColumn) {
            super(wide.getMessage(), wide.remedy());
            this.base = wide.getMessage();
            this.columns = List.copyOf(columns);
            this.values = List.copyOf(values);
            this.wide = wide;
            this.timeColumn = timeColumn;
        }

        /** Of a wide file, its time column (null for a year and a period in two columns, found by their names). */
        String timeColumn() {
            return timeColumn;
        }

        /** The columns left unread, in the file's order. */
        List<String> columns() {
            return columns;
        }

        /** Of a wide file whose columns all repeat their times, the columns of values (numbers); else empty. */
        List<String> values() {
            return values;
        }

        /** Of a wide file, the problem as read; else null. */
        DataException wide() {
            return wide;
        }

        /** The problem without the hint that a column names the series. */
        String base() {
            return base;
        }
    }

    /**
     * A file whose id column, taken by its name, has each of its values on one row only ({@code order_id}): what
     * its first reading made of it, or the problem that reading met.
     */
    static final class RowKey extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** The column, as the header names it. */
        private final String column;
        /** The first reading, or null where it failed. */
        private final transient SeriesData first;
        /** The first reading's problem, or null where it succeeded. */
        private final DataException problem;

        RowKey(String column, SeriesData first, DataException problem) {
            super(null, null, false, false);
            this.column = column;
            this.first = first;
            this.problem = problem;
        }

        /** The column, as the header names it. */
        String column() {
            return column;
        }

        /** The first reading, or its problem thrown. */
        SeriesData first() {
            if (problem != null) {
                throw problem;
            }
            return first;
        }
    }
}
