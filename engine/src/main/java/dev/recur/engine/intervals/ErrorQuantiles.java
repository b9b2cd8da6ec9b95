package dev.recur.engine.intervals;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Interval half-widths from scaled absolute errors, per horizon step: the finite-sample conformal quantile of each
 * step's pooled errors ({@link #quantiles}), and, at the steps with too few errors for it at the highest level, a
 * normal-theory width from every step's errors ({@link #fewErrorSteps}). {@link LocalIntervals} takes them from the
 * local methods' backtests, {@link ConformalCalibration} from a network's calibration windows.
 */
public final class ErrorQuantiles {

    private ErrorQuantiles() {
    }

    /**
     * The fewest errors for which split-conformal gives the highest of {@code levels} a finite half-width,
     * {@code ⌈L / (1 − L)⌉} (19 at 95%). With fewer, that level's rank lies past the largest error, and
     * {@link #quantiles} then takes a normal-theory width from those few errors ({@link #fewErrorSteps}). It is also the
     * fewest backtests from short histories that calibrate intervals on their own: from a handful of forecasts made on
     * 3-value histories, widths can be many times the errors of the file's longer series.
     */
    public static int fewestForConformal(int[] levels) {
        int fewest = 1;
        for (int level : levels) {
            double l = level / 100.0;
            fewest = Math.max(fewest, (int) Math.ceil(l / (1 - l) - 1e-9));
        }
        return fewest;
    }

    /**
     * Which of {@code n} pooled scaled errors of one step, sorted from the smallest, is the interval's half-width
     * at {@code level} percent: the finite-sample conformal rank (from 0).
     */
    public static int quantileRank(long n, int level) {
        return ConformalCalibration.rank(n, level / 100.0);
    }

    /** Conformal quantiles {@code [level][step]} of pooled scaled errors; NaN where there are none. */
    public static double[][] quantiles(double[][][] errors, int horizon, int[] levels) {
        List<double[]> rows = new ArrayList<>();
        for (double[][] e : errors) {
            rows.addAll(Arrays.asList(e));
        }
        return quantiles(rows, horizon, levels);
    }

    /**
     * Conformal quantiles {@code [level][step]} of scaled error rows (NaN entries, steps a backtest did not reach, left
     * out); the steps with too few errors for them, or none, {@linkplain #fewErrorSteps from every step's errors};
     * NaN when there are no errors at all.
     */
    public static double[][] quantiles(List<double[]> rows, int horizon, int[] levels) {
        double[][] q = new double[levels.length][horizon];
        double[][] byStep = new double[horizon][];
        for (int h = 0; h < horizon; h++) {
            double[] e = new double[rows.size()];
            int n = 0;
            for (double[] row : rows) {
                if (!Double.isNaN(row[h])) {
                    e[n++] = row[h];
                }
            }
            e = Arrays.copyOf(e, n);
            Arrays.sort(e);
            byStep[h] = e;
            for (int l = 0; l < levels.length; l++) {
                q[l][h] = n == 0 ? Double.NaN : ConformalCalibration.quantile(e, levels[l] / 100.0);
            }
        }
        fewErrorSteps(byStep, levels, q);
        return q;
    }

    /**
     * Whether some step of {@code count} errors a step has too few for a conformal quantile at the highest of
     * {@code levels} ({@link #fewestForConformal}), so that {@link #fewErrorSteps} takes over there.
     */
    public static boolean tooFewErrors(long[] count, int[] levels) {
        long fewest = fewestForConformal(levels);
        for (long c : count) {
            if (c < fewest) {
                return true;
            }
        }
        return false;
    }

