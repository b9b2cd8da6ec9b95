package dev.recur.plugin.cli;

import dev.recur.connectors.jdbc.JdbcSource;
import dev.recur.connectors.series.SeriesData;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.neural.ForecasterFiles;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;
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
                + "and saves it. A file of several frequencies gets a network per frequency, saved in one file: the "
                + "first frequency's with --season, the others' at their frequency's season, each the same number of "
                + "steps ahead. "
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
        SeriesData data = in.read(db, progress, true, season);
        Frequency first = data.frequency();
        int m = season != null ? season : first.defaultSeason();
        List<TimeSeries> all = data.series();
        // as `recur forecast`: each frequency's series apart, the first (the file's) with --season, the others at
        // their frequency's season, the same number of steps ahead; a network per frequency, saved in one file
        List<List<Integer>> groups = ForecastCommand.byFrequency(all, first);
        RecurrentForecaster main = null;
        Map<String, String> mainMeta = null;
        List<ForecasterFiles.Part> others = new ArrayList<>();
        List<String> trained = new ArrayList<>();
        for (List<Integer> group : groups) {
            List<TimeSeries> part = ForecastCommand.at(all, group);
            Frequency f = part.get(0).frequency();
            boolean isFirst = f.equals(first);
            int fm = isFirst ? m : f.defaultSeason();
            if (groups.size() > 1) {
                progress.message(String.format(Locale.ROOT, "%d %s series: a network of their own, season %d, horizon"
                        + " %d %s steps", part.size(), f, fm, horizon, f));
            }
            RecurrentForecaster net = method.neural(name);
            // as the default model's network: the series that hold its full window, or, when none does, every series
            // long enough for it, the window shortened to fit; the others are left out of training, not fatal to it
            List<TimeSeries> train = net.trainingSeries(part, horizon, fm);
            String problem = trainable(net, part, train, fm, name, f, groups.size() > 1, progress);
            if (problem != null) {
                // another frequency with no series long enough is left to comb; the file's own must train, as its
                // network is the one a model file applies to data of any frequency it holds no network for
                if (isFirst) {
                    throw new IllegalArgumentException(in.from(db) + ": " + problem);
                }
                progress.warning(problem + "; `recur predict` forecasts them with comb");
                continue;
            }
            net.forecast(train, horizon, fm, lv, progress);
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("model", name);
            meta.put("settings", net.settings().toString());
            meta.put(ForecasterFiles.FREQUENCY, f.toString());
            meta.put("source", in.from(db));
            meta.put("seed", Long.toString(method.seed));
            meta.put("recur.version", ReportWriter.version());
            trained.add(String.format(Locale.ROOT, "%s window %d", f, net.fitted().window()));
            if (isFirst) {
                main = net;
                mainMeta = meta;
            } else {
                others.add(new ForecasterFiles.Part(net.fitted(), meta));
            }
        }
        byte[] bytes = ForecasterFiles.bytes(main.fitted(), mainMeta, others);
        plan.stage(save, os -> os.write(bytes));
        plan.commit();
        progress.message(String.format(Locale.ROOT, "saved %s (%s, horizon %d, levels %s) to %s in %.1fs", name,
                groups.size() == 1 ? "window " + main.fitted().window() : String.join(", ", trained), horizon,
                Arrays.toString(lv), save, (System.nanoTime() - start) / 1e9));
    }

    /**
     * Says which of {@code series} (of one frequency) the network leaves out of {@code train}, its training series,
     * and why; returns why none can train it, or null.
     */
    private String trainable(RecurrentForecaster f, List<TimeSeries> series, List<TimeSeries> train, int m, String name,
                             Frequency freq, boolean mixed, ConsoleProgress progress) {
        int need = f.minimumLength(horizon, m);
        String of = mixed ? " " + freq : "";
        if (train.isEmpty()) {
            return "no" + of + " series has the " + need + " values " + name + " needs for horizon " + horizon
                    + " (the longest has " + series.stream().mapToInt(TimeSeries::length).max().orElse(0) + ")";
        }
        int full = f.fullWindowLength(horizon, m);
        boolean holding = train.stream().allMatch(s -> s.length() >= full);
        if (train.size() < series.size()) {
            java.util.Set<TimeSeries> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            kept.addAll(train);
            List<String> left = new ArrayList<>();
            for (TimeSeries s : series) {
                if (!kept.contains(s)) {
                    left.add(Shorten.quoted(s.id()) + " (" + s.length() + " values)");
                }
            }
            progress.warning(String.format(Locale.ROOT, "%d of %d%s series left out of training: %s%s%s",
                    left.size(), series.size(), of, holding
                            ? String.format(Locale.ROOT, "the network trains, as the default model's does, on the series "
                            + "that hold its full window (%d values for horizon %d), in its range and not constant; "
                            + "`recur predict` forecasts the others with it where they hold its window, else with comb: ",
                            full, horizon)
                            : String.format(Locale.ROOT, "shorter than the %d values %s needs for horizon %d or beyond "
                            + "its float32 range: ", need, name, horizon),
                    String.join(", ", left.subList(0, Math.min(5, left.size()))), left.size() > 5 ? ", ..." : ""));
        }
        if (!holding) {
            progress.warning(String.format(Locale.ROOT, "no%s series holds the network's full window (%d values for "
                    + "horizon %d): its window is shortened to fit the shortest of the %d series it trains on", of, full,
                    horizon, train.size()));
        }
        return null;
    }
}
