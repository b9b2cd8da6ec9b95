package dev.recur.plugin.cli;

import dev.recur.connectors.jdbc.JdbcSource;
import dev.recur.connectors.series.SeriesData;
import dev.recur.engine.forecast.AutoForecaster;
import dev.recur.engine.forecast.Backtest;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code recur backtest}: rolling-origin evaluation of a method on the input's own history. */
@Command(name = "backtest",
        mixinStandardHelpOptions = true,
        description = {"Evaluates a method by rolling-origin backtest: each series is cut at up to WINDOWS origins (as "
                + "many as its length affords; one too short for any is left out and named), STEP "
                + "apart, the last a horizon before its end; the method is refitted on the history before each origin "
                + "and scored on the next horizon values. Prints MASE and sMAPE per origin and overall, and the "
                + "coverage and scaled interval score (MSIS: width plus 2/alpha times each miss, over the MASE scale; "
                + "lower is better) of the prediction intervals."},
        footer = {"", "Examples:",
            "  recur backtest --input sample-data/air-passengers.csv --horizon 12 --model ets --windows 4",
            "  recur backtest --input train.csv --horizon 48 --season 24 --model gru --windows 2",
            "  recur backtest --input train.csv --horizon 48 --season 24 --model gru --windows 6 --no-refit"})
public final class BacktestCommand implements Callable<Integer> {

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Mixin
    InputOptions in = new InputOptions();

    @Mixin
    ModelOptions method = new ModelOptions();

    @Mixin
    NegativeForecastOptions negative = new NegativeForecastOptions();

    @Option(names = "--horizon", required = true, paramLabel = "H", description = "Steps to forecast at each origin.")
    int horizon;

    @Option(names = "--season", paramLabel = "M", description = "Seasonal period (default: from the frequency).")
    Integer season;

    @Option(names = "--windows", paramLabel = "N", defaultValue = "3", description = "Origins (default ${DEFAULT-VALUE}); a series takes part in as many as its length affords, "
            + "and one too short for any is left out and named.")
    int windows;

    @Option(names = "--step", paramLabel = "N", description = "Steps between origins (default: the horizon).")
    Integer step;

    @Option(names = "--no-refit", description = "Neural models: train once, before the earliest origin, and forecast "
            + "every origin with those weights (as a model deployed and never retrained); local methods are always refitted.")
    boolean noRefit;

    @Option(names = "--levels", paramLabel = "L,L", split = ",", defaultValue = "80,95",
            description = "Interval levels whose coverage is measured (default ${DEFAULT-VALUE}).")
    int[] levels;

    /** Creates the command. */
    public BacktestCommand() {
    }

    @Override
    public Integer call() throws Exception {
        ConsoleProgress progress = console.progress();
        if (horizon < 1 || windows < 1 || (step != null && step < 1)) {
            throw new IllegalArgumentException("--horizon, --windows and --step must be at least 1");
        }
        int[] lv = ForecastCommand.checkLevels(levels);
        Forecaster f = method.forecaster();
        if (f instanceof AutoForecaster) {
            throw new IllegalArgumentException("backtest one method at a time: --model auto is itself chosen by backtest");
        }
        in.checkSource();
        JdbcSource db = in.database();
        SeriesData data = in.read(db, progress, true, season);
        List<TimeSeries> all = data.series();
        // a file may hold series of several frequencies: each frequency's series are backtested together, as
        // `recur forecast` forecasts them, the data's own first with --season, the others with their own season
        List<List<Integer>> groups = ForecastCommand.byFrequency(all, data.frequency());
        for (List<Integer> group : groups) {
            boolean first = group == groups.get(0);
            List<TimeSeries> part = ForecastCommand.at(all, group);
            Frequency frequency = part.get(0).frequency();
            int m = first && season != null ? season : frequency.defaultSeason();
            if (groups.size() > 1) {
                if (!first) {
                    System.out.println();
                }
                System.out.printf(Locale.ROOT, "%s series (%d of %d):%n", frequency, part.size(), all.size());
            }
            print(f, part, m, lv, progress);
        }
        return 0;
    }

    /** Backtests the series of one frequency and prints the result. */
    private void print(Forecaster f, List<TimeSeries> series, int m, int[] lv, ConsoleProgress progress) {
        Backtest.Result r = Backtest.run(f, series, horizon, m, windows, step == null ? horizon : step, lv,
                !noRefit, negative.nonNegative(), progress);
        if (!r.leftOut().isEmpty()) {
            progress.warning(ReportWriter.leftOutNote(r, series.size()));
        }
        System.out.printf(Locale.ROOT, "%s on %d series, horizon %d, season %d%s%n", f.name(), series.size(),
                horizon, m, noRefit && f instanceof dev.recur.engine.neural.RecurrentForecaster
                        ? ", trained once before the earliest origin" : "");
        for (int k = r.windows().size() - 1; k >= 0; k--) {
            Backtest.Window w = r.windows().get(k);
            System.out.printf(Locale.ROOT, "origin %d (last %d values held out): MASE %.3f, sMAPE %.3f%s%n",
                    r.windows().size() - k, w.cut(), w.mase(), w.smape(), w.series() == series.size() ? ""
                            : String.format(Locale.ROOT, " (%d of %d series long enough)", w.series(), series.size()));
        }
        System.out.printf(Locale.ROOT, "overall: MASE %.3f, sMAPE %.3f%s%n", r.mase(), r.smape(), r.complete() ? ""
                : " (the mean over the forecasts scored)");
        for (Map.Entry<Integer, Double> e : r.coverage().entrySet()) {
            double msis = r.msis().get(e.getKey());
            System.out.printf(Locale.ROOT, "coverage %d%%: %.1f%%%s%n", e.getKey(), 100 * e.getValue(),
                    Double.isFinite(msis) ? String.format(Locale.ROOT, " (MSIS %.3f)", msis) : "");
        }
    }
}
