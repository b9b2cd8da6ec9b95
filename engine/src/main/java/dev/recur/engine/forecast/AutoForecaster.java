package dev.recur.engine.forecast;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Chooses a method by rolling-origin backtest and forecasts with it: every candidate (the recurrent
 * network and the baselines) is backtested over the same windows, and the lowest mean MASE wins. The
 * choice and the scores behind it are kept in {@link #explanation()}.
 */
public final class AutoForecaster implements Forecaster {

    private final List<Forecaster> candidates;
    private final int windows;
    private Forecaster chosen;
    private String explanation = "not run yet";
    private List<Backtest.Result> results = List.of();

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
        return chosen == null ? "auto" : "auto:" + chosen.name();
    }

    /** The method chosen by the last {@link #select}, or null. */
    public Forecaster chosen() {
        return chosen;
    }

    /** Which method was chosen and why, one line. */
    public String explanation() {
        return explanation;
    }

    @Override
    public int minimumLength(int horizon, int season) {
        int min = Integer.MAX_VALUE;
        for (Forecaster f : candidates) {
            min = Math.min(min, f.minimumLength(horizon, season));
        }
        return min + horizon;
    }

    /** Backtests every candidate and remembers the best. */
    public Forecaster select(List<TimeSeries> history, int horizon, int season, Progress progress) {
        List<Backtest.Result> results = new ArrayList<>();
        int step = Math.max(1, horizon);
        // every candidate is scored on the same windows: as many as the most demanding one can afford
        int common = windows;
        List<Forecaster> usable = new ArrayList<>();
        for (Forecaster f : candidates) {
            int w = Backtest.affordableWindows(f, history, horizon, season, step, windows);
            if (w < 1) {
                progress.message("auto: " + f.name() + " skipped: the series are too short to backtest it");
                continue;
            }
            usable.add(f);
            common = Math.min(common, w);
        }
        for (Forecaster f : usable) {
            progress.message("auto: backtesting " + f.name());
            results.add(Backtest.run(f, history, horizon, season, common, step, progress));
        }
        if (results.isEmpty()) {
            throw new IllegalArgumentException("the series are too short to backtest any method for horizon " + horizon);
        }
        results.sort(Comparator.comparingDouble(Backtest.Result::mase));
        Backtest.Result best = results.get(0);
        for (Forecaster f : candidates) {
            if (f.name().equals(best.model())) {
                chosen = f;
            }
        }
        StringBuilder why = new StringBuilder(String.format(Locale.ROOT,
                "auto chose %s: lowest backtest MASE %.3f over %d window%s of %d steps", best.model(), best.mase(),
                best.windows().size(), best.windows().size() == 1 ? "" : "s", horizon));
        if (results.size() > 1) {
            why.append(" (");
            for (int i = 1; i < results.size(); i++) {
                why.append(i > 1 ? ", " : "").append(String.format(Locale.ROOT, "%s %.3f", results.get(i).model(),
                        results.get(i).mase()));
            }
            why.append(')');
        }
        explanation = why.toString();
        this.results = List.copyOf(results);
        progress.message(explanation);
        return chosen;
    }

    /** The candidates' backtests from the last {@link #select}, best first. */
    public List<Backtest.Result> results() {
        return results;
    }

    @Override
    public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
        return select(history, horizon, season, progress).forecast(history, horizon, season, progress);
    }
}
