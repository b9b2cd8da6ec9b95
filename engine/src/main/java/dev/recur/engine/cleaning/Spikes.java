package dev.recur.engine.cleaning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Isolated spikes: single values far outside their series' pattern, such as a value typed with an extra digit. A
 * value (not the first or the last) is a spike of size K when it jumps from both its neighbours in the same direction
 * by K times the series' median absolute one-step change or more, its neighbours agree with each other (they differ
 * by at most half the smaller jump: the series comes back), and, in a series of more than two seasons, it is as far
 * from the same season a year before and a year after, in median absolute seasonal changes (a regular seasonal peak is
 * not a spike). Of the values that pass, those within the range of the series' other values are not spikes either: a
 * series that drops to the same level again and again, sometimes for one step and sometimes for longer, has such
 * drops as its pattern, while a value typed with an extra digit lies beyond every other value. A series whose median
 * change is zero (intermittent demand, long constant stretches) has none.
 *
 * <p>Real events (a festival, a strike, a one-off order) make spikes as large as typing errors on real panels (the
 * accuracy log measures both, and replacing tourism monthly's made its forecasts worse), so by default the command
 * line names the spikes of at least {@link #NAMED} and forecasts from the data as it is; with {@code
 * --replace-spikes} (the Spark job too) each is replaced as {@link #replaced} says. A last value that stands out so
 * ({@link #last}) is named too, never replaced.
 */
public final class Spikes {

    /**
     * The size from which the command line names a spike: a value typed with an extra digit is about 9 times its level
     * away from its neighbours, which is 50 median changes in a series that moves by 18% of its level a step.
     */
    public static final double NAMED = 50;

    private Spikes() {
    }

    /**
     * One spike.
     *
     * @param index where it is in the series
     * @param value the value
     * @param size  how far it stands out, in median changes (K above)
     */
    public record Spike(int index, double value, double size) {
    }

    /**
     * The spikes of {@code y} of at least {@code size}, in the series' order.
     *
     * @param y      the values (a series with a value that is not finite has none)
     * @param season the seasonal period (1 for none)
     * @param size   the least size of a spike, above 0
     */
    public static List<Spike> find(double[] y, int season, double size) {
        double[] scale = scales(y, season, size);
        int n = y.length;
        List<Spike> out = new ArrayList<>();
        if (scale == null) {
            return out;
        }
        double step = scale[0];
        boolean seasonal = seasonal(n, season);
        double seasonalStep = scale[1];
        List<Spike> candidates = new ArrayList<>();
        for (int t = 1; t < n - 1; t++) {
            double up = y[t] - y[t - 1];
            double down = y[t] - y[t + 1];
            double jump = Math.min(Math.abs(up), Math.abs(down));
            if ((up > 0) != (down > 0) || up == 0 || down == 0 || Math.abs(y[t + 1] - y[t - 1]) > 0.5 * jump) {
                continue;
            }
            double k = jump / step;
            if (seasonal) {
                for (int u : new int[]{t - season, t + season}) {
                    if (u >= 0 && u < n) {
                        k = Math.min(k, Math.abs(y[t] - y[u]) / seasonalStep);
                    }
                }
            }
            if (k >= size) {
                candidates.add(new Spike(t, y[t], k));
            }
        }
        // the range of the values that are not candidates: a spike lies beyond it
        boolean[] candidate = new boolean[n];
        for (Spike c : candidates) {
            candidate[c.index()] = true;
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < n; t++) {
            if (!candidate[t]) {
                low = Math.min(low, y[t]);
                high = Math.max(high, y[t]);
            }
        }
        for (Spike c : candidates) {
            if (c.value() > high || c.value() < low) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * The series' last value when it stands out as a mistyped value would, or null: it jumps from the value before it
     * by {@code size} times the series' median absolute one-step change or more, in a series of more than two seasons
     * as far from the same season a year before (in median absolute seasonal changes), and it lies beyond every other
     * value of the series. Nothing comes after it to tell an error from a change that has just begun, so it is found
     * to be named, never replaced ({@link #find} leaves the ends out); every method's forecast starts from it. On the
     * benchmark panels (tourism, M1, M4 Weekly and Hourly: 3,085 series) no last value is one of size {@link #NAMED}.
     *
     * <p>The medians are those of the whole series or of its latest stretch ({@link #recent} changes), whichever is
     * larger. The last value of a series that has grown all along is always beyond every other, and its latest
     * changes dwarf the whole history's median: China's GDP in US dollars rose by 1.5 trillion from 2010 to 2011, 58
     * times its median yearly change since 1960 and 3.6 times that of its last ten years. A value typed with an extra
     * digit stands out from the latest stretch as much as from the whole.
     *
     * @param y      the values (a series with a value that is not finite has none)
     * @param season the seasonal period (1 for none)
     * @param size   the least size, above 0
     */
    public static Spike last(double[] y, int season, double size) {
        double[] scale = scales(y, season, size);
        if (scale == null) {
            return null;
        }
        int n = y.length;
        double[] latest = Arrays.copyOfRange(y, Math.max(0, n - 1 - recent(season)), n);
        double k = Math.abs(y[n - 1] - y[n - 2]) / Math.max(scale[0], medianChange(latest, 1));
        if (seasonal(n, season)) {
            double[] latestSeasons = Arrays.copyOfRange(y, Math.max(0, n - season - recent(season)), n);
            k = Math.min(k, Math.abs(y[n - 1] - y[n - 1 - season]) / Math.max(scale[1],
                    medianChange(latestSeasons, season)));
        }
        if (k < size) {
            return null;
        }
        boolean up = y[n - 1] > y[n - 2];
        for (int t = 0; t < n - 1; t++) {
            // another value at or beyond it, on the side it jumped to
            if (up ? y[t] >= y[n - 1] : y[t] <= y[n - 1]) {
                return null;
            }
        }
        return new Spike(n - 1, y[n - 1], k);
    }

    /**
     * The values with each spike replaced by what its neighbours say it would have been: the mean of the values
     * before and after it, plus, in a series of more than two seasons, the mean of how far the same season a year
     * before and a year after stood above the mean of their own neighbours (the season's usual bump there; a year whose
     * value or neighbours are spikes themselves is not used).
     *
     * @param y      the values
     * @param season the seasonal period the spikes were found at
     * @param spikes spikes of {@code y} ({@link #find})
     * @return a new array; {@code y} is not changed
     */
    public static double[] replaced(double[] y, int season, List<Spike> spikes) {
        int n = y.length;
        boolean[] spike = new boolean[n];
        for (Spike s : spikes) {
            spike[s.index()] = true;
        }
        double[] out = y.clone();
        boolean seasonal = seasonal(n, season);
        for (Spike s : spikes) {
            int t = s.index();
            double value = 0.5 * (y[t - 1] + y[t + 1]);
            double bump = 0;
            int years = 0;
            if (seasonal) {
                for (int u : new int[]{t - season, t + season}) {
                    if (u >= 1 && u <= n - 2 && !spike[u - 1] && !spike[u] && !spike[u + 1]) {
                        bump += y[u] - 0.5 * (y[u - 1] + y[u + 1]);
                        years++;
                    }
                }
            }
            out[t] = years == 0 ? value : value + bump / years;
        }
        return out;
    }

    /**
     * The series' median absolute one-step change and median absolute seasonal change (1 without a season, {@link
     * #seasonal}), the units of a spike's size; null for a series that can have none: shorter than 5, with a value
     * that is not finite, or whose median change is 0.
     */
    private static double[] scales(double[] y, int season, double size) {
        if (!(size > 0)) {
            throw new IllegalArgumentException("the size of a spike must be above 0, got " + size);
        }
        if (y.length < 5 || !Arrays.stream(y).allMatch(Double::isFinite)) {
            return null;
        }
        double step = medianChange(y, 1);
        double seasonalStep = seasonal(y.length, season) ? medianChange(y, season) : 1;
        return step > 0 && seasonalStep > 0 ? new double[]{step, seasonalStep} : null;
    }

    /**
     * How many of the latest changes make the latest stretch's medians in {@link #last}: two seasons, and at least
     * ten (ten years of a yearly series).
     */
    static int recent(int season) {
        return Math.max(10, 2 * season);
    }

    /** Whether a series of {@code n} values is judged against its season too: more than two of them. */
    private static boolean seasonal(int n, int season) {
        return season > 1 && n > 2 * season;
    }

    /** The median of {@code |y[t] − y[t − lag]|}. */
    private static double medianChange(double[] y, int lag) {
        double[] d = new double[y.length - lag];
        for (int t = lag; t < y.length; t++) {
            d[t - lag] = Math.abs(y[t] - y[t - lag]);
        }
        Arrays.sort(d);
        int m = d.length / 2;
        return d.length % 2 == 1 ? d[m] : 0.5 * (d[m - 1] + d[m]);
    }
}
