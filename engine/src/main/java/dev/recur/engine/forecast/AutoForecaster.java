package dev.recur.engine.forecast;

import dev.recur.engine.intervals.LocalIntervals;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Combination;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses a method by rolling-origin backtest, pooled by length group, and forecasts with it.
 *
 * <p>A panel mixes young and old series, and a method can only be backtested on series long enough for it
 * (the network needs far more history than Theta). So the choice is made group by group: the first group is
 * the series long enough to backtest every candidate over some number of windows (up to the number asked for),
 * the number that gives the most backtest forecasts (series times windows) among those that enough series
 * afford; "enough" is at least {@value #GROUP} series, or half the panel when it is smaller. When not even one window of every candidate is affordable, the most demanding
 * candidates are left out until it is. Every candidate of the group is backtested over the same windows of the
 * same series (a network trained once, at the earliest window's origin), and the lowest mean MASE wins for that
 * group, except that the statistical combination, when it is a candidate, is kept unless the winner beats it by
 * more than {@link HeldOutChoice#clear} standard errors of the paired differences of their forecasts' MASE
 * (each window of each series one case; {@value HeldOutChoice#CLEAR} over many cases, more over few): a
 * combination is the safer bet when the evidence against it is thin. The series left over form the next group, chosen the
 * same way among the candidates they can afford, and so on. Series in no group (fewer than {@value #GROUP}
 * left, or too short to backtest anything) get the statistical combination, or naive below 3 values, as the
 * default method gives them. The choices and the scores behind them are kept in {@link #groups()} and
 * {@link #explanation()}, and each series' method in the labels of {@link Result}.
 */
public final class AutoForecaster implements Forecaster {

    /** Fewest series on which a group's method is chosen (selection on fewer is mostly noise). */
    static final int GROUP = 30;

    /**
     * One length group and its choice.
     *
     * @param method      the method chosen for the group
     * @param shortest    the fewest values of a series in the group
     * @param ids         the group's series
     * @param explanation the choice and its evidence, one line
     * @param results     the candidates' backtests on the group: the chosen one first, then by MASE
     */
    public record Group(Forecaster method, int shortest, List<String> ids, String explanation,
                       List<Backtest.Result> results) {
    }

    /**
     * The outcome of a forecast.
     *
     * @param forecasts   one per series, in the order given
     * @param labels      each series' method (e.g. {@code theta}; {@code comb} or {@code naive} for series in no group)
     * @param explanation the choices and their evidence, one line
     */
    public record Result(List<Forecast> forecasts, List<String> labels, String explanation) {
    }

    private final List<Forecaster> candidates;
    private final int windows;
    private List<Group> groups = List.of();
    private Map<String, Forecaster> assigned = Map.of();
    private String explanation = "not run yet";
    private boolean ran;
    private boolean everySeriesGrouped;

    /**
     * Creates the selector.
     *
     * @param candidates the methods to compare
     * @param windows    backtest origins (each a horizon apart)
     */
    public AutoForecaster(List<Forecaster> candidates, int windows) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("auto needs at least one candidate");
        }
        this.candidates = List.copyOf(candidates);
        this.windows = windows;
    }

    @Override
    public String name() {
        return groups.isEmpty() ? "auto" : "auto:" + String.join("+", chosenNames());
    }

    private List<String> chosenNames() {
        List<String> names = new ArrayList<>();
        for (Group g : groups) {
            if (!names.contains(g.method().name())) {
                names.add(g.method().name());
            }
        }
        return names;
    }

    /** The method chosen for the first (longest) group by the last {@link #select} or forecast, or null. */
    public Forecaster chosen() {
        return groups.isEmpty() ? null : groups.get(0).method();
    }

    /** The length groups of the last choice, longest series first. */
    public List<Group> groups() {
        return groups;
    }

    /** Which method was chosen for which series and why, one line. */
    public String explanation() {
        return explanation;
    }

    /** A series of any length gets a forecast (the shortest ones from the statistical combination, or naive). */
    @Override
    public int minimumLength(int horizon, int season) {
        return 1;
    }

    /** Chooses (see the class documentation) and returns the first group's method. */
    public Forecaster select(List<TimeSeries> history, int horizon, int season, Progress progress) {
        choose(history, horizon, season, progress);
        Forecaster first = chosen();
        if (first == null) {
            throw new IllegalArgumentException("the series are too short to backtest any method for horizon " + horizon);
        }
        return first;
    }

    /** The backtest of one window needs this many values. */
    private static int backtestNeed(Forecaster f, int horizon, int season) {
        return f.minimumLength(horizon, season) + horizon;
    }

    /** Chooses a method for each length group. */
    public List<Group> choose(List<TimeSeries> history, int horizon, int season, Progress progress) {
        // each candidate as it forecasts at this season, so that the choice, the log and the labels name what forecast
        // (comb's Theta member is dotm at a season of 1); a combination's members stay the candidates' own objects
        List<Forecaster> candidates = this.candidates.stream().map(f -> f.atSeason(season)).toList();
        // a series beyond the networks' float32 range joins no group when a network is a candidate: it would stop
        // the network's backtest; it gets the combination, as a series in no group does
        boolean networks = candidates.stream().anyMatch(f -> f instanceof RecurrentForecaster);
        List<TimeSeries> remaining = new ArrayList<>(history.size());
        int beyond = 0;
        for (TimeSeries s : history) {
            if (networks && !RecurrentForecaster.inRange(s.values())) {
                beyond++;
            } else {
                remaining.add(s);
            }
        }
        remaining.sort(Comparator.comparingInt(TimeSeries::length).reversed());
        int minGroup = Math.max(1, Math.min(GROUP, (history.size() + 1) / 2));
        List<Group> out = new ArrayList<>();
        Map<String, Forecaster> byId = new HashMap<>();
        int step = Math.max(1, horizon);
        while (!remaining.isEmpty()) {
            Sample next = nextSample(remaining, candidates, horizon, season, step, minGroup, progress);
            if (next == null) {
                break;
            }
            List<TimeSeries> sample = next.series();
            Group g = chooseFor(sample, next.usable(), horizon, season, step, next.windows(),
                    sample.size() == history.size(), progress);
            out.add(g);
            for (TimeSeries s : sample) {
                byId.put(s.id(), g.method());
            }
            remaining = new ArrayList<>(remaining.subList(sample.size(), remaining.size()));
            minGroup = GROUP;
        }
        groups = List.copyOf(out);
        assigned = byId;
        everySeriesGrouped = remaining.isEmpty() && beyond == 0;
        ran = true;
        explanation = explain(out, remaining, beyond);
        progress.message(explanation);
        return groups;
    }

    /**
     * The next length group's series and what they afford.
     *
     * @param usable  the candidates every series of the group can be backtested with
     * @param series  the group: the longest remaining series that afford them
     * @param windows the backtest windows each of them affords
     */
    private record Sample(List<Forecaster> usable, List<TimeSeries> series, int windows) {
    }

    /**
     * The most candidates, then the most windows (up to the number asked for), that at least {@code minGroup} of the
     * {@code remaining} series (longest first) afford; a candidate whose backtest needs the most values is left out,
     * with a message, while too few afford them all. Null when no candidate is left.
     */
    private Sample nextSample(List<TimeSeries> remaining, List<Forecaster> candidates, int horizon, int season,
                              int step, int minGroup, Progress progress) {
        List<Forecaster> usable = new ArrayList<>(candidates);
        while (!usable.isEmpty()) {
            int need = 0;
            for (Forecaster f : usable) {
                need = Math.max(need, backtestNeed(f, horizon, season));
            }
            // the number of windows that gives the most backtest forecasts (series times windows)
            List<TimeSeries> sample = List.of();
            int affordable = 0;
            long most = 0;
            for (int w = Math.max(1, windows); w >= 1; w--) {
                final int atLeast = need + (w - 1) * step;
                List<TimeSeries> s = remaining.stream().filter(x -> x.length() >= atLeast).toList();
                if (s.size() >= minGroup && (long) s.size() * w > most) {
                    most = (long) s.size() * w;
                    sample = s;
                    affordable = w;
                }
            }
            if (!sample.isEmpty()) {
                return new Sample(usable, sample, affordable);
            }
            for (Forecaster f : List.copyOf(usable)) {
                if (backtestNeed(f, horizon, season) == need) {
                    usable.remove(f);
                    progress.message(String.format(Locale.ROOT, "auto: %s left out for the %d remaining "
                            + "series: fewer than %d of them have the %d values its backtest needs", f.name(),
                            remaining.size(), minGroup, need));
                }
            }
        }
        return null;
    }

    /** The choice in one line: each group's, then the series in no group and those beyond the networks' range. */
    private static String explain(List<Group> out, List<TimeSeries> remaining, int beyond) {
        StringBuilder why = new StringBuilder();
        for (Group g : out) {
            why.append(why.length() > 0 ? "; " : "").append(g.explanation());
        }
        if (!remaining.isEmpty()) {
            why.append(why.length() > 0 ? "; " : "").append(String.format(Locale.ROOT,
                    "the %d series in no group (%d to %d values) get comb (naive below 3 values)", remaining.size(),
                    remaining.get(remaining.size() - 1).length(), remaining.get(0).length()));
        }
        if (beyond > 0) {
            why.append(why.length() > 0 ? "; " : "").append(String.format(Locale.ROOT,
                    "the %d series beyond %s (outside the networks' float32 range) get comb", beyond,
                    RecurrentForecaster.RANGE));
        }
        return why.toString();
    }

    private Group chooseFor(List<TimeSeries> sample, List<Forecaster> usable, int horizon, int season, int step,
                            int common, boolean whole, Progress progress) {
        int shortest = sample.get(sample.size() - 1).length();
        List<Backtest.Result> results = backtests(sample, usable, horizon, season, step, common, progress);
        results.sort(Comparator.comparingDouble(Backtest.Result::mase));
        Backtest.Result lowest = results.get(0);
        Backtest.Result combination = results.stream()
                .filter(r -> usable.stream().anyMatch(f -> f instanceof Combination && f.name().equals(r.model())))
                .findFirst().orElse(null);
        String kept = combination != null && combination != lowest ? combinationKept(combination, lowest) : null;
        Backtest.Result best = kept != null ? combination : lowest;
        Forecaster chosen = usable.stream().filter(f -> f.name().equals(best.model())).findFirst().orElseThrow();
        String which = whole ? "" : String.format(Locale.ROOT, " for the %d series of %d values or more", sample.size(),
                shortest);
        StringBuilder why = new StringBuilder(String.format(Locale.ROOT,
                "auto chose %s%s: %s %.3f over %d window%s of %d steps", best.model(), which,
                best == lowest ? "lowest backtest MASE" : "backtest MASE", best.mase(), best.windows().size(),
                best.windows().size() == 1 ? "" : "s", horizon));
        if (results.size() > 1) {
            why.append(" (");
            boolean first = true;
            for (Backtest.Result r : results) {
                if (r != best) {
                    why.append(first ? "" : ", ").append(String.format(Locale.ROOT, "%s %.3f", r.model(), r.mase()));
                    first = false;
                }
            }
            why.append(')');
        }
        why.append(kept == null ? "" : kept);
        if (best != lowest) {
            // the chosen method first, as in the explanation
            results.remove(best);
            results.add(0, best);
        }
        List<String> ids = sample.stream().map(TimeSeries::id).toList();
        return new Group(chosen, shortest, ids, why.toString(), List.copyOf(results));
    }

    /**
     * Each usable candidate's backtest on the group's series over {@code common} windows, in the candidates' order; a
     * combination whose members were all backtested over the same origins gets their mean instead of a run of its own.
     */
    private List<Backtest.Result> backtests(List<TimeSeries> sample, List<Forecaster> usable, int horizon, int season,
                                            int step, int common, Progress progress) {
        int shortest = sample.get(sample.size() - 1).length();
        List<Backtest.Result> results = new ArrayList<>();
        Map<Forecaster, Backtest.Result> byCandidate = new java.util.IdentityHashMap<>();
        for (Forecaster f : usable) {
            List<Backtest.Result> members = f instanceof Combination c ? memberResults(c, byCandidate, common) : null;
            if (members != null) {
                // the members were backtested over the same origins: their mean is the combination's backtest
                progress.message(String.format(Locale.ROOT, "auto: %s from its members' backtests", f.name()));
                Backtest.Result r = Backtest.combined(f.name(), members, sample, horizon, season, progress);
                results.add(r);
                byCandidate.put(f, r);
                continue;
            }
            progress.message(String.format(Locale.ROOT, "auto: backtesting %s on the %d series of %d values or more",
                    f.name(), sample.size(), shortest));
            // a network is trained once, at the earliest origin, and forecasts every later window with the same
            // weights (their targets are after its training data); refitting it at every origin would multiply
            // the cost of auto by the number of windows
            Backtest.Result r = Backtest.run(f, sample, horizon, season, common, step, new int[0],
                    !(f instanceof RecurrentForecaster), progress);
            results.add(r);
            byCandidate.put(f, r);
        }
        return results;
    }

    /**
     * Why the combination is kept over the candidate with the lowest backtest MASE, which does not beat it by
     * {@link HeldOutChoice#clear} standard errors of the paired per-window differences; null when that one does.
     */
    private static String combinationKept(Backtest.Result combination, Backtest.Result lowest) {
        double[] cases = cases(combination);
        double[] margin = pairedMargin(cases, cases(lowest));
        double clear = HeldOutChoice.clear(cases.length);
        if (margin[0] > clear * margin[1]) {
            return null;
        }
        return cases.length < 2
                ? String.format(Locale.ROOT, "; %s kept: %s beats it by %.3f on a single window",
                combination.model(), lowest.model(), margin[0])
                : String.format(Locale.ROOT, "; %s kept: %s beats it by %.3f, not %.1f standard errors (%.3f)",
                combination.model(), lowest.model(), margin[0], clear, margin[1]);
    }

    /**
     * The backtests of a combination's members when every member is itself a candidate (the same object)
     * already backtested over all {@code windows} origins of the group, in the combination's order; else null.
     */
    private static List<Backtest.Result> memberResults(Combination c, Map<Forecaster, Backtest.Result> done,
                                                       int windows) {
        List<Backtest.Result> out = new ArrayList<>();
        for (Forecaster m : c.members()) {
            Backtest.Result r = done.get(m);
            if (r == null || r.windows().size() != windows) {
                return null;
            }
            out.add(r);
        }
        return out;
    }

    /** The MASE of each forecast of a backtest, window by window (latest first), series by series. */
    static double[] cases(Backtest.Result r) {
        return java.util.Arrays.stream(r.caseMase()).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    /**
     * How much lower {@code challenger}'s MASE is than {@code reference}'s: {mean difference, its standard error}
     * over the cases (paired: the same series and windows; a single series' windows are its cases).
     */
    static double[] pairedMargin(double[] reference, double[] challenger) {
        int n = reference.length;
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += (reference[i] - challenger[i]) / n;
        }
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = reference[i] - challenger[i] - mean;
            ss += d * d;
        }
        double se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : Double.POSITIVE_INFINITY;
        return new double[]{mean, se};
    }

    /** The candidates' backtests of the first group, the chosen one first (empty before a choice). */
    public List<Backtest.Result> results() {
        return groups.isEmpty() ? List.of() : groups.get(0).results();
    }

    /** Chooses, then forecasts every series with its group's method (see the class documentation). */
    public Result forecast(List<TimeSeries> history, int horizon, int season, int[] levels, Progress progress) {
        Forecaster.checkHorizon(horizon);
        choose(history, horizon, season, progress);
        return chosenMethod().forecast(history, horizon, season, levels, progress);
    }

    @Override
    public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
        return points(forecast(history, horizon, season, new int[0], progress).forecasts());
    }

    private static List<double[]> points(List<Forecast> forecasts) {
        List<double[]> out = new ArrayList<>(forecasts.size());
        for (Forecast f : forecasts) {
            out.add(f.point());
        }
        return out;
    }

    /**
     * The last choice, frozen: a method that forecasts each series with the method chosen for it (by id), without
     * choosing again; a series it has not seen, or too short for its group's method, gets the statistical
     * combination. Backtests of a report use it.
     */
    public Chosen chosenMethod() {
        if (!ran) {
            throw new IllegalStateException("auto has not chosen yet");
        }
        return new Chosen(name(), Map.copyOf(assigned), explanation, everySeriesGrouped);
    }

    /** The methods chosen by an {@link AutoForecaster}, applied series by series (see {@link #chosenMethod()}). */
    public static final class Chosen implements Forecaster {

        private final String name;
        private final Map<String, Forecaster> assigned;
        private final String explanation;
        private final boolean complete;

        private Chosen(String name, Map<String, Forecaster> assigned, String explanation, boolean complete) {
            this.name = name;
            this.assigned = assigned;
            this.explanation = explanation;
            this.complete = complete;
        }

        @Override
        public String name() {
            return name;
        }

        /** Which method was chosen for which series and why, one line. */
        public String explanation() {
            return explanation;
        }

        @Override
        public int minimumLength(int horizon, int season) {
            return 1;
        }

        /** The network, when every series given to the last choice was assigned that one network; else null. */
        public RecurrentForecaster network() {
            if (!complete) {
                return null;
            }
            RecurrentForecaster only = null;
            for (Forecaster f : assigned.values()) {
                if (!(f instanceof RecurrentForecaster rf) || (only != null && only != rf)) {
                    return null;
                }
                only = rf;
            }
            return only;
        }

        /** Forecasts every series with its method, with intervals at {@code levels} (percent). */
        public Result forecast(List<TimeSeries> history, int horizon, int season, int[] levels, Progress progress) {
            Map<Forecaster, List<Integer>> byMethod = new LinkedHashMap<>();
            List<Integer> rest = new ArrayList<>();
            for (int i = 0; i < history.size(); i++) {
                TimeSeries s = history.get(i);
                Forecaster f = assigned.get(s.id());
                if (f != null && f.takes(s, horizon, season)) {
                    byMethod.computeIfAbsent(f, k -> new ArrayList<>()).add(i);
                } else {
                    rest.add(i);
                }
            }
            Forecast[] forecasts = new Forecast[history.size()];
            String[] labels = new String[history.size()];
            for (Map.Entry<Forecaster, List<Integer>> e : byMethod.entrySet()) {
                Forecaster f = e.getKey();
                List<TimeSeries> part = e.getValue().stream().map(history::get).toList();
                List<Forecast> fc = f instanceof RecurrentForecaster rf
                        ? rf.forecast(part, horizon, season, levels, progress)
                        : LocalIntervals.forecast(f, part, horizon, season, levels);
                for (int k = 0; k < part.size(); k++) {
                    forecasts[e.getValue().get(k)] = fc.get(k);
                    labels[e.getValue().get(k)] = f.name();
                }
            }
            if (!rest.isEmpty()) {
                // as the command line gives series too short for the method asked for: the combination, calibrated
                // on the whole file when they cannot calibrate it on their own
                List<TimeSeries> part = rest.stream().map(history::get).toList();
                EnsembleForecaster.Result r = StatisticalFallback.forecast(part, history, horizon, season,
                        levels);
                for (int k = 0; k < rest.size(); k++) {
                    forecasts[rest.get(k)] = r.forecasts().get(k);
                    labels[rest.get(k)] = r.labels().get(k);
                }
            }
            return new Result(List.of(forecasts), List.of(labels), explanation);
        }

        @Override
        public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
            return points(forecast(history, horizon, season, new int[0], progress).forecasts());
        }
    }
}
