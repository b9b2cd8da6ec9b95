package dev.recur.engine.forecast;

import dev.recur.engine.intervals.ErrorQuantiles;
import dev.recur.engine.intervals.LocalIntervals;
import dev.recur.engine.neural.FittedForecaster;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.numeric.Signs;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Combination;
import dev.recur.engine.statistical.FitMemory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The default method: every series gets a forecast, from the best of what its history allows.
 * <ul>
 *   <li>The statistical combination (the mean of ETS, Theta and ARIMA, {@link Combination#standard()}) for
 *       every series of at least 3 values; naive for shorter ones.</li>
 *   <li>The global recurrent network on the series long enough for its full input window (a horizon of
 *       calibration and {@value RecurrentForecaster#MIN_TRAIN} training windows besides), trained on those
 *       alone, so that young series never shorten the window of the others; not on a constant series
 *       (its values all equal) or one beyond the network's float32 range ({@link RecurrentForecaster#inRange}), which
 *       get the combination.</li>
 *   <li>For the series the network covers, one of three forecasts: the network, the combination, or the
 *       mean of both: the mean, unless the network or the combination alone has a lower mean MASE on the
 *       network's held-out calibration windows by a clear margin (the combination refitted at each of those
 *       origins, up to {@value #VALIDATION_WINDOWS} of them, none weighing more than {@value HeldOutChoice#CAP}
 *       median windows; see {@link HeldOutChoice#decide}); the mean without a choice when those windows all lie in
 *       another part of the season than the forecast's ({@link HeldOutChoice#heldOutOffSeason}).</li>
 *   <li>For the shorter series that still hold the network's input window, unless the combination was chosen
 *       for the longer ones: the mean of the network trained on the longer series and the combination, when their
 *       own latest values, held out, favour it over the combination alone ({@link #shorterSeries}).</li>
 * </ul>
 * Intervals are split-conformal from the errors of the forecast actually used: the network's own, or backtests
 * of the combination from origins spread over each history ({@link LocalIntervals}), narrowed or widened for the
 * mean by how its errors compare with the combination's on the held-out windows. {@link #last()} says which
 * series got which method and why.
 */
public final class EnsembleForecaster implements Forecaster {

    /** Most held-out windows on which the statistical combination is refitted to judge the choice. */
    static final int VALIDATION_WINDOWS = 100;

    /** Held-out windows refitted at a time. */
    static final int BATCH = 10;
    /** Held-out windows judged before the choice may stop early. */
    static final int MIN_VALIDATION = 20;

    /** How {@link Result#explanation} begins to say that some series have no intervals. */
    static final String UNCALIBRATED = "; no prediction intervals";

    /** What each series was forecast with. */
    public enum Method {
        /** The recurrent network alone. */
        NETWORK,
        /** The statistical combination alone. */
        COMBINATION,
        /** The mean of the network and the combination. */
        MEAN,
        /** The statistical combination: the series is too short for the network, beyond its range or constant. */
        COMBINATION_SHORT,
        /** The last value: the series has fewer than 3 values. */
        NAIVE;

        /** A short label for output files and reports. */
        public String label(String network, String combination) {
            return switch (this) {
                case NETWORK -> network;
                case COMBINATION, COMBINATION_SHORT -> combination;
                case MEAN -> network + "+" + combination;
                case NAIVE -> "naive";
            };
        }
    }

    /**
     * The outcome of one run.
     *
     * @param forecasts   one per series, in the order given
     * @param methods     the method of each series
     * @param labels      the method of each series as a label (e.g. {@code gru+comb})
     * @param explanation the choice and its evidence, one line
     */
    public record Result(List<Forecast> forecasts, List<Method> methods, List<String> labels, String explanation) {
    }

    private final Combination statistics;
    private final RecurrentForecaster network;
    private volatile Result last;

    /**
     * Creates the method.
     *
     * @param statistics the statistical combination
     * @param network    the global network, or null for statistics only
     */
    public EnsembleForecaster(Combination statistics, RecurrentForecaster network) {
        this.statistics = java.util.Objects.requireNonNull(statistics);
        this.network = network;
    }

    @Override
    public String name() {
        return "ensemble";
    }

    @Override
    public int minimumLength(int horizon, int season) {
        return 1;
    }

    /** The network, or null. */
    public RecurrentForecaster network() {
        return network;
    }

    /** The statistical combination. */
    public Combination statistics() {
        return statistics;
    }

    /** The last run's outcome, or null. */
    public Result last() {
        return last;
    }

    /**
     * The shortest series the network trains on, for a horizon and season; shorter ones that hold its window may
     * still be forecast by it ({@link #shorterSeries}).
     */
    public int networkLength(int horizon, int season) {
        return network.fullWindowLength(horizon, season);
    }

    @Override
    public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
        List<double[]> out = new ArrayList<>();
        for (Forecast f : forecast(history, horizon, season, new int[0], progress).forecasts()) {
            out.add(f.point());
        }
        return out;
    }

    /** Forecasts every series with intervals at {@code levels} (percent). */
    public Result forecast(List<TimeSeries> history, int horizon, int season, int[] levels, Progress progress) {
        return forecast(history, horizon, season, levels, progress, true);
    }

    /**
     * Forecasts every series with intervals at {@code levels} (percent); without {@code fewShortHistoriesToo}, the
     * series too short for the network whose intervals could only be calibrated on fewer short-history backtests
     * than {@link LocalIntervals#fewestForConformal} asks, with no network series to borrow from, get NaN
     * intervals, for a caller that can calibrate them on a larger panel ({@link StatisticalFallback#forecast}).
     */
    Result forecast(List<TimeSeries> history, int horizon, int season, int[] levels, Progress progress,
                            boolean fewShortHistoriesToo) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
        }
        if (history.isEmpty()) {
            throw new IllegalArgumentException("no series to forecast");
        }
        Run run = new Run(history, horizon, season, levels, progress);
        if (!run.forNetwork.isEmpty()) {
            run.networkSeries();
        }
        // the shorter series that hold the network's window: the network trained on the longer ones joins comb on
        // them when their own latest values, held out, say so
        if (run.networkChoice != null && run.networkChoice != Method.COMBINATION && !run.forCombination.isEmpty()) {
            String reached = shorterSeries(history, run.forCombination, horizon, season, levels, run.pooledQ,
                    run.offSeasonPanel, run.combination, run.forecasts, run.methods, progress);
            if (reached != null) {
                run.why.append("; ").append(reached);
            }
        }
        // the other series: the statistical combination, intervals from its backtests
        if (!run.forCombination.isEmpty()) {
            run.combinationSeries(fewShortHistoriesToo);
        }
        // series of one or two values: the last value
        if (!run.forNaive.isEmpty()) {
            run.naiveSeries();
        }
        Result r = run.result();
        last = r;
        return r;
    }

    /**
     * One call's series, sorted into the groups the default forecasts apart (the network's, the combination's, the
     * last value's), and what it has made of them so far: their forecasts, methods and the explanation.
     */
    private final class Run {
        private final List<TimeSeries> history;
        /**
         * The statistical combination, keeping its forecasts for the call ({@link FitMemory}): the held-out refits
         * and the interval backtests share their latest origin on many series, which is fitted once.
         */
        private final Forecaster combination = new FitMemory().remembering(statistics);
        private final int horizon;
        private final int season;
        private final int[] levels;
        private final Progress progress;
        private final int statsMin;
        private final int netMin;
        /** The series that hold the network's window (in its range, not constant). */
        private final List<Integer> forNetwork = new ArrayList<>();
        /** The series the combination forecasts, less those the network joins it on ({@link #shorterSeries}). */
        private final List<Integer> forCombination = new ArrayList<>();
        /** The series too short for the combination. */
        private final List<Integer> forNaive = new ArrayList<>();
        /** Series long enough for the network but beyond its float32 range, and constant ones. */
        private int beyond;
        private int flats;
        private final Forecast[] forecasts;
        private final Method[] methods;
        private final String netName;
        private final StringBuilder why = new StringBuilder();
        /** The first group's interval quantiles, which a later group that has none of its own borrows. */
        private double[][] pooledQ;
        /** What the network's series got, null without them. */
        private Method networkChoice;
        private boolean offSeasonPanel;

        Run(List<TimeSeries> history, int horizon, int season, int[] levels, Progress progress) {
            this.history = history;
            this.horizon = horizon;
            this.season = season;
            this.levels = levels;
            this.progress = progress;
            int n = history.size();
            statsMin = statistics.minimumLength(horizon, season);
            netMin = network == null ? Integer.MAX_VALUE : networkLength(horizon, season);
            for (int s = 0; s < n; s++) {
                int len = history.get(s).length();
                double[] y = history.get(s).values();
                boolean inRange = RecurrentForecaster.inRange(y);
                boolean flat = inRange && RecurrentForecaster.constant(y);
                beyond += len >= netMin && !inRange ? 1 : 0;
                flats += len >= netMin && flat ? 1 : 0;
                if (len >= netMin && inRange && !flat) {
                    forNetwork.add(s);
                } else if (len >= statsMin) {
                    forCombination.add(s);
                } else {
                    forNaive.add(s);
                }
            }
            forecasts = new Forecast[n];
            methods = new Method[n];
            netName = network == null ? "network" : network.name();
        }

        /** The network's series: train, then judge network, combination and their mean on its held-out windows. */
        void networkSeries() {
            List<TimeSeries> train = select(history, forNetwork);
            progress.message(String.format(Locale.ROOT, "ensemble: %s on %d series of at least %d values", netName,
                    train.size(), netMin));
            List<Forecast> netForecasts = network.forecast(train, horizon, season, levels, progress);
            List<RecurrentForecaster.Validation> all = network.validation();
            List<RecurrentForecaster.Validation> val = spread(all);
            progress.message(String.format(Locale.ROOT, "ensemble: refitting %s at up to %d held-out origins",
                    statistics.name(), val.size()));
            // series that mostly end together, forecast for less than a season, with few held-out windows each: every
            // held-out window lies in the stretch of the season just before the forecast's, so they cannot say which
            // option suits the forecast's
            boolean offSeason = HeldOutChoice.heldOutOffSeason(train, all, horizon, season);
            HeldOutCases cases = heldOutCases(train, val, offSeason);
            double[] mase = HeldOutChoice.means(HeldOutChoice.capped(cases.mase()));
            Method choice = offSeason ? Method.MEAN : HeldOutChoice.decide(cases.mase(), true);
            why.append(String.format(Locale.ROOT, "%d series of at least %d values: %s (held-out MASE over %d "
                            + "windows%s: %s %.3f, %s %.3f, mean %.3f)%s", forNetwork.size(), netMin,
                    choice.label(netName, statistics.name()), cases.mase().size(),
                    HeldOutChoice.weighing(cases.mase()), netName, mase[0], statistics.name(), mase[1], mase[2],
                    offSeason ? String.format(Locale.ROOT, ", the mean without a choice: the series end together, so "
                            + "every held-out window forecasts the part of the season before the forecast's %d steps",
                            horizon) : ""));
            progress.message("ensemble: " + why);
            List<double[]> statPoints = choice == Method.NETWORK ? null
                    : LocalIntervals.points(combination, train, horizon, season);
            double[][] q = choice == Method.NETWORK ? null
                    : intervalQuantiles(choice, combination, train, horizon, season, levels, cases.mase(),
                    cases.meanErrors(), cases.statErrors(), progress);
            fill(forNetwork, choice, netForecasts, statPoints, q);
            pooledQ = q;
            networkChoice = choice;
            offSeasonPanel = offSeason;
        }

        /**
         * Up to {@value #VALIDATION_WINDOWS} of the network's held-out windows, evenly spaced over them, in a fixed
         * random order, so that any prefix spreads over the panel.
         */
        private List<RecurrentForecaster.Validation> spread(List<RecurrentForecaster.Validation> all) {
            List<RecurrentForecaster.Validation> val = new ArrayList<>();
            int take = Math.min(VALIDATION_WINDOWS, all.size());
            for (int i = 0; i < take; i++) {
                val.add(all.get((int) ((long) i * all.size() / take)));
            }
            java.util.Collections.shuffle(val, new java.util.Random(take));
            return val;
        }

        /**
         * What the held-out windows say of the network, the combination and their mean.
         *
         * @param mase       each window's MASE of the network, the combination and the mean
         * @param meanErrors each window's scaled errors of the mean, per step
         * @param statErrors each window's scaled errors of the combination, per step
         */
        private record HeldOutCases(List<double[]> mase, List<double[]> meanErrors, List<double[]> statErrors) {
        }

        /**
         * The combination refitted at the held-out windows' origins ({@value #BATCH} at a time, its fits kept for the
         * interval backtests that start there) and each window scored, until the choice is clear after at least
         * {@value #MIN_VALIDATION} windows (all of them when the windows lie off the forecast's part of the season).
         */
        private HeldOutCases heldOutCases(List<TimeSeries> train, List<RecurrentForecaster.Validation> val,
                                          boolean offSeason) {
            List<double[]> caseMase = new ArrayList<>();
            List<double[]> meanErrors = new ArrayList<>();
            List<double[]> statErrors = new ArrayList<>();
            int done = 0;
            while (done < val.size()) {
                int end = Math.min(val.size(), done + BATCH);
                List<TimeSeries> heads = new ArrayList<>(end - done);
                for (RecurrentForecaster.Validation v : val.subList(done, end)) {
                    heads.add(train.get(v.series()).head(v.origin()));
                }
                List<double[]> statVal = LocalIntervals.points(combination, heads, horizon, season);
                for (int i = done; i < end; i++) {
                    RecurrentForecaster.Validation v = val.get(i);
                    HeldOutChoice.heldOutCase(train.get(v.series()).values(), v.origin(), v.forecast(),
                            statVal.get(i - done), horizon, season, caseMase, meanErrors, statErrors);
                }
                done = end;
                if (!offSeason && done >= MIN_VALIDATION && HeldOutChoice.decide(caseMase, false) != null) {
                    break;
                }
            }
            return new HeldOutCases(caseMase, meanErrors, statErrors);
        }

        /**
         * The forecasts of the network's series {@code at} by the method chosen: the network's own, or the
         * combination's points {@code statPoints} or their mean with the network's, with the intervals of the
         * quantiles {@code q}.
         */
        private void fill(List<Integer> at, Method choice, List<Forecast> netForecasts, List<double[]> statPoints,
                          double[][] q) {
            for (int i = 0; i < at.size(); i++) {
                int s = at.get(i);
                methods[s] = choice;
                if (choice == Method.NETWORK) {
                    forecasts[s] = netForecasts.get(i);
                } else {
                    double[] p = choice == Method.MEAN ? halfAndHalf(netForecasts.get(i).point(), statPoints.get(i))
                            : statPoints.get(i).clone();
                    forecasts[s] = LocalIntervals.apply(history.get(s).id(), p,
                            LocalIntervals.intervalScale(history.get(s).values(), season), q, levels);
                }
            }
        }

        /** The combination's series, intervals from their own backtests, else the network's series'. */
        void combinationSeries(boolean fewShortHistoriesToo) {
            List<TimeSeries> rest = select(history, forCombination);
            String which = network == null ? "" : " shorter than " + netMin + " values"
                    + (beyond == 0 ? "" : " or beyond " + RecurrentForecaster.RANGE + " (" + beyond
                    + ", outside the network's float32 range)")
                    + (flats == 0 ? "" : " or constant (" + flats + ")");
            // a status while it works: the summary line below says the same once it is done
            progress.status(String.format(Locale.ROOT, "ensemble: %s on %d series%s", statistics.name(), rest.size(),
                    which));
            List<double[]> points = LocalIntervals.points(combination, rest, horizon, season);
            // calibrated on their own backtests, unless those are a few from short histories and the network's
            // series have errors to lend; a few short-history backtests are the last resort
            double[][] q = LocalIntervals.backtestQuantiles(combination, rest, horizon, season, levels, false);
            if (levels.length > 0 && Double.isNaN(q[0][0])) {
                q = pooledQ;
            }
            if (q == null && fewShortHistoriesToo) {
                q = LocalIntervals.backtestQuantiles(combination, rest, horizon, season, levels, true);
            }
            if (q == null) {
                q = nanQuantiles(levels.length, horizon);
            }
            for (int i = 0; i < forCombination.size(); i++) {
                int s = forCombination.get(i);
                methods[s] = network == null ? Method.COMBINATION : Method.COMBINATION_SHORT;
                forecasts[s] = LocalIntervals.apply(history.get(s).id(), points.get(i),
                        LocalIntervals.intervalScale(history.get(s).values(), season), q, levels);
            }
            if (pooledQ == null) {
                pooledQ = q;
            }
            if (why.length() > 0) {
                why.append("; ");
            }
            why.append(String.format(Locale.ROOT, "%d series%s: %s", forCombination.size(), which,
                    statistics.name()));
        }

        /** The series too short for the combination: their last value. */
        void naiveSeries() {
            double[][] q = pooledQ != null ? pooledQ : nanQuantiles(levels.length, horizon);
            for (int s : forNaive) {
                double[] y = history.get(s).values();
                double[] p = new double[horizon];
                Arrays.fill(p, y[y.length - 1]);
                methods[s] = Method.NAIVE;
                forecasts[s] = LocalIntervals.apply(history.get(s).id(), p, LocalIntervals.intervalScale(y, season), q,
                        levels);
            }
            if (why.length() > 0) {
                why.append("; ");
            }
            why.append(String.format(Locale.ROOT, "%d series of fewer than %d values: naive", forNaive.size(),
                    statsMin));
        }

        /** The forecasts, methods and explanation, with how many series have no intervals. */
        Result result() {
            int uncalibrated = 0;
            for (Forecast f : forecasts) {
                if (levels.length > 0 && Double.isNaN(f.lower(levels[0])[0])) {
                    uncalibrated++;
                }
            }
            if (uncalibrated > 0) {
                why.append(String.format(Locale.ROOT, UNCALIBRATED + " for %d series: the file's series are "
                        + "too short to backtest %s and calibrate them", uncalibrated, statistics.name()));
            }
            List<String> labels = new ArrayList<>(forecasts.length);
            for (Method m : methods) {
                labels.add(m.label(netName, statistics.name()));
            }
            return new Result(List.of(forecasts), List.of(methods), List.copyOf(labels), "ensemble: " + why);
        }
    }


    /**
     * The series too short to train the network on ({@code mid}: shorter than {@link #networkLength}) that still hold
     * its input window: a global network forecasts any series from its latest window, so the one trained on the longer
     * series forecasts these too, and they get the mean of it and the combination when, with each one's latest
     * {@code horizon} values held out (values the network never saw), the mean's MASE over those windows is below the
     * combination's alone by more than {@link HeldOutChoice#clear} standard errors of the paired per-window differences, over at
     * least {@value #MIN_VALIDATION} windows (weighted as in the choice, {@link HeldOutChoice#heldOutWeights}); otherwise they keep
     * the combination, which they had before and which is the safer bet when the evidence is thin: on M4 Weekly's 65
     * series of 80 weeks the mean held out 4% below the combination (0.560 against 0.584 over 65 windows) and scored
     * 18% above it on the test weeks (0.961 against 0.815). The network alone is never taken for them: its
     * training never saw them. Their intervals are the combination's backtests on them (or, with none, the longer
     * series' quantiles) times the mean's error ratio to the combination's on those held-out windows, as for the
     * longer series ({@link #intervalQuantiles}). When the longer series' held-out windows all lie in another part of
     * the season than the forecast's ({@link HeldOutChoice#heldOutOffSeason}), so do these, and they keep the combination; so they do
     * when they end together themselves ({@link LocalIntervals#endTogether}) at a horizon shorter than the season, each
     * holding out the same stretch just before the forecast's, even where the longer series end apart. On M4 Weekly
     * (359 series as integer steps) the 65 series of exactly 80 weeks do: their mean held out 2.2 to 2.9 standard
     * errors below the combination (against a bar of 2.57) with the network of one seed or another or one value of
     * another series changed, and where it passed the bar their test weeks scored 15.249 sMAPE against the
     * combination's 12.775, the panel 6.618 against 6.217. The
     * series taken are filled in and removed from {@code mid}; {@code combination} keeps its held-out fits
     * ({@link FitMemory}) for its interval backtests, of these series or of the others that keep the combination, share
     * their latest origin.
     *
     * @return what was decided, for the explanation; null when no series holds the window
     */
    private String shorterSeries(List<TimeSeries> history, List<Integer> mid, int horizon, int season, int[] levels,
                                 double[][] longerQ, boolean offSeason, Forecaster combination,
                                 Forecast[] forecasts, Method[] methods, Progress progress) {
        FittedForecaster fitted = network.fitted();
        List<Integer> reach = reachable(history, mid, fitted);
        if (reach.isEmpty()) {
            return null;
        }
        String which = which(history, reach);
        if (offSeason) {
            return String.format(Locale.ROOT, "%s: %s (their latest values, as the longer series', lie in another part "
                    + "of the season than the forecast's)", which, statistics.name());
        }
        HeldOutHeads held = heldOutHeads(history, reach, horizon, season, fitted.window());
        if (held.heads().size() < MIN_VALIDATION) {
            return String.format(Locale.ROOT, "%s: %s (%d held-out windows, fewer than %d)", which, statistics.name(),
                    held.heads().size(), MIN_VALIDATION);
        }
        if (season > 1 && horizon < season && LocalIntervals.endTogether(held.ends())) {
            return String.format(Locale.ROOT, "%s: %s (they end together, so their held-out values lie in the part of "
                    + "the season before the forecast's %d steps)", which, statistics.name(), horizon);
        }
        progress.message(String.format(Locale.ROOT, "ensemble: %s on %d series shorter than the %s's, their last %d "
                + "values held out", statistics.name(), held.heads().size(), network.name(), horizon));
        List<double[]> statHeld = LocalIntervals.points(combination, held.heads(), horizon, season);
        List<Forecast> netHeld;
        try {
            netHeld = fitted.forecast(held.heads());
        } catch (IllegalArgumentException refused) {
            return refused(which, refused);
        }
        ShorterEvidence evidence = shorterEvidence(held, statHeld, netHeld, horizon, season);
        if (!evidence.mean()) {
            return which + ": " + statistics.name() + " " + evidence.text();
        }
        // the network's forecasts of the series themselves, needed only now that the mean is taken
        List<TimeSeries> series = select(history, reach);
        List<Forecast> net;
        try {
            net = fitted.forecast(series);
        } catch (IllegalArgumentException refused) {
            return refused(which, refused);
        }
        takeTheMean(history, reach, series, net, horizon, season, levels, longerQ, combination, evidence, forecasts,
                methods);
        mid.removeAll(new java.util.HashSet<>(reach));
        return which + ": " + Method.MEAN.label(network.name(), statistics.name()) + ", the " + network.name()
                + " trained on the longer series " + evidence.text();
    }

    /** The series of {@code mid} that the fitted network can forecast: those that hold its window and its scaling. */
    private static List<Integer> reachable(List<TimeSeries> history, List<Integer> mid, FittedForecaster fitted) {
        List<Integer> reach = new ArrayList<>();
        for (int s : mid) {
            double[] y = history.get(s).values();
            if (y.length >= fitted.window() && RecurrentForecaster.inRange(y) && !RecurrentForecaster.constant(y)
                    && (!fitted.log() || Signs.allPositive(y))) {
                reach.add(s);
            }
        }
        return reach;
    }

    /** How the explanation names the shorter series: how many, of what lengths, holding the network's window. */
    private String which(List<TimeSeries> history, List<Integer> reach) {
        int shortest = Integer.MAX_VALUE;
        int longest = 0;
        for (int s : reach) {
            shortest = Math.min(shortest, history.get(s).length());
            longest = Math.max(longest, history.get(s).length());
        }
        return String.format(Locale.ROOT, "%d series of %s values that hold the %s's window", reach.size(),
                shortest == longest ? Integer.toString(shortest) : shortest + " to " + longest, network.name());
    }

    /**
     * The shorter series' heads, each series without its latest {@code horizon} values, where the window and the
     * combination's minimum remain before them.
     *
     * @param heads the heads
     * @param ys    each head's whole series, its held-out values at the end
     * @param ends  each series' end ({@link LocalIntervals#end})
     */
    private record HeldOutHeads(List<TimeSeries> heads, List<double[]> ys, List<String> ends) {
    }

    private HeldOutHeads heldOutHeads(List<TimeSeries> history, List<Integer> reach, int horizon, int season,
                                      int window) {
        int before = Math.max(window, statistics.minimumLength(horizon, season));
        List<TimeSeries> heads = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        for (int s : reach) {
            TimeSeries t = history.get(s);
            if (t.length() - horizon >= before) {
                heads.add(t.head(t.length() - horizon));
                ys.add(t.values());
                ends.add(LocalIntervals.end(t));
            }
        }
        return new HeldOutHeads(heads, ys, ends);
    }

    /**
     * What the shorter series' held-out values say of the mean against the combination.
     *
     * @param mean        whether the mean clearly beats the combination
     * @param text        the evidence, for the explanation
     * @param caseMase    each held-out window's MASE of the network, the combination and the mean
     * @param meanErrors  each window's scaled errors of the mean, per step
     * @param statErrors  each window's scaled errors of the combination, per step
     */
    private record ShorterEvidence(boolean mean, String text, List<double[]> caseMase, List<double[]> meanErrors,
                                   List<double[]> statErrors) {
    }

    /**
     * The network's and the combination's forecasts of the held-out heads ({@code netHeld}, {@code statHeld}), scored.
     * The combination, which these series had before, stays unless the mean clearly beats it.
     */
    private ShorterEvidence shorterEvidence(HeldOutHeads held, List<double[]> statHeld, List<Forecast> netHeld,
                                            int horizon, int season) {
        List<TimeSeries> heads = held.heads();
        List<double[]> caseMase = new ArrayList<>();
        List<double[]> meanErrors = new ArrayList<>();
        List<double[]> statErrors = new ArrayList<>();
        for (int i = 0; i < heads.size(); i++) {
            HeldOutChoice.heldOutCase(held.ys().get(i), heads.get(i).length(), netHeld.get(i).point(), statHeld.get(i),
                    horizon, season, caseMase, meanErrors, statErrors);
        }
        List<double[]> weighed = HeldOutChoice.capped(caseMase);
        double[] mase = HeldOutChoice.means(weighed);
        double[] margin = AutoForecaster.pairedMargin(weighed.stream().mapToDouble(c -> c[1]).toArray(),
                weighed.stream().mapToDouble(c -> c[2]).toArray());
        boolean mean = margin[0] > HeldOutChoice.clear(weighed.size()) * margin[1];
        double errors = margin[1] > 0 ? margin[0] / margin[1] : 0;
        String text = String.format(Locale.ROOT, "(their last %d values held out, MASE over %d windows%s: %s %.3f, "
                        + "%s %.3f, mean %.3f, %.1f standard errors %s %s)", horizon, caseMase.size(),
                HeldOutChoice.weighing(caseMase), network.name(), mase[0], statistics.name(), mase[1], mase[2],
                Math.abs(errors), errors >= 0 ? "below" : "above", statistics.name());
        return new ShorterEvidence(mean, text, caseMase, meanErrors, statErrors);
    }

    /**
     * The mean of the network's forecasts {@code net} and the combination's for the series {@code reach}
     * ({@code series}), into {@code forecasts} and {@code methods}, with the combination's backtests on them scaled for
     * the mean as their intervals (else the longer series' quantiles; else a few backtests from short histories; else
     * none).
     */
    private void takeTheMean(List<TimeSeries> history, List<Integer> reach, List<TimeSeries> series,
                             List<Forecast> net, int horizon, int season, int[] levels, double[][] longerQ,
                             Forecaster combination, ShorterEvidence evidence, Forecast[] forecasts,
                             Method[] methods) {
        List<double[]> stat = LocalIntervals.points(combination, series, horizon, season);
        double[][] q = new double[0][horizon];
        if (levels.length > 0) {
            q = LocalIntervals.backtestQuantiles(combination, series, horizon, season, levels, false);
            if (!Double.isNaN(q[0][0])) {
                forTheMean(q, evidence.caseMase(), evidence.meanErrors(), evidence.statErrors());
            } else if (longerQ != null) {
                q = longerQ;
            } else {
                q = LocalIntervals.backtestQuantiles(combination, series, horizon, season, levels, true);
            }
        }
        for (int i = 0; i < reach.size(); i++) {
            int s = reach.get(i);
            methods[s] = Method.MEAN;
            forecasts[s] = LocalIntervals.apply(history.get(s).id(), halfAndHalf(net.get(i).point(), stat.get(i)),
                    LocalIntervals.intervalScale(history.get(s).values(), season), q, levels);
        }
    }

    /** What the explanation says of shorter series that keep the combination because the network refused them. */
    private String refused(String which, IllegalArgumentException refusal) {
        return String.format(Locale.ROOT, "%s: %s (the %s could not forecast them: %s)", which, statistics.name(),
                network.name(), refusal.getMessage());
    }

    /** The mean of the network's forecast and the combination's, step by step. */
    private static double[] halfAndHalf(double[] network, double[] combination) {
        double[] p = new double[combination.length];
        for (int h = 0; h < p.length; h++) {
            p[h] = (combination[h] + network[h]) / 2;
        }
        return p;
    }

    /**
     * Scales the combination's interval quantiles {@code q} for the mean: by the ratio of the mean's held-out errors
     * to the combination's ({@link HeldOutChoice#meanToCombination}), when that is defined.
     */
    private static void forTheMean(double[][] q, List<double[]> caseMase, List<double[]> meanErrors,
                                   List<double[]> statErrors) {
        double ratio = HeldOutChoice.meanToCombination(caseMase, meanErrors, statErrors);
        if (!Double.isNaN(ratio)) {
            for (double[] row : q) {
                for (int h = 0; h < row.length; h++) {
                    row[h] *= ratio;
                }
            }
        }
    }

    /**
     * Conformal quantiles {@code [level][step]} of the scaled errors of the combination or of the mean on the network's
     * series: those of the combination's backtests from origins spread over each of those histories, times, for the
     * mean, the ratio of the mean's total error to the combination's on the same held-out windows (weighted as in the
     * choice, {@link HeldOutChoice#heldOutWeights}). The held-out
     * windows are few (at most {@value #VALIDATION_WINDOWS}) and lie in the last stretch of each history, so their
     * own quantiles would be set by a small sample of one period; the ratio of two errors on the same windows is far
     * steadier, since both see the same period. Falls back to the held-out windows' own quantiles when no series is
     * long enough for a backtest. {@code combination} is the combination with its held-out refits kept
     * ({@link FitMemory}), so a backtest from a held-out origin is not fitted again.
     */
    private double[][] intervalQuantiles(Method choice, Forecaster combination, List<TimeSeries> train, int horizon,
                                         int season, int[] levels, List<double[]> caseMase, List<double[]> meanErrors,
                                         List<double[]> statErrors, Progress progress) {
        List<double[]> own = choice == Method.MEAN ? meanErrors : statErrors;
        if (levels.length == 0) {
            return ErrorQuantiles.quantiles(own, horizon, levels);
        }
        progress.message(String.format(Locale.ROOT, "ensemble: %s interval backtests on %d series", combination.name(),
                train.size()));
        double[][] q = LocalIntervals.backtestQuantiles(combination, train, horizon, season, levels);
        if (Double.isNaN(q[0][0])) {
            return ErrorQuantiles.quantiles(own, horizon, levels);
        }
        if (choice == Method.MEAN) {
            forTheMean(q, caseMase, meanErrors, statErrors);
        }
        return q;
    }

    private static double[][] nanQuantiles(int levels, int horizon) {
        double[][] q = new double[levels][horizon];
        for (double[] row : q) {
            Arrays.fill(row, Double.NaN);
        }
        return q;
    }

    private static List<TimeSeries> select(List<TimeSeries> history, List<Integer> at) {
        List<TimeSeries> out = new ArrayList<>(at.size());
        for (int s : at) {
            out.add(history.get(s));
        }
        return out;
    }
}
