package dev.recur.engine.forecast;

import dev.recur.engine.io.Shorten;
import dev.recur.engine.data.SequenceDataset;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.nn.NetworkSpec;
import dev.recur.engine.nn.RecurrentNetwork;
import dev.recur.engine.train.NetworkTrainer;
import dev.recur.engine.train.Defaults;
import dev.recur.engine.train.TrainingConfig;
import dev.recur.engine.train.TrainingHistory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A global recurrent forecaster: one network learns from windows of every series at once
 * (cross-learning) and predicts the whole horizon from a dense head (the direct strategy), or one step at
 * a time fed back into the input (the recursive strategy).
 *
 * <p>How it works, for horizon {@code H} and window {@code W}:
 * <ol>
 *   <li>Every series is cut into windows: {@code W} inputs ending at an origin {@code t}, the next
 *       {@code H} values as targets. Each window is normalised on its own ({@link Scaling}, optionally on
 *       log values), so series of any level share one model.</li>
 *   <li>The last few origins of each series form the calibration set; training windows end before it, so
 *       its targets are unseen. Training keeps a moving average of the weights (decay 0.998 per step by
 *       default), stops early on the calibration loss of the averaged weights and keeps the best epoch's.</li>
 *   <li>Several networks with different seeds form an ensemble; the forecast is their median.</li>
 *   <li>The calibration residuals give split-conformal intervals per horizon step, in the normalised space,
 *       mapped back through the inverse transform.</li>
 *   <li>With {@code refit}, each member is then trained again on all windows, the calibration ones
 *       included, for the number of epochs that early stopping chose, and forecasts from the latest
 *       window of every series.</li>
 * </ol>
 */
public final class RecurrentForecaster implements Forecaster {

    /** Multi-step strategy. */
    public enum Strategy {
        /** A dense head predicts the whole horizon at once. */
        DIRECT,
        /** A one-step model is applied repeatedly, each prediction appended to the input. */
        RECURSIVE
    }

    /** How prediction intervals are made. */
    public enum IntervalMethod {
        /** Split-conformal: quantiles of the absolute calibration residuals of the point forecast, per step. */
        CONFORMAL,
        /**
         * Quantile heads, conformalised (CQR, Romano et al. 2019): the networks are trained with the pinball
         * loss on the quantiles each level needs, and each interval is widened (or narrowed) by the conformal
         * quantile of how far the calibration targets fall outside it, per step.
         */
        QUANTILE
    }

    private final Settings settings;
    private volatile Fitted fitted;

