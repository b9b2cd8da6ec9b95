package dev.recur.engine.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rolling-origin evaluation: each series is cut at {@code windows} origins, {@code step} apart and ending
 * {@code horizon} before its end; the method is refitted on the history before each origin (for a global
 * method, on every series' history at once) and scored on the next {@code horizon} values.
 */
public final class Backtest {

    /**
     * The scores of one origin, averaged over the series.
     *
     * @param cut    how many values were removed from the end of each series
     * @param smape  mean sMAPE
     * @param mase   mean MASE
     */
    public record Window(int cut, double smape, double mase) {
    }

    /**
     * The outcome.
     *
     * @param model   the method's name
     * @param windows per origin, latest first
     * @param smape   mean over windows
     * @param mase    mean over windows
     */
    public record Result(String model, List<Window> windows, double smape, double mase) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: MASE %.3f, sMAPE %.2f over %d window%s", model, mase, smape,
                    windows.size(), windows.size() == 1 ? "" : "s");
        }
    }

    private Backtest() {
    }

    /** The most windows every series can afford for a method, up to {@code wanted}. */
    public static int affordableWindows(Forecaster f, List<TimeSeries> series, int horizon, int season, int step, int wanted) {
        int shortest = Integer.MAX_VALUE;
        for (TimeSeries s : series) {
            shortest = Math.min(shortest, s.length());
        }
        int need = f.minimumLength(horizon, season);
        int possible = Math.floorDiv(shortest - horizon - need, Math.max(1, step)) + 1;
        return Math.max(0, Math.min(wanted, possible));
    }

    /**
     * Runs the backtest.
     *
     * @throws IllegalArgumentException if the series are too short for even one window
     */
    public static Result run(Forecaster f, List<TimeSeries> series, int horizon, int season, int windows, int step,
                             Forecaster.Progress progress) {
        int w = affordableWindows(f, series, horizon, season, step, windows);
        if (w < 1) {
            throw new IllegalArgumentException("the series are too short to backtest " + f.name() + " over " + horizon + " steps");
        }
        List<Window> out = new ArrayList<>();
        double smape = 0;
        double mase = 0;
        for (int k = 0; k < w; k++) {
            int cut = horizon + k * step;
            List<TimeSeries> heads = new ArrayList<>(series.size());
            for (TimeSeries s : series) {
                heads.add(s.head(s.length() - cut));
            }
            List<double[]> fc = f.forecast(heads, horizon, season, Forecaster.Progress.NONE);
            double ws = 0;
            double wm = 0;
            for (int i = 0; i < series.size(); i++) {
                double[] y = series.get(i).values();
                int origin = y.length - cut;
                double[] actual = java.util.Arrays.copyOfRange(y, origin, origin + horizon);
                ws += Metrics.smape(actual, fc.get(i));
                double m = Metrics.mase(heads.get(i).values(), actual, fc.get(i), season);
                wm += Double.isFinite(m) ? m : Metrics.smape(actual, fc.get(i)) / 100;
            }
            Window win = new Window(cut, ws / series.size(), wm / series.size());
            out.add(win);
            smape += win.smape();
            mase += win.mase();
            progress.message(String.format(Locale.ROOT, "  backtest %s, origin %d/%d: MASE %.3f", f.name(), k + 1, w, win.mase()));
        }
        return new Result(f.name(), out, smape / w, mase / w);
    }
}
