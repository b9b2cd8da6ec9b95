package dev.recur.engine.series;

/**
 * Forecast accuracy measures, as the M4 competition defines them. All take the actual values and the
 * forecast of one series over the horizon; the scaled ones also take the series' training history.
 */
public final class Metrics {

    private Metrics() {
    }

    private static void sameLength(double[] actual, double[] forecast) {
        if (actual.length != forecast.length || actual.length == 0) {
            throw new IllegalArgumentException("actual and forecast must have the same, non-zero length; got "
                    + actual.length + " and " + forecast.length);
        }
    }

    /** Mean absolute error. */
    public static double mae(double[] actual, double[] forecast) {
        sameLength(actual, forecast);
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            s += Math.abs(actual[i] - forecast[i]);
        }
        return s / actual.length;
    }

    /** Root mean squared error. */
    public static double rmse(double[] actual, double[] forecast) {
        sameLength(actual, forecast);
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = actual[i] - forecast[i];
            s += e * e;
        }
        return Math.sqrt(s / actual.length);
    }

    /** Mean absolute percentage error, in percent (undefined where an actual value is 0: NaN). */
    public static double mape(double[] actual, double[] forecast) {
        sameLength(actual, forecast);
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            s += Math.abs((actual[i] - forecast[i]) / actual[i]);
        }
        return 100 * s / actual.length;
    }

    /** Symmetric MAPE, in percent: {@code 200/h · Σ |y − ŷ| / (|y| + |ŷ|)} (a term with both 0 counts 0). */
    public static double smape(double[] actual, double[] forecast) {
        sameLength(actual, forecast);
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs(actual[i]) + Math.abs(forecast[i]);
            if (d > 0) {
                s += Math.abs(actual[i] - forecast[i]) / d;
            }
        }
        return 200 * s / actual.length;
    }

    /**
     * The in-sample mean absolute seasonal difference {@code 1/(n−m) Σ_{t≥m} |y_t − y_{t−m}|}: the MASE
     * denominator (lag 1 when the history is not longer than {@code m}).
     */
    public static double maseScale(double[] history, int season) {
        return maseScale(history, 0, history.length, season);
    }

    /** {@link #maseScale(double[], int)} of {@code y[from, to)}, without copying it. */
    public static double maseScale(double[] y, int from, int to, int season) {
        int n = to - from;
        int m = season >= 1 && n > season ? season : 1;
        if (n <= m) {
            return Double.NaN;
        }
        double s = 0;
        for (int t = from + m; t < to; t++) {
            s += Math.abs(y[t] - y[t - m]);
        }
        return s / (n - m);
    }

    /** Mean absolute scaled error against the in-sample seasonal naive of the history. */
    public static double mase(double[] history, double[] actual, double[] forecast, int season) {
        return mae(actual, forecast) / maseScale(history, season);
    }

    /** Root mean squared scaled error (M5's RMSSE) with the seasonal-difference scale. */
    public static double rmsse(double[] history, double[] actual, double[] forecast, int season) {
        int m = season >= 1 && history.length > season ? season : 1;
        double s = 0;
        for (int t = m; t < history.length; t++) {
            double d = history[t] - history[t - m];
            s += d * d;
        }
        double scale = s / (history.length - m);
        return rmse(actual, forecast) / Math.sqrt(scale);
    }

    /**
     * Overall weighted average: {@code ½ (sMAPE / sMAPE_naive2 + MASE / MASE_naive2)}, each term a mean over
     * the same series.
     */
    public static double owa(double smape, double mase, double naive2Smape, double naive2Mase) {
        return 0.5 * (smape / naive2Smape + mase / naive2Mase);
    }

    /** The relative difference within which {@link #coverage} takes a value on a bound to be on it. */
    public static final double ROUNDING = 1e-12;

    /** Mean pinball loss of a quantile forecast at level {@code q}. */
    public static double pinball(double[] actual, double[] quantileForecast, double q) {
        sameLength(actual, quantileForecast);
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = actual[i] - quantileForecast[i];
            s += e >= 0 ? q * e : (q - 1) * e;
        }
        return s / actual.length;
    }

    /**
     * Fraction of actual values inside {@code [lower, upper]}, its bounds taken to within rounding (a relative
     * {@value #ROUNDING} of the larger bound): an interval of no width, as a series that repeats itself exactly gets,
     * covers the value repeated, which its point forecast gives to within rounding (6.999999999999997 for a series
     * constant at 7).
     */
    public static double coverage(double[] actual, double[] lower, double[] upper) {
        sameLength(actual, lower);
        sameLength(actual, upper);
        int in = 0;
        for (int i = 0; i < actual.length; i++) {
            if (covers(actual[i], lower[i], upper[i])) {
                in++;
            }
        }
        return (double) in / actual.length;
    }

    /** Whether {@code [lower, upper]} holds {@code actual}, its bounds taken to within rounding ({@link #coverage}). */
    public static boolean covers(double actual, double lower, double upper) {
        double slack = ROUNDING * Math.max(Math.abs(lower), Math.abs(upper));
        return actual >= lower - slack && actual <= upper + slack;
    }

    /**
     * Mean scaled interval score of a {@code level}% interval, the M4 competition's MSIS (there at 95%):
     * {@code 1/h Σ [(u − l) + (2/α)(l − y)⁺ + (2/α)(y − u)⁺]} over the in-sample mean absolute seasonal difference
     * ({@link #maseScale}), with {@code α = 1 − level/100}. A proper score: an interval is rewarded for being narrow
     * and fined for each miss in proportion to its distance, so unlike coverage it cannot be improved by widening
     * intervals that already cover.
     */
    public static double msis(double[] history, double[] actual, double[] lower, double[] upper, int level,
                              int season) {
        sameLength(actual, lower);
        sameLength(actual, upper);
        if (!(level > 0 && level < 100)) {
            throw new IllegalArgumentException("interval level must be between 0 and 100 percent, got " + level);
        }
        double fine = 2 / (1 - level / 100.0);
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            s += upper[i] - lower[i] + fine * Math.max(0, lower[i] - actual[i]) + fine * Math.max(0, actual[i] - upper[i]);
        }
        return s / actual.length / maseScale(history, season);
    }

    /** Mean interval width. */
    public static double width(double[] lower, double[] upper) {
        sameLength(lower, upper);
        double s = 0;
        for (int i = 0; i < lower.length; i++) {
            s += upper[i] - lower[i];
        }
        return s / lower.length;
    }
}
