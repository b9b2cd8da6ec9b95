package dev.recur.engine.neural;

import dev.recur.engine.data.SequenceDataset;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.Metrics;
import dev.recur.engine.series.TimeSeries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The normalised windows of every series that a {@link RecurrentForecaster} trains and calibrates on, encoded
 * by one {@link WindowEncoder}: training windows first, then the calibration windows (the last origins of each
 * series, whose targets begin after the training targets end), then the gap windows between them (used only
 * when refitting on everything, and not kept when refitting is off).
 */
final class TrainingWindows {

    private final ForecasterSettings settings;
    final float[][] inputs;
    final float[][] targets;
    final int trainCount;
    final int calibCount;
    final boolean log;
    final int horizon;
    final int season;
    final boolean residual;
    /** Channels per step: the value, then calendar features, then past covariates. */
    final int channels;
    /** The input layout. */
    final WindowEncoder encoder;
    final Frequency calendar;
    final List<String> covariates;
    final List<String> futureCovariates;
    /** Steps of the window; the sequences are longer by the horizon with known-future covariates. */
    final int window;
    /** Full-horizon normalised targets of the calibration windows (relative to the base). */
    private final float[][] calibTargets;
    /** Where each calibration window sits: its series, its origin, and its scaling statistics. */
    record Origin(int series, int origin, double[] stats) {
    }

    final List<Origin> calibOrigins = new ArrayList<>();
    /**
     * Each window's weight in the loss, in the order of {@link #inputs} ({@link WindowWeights#MASE}'s for
     * {@link WindowWeights#ALTERNATE}); null when every window weighs 1.
     */
    final float[] weights;

    /**
     * The most training windows kept in memory: a panel with more (a year of hourly values holds 8,500 windows a
     * series) keeps a seeded uniform sample of about this many, so that memory stops growing with the history.
     * Training does not see fewer windows for it: an epoch draws {@link dev.recur.engine.train.Defaults#SAMPLES_PER_EPOCH}
     * (30,000) of them, at most 900,000 in the default's 30 epochs, a uniform sample of them all either way; M4 Hourly's
     * 244,618 windows are below the cap.
     */
    static final int MAX_TRAINING_WINDOWS = 500_000;

    /** The training windows the series hold, before {@link #MAX_TRAINING_WINDOWS} sampled them. */
    final long trainingCandidates;

    TrainingWindows(ForecasterSettings settings, List<TimeSeries> history, int window, int horizon, int outSteps, int season, boolean log,
            boolean residual, Frequency calendar) {
        this(settings, history, window, horizon, outSteps, season, log, residual, calendar, MAX_TRAINING_WINDOWS);
    }

    /** The windows, with a sample of about {@code maxTraining} training windows where the series hold more. */
    TrainingWindows(ForecasterSettings settings, List<TimeSeries> history, int window, int horizon, int outSteps, int season, boolean log,
            boolean residual, Frequency calendar, int maxTraining) {
        this.settings = settings;
        this.calendar = calendar;
        this.covariates = sameNames(history, ts -> ts.covariates().keySet(), "covariates");
        this.futureCovariates = sameNames(history, ts -> ts.future().keySet(), "known-future covariates");
        if (!futureCovariates.isEmpty() && settings.strategy != RecurrentForecaster.Strategy.DIRECT) {
            throw new IllegalArgumentException("known-future covariates need the direct strategy");
        }
        this.window = window;
        this.encoder = new WindowEncoder(window, horizon, season, residual, calendar, covariates, futureCovariates);
        this.channels = encoder.channels();
        this.log = log;
        this.horizon = horizon;
        this.season = season;
        this.residual = residual;
        int nSeries = history.size();
        int calibPerSeries = settings.calibrationWindows > 0 ? settings.calibrationWindows
                : Math.max(1, Math.min(20, (int) Math.ceil(400.0 / nSeries)));
        Pool training = new Pool();
        Pool calibrating = new Pool();
        Pool gap = new Pool();
        long candidates = 0;
        for (TimeSeries ts : history) {
            int n = ts.length();
            int lastTrain = n - horizon - calibrationCount(n, window, horizon, calibPerSeries) + 1 - horizon;
            candidates += Math.max(0, lastTrain - window + 1);
        }
        trainingCandidates = candidates;
        // where the series hold more training windows than the cap, each training (and gap) window is kept with the
        // same chance, drawn in order from the training seed: calibration windows are all kept
        double keep = candidates > maxTraining ? (double) maxTraining / candidates : 1;
        SplittableRandom draw = new SplittableRandom(settings.training.seed() ^ 0x5DEECE66DL);
        for (int s = 0; s < nSeries; s++) {
            addSeriesWindows(s, history.get(s), calibPerSeries, outSteps, keep, draw, training, calibrating, gap);
        }
        trainCount = training.in.size();
        calibCount = calibrating.in.size();
        int total = trainCount + calibCount + gap.in.size();
        inputs = new float[total][];
        targets = new float[total][];
        for (int i = 0; i < trainCount; i++) {
            inputs[i] = training.in.get(i);
            targets[i] = training.out.get(i);
        }
        calibTargets = calibrating.out.toArray(new float[0][]);
        for (int i = 0; i < calibCount; i++) {
            inputs[trainCount + i] = calibrating.in.get(i);
            targets[trainCount + i] = Arrays.copyOf(calibTargets[i], outSteps);
        }
        for (int i = 0; i < gap.in.size(); i++) {
            inputs[trainCount + calibCount + i] = gap.in.get(i);
            targets[trainCount + calibCount + i] = gap.out.get(i);
        }
        if (settings.windowWeights == WindowWeights.EQUAL) {
            weights = null;
        } else {
            List<Double> raw = new ArrayList<>(training.raw);
            raw.addAll(calibrating.raw);
            raw.addAll(gap.raw);
            // the cap and the mean come from the training and calibration windows, which are there whether or not
            // the gap windows are kept for a refit: so early stopping sees the same weights either way
            weights = weights(raw.stream().mapToDouble(Double::doubleValue).toArray(), training.raw.size() + calibrating.raw.size(),
                    settings.windowWeights == WindowWeights.ALTERNATE ? WindowWeights.MASE : settings.windowWeights);
        }
        if (trainCount == 0) {
            throw new IllegalArgumentException("the series are too short for window " + window + " and horizon "
                    + horizon + ": no training windows are left");
        }
    }

