package dev.recur.engine.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Split-conformal prediction intervals for local methods (the baselines), from rolling-origin backtests:
 * each series is forecast from up to {@value #ORIGINS} earlier origins, the absolute errors per horizon
 * step are divided by the series' MASE scale so that series of any size pool together, and the interval at
 * level L is the point forecast ± the conformal L-quantile of the pooled scaled errors times the series'
 * scale.
 */
public final class LocalIntervals {

    /** Backtest origins per series. */
    static final int ORIGINS = 20;

    private LocalIntervals() {
    }

    /** Forecasts every series with intervals at {@code levels} (percent). */
    public static List<Forecast> forecast(Forecaster method, List<TimeSeries> history, int horizon, int season,
                                          int[] levels) {
        List<double[]> points = method.forecast(history, horizon, season, Forecaster.Progress.NONE);
        List<List<Double>> scaled = new ArrayList<>();
        for (int h = 0; h < horizon; h++) {
            scaled.add(new ArrayList<>());
        }
        double[] scales = new double[history.size()];
        int minLen = method.minimumLength(horizon, season);
        for (int s = 0; s < history.size(); s++) {
            double[] y = history.get(s).values();
            double scale = Metrics.maseScale(y, season);
            if (!(scale > 0) || !Double.isFinite(scale)) {
                scale = meanAbs(y);
            }
            if (!(scale > 0)) {
                scale = 1;
            }
            scales[s] = scale;
            int origins = Math.min(ORIGINS, y.length - horizon - Math.max(minLen, 2 * Math.max(1, season)) + 1);
            for (int k = 0; k < origins; k++) {
                int origin = y.length - horizon - k;
                TimeSeries past = history.get(s).head(origin);
                double[] f = method.forecast(List.of(past), horizon, season, Forecaster.Progress.NONE).get(0);
                for (int h = 0; h < horizon; h++) {
                    scaled.get(h).add(Math.abs(y[origin + h] - f[h]) / scale);
                }
            }
        }
        double[][] q = new double[levels.length][horizon];
        for (int h = 0; h < horizon; h++) {
            double[] e = scaled.get(h).stream().mapToDouble(Double::doubleValue).toArray();
            if (e.length == 0 && levels.length > 0) {
                throw new IllegalArgumentException("the series are too short to calibrate prediction intervals for "
                        + method.name() + ": backtests need at least " + (horizon + Math.max(minLen, 2 * Math.max(1, season)))
                        + " values");
            }
            Arrays.sort(e);
            for (int l = 0; l < levels.length; l++) {
                q[l][h] = e.length == 0 ? Double.NaN : RecurrentForecaster.conformalQuantile(e, levels[l] / 100.0);
            }
        }
        List<Forecast> out = new ArrayList<>(history.size());
        for (int s = 0; s < history.size(); s++) {
            double[] p = points.get(s);
            Map<Integer, double[][]> intervals = new HashMap<>();
            for (int l = 0; l < levels.length; l++) {
                double[] lo = new double[horizon];
                double[] hi = new double[horizon];
                for (int h = 0; h < horizon; h++) {
                    lo[h] = p[h] - q[l][h] * scales[s];
                    hi[h] = p[h] + q[l][h] * scales[s];
                }
                intervals.put(levels[l], new double[][]{lo, hi});
            }
            out.add(new Forecast(history.get(s).id(), p, intervals));
        }
        return out;
    }

    private static double meanAbs(double[] y) {
        double s = 0;
        for (double v : y) {
            s += Math.abs(v);
        }
        return s / y.length;
    }
}
