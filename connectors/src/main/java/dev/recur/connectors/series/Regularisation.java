package dev.recur.connectors.series;

import dev.recur.connectors.DataException;
import dev.recur.connectors.MissingPolicy;
import dev.recur.engine.forecast.Frequency;
import dev.recur.engine.forecast.MissingValues;
import dev.recur.engine.forecast.TimeSeries;
import dev.recur.engine.io.Shorten;

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
                long expected = Frequencies.next(prevT, f, tf);
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
                    expected = Frequencies.next(expected, f, tf);
                }
                if (expected != ti) {
                    throw new SeriesProblem(locator.at(a.line(i)) + ": series " + Shorten.quoted(a.id) + ": the time does not fit the "
                            + f + " frequency of the data (expected " + Frequencies.describe(expected, tf) + ")");
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
            Frequency own = Frequencies.ownFrequency(a, firstRow, tf);
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
            String where = ln >= 0 ? "first on " + locator.within(ln) : "first before " + locator.within(-ln);
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
