package dev.recur.engine.neural;

import dev.recur.engine.io.Shorten;
import dev.recur.engine.nn.RecurrentNetwork;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.train.TrainingHistory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link RecurrentForecaster#forecast} call learned, enough to forecast again from new windows (and to export to
 * ONNX): the ensemble's networks and how windows are normalised and outputs turned back.
 *
 * @param networks   the ensemble members (their median is the forecast)
 * @param window     input window length
 * @param horizon    forecast steps
 * @param season     seasonal period
 * @param log        whether values are log-transformed first
 * @param residual   whether the networks predict the residual over the seasonal naive forecast
 * @param scaling    the per-window normalisation
 * @param scope      where normalisation statistics come from
 * @param strategy   direct or recursive
 * @param perTarget  network outputs per forecast step (more than 1 for quantile losses: the middle one is the point)
 * @param levels     interval levels, percent
 * @param quantiles  {@code quantiles[level][h]}: conformal half-widths in the normalised space
 * @param histories  each member's training history (empty for a model read back from a file)
 * @param calendar   the frequency whose calendar features the networks read, or null for none
 * @param covariates the covariates the networks read (after the calendar channels), each normalised by
 *                   its own mean and standard deviation over the window
 * @param futureCovariates the covariates among them whose values over the horizon are known in advance:
 *                   the networks read the horizon's steps too, appended to the window (value 0, calendar,
 *                   these covariates' future values, other covariates 0, and a flag channel set to 1)
 * @param bounds     for quantile intervals, {@code bounds[level] = {lower output, upper output}} among a
 *                   step's {@code perTarget} outputs, and {@code quantiles} holds the conformal corrections;
 *                   null for conformal intervals around the point forecast
 */
