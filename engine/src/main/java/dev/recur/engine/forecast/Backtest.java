package dev.recur.engine.forecast;

import dev.recur.engine.intervals.LocalIntervals;
import dev.recur.engine.neural.FittedForecaster;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.Metrics;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Combination;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rolling-origin evaluation: each series is cut at up to {@code windows} origins, {@code step} apart and ending
 * {@code horizon} before its end; the method is refitted on the history before each origin (for a global
 * method, on the history of every series taking part in that origin at once) and scored on the next
 * {@code horizon} values. A series takes part in as many origins as its length affords (the method's
 * {@linkplain Forecaster#minimumLength minimum length} before the origin), so that a young series of a panel
 * neither stops the backtest nor cuts the others' origins to its own; a series too short for even one origin is
 * left out and named in the result ({@link Result#leftOut()}). With interval
 * levels, the method's intervals are produced too (its own for a network, rolling-origin conformal ones for
 * a local method) and their coverage and scaled interval score ({@link Metrics#msis}) are measured. The global
 * methods are the networks ({@link RecurrentForecaster}), the default ({@link EnsembleForecaster}) and
 * {@code auto}'s choice ({@link AutoForecaster.Chosen}); any other method is taken to be local, each series forecast
 * from its own history alone, the series in parallel, as its forecasts and intervals are
 * ({@link LocalIntervals#points}).
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
     * @param smape  mean sMAPE over the series scored at this origin
     * @param mase   mean MASE over the series scored at this origin
     * @param series how many series were scored at this origin (those long enough for it)
     */
    public record Window(int cut, double smape, double mase, int series) {
    }

    /**
     * The outcome.
     *
     * @param model       the method's name
     * @param windows     per origin, latest first
     * @param smape       mean over the forecasts scored (over the windows' means when every series took part in
     *                    every origin, the same number)
     * @param mase        mean over the forecasts scored, as {@code smape}
     * @param forecasts   per origin (latest first), per series: the forecast made at that origin, or null where the
     *                    series was too short to take part in it
     * @param caseMase    per origin (latest first), per series: the MASE of that forecast (NaN where there is none)
     * @param seriesMase  per series, mean MASE over the origins it took part in (NaN for a series left out)
     * @param seriesSmape per series, mean sMAPE over the origins it took part in (NaN for a series left out)
     * @param coverage    per interval level, the fraction of actuals inside the interval (empty without levels)
     * @param msis        per interval level, the mean {@linkplain Metrics#msis scaled interval score} over the series
     *                    and origins whose history before the origin has a MASE scale (empty without levels; NaN when
     *                    none has)
     * @param origins     per series, how many origins it took part in (0 for a series too short for one)
     * @param ids         per series, its id
     */
    public record Result(String model, List<Window> windows, double smape, double mase, List<List<Forecast>> forecasts,
                         double[][] caseMase, double[] seriesMase, double[] seriesSmape, Map<Integer, Double> coverage,
                         Map<Integer, Double> msis, int[] origins, List<String> ids) {

        /** The ids of the series too short for even one origin, in the input's order. */
        public List<String> leftOut() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < origins.length; i++) {
                if (origins[i] == 0) {
                    out.add(ids.get(i));
                }
            }
            return out;
        }

        /** Whether every series took part in every origin. */
        public boolean complete() {
            return everyAt(origins, windows.size());
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: MASE %.3f, sMAPE %.2f over %d window%s", model, mase, smape,
                    windows.size(), windows.size() == 1 ? "" : "s");
        }
    }

    private Backtest() {
    }

    /** Whether every series takes part in all {@code windows} origins. */
    private static boolean everyAt(int[] origins, int windows) {
        for (int o : origins) {
            if (o != windows) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many origins each series affords for every one of {@code methods}, up to {@code wanted}: the origins
     * {@code step} apart, the latest {@code horizon} before its end, that leave each method its minimum length
     * before them. Backtests of several methods over these same origins score the same forecasts' targets.
     */
    public static int[] affordable(List<? extends Forecaster> methods, List<TimeSeries> series, int horizon, int season,
                                   int step, int wanted) {
        int need = 1;
        for (Forecaster f : methods) {
            need = Math.max(need, f.minimumLength(horizon, season));
        }
        int[] out = new int[series.size()];
        for (int i = 0; i < out.length; i++) {
            int possible = Math.floorDiv(series.get(i).length() - horizon - need, Math.max(1, step)) + 1;
            out[i] = Math.max(0, Math.min(wanted, possible));
        }
        return out;
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
        return run(f, series, horizon, season, affordable(List.of(f), series, horizon, season, step, windows), step,
                levels, refit, nonNegative, progress);
    }

    /**
     * Runs the backtest with each series cut at the number of origins given for it ({@link #affordable}: a series
     * given 0 is left out, and named by {@link Result#leftOut()}), otherwise as
     * {@link #run(Forecaster, List, int, int, int, int, int[], boolean, boolean, Forecaster.Progress)}. Without
     * refitting, the network is trained once on the series that take part in the earliest origin, cut there.
     *
     * @param origins per series, how many origins it takes part in; each must leave the method its minimum length
     * @throws IllegalArgumentException if no series takes part in any origin, or a count leaves a series too short
     */
    public static Result run(Forecaster f, List<TimeSeries> series, int horizon, int season, int[] origins, int step,
                             int[] levels, boolean refit, boolean nonNegative, Forecaster.Progress progress) {
        if (origins.length != series.size()) {
            throw new IllegalArgumentException("origins for " + origins.length + " series, but " + series.size() + " series");
        }
        int need = f.minimumLength(horizon, season);
        int w = 0;
        int longest = 0;
        for (int i = 0; i < origins.length; i++) {
            longest = Math.max(longest, series.get(i).length());
            if (origins[i] > 0 && series.get(i).length() - horizon - (origins[i] - 1) * step < need) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "series '%s' has %d values, too few for "
                        + "%d origins of %s over %d steps", series.get(i).id(), series.get(i).length(), origins[i],
                        f.name(), horizon));
            }
            w = Math.max(w, origins[i]);
        }
        if (w < 1) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the series are too short to backtest %s over "
                    + "%d steps: one origin needs %d values, and the longest series has %d", f.name(), horizon,
                    horizon + need, longest));
        }
        Scorer scorer = new Scorer(f.name(), series, horizon, season, w, origins, levels, progress);
        FittedForecaster once = null;
        if (!refit && f instanceof RecurrentForecaster rf) {
            int cut = horizon + (w - 1) * step;
            List<TimeSeries> earliest = new ArrayList<>(series.size());
            for (int i = 0; i < series.size(); i++) {
                if (origins[i] == w) {
                    earliest.add(series.get(i).head(series.get(i).length() - cut));
                }
            }
            rf.forecast(earliest, horizon, season, levels, progress);
            once = rf.fitted();
        }
        for (int k = 0; k < w; k++) {
            int cut = horizon + k * step;
            List<TimeSeries> heads = new ArrayList<>(series.size());
            int[] at = new int[series.size()];
            for (int i = 0; i < series.size(); i++) {
                if (origins[i] > k) {
                    at[heads.size()] = i;
                    heads.add(series.get(i).head(series.get(i).length() - cut));
                }
            }
            List<Forecast> made = once != null ? once.forecast(heads) : forecast(f, heads, horizon, season, levels, progress);
            made = nonNegative ? NonNegativity.apply(heads, made) : made;
            List<Forecast> all = new ArrayList<>(java.util.Collections.nCopies(series.size(), (Forecast) null));
            for (int j = 0; j < made.size(); j++) {
                all.set(at[j], made.get(j));
            }
            scorer.add(cut, all);
        }
        return scorer.result();
    }

    /**
     * The backtest of a combination from its members' backtests on the same series and origins, without
     * refitting them: at every origin, each series' forecast is the mean of the members' point forecasts, added
     * in the members' order as {@link Combination#forecast} adds them, so it equals refitting the combination.
     *
     * @param members the members' backtests, in the combination's order of members, each over the same series
     *                and origins (each series at the same number of them), without intervals
     * @throws IllegalArgumentException if the members' backtests have different origins or series
     */
    public static Result combined(String model, List<Result> members, List<TimeSeries> series, int horizon, int season,
                                  Forecaster.Progress progress) {
        List<Window> origins = members.get(0).windows();
        for (Result r : members) {
            boolean same = r.windows().size() == origins.size() && Arrays.equals(r.origins(), members.get(0).origins());
            for (int k = 0; same && k < origins.size(); k++) {
                same = r.windows().get(k).cut() == origins.get(k).cut() && r.forecasts().get(k).size() == series.size();
            }
            if (!same) {
                throw new IllegalArgumentException("the members' backtests of " + model + " cover different origins or series");
            }
        }
        Scorer scorer = new Scorer(model, series, horizon, season, origins.size(), members.get(0).origins(), new int[0],
                progress);
        for (int k = 0; k < origins.size(); k++) {
            List<Forecast> fc = new ArrayList<>(series.size());
            for (int i = 0; i < series.size(); i++) {
                boolean absent = false;
                for (Result r : members) {
                    absent |= r.forecasts().get(k).get(i) == null;
                }
                if (absent) {
                    fc.add(null);
                    continue;
                }
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

    /**
     * Scores a backtest's forecasts origin by origin, latest first, reporting each origin's MASE under its number
     * counted from the earliest, as {@code recur backtest} prints them. A series takes
     * part in the first {@code origins[i]} of them; its forecast at the others is null.
     */
    private static final class Scorer {
        private final String model;
        private final List<TimeSeries> series;
        private final int horizon;
        private final int season;
        private final int windows;
        private final int[] origins;
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
        private long cases;
        private double smape;
        private double mase;
        private double caseSmape;
        private double caseMaseSum;

        Scorer(String model, List<TimeSeries> series, int horizon, int season, int windows, int[] origins, int[] levels,
               Forecaster.Progress progress) {
            this.model = model;
            this.series = series;
            this.horizon = horizon;
            this.season = season;
            this.windows = windows;
            this.origins = origins;
            this.levels = levels;
            this.progress = progress;
            caseMase = new double[windows][series.size()];
            for (double[] row : caseMase) {
                Arrays.fill(row, Double.NaN);
            }
            seriesMase = new double[series.size()];
            seriesSmape = new double[series.size()];
            for (int i = 0; i < origins.length; i++) {
                if (origins[i] == 0) {
                    seriesMase[i] = Double.NaN;
                    seriesSmape[i] = Double.NaN;
                }
            }
            inside = new long[levels.length];
            msisSum = new double[levels.length];
        }

        /** Scores the forecasts made {@code cut} values before the end of every series taking part (null: not). */
        void add(int cut, List<Forecast> fc) {
            int k = out.size();
            all.add(java.util.Collections.unmodifiableList(fc));   // a fresh list from each caller
            double ws = 0;
            double wm = 0;
            int scored = 0;
            for (int i = 0; i < series.size(); i++) {
                if (fc.get(i) == null) {
                    continue;
                }
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
                scored++;
                seriesMase[i] += m / origins[i];
                seriesSmape[i] += sm / origins[i];
                for (int l = 0; l < levels.length; l++) {
                    double[][] band = fc.get(i).intervals().get(levels[l]);
                    for (int h = 0; h < horizon; h++) {
                        if (Metrics.covers(actual[h], band[0][h], band[1][h])) {
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
            Window win = new Window(cut, ws / scored, wm / scored, scored);
            out.add(win);
            smape += win.smape();
            mase += win.mase();
            caseSmape += ws;
            caseMaseSum += wm;
            cases += scored;
            // numbered as recur backtest's table numbers them, earliest first, though scored latest first
            progress.message(String.format(Locale.ROOT, "  backtest %s, origin %d of %d (last %d values held out): "
                            + "MASE %.3f%s", model, windows - k, windows, cut, win.mase(),
                    scored == series.size() ? "" : " (" + scored + " of " + series.size() + " series)"));
        }

        Result result() {
            Map<Integer, Double> coverage = new LinkedHashMap<>();
            Map<Integer, Double> msis = new LinkedHashMap<>();
            for (int l = 0; l < levels.length; l++) {
                coverage.put(levels[l], inside[l] / (double) total);
                msis.put(levels[l], msisCases == 0 ? Double.NaN : msisSum[l] / msisCases);
            }
            boolean complete = everyAt(origins, windows);
            // every series at every origin: the mean of the origins' means, as it always was; else over the forecasts
            double s = complete ? smape / windows : caseSmape / cases;
            double m = complete ? mase / windows : caseMaseSum / cases;
            List<String> ids = new ArrayList<>(series.size());
            for (TimeSeries ts : series) {
                ids.add(ts.id());
            }
            return new Result(model, List.copyOf(out), s, m, List.copyOf(all), caseMase, seriesMase, seriesSmape,
                    coverage, msis, origins.clone(), List.copyOf(ids));
        }
    }

    /**
     * Forecasts with intervals when asked: a network's own, for the series that hold its full window, with {@code comb}
     * for the others as {@code recur forecast --model gru} gives them ({@link RecurrentForecaster#forecastTrainingSeries},
     * {@link StatisticalFallback#forecast}), or conformal ones for a local method.
     */
    private static List<Forecast> forecast(Forecaster f, List<TimeSeries> heads, int horizon, int season, int[] levels,
                                           Forecaster.Progress progress) {
        if (f instanceof EnsembleForecaster e) {
            return e.forecast(heads, horizon, season, levels, progress).forecasts();
        }
        if (f instanceof AutoForecaster.Chosen c) {
            return c.forecast(heads, horizon, season, levels, progress).forecasts();
        }
        if (f instanceof RecurrentForecaster rf) {
            // as recur forecast --model gru forecasts: the network the series of its full window, comb the others
            return StatisticalFallback.merged(heads, rf.forecastTrainingSeries(heads, horizon, season, levels,
                    progress), rf.name(), horizon, season, levels).forecasts();
        }
        if (levels.length > 0) {
            return LocalIntervals.forecast(f, heads, horizon, season, levels);
        }
        // a local method fits each series on its own: the series in parallel, as the forecasts and their intervals
        List<double[]> points = LocalIntervals.points(f, heads, horizon, season);
        List<Forecast> out = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            out.add(new Forecast(heads.get(i).id(), points.get(i), Map.of()));
        }
        return out;
    }
}
