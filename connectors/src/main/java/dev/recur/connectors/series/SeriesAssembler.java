package dev.recur.connectors.series;

import dev.recur.engine.io.Shorten;
import dev.recur.connectors.DataException;
import dev.recur.connectors.MissingPolicy;
import dev.recur.engine.forecast.Frequency;
import dev.recur.engine.forecast.MissingValues;
import dev.recur.engine.forecast.TimeSeries;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns rows of {@code (series id, time, value)} from any source into regular {@link TimeSeries}: sorts
 * each series by time, refuses duplicate times, infers the frequency, fills or drops gaps and missing
 * values by the {@link MissingPolicy}, and records what it did. Used by the CSV and JDBC readers; their
 * messages locate rows through a {@link Locator} ({@code file:line} or {@code query row N}).
 *
 * <p>A problem of one series (a value that is not a number, two rows at the same time, a time off the
 * frequency's grid, no values at all) stops the reading with a {@link DataException}, or, with
 * {@link #skipBadSeries}, leaves that series out and lists it in {@link SeriesData#skipped()}: one bad series of
 * a panel is reported, not fatal to the others. When every series is bad the reading fails all the same. A
 * problem of the whole source (a frequency that cannot be inferred, missing values under the
 * {@link MissingPolicy#ERROR} policy) always stops it.
 */
public final class SeriesAssembler {

    /** Longest gap filled, in steps; a longer one is almost surely a wrong frequency. */
    private static final int MAX_GAP = 1_000_000;

    /** Names a row in messages. */
    @FunctionalInterface
    public interface Locator {
        /** E.g. {@code sales.csv:12} or {@code query row 12}. */
        String at(int row);

        /**
         * The row within a message that names its series already: {@code line 12} or {@code row 12} by default (from
         * {@link #at}), or what else tells a user where it is (the Spark job's rows name their time).
         */
        default String within(int row) {
            return at(row).replaceFirst(".*:(\\d+)$", "line $1").replaceFirst("^.* row ", "row ");
        }
    }

    private final String source;
    private final Locator locator;
    private final MissingPolicy missing;
    private final Frequency frequency;
    private final Map<String, Acc> series = new LinkedHashMap<>();
    private Acc last;
    private boolean skipBadSeries;
    private boolean ownFrequencies;
    private Aggregation aggregation;
    private int season;
    private List<String> covariates = List.of();
    private List<String> futureCovariates = List.of();

    /**
     * Creates an assembler.
     *
     * @param source    names the whole source in messages without a row, e.g. the file name
     * @param frequency the frequency, or null to infer it
     */
    public SeriesAssembler(String source, Locator locator, MissingPolicy missing, Frequency frequency) {
        this.source = source;
        this.locator = locator;
        this.missing = missing;
        this.frequency = frequency;
    }

    /**
     * Whether a series with a problem of its own is left out and listed in {@link SeriesData#skipped()} instead of
     * stopping the reading (by default it stops it).
     *
     * @return this assembler
     */
    public SeriesAssembler skipBadSeries(boolean skip) {
        this.skipBadSeries = skip;
        return this;
    }

    /**
     * Whether a series whose times are regular at another frequency than the data's (a quarterly series in a file of
     * monthly ones, which leaves a gap between every two values, or a monthly one in a file of quarterly ones, whose
     * times do not fit the data's) is read at its own frequency, {@link TimeSeries#frequency()}, instead of being a
     * problem of that series (by default it is one). The data's frequency stays that of its first series; a note
     * says which series have another.
     *
     * @return this assembler
     */
    public SeriesAssembler ownFrequencies(boolean own) {
        this.ownFrequencies = own;
        return this;
    }

    /**
     * The season of the series at the data's frequency (a command's {@code --season}), at which the gaps of a seasonal
     * series are filled with its season's pattern ({@link MissingPolicy#INTERPOLATE}, {@link MissingValues#filled});
     * 0 (the default) for the frequency's usual season, none for integer steps. A series read at a frequency of its
     * own ({@link #ownFrequencies}) is filled at that frequency's usual season.
     *
     * @return this assembler
     */
    public SeriesAssembler season(int m) {
        this.season = checkedSeason(m);
        return this;
    }

    /**
     * A season for the fill as the readers take it ({@link #season}, {@code CsvOptions.withSeason},
     * {@code JdbcSeriesReader.withSeason}): positive, or 0 for the frequency's usual one.
     *
     * @return {@code m}
     * @throws IllegalArgumentException when it is negative
     */
    public static int checkedSeason(int m) {
        if (m < 0) {
            throw new IllegalArgumentException("the season must be positive (0 for the frequency's own): " + m);
        }
        return m;
    }

    /**
     * How the rows of a series in one period are made its value ({@link Aggregation}), or null (by default) for one
     * row per time, a second being a duplicate-time error. The periods are those of the frequency given to the
     * constructor, or without one the times themselves (rows at one time combined); a note says what was done.
     *
     * @return this assembler
     */
    public SeriesAssembler aggregate(Aggregation how) {
        this.aggregation = how;
        return this;
    }

    /**
     * Marks a series as unreadable: with {@link #skipBadSeries} it is left out (its first problem is the reason
     * given, and its later rows are ignored); otherwise {@code problem} is thrown.
     *
     * @param id      the series
     * @param problem what is wrong with it, naming the source and row
     */
    public void reject(String id, DataException problem) {
        if (!skipBadSeries) {
            throw problem;
        }
        Acc a = acc(id);
        if (a.problem == null) {
            a.problem = problem;
            a.release();
        }
    }

    /** Names the past covariates that {@link #add(String, long, double, double[], int)} carries (before any row). */
    public void covariates(List<String> names) {
        this.covariates = List.copyOf(names);
    }

    /**
     * Names the covariates among {@link #covariates(List)} whose values are known ahead: rows at the end of a
     * series with an empty value and these covariates filled are its future rows, not missing values.
     */
    public void futureCovariates(List<String> names) {
        this.futureCovariates = List.copyOf(names);
    }

    /**
     * The columns a reader reads as covariates: the past covariates, then the known-future ones that are not
     * already among them (names compared case-insensitively). Either list may be null.
     */
    public static List<String> covariateColumns(List<String> covariates, List<String> futureCovariates) {
        List<String> all = new java.util.ArrayList<>(covariates == null ? List.of() : covariates);
        for (String f : futureCovariates == null ? List.<String>of() : futureCovariates) {
            if (all.stream().noneMatch(c -> c.equalsIgnoreCase(f))) {
                all.add(f);
            }
        }
        return all;
    }

    /** Makes sure a series exists (keeps the column order of wide files). */
    public void declare(String id) {
        series.computeIfAbsent(id, k -> new Acc(k, covariates.size()));
    }

    /**
     * Forgets a series declared before any row was added to it (the series of a layout that the first row showed
     * to be another).
     */
    public void forget(String id) {
        Acc a = series.get(id);
        if (a != null && a.n == 0 && a.problem == null) {
            series.remove(id);
            if (last == a) {
                last = null;
            }
        }
    }

    /** Adds a row; {@code value} NaN is a missing value. */
    public void add(String id, long key, double value, int row) {
        add(id, key, value, null, row);
    }

    /** Adds a row with its covariate values (NaN missing), in the order of {@link #covariates(List)}. */
    public void add(String id, long key, double value, double[] covs, int row) {
        Acc a = acc(id);
        if (a.problem == null) {
            a.add(key, value, covs, row);
        }
    }

    private Acc acc(String id) {
        Acc a = last != null && last.id.equals(id) ? last : series.computeIfAbsent(id, k -> new Acc(k, covariates.size()));
        last = a;
        return a;
    }

    /** Number of series so far. */
    public int size() {
        return series.size();
    }

    /**
     * One series being read, in file order: its values (8 bytes each), and its times and line numbers as
     * arithmetic runs (a regular series in consecutive lines is one run of each, whatever its length).
     */
    private static final class Acc {
        final String id;
        RunLengthLongs t = new RunLengthLongs();
        double[] v = new double[64];
        /** Covariate values, one array per covariate, as long as {@code v}. */
        double[][] cov;
        RunLengthLongs lines = new RunLengthLongs();
        int n;
        /** Why the series cannot be read, or null. */
        DataException problem;

        Acc(String id, int covariates) {
            this.id = id;
            this.cov = new double[covariates][64];
        }

        void add(long time, double value, double[] covs, int ln) {
            if (n == v.length) {
                v = Arrays.copyOf(v, n + (n >> 1));
                for (int j = 0; j < cov.length; j++) {
                    cov[j] = Arrays.copyOf(cov[j], v.length);
                }
            }
            t.add(time);
            v[n] = value;
            for (int j = 0; j < cov.length; j++) {
                cov[j][n] = covs == null ? Double.NaN : covs[j];
            }
            lines.add(ln);
            n++;
        }

        long t(int i) {
            return t.get(i);
        }

        /** Lets go of the values of a series that will be left out. */
        void release() {
            t = new RunLengthLongs();
            v = new double[0];
            cov = null;
            lines = new RunLengthLongs();
            n = 0;
        }

        int line(int i) {
            return (int) lines.get(i);
        }
    }

    /** Assembles the series; {@code notes} receives what was done. */
    public SeriesData finish(SeriesData.Layout layout, String idName, String timeName, String valueName,
                             TimeFormat tf, List<String> notes) {
        return finish(series, layout, idName, timeName, valueName, tf, notes, source);
    }

    private SeriesData finish(Map<String, Acc> accs, SeriesData.Layout layout, String idName, String timeName,
                              String valueName, TimeFormat tf, List<String> notes, String file) {
        if (aggregation != null) {
            if (!futureCovariates.isEmpty()) {
                throw new DataException(file + ": rows cannot be aggregated with future covariates, whose rows after a "
                        + "series' end give the horizon's values; aggregate the file first");
            }
            aggregate(accs.values(), tf, notes);
        }
        // sort each series by time; duplicates are errors
        int unsorted = 0;
        for (Acc a : accs.values()) {
            if (a.problem == null && !a.t.strictlyIncreasing()) {
                long[] t0 = a.t.toArray();
                long[] l0 = a.lines.toArray();
                Integer[] order = new Integer[a.n];
                for (int i = 0; i < a.n; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (x, y) -> Long.compare(t0[x], t0[y]));
                long[] t = new long[a.n];
                double[] v = new double[a.n];
                long[] ln = new long[a.n];
                double[][] cv = new double[a.cov.length][a.n];
                for (int i = 0; i < a.n; i++) {
                    t[i] = t0[order[i]];
                    v[i] = a.v[order[i]];
                    ln[i] = l0[order[i]];
                    for (int j = 0; j < cv.length; j++) {
                        cv[j][i] = a.cov[j][order[i]];
                    }
                }
                a.cov = cv;
                DataException duplicate = null;
                for (int i = 1; i < a.n && duplicate == null; i++) {
                    if (t[i] == t[i - 1]) {
                        duplicate = new DataException(locator.at((int) Math.max(ln[i], ln[i - 1])) + ": duplicate time in series "
                                + Shorten.quoted(a.id) + " (also on " + lineOrRow((int) Math.min(ln[i], ln[i - 1])) + ")");
                    }
                }
                int n = a.n;
                if (duplicate != null && !tf.isSteps() && clockChange(t)) {
                    // local times without an offset repeat an hour when the clocks go back: its rows are averaged
                    if (clockChanges++ == 0) {
                        firstClockChange = Shorten.quoted(a.id) + " at " + describe(firstRepeat(t), tf);
                    }
                    n = averageRepeats(t, v, ln, cv);
                    duplicate = null;
                }
                if (duplicate != null) {
                    reject(a.id, duplicate);
                    continue;
                }
                a.t = RunLengthLongs.of(n == a.n ? t : Arrays.copyOf(t, n));
                a.v = v;
                a.lines = RunLengthLongs.of(n == a.n ? ln : Arrays.copyOf(ln, n));
                a.n = n;
                boolean moved = false;
                for (int i = 0; i < order.length && !moved; i++) {
                    moved = order[i] != i;
                }
                unsorted += moved ? 1 : 0;
            }
        }
        if (unsorted > 0) {
            notes.add("sorted the rows of " + unsorted + " series by time");
        }
        if (clockChanges > 0) {
            notes.add("averaged the two rows of each repeated hour of a change of the clocks (local times without an "
                    + "offset) in " + clockChanges + " series, the first " + firstClockChange);
        }
        List<Acc> readable = new ArrayList<>(accs.size());
        for (Acc a : accs.values()) {
            if (a.problem == null) {
                readable.add(a);
            }
        }
        if (frequency == null) {
            String snapped = snapToMonthStarts(readable, tf);
            if (snapped != null) {
                notes.add(snapped);
            }
        }
        Frequency freq = frequency;
        if (freq != null && !readable.isEmpty() && !freq.monthEnds() && (freq.unit() == Frequency.Unit.MONTH
                || freq.unit() == Frequency.Unit.QUARTER || freq.unit() == Frequency.Unit.YEAR)) {
            // --frequency monthly for month-end dates: the month ends of that frequency
            Frequency seen = inferFrequency(readable, tf);
            if (freq.atMonthEnds().equals(seen)) {
                freq = seen;
            }
        }
        if (freq == null && !readable.isEmpty()) {
            freq = inferFrequency(readable, tf);
            if (freq == null) {
                boolean single = readable.stream().allMatch(x -> x.n < 2);
                throw new DataException(file + ": cannot infer the frequency: " + (single ? "every series has a single time"
                        : "the times are not spaced regularly enough") + "; give the frequency",
                        DataException.Remedy.FREQUENCY);
            }
        }
        List<TimeSeries> out = new ArrayList<>(readable.size());
        MissingPolicy policy = missing;
        // series read at a frequency of their own, by frequency, in the order met
        Map<Frequency, List<String>> others = new LinkedHashMap<>();
        for (Acc a : readable) {
            String column = valueName == null ? a.id : valueName;
            // a series that starts after the first row (a wide file's) is moved up in place by the reading: kept
            // as it is for a reading at its own frequency
            boolean keep = ownFrequencies && a.n > 0 && Double.isNaN(a.v[0]);
            double[] v0 = keep ? a.v.clone() : null;
            double[][] cov0 = keep ? a.cov.clone() : null;
            if (keep) {
                for (int j = 0; j < cov0.length; j++) {
                    cov0[j] = cov0[j].clone();
                }
            }
            try {
                out.add(regularise(a, freq, season > 0 ? season : usualSeason(freq), tf, policy, notes, file, column));
            } catch (SeriesProblem e) {
                if (keep) {
                    a.v = v0;
                    a.cov = cov0;
                }
                TimeSeries own = ownFrequencies ? atOwnFrequency(a, freq, tf, policy, notes, file, column) : null;
                if (own == null) {
                    reject(a.id, e);
                } else {
                    out.add(own);
                    others.computeIfAbsent(own.frequency(), k -> new ArrayList<>()).add(a.id);
                }
            }
        }
        if (!others.isEmpty()) {
            notes.add(ownFrequencyNote(others, freq));
        }
        List<SeriesData.Skipped> skipped = new ArrayList<>();
        DataException first = null;
        DataException repeated = null;
        for (Acc a : accs.values()) {
            if (a.problem != null) {
                skipped.add(new SeriesData.Skipped(a.id, a.problem.getMessage()));
                first = first == null ? a.problem : first;
                if (repeated == null && a.problem.remedy() == null
                        && a.problem.getMessage().contains(": duplicate time in series ")) {
                    repeated = a.problem;
                }
            }
        }
        if (out.isEmpty() && first != null) {
            if (accs.size() == 1) {
                throw first;
            }
            if (repeated != null) {
                // columns of a table whose times repeat (rows of transactions): the file's problem, said so that a
                // front end can say how a time's rows are combined
                throw new DataException(file + ": none of the " + accs.size() + " series could be read; their times "
                        + "repeat: " + repeated.getMessage());
            }
            throw new DataException(file + ": none of the " + accs.size() + " series could be read; the first: "
                    + first.getMessage(), first.remedy());
        }
        return new SeriesData(out, layout, idName, timeName, valueName, tf, freq, notes, List.copyOf(skipped));
    }

    /** Series whose repeated hours of a clock change were averaged, and the first of them, for the note. */
    private int clockChanges;
    private String firstClockChange;

    /** The longest a repeated stretch of a clock change lasts: an hour, in seconds. */
    private static final long HOUR = 3600;
    /** The least time between two clock changes that repeat an hour: they come once a year. */
    private static final long CLOCK_CHANGES_APART = 150L * 24 * HOUR;

    /**
     * Whether the duplicate times of a series' sorted times (epoch seconds of local times) are the repeated hour of
     * clocks going back, as local times without an offset show it: the series is hourly or finer (its median step),
     * each duplicate time comes exactly twice, the duplicates fall in stretches of less than an hour that begin
     * between midnight and 4 o'clock (when every zone that changes its clocks does), and two such stretches are at
     * least 150 days apart (it happens once a year). Anything else stays a duplicate time.
     */
    static boolean clockChange(long[] t) {
        int n = t.length;
        long[] steps = new long[n];
        int k = 0;
        for (int i = 1; i < n; i++) {
            if (t[i] > t[i - 1]) {
                steps[k++] = t[i] - t[i - 1];
            }
        }
        if (k == 0) {
            return false;
        }
        long[] positive = Arrays.copyOf(steps, k);
        Arrays.sort(positive);
        if (positive[k / 2] > HOUR) {
            return false;
        }
        long stretch = Long.MIN_VALUE;
        for (int i = 1; i < n; i++) {
            if (t[i] != t[i - 1]) {
                continue;
            }
            if (i >= 2 && t[i - 2] == t[i]) {
                return false;   // three rows at one time
            }
            if (stretch == Long.MIN_VALUE || t[i] - stretch >= HOUR) {
                if (stretch != Long.MIN_VALUE && t[i] - stretch < CLOCK_CHANGES_APART) {
                    return false;
                }
                int hour = TimeFormat.toDateTime(t[i]).getHour();
                if (hour >= 4) {
                    return false;
                }
                stretch = t[i];
            }
        }
        return stretch != Long.MIN_VALUE;
    }

    /** The first time that sorted times {@code t} repeat. */
    private static long firstRepeat(long[] t) {
        for (int i = 1; i < t.length; i++) {
            if (t[i] == t[i - 1]) {
                return t[i];
            }
        }
        throw new IllegalArgumentException("no repeated time");
    }

    /**
     * Averages, in place, the values (and covariates) of the rows at one time of sorted times {@code t}, which
     * come at most twice (a missing value is left out of its mean); keeps the earlier line. Returns the rows left.
     */
    private static int averageRepeats(long[] t, double[] v, long[] ln, double[][] cv) {
        int m = 0;
        for (int i = 0; i < t.length; i++) {
            if (m > 0 && t[i] == t[m - 1]) {
                v[m - 1] = meanOfTwo(v[m - 1], v[i]);
                for (double[] c : cv) {
                    c[m - 1] = meanOfTwo(c[m - 1], c[i]);
                }
                ln[m - 1] = Math.min(ln[m - 1], ln[i]);
                continue;
            }
            t[m] = t[i];
            v[m] = v[i];
            ln[m] = ln[i];
            for (double[] c : cv) {
                c[m] = c[i];
            }
            m++;
        }
        return m;
    }

    private static double meanOfTwo(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : (a + b) / 2;
    }

    /**
     * Makes each series one value per period ({@link #aggregate(Aggregation)}): its rows grouped by period, in
     * time order within each, combined; for sums and counts the periods without rows between a series' first and
     * last made 0, and a last period that its rows end within (a month of daily rows that ends on the 12th) left out
     * with a note, since its sum would be only part of one: the forecast starts with that period.
     */
    private void aggregate(Iterable<Acc> accs, TimeFormat tf, List<String> notes) {
        long rowsIn = 0;
        long periods = 0;
        int seriesCount = 0;
        String partial = null;
        int partials = 0;
        for (Acc a : accs) {
            if (a.problem != null || a.n == 0) {
                continue;
            }
            seriesCount++;
            rowsIn += a.n;
            int n = a.n;
            long[] t = a.t.toArray();
            long[] key = new long[n];
            for (int i = 0; i < n; i++) {
                key[i] = periodOf(t[i], tf);
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            // in time order, and so by period, a period's start never decreasing with the time
            Arrays.sort(order, (x, y) -> Long.compare(t[x], t[y]));
            long[] lines = a.lines.toArray();
            long[] k2 = new long[n];
            double[] v2 = new double[n];
            long[] l2 = new long[n];
            double[][] c2 = new double[a.cov.length][n];
            double[] group = new double[n];
            int m = 0;
            for (int i = 0; i < n; ) {
                int j = i;
                long line = Long.MAX_VALUE;
                while (j < n && key[order[j]] == key[order[i]]) {
                    group[j - i] = a.v[order[j]];
                    line = Math.min(line, lines[order[j]]);
                    j++;
                }
                k2[m] = key[order[i]];
                v2[m] = aggregation.combine(group, 0, j - i);
                l2[m] = line;
                for (int c = 0; c < c2.length; c++) {
                    for (int r = i; r < j; r++) {
                        group[r - i] = a.cov[c][order[r]];
                    }
                    c2[c][m] = Aggregation.MEAN.combine(group, 0, j - i);
                }
                m++;
                i = j;
            }
            if (frequency != null && aggregation.emptyIsZero() && !tf.isSteps()) {
                // a period dated by its month end ends the day after
                long end = frequency.monthEnds() ? TimeFormat.toKey(TimeFormat.toDateTime(k2[m - 1]).plusDays(1))
                        : next(k2[m - 1], frequency, tf);
                // the rows end within their last period where what is left of it after the last row is longer than
                // two of their usual spacings (daily rows to the 10th of a month; not transactions to the evening
                // of its last day, nor weekly rows summed per week)
                long spacing = medianSpacing(t, order);
                if (m > 1 && spacing > 0 && end - t[order[n - 1]] > 2 * spacing) {
                    // a sum of part of a period would be taken for a fall: the period is forecast instead
                    partials++;
                    partial = partial != null ? partial : "series " + Shorten.quoted(a.id) + ": rows end "
                            + TimeFormat.toDateTime(t[order[n - 1]]).toLocalDate() + ", in the period from " + tf.format(TimeFormat.toDateTime(k2[m - 1]));
                    m--;
                }
            }
            a.t = RunLengthLongs.of(Arrays.copyOf(k2, m));
            a.v = Arrays.copyOf(v2, Math.max(m, 1));
            a.lines = RunLengthLongs.of(Arrays.copyOf(l2, m));
            for (int c = 0; c < c2.length; c++) {
                c2[c] = Arrays.copyOf(c2[c], Math.max(m, 1));
            }
            a.cov = c2;
            a.n = m;
            periods += m;
        }
        long zeros = 0;
        if (aggregation.emptyIsZero()) {
            List<Acc> readable = new ArrayList<>();
            for (Acc a : accs) {
                if (a.problem == null && a.n > 0) {
                    readable.add(a);
                }
            }
            Frequency grid = frequency != null ? frequency : readable.isEmpty() ? null : inferFrequency(readable, tf);
            for (Acc a : grid == null ? List.<Acc>of() : readable) {
                zeros += fillEmptyPeriods(a, grid, tf);
            }
        }
        String what = aggregation.plural();
        notes.add(String.format(java.util.Locale.ROOT, "aggregated %d rows of %d series into %d %s %s", rowsIn,
                seriesCount, periods, frequency == null ? "" : frequency.toString(), what).replace("  ", " ")
                + (frequency == null ? " (one per time)" : "")
                + (zeros > 0 ? "; " + zeros + " period" + (zeros == 1 ? "" : "s") + " without rows made 0" : ""));
        if (partials > 0) {
            notes.add("left out the last period of " + partials + " series, which their rows end within (" + partial
                    + (partials > 1 ? "; ..." : "") + "): its " + aggregation.name().toLowerCase(java.util.Locale.ROOT)
                    + " would count only part of it, and the forecast starts there");
        }
    }

    /** The median of the positive differences of time keys {@code t} in {@code order}; 0 without any. */
    private static long medianSpacing(long[] t, Integer[] order) {
        long[] d = new long[order.length];
        int k = 0;
        for (int i = 1; i < order.length; i++) {
            long diff = t[order[i]] - t[order[i - 1]];
            if (diff > 0) {
                d[k++] = diff;
            }
        }
        if (k == 0) {
            return 0;
        }
        Arrays.sort(d, 0, k);
        return d[k / 2];
    }

    /** The key of the period of {@link #frequency} that holds time key {@code t} (the time itself without one). */
    private long periodOf(long t, TimeFormat tf) {
        if (frequency == null) {
            return t;
        }
        if (tf.isSteps()) {
            return Aggregation.periodStart(t, frequency.multiple());
        }
        return TimeFormat.toKey(Aggregation.periodStart(TimeFormat.toDateTime(t), frequency));
    }

    /**
     * Adds a 0 for each period of {@code grid} without rows between a series' first and last; none where its times
     * are off the grid or the gaps too long (the reading then says what is wrong, as without aggregation).
     * Returns how many were added.
     */
    private static int fillEmptyPeriods(Acc a, Frequency grid, TimeFormat tf) {
        long[] t = a.t.toArray();
        long[] lines = a.lines.toArray();
        List<Long> keys = new ArrayList<>();
        int added = 0;
        int i = 0;
        long k = t[0];
        while (i < a.n) {
            if (k == t[i]) {
                keys.add(k);
                i++;
            } else if (k < t[i]) {
                keys.add(k);
                added++;
            } else {
                return 0;   // off the grid
            }
            if (added > MAX_GAP) {
                return 0;
            }
            if (i < a.n) {
                k = tf.isSteps() ? k + grid.multiple() : next(k, grid, tf);
            }
        }
        if (added == 0) {
            return 0;
        }
        long[] t2 = new long[keys.size()];
        double[] v2 = new double[keys.size()];
        long[] l2 = new long[keys.size()];
        double[][] c2 = new double[a.cov.length][keys.size()];
        int r = 0;
        for (int j = 0; j < t2.length; j++) {
            t2[j] = keys.get(j);
            boolean real = r < a.n && t[r] == t2[j];
            v2[j] = real ? a.v[r] : 0;
            l2[j] = real ? lines[r] : lines[Math.max(0, r - 1)];
            for (int c = 0; c < c2.length; c++) {
                c2[c][j] = real ? a.cov[c][r] : Double.NaN;
            }
            r += real ? 1 : 0;
        }
        a.t = RunLengthLongs.of(t2);
        a.v = v2;
        a.lines = RunLengthLongs.of(l2);
        a.cov = c2;
        a.n = t2.length;
        return added;
    }

    /** Names a row briefly, as its source does: {@code line 12} in a file, {@code row 12} in a query's result. */
    private String lineOrRow(int row) {
        return locator.within(row);
    }

    /** A problem of one series, which {@link #skipBadSeries} leaves out with the series. */
    private static final class SeriesProblem extends DataException {
        private static final long serialVersionUID = 1L;

        SeriesProblem(String message) {
            super(message);
        }
    }

    /** Whether a frequency counts months (months, quarters, years). */
    private static boolean ofMonths(Frequency f) {
        return f != null && (f.unit() == Frequency.Unit.MONTH || f.unit() == Frequency.Unit.QUARTER
                || f.unit() == Frequency.Unit.YEAR);
    }

    /**
     * Dates a day or two off their months' first days, as R's decimal times turned into dates give them (1960.5, the
     * third quarter, becomes 1960-07-02; 1960 + 1/12 becomes 1960-01-31): where every time is a date within two days
     * of a month's first day, not all of them on one day of the month, fewer than a quarter of them in a month's last
     * two days (month-end data are dated so), and moved to those first days they are regular months, quarters or
     * years in each series, they are moved (the note that says so returned); else the times are left as they are and
     * null returned.
     */
    private static String snapToMonthStarts(List<Acc> readable, TimeFormat tf) {
        if (tf == null || tf.isSteps() || readable.isEmpty()) {
            return null;
        }
        // a first pass that allocates nothing (most files' dates are on one day, or spread over the month)
        int day = -1;
        boolean oneDay = true;
        int late = 0;
        int all = 0;
        java.util.Set<Long> moved = new java.util.HashSet<>();
        String first = null;
        List<LocalDateTime> sample = new ArrayList<>();
        for (Acc a : readable) {
            long previous = Long.MIN_VALUE;
            for (int i = 0; i < a.n; i++) {
                LocalDateTime t = TimeFormat.toDateTime(a.t(i));
                java.time.LocalDate start = monthStart(t);
                if (start == null) {
                    return null;
                }
                java.time.LocalDate d = t.toLocalDate();
                day = day < 0 ? d.getDayOfMonth() : day;
                oneDay &= d.getDayOfMonth() == day;
                late += d.getDayOfMonth() >= d.lengthOfMonth() - 1 ? 1 : 0;
                all++;
                if (!start.equals(d)) {
                    moved.add(a.t(i));
                    first = first != null ? first : d + " to " + start;
                }
                long key = TimeFormat.toKey(start.atStartOfDay());
                if (key <= previous) {
                    return null;
                }
                previous = key;
                if (a.n >= 2 && i < 2000 && sample.size() < 2000) {
                    sample.add(start.atStartOfDay());
                }
            }
        }
        if (moved.isEmpty() || oneDay || 4 * late >= all) {
            return null;   // on the 2nd of every month, or at month ends (as month-end data are dated): as they are
        }
        Frequency f = Frequency.infer(sample);
        if (!ofMonths(f) || f.monthEnds()) {
            return null;
        }
        for (Acc a : readable) {
            long[] s = new long[a.n];
            for (int i = 0; i < a.n; i++) {
                s[i] = TimeFormat.toKey(monthStart(TimeFormat.toDateTime(a.t(i))).atStartOfDay());
            }
            a.t = RunLengthLongs.of(s);
        }
        return "moved " + moved.size() + " dates within two days of a month's first day to it (the first: " + first
                + "), as R's decimal times turned into dates give them: read as " + f;
    }

    /** The first day of the month a date at midnight is within two days of (forward or back), or null. */
    private static java.time.LocalDate monthStart(LocalDateTime t) {
        if (!t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            return null;
        }
        java.time.LocalDate d = t.toLocalDate();
        return d.getDayOfMonth() <= 3 ? d.withDayOfMonth(1)
                : d.getDayOfMonth() >= d.lengthOfMonth() - 1 ? d.plusMonths(1).withDayOfMonth(1) : null;
    }

    private static Frequency inferFrequency(Iterable<Acc> accs, TimeFormat tf) {
        if (tf.isSteps()) {
            Map<Long, Integer> diffs = new HashMap<>();
            for (Acc a : accs) {
                long prev = a.n > 0 ? a.t(0) : 0;
                for (int i = 1; i < a.n; i++) {
                    long cur = a.t(i);
                    diffs.merge(cur - prev, 1, Integer::sum);
                    prev = cur;
                }
            }
            return steps(diffs);
        }
        List<LocalDateTime> sample = new ArrayList<>();
        for (Acc a : accs) {
            if (a.n >= 2) {
                for (int i = 0; i < Math.min(a.n, 2000); i++) {
                    sample.add(TimeFormat.toDateTime(a.t(i)));
                }
                if (sample.size() >= 2000) {
                    break;
                }
            }
        }
        return Frequency.infer(sample);
    }

    /** Integer steps of the most common difference between consecutive steps (the smaller of a tie), or null. */
    private static Frequency steps(Map<Long, Integer> diffs) {
        long best = diffs.entrySet().stream().max(Map.Entry.<Long, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(-1L);
        return best <= 0 ? null : new Frequency(Frequency.Unit.STEP, (int) Math.min(Integer.MAX_VALUE, best));
    }

    /**
     * The frequency of one series' own times from its first value on (at most its first 2,000), as the file's is
     * inferred: a series whose gaps on the file's frequency outnumber its values is checked against it, since a
     * monthly series in a file of daily ones would otherwise be forecast as daily data from its interpolated days.
     */
    private static Frequency ownFrequency(Acc a, int from, TimeFormat tf) {
        int to = Math.min(a.n, from + 2000);
        if (tf.isSteps()) {
            Map<Long, Integer> diffs = new HashMap<>();
            for (int i = from + 1; i < to; i++) {
                diffs.merge(a.t(i) - a.t(i - 1), 1, Integer::sum);
            }
            return steps(diffs);
        }
        List<LocalDateTime> times = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            times.add(TimeFormat.toDateTime(a.t(i)));
        }
        return Frequency.infer(times);
    }

    /**
     * The series at the frequency of its own times, when that is another than {@code file}'s and the series is
     * regular there; null otherwise (its problem at the file's frequency stands).
     */
    private TimeSeries atOwnFrequency(Acc a, Frequency file, TimeFormat tf, MissingPolicy policy, List<String> notes,
                                      String source, String column) {
        if (a.v == null) {
            return null;
        }
        int from = 0;
        while (from < a.n && Double.isNaN(a.v[from])) {
            from++;
        }
        Frequency own = from < a.n - 1 ? ownFrequency(a, from, tf) : null;
        if (own == null || own.equals(file)) {
            return null;
        }
        List<String> ownNotes = new ArrayList<>();
        try {
            TimeSeries s = regularise(a, own, usualSeason(own), tf, policy, ownNotes, source, column);
            notes.addAll(ownNotes);
            return s;
        } catch (SeriesProblem e) {
            return null;
        }
    }

    /**
     * One line naming the series read at their own frequencies: {@code 2 series are quarterly (Q1, Q2) and 1 yearly
     * (Y1), not monthly as the others: each read at its own frequency}.
     */
    private static String ownFrequencyNote(Map<Frequency, List<String>> others, Frequency file) {
        StringBuilder b = new StringBuilder();
        int k = 0;
        int total = 0;
        for (Map.Entry<Frequency, List<String>> e : others.entrySet()) {
            List<String> ids = e.getValue();
            total += ids.size();
            b.append(k == 0 ? "" : k == others.size() - 1 ? " and " : ", ").append(ids.size())
                    .append(k == 0 ? (ids.size() == 1 ? " series is " : " series are ") : " ").append(e.getKey())
                    .append(" (");
            for (int i = 0; i < Math.min(3, ids.size()); i++) {
                b.append(i > 0 ? ", " : "").append(Shorten.quoted(ids.get(i)));
            }
            b.append(ids.size() > 3 ? ", ...)" : ")");
            k++;
        }
        return b + ", not " + file + " as the others: " + (total == 1 ? "read" : "each read")
                + " at its own frequency";
    }

    /** The season at which a series of this frequency is filled when no season is given: none for integer steps. */
    private static int usualSeason(Frequency f) {
        return f.isSteps() ? 1 : f.defaultSeason();
    }

    /**
     * The series at frequency {@code f}, its missing values and gaps filled by the policy ({@code fillSeason}: the
     * season of a seasonal series' fill).
     */
    private TimeSeries regularise(Acc a, Frequency f, int fillSeason, TimeFormat tf, MissingPolicy policy, List<String> notes,
                                  String file, String column) {
        // a series runs from its first value to its last: the empty cells of a wide file's column before a series
        // starts or after it ends (or a long file's rows with no value there) are not missing values to fill
        int firstRow = 0;
        while (firstRow < a.n && Double.isNaN(a.v[firstRow])) {
            firstRow++;
        }
        if (firstRow == a.n) {
            throw new SeriesProblem(file + ": series " + Shorten.quoted(a.id) + " has no values in column " + Shorten.quoted(column));
        }
        // walk the expected grid, inserting NaN for gaps; without gaps the values are used as they are
        double[] v = a.v;
        double[][] cv = a.cov;
        int n = 0;
        int gaps = 0;
        int missing = 0;
        int firstMissingLine = 0;
        java.util.BitSet gapAt = new java.util.BitSet();
        boolean copied = false;
        long prevT = 0;
        for (int i = firstRow; i < a.n; i++) {
            long ti = a.t(i);
            if (i > firstRow) {
                long expected = next(prevT, f, tf);
                int inserted = 0;
                while (expected < ti) {
                    if (++inserted > MAX_GAP) {
                        throw new SeriesProblem(locator.at(a.line(i)) + ": series " + Shorten.quoted(a.id) + " has a gap of more than "
                                + MAX_GAP + " steps before this row; is the frequency (" + f + ") right?");
                    }
                    if (!copied) {
                        v = Arrays.copyOf(a.v, Math.max(16, a.n + (a.n >> 2)));
                        cv = new double[a.cov.length][];
                        for (int j = 0; j < cv.length; j++) {
                            cv[j] = Arrays.copyOf(a.cov[j], v.length);
                        }
                        copied = true;
                    }
                    if (n == v.length) {
                        v = Arrays.copyOf(v, n * 2);
                        for (int j = 0; j < cv.length; j++) {
                            cv[j] = Arrays.copyOf(cv[j], v.length);
                        }
                    }
                    v[n] = Double.NaN;
                    for (double[] c : cv) {
                        c[n] = Double.NaN;
                    }
                    if (missing++ == 0) {
                        firstMissingLine = -a.line(i);
                    }
                    gapAt.set(n);
                    n++;
                    gaps++;
                    expected = next(expected, f, tf);
                }
                if (expected != ti) {
                    throw new SeriesProblem(locator.at(a.line(i)) + ": series " + Shorten.quoted(a.id) + ": the time does not fit the "
                            + f + " frequency of the data (expected " + describe(expected, tf) + ")");
                }
            }
            if (copied && n == v.length) {
                v = Arrays.copyOf(v, n * 2);
                for (int j = 0; j < cv.length; j++) {
                    cv[j] = Arrays.copyOf(cv[j], v.length);
                }
            }
            for (int j = 0; j < cv.length; j++) {
                cv[j][n] = a.cov[j][i];
            }
            double value = a.v[i];
            if (Double.isNaN(value) && missing++ == 0) {
                firstMissingLine = a.line(i);
            }
            v[n] = value;
            n++;
            prevT = ti;
        }
        // known-future covariates: trailing rows without a value but with those covariates are the future
        Map<String, double[]> future = new LinkedHashMap<>();
        if (!futureCovariates.isEmpty()) {
            int[] fj = new int[futureCovariates.size()];
            for (int k = 0; k < fj.length; k++) {
                fj[k] = covariates.indexOf(futureCovariates.get(k));
            }
            int m = n;
            while (m > 0 && Double.isNaN(v[m - 1]) && !gapAt.get(m - 1)) {
                boolean known = true;
                for (int j : fj) {
                    known &= !Double.isNaN(cv[j][m - 1]);
                }
                if (!known) {
                    break;
                }
                m--;
            }
            for (int k = 0; k < fj.length; k++) {
                future.put(futureCovariates.get(k), Arrays.copyOfRange(cv[fj[k]], m, n));
            }
            n = m;
        }
        // the empty rows after the last value, unless known-future rows follow them: those must start right after
        // the series' end, and a missing value before them is a missing value like any other
        boolean futureRows = !future.isEmpty() && future.values().iterator().next().length > 0;
        while (!futureRows && n > 0 && Double.isNaN(v[n - 1])) {
            n--;
        }
        missing = 0;
        gaps = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(v[i])) {
                missing++;
                gaps += gapAt.get(i) ? 1 : 0;
            }
        }
        double[] values = v.length == n ? v : Arrays.copyOf(v, n);
        double[][] covValues = new double[cv.length][];
        for (int j = 0; j < cv.length; j++) {
            covValues[j] = Arrays.copyOf(cv[j], n);
        }
        if (gaps > n - gaps) {
            Frequency own = ownFrequency(a, firstRow, tf);
            if (own != null && !own.equals(f)) {
                throw new SeriesProblem(locator.at(a.line(firstRow)) + ": series " + Shorten.quoted(a.id)
                        + " is spaced as " + own + " data, not at the data's " + f + " frequency; it would be forecast "
                        + "from " + gaps + " filled gap steps among its " + (n - gaps) + " values: forecast it separately");
            }
        }
        a.v = null;   // the series' values now live in v alone
        a.cov = null;
        long startKey = a.t(firstRow);
        if (missing > 0) {
            String what = (missing - gaps > 0 ? (missing - gaps) + " missing value" + (missing - gaps > 1 ? "s" : "") : "")
                    + (missing - gaps > 0 && gaps > 0 ? " and " : "") + (gaps > 0 ? gaps + " gap step" + (gaps > 1 ? "s" : "") : "");
            int ln = firstMissingLine;
            String where = ln >= 0 ? "first on " + lineOrRow(ln) : "first before " + lineOrRow(-ln);
            switch (policy) {
                case ERROR:
                    throw new DataException(locator.at(Math.abs(ln)) + ": series " + Shorten.quoted(a.id) + " has " + what + " (" + where
                            + "); choose how to fill missing values: interpolate, ffill or drop", DataException.Remedy.MISSING);
                case INTERPOLATE: {
                    // a seasonal series' gaps get its season's pattern (R's na.interp), others a straight line
                    MissingValues.Filled filled = MissingValues.filled(values, fillSeason);
                    values = filled.values();
                    notes.add("series " + Shorten.quoted(a.id) + ": interpolated " + what + " (" + where + ")"
                            + (filled.seasonal() ? " with the season's pattern" : ""));
                    break;
                }
                case FORWARD_FILL:
                    forwardFill(values);
                    notes.add("series " + Shorten.quoted(a.id) + ": forward-filled " + what + " (" + where + ")");
                    break;
                default: {
                    double[] kept = new double[n - missing];
                    double[][] keptCov = new double[covValues.length][n - missing];
                    int k = 0;
                    for (int i = 0; i < n; i++) {
                        if (!Double.isNaN(values[i])) {
                            for (int j = 0; j < covValues.length; j++) {
                                keptCov[j][k] = covValues[j][i];
                            }
                            kept[k++] = values[i];
                        }
                    }
                    values = kept;
                    covValues = keptCov;
                    notes.add("series " + Shorten.quoted(a.id) + ": dropped " + what + " (" + where + ")");
                }
            }
        }
        TimeSeries out = f.isSteps() ? TimeSeries.ofSteps(a.id, values, startKey)
                : TimeSeries.ofTimes(a.id, values, TimeFormat.toDateTime(startKey), f);
        if (covariates.isEmpty()) {
            return out;
        }
        Map<String, double[]> covs = new LinkedHashMap<>();
        for (int j = 0; j < covariates.size(); j++) {
            double[] c = covValues[j];
            int nan = 0;
            for (double x : c) {
                if (Double.isNaN(x)) {
                    nan++;
                }
            }
            if (nan == c.length) {
                throw new SeriesProblem(file + ": series " + Shorten.quoted(a.id) + " has no values in covariate column "
                        + Shorten.quoted(covariates.get(j)) + "");
            }
            if (nan > 0) {
                if (policy == MissingPolicy.ERROR) {
                    throw new DataException(file + ": series " + Shorten.quoted(a.id) + " has " + nan + " missing value"
                            + (nan > 1 ? "s" : "") + " in covariate column " + Shorten.quoted(covariates.get(j))
                            + "; choose how to fill missing values: interpolate, ffill or drop", DataException.Remedy.MISSING);
                }
                if (policy == MissingPolicy.FORWARD_FILL) {
                    forwardFill(c);
                } else {
                    // a covariate (a price, a holiday flag) is filled by a straight line, never with a season
                    c = MissingValues.linear(c);
                }
                notes.add("series " + Shorten.quoted(a.id) + ": " + (policy == MissingPolicy.FORWARD_FILL ? "forward-filled " : "interpolated ")
                        + nan + " missing value" + (nan > 1 ? "s" : "") + " of covariate " + Shorten.quoted(covariates.get(j)));
            }
            covs.put(covariates.get(j), c);
        }
        TimeSeries withCovs = out.withCovariates(covs);
        if (future.isEmpty()) {
            return withCovs;
        }
        return withCovs.withFuture(future);
    }

    private static long next(long key, Frequency f, TimeFormat tf) {
        if (f.isSteps()) {
            return key + f.multiple();
        }
        return TimeFormat.toKey(f.add(TimeFormat.toDateTime(key), 1));
    }

    private static String describe(long key, TimeFormat tf) {
        return tf.isSteps() ? Long.toString(key) : tf.format(TimeFormat.toDateTime(key));
    }

    private static void forwardFill(double[] v) {
        double last = Double.NaN;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                last = x;
                break;
            }
        }
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                v[i] = last;
            } else {
                last = v[i];
            }
        }
    }
}
