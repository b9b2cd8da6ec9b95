package dev.recur.engine.neural;

import dev.recur.engine.data.SequenceDataset;
import dev.recur.engine.decomposition.Seasonality;
import dev.recur.engine.intervals.ConformalCalibration;
import dev.recur.engine.intervals.LocalIntervals;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.nn.NetworkSpec;
import dev.recur.engine.nn.RecurrentNetwork;
import dev.recur.engine.numeric.Signs;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.train.NetworkTrainer;
import dev.recur.engine.train.TrainingConfig;
import dev.recur.engine.train.TrainingHistory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
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
 *       its targets are unseen. Each window's loss counts by {@link WindowWeights}: by default the members of an
 *       ensemble alternate between equal weights (errors relative to the level, much as sMAPE measures them) and
 *       weights by each window's own MASE scale (errors as MASE measures them). Training keeps a moving average of the weights (decay 0.998 per step by
 *       default), stops early on the calibration loss of the averaged weights and keeps the best epoch's.</li>
 *   <li>Several networks with different seeds form an ensemble; the forecast is their median.</li>
 *   <li>The calibration residuals give split-conformal intervals per horizon step, in the normalised space,
 *       mapped back through the inverse transform.</li>
 *   <li>With {@code refit} (by default on at most 20,000 training windows of at most a million steps in all), each member
 *       is then trained again from its initial weights on all windows, the calibration ones included, for the
 *       number of epochs that early stopping chose, and forecasts from the latest window of every series with
 *       those weights: they have seen the latest values of every series, which the calibration held back.</li>
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

    private final ForecasterSettings settings;
    private volatile FittedForecaster fitted;

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
     * Few windows can still be long ones, and a training costs the steps of its windows: above {@value #REFIT_STEPS}
     * window steps (windows times window length) a network is trained once, one member, as it is then not retrained
     * either ({@link #refits}). One five-minute series of a month (8,640 values) has 7,374 training windows of 672
     * steps, 5.0 million: two members of up to 30 epochs of 22 to 30 s each, up to 25 minutes of training (one: 534 s
     * in all). No benchmark's forecast moves: a second member needs fewer than 10,000 windows, which stay below the bound
     * for windows up to 100 steps; only hourly and finer data get longer default windows, and the hourly and
     * half-hourly benchmarks (M4 Hourly, Victoria's electricity demand) have more than 20,000, one member already.
     *
     * @param trainingWindows the windows of the first training
     * @param window          their length, in steps
     */
    public static int autoMembers(int trainingWindows, int window) {
        if (longTraining(trainingWindows, window)) {
            return 1;
        }
        return Math.max(1, Math.min(MAX_AUTO_MEMBERS, ENSEMBLE_WINDOWS / Math.max(1, trainingWindows)));
    }

    /**
     * Whether the members are retrained on every window after early stopping: as set, or when unset when the
     * training windows are at most {@value #ENSEMBLE_WINDOWS}, the small data of {@link #autoMembers}. The windows
     * held back from the first training (the calibration windows and the horizon of windows before them) are the
     * latest part of every series; on small data they are a large share of it (a third of M1 quarterly's network
     * windows). The second training costs what the first did up to its best epoch (each epoch draws the same number
     * of windows by default, whatever the data): about 10 s on tourism yearly, 85 s on M1 monthly's two members,
     * on a 2-core machine. On a large panel the held-back share is smaller and the cost larger:
     * tourism monthly's 65,389 windows took its default from 236 to 365 s for 0.9% of sMAPE, and M4 Hourly's long
     * series hold back 1 window in 13. Few windows can still be long ones: the cost of a training is in the steps of
     * its windows, so the second is also left out above {@value #REFIT_STEPS} window steps (windows times window
     * length). One hourly series of 20,000 values has 19,718 training windows of 168 hours (3.3 million steps), and
     * retraining took its default from 8 to 15 minutes; the dev panels that retrain have at most 272,160 (M1
     * monthly), and the classic series at most 145,872 (monthly sunspots, whose MASE was 0.524 without the second
     * training against 0.492 with it).
     *
     * @param trainingWindows the windows of the first training
     * @param window          their length, in steps
     */
    static boolean refits(Boolean setting, int trainingWindows, int window) {
        return setting != null ? setting
                : trainingWindows <= ENSEMBLE_WINDOWS && !longTraining(trainingWindows, window);
    }

    /**
     * Whether a training's windows hold more than {@value #REFIT_STEPS} window steps (windows times window length):
     * such a network is trained once, neither repeated ({@link #refits}) nor joined by more members
     * ({@link #autoMembers}).
     */
    static boolean longTraining(int trainingWindows, int window) {
        return (long) trainingWindows * window > REFIT_STEPS;
    }

    /** The most window steps (windows times window length) of a training that is repeated or has company by default. */
    static final long REFIT_STEPS = 1_000_000;

    /** Creates a forecaster with the given settings. */
    public RecurrentForecaster(ForecasterSettings settings) {
        this.settings = Objects.requireNonNull(settings);
    }

    /** The settings. */
    public ForecasterSettings settings() {
        return settings;
    }

    /** What the last {@link #forecast} call learned, or null before the first. */
    public FittedForecaster fitted() {
        return fitted;
    }

    @Override
    public String name() {
        return settings.cell == CellType.RNN_TANH || settings.cell == CellType.RNN_RELU
                ? "rnn" : settings.cell.name().toLowerCase(Locale.ROOT);
    }

    /** The longest season whose default window is two seasons; a longer one (not a day) gets one season. */
    static final int SHORT_SEASON = 24;

    /**
     * The longest default window: a week of quarter-hourly values. A week of finer data is longer (2,016 five-minute
     * values, 10,080 one-minute ones), and a network's training costs its window's length per window: one series of
     * 20,000 minutes took 6.5 minutes an epoch of one network with a week's window, hours for the default's ensemble.
     */
    public static final int LONGEST_DEFAULT_WINDOW = 7 * 96;

    /** Training windows the shortest series must still provide. */
    static final int MIN_TRAIN = 8;

    /**
     * Whether a season is a day of hourly or finer observations: a multiple of 24 that divides the 86,400
     * seconds of a day (24 hourly, 48 half-hourly, 96 quarter-hourly, 288 five-minute values; not 168, a week
     * of hourly ones).
     */
    static boolean isDay(int season) {
        return season >= 24 && season % 24 == 0 && 86_400 % season == 0;
    }

    /**
     * The input window for a horizon, season and shortest series: the configured one, or seven seasons when
     * the season is a day of hourly or finer data, so that the window holds a week and its weekday pattern;
     * one season or one horizon, whichever is longer, for any other season above {@value #SHORT_SEASON} (a weekly
     * season of 52 or a daily one of 365 is a year, and an hourly one of 168 a week, with no cycle of seven above
     * it); two seasons or one horizon for a season up to {@value #SHORT_SEASON} (quarterly, monthly, daily's week);
     * and two horizons, at least three values, without a season. With two seasons instead of the earlier three
     * seasons or two horizons the default was better on four of the six quarterly and monthly panels of tourism, M1
     * and M3 and level on M1's, and mixed on their training parts' own last horizon ({@code bench/window-rule.sh}).
     * A long season is many values: two weekly ones kept every series younger than 137 weeks (2.6 years) from the
     * network, and with one, M4 Weekly scored level on points (its test split 1.0% better, its training part's last
     * horizon 1.3% worse on sMAPE), better on interval score, in 40% less time, and expsmooth's jewelry, whose series
     * have 111 weeks, reached the network ({@code bench/window-rule.sh}).
     * At most {@value #LONGEST_DEFAULT_WINDOW} values (a week of quarter-hours) unless configured: five-minute data
     * gets 2.3 days, one-minute data 11.2 hours. Shortened so that the shortest series keeps {@value #MIN_TRAIN}
     * training windows besides its calibration window and the gap of a horizon between them.
     */
    public int window(int horizon, int season, int shortest) {
        int w = settings.window > 0 ? settings.window
                : Math.min(LONGEST_DEFAULT_WINDOW, isDay(season) ? 7 * season
                        : season > SHORT_SEASON ? Math.max(season, horizon)
                        : season > 1 ? Math.max(2 * season, horizon) : Math.max(3, 2 * horizon));
        int room = shortest - 2 * horizon + 1 - MIN_TRAIN;
        return Math.max(2, Math.min(Math.min(w, FittedForecaster.MAX_WINDOW), room));
    }

    @Override
    public int minimumLength(int horizon, int season) {
        return 2 * horizon + MIN_TRAIN + 1;
    }

    /**
     * The shortest series that holds the network's full window ({@link #window} unshortened), a gap of a horizon, a
     * horizon of calibration and {@value #MIN_TRAIN} training windows: the default model's network trains on these
     * ({@code EnsembleForecaster.networkLength} in {@code forecast}).
     */
    public int fullWindowLength(int horizon, int season) {
        return window(horizon, season, Integer.MAX_VALUE) + 2 * horizon + MIN_TRAIN - 1;
    }

    /**
     * The series of {@code all} that a network trained on a panel learns from ({@code recur train}, {@code recur
     * forecast --model gru}, the Spark job's networks), as the default model's network does: those that hold its full
     * window ({@link #fullWindowLength}), within its range and not constant; when no series does, every series it
     * {@link #takes}, its window then shortened to fit the shortest. A series left out is forecast by a saved model
     * where it holds the window, and by the statistical fallback where it does not.
     */
    public List<TimeSeries> trainingSeries(List<TimeSeries> all, int horizon, int season) {
        int full = fullWindowLength(horizon, season);
        List<TimeSeries> holding = new ArrayList<>();
        List<TimeSeries> taken = new ArrayList<>();
        for (TimeSeries s : all) {
            if (takes(s, horizon, season)) {
                taken.add(s);
                if (s.length() >= full && !constant(s.values())) {
                    holding.add(s);
                }
            }
        }
        return holding.isEmpty() ? taken : holding;
    }

    /**
     * Trains on the {@link #trainingSeries} of {@code history} and forecasts them: the entry of every other series is
     * null, for the caller's statistical fallback ({@link #whyNotTrainedOn} says why). As the default model's network,
     * a network the user names forecasts the series that hold its full window, and a young series never shortens
     * the window of the others; a series with fewer than {@value #MIN_TRAIN} training windows of its own gets the
     * fallback. Against forecasting with the network every series long enough for one that holds its window, this
     * was better on M1's three panels and on M4 Weekly, level on tourism's quarterly and monthly, mixed on its yearly
     * (the accuracy log).
     *
     * @throws IllegalArgumentException if no series is long enough for the network and within its range
     */
    public List<Forecast> forecastTrainingSeries(List<TimeSeries> history, int horizon, int season, int[] levels,
                                                 Progress progress) {
        List<TimeSeries> train = trainingSeries(history, horizon, season);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no series has the " + minimumLength(horizon, season)
                    + " values a network needs for horizon " + horizon + " within " + RANGE);
        }
        List<Forecast> trained = forecast(train, horizon, season, levels, progress);
        Map<TimeSeries, Forecast> byTrained = new IdentityHashMap<>();
        for (int i = 0; i < train.size(); i++) {
            byTrained.put(train.get(i), trained.get(i));
        }
        List<Forecast> out = new ArrayList<>(history.size());
        for (TimeSeries s : history) {
            out.add(byTrained.get(s));
        }
        return out;
    }

    /**
     * Why {@link #forecastTrainingSeries} left a series out (for a series it gave no forecast): too short for a
     * network or beyond its range, constant, or shorter than the full window; null for a series that holds the full
     * window, in range and not constant.
     */
    public String whyNotTrainedOn(TimeSeries series, int horizon, int season) {
        String id = "series " + Shorten.quoted(series.id());
        int need = minimumLength(horizon, season);
        if (series.length() < need) {
            return id + " has " + series.length() + " values; " + name() + " needs at least " + need + " for horizon "
                    + horizon;
        }
        if (!inRange(series.values())) {
            return id + " has values beyond " + RANGE + ", the network's float32 range";
        }
        if (constant(series.values())) {
            return id + " is constant";
        }
        int full = fullWindowLength(horizon, season);
        return series.length() >= full ? null : id + " has " + series.length() + " values, fewer than the "
                + full + " of the network's full window";
    }

    /**
     * Whether every value of a history is the same. The default model gives such a series the combination, which
     * forecasts the value itself: the network's output for a flat window is near its level but not at it (an
     * all-zero series of a panel got 0.0023), and the interval of a history with no spread has no width
     * ({@link LocalIntervals#intervalScale}), so it would leave out the very value the history always took.
     */
    public static boolean constant(double[] y) {
        for (double v : y) {
            if (v != y[0]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The largest magnitude of a value that the network takes. Its arithmetic and the inputs of its ONNX form are
     * float32, whose largest value is about 3.4e38; a series beyond that (1e300, say, a valid double) overflowed
     * to infinity in the network and stopped the whole run.
     */
    public static final double LARGEST_VALUE = 1e38;

    /** The network's range, {@code ±}{@link #LARGEST_VALUE}, as messages write it. */
    public static final String RANGE = "±1e38";

    /** Whether every value is within ±{@value #LARGEST_VALUE}, the network's float32 range. */
    public static boolean inRange(double[] values) {
        for (double v : values) {
            if (!(Math.abs(v) <= LARGEST_VALUE)) {
                return false;
            }
        }
        return true;
    }

    /** Long enough ({@link #minimumLength}) and within the network's float32 range ({@link #inRange}). */
    @Override
    public boolean takes(TimeSeries series, int horizon, int season) {
        return series.length() >= minimumLength(horizon, season) && inRange(series.values());
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
     * @throws IllegalArgumentException if a series is too short for the window the horizon needs, or has values
     *                                  beyond {@link #LARGEST_VALUE}
     */
    public List<Forecast> forecast(List<TimeSeries> history, int horizon, int season, int[] levels, Progress progress) {
        int window = window(horizon, season, shortestChecked(history, horizon, season));
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
        Frequency calendar = calendar(history);
        TrainingWindows w = new TrainingWindows(settings, history, window, horizon, outSteps, season, log, residual, calendar);
        boolean refit = refits(settings.refit, w.trainCount, window);
        int members = settings.ensemble > 0 ? settings.ensemble : autoMembers(w.trainCount, window);
        boolean quantileIntervals = settings.intervals == IntervalMethod.QUANTILE && levels.length > 0;
        if (quantileIntervals && settings.strategy != Strategy.DIRECT) {
            throw new IllegalArgumentException("quantile intervals need the direct strategy");
        }
        float[] taus = quantileIntervals ? quantileLevels(levels) : null;
        TrainingConfig training = epochInSteps(quantileIntervals
                ? settings.training.toBuilder().loss(new dev.recur.engine.loss.PinballLoss(taus)).build()
                : settings.training, window);
        progress.message(described(history.size(), window, horizon, w, log, residual, members, refit, calendar,
                training.samplesPerEpoch()));
        int perTarget = training.loss().outputsPerTarget();
        NetworkSpec spec = NetworkSpec.builder().cell(settings.cell).inputSize(w.channels).hiddenSize(settings.hidden)
                .numLayers(settings.layers).dropout(settings.dropout)
                .outputSize(outSteps * perTarget).build();
        List<RecurrentNetwork> nets = new ArrayList<>();
        List<TrainingHistory> histories = new ArrayList<>();
        float[][][] calibPred = new float[members][][];
        for (int k = 0; k < members; k++) {
            Member member = trainMember(k, members, spec, training, w, refit, horizon, perTarget, progress);
            nets.add(member.network());
            histories.add(member.history());
            calibPred[k] = member.calibration();
        }
        // conformal scores per horizon step: |z residual| of the point forecast, or for quantile heads how far
        // the target falls outside the interval (negative inside)
        float[][] calibMedian = median(calibPred);
        int[][] bounds = quantileIntervals ? boundIndices(levels, taus) : null;
        int direct = settings.strategy == Strategy.DIRECT ? perTarget : 1;
        double[][] q = ConformalCalibration.widths(calibMedian, w::calibTargetZ, w.calibCount, levels, horizon,
                perTarget, direct, bounds);
        fitted = new FittedForecaster(List.copyOf(nets), window, horizon, season, log, residual, settings.scaling,
                settings.scope, settings.strategy, perTarget, levels.clone(), q, List.copyOf(histories), bounds, calendar,
                w.covariates, w.futureCovariates);
        validation = heldOut(w, calibMedian, horizon);
        return fitted.forecast(history);
    }

    /**
     * The shortest length of {@code history}'s series, after checking them.
     *
     * @throws IllegalArgumentException for a horizon below 1, no series, or a series too short for the network or
     *                                  beyond its float32 range
     */
    private int shortestChecked(List<TimeSeries> history, int horizon, int season) {
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
            if (!inRange(s.values())) {
                throw new IllegalArgumentException("series " + Shorten.quoted(s.id()) + " has values beyond " + RANGE
                        + ", outside the network's float32 range");
            }
        }
        return shortest;
    }

    /**
     * The frequency whose calendar features the network reads, or null without them.
     *
     * @throws IllegalArgumentException where they are asked for without the direct strategy or a sub-yearly calendar
     */
    private Frequency calendar(List<TimeSeries> history) {
        if (!settings.calendar) {
            return null;
        }
        if (settings.strategy != Strategy.DIRECT) {
            throw new IllegalArgumentException("calendar features need the direct strategy");
        }
        Frequency f0 = history.get(0).frequency();
        if (history.get(0).isSteps() || CalendarFeatures.count(f0) == 0) {
            throw new IllegalArgumentException("calendar features need timestamps of a sub-yearly frequency; the "
                    + "series have " + (history.get(0).isSteps() ? "integer steps" : f0.toString()));
        }
        return f0;
    }

    /**
     * The window length, in steps, up to which an epoch draws all of its {@link TrainingConfig#samplesPerEpoch()}
     * windows: a week of hourly values, M4 Hourly's window.
     */
    static final int EPOCH_WINDOW = 168;

    /**
     * The training with an epoch of at most {@code samplesPerEpoch} windows of {@value #EPOCH_WINDOW} steps' worth:
     * a longer window counts as {@code window / 168} of them, so an epoch of 672-step windows draws a quarter as many
     * ({@code samplesPerEpoch × 168 / window}, at least 1); unchanged for windows up to {@value #EPOCH_WINDOW} steps
     * and for an epoch of every window (0). An epoch's cost is the steps of its windows: with the default 30,000
     * windows an epoch of a five-minute series' 672-step windows cost four of M4 Hourly's (20 million window steps,
     * about 80 s on a 2-core machine), and up to 30 of them trained one network. Every default window of every
     * benchmark is at most 168 steps but one (Victoria's electricity demand, half-hourly: 336), so only that one's
     * forecasts move.
     */
    static TrainingConfig epochInSteps(TrainingConfig training, int window) {
        int n = training.samplesPerEpoch();
        if (n <= 0 || window <= EPOCH_WINDOW) {
            return training;
        }
        int most = (int) Math.max(1, (long) n * EPOCH_WINDOW / window);
        return training.toBuilder().samplesPerEpoch(most).build();
    }

    /** The log line that says what the network trains on and how ({@code perEpoch}: the windows an epoch draws). */
    private String described(int series, int window, int horizon, TrainingWindows w, boolean log, boolean residual,
                             int members, boolean refit, Frequency calendar, int perEpoch) {
        return String.format(Locale.ROOT,
                "%s: %d series, window %d, horizon %d, %d training%s and %d calibration windows, %s scaling%s%s%s",
                name(), series, window, horizon, w.trainCount, windowsNote(w, perEpoch), w.calibCount,
                settings.scaling.name().toLowerCase(Locale.ROOT), log ? " on logs" : "",
                residual ? ", residual over seasonal naive" : "",
                windowWeights(settings.windowWeights, members)
                + (refit ? String.format(Locale.ROOT, ", retrained on all windows after early stopping (%.0f%% held back)",
                        100.0 * (w.inputs.length - w.trainCount) / w.inputs.length) : ""))
                + (calendar != null ? ", calendar features (" + CalendarFeatures.describe(calendar) + ")" : "")
                + (w.covariates.isEmpty() ? "" : ", covariates " + String.join(", ", w.covariates))
                + (w.futureCovariates.isEmpty() ? "" : " (known ahead: " + String.join(", ", w.futureCovariates) + ")");
    }

    /**
     * What the log says after the training windows' count: that they are a sample of what the series hold (and how
     * many an epoch draws), or how many an epoch of long windows draws ({@link #epochInSteps}); else nothing.
     */
    private String windowsNote(TrainingWindows w, int perEpoch) {
        if (w.trainingCandidates > w.trainCount) {
            return String.format(Locale.ROOT, " (a sample of the %,d the series hold, to bound memory%s)",
                    w.trainingCandidates, perEpoch > 0 ? String.format(Locale.ROOT, "; an epoch draws %,d", perEpoch) : "");
        }
        int configured = settings.training.samplesPerEpoch();
        return perEpoch > 0 && perEpoch < w.trainCount && perEpoch < configured
                ? String.format(Locale.ROOT, " (an epoch draws %,d, %,d windows of %d steps' worth)", perEpoch,
                configured, EPOCH_WINDOW) : "";
    }

    /**
     * One member of the ensemble as trained.
     *
     * @param network     the network (retrained on every window where the settings refit)
     * @param history     its training, epoch by epoch
     * @param calibration its forecasts of the calibration windows, by the network trained before any refit
     */
    private record Member(RecurrentNetwork network, TrainingHistory history, float[][] calibration) {
    }

    /** Trains member {@code k} of {@code members} on the windows {@code w}, its seed the training seed's k-th. */
    private Member trainMember(int k, int members, NetworkSpec spec, TrainingConfig training, TrainingWindows w,
                               boolean refit, int horizon, int perTarget, Progress progress) {
        long seed = training.seed() + 1000L * k;
        RecurrentNetwork net = new RecurrentNetwork(spec, seed);
        TrainingConfig tc = training.toBuilder().seed(seed).build();
        boolean weighted = settings.windowWeights.weighsWindows(k);
        SequenceDataset train = w.training(weighted);
        SequenceDataset calib = w.calibration(weighted);
        String prefix = members > 1 ? "member " + (k + 1) + "/" + members + ": " : "";
        TrainingHistory h = new NetworkTrainer(tc).fit(net, train, calib, r -> progress.status(String.format(Locale.ROOT,
                "%sepoch %d/%d  train %.4f  calibration %.4f%s  %s left", prefix, r.epoch() + 1, r.epochs(),
                r.trainLoss(), r.validationLoss(), r.best() ? " *" : "", duration(r.remainingMillis()))));
        progress.message(String.format(Locale.ROOT, "%sbest epoch %d of %d, calibration loss %.4f, %s",
                prefix, h.bestEpoch() + 1, h.epochs().size(), h.bestValidationLoss(), duration(h.millis())));
        float[][] calibInputs = Arrays.copyOfRange(w.inputs, w.trainCount, w.trainCount + w.calibCount);
        float[][] calibration = settings.strategy == Strategy.DIRECT ? net.predict(calibInputs)
                : predictHorizon(net, calibInputs, horizon, settings.strategy, perTarget);
        if (refit) {
            RecurrentNetwork full = new RecurrentNetwork(spec, seed);
            TrainingConfig again = tc.toBuilder().epochs(h.bestEpoch() + 1).validationFraction(0f).build();
            SequenceDataset all = w.all(weighted);
            new NetworkTrainer(again).fit(full, all, null, r -> progress.status(String.format(Locale.ROOT,
                    "%sretraining on all windows: epoch %d/%d  train %.4f  %s left", prefix, r.epoch() + 1, r.epochs(),
                    r.trainLoss(), duration(r.remainingMillis()))));
            net = full;
        }
        return new Member(net, h, calibration);
    }

    /** The forecasts of the held-out calibration windows in the series' own units, from the members' median. */
    private List<Validation> heldOut(TrainingWindows w, float[][] calibMedian, int horizon) {
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
        return List.copyOf(held);
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

    /** How the log line describes the loss weights of {@code members} networks ({@link WindowWeights}). */
    static String windowWeights(WindowWeights kind, int members) {
        return switch (kind) {
            case EQUAL -> "";
            case MASE -> ", windows weighted by their MASE scale";
            case BOTH -> ", windows weighted half equally, half by their MASE scale";
            case ALTERNATE -> members < 2 ? ""
                    : ", members alternating equal windows and windows weighted by their MASE scale";
        };
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

    static float[][] median(float[][][] members) {
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
            if (!Signs.allPositive(s.values())) {
                return false;
            }
        }
        return true;
    }


    static String duration(long millis) {
        long s = Math.max(0, millis / 1000);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

}
