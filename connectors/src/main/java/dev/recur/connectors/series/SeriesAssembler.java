package dev.recur.connectors.series;

import dev.recur.connectors.DataException;
import dev.recur.connectors.MissingPolicy;
import dev.recur.engine.cleaning.MissingValues;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;

import java.util.ArrayList;
import java.util.Arrays;
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
    private final Map<String, SeriesRows> series = new LinkedHashMap<>();
    private SeriesRows last;
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
        SeriesRows a = acc(id);
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
        series.computeIfAbsent(id, k -> new SeriesRows(k, covariates.size()));
    }

    /**
     * Forgets a series declared before any row was added to it (the series of a layout that the first row showed
     * to be another).
     */
    public void forget(String id) {
        SeriesRows a = series.get(id);
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
        SeriesRows a = acc(id);
        if (a.problem == null) {
            a.add(key, value, covs, row);
        }
    }

    private SeriesRows acc(String id) {
        SeriesRows a = last != null && last.id.equals(id) ? last : series.computeIfAbsent(id, k -> new SeriesRows(k, covariates.size()));
        last = a;
        return a;
    }

    /** Number of series so far. */
    public int size() {
        return series.size();
    }

    /** Assembles the series; {@code notes} receives what was done. */
    public SeriesData finish(SeriesData.Layout layout, String idName, String timeName, String valueName,
                             TimeFormat tf, List<String> notes) {
        if (aggregation != null) {
            if (!futureCovariates.isEmpty()) {
                throw new DataException(source + ": rows cannot be aggregated with future covariates, whose rows after "
                        + "a series' end give the horizon's values; aggregate the file first");
            }
            new PeriodAggregation(aggregation, frequency).aggregate(series.values(), tf, notes);
        }
        // sort each series by time; duplicates are errors
        int unsorted = 0;
        for (SeriesRows a : series.values()) {
            if (a.problem == null && !a.t.strictlyIncreasing()) {
                unsorted += sortByTime(a, tf) ? 1 : 0;
            }
        }
        if (unsorted > 0) {
            notes.add("sorted the rows of " + unsorted + " series by time");
        }
        if (clockChanges > 0) {
            notes.add("averaged the two rows of each repeated hour of a change of the clocks (local times without an "
                    + "offset) in " + clockChanges + " series, the first " + firstClockChange);
        }
        List<SeriesRows> readable = new ArrayList<>(series.size());
        for (SeriesRows a : series.values()) {
            if (a.problem == null) {
                readable.add(a);
            }
        }
        Frequency freq = frequencyOf(readable, tf, notes);
        List<TimeSeries> out = regularised(readable, freq, tf, valueName, notes);
        return new SeriesData(out, layout, idName, timeName, valueName, tf, freq, notes, skipped(out.isEmpty()));
    }

    /**
     * Sorts a series' rows by time, its repeated hour of a clock change averaged; a series with another duplicate
     * time is rejected. Returns whether any row moved.
     */
    private boolean sortByTime(SeriesRows a, TimeFormat tf) {
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
                        + Shorten.quoted(a.id) + " (also on " + locator.within((int) Math.min(ln[i], ln[i - 1])) + ")");
            }
        }
        int n = a.n;
        if (duplicate != null && !tf.isSteps() && ClockChanges.clockChange(t)) {
            // local times without an offset repeat an hour when the clocks go back: its rows are averaged
            if (clockChanges++ == 0) {
                firstClockChange = Shorten.quoted(a.id) + " at " + Frequencies.describe(ClockChanges.firstRepeat(t), tf);
            }
            n = ClockChanges.averageRepeats(t, v, ln, cv);
            duplicate = null;
        }
        if (duplicate != null) {
            reject(a.id, duplicate);
            return false;
        }
        a.t = RunLengthLongs.of(n == a.n ? t : Arrays.copyOf(t, n));
        a.v = v;
        a.lines = RunLengthLongs.of(n == a.n ? ln : Arrays.copyOf(ln, n));
        a.n = n;
        boolean moved = false;
        for (int i = 0; i < order.length && !moved; i++) {
            moved = order[i] != i;
        }
        return moved;
    }

    /**
     * The frequency of the readable series: the one given (at month ends where their dates are), else inferred,
     * R's decimal times snapped to their months' first days first, or month-end business days to their months' last
     * days; null where no series is readable.
     */
    private Frequency frequencyOf(List<SeriesRows> readable, TimeFormat tf, List<String> notes) {
        if (frequency == null) {
            String snapped = Frequencies.snapToMonthStarts(readable, tf);
            if (snapped == null) {
                snapped = Frequencies.snapToMonthEnds(readable, tf);
            }
            if (snapped != null) {
                notes.add(snapped);
            }
        }
        Frequency freq = frequency;
        if (Frequencies.ofMonths(freq) && !readable.isEmpty() && !freq.monthEnds()) {
            // --frequency monthly for month-end dates: the month ends of that frequency
            Frequency seen = Frequencies.infer(readable, tf);
            if (freq.atMonthEnds().equals(seen)) {
                freq = seen;
            }
        }
        if (freq == null && !readable.isEmpty()) {
            freq = Frequencies.infer(readable, tf);
            if (freq == null) {
                boolean single = readable.stream().allMatch(x -> x.n < 2);
                throw new DataException(source + ": cannot infer the frequency: " + (single
                        ? "every series has a single time" : "the times are not spaced regularly enough")
                        + "; give the frequency", DataException.Remedy.FREQUENCY);
            }
        }
        return freq;
    }

    /**
     * The readable series made regular at frequency {@code freq}, or where that fails and {@link #ownFrequencies}
     * allows, at their own; the others rejected.
     */
    private List<TimeSeries> regularised(List<SeriesRows> readable, Frequency freq, TimeFormat tf, String valueName,
                                         List<String> notes) {
        List<TimeSeries> out = new ArrayList<>(readable.size());
        Regularisation grid = new Regularisation(locator, covariates, futureCovariates);
        // series read at a frequency of their own, by frequency, in the order met
        Map<Frequency, List<String>> others = new LinkedHashMap<>();
        for (SeriesRows a : readable) {
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
                out.add(grid.regularise(a, freq, season > 0 ? season : Frequencies.usualSeason(freq), tf, missing,
                        notes, source, column));
            } catch (SeriesProblem e) {
                if (keep) {
                    a.v = v0;
                    a.cov = cov0;
                }
                TimeSeries own = ownFrequencies ? atOwnFrequency(a, freq, tf, missing, notes, source, column) : null;
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
        return out;
    }

    /**
     * The series left out, with their problems; where none is read ({@code none}), the problem of the whole source
     * thrown instead (a single series' own, or the first, or the repeated times of a table of transactions).
     */
    private List<SeriesData.Skipped> skipped(boolean none) {
        List<SeriesData.Skipped> skipped = new ArrayList<>();
        DataException first = null;
        DataException repeated = null;
        for (SeriesRows a : series.values()) {
            if (a.problem != null) {
                skipped.add(new SeriesData.Skipped(a.id, a.problem.getMessage()));
                first = first == null ? a.problem : first;
                if (repeated == null && a.problem.remedy() == null
                        && a.problem.getMessage().contains(": duplicate time in series ")) {
                    repeated = a.problem;
                }
            }
        }
        if (none && first != null) {
            if (series.size() == 1) {
                throw first;
            }
            if (repeated != null) {
                // columns of a table whose times repeat (rows of transactions): the file's problem, said so that a
                // front end can say how a time's rows are combined
                throw new DataException(source + ": none of the " + series.size() + " series could be read; their "
                        + "times repeat: " + repeated.getMessage());
            }
            throw new DataException(source + ": none of the " + series.size() + " series could be read; the first: "
                    + first.getMessage(), first.remedy());
        }
        return List.copyOf(skipped);
    }

    /** Series whose repeated hours of a clock change were averaged, and the first of them, for the note. */
    private int clockChanges;
    private String firstClockChange;

    /**
     * The series at the frequency of its own times, when that is another than {@code file}'s and the series is
     * regular there; null otherwise (its problem at the file's frequency stands).
     */
    private TimeSeries atOwnFrequency(SeriesRows a, Frequency file, TimeFormat tf, MissingPolicy policy, List<String> notes,
                                      String source, String column) {
        if (a.v == null) {
            return null;
        }
        int from = 0;
        while (from < a.n && Double.isNaN(a.v[from])) {
            from++;
        }
        Frequency own = from < a.n - 1 ? Frequencies.ownFrequency(a, from, tf) : null;
        if (own == null || own.equals(file)) {
            return null;
        }
        List<String> ownNotes = new ArrayList<>();
        try {
            TimeSeries s = new Regularisation(locator, covariates, futureCovariates).regularise(a, own,
                    Frequencies.usualSeason(own), tf, policy, ownNotes, source, column);
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

}
