package dev.recur.connectors.series;

import java.util.Arrays;

/**
 * The repeated hour of clocks going back, as local times without an offset show it: told from duplicate times,
 * and its two rows averaged.
 */
final class ClockChanges {

    private ClockChanges() {
    }

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
    static long firstRepeat(long[] t) {
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
    static int averageRepeats(long[] t, double[] v, long[] ln, double[][] cv) {
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
}
