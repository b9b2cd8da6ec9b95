package dev.recur.engine.decomposition;

/**
 * Classical seasonality tools as the M4 competition's benchmarks use them: the 90% autocorrelation test
 * and multiplicative seasonal indices from a centred moving average (R's {@code decompose}).
 */
public final class Seasonality {

    private Seasonality() {
    }

    /** Sample autocorrelation at lag {@code k} (R's {@code acf}). */
    public static double acf(double[] y, int k) {
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double num = 0;
        double den = 0;
        for (int i = 0; i < y.length; i++) {
            double d = y[i] - mean;
            den += d * d;
            if (i >= k) {
                num += d * (y[i - k] - mean);
            }
        }
        return den == 0 ? 0 : num / den;
    }

    /**
     * M4's seasonality test: the autocorrelation at lag {@code m} exceeds
     * {@code 1.645·√((1 + 2 Σ_{i<m} acf_i²) / n)}; series shorter than three seasons are not seasonal.
     */
    public static boolean isSeasonal(double[] y, int m) {
        if (m <= 1 || y.length < 3 * m) {
            return false;
        }
        double s = 0;
        for (int i = 1; i < m; i++) {
            double a = acf(y, i);
            s += a * a;
        }
        double limit = 1.645 * Math.sqrt((1 + 2 * s) / y.length);
        return Math.abs(acf(y, m)) > limit;
    }

    /**
     * Multiplicative seasonal indices (mean 1), index {@code i % m} for value {@code i}, from the ratio of
     * the series to its centred moving average ({@code 2×m} for even {@code m}), as R's
     * {@code decompose(type = "multiplicative")} makes them; null when the series is not seasonal by
     * {@link #isSeasonal}, has a negative value, or has a moving average or an index that is not positive. Zeros
     * are fine: many counts (tourist arrivals in a closed season) have them, and R's {@code thetaf} deseasonalises
     * such series too.
     */
    public static double[] multiplicativeIndices(double[] y, int m) {
        if (!isSeasonal(y, m)) {
            return null;
        }
        for (double v : y) {
            if (v < 0) {
                return null;
            }
        }
        double[] si = indices(y, m, true);
        if (si == null) {
            return null;
        }
        for (double v : si) {
            if (!(v > 0)) {
                return null;
            }
        }
        return si;
    }

    /**
     * Classical decomposition's seasonal indices (R's {@code decompose}), index {@code i % m} for value {@code i}:
     * the mean by position of the series' difference from (additive) or ratio to (multiplicative) its centred moving
     * average ({@code 2×m} for even {@code m}), centred to sum 0 or to mean 1. Needs at least {@code m + 1} values
     * for odd {@code m} and {@code m + 2} for even {@code m} (so that every position has a moving average). When
     * multiplicative: null if a moving average is not positive.
     */
    public static double[] indices(double[] y, int m, boolean multiplicative) {
        int n = y.length;
        double[] sum = new double[m];
        int[] count = new int[m];
        int half = m / 2;
        for (int t = half; t < n - half; t++) {
            double ma;
            if (m % 2 == 0) {
                double s = 0.5 * y[t - half] + 0.5 * y[t + half];
                for (int j = t - half + 1; j < t + half; j++) {
                    s += y[j];
                }
                ma = s / m;
            } else {
                double s = 0;
                for (int j = t - half; j <= t + half; j++) {
                    s += y[j];
                }
                ma = s / m;
            }
            if (multiplicative && !(ma > 0)) {
                return null;
            }
            sum[t % m] += multiplicative ? y[t] / ma : y[t] - ma;
            count[t % m]++;
        }
        double[] si = new double[m];
        double total = 0;
        for (int i = 0; i < m; i++) {
            if (count[i] == 0) {
                throw new IllegalArgumentException(n + " values are too few for seasonal indices of period " + m);
            }
            si[i] = sum[i] / count[i];
            total += si[i];
        }
        for (int i = 0; i < m; i++) {
            si[i] = multiplicative ? si[i] * m / total : si[i] - total / m;
        }
        return si;
    }

    /**
     * The series divided by multiplicative seasonal indices {@code si} (index {@code i % m} for value {@code i}), or
     * the series itself when {@code si} is null.
     */
    public static double[] adjusted(double[] y, double[] si, int m) {
        if (si == null) {
            return y.clone();
        }
        double[] x = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            x[i] = y[i] / si[i % m];
        }
        return x;
    }

    /**
     * Puts the season back into forecasts {@code f} of an adjusted series of {@code n} values, in place: step
     * {@code h} times index {@code (n + h) % m}; nothing when {@code si} is null.
     */
    public static void restore(double[] f, double[] si, int n, int m) {
        if (si != null) {
            for (int h = 0; h < f.length; h++) {
                f[h] *= si[(n + h) % m];
            }
        }
    }
}