public record FittedForecaster(List<RecurrentNetwork> networks, int window, int horizon, int season, boolean log,
                     boolean residual, Scaling scaling, Scaling.Scope scope, RecurrentForecaster.Strategy strategy, int perTarget,
                     int[] levels, double[][] quantiles, List<TrainingHistory> histories, int[][] bounds,
                     Frequency calendar, List<String> covariates, List<String> futureCovariates) {

    /** The longest input window (and seasonal period) a model may have. */
    public static final int MAX_WINDOW = 100_000;
    /** The longest horizon a model may have. */
    public static final int MAX_HORIZON = Forecaster.MAX_HORIZON;
    /** The most network outputs per forecast step. */
    public static final int MAX_PER_TARGET = 1_000;

    /**
     * Validates the sizes, so that a model read from a damaged or crafted file fails here with a clear
     * message rather than later with an index error.
     *
     * @throws IllegalArgumentException if a size is out of bounds or the parts disagree
     */
    public FittedForecaster {
        if (networks.isEmpty()) {
            throw new IllegalArgumentException("no networks");
        }
        if (window < 1 || window > MAX_WINDOW || horizon < 1 || horizon > MAX_HORIZON || season < 1
                || season > MAX_WINDOW || perTarget < 1 || perTarget > MAX_PER_TARGET) {
            throw new IllegalArgumentException("sizes out of bounds: window " + window + " (1.." + MAX_WINDOW
                    + "), horizon " + horizon + " (1.." + MAX_HORIZON + "), season " + season + ", outputs per step "
                    + perTarget);
        }
        if (residual && season > window) {
            throw new IllegalArgumentException("the seasonal residual reads a season (" + season + ") back in the "
                    + "window, which has only " + window + " steps");
        }
        if (quantiles.length != levels.length) {
            throw new IllegalArgumentException(quantiles.length + " interval widths for " + levels.length + " levels");
        }
        for (int l = 0; l < levels.length; l++) {
            if (levels[l] < 1 || levels[l] > 99 || quantiles[l].length != horizon) {
                throw new IllegalArgumentException("interval level " + levels[l] + " (1..99) with "
                        + quantiles[l].length + " widths for horizon " + horizon);
            }
        }
    }

    /** The networks' input layout. */
    public WindowEncoder encoder() {
        return new WindowEncoder(window, horizon, season, residual, calendar, covariates, futureCovariates);
    }

    /** Input channels per time step ({@link WindowEncoder#channels()}). */
    public int channels() {
        return encoder().channels();
    }

    /** Steps the networks read ({@link WindowEncoder#sequenceLength()}). */
    public int sequenceLength() {
        return encoder().sequenceLength();
    }

    /** Calendar feature channels, after the value ({@link WindowEncoder#calendarChannels()}). */
    public int calendarChannels() {
        return encoder().calendarChannels();
    }

    /**
     * Why the model cannot forecast {@code series}, or null when it can: shorter than the window, a value that is
     * not positive for a model of logs, integer steps for a model that reads calendar features, a covariate the
     * model reads missing or, for one known ahead, without the horizon's values. A caller scoring a panel forecasts
     * the others and gives these series another method ({@code recur predict} gives them the statistical
     * combination).
     */
    public String cannotForecast(TimeSeries series) {
        double[] y = series.values();
        String id = "series " + Shorten.quoted(series.id());
        if (y.length < window) {
            return id + " has " + y.length + " values; the model reads windows of " + window;
        }
        if (log) {
            for (int i = 0; i < y.length; i++) {
                if (!(y[i] > 0)) {
                    return id + ": value " + i + " is " + y[i] + "; the model forecasts logs and needs positive values";
                }
            }
        }
        if (calendar != null && series.isSteps()) {
            return id + " has integer steps; the model reads calendar features and needs timestamps";
        }
        for (String name : covariates) {
            if (series.covariates().get(name) == null) {
                return id + " has no covariate " + Shorten.quoted(name) + "; the model reads " + covariates;
            }
            double[] ahead = series.future().get(name);
            if (futureCovariates.contains(name) && (ahead == null || ahead.length < horizon)) {
                return id + " needs " + horizon + " future values of " + Shorten.quoted(name) + " for the horizon, has "
                        + (ahead == null ? 0 : ahead.length);
            }
        }
        return null;
    }

    /**
     * Forecasts each series from its latest {@code window} values, with intervals at {@link #levels}: what
     * {@link RecurrentForecaster#forecast} prints, for new data without retraining.
     *
     * @throws IllegalArgumentException if the model cannot forecast a series ({@link #cannotForecast} says why)
     */
    public List<Forecast> forecast(List<TimeSeries> series) {
        WindowEncoder encoder = encoder();
        int n = series.size();
        float[][] inputs = new float[n][];
        double[][] stats = new double[n][];
        for (int s = 0; s < n; s++) {
            TimeSeries ts = series.get(s);
            String cannot = cannotForecast(ts);
            if (cannot != null) {
                throw new IllegalArgumentException(cannot);
            }
            double[] y = ts.values();
            double[] fy = new double[y.length];
            for (int i = 0; i < y.length; i++) {
                fy[i] = log ? Math.log(y[i]) : y[i];
            }
            int len = y.length;
            stats[s] = scope == Scaling.Scope.SERIES ? scaling.stats(fy, 0, len, season, log)
                    : scaling.stats(fy, len - window, len, season, log);
            List<double[]> covs = new ArrayList<>(covariates.size());
            List<double[]> next = new ArrayList<>(covariates.size());
            for (String name : covariates) {
                covs.add(ts.covariates().get(name));
                next.add(futureCovariates.contains(name) ? ts.future().get(name) : null);
            }
            float[] in = encoder.encode(fy, len, stats[s],
                    (p, dst, off) -> CalendarFeatures.fill(ts.time(p), calendar, dst, off), covs, next);
            inputs[s] = in;
        }
        float[][] raw = rawMedian(inputs);
        List<Forecast> out = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            double[] point = new double[horizon];
            Map<Integer, double[][]> intervals = new HashMap<>();
            double[] z = new double[horizon];
            float[] base = new float[horizon];
            for (int h = 0; h < horizon; h++) {
                base[h] = encoder.base(inputs[s], h);
                z[h] = pointOf(raw[s], h) + base[h];
                point[h] = inverse(z[h], stats[s]);
            }
            // levels from the narrowest: a wider level's interval always contains a narrower one's
            double[] innerLo = z.clone();
            double[] innerHi = z.clone();
            for (int l : levelOrder()) {
                double[] lo = new double[horizon];
                double[] hi = new double[horizon];
                for (int h = 0; h < horizon; h++) {
                    double zl;
                    double zh;
                    if (bounds == null) {
                        zl = z[h] - quantiles[l][h];
                        zh = z[h] + quantiles[l][h];
                    } else {
                        // quantile heads, corrected; never inside a narrower interval or the point forecast
                        zl = Math.min(raw[s][h * perTarget + bounds[l][0]] + base[h] - quantiles[l][h], innerLo[h]);
                        zh = Math.max(raw[s][h * perTarget + bounds[l][1]] + base[h] + quantiles[l][h], innerHi[h]);
                    }
                    innerLo[h] = zl;
                    innerHi[h] = zh;
                    lo[h] = inverse(zl, stats[s]);
                    hi[h] = inverse(zh, stats[s]);
                }
                intervals.put(levels[l], new double[][]{lo, hi});
            }
            out.add(new Forecast(series.get(s).id(), point, intervals));
        }
        return out;
    }

    double inverse(double z, double[] st) {
        double f = z * st[1] + st[0];
        return log ? Math.exp(Math.min(f, 700)) : f;
    }

    /** Indices of {@link #levels}, from the lowest level to the highest. */
    public int[] levelOrder() {
        return java.util.stream.IntStream.range(0, levels.length).boxed()
                .sorted(java.util.Comparator.comparingInt(i -> levels[i])).mapToInt(Integer::intValue).toArray();
    }

    /** The point output of step {@code h}: the middle of its {@code perTarget} outputs. */
    float pointOf(float[] raw, int h) {
        return strategy == RecurrentForecaster.Strategy.DIRECT ? raw[h * perTarget + perTarget / 2] : raw[h];
    }

    /**
     * The ensemble's elementwise median of the networks' outputs for normalised windows: every output
     * (all quantiles) for the direct strategy, the recursive point forecasts otherwise.
     */
    float[][] rawMedian(float[][] inputs) {
        float[][][] members = new float[networks.size()][][];
        for (int k = 0; k < members.length; k++) {
            members[k] = strategy == RecurrentForecaster.Strategy.DIRECT ? networks.get(k).predict(inputs)
                    : RecurrentForecaster.predictHorizon(networks.get(k), inputs, horizon, strategy, perTarget);
        }
        return RecurrentForecaster.median(members);
    }
}
