package dev.recur.engine.forecast;

import dev.recur.engine.intervals.LocalIntervals;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.series.TimeSeries;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The default's choice on held-out windows ({@link EnsembleForecaster}): each window scored for the network, the
 * combination and their mean ({@link #heldOutCase}), weighed so that no window of a nearly flat history decides for a
 * panel ({@link #heldOutWeights}), and one method alone taken instead of the mean only by a clear margin
 * ({@link #decide}); the bar ({@link #clear}) is the one {@code auto}'s choices and the shorter series' rule use too.
 */
final class HeldOutChoice {

    private HeldOutChoice() {
    }

    /**
     * The choice on per-window MASE {@code {network, combination, mean}}: the mean of the two, unless one of them
     * alone beats the mean by more than {@link #clear} standard errors of the paired differences over the windows
     * ({@value #CLEAR} for many windows, more for few; a combination is the safer bet unless the evidence clearly
     * says otherwise); null while neither is clear and
     * more windows could still make one so ({@code finalCall} false). Each window weighs at most {@value #CAP}
     * median windows ({@link #heldOutWeights}).
     */
    static EnsembleForecaster.Method decide(List<double[]> cases, boolean finalCall) {
        cases = capped(cases);
        int n = cases.size();
        if (n == 0) {
            return finalCall ? EnsembleForecaster.Method.MEAN : null;
        }
        double[] mean = means(cases);
        int single = mean[0] <= mean[1] ? 0 : 1;
        double md = mean[2] - mean[single];
        double ss = 0;
        for (double[] c : cases) {
            double d = c[2] - c[single] - md;
            ss += d * d;
        }
        double se = Math.sqrt(ss / Math.max(1, n - 1) / Math.max(1, n));
        if (n > 1 && md > clear(n) * se) {
            return single == 0 ? EnsembleForecaster.Method.NETWORK : EnsembleForecaster.Method.COMBINATION;
        }
        return finalCall ? EnsembleForecaster.Method.MEAN : null;
    }

    /**
     * Whether the network's held-out windows all forecast another part of the season than the forecast does: the
     * series mostly end together ({@link LocalIntervals#endTogether}, at least half of them at the same step or
     * time), the horizon is shorter than the season, and no series' held-out origins reach back a whole season (to
     * the origin whose window forecasts the forecast's own steps a season earlier). A panel of many series holds out
     * the latest origin or two of each (about 400 windows in all), so the windows then all cover the same weeks, those just
     * before the forecast's, and what wins there need not win in the forecast's weeks; the ensemble then takes the
     * mean of the network and the combination, as it does when the windows do not clearly favour one. A single series
     * holds out up to 20 consecutive origins, which cover every part of a monthly season. On expsmooth's 314 weekly
     * jewelry series, which all end in March, at a horizon of 13, the network's held-out MASE over Christmas was a
     * third of the combination's (2.434 against 7.786), and it was chosen alone; on the calm spring weeks of the
     * test the mean scored 0.751, the network 0.777 and the combination 0.816.
     *
     * @param series  the network's series
     * @param heldOut the network's held-out windows on them
     */
    static boolean heldOutOffSeason(List<TimeSeries> series, List<RecurrentForecaster.Validation> heldOut, int horizon,
                                    int season) {
        if (season <= 1 || horizon >= season) {
            return false;
        }
        int reach = 0;
        for (RecurrentForecaster.Validation v : heldOut) {
            reach = Math.max(reach, series.get(v.series()).length() - v.origin());
        }
        return reach < season && LocalIntervals.endTogether(series.stream().map(LocalIntervals::end).toList());
    }

    /**
     * Each held-out window's weight in the choice and in the intervals' ratio: 1, or less for a window whose largest
     * MASE of the three options exceeds {@value #CAP} times the median window's largest, so that its largest weighs
     * exactly that much; 0 for a window with a value that is not finite. A history that is almost flat has a MASE
     * scale near 0, and its windows a MASE in the hundreds or thousands (one of 3 values in M1 yearly's backtests
     * scored 2,422): one such series in a panel of thousands would make the choice for all the others. A window's
     * three values share its weight, so their order and ratios are kept.
     */
    static double[] heldOutWeights(List<double[]> cases) {
        double[] worst = new double[cases.size()];
        for (int i = 0; i < worst.length; i++) {
            double[] c = cases.get(i);
            worst[i] = Math.max(c[0], Math.max(c[1], c[2]));
        }
        double[] finite = Arrays.stream(worst).filter(Double::isFinite).sorted().toArray();
        double bound = finite.length == 0 ? 0 : CAP * finite[(finite.length - 1) / 2];
        double[] w = new double[worst.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = !Double.isFinite(worst[i]) ? 0 : bound > 0 && worst[i] > bound ? bound / worst[i] : 1;
        }
        return w;
    }

    /** The windows of {@code cases} with a weight ({@link #heldOutWeights}), each scaled by it. */
    static List<double[]> capped(List<double[]> cases) {
        double[] w = heldOutWeights(cases);
        List<double[]> out = new ArrayList<>(cases.size());
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
                double[] c = cases.get(i);
                out.add(w[i] == 1 ? c : new double[]{c[0] * w[i], c[1] * w[i], c[2] * w[i]});
            }
        }
        return out;
    }

    /**
     * What the explanation says of the windows {@link #heldOutWeights} weighed down or left out: nothing when every
     * window weighs 1, else e.g. {@code ", 1 of them weighed down to 10 median windows"}.
     */
    static String weighing(List<double[]> cases) {
        double[] w = heldOutWeights(cases);
        long down = Arrays.stream(w).filter(v -> v > 0 && v < 1).count();
        long out = Arrays.stream(w).filter(v -> v == 0).count();
        return (down == 0 ? "" : String.format(Locale.ROOT, ", %d of them weighed down to %.0f median windows", down,
                CAP)) + (out == 0 ? "" : String.format(Locale.ROOT, ", %d left out (a MASE that is not finite)", out));
    }

    /**
     * The ratio of the mean's scaled errors to the combination's, each held-out window weighted as in the choice
     * ({@link #heldOutWeights}); NaN when it is not a positive finite number.
     */
    static double meanToCombination(List<double[]> cases, List<double[]> meanErrors, List<double[]> statErrors) {
        double[] w = heldOutWeights(cases);
        double mean = 0;
        double stat = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
                for (double v : meanErrors.get(i)) {
                    mean += w[i] * v;
                }
                for (double v : statErrors.get(i)) {
                    stat += w[i] * v;
                }
            }
        }
        double ratio = mean / stat;
        return ratio > 0 && Double.isFinite(ratio) ? ratio : Double.NaN;
    }

    /** The mean per-window MASE of each option {@code {network, combination, mean}}; NaN without windows. */
    static double[] means(List<double[]> cases) {
        if (cases.isEmpty()) {
            return new double[]{Double.NaN, Double.NaN, Double.NaN};
        }
        double[] mean = new double[3];
        for (double[] c : cases) {
            for (int k = 0; k < 3; k++) {
                mean[k] += c[k] / cases.size();
            }
        }
        return mean;
    }

    /**
     * Standard errors by which one method must beat another over many paired windows to be taken instead ({@link
     * #clear} for a given number of windows).
     */
    static final double CLEAR = 2.5;

    /** The one-sided level of {@value #CLEAR} standard errors of the normal distribution. */
    private static final double CLEAR_LEVEL = new NormalDistribution(null, 0, 1).cumulativeProbability(CLEAR);

    /**
     * Standard errors of the mean paired difference by which one method must beat another over {@code n} windows:
     * the quantile of Student's t distribution with {@code n - 1} degrees of freedom at the one-sided level of
     * {@value #CLEAR} normal standard errors (99.4%). The standard error is estimated from the same {@code n}
     * differences, and with few of them it is itself uncertain: over 3 windows the bar is 8.9 standard errors, over
     * 8 it is 3.3, over 20 it is 2.8, over 100 it is 2.55, and it falls to {@value #CLEAR} as the windows grow (the
     * many windows of a panel). A single series of a few years held out at a handful of origins no longer takes one
     * method alone on a margin that three windows happen to show. Infinite below 2 windows.
     */
    static double clear(int n) {
        return n < 2 ? Double.POSITIVE_INFINITY
                : new TDistribution(null, n - 1).inverseCumulativeProbability(CLEAR_LEVEL);
    }

    /** The most one held-out window weighs in the choice, in median windows ({@link #heldOutWeights}). */
    static final double CAP = 10;

    /**
     * Scores one held-out window: the MASE of the network's forecast {@code fn}, the combination's {@code fs} and
     * their mean over the {@code horizon} values of {@code y} after {@code origin} (added to {@code caseMase}), and the
     * mean's and the combination's absolute errors step by step (to {@code meanErrors} and {@code statErrors}), all
     * scaled as a forecast's interval is: by the history before the origin alone.
     */
    static void heldOutCase(double[] y, int origin, double[] fn, double[] fs, int horizon, int season,
                            List<double[]> caseMase, List<double[]> meanErrors, List<double[]> statErrors) {
        double scale = LocalIntervals.scale(Arrays.copyOf(y, origin), season);
        double[] me = new double[horizon];
        double[] se = new double[horizon];
        double[] cm = new double[3];
        for (int h = 0; h < horizon; h++) {
            double actual = y[origin + h];
            cm[0] += Math.abs(actual - fn[h]) / scale / horizon;
            cm[1] += Math.abs(actual - fs[h]) / scale / horizon;
            cm[2] += Math.abs(actual - (fn[h] + fs[h]) / 2) / scale / horizon;
            me[h] = Math.abs(actual - (fn[h] + fs[h]) / 2) / scale;
            se[h] = Math.abs(actual - fs[h]) / scale;
        }
        caseMase.add(cm);
        meanErrors.add(me);
        statErrors.add(se);
    }
}
