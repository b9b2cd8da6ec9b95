package dev.recur.engine.intervals;

import java.util.Arrays;

/**
 * Split-conformal calibration of a global network's intervals: on held-out calibration windows, the score of
 * each horizon step is how far the normalised target falls from the point forecast (or, for quantile heads,
 * outside the predicted interval; negative inside), and a level's width is the finite-sample conformal
 * quantile of those scores. Used by the networks ({@code neural.RecurrentForecaster}) and, for the local methods' backtests, by
 * {@link LocalIntervals}.
 */
public final class ConformalCalibration {

    /** The normalised target of calibration window {@code i} at horizon step {@code h}. */
    @FunctionalInterface
    public interface Targets {
        double at(int i, int h);
    }

    private ConformalCalibration() {
    }

    /**
     * The widths {@code [level][h]} in the normalised space.
     *
     * @param calibMedian the ensemble's median outputs on each calibration window
     * @param count       calibration windows
     * @param perTarget   outputs per forecast step
     * @param direct      outputs per step as stored (perTarget for the direct strategy, else 1)
     * @param bounds      for quantile heads, each level's lower and upper output; null for absolute residuals.
     *                    With absolute residuals and fewer calibration windows than a finite conformal quantile
     *                    at the highest level needs (19 at 95%: a network trained on one short series), the widths
     *                    are the normal-theory ones of {@link ErrorQuantiles#fewErrorSteps}, as for the local
     *                    methods' backtests, instead of the largest residual at every level.
     */
    public static double[][] widths(float[][] calibMedian, Targets targets, int count, int[] levels, int horizon,
                             int perTarget, int direct, int[][] bounds) {
        double[][] q = new double[levels.length][horizon];
        double[][] byStep = new double[horizon][];
        for (int l = 0; l < levels.length; l++) {
            for (int h = 0; h < horizon; h++) {
                double[] scores = new double[count];
                for (int i = 0; i < count; i++) {
                    double z = targets.at(i, h);   // relative to the same base as the outputs
                    if (bounds == null) {
                        scores[i] = Math.abs(z - calibMedian[i][h * direct + (direct == 1 ? 0 : perTarget / 2)]);
                    } else {
                        scores[i] = Math.max(calibMedian[i][h * perTarget + bounds[l][0]] - z,
                                z - calibMedian[i][h * perTarget + bounds[l][1]]);
                    }
                }
                Arrays.sort(scores);
                q[l][h] = quantile(scores, levels[l] / 100.0);
                byStep[h] = scores;
            }
        }
        if (bounds == null && levels.length > 0 && count > 0) {
            ErrorQuantiles.fewErrorSteps(byStep, levels, q);
        }
        return q;
    }

    /** The {@code ⌈(n+1)·level⌉}-th smallest of {@code n} sorted scores (split-conformal), or the largest. */
    public static double quantile(double[] sorted, double level) {
        return sorted[rank(sorted.length, level)];
    }

    /**
     * The index (from 0) in {@code n} sorted scores of the finite-sample conformal quantile at {@code level}:
     * {@code ceil((n + 1) level) − 1}, within {@code [0, n − 1]}.
     */
    public static int rank(long n, double level) {
        long k = (long) Math.ceil((n + 1) * level) - 1;
        return (int) Math.min(Math.max(k, 0), n - 1);
    }
}