    /**
     * Adds the windows of series {@code s} to their pools: its calibration windows (its last origins) all, its training
     * windows and the gap between them each kept with the chance {@code keep} (drawn from {@code draw}), the gap's only
     * where the settings may refit.
     */
    private void addSeriesWindows(int s, TimeSeries series, int calibPerSeries, int outSteps, double keep,
                                  SplittableRandom draw, Pool training, Pool calibrating, Pool gap) {
        double[] y = series.values();
        int n = y.length;
        double[] fy = new double[n];
        for (int i = 0; i < n; i++) {
            fy[i] = log ? Math.log(y[i]) : y[i];
        }
        float[] calValues = calendarValues(series, calendar);
        int k = calendar == null ? 0 : CalendarFeatures.count(calendar);
        WindowEncoder.CalendarSource calendarSource = (p, dst, off) -> System.arraycopy(calValues, p * k, dst, off, k);
        List<double[]> covs = new ArrayList<>(covariates.size());
        for (String name : covariates) {
            covs.add(series.covariates().get(name));
        }
        int lastOrigin = n - horizon;
        // calibration origins: at most half of what the series has beyond RecurrentForecaster.MIN_TRAIN training windows
        int c = calibrationCount(n, window, horizon, calibPerSeries);
        int firstCalib = lastOrigin - c + 1;
        // per-series statistics from the history before the first calibration origin only
        double[] seriesStats = settings.scope == Scaling.Scope.SERIES
                ? settings.scaling.stats(fy, 0, firstCalib, season, log) : null;
        // training windows' targets end before the first calibration origin's targets begin
        int lastTrain = firstCalib - horizon;
        for (int t = window; t <= lastOrigin; t++) {
            boolean calibration = t >= firstCalib;
            if (!calibration && t > lastTrain && settings.refit == Boolean.FALSE) {
                continue;
            }
            if (!calibration && keep < 1 && draw.nextDouble() >= keep) {
                continue;
            }
            double[] st = seriesStats != null ? seriesStats : settings.scaling.stats(fy, t - window, t, season, log);
            float[] in = encoder.encode(fy, t, st, calendarSource, covs, null);
            int targetLen = calibration ? horizon : outSteps;
            float[] out = new float[targetLen];
            for (int h = 0; h < targetLen; h++) {
                out[h] = (float) ((fy[t + h] - st[0]) / st[1]) - base(in, h);
            }
            double raw = settings.windowWeights == WindowWeights.EQUAL ? 1 : st[1] / Metrics.maseScale(fy, t - window, t, season);
            if (calibration) {
                calibrating.add(in, out, raw);
                calibOrigins.add(new Origin(s, t, st));
            } else {
                (t <= lastTrain ? training : gap).add(in, out, raw);
            }
        }
    }

    /**
     * Windows of one kind (training, calibration or the gap between them) as they are made: each one's input, target
     * and its normalisation scale over its mean absolute seasonal difference (the MASE scale), both in the
     * transformed units, for the loss weights.
     */
    private static final class Pool {
        final List<float[]> in = new ArrayList<>();
        final List<float[]> out = new ArrayList<>();
        final List<Double> raw = new ArrayList<>();

