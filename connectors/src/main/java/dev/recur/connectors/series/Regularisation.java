package dev.recur.connectors.series;

import dev.recur.connectors.DataException;
import dev.recur.connectors.MissingPolicy;
import dev.recur.engine.cleaning.MissingValues;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A series' sorted rows made a regular {@link TimeSeries}: its times walked on its frequency's grid, gaps and missing
 * values filled, dropped or refused by the {@link MissingPolicy}, its covariates filled, and the rows after its end
 * that give only known-future covariates taken as the horizon's.
 */
final class Regularisation {

    /** Longest gap filled, in steps; a longer one is almost surely a wrong frequency. */
    static final int MAX_GAP = 1_000_000;

    private final SeriesAssembler.Locator locator;
    private final List<String> covariates;
    private final List<String> futureCovariates;

    /**
     * Regularisation whose messages name rows by {@code locator}, of series with {@code covariates}, of which
     * {@code futureCovariates} are known ahead.
     */
    Regularisation(SeriesAssembler.Locator locator, List<String> covariates, List<String> futureCovariates) {
        this.locator = locator;
        this.covariates = covariates;
        this.futureCovariates = futureCovariates;
    }

    /**
     * The series at frequency {@code f}, its missing values and gaps filled by the policy ({@code fillSeason}: the
     * season of a seasonal series' fill).
     */
    TimeSeries regularise(SeriesRows a, Frequency f, int fillSeason, TimeFormat tf, MissingPolicy policy,
                          List<String> notes, String file, String column) {
        // a series runs from its first value to its last: the empty cells of a wide file's column before a series
        // starts or after it ends (or a long file's rows with no value there) are not missing values to fill
        int firstRow = 0;
        while (firstRow < a.n && Double.isNaN(a.v[firstRow])) {
            firstRow++;
        }
        if (firstRow == a.n) {
            throw new SeriesProblem(file + ": series " + Shorten.quoted(a.id) + " has no values in column "
                    + Shorten.quoted(column));
        }
        Grid g = walk(a, firstRow, f, tf);
        Map<String, double[]> future = futureRows(g);
        // the empty rows after the last value, unless known-future rows follow them: those must start right after
        // the series' end, and a missing value before them is a missing value like any other
        boolean futureRows = !future.isEmpty() && future.values().iterator().next().length > 0;
        while (!futureRows && g.n > 0 && Double.isNaN(g.v[g.n - 1])) {
            g.n--;
        }
        int n = g.n;
        int missing = 0;
        int gaps = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(g.v[i])) {
                missing++;
                gaps += g.gapAt.get(i) ? 1 : 0;
            }
        }
        double[] values = g.v.length == n ? g.v : Arrays.copyOf(g.v, n);
        double[][] covValues = new double[g.cv.length][];
        for (int j = 0; j < g.cv.length; j++) {
            covValues[j] = Arrays.copyOf(g.cv[j], n);
        }
        if (gaps > n - gaps) {
            Frequency own = Frequencies.ownFrequency(a, firstRow, tf);
            if (own != null && !own.equals(f)) {
                throw new SeriesProblem(locator.at(a.line(firstRow)) + ": series " + Shorten.quoted(a.id)
                        + " is spaced as " + own + " data, not at the data's " + f + " frequency; it would be forecast "
                        + "from " + gaps + " filled gap steps among its " + (n - gaps) + " values: forecast it separately");
            }
            if (gaps > MOST_GAPS_PER_VALUE * (long) (n - gaps)) {
                // a trip's or a sale's times, at no step: a minute's grid over a month of them is nearly all gaps
                throw new SeriesProblem(locator.at(a.line(firstRow)) + ": series " + Shorten.quoted(a.id)
                        + " has times at no regular step: at " + f + " steps it would be forecast from " + gaps
                        + " filled gap steps among its " + (n - gaps) + " values; count or sum its rows per period "
                        + "(--aggregate with --frequency)");
            }
        }
        a.v = null;   // the series' values now live in the grid's alone
        a.cov = null;
        long startKey = a.t(firstRow);
        if (missing > 0) {
            Values filled = filled(a.id, new Values(values, covValues), missing, gaps, g.firstMissingLine, fillSeason,
                    policy, notes);
            values = filled.values();
            covValues = filled.covariates();
        }
        TimeSeries out = f.isSteps() ? TimeSeries.ofSteps(a.id, values, startKey, f)
                : TimeSeries.ofTimes(a.id, values, TimeFormat.toDateTime(startKey), f);
        if (covariates.isEmpty()) {
            return out;
        }
        TimeSeries withCovs = out.withCovariates(covariatesFilled(a.id, covValues, policy, notes, file));
        return future.isEmpty() ? withCovs : withCovs.withFuture(future);
    }

    /**
     * A series' values (and covariates) on its frequency's grid, a NaN at each gap step, as {@link #walk} makes them:
     * the first {@code n} of {@code v}, the gap steps marked in {@code gapAt}; {@code firstMissingLine} is the line
     * of the first missing value, negated where it is a gap before that line.
     */
    private static final class Grid {
        double[] v;
        double[][] cv;
        int n;
        final java.util.BitSet gapAt = new java.util.BitSet();
        int firstMissingLine;
    }

    /**
     * Walks the expected grid from a series' first value, inserting NaN for gaps; without gaps the values are used as
     * they are (moved up in place past the empty rows before the first value).
     */
    private Grid walk(SeriesRows a, int firstRow, Frequency f, TimeFormat tf) {
        Grid g = new Grid();
        g.v = a.v;
        g.cv = a.cov;
        int missing = 0;
        boolean copied = false;
        long prevT = 0;
        for (int i = firstRow; i < a.n; i++) {
            long ti = a.t(i);
            if (i > firstRow) {
                long expected = Frequencies.next(prevT, f, tf);
                int inserted = 0;
                while (expected < ti) {
                    if (++inserted > MAX_GAP) {
                        throw new SeriesProblem(locator.at(a.line(i)) + ": series " + Shorten.quoted(a.id)
                                + " has a gap of more than " + MAX_GAP + " steps before this row; is the frequency ("
                                + f + ") right?");
                    }
                    if (!copied) {
                        g.v = Arrays.copyOf(a.v, Math.max(16, a.n + (a.n >> 2)));
                        g.cv = new double[a.cov.length][];
                        for (int j = 0; j < g.cv.length; j++) {
                            g.cv[j] = Arrays.copyOf(a.cov[j], g.v.length);
                        }
                        copied = true;
                    }
                    grow(g);
                    g.v[g.n] = Double.NaN;
                    for (double[] c : g.cv) {
                        c[g.n] = Double.NaN;
                    }
                    if (missing++ == 0) {
                        g.firstMissingLine = -a.line(i);
                    }
                    g.gapAt.set(g.n);
                    g.n++;
                    expected = Frequencies.next(expected, f, tf);
                }
                if (expected != ti) {
                    throw new SeriesProblem(locator.at(a.line(i)) + ": series " + Shorten.quoted(a.id)
                            + ": the time does not fit the " + f + " frequency of the data (expected "
                            + Frequencies.describe(expected, tf) + ")");
                }
            }
            if (copied) {
                grow(g);
            }
            for (int j = 0; j < g.cv.length; j++) {
                g.cv[j][g.n] = a.cov[j][i];
            }
            double value = a.v[i];
            if (Double.isNaN(value) && missing++ == 0) {
                g.firstMissingLine = a.line(i);
            }
            g.v[g.n] = value;
            g.n++;
            prevT = ti;
        }
        return g;
    }

    /** Doubles the grid's arrays where they are full. */
    private static void grow(Grid g) {
        if (g.n == g.v.length) {
            g.v = Arrays.copyOf(g.v, g.n * 2);
            for (int j = 0; j < g.cv.length; j++) {
                g.cv[j] = Arrays.copyOf(g.cv[j], g.v.length);
            }
        }
    }

    /**
     * The known-future covariates: the trailing rows without a value but with those covariates (not gap steps) are the
     * future, taken off the grid's end ({@code g.n} shortened); empty without future covariates.
     */
    private Map<String, double[]> futureRows(Grid g) {
        Map<String, double[]> future = new LinkedHashMap<>();
        if (futureCovariates.isEmpty()) {
            return future;
        }
        int[] fj = new int[futureCovariates.size()];
        for (int k = 0; k < fj.length; k++) {
            fj[k] = covariates.indexOf(futureCovariates.get(k));
        }
        int m = g.n;
        while (m > 0 && Double.isNaN(g.v[m - 1]) && !g.gapAt.get(m - 1)) {
            boolean known = true;
            for (int j : fj) {
                known &= !Double.isNaN(g.cv[j][m - 1]);
            }
            if (!known) {
                break;
            }
            m--;
        }
        for (int k = 0; k < fj.length; k++) {
            future.put(futureCovariates.get(k), Arrays.copyOfRange(g.cv[fj[k]], m, g.n));
        }
        g.n = m;
        return future;
    }

    /** A series' values and its covariates' (one array each), as long as each other. */
    private record Values(double[] values, double[][] covariates) {
    }

    /**
     * The most filled gap steps a series may have for each of its values: a series whose times leave more (fewer than
     * one step in ten observed) has no regular step to be forecast at.
     */
    static final int MOST_GAPS_PER_VALUE = 9;

    /**
     * The values with their {@code missing} missing values, {@code gaps} of them gap steps, filled, dropped (with the
     * covariates' values of the same steps) or refused by the policy, with a note that says so.
     */
    private Values filled(String id, Values in, int missing, int gaps, int firstMissingLine, int fillSeason,
                          MissingPolicy policy, List<String> notes) {
        String what = (missing - gaps > 0 ? (missing - gaps) + " missing value" + (missing - gaps > 1 ? "s" : "") : "")
                + (missing - gaps > 0 && gaps > 0 ? " and " : "") + (gaps > 0 ? gaps + " gap step" + (gaps > 1 ? "s" : "") : "");
        int ln = firstMissingLine;
        String where = ln >= 0 ? "first on " + locator.within(ln) : "first before " + locator.within(-ln);
        double[] values = in.values();
        switch (policy) {
            case ERROR:
                throw new DataException(locator.at(Math.abs(ln)) + ": series " + Shorten.quoted(id) + " has " + what
                        + " (" + where + "); choose how to fill missing values: interpolate, ffill or drop",
                        DataException.Remedy.MISSING);
            case INTERPOLATE: {
                // a seasonal series' gaps get its season's pattern (R's na.interp), others a straight line
                MissingValues.Filled f = MissingValues.filled(values, fillSeason);
                notes.add("series " + Shorten.quoted(id) + ": interpolated " + what + " (" + where + ")"
                        + (f.seasonal() ? " with the season's pattern" : ""));
                return new Values(f.values(), in.covariates());
            }
            case FORWARD_FILL:
                forwardFill(values);
                notes.add("series " + Shorten.quoted(id) + ": forward-filled " + what + " (" + where + ")");
                return in;
            default: {
                int n = values.length;
                double[][] covValues = in.covariates();
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
                notes.add("series " + Shorten.quoted(id) + ": dropped " + what + " (" + where + ")");
                return new Values(kept, keptCov);
            }
        }
    }

    /**
     * The covariates' values by name, their missing values filled by the policy (a straight line for
     * interpolation, never a season) or refused; a covariate with no value at all is the series' problem.
     */
    private Map<String, double[]> covariatesFilled(String id, double[][] covValues, MissingPolicy policy,
                                                   List<String> notes, String file) {
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
                throw new SeriesProblem(file + ": series " + Shorten.quoted(id) + " has no values in covariate column "
                        + Shorten.quoted(covariates.get(j)) + "");
            }
            if (nan > 0) {
                if (policy == MissingPolicy.ERROR) {
                    throw new DataException(file + ": series " + Shorten.quoted(id) + " has " + nan + " missing value"
                            + (nan > 1 ? "s" : "") + " in covariate column " + Shorten.quoted(covariates.get(j))
                            + "; choose how to fill missing values: interpolate, ffill or drop", DataException.Remedy.MISSING);
                }
                if (policy == MissingPolicy.FORWARD_FILL) {
                    forwardFill(c);
                } else {
                    // a covariate (a price, a holiday flag) is filled by a straight line, never with a season
                    c = MissingValues.linear(c);
                }
                notes.add("series " + Shorten.quoted(id) + ": " + (policy == MissingPolicy.FORWARD_FILL
                        ? "forward-filled " : "interpolated ") + nan + " missing value" + (nan > 1 ? "s" : "")
                        + " of covariate " + Shorten.quoted(covariates.get(j)));
            }
            covs.put(covariates.get(j), c);
        }
        return covs;
    }

    /** Fills each missing value with the last value before it (the first value for those before it). */
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
