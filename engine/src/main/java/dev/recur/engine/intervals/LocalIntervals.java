package dev.recur.engine.intervals;

import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.Metrics;
import dev.recur.engine.series.TimeSeries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Split-conformal prediction intervals for local methods (the baselines, ETS, Theta, ARIMA and their
 * combinations), from rolling-origin backtests: each series is forecast from earlier origins spread over its
 * history (half a horizon apart, from the last, or, in a panel whose series end together at a horizon shorter
 * than the season, from the last whose steps fall in the same part of the season as the forecast's, {@link #phase}; up to {@value #ORIGINS} of them;
 * fewer per series in larger
 * panels so that the panel has about {@value #BUDGET} in all, and in panels of more than {@value #BUDGET} series
 * that give a backtest, one origin on each of a sample of about {@value #BUDGET} of them: {@link #origins}), the
 * absolute errors per horizon step are divided by the MASE scale of the history before the origin (as a
 * forecast's are by its history's) so that series of any size pool together, and the interval at level L is the point
 * forecast ± the conformal L-quantile of the pooled scaled errors times the series' scale. Series are
 * worked on in parallel; the result does not depend on the number of threads.
 *
 * <p>A backtest origin leaves at least two seasons of history ({@link #minimumHistory}). When no series of the
 * panel is that long (weekly series of 80 values with a season of 52 and a horizon of 13, say), the backtests
 * leave only what the method needs ({@link #shortHistoryErrors}), and a series too short for a whole horizon after
 * such an origin gives the steps it has. A step with too few errors for a conformal quantile at the highest level
 * (a single short series, or a file of a few), or none, gets a normal-theory one from every step's errors
 * ({@link ErrorQuantiles#fewErrorSteps}). So every panel that has a series longer
 * than the method's minimum gets intervals, calibrated on its own series. A caller that has the errors of a file's
 * longer series to fall back on can refuse short-history backtests that are too few to calibrate the levels asked
 * for ({@link ErrorQuantiles#fewestForConformal}).
 */
public final class LocalIntervals {

    /** Most backtest origins per series. */
    public static final int ORIGINS = 20;
    /** Backtest origins aimed at over the whole panel. */
    public static final int BUDGET = 400;

    private LocalIntervals() {
    }

    /** Forecasts every series with intervals at {@code levels} (percent). */
    public static List<Forecast> forecast(Forecaster method, List<TimeSeries> history, int horizon, int season,
                                          int[] levels) {
        return forecast(method, history, horizon, season, levels, Forecaster.Progress.NONE);
    }

    /** Forecasts every series with intervals at {@code levels} (percent), with progress in {@code progress}'s status. */
    public static List<Forecast> forecast(Forecaster method, List<TimeSeries> history, int horizon, int season,
                                          int[] levels, Forecaster.Progress progress) {
        Forecaster.checkHorizon(horizon);
        List<double[]> points = points(method, history, horizon, season, new Counter(method.name(), history.size(), progress));
        return withQuantiles(method, history, points, horizon, season, levels,
                ownQuantiles(method, history, horizon, season, levels, progress));
    }

    /** Conformal quantiles of {@code method}'s interval backtests on {@code history}; none without levels. */
    private static double[][] ownQuantiles(Forecaster method, List<TimeSeries> history, int horizon, int season,
                                           int[] levels, Forecaster.Progress progress) {
        return levels.length == 0 ? new double[0][horizon]
                : ErrorQuantiles.quantiles(backtestErrors(method, history, horizon, season,
                new Counter(method.name() + " interval backtests", history.size(), progress), 0), horizon, levels);
    }

    /**
     * Forecasts with intervals, and how they were calibrated: {@code note} is null when on {@code method}'s own
     * backtests, else one line saying on what, or that the forecasts have none (NaN).
     */
    public record Calibrated(List<Forecast> forecasts, String note) {
    }

    /**
     * As {@link #forecast(Forecaster, List, int, int, int[], Forecaster.Progress)}, but series all at the method's
     * minimum length, too short to backtest it (a file of 4-value series for ETS, whose minimum is 4), do not stop
     * the run: their intervals are calibrated on {@code standIn}'s backtests over the series of {@code file} that it
     * fits (the method that forecasts a file's series too short for the one asked for), scaled for each series as
     * its own would be; when those give none either, the forecasts have no intervals (NaN). Before, such a file
     * stopped the whole run with "too short to calibrate prediction intervals".
     *
     * @param file the file's series, {@code history} among them; {@code standIn} is backtested on those it fits
     */
    public static Calibrated forecast(Forecaster method, List<TimeSeries> history, Forecaster standIn,
                                      List<TimeSeries> file, int horizon, int season, int[] levels,
                                      Forecaster.Progress progress) {
        Forecaster.checkHorizon(horizon);
        List<double[]> points = points(method, history, horizon, season,
                new Counter(method.name(), history.size(), progress));
        double[][] q = ownQuantiles(method, history, horizon, season, levels, progress);
        String note = null;
        // the series that need calibrating counted only where nothing calibrated them: a pass over every series
        long varying = levels.length > 0 && Double.isNaN(q[0][0]) ? varying(history, season) : 0;
        if (varying > 0) {
            int need = standIn.minimumLength(horizon, season);
            List<TimeSeries> fits = file.stream().filter(s -> s.length() >= need).toList();
            if (!fits.isEmpty()) {
                q = backtestQuantiles(standIn, fits, horizon, season, levels, true);
            }
            note = standInNote(method, varying, standIn, !Double.isNaN(q[0][0]), horizon, season);
        }
        return new Calibrated(applied(history, points, season, q, levels), note);
    }

    /**
     * How many of the series need calibrated intervals: those of a {@link #intervalScale} above 0 (the others' have no
     * width, {@link #apply}).
     */
    public static long varying(List<TimeSeries> history, int season) {
        return history.stream().filter(s -> intervalScale(s.values(), season) != 0).count();
    }

    /**
     * The line that says how the intervals of {@code series} series too short to backtest {@code method} were
     * calibrated: on {@code standIn}'s backtests when {@code calibrated}, else not at all (NaN). One machine and
     * Spark say the same.
     */
    public static String standInNote(Forecaster method, long series, Forecaster standIn, boolean calibrated,
                                     int horizon, int season) {
        String tooShort = String.format(Locale.ROOT, "the series are too short to backtest %s (that needs %d "
                + "values)", method.name(), calibrationLength(method, horizon, season, true));
        return calibrated
                ? String.format(Locale.ROOT, "the intervals of %d series are calibrated on %s's backtests: %s",
                series, standIn.name(), tooShort)
                : String.format(Locale.ROOT, "no prediction intervals for %d series: %s%s", series, tooShort,
                standIn.name().equals(method.name()) ? "" : " or " + standIn.name());
    }

    /** Counts series done from any thread, and says so every {@value #EVERY} series. */
    private static final class Counter {
        static final int EVERY = 5000;
        private final String what;
        private final int total;
        private final Forecaster.Progress progress;
        private final java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();

        Counter(String what, int total, Forecaster.Progress progress) {
            this.what = what;
            this.total = total;
            this.progress = progress;
        }

        void one() {
            int d = done.incrementAndGet();
            if (progress != Forecaster.Progress.NONE && total > EVERY && d % EVERY == 0) {
                progress.status(what + ": " + d + "/" + total + " series");
            }
        }
    }

    /** Point forecasts of a local method, series by series in parallel. */
    public static List<double[]> points(Forecaster method, List<TimeSeries> history, int horizon, int season) {
        return points(method, history, horizon, season, new Counter("", 0, Forecaster.Progress.NONE));
    }

    private static List<double[]> points(Forecaster method, List<TimeSeries> history, int horizon, int season,
                                         Counter counter) {
        Forecaster.checkHorizon(horizon);
        double[][] out = new double[history.size()][];
        RuntimeException[] error = new RuntimeException[1];
        IntStream.range(0, history.size()).parallel().forEach(s -> {
            try {
                out[s] = method.forecast(List.of(history.get(s)), horizon, season, Forecaster.Progress.NONE).get(0);
                counter.one();
            } catch (RuntimeException e) {
                synchronized (error) {
                    if (error[0] == null) {
                        error[0] = e;
                    }
                }
            }
        });
        if (error[0] != null) {
            throw error[0];
        }
        return Arrays.asList(out);
    }

    /** The series' MASE scale, or its mean absolute value when that is 0 or undefined, or 1. */
    public static double scale(double[] y, int season) {
        return fallingBack(y, Metrics.maseScale(y, season));
    }

    /** {@link #scale(double[], int)} from the series' MASE scale, already computed. */
    private static double fallingBack(double[] y, double maseScale) {
        double scale = maseScale;
        if (!(scale > 0) || !Double.isFinite(scale)) {
            double s = 0;
            for (double v : y) {
                s += Math.abs(v);
            }
            scale = s / y.length;
        }
        return scale > 0 && Double.isFinite(scale) ? scale : 1;
    }

    /**
     * What a series' interval half-widths are, in units of the pooled quantiles: its {@link #scale}, but 0 when its
     * MASE scale is 0, that is when its history repeats itself exactly at the season (a constant series, say). Such
     * a history gives no measure of how far the future may stray, and its mean absolute value, the divisor's
     * fallback, is in other units than the other series' MASE scales that the quantiles are pooled in: a series
     * constant at 5 in a small panel got a 95% interval of [−21.9, 31.9]. It gets none, as R's {@code ets} and
     * {@code naive} give it (their residuals' spread is 0).
     */
    public static double intervalScale(double[] y, int season) {
        double maseScale = Metrics.maseScale(y, season);
        return maseScale == 0 ? 0 : fallingBack(y, maseScale);
    }

    /** Adds intervals to given point forecasts from backtests of {@code method}. */
    public static List<Forecast> withIntervals(Forecaster method, List<TimeSeries> history, List<double[]> points,
                                               int horizon, int season, int[] levels) {
        return withQuantiles(method, history, points, horizon, season, levels,
                backtestQuantiles(method, history, horizon, season, levels));
    }

    private static List<Forecast> withQuantiles(Forecaster method, List<TimeSeries> history, List<double[]> points,
                                                int horizon, int season, int[] levels, double[][] q) {
        if (levels.length > 0 && Double.isNaN(q[0][0]) && varying(history, season) > 0) {
            throw new IllegalArgumentException("the series are too short to calibrate prediction intervals for "
                    + method.name() + ": a backtest needs a series of at least "
                    + (method.minimumLength(horizon, season) + 1) + " values");
        }
        return applied(history, points, season, q, levels);
    }

    /** Each series' points with the quantiles {@code q} times its {@link #intervalScale} either side. */
    private static List<Forecast> applied(List<TimeSeries> history, List<double[]> points, int season, double[][] q,
                                          int[] levels) {
        List<Forecast> out = new ArrayList<>(history.size());
        for (int s = 0; s < history.size(); s++) {
            out.add(apply(history.get(s).id(), points.get(s), intervalScale(history.get(s).values(), season), q,
                    levels));
        }
        return out;
    }

    /** The shortest history a backtest origin leaves: what the method needs, and at least two seasons. */
    static int minimumHistory(Forecaster method, int horizon, int season) {
        return Math.max(method.minimumLength(horizon, season), 2 * Math.max(1, season));
    }

    /**
     * Conformal quantiles {@code [level][step]} of the scaled errors of {@code method}'s backtests over the panel;
     * NaN when no series is longer than the method's minimum.
     */
    public static double[][] backtestQuantiles(Forecaster method, List<TimeSeries> history, int horizon, int season,
                                        int[] levels) {
        return backtestQuantiles(method, history, horizon, season, levels, true);
    }

    /**
     * As {@link #backtestQuantiles(Forecaster, List, int, int, int[])}; without {@code fewShortHistoriesToo}, also NaN
     * when the panel's only backtests are from short histories and there are fewer of them than
     * {@link ErrorQuantiles#fewestForConformal} asks: for a caller that has a better founded calibration to fall back on
     * (the errors of longer series of the same file).
     */
    public static double[][] backtestQuantiles(Forecaster method, List<TimeSeries> history, int horizon, int season,
                                        int[] levels, boolean fewShortHistoriesToo) {
        return ErrorQuantiles.quantiles(backtestErrors(method, history, horizon, season,
                new Counter("", 0, Forecaster.Progress.NONE),
                fewShortHistoriesToo ? 0 : ErrorQuantiles.fewestForConformal(levels)), horizon, levels);
    }

    /**
     * Scaled absolute backtest errors: for each series, for each origin, one array of {@code horizon} values
     * {@code |y − ŷ| / scale}. Origins are half a horizon apart, from the last, while {@link #minimumHistory} values
     * remain before them; when that leaves no backtest in the whole panel, while the method's minimum remains
     * ({@link #shortHistoryErrors}).
     */
    private static double[][][] backtestErrors(Forecaster method, List<TimeSeries> history, int horizon, int season,
                                               Counter counter, int fewestShort) {
        double[][][] errors = panelErrors(method, history, horizon, season, false, counter);
        if (Arrays.stream(errors).allMatch(e -> e.length == 0)) {
            // no series leaves two seasons before a backtest: back-test short histories, as these series are
            errors = panelErrors(method, history, horizon, season, true, new Counter("", 0, Forecaster.Progress.NONE));
            if (Arrays.stream(errors).mapToInt(e -> e.length).sum() < fewestShort) {
                Arrays.fill(errors, new double[0][]);
            }
        }
        return errors;
    }

    /**
     * Every series' errors from its {@link #origins} origins, series in parallel: origins that leave
     * {@link #minimumHistory} values, or with {@code shortHistory} the method's minimum ({@link #shortHistoryErrors}).
     */
    private static double[][][] panelErrors(Forecaster method, List<TimeSeries> history, int horizon, int season,
                                            boolean shortHistory, Counter counter) {
        int minLen = shortHistory ? method.minimumLength(horizon, season) : minimumHistory(method, horizon, season);
        int length = calibrationLength(method, horizon, season, shortHistory);
        // the series that give a backtest: their count sets each one's origins, their ends whether they end together
        List<String> ends = history.stream().filter(s -> s.length() >= length).map(LocalIntervals::end).toList();
        long eligible = ends.size();
        boolean together = endTogether(ends);
        double[][][] errors = new double[history.size()][][];
        IntStream.range(0, history.size()).parallel().forEach(s -> {
            int origins = origins(history.get(s).id(), eligible);
            errors[s] = origins > 0
                    ? seriesErrors(method, history.get(s), horizon, season, minLen, origins, shortHistory, together,
                    true)
                    : new double[0][];
            counter.one();
        });
        return errors;
    }

    /** When a series ends: its last step, or its last time, as a key that equals another series' when they end together. */
    public static String end(TimeSeries series) {
        int last = series.length() - 1;
        return series.isSteps() ? Long.toString(series.step(last)) : series.time(last).toString();
    }

    /**
     * Whether at least half of the {@code ends} ({@link #end}, one per series that gives a backtest) are one and the
     * same: a panel of series that end together, whose backtests from the same origin all forecast the same stretch
     * of the calendar.
     */
    public static boolean endTogether(List<String> ends) {
        Map<String, Integer> count = new HashMap<>();
        int most = 0;
        for (String e : ends) {
            most = Math.max(most, count.merge(e, 1, Integer::sum));
        }
        return endTogether(most, ends.size());
    }

    /**
     * Whether series end together, from counts: {@code atCommonEnd} of the {@code ends} series that give a backtest
     * end at their most common end (Spark counts them over a cluster, one machine from the list of ends).
     */
    public static boolean endTogether(long atCommonEnd, long ends) {
        return ends > 0 && 2 * atCommonEnd >= ends;
    }

    /**
     * How many steps before the latest possible origin a series' backtests begin: in a panel whose series end
     * together ({@link #endTogether}) with a horizon shorter than the season, {@code season − horizon}, which puts the
     * backtest's steps in the same part of the season as the forecast's (39 for a horizon of 13 weeks and a season of
     * 52: the same weeks a year earlier), when the series can spare them ({@code room}); otherwise 0. Every
     * forecast of such a panel covers the same weeks, and its latest backtests the same earlier weeks: 314 weekly
     * jewelry sales series that
     * end in March had their backtests all over one Christmas and, calibrated on those, 80% intervals that covered
     * 99.9% of the calm spring that followed (92.1% from the same weeks a year before; MSIS 16.98 → 6.52). A panel
     * of series that end at different times has its latest backtests spread over the season already, and loses
     * nothing to history spared. A horizon of a season or more spans every part of it: M3 monthly's 349 short series,
     * most of them of the same length, moved back 6 months at a horizon of 18 got a 95% MSIS 2.6% worse.
     */
    static int phase(int horizon, int season, int room, boolean endTogether) {
        if (!endTogether || horizon >= season) {
            return 0;
        }
        int shift = season - horizon;
        return shift <= room ? shift : 0;
    }

    /**
     * The fewest values of a series that gives a backtest: {@link #minimumHistory} and a horizon, or, from short
     * histories ({@link #shortHistoryErrors}), one value past the method's minimum.
     */
    public static int calibrationLength(Forecaster method, int horizon, int season, boolean shortHistory) {
        return shortHistory ? method.minimumLength(horizon, season) + 1
                : minimumHistory(method, horizon, season) + horizon;
    }

    /**
     * How many backtest origins the series {@code id}, one of {@code eligible} series that give a backtest
     * ({@link #calibrationLength}), is forecast from to calibrate its panel's intervals: {@value #BUDGET} / eligible
     * on average, at most {@value #ORIGINS}; the whole part of that for every series, and one more for a share of
     * them, those whose mixed id hash falls below the fractional part. So a panel of 365 series gets about 400
     * backtests, not 730, and one of more than {@value #BUDGET} series backtests a sample of about {@value #BUDGET}
     * once each (0 for the others). The coverage of a conformal quantile from 400 errors per step has a standard
     * error of 2 points at 80% and 1.1 at 95%, while backtesting every series of a large file doubled the
     * statistical methods' cost. The count depends on the ids alone: not on the series' order, the number
     * of threads, or a cluster's partitions, so one machine and Spark backtest the same origins.
     */
    public static int origins(String id, long eligible) {
        double share = (double) BUDGET / Math.max(1, eligible);
        if (share >= ORIGINS) {
            return ORIGINS;
        }
        int whole = (int) share;
        long h = id.hashCode() * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return whole + ((h >>> 11) * 0x1.0p-53 < share - whole ? 1 : 0);
    }

    /**
     * One series' scaled absolute backtest errors from {@code origins} origins ({@link #origins}), as pooled by
     * {@link #forecast}: rows of {@code horizon} values, latest origin first.
     */
    public static double[][] seriesErrors(Forecaster method, TimeSeries series, int horizon, int season, int origins) {
        return seriesErrors(method, series, horizon, season, origins, false);
    }

    /**
     * As {@link #seriesErrors(Forecaster, TimeSeries, int, int, int)}, for a series of a panel whose series end
     * together or not ({@link #endTogether}, {@link #phase}).
     */
    public static double[][] seriesErrors(Forecaster method, TimeSeries series, int horizon, int season, int origins,
                                          boolean endTogether) {
        return seriesErrors(method, series, horizon, season, minimumHistory(method, horizon, season), origins, false,
                endTogether, false);
    }

    /**
     * One series' scaled absolute backtest errors from origins that leave only what the method needs
     * ({@link Forecaster#minimumLength}), for a panel where no series allows {@link #seriesErrors}'s: rows of
     * {@code horizon} values, latest origin first; when the series is too short for a whole horizon after that
     * minimum, one row from the minimum with NaN for the steps past the series' end.
     */
    public static double[][] shortHistoryErrors(Forecaster method, TimeSeries series, int horizon, int season,
                                                int origins) {
        return shortHistoryErrors(method, series, horizon, season, origins, false);
    }

    /**
     * As {@link #shortHistoryErrors(Forecaster, TimeSeries, int, int, int)}, for a series of a panel whose series end
     * together or not ({@link #endTogether}, {@link #phase}).
     */
    public static double[][] shortHistoryErrors(Forecaster method, TimeSeries series, int horizon, int season,
                                                int origins, boolean endTogether) {
        return seriesErrors(method, series, horizon, season, method.minimumLength(horizon, season), origins, true,
                endTogether, false);
    }

    /**
     * One series' backtest errors from up to {@code origins} origins that leave at least {@code minLen} values (with
     * {@code partial}, one from {@code minLen} when none does), from the latest, {@link #phase} steps before the last
     * possible one when the series' panel ends together. With {@code parallel}, the origins are forecast in
     * parallel (the same rows: each origin's forecast depends on its history alone), so that a panel of a few series,
     * or one, does not backtest its up to {@value #ORIGINS} origins on one core while the others wait; callers
     * that already work in parallel (a Spark task) keep one thread. An origin whose history repeats itself exactly
     * (a constant stretch: no MASE scale) gives no row.
     */
    private static double[][] seriesErrors(Forecaster method, TimeSeries series, int horizon, int season, int minLen,
                                           int origins, boolean partial, boolean endTogether, boolean parallel) {
        int gap = Math.max(1, (horizon + 1) / 2);
        double[] y = series.values();
        int latest = y.length - horizon - phase(horizon, season, y.length - horizon - minLen, endTogether);
        List<Integer> at = new ArrayList<>();
        for (int k = 0; k < origins; k++) {
            int origin = latest - k * gap;
            if (origin < minLen) {
                if (!partial || k > 0 || minLen >= y.length) {
                    break;
                }
                origin = minLen;   // the steps the series has after the shortest history the method takes
            }
            at.add(origin);
            if (origin + horizon > y.length) {
                break;
            }
        }
        double[][] rows = new double[at.size()][];
        IntStream origin = IntStream.range(0, at.size());
        (parallel ? origin.parallel() : origin).forEach(k -> rows[k] = originErrors(method, series, horizon, season,
                at.get(k)));
        // the rows up to the first origin whose history the method refused, where the sequential loop stopped
        int kept = 0;
        while (kept < rows.length && rows[kept] != null) {
            kept++;
        }
        // less the origins whose history repeats itself exactly (originErrors): no errors, no backtest, so that a
        // panel of such series falls back to its short histories' backtests as one without them does
        return Arrays.stream(rows, 0, kept).filter(r -> Arrays.stream(r).anyMatch(e -> !Double.isNaN(e)))
                .toArray(double[][]::new);
    }

    /** The scaled absolute errors of one backtest from {@code origin} (NaN past the series' end); null if refused. */
    private static double[] originErrors(Forecaster method, TimeSeries series, int horizon, int season, int origin) {
        double[] y = series.values();
        double[] f;
        try {
            f = method.forecast(List.of(series.head(origin)), horizon, season, Forecaster.Progress.NONE).get(0);
        } catch (IllegalArgumentException tooShort) {
            return null;
        }
        // the scale of the history before the origin, as a forecast's interval is scaled by its history alone:
        // the whole series' scale would include the very values being forecast, and understate the errors
        double[] before = Arrays.copyOf(y, origin);
        double[] row = new double[horizon];
        Arrays.fill(row, Double.NaN);
        double maseScale = Metrics.maseScale(before, season);
        if (maseScale == 0) {
            // a history that repeats itself exactly (a constant stretch) has no MASE scale: its errors, zero while it
            // goes on, or a jump over its mean value after it, are in no unit of the pooled errors, and such a
            // history's own interval has no width (intervalScale); zeros from a panel's constant series had left
            // the other short series of the panel with intervals of no width at all
            return row;
        }
        double scale = fallingBack(before, maseScale);
        for (int h = 0; h < Math.min(horizon, y.length - origin); h++) {
            row[h] = Math.abs(y[origin + h] - f[h]) / scale;
        }
        return row;
    }

    /**
     * A forecast with symmetric intervals {@code point ± q·scale}. A series of scale 0 (a history that repeats itself
     * exactly at the season, {@link #intervalScale}) gets intervals of no width whatever {@code q} is, also where
     * nothing could be calibrated ({@code q} NaN): a file of nothing but such series has no backtest errors to scale.
     *
     * @param scale the series' {@link #intervalScale}
     * @param q     conformal quantiles {@code [level][step]} of the panel's scaled errors
     */
    public static Forecast apply(String id, double[] point, double scale, double[][] q, int[] levels) {
        Map<Integer, double[][]> intervals = new HashMap<>();
        int horizon = point.length;
        for (int l = 0; l < levels.length; l++) {
            double[] lo = new double[horizon];
            double[] hi = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                double half = scale == 0 ? 0 : q[l][h] * scale;
                lo[h] = point[h] - half;
                hi[h] = point[h] + half;
            }
            intervals.put(levels[l], new double[][]{lo, hi});
        }
        return new Forecast(id, point, intervals);
    }
}
