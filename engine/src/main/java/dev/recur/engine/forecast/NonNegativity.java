package dev.recur.engine.forecast;

import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.TimeSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Forecasts that stay at or above zero for series that have never gone below it (sales, counts, prices, visitors):
 * every point forecast and interval bound below zero is raised to zero. A series with a negative value keeps its
 * forecasts as they are.
 *
 * <p>When the future is as non-negative as the past, this can only help. An absolute error shrinks or stays:
 * {@code |y − max(0, f)| ≤ |y − f|} for every {@code y ≥ 0}. An interval keeps every value of zero and more that it
 * held while it gets narrower, so its coverage of such values never falls (one wholly below zero becomes {@code [0, 0]},
 * which holds a zero it missed). The methods themselves (and their backtests inside
 * {@link AutoForecaster} and {@link EnsembleForecaster}, which compare methods) are not floored; the command line,
 * its backtests and reports, and the Spark job floor what they output, unless told to allow negative forecasts.
 */
public final class NonNegativity {

    private NonNegativity() {
    }

    /** Whether a series has never been negative, so that its forecasts are floored at zero. */
    public static boolean applies(TimeSeries series) {
        for (double v : series.values()) {
            if (v < 0) {
                return false;
            }
        }
        return true;
    }

    /** The forecast with every point and bound below zero raised to zero (NaN bounds stay NaN). */
    public static Forecast floor(Forecast f) {
        Map<Integer, double[][]> intervals = new LinkedHashMap<>();
        for (Map.Entry<Integer, double[][]> e : f.intervals().entrySet()) {
            intervals.put(e.getKey(), new double[][]{floor(e.getValue()[0]), floor(e.getValue()[1])});
        }
        return new Forecast(f.id(), floor(f.point()), intervals);
    }

    /** The forecast of a series, floored at zero when the series has never been negative. */
    public static Forecast apply(TimeSeries history, Forecast forecast) {
        return applies(history) ? floor(forecast) : forecast;
    }

    /**
     * The forecasts, each floored at zero when its series has never been negative.
     *
     * @param history   the series, in the forecasts' order
     * @param forecasts one per series
     */
    public static List<Forecast> apply(List<TimeSeries> history, List<Forecast> forecasts) {
        if (history.size() != forecasts.size()) {
            throw new IllegalArgumentException(history.size() + " series but " + forecasts.size() + " forecasts");
        }
        List<Forecast> out = new ArrayList<>(forecasts.size());
        for (int s = 0; s < forecasts.size(); s++) {
            out.add(apply(history.get(s), forecasts.get(s)));
        }
        return out;
    }

    private static double[] floor(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            // -0 becomes 0, which is written as 0; NaN <= 0 is false: a bound that could not be calibrated stays NaN
            if (out[i] <= 0) {
                out[i] = 0;
            }
        }
        return out;
    }
}