    /**
     * Gives the steps with too few errors for a finite conformal quantile at the highest level (fewer than
     * {@link #fewestForConformal}: 19 at 95%), or none, a normal-theory half-width from the errors of every
     * step, instead of their largest error. With {@code n} errors, the largest covers a new one with probability
     * {@code n / (n + 1)} at best, whatever the level: a single series of 15 yearly values, backtested from 5
     * origins, got the same 80% and 95% intervals, both about 83% ones, and widths that rose and fell from step to
     * step. Here the scaled errors' spread is taken to grow as {@code step^β}, {@code β} in [0, 1] the least-squares
     * slope of the logarithm of each step's mean error on the logarithm of the step, weighted by its count (1/2, a
     * random walk's growth, with fewer than two steps to fit on); the spread {@code σ} of the errors so divided is
     * their median over the normal's median absolute value, {@code Φ⁻¹(3/4)}, robust to the odd wild backtest that a
     * history of a few values gives (a root mean square let one such error set every step's width); and the
     * half-width at level L and step h is {@code t · σ · h^β}, {@code t} the Student quantile of {@code (1 + L) / 2}
     * with one degree of freedom fewer than the errors. Widths then grow with the step and nest by level. A panel,
     * whose hundreds of backtests give every step enough errors, keeps its conformal quantiles untouched.
     *
     * @param byStep each step's scaled absolute errors, in any order
     * @param q      the conformal quantiles {@code [level][step]}, replaced at the steps with too few errors
     */
    public static void fewErrorSteps(double[][] byStep, int[] levels, double[][] q) {
        int horizon = byStep.length;
        long[] count = new long[horizon];
        double[] sum = new double[horizon];
        int n = 0;
        for (int h = 0; h < horizon; h++) {
            count[h] = byStep[h].length;
            n += byStep[h].length;
            for (double e : byStep[h]) {
                sum[h] += e;
            }
        }
        if (!tooFewErrors(count, levels) || n == 0) {
            return;
        }
        double beta = growth(count, sum);
        double[] z = new double[n];
        int k = 0;
        for (int h = 0; h < horizon; h++) {
            double grown = Math.pow(h + 1.0, beta);
            for (double e : byStep[h]) {
                z[k++] = e / grown;
            }
        }
        Arrays.sort(z);
        double median = n % 2 == 1 ? z[n / 2] : (z[n / 2 - 1] + z[n / 2]) / 2;
        double sigma = median / MEDIAN_ABSOLUTE_NORMAL;
        TDistribution t = new TDistribution(null, Math.max(1, n - 1), 1e-14);
        long fewest = fewestForConformal(levels);
        for (int l = 0; l < levels.length; l++) {
            double quantile = t.inverseCumulativeProbability(0.5 + levels[l] / 200.0);
            for (int h = 0; h < horizon; h++) {
                if (count[h] < fewest) {
                    q[l][h] = quantile * sigma * Math.pow(h + 1.0, beta);
                }
            }
        }
    }

    /** The median of a standard normal's absolute value, {@code Φ⁻¹(3/4)}. */
    static final double MEDIAN_ABSOLUTE_NORMAL = 0.6744897501960817;

    /**
     * The exponent {@code β} in [0, 1] of the errors' growth with the step ({@link #fewErrorSteps}): the weighted
     * least-squares slope of {@code log(mean error)} on {@code log(step)}; 1/2 when fewer than two steps have errors.
     */
    static double growth(long[] count, double[] sum) {
        double w = 0;
        double x = 0;
        double y = 0;
        int steps = 0;
        for (int h = 0; h < count.length; h++) {
            if (count[h] > 0 && sum[h] > 0) {
                w += count[h];
                x += count[h] * Math.log(h + 1.0);
                y += count[h] * Math.log(sum[h] / count[h]);
                steps++;
            }
        }
        if (steps < 2) {
            return 0.5;
        }
        double mx = x / w;
        double my = y / w;
        double sxx = 0;
        double sxy = 0;
        for (int h = 0; h < count.length; h++) {
            if (count[h] > 0 && sum[h] > 0) {
                double dx = Math.log(h + 1.0) - mx;
                sxx += count[h] * dx * dx;
                sxy += count[h] * dx * (Math.log(sum[h] / count[h]) - my);
            }
        }
        return Math.max(0, Math.min(1, sxy / sxx));
    }
}
