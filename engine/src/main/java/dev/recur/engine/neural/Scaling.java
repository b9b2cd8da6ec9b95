package dev.recur.engine.neural;

import dev.recur.engine.io.Shorten;
import dev.recur.engine.numeric.ExtremeUnits;
import java.util.Arrays;
import java.util.Locale;

/**
 * How a window of values is normalised before the network sees it, and how outputs are turned back into
 * the series' units. Statistics come from the input window only (per-window normalisation), or from the
 * whole training history of the series ({@link Scope#SERIES}). With {@code log}, values are
 * log-transformed first (all values must be positive).
 *
 * <p>A transform is {@code z = (f(y) − shift) / scale} with {@code f} the logarithm or the identity.
 */
public enum Scaling {
    /** Shift by the mean, scale by the standard deviation. */
    STANDARD,
    /** Shift by the median, scale by the interquartile range. */
    ROBUST,
    /** Shift by the minimum, scale by the range. */
    MINMAX,
    /** No shift, scale by the mean absolute value. */
    MEAN,
    /**
     * Shift by the mean of the last season (the level); scale 1 with {@code log} (ratios to the level), else
     * the standard deviation.
     */
    LEVEL;

    /** Where the statistics come from. */
    public enum Scope {
        /** The input window. */
        WINDOW,
        /** The series' whole training history. */
        SERIES
    }

    /** Parses a name in any case. */
    public static Scaling parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scaling " + Shorten.quoted(s) + ": expected standard, robust, minmax, mean or level", e);
        }
    }

    /**
     * Computes {@code {shift, scale}} from {@code y[from, to)} (already log-transformed when {@code log}).
     *
     * @param season the seasonal period, for {@link #LEVEL}
     */
    public double[] stats(double[] fy, int from, int to, int season, boolean log) {
        int n = to - from;
        double shift;
        double scale;
        switch (this) {
            case STANDARD: {
                double m = mean(fy, from, to);
                shift = m;
                scale = std(fy, from, to, m);
                break;
            }
            case ROBUST: {
                double[] s = Arrays.copyOfRange(fy, from, to);
                Arrays.sort(s);
                shift = quantile(s, 0.5);
                scale = quantile(s, 0.75) - quantile(s, 0.25);
                break;
            }
            case MINMAX: {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int i = from; i < to; i++) {
                    lo = Math.min(lo, fy[i]);
                    hi = Math.max(hi, fy[i]);
                }
                shift = lo;
                scale = hi - lo;
                break;
            }
            case MEAN: {
                double s = 0;
                for (int i = from; i < to; i++) {
                    s += Math.abs(fy[i]);
                }
                shift = 0;
                scale = s / n;
                break;
            }
            default: {
                int m = Math.max(1, Math.min(season, n));
                shift = mean(fy, to - m, to);
                scale = log ? 1 : std(fy, from, to, mean(fy, from, to));
            }
        }
        if (flat(scale, magnitude(fy, from, to)) || !Double.isFinite(scale)) {
            scale = 1;
        }
        return new double[]{shift, scale};
    }

    /**
     * A spread at most this fraction of the values' magnitude (their largest absolute value) counts as none: the
     * window is constant up to rounding, and is scaled by 1. Relative, so that a series measured in tiny units
     * (values near 1e-12, say) is scaled by its own spread like any other, not by 1 in units far larger than its
     * values.
     */
    public static final double DEGENERATE = 1e-12;

    /**
     * Whether a spread (a standard deviation or a mean absolute difference) counts as none for values of the given
     * magnitude ({@link #magnitude}): at most {@link #DEGENERATE} of it, or NaN. The one rule for the forecaster's
     * windows, their covariates and the Tribuo trainers' channels alike.
     */
    public static boolean flat(double spread, double magnitude) {
        return !(spread > DEGENERATE * magnitude);
    }

    /** The largest absolute value of {@code y[from, to)} (0 for an all-zero window). */
    static double magnitude(double[] y, int from, int to) {
        double m = 0;
        for (int i = from; i < to; i++) {
            m = Math.max(m, Math.abs(y[i]));
        }
        return m;
    }

    private static double mean(double[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += y[i];
        }
        return s / (to - from);
    }

    /**
     * The standard deviation of {@code y[from, to)} about {@code mean}. The deviations of a window in extreme units
     * ({@link ExtremeUnits}: beyond 2<sup>±100</sup>) are summed as squares multiplied by a power of two, which is
     * exact, so that they neither underflow to a spread of 0 (values of 1e-200 were scaled by 1 and forecast in units
     * 1e200 times their own) nor overflow; other windows are summed as they are.
     */
    private static double std(double[] y, int from, int to, double mean) {
        int k = ExtremeUnits.exponent(y, from, to);
        double s = 0;
        for (int i = from; i < to; i++) {
            double d = k == 0 ? y[i] - mean : Math.scalb(y[i] - mean, k);
            s += d * d;
        }
        double sd = Math.sqrt(s / (to - from));
        return k == 0 ? sd : Math.scalb(sd, -k);
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
