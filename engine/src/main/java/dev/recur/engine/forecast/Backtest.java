package dev.recur.engine.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rolling-origin evaluation: each series is cut at {@code windows} origins, {@code step} apart and ending
 * {@code horizon} before its end; the method is refitted on the history before each origin (for a global
 * method, on every series' history at once) and scored on the next {@code horizon} values. With interval
 * levels, the method's intervals are produced too (its own for a network, rolling-origin conformal ones for
 * a local method) and their coverage and scaled interval score ({@link Metrics#msis}) are measured.
 *
 * <p>Without refitting, a network is trained once, on the history before the earliest origin, and then
 * forecasts from every origin with the same weights (what a model deployed once and not retrained would
 * have done); local methods (naive, ETS, Theta, ...) have no training to keep and are always refitted.
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
     * @param model       the method's name
     * @param windows     per origin, latest first
     * @param smape       mean over windows
     * @param mase        mean over windows
     * @param forecasts   per origin (latest first), per series: the forecast made at that origin
     * @param caseMase    per origin (latest first), per series: the MASE of that forecast
     * @param seriesMase  per series, mean MASE over the origins
     * @param seriesSmape per series, mean sMAPE over the origins
     * @param coverage    per interval level, the fraction of actuals inside the interval (empty without levels)
     * @param msis        per interval level, the mean {@linkplain Metrics#msis scaled interval score} over the series
     *                    and origins whose history before the origin has a MASE scale (empty without levels; NaN when
     *                    none has)
     */
    public record Result(String model, List<Window> windows, double smape, double mase, List<List<Forecast>> forecasts,
                         double[][] caseMase, double[] seriesMase, double[] seriesSmape, Map<Integer, Double> coverage,
                         Map<Integer, Double> msis) {
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
     * Runs the backtest of point forecasts.
     *
     * @throws IllegalArgumentException if the series are too short for even one window
     */
    public static Result run(Forecaster f, List<TimeSeries> series, int horizon, int season, int windows, int step,
                             Forecaster.Progress progress) {
        return run(f, series, horizon, season, windows, step, new int[0], progress);
    }

    /**
     * Runs the backtest, with intervals at {@code levels} (percent) when there are any.
     *
     * @throws IllegalArgumentException if the series are too short for even one window
     */
    public static Result run(Forecaster f, List<TimeSeries> series, int horizon, int season, int windows, int step,
                             int[] levels, Forecaster.Progress progress) {
        return run(f, series, horizon, season, windows, step, levels, true, progress);
    }

    /**
     * Runs the backtest, refitting a network at every origin or training it once (see the class
     * documentation).
     *
     * @throws IllegalArgumentException if the series are too short for even one window
     */
    public static Result run(Forecaster f, List<TimeSeries> series, int horizon, int season, int windows, int step,
                             int[] levels, boolean refit, Forecaster.Progress progress) {
        return run(f, series, horizon, season, windows, step, levels, refit, false, progress);
    }

    /**
     * Runs the backtest as {@link #run(Forecaster, List, int, int, int, int, int[], boolean, Forecaster.Progress)}
     * does, with {@code nonNegative} scoring the forecasts as the command line outputs them: floored at zero for
     * the series whose history before the origin has never been negative ({@link NonNegativity}).
     *
     * @throws IllegalArgumentException if the series are too short for even one window
     */
    public static Result run(Forecaster f, List<TimeSeries> series, int horizon, int season, int windows, int step,
                             int[] levels, boolean refit, boolean nonNegative, Forecaster.Progress progress) {
        int w = affordableWindows(f, series, horizon, season, step, windows);
        if (w < 1) {
            throw new IllegalArgumentException("the series are too short to backtest " + f.name() + " over " + horizon + " steps");
        }
        Scorer scorer = new Scorer(f.name(), series, horizon, season, w, levels, progress);
        FittedForecaster once = null;
        if (!refit && f instanceof RecurrentForecaster rf) {
            int cut = horizon + (w - 1) * step;
            List<TimeSeries> earliest = new ArrayList<>(series.size());
            for (TimeSeries s : series) {
                earliest.add(s.head(s.length() - cut));
            }
            rf.forecast(earliest, horizon, season, levels, progress);
            once = rf.fitted();
        }
        for (int k = 0; k < w; k++) {
            int cut = horizon + k * step;
            List<TimeSeries> heads = new ArrayList<>(series.size());
            for (TimeSeries s : series) {
                heads.add(s.head(s.length() - cut));
            }
            List<Forecast> made = once != null ? once.forecast(heads) : forecast(f, heads, horizon, season, levels, progress);
            scorer.add(cut, nonNegative ? NonNegativity.apply(heads, made) : made);
        }
        return scorer.result();
    }

    /**
     * The backtest of a combination from its members' backtests on the same series and origins, without
     * refitting them: at every origin, each series' forecast is the mean of the members' point forecasts, added
     * in the members' order as {@link Combination#forecast} adds them, so it equals refitting the combination.
     *
     * @param members the members' backtests, in the combination's order of members, each over the same series
     *                and origins, without intervals
     * @throws IllegalArgumentException if the members' backtests have different origins or series
     */
    public static Result combined(String model, List<Result> members, List<TimeSeries> series, int horizon, int season,
                                  Forecaster.Progress progress) {
        List<Window> origins = members.get(0).windows();
        for (Result r : members) {
            boolean same = r.windows().size() == origins.size();
            for (int k = 0; same && k < origins.size(); k++) {
                same = r.windows().get(k).cut() == origins.get(k).cut() && r.forecasts().get(k).size() == series.size();
            }
            if (!same) {
                throw new IllegalArgumentException("the members' backtests of " + model + " cover different origins or series");
            }
        }
        Scorer scorer = new Scorer(model, series, horizon, season, origins.size(), new int[0], progress);
        for (int k = 0; k < origins.size(); k++) {
            List<Forecast> fc = new ArrayList<>(series.size());
            for (int i = 0; i < series.size(); i++) {
                double[] sum = new double[horizon];
                for (Result r : members) {
                    double[] p = r.forecasts().get(k).get(i).point();
                    for (int h = 0; h < horizon; h++) {
                        sum[h] += p[h];
                    }
                }
                for (int h = 0; h < horizon; h++) {
                    sum[h] /= members.size();
                }
                fc.add(new Forecast(series.get(i).id(), sum, Map.of()));
            }
            scorer.add(origins.get(k).cut(), fc);
        }
        return scorer.result();
    }

    /** Scores a backtest's forecasts origin by origin, latest first, reporting each origin's MASE. */
    private static final class Scorer {
        private final String model;
        private final List<TimeSeries> series;
        private final int horizon;
        private final int season;
        private final int windows;
        private final int[] levels;
        private final Forecaster.Progress progress;
        private final List<Window> out = new ArrayList<>();
        private final List<List<Forecast>> all = new ArrayList<>();
        private final double[][] caseMase;
        private final double[] seriesMase;
        private final double[] seriesSmape;
        private final long[] inside;
        private final double[] msisSum;
        private long msisCases;
        private long total;
        private double smape;
        private double mase;

        Scorer(String model, List<TimeSeries> series, int horizon, int season, int windows, int[] levels,
               Forecaster.Progress progress) {
            this.model = model;
            this.series = series;
            this.horizon = horizon;
            this.season = season;
            this.windows = windows;
            this.levels = levels;
            this.progress = progress;
            caseMase = new double[windows][series.size()];
            seriesMase = new double[series.size()];
            seriesSmape = new double[series.size()];
            inside = new long[levels.length];
            msisSum = new double[levels.length];
        }

        /** Scores the forecasts made {@code cut} values before the end of every series. */
        void add(int cut, List<Forecast> fc) {
            int k = out.size();
            all.add(fc);
            double ws = 0;
            double wm = 0;
            for (int i = 0; i < series.size(); i++) {
                double[] y = series.get(i).values();
                int origin = y.length - cut;
                double[] actual = Arrays.copyOfRange(y, origin, origin + horizon);
                double[] p = fc.get(i).point();
                double sm = Metrics.smape(actual, p);
                double[] before = Arrays.copyOf(y, origin);
                double m = Metrics.mase(before, actual, p, season);
                boolean scaled = Double.isFinite(m);
                m = scaled ? m : sm / 100;
                caseMase[k][i] = m;
                ws += sm;
                wm += m;
                seriesMase[i] += m / windows;
                seriesSmape[i] += sm / windows;
                for (int l = 0; l < levels.length; l++) {
                    double[][] band = fc.get(i).intervals().get(levels[l]);
                    for (int h = 0; h < horizon; h++) {
                        if (actual[h] >= band[0][h] && actual[h] <= band[1][h]) {
                            inside[l]++;
                        }
                    }
                    if (scaled) {
                        msisSum[l] += Metrics.msis(before, actual, band[0], band[1], levels[l], season);
                    }
                }
                if (scaled && levels.length > 0) {
                    msisCases++;
                }
                total += horizon;
            }
            Window win = new Window(cut, ws / series.size(), wm / series.size());
            out.add(win);
            smape += win.smape();
            mase += win.mase();
            progress.message(String.format(Locale.ROOT, "  backtest %s, origin %d/%d: MASE %.3f", model, k + 1, windows,
                    win.mase()));
        }

        Result result() {
            Map<Integer, Double> coverage = new LinkedHashMap<>();
            Map<Integer, Double> msis = new LinkedHashMap<>();
            for (int l = 0; l < levels.length; l++) {
                coverage.put(levels[l], inside[l] / (double) total);
                msis.put(levels[l], msisCases == 0 ? Double.NaN : msisSum[l] / msisCases);
            }
            return new Result(model, List.copyOf(out), smape / windows, mase / windows, all, caseMase, seriesMase,
                    seriesSmape, coverage, msis);
        }
    }

    /** Forecasts with intervals when asked: the network's own, or conformal ones for a local method. */
    private static List<Forecast> forecast(Forecaster f, List<TimeSeries> heads, int horizon, int season, int[] levels,
                                           Forecaster.Progress progress) {
        if (f instanceof EnsembleForecaster e) {
            return e.forecast(heads, horizon, season, levels, progress).forecasts();
        }
        if (f instanceof AutoForecaster.Chosen c) {
            return c.forecast(heads, horizon, season, levels, progress).forecasts();
        }
        if (levels.length > 0) {
            if (f instanceof RecurrentForecaster rf) {
                return rf.forecast(heads, horizon, season, levels, progress);
            }
            return LocalIntervals.forecast(f, heads, horizon, season, levels);
        }
        List<double[]> points = f.forecast(heads, horizon, season, progress);
        List<Forecast> out = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            out.add(new Forecast(heads.get(i).id(), points.get(i), Map.of()));
        }
        return out;
    }
}
