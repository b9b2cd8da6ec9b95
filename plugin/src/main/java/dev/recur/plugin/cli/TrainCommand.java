package dev.recur.plugin.cli;

import dev.recur.engine.io.Shorten;
import dev.recur.connectors.series.SeriesData;
import dev.recur.connectors.jdbc.JdbcSource;
import dev.recur.engine.forecast.ForecasterFiles;
import dev.recur.engine.forecast.RecurrentForecaster;
import dev.recur.engine.forecast.TimeSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code recur train}: trains a neural forecaster on series and saves it for {@code predict} and {@code export-onnx}. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = {"Trains a neural forecaster (gru, lstm or rnn; gru without --model, the default model's network) on the "
                + "series of the input that hold its full window, as the default model's network (the others are left "
                + "out, with a warning; when none does, on every series long enough, the window shortened to fit), "
                + "and saves it. "
                + "`recur predict` then forecasts new data with it without retraining; `recur export-onnx` exports it."},
        footer = {"", "Examples:",
            "  recur train --input sample-data/m4-hourly-20.csv --horizon 48 --season 24 --save hourly.recur",
            "  recur train --input sales.csv --horizon 12 --model lstm --ensemble 3 --save sales.recur"})
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Mixin
    InputOptions in = new InputOptions();

    @Mixin
    ModelOptions method = new ModelOptions();

    @Option(names = "--horizon", required = true, paramLabel = "H", description = "Steps to forecast.")
    int horizon;

    @Option(names = "--season", paramLabel = "M", description = "Seasonal period (default: from the frequency).")
    Integer season;

    @Option(names = "--levels", paramLabel = "L,L", split = ",", defaultValue = "80,95",
            description = "Prediction-interval levels in percent (default ${DEFAULT-VALUE}).")
    int[] levels;

    @Option(names = "--save", required = true, paramLabel = "FILE.recur", description = "Where to save the model.")
    Path save;

    /** Creates the command. */
    public TrainCommand() {
    }

    @Override
    public Integer call() throws Exception {
        ConsoleProgress progress = console.progress();
        Limits.horizon(horizon);
        int[] lv = ForecastCommand.checkLevels(levels);
        String name = method.model.toLowerCase(Locale.ROOT);
        if (name.equals("ensemble")) {
            // the default model's network: what a model file can hold
            name = "gru";
        }
        if (!name.equals("gru") && !name.equals("lstm") && !name.equals("rnn")) {
            throw new IllegalArgumentException("train saves neural models: --model gru, lstm or rnn, not " + method.model);
        }
        in.checkSource();
        JdbcSource db = in.database();
        try (OutputPlan plan = new OutputPlan(progress)) {
            in.declareInputs(plan);
            plan.file("--save", save);
            train(plan, progress, name, db, lv);
        }
        return 0;
    }

    private void train(OutputPlan plan, ConsoleProgress progress, String name, JdbcSource db, int[] lv) throws Exception {
        long start = System.nanoTime();
        SeriesData data = in.read(db, progress);
        int m = season != null ? season : data.frequency().defaultSeason();
        RecurrentForecaster f = method.neural(name);
        int need = f.minimumLength(horizon, m);
        // as the default model's network: the series that hold its full window, or, when none does, every series
        // long enough for it, the window shortened to fit; the others are left out of training, not fatal to it
        List<TimeSeries> train = f.trainingSeries(data.series(), horizon, m);
        if (train.isEmpty()) {
            throw new IllegalArgumentException(in.from(db) + ": no series has the " + need + " values " + name
                    + " needs for horizon " + horizon + " (the longest has "
                    + data.series().stream().mapToInt(TimeSeries::length).max().orElse(0) + ")");
        }
        int full = f.fullWindowLength(horizon, m);
        boolean holding = train.stream().allMatch(s -> s.length() >= full);
        if (train.size() < data.series().size()) {
            java.util.Set<TimeSeries> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            kept.addAll(train);
            List<String> left = new ArrayList<>();
            for (TimeSeries s : data.series()) {
                if (!kept.contains(s)) {
                    left.add(Shorten.quoted(s.id()) + " (" + s.length() + " values)");
                }
            }
            progress.warning(String.format(Locale.ROOT, "%d of %d series left out of training: %s%s%s",
                    left.size(), data.series().size(), holding
                            ? String.format(Locale.ROOT, "the network trains, as the default model's does, on the series "
                            + "that hold its full window (%d values for horizon %d), in its range and not constant; "
                            + "`recur predict` forecasts the others with it where they hold its window, else with comb: ",
                            full, horizon)
                            : String.format(Locale.ROOT, "shorter than the %d values %s needs for horizon %d or beyond "
                            + "its float32 range: ", need, name, horizon),
                    String.join(", ", left.subList(0, Math.min(5, left.size()))), left.size() > 5 ? ", ..." : ""));
        }
        if (!holding) {
            progress.warning(String.format(Locale.ROOT, "no series holds the network's full window (%d values for "
                    + "horizon %d): its window is shortened to fit the shortest of the %d series it trains on", full,
                    horizon, train.size()));
        }
        f.forecast(train, horizon, m, lv, progress);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", name);
        meta.put("settings", f.settings().toString());
        meta.put("frequency", data.frequency().toString());
        meta.put("source", in.from(db));
        meta.put("seed", Long.toString(method.seed));
        meta.put("recur.version", ReportWriter.version());
        byte[] bytes = ForecasterFiles.bytes(f.fitted(), meta);
        plan.stage(save, os -> os.write(bytes));
        plan.commit();
        progress.message(String.format(Locale.ROOT, "saved %s (window %d, horizon %d, levels %s) to %s in %.1fs", name,
                f.fitted().window(), horizon, Arrays.toString(lv), save, (System.nanoTime() - start) / 1e9));
    }
}