    /**
     * What a {@link #forecast} call learned, enough to forecast again from new windows (and to export to
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
    public record Fitted(List<RecurrentNetwork> networks, int window, int horizon, int season, boolean log,
                         boolean residual, Scaling scaling, Scaling.Scope scope, Strategy strategy, int perTarget,
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
        public Fitted {
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
         * Forecasts each series from its latest {@code window} values, with intervals at {@link #levels}: what
         * {@link RecurrentForecaster#forecast} prints, for new data without retraining.
         *
         * @throws IllegalArgumentException if a series is shorter than the window or (with log) not positive
         */
        public List<Forecast> forecast(List<TimeSeries> series) {
            WindowEncoder encoder = encoder();
            int n = series.size();
            float[][] inputs = new float[n][];
            double[][] stats = new double[n][];
            for (int s = 0; s < n; s++) {
                TimeSeries ts = series.get(s);
                double[] y = ts.values();
                if (y.length < window) {
                    throw new IllegalArgumentException("series " + Shorten.quoted(ts.id()) + " has " + y.length + " values; the model"
                            + " reads windows of " + window);
                }
                double[] fy = new double[y.length];
                for (int i = 0; i < y.length; i++) {
                    if (log && !(y[i] > 0)) {
                        throw new IllegalArgumentException("series " + Shorten.quoted(ts.id()) + ": value " + i + " is " + y[i]
                                + "; the model forecasts logs and needs positive values");
                    }
                    fy[i] = log ? Math.log(y[i]) : y[i];
                }
                int len = y.length;
                stats[s] = scope == Scaling.Scope.SERIES ? scaling.stats(fy, 0, len, season, log)
                        : scaling.stats(fy, len - window, len, season, log);
                if (calendar != null && ts.isSteps()) {
                    throw new IllegalArgumentException("series " + Shorten.quoted(ts.id()) + " has integer steps; the model"
                            + " reads calendar features and needs timestamps");
                }
                List<double[]> covs = new ArrayList<>(covariates.size());
                List<double[]> next = new ArrayList<>(covariates.size());
                for (String name : covariates) {
                    double[] cov = ts.covariates().get(name);
                    if (cov == null) {
                        throw new IllegalArgumentException("series " + Shorten.quoted(ts.id()) + " has no covariate "
                                + Shorten.quoted(name) + "; the model reads " + covariates);
                    }
                    boolean known = futureCovariates.contains(name);
                    double[] ahead = known ? ts.future().get(name) : null;
                    if (known && (ahead == null || ahead.length < horizon)) {
                        throw new IllegalArgumentException("series " + Shorten.quoted(ts.id()) + " needs " + horizon + " future values"
                                + " of " + Shorten.quoted(name) + " for the horizon, has " + (ahead == null ? 0 : ahead.length));
                    }
                    covs.add(cov);
                    next.add(ahead);
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

        private double inverse(double z, double[] st) {
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
            return strategy == Strategy.DIRECT ? raw[h * perTarget + perTarget / 2] : raw[h];
        }

        /**
         * The ensemble's elementwise median of the networks' outputs for normalised windows: every output
         * (all quantiles) for the direct strategy, the recursive point forecasts otherwise.
         */
        float[][] rawMedian(float[][] inputs) {
            float[][][] members = new float[networks.size()][][];
            for (int k = 0; k < members.length; k++) {
                members[k] = strategy == Strategy.DIRECT ? networks.get(k).predict(inputs)
                        : predictHorizon(networks.get(k), inputs, horizon, strategy, perTarget);
            }
            return median(members);
        }
    }

    /**
     * A forecast the network made for a held-out calibration window during the last fit: trained without the
     * window's targets, so it measures out-of-sample accuracy.
     *
     * @param series   index of the series in the history given to {@link #forecast}
     * @param origin   how many of the series' values the window saw: it forecasts values {@code origin ..}
     * @param forecast the point forecast of the {@code horizon} values from {@code origin}, in the data's units
     */
    public record Validation(int series, int origin, double[] forecast) {
    }

    private List<Validation> validation = List.of();

    /** The held-out calibration forecasts of the last {@link #forecast} call (empty before). */
    public List<Validation> validation() {
        return validation;
    }

    /** Training windows below which an automatic ensemble takes more than one member. */
    static final int ENSEMBLE_WINDOWS = 20_000;
    /** Most members of an automatic ensemble. */
    static final int MAX_AUTO_MEMBERS = 5;

    /**
     * Members of an automatic ensemble: as many networks as fit in {@value #ENSEMBLE_WINDOWS} training windows in
     * all ({@code floor(20000 / windows)}), at least 1 and at most {@value #MAX_AUTO_MEMBERS}: a network trained on
     * few windows varies with its seed, and the median of several is steadier at a cost that small data keeps low.
     */
    public static int autoMembers(int trainingWindows) {
        return Math.max(1, Math.min(MAX_AUTO_MEMBERS, ENSEMBLE_WINDOWS / Math.max(1, trainingWindows)));
    }

    /** Creates a forecaster with the given settings. */
    public RecurrentForecaster(Settings settings) {
        this.settings = Objects.requireNonNull(settings);
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /** What the last {@link #forecast} call learned, or null before the first. */
    public Fitted fitted() {
        return fitted;
    }

    @Override
    public String name() {
        return settings.cell == CellType.RNN_TANH || settings.cell == CellType.RNN_RELU
                ? "rnn" : settings.cell.name().toLowerCase(Locale.ROOT);
    }

    /** Training windows the shortest series must still provide. */
    static final int MIN_TRAIN = 8;

    /**
     * The input window for a horizon, season and shortest series: the configured one, or a week for
     * hourly data and else {@code max(3·season, 2·horizon)}; shortened so that the shortest series keeps
     * {@value #MIN_TRAIN} training windows besides its calibration window and the gap of a horizon
     * between them.
     */
    public int window(int horizon, int season, int shortest) {
        int w = settings.window > 0 ? settings.window
                : (season >= 24 ? 7 * season : Math.max(3 * Math.max(season, 1), 2 * horizon));
        int room = shortest - 2 * horizon + 1 - MIN_TRAIN;
        return Math.max(2, Math.min(Math.min(w, Fitted.MAX_WINDOW), room));
    }

    @Override
    public int minimumLength(int horizon, int season) {
        return 2 * horizon + MIN_TRAIN + 1;
    }

    @Override
    public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
        List<Forecast> f = forecast(history, horizon, season, new int[0], progress);
        List<double[]> points = new ArrayList<>(f.size());
        for (Forecast x : f) {
            points.add(x.point());
        }
        return points;
    }

    /**
     * Forecasts every series with conformal intervals at the given levels (percent, e.g. 80 and 95).
     *
     * @throws IllegalArgumentException if a series is too short for the window the horizon needs
     */
    public List<Forecast> forecast(List<TimeSeries> history, int horizon, int season, int[] levels, Progress progress) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
        }
        if (history.isEmpty()) {
            throw new IllegalArgumentException("no series to forecast");
        }
        int shortest = Integer.MAX_VALUE;
        for (TimeSeries s : history) {
            shortest = Math.min(shortest, s.length());
        }
        int need = minimumLength(horizon, season);
        for (TimeSeries s : history) {
            if (s.length() < need) {
                throw new IllegalArgumentException("series " + Shorten.quoted(s.id()) + " has " + s.length() + " values; forecasting "
                        + horizon + " steps with a network needs at least " + need);
            }
        }
        int window = window(horizon, season, shortest);
        boolean log = settings.log == Boolean.TRUE || (settings.log == null && allPositive(history));
        if (log && !allPositive(history)) {
            throw new IllegalArgumentException("log scaling needs positive values; a series has a value <= 0");
        }
        int outSteps = settings.strategy == Strategy.DIRECT ? horizon : 1;
        boolean residual = settings.strategy == Strategy.DIRECT && season > 1 && season <= window
                && (settings.seasonalResidual == Boolean.TRUE
                    || (settings.seasonalResidual == null && mostlySeasonal(history, season, log)));
        if (settings.seasonalResidual == Boolean.TRUE && !residual) {
            throw new IllegalArgumentException("the seasonal residual needs the direct strategy and a season ("
                    + season + ") of at least 2 and no longer than the window (" + window + ")");
        }
        Frequency calendar = null;
        if (settings.calendar) {
            if (settings.strategy != Strategy.DIRECT) {
                throw new IllegalArgumentException("calendar features need the direct strategy");
            }
            Frequency f0 = history.get(0).frequency();
            if (history.get(0).isSteps() || CalendarFeatures.count(f0) == 0) {
                throw new IllegalArgumentException("calendar features need timestamps of a sub-yearly frequency; the "
                        + "series have " + (history.get(0).isSteps() ? "integer steps" : f0.toString()));
            }
            calendar = f0;
        }
        TrainingWindows w = new TrainingWindows(settings, history, window, horizon, outSteps, season, log, residual, calendar);
        progress.message(String.format(Locale.ROOT,
                "%s: %d series, window %d, horizon %d, %d training and %d calibration windows, %s scaling%s%s",
                name(), history.size(), window, horizon, w.trainCount, w.calibCount,
                settings.scaling.name().toLowerCase(Locale.ROOT), log ? " on logs" : "",
                residual ? ", residual over seasonal naive" : "")
                + (calendar != null ? ", calendar features (" + CalendarFeatures.describe(calendar) + ")" : "")
                + (w.covariates.isEmpty() ? "" : ", covariates " + String.join(", ", w.covariates))
                + (w.futureCovariates.isEmpty() ? "" : " (known ahead: " + String.join(", ", w.futureCovariates) + ")"));

        boolean quantileIntervals = settings.intervals == IntervalMethod.QUANTILE && levels.length > 0;
        if (quantileIntervals && settings.strategy != Strategy.DIRECT) {
            throw new IllegalArgumentException("quantile intervals need the direct strategy");
        }
        float[] taus = quantileIntervals ? quantileLevels(levels) : null;
        TrainingConfig training = quantileIntervals
                ? settings.training.toBuilder().loss(new dev.recur.engine.loss.PinballLoss(taus)).build()
                : settings.training;
        int perTarget = training.loss().outputsPerTarget();
        NetworkSpec spec = NetworkSpec.builder().cell(settings.cell).inputSize(w.channels).hiddenSize(settings.hidden)
                .numLayers(settings.layers).dropout(settings.dropout)
                .outputSize(outSteps * perTarget).build();
        SequenceDataset train = w.dataset(0, w.trainCount);
        SequenceDataset calib = w.dataset(w.trainCount, w.trainCount + w.calibCount);
        int members = settings.ensemble > 0 ? settings.ensemble : autoMembers(w.trainCount);
        List<RecurrentNetwork> nets = new ArrayList<>();
        List<TrainingHistory> histories = new ArrayList<>();
        float[][][] calibPred = new float[members][][];
        for (int k = 0; k < members; k++) {
            long seed = training.seed() + 1000L * k;
            RecurrentNetwork net = new RecurrentNetwork(spec, seed);
            TrainingConfig tc = training.toBuilder().seed(seed).build();
            String prefix = members > 1 ? "member " + (k + 1) + "/" + members + ": " : "";
            TrainingHistory h = new NetworkTrainer(tc).fit(net, train, calib, r -> progress.status(String.format(Locale.ROOT,
                    "%sepoch %d/%d  train %.4f  calibration %.4f%s  %s left", prefix, r.epoch() + 1, r.epochs(),
                    r.trainLoss(), r.validationLoss(), r.best() ? " *" : "", duration(r.remainingMillis()))));
            progress.message(String.format(Locale.ROOT, "%sbest epoch %d of %d, calibration loss %.4f, %s",
                    prefix, h.bestEpoch() + 1, h.epochs().size(), h.bestValidationLoss(), duration(h.millis())));
            histories.add(h);
            float[][] calibInputs = Arrays.copyOfRange(w.inputs, w.trainCount, w.trainCount + w.calibCount);
            calibPred[k] = settings.strategy == Strategy.DIRECT ? net.predict(calibInputs)
                    : predictHorizon(net, calibInputs, horizon, settings.strategy, perTarget);
            if (settings.refit) {
                RecurrentNetwork full = new RecurrentNetwork(spec, seed);
                TrainingConfig refit = tc.toBuilder().epochs(h.bestEpoch() + 1).validationFraction(0f).build();
                SequenceDataset all = w.dataset(0, w.trainCount + w.calibCount);
                new NetworkTrainer(refit).fit(full, all, null, r -> progress.status(String.format(Locale.ROOT,
                        "%srefit on all windows: epoch %d/%d  train %.4f  %s left", prefix, r.epoch() + 1, r.epochs(),
                        r.trainLoss(), duration(r.remainingMillis()))));
                net = full;
            }
            nets.add(net);
        }
        // conformal scores per horizon step: |z residual| of the point forecast, or for quantile heads how far
        // the target falls outside the interval (negative inside)
        float[][] calibMedian = median(calibPred);
        int[][] bounds = quantileIntervals ? boundIndices(levels, taus) : null;
        int direct = settings.strategy == Strategy.DIRECT ? perTarget : 1;
        double[][] q = ConformalCalibration.widths(calibMedian, w::calibTargetZ, w.calibCount, levels, horizon,
                perTarget, direct, bounds);
        fitted = new Fitted(List.copyOf(nets), window, horizon, season, log, residual, settings.scaling,
                settings.scope, settings.strategy, perTarget, levels.clone(), q, List.copyOf(histories), bounds, calendar,
                w.covariates, w.futureCovariates);
        List<Validation> held = new ArrayList<>(w.calibCount);
        for (int i = 0; i < w.calibCount; i++) {
            float[] in = w.inputs[w.trainCount + i];
            TrainingWindows.Origin o = w.calibOrigins.get(i);
            double[] f = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                f[h] = fitted.inverse(fitted.pointOf(calibMedian[i], h) + w.base(in, h), o.stats());
            }
            held.add(new Validation(o.series(), o.origin(), f));
        }
        validation = List.copyOf(held);
        return fitted.forecast(history);
    }

    /** The pinball quantiles quantile intervals need: each level's two tails and the median, sorted. */
    static float[] quantileLevels(int[] levels) {
        java.util.TreeSet<Float> taus = new java.util.TreeSet<>();
        taus.add(0.5f);
        for (int level : levels) {
            float tail = (100 - level) / 200f;
            taus.add(tail);
            taus.add(1 - tail);
        }
        float[] out = new float[taus.size()];
        int i = 0;
        for (float t : taus) {
            out[i++] = t;
        }
        return out;
    }

    /** For each level, the indices of its lower and upper quantile among {@code taus}. */
    static int[][] boundIndices(int[] levels, float[] taus) {
        int[][] b = new int[levels.length][2];
        for (int l = 0; l < levels.length; l++) {
            float tail = (100 - levels[l]) / 200f;
            for (int i = 0; i < taus.length; i++) {
                if (taus[i] == tail) {
                    b[l][0] = i;
                }
                if (taus[i] == 1 - tail) {
                    b[l][1] = i;
                }
            }
        }
        return b;
    }


    /** Predicts {@code horizon} normalised steps per window, recursively when the model is one-step. */
    static float[][] predictHorizon(RecurrentNetwork net, float[][] x, int horizon, Strategy strategy, int perTarget) {
        if (strategy == Strategy.DIRECT) {
            float[][] raw = net.predict(x);
            return pointOutputs(raw, horizon, perTarget);
        }
        float[][] cur = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            cur[i] = x[i].clone();
        }
        float[][] out = new float[x.length][horizon];
        for (int h = 0; h < horizon; h++) {
            float[][] step = pointOutputs(net.predict(cur), 1, perTarget);
            for (int i = 0; i < x.length; i++) {
                out[i][h] = step[i][0];
                float[] c = cur[i];
                System.arraycopy(c, 1, c, 0, c.length - 1);
                c[c.length - 1] = step[i][0];
            }
        }
        return out;
    }

    /** Point outputs: the network's outputs, or the middle quantile of each step for a pinball loss. */
    private static float[][] pointOutputs(float[][] raw, int steps, int perTarget) {
        if (perTarget == 1) {
            return raw;
        }
        float[][] out = new float[raw.length][steps];
        for (int i = 0; i < raw.length; i++) {
            for (int h = 0; h < steps; h++) {
                out[i][h] = raw[i][h * perTarget + perTarget / 2];
            }
        }
        return out;
    }

    private static float[][] median(float[][][] members) {
        int n = members[0].length;
        int h = members[0][0].length;
        float[][] out = new float[n][h];
        float[] buf = new float[members.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < h; j++) {
                for (int k = 0; k < members.length; k++) {
                    buf[k] = members[k][i][j];
                }
                Arrays.sort(buf);
                int m = buf.length;
                out[i][j] = m % 2 == 1 ? buf[m / 2] : 0.5f * (buf[m / 2 - 1] + buf[m / 2]);
            }
        }
        return out;
    }

    /**
     * Whether more than half of the series are seasonal at lag {@code season}: M4's 90% autocorrelation test
     * ({@link Seasonality#isSeasonal}) on the first differences of the (log) values. Differencing removes
     * the autocorrelation of a trend or a slow cycle, which passes the test on the values themselves at
     * any short lag (the sunspot cycle does, at 12 months).
     */
    static boolean mostlySeasonal(List<TimeSeries> history, int season, boolean log) {
        int seasonal = 0;
        for (TimeSeries ts : history) {
            double[] y = ts.values();
            if (y.length < 2) {
                continue;
            }
            double[] d = new double[y.length - 1];
            for (int i = 1; i < y.length; i++) {
                d[i - 1] = log ? Math.log(y[i]) - Math.log(y[i - 1]) : y[i] - y[i - 1];
            }
            if (Seasonality.isSeasonal(d, season)) {
                seasonal++;
            }
        }
        return 2 * seasonal > history.size();
    }

    private static boolean allPositive(List<TimeSeries> history) {
        for (TimeSeries s : history) {
            for (double v : s.values()) {
                if (!(v > 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    static String duration(long millis) {
        long s = Math.max(0, millis / 1000);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    /** Hyperparameters of a {@link RecurrentForecaster}. Build with {@link #builder()}. */
    public static final class Settings {
        final CellType cell;
        final int hidden;
        final int layers;
        final float dropout;
        final int window;
        final Scaling scaling;
        final Scaling.Scope scope;
        final Boolean log;
        final IntervalMethod intervals;
        final boolean calendar;
        final int ensemble;
        final int calibrationWindows;
        final boolean refit;
        final Strategy strategy;
        final Boolean seasonalResidual;
        final TrainingConfig training;

        private Settings(Builder b) {
            cell = b.cell;
            hidden = b.hidden;
            layers = b.layers;
            dropout = b.dropout;
            window = b.window;
            scaling = b.scaling;
            scope = b.scope;
            log = b.log;
            intervals = b.intervals;
            calendar = b.calendar;
            ensemble = b.ensemble;
            calibrationWindows = b.calibrationWindows;
            refit = b.refit;
            strategy = b.strategy;
            seasonalResidual = b.seasonalResidual;
            training = b.training;
        }

        /** A builder with the defaults. */
        public static Builder builder() {
            return new Builder();
        }

        /** The training configuration of each member. */
        public TrainingConfig training() {
            return training;
        }

        /** The number of ensemble members. */
        public int ensemble() {
            return ensemble;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s hidden=%d layers=%d dropout=%.2f window=%s scaling=%s/%s log=%s "
                            + "ensemble=%s refit=%s strategy=%s seasonal-residual=%s intervals=%s calendar=%s loss=%s epochs=%d batch=%d lr=%g ema=%g",
                    cell, hidden, layers, dropout, window == 0 ? "auto" : window, scaling, scope,
                    log == null ? "auto" : log, ensemble == 0 ? "auto" : Integer.toString(ensemble), refit, strategy,
                    seasonalResidual == null ? "auto" : seasonalResidual, intervals, calendar, training.loss().name(), training.epochs(),
                    training.batchSize(), training.learningRate(), training.emaDecay());
        }

        /** Builds {@link Settings}. */
        public static final class Builder {
            private CellType cell = CellType.parse(Defaults.CELL);
            private int hidden = Defaults.HIDDEN;
            private int layers = Defaults.LAYERS;
            private float dropout;
            private int window;
            private Scaling scaling = Scaling.LEVEL;
            private Scaling.Scope scope = Scaling.Scope.WINDOW;
            private Boolean log;
            private IntervalMethod intervals = IntervalMethod.CONFORMAL;
            private boolean calendar;
            private int ensemble = Defaults.ENSEMBLE;
            private int calibrationWindows;
            private boolean refit;
            private Strategy strategy = Strategy.DIRECT;
            private Boolean seasonalResidual;
            private TrainingConfig training = Defaults.training().build();

            private Builder() {
            }

            /** The recurrent cell (default GRU). */
            public Builder cell(CellType v) {
                cell = Objects.requireNonNull(v);
                return this;
            }

            /** Hidden units (default 64). */
            public Builder hidden(int v) {
                if (v < 1) {
                    throw new IllegalArgumentException("hidden must be positive, got " + v);
                }
                hidden = v;
                return this;
            }

            /** Stacked layers (default 2). */
            public Builder layers(int v) {
                if (v < 1) {
                    throw new IllegalArgumentException("layers must be positive, got " + v);
                }
                layers = v;
                return this;
            }

            /** Dropout between layers. */
            public Builder dropout(float v) {
                dropout = v;
                return this;
            }

            /** Input window; 0 picks one from the season and horizon (a week for hourly data). */
            public Builder window(int v) {
                if (v != 0 && (v < 2 || v > Fitted.MAX_WINDOW)) {
                    throw new IllegalArgumentException("window must be 0 (chosen from the season and horizon) or between 2 "
                            + "and " + Fitted.MAX_WINDOW + ", got " + v);
                }
                window = v;
                return this;
            }

            /** Normalisation (default {@link Scaling#LEVEL}). */
            public Builder scaling(Scaling v) {
                scaling = Objects.requireNonNull(v);
                return this;
            }

            /** Where the normalisation statistics come from (default the window). */
            public Builder scope(Scaling.Scope v) {
                scope = Objects.requireNonNull(v);
                return this;
            }

            /** Log-transform values: true, false, or null for "when all values are positive" (default). */
            public Builder log(Boolean v) {
                log = v;
                return this;
            }

            /**
             * Whether the networks also read calendar features of each point ({@link CalendarFeatures}: hour
             * of day, day of week, month, ...) as extra input channels; needs timestamps and the direct
             * strategy (default false).
             */
            public Builder calendar(boolean v) {
                calendar = v;
                return this;
            }

            /** How intervals are made (default conformal around the point forecast). */
            public Builder intervals(IntervalMethod v) {
                intervals = Objects.requireNonNull(v);
                return this;
            }

            /**
             * Ensemble members, each with its own seed; the forecast is their median (default 1). 0 chooses by the
             * data: {@link #autoMembers} of the training windows.
             */
            public Builder ensemble(int v) {
                if (v < 0) {
                    throw new IllegalArgumentException("ensemble must be at least 0 (automatic), got " + v);
                }
                ensemble = v;
                return this;
            }

            /** Calibration windows per series; 0 picks about 400 in all (at most 20 per series). */
            public Builder calibrationWindows(int v) {
                if (v < 0) {
                    throw new IllegalArgumentException("calibrationWindows must not be negative, got " + v);
                }
                calibrationWindows = v;
                return this;
            }

            /** Retrain each member on all windows for the epochs early stopping chose. */
            public Builder refit(boolean v) {
                refit = v;
                return this;
            }

            /** Direct (default) or recursive multi-step forecasts. */
            public Builder strategy(Strategy v) {
                strategy = Objects.requireNonNull(v);
                return this;
            }

            /**
             * Whether the network predicts the residual over the seasonal naive forecast (in the normalised
             * space), so that a zero output is seasonal naive: true, false, or null for "when the strategy
             * is direct and most series are seasonal" by M4's autocorrelation test on their first
             * differences (default).
             */
            public Builder seasonalResidual(Boolean v) {
                seasonalResidual = v;
                return this;
            }

            /**
             * The training configuration of each member (its seed is the ensemble's base seed). The default is
             * the command line's: 30 epochs, batch 64, Adam at 1e-3, MAE loss, patience 5 and a moving average
             * of the weights with decay 0.998; a configuration given here replaces all of it.
             */
            public Builder training(TrainingConfig v) {
                training = Objects.requireNonNull(v);
                return this;
            }

            /** Builds the settings. */
            public Settings build() {
                return new Settings(this);
            }
        }
    }
}