        void add(float[] input, float[] target, double scaleRatio) {
            in.add(input);
            out.add(target);
            raw.add(scaleRatio);
        }
    }

    /**
     * The names of the series' covariates ({@code of} each series: its past or its known-future ones), the first
     * series'.
     *
     * @throws IllegalArgumentException where a series has others
     */
    private static List<String> sameNames(List<TimeSeries> history, java.util.function.Function<TimeSeries,
            java.util.Set<String>> of, String what) {
        List<String> names = List.copyOf(of.apply(history.get(0)));
        for (TimeSeries ts : history) {
            if (!of.apply(ts).equals(of.apply(history.get(0)))) {
                throw new IllegalArgumentException("series " + Shorten.quoted(ts.id()) + " has " + what + " "
                        + of.apply(ts) + " but " + Shorten.quoted(history.get(0).id()) + " has " + names);
            }
        }
        return names;
    }

    /**
     * The calendar features of every step of {@code ts}, step by step, or null without them.
     *
     * @throws IllegalArgumentException for a series of integer steps
     */
    private static float[] calendarValues(TimeSeries ts, Frequency calendar) {
        if (calendar == null) {
            return null;
        }
        if (ts.isSteps()) {
            throw new IllegalArgumentException("series " + Shorten.quoted(ts.id()) + " has integer steps; calendar"
                    + " features need timestamps");
        }
        int k = CalendarFeatures.count(calendar);
        float[] cal = new float[ts.length() * k];
        for (int i = 0; i < ts.length(); i++) {
            CalendarFeatures.fill(ts.time(i), calendar, cal, i * k);
        }
        return cal;
    }

    /**
     * The calibration origins of a series of {@code n} values: {@code perSeries}, but at most half of what the series
     * has beyond {@link RecurrentForecaster#MIN_TRAIN} training windows, and at least one.
     */
    private static int calibrationCount(int n, int window, int horizon, int perSeries) {
        return Math.max(1, Math.min(perSeries, (n - 2 * horizon - window + 2 - RecurrentForecaster.MIN_TRAIN) / 2));
    }

    /**
     * The training windows: their targets end before the first calibration target of their series; with
     * {@code weighted}, with their {@link #weights} (when there are any), else each weighing 1.
     */
    SequenceDataset training(boolean weighted) {
        return slice(0, trainCount, weighted);
    }

    /** The calibration windows alone: the held-out set of early stopping and of the conformal scores. */
    SequenceDataset calibration(boolean weighted) {
        return slice(trainCount, trainCount + calibCount, weighted);
    }

    /** Every window: training, calibration, then the gap windows between them (none when refitting is off). */
    SequenceDataset all(boolean weighted) {
        return slice(0, inputs.length, weighted);
    }

    private SequenceDataset slice(int from, int to, boolean weighted) {
        return new SequenceDataset(Arrays.copyOfRange(inputs, from, to), Arrays.copyOfRange(targets, from, to),
                channels, targets[from].length, false,
                weights == null || !weighted ? null : Arrays.copyOfRange(weights, from, to));
    }

    /** Most times the median window's weight that one window may weigh ({@link #weights}). */
    static final double HEAVIEST = 10;

    /**
     * The loss weights of windows from their raw weights, each window's normalisation scale over its MASE scale
     * (infinite for a window that repeats itself at the lag): the raw weights capped at {@value #HEAVIEST} times
     * their median and divided by their mean, so that an error in normalised units weighs as that error in units
     * of the window's own MASE scale, as MASE scores it, and no nearly flat window outweighs the rest; for
     * {@link WindowWeights#BOTH}, the mean of that and 1. The median and the mean are those of the first
     * {@code defining} windows. When the median window is flat (or the raw weights are not finite numbers), every
     * window weighs 1.
     */
    static float[] weights(double[] raw, int defining, WindowWeights kind) {
        float[] w = new float[raw.length];
        double[] sorted = Arrays.copyOf(raw, defining);
        Arrays.sort(sorted);
        double median = sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
        if (!(median > 0) || !Double.isFinite(median) || kind == WindowWeights.EQUAL) {
            Arrays.fill(w, 1f);
            return w;
        }
        double cap = HEAVIEST * median;
        double mean = 0;
        for (int i = 0; i < defining; i++) {
            mean += Math.min(raw[i], cap) / defining;
        }
        for (int i = 0; i < raw.length; i++) {
            double scaled = Math.min(raw[i], cap) / mean;
            w[i] = Math.max(Float.MIN_NORMAL, (float) (kind == WindowWeights.BOTH ? 0.5 + 0.5 * scaled : scaled));
        }
        return w;
    }

    double calibTargetZ(int i, int h) {
        return calibTargets[i][h];
    }

    /** The seasonal naive value for step {@code h} in the normalised space of an input window, or 0. */
    float base(float[] in, int h) {
        return encoder.base(in, h);
    }

}
