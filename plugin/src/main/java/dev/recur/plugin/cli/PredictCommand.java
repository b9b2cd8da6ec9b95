package dev.recur.plugin.cli;

import dev.recur.connectors.jdbc.JdbcSource;
import dev.recur.connectors.series.SeriesData;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.neural.ForecasterFiles;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Frequency;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.recur.engine.forecast.StatisticalFallback;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code recur predict}: forecasts series with a model saved by {@code recur train}. */
@Command(name = "predict",
        mixinStandardHelpOptions = true,
        description = {"Forecasts every series of the input with a saved model, from each series' latest window, "
                + "without retraining. The output is the same CSV as `recur forecast` writes. A series the model cannot "
                + "forecast (shorter than its window, say, or of a frequency it holds no network for) gets the "
                + "statistical combination comb (naive below 3 values), with a warning; its model column says so. A "
                + "model trained on a file of several frequencies forecasts each series with its frequency's network."},
        footer = {"", "Examples:",
            "  recur predict --model-file hourly.recur --input latest.csv --output forecast.csv"})
public final class PredictCommand implements Callable<Integer> {

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Option(names = "--model-file", required = true, paramLabel = "FILE.recur", description = "A model saved by `recur train`.")
    Path modelFile;

    @Mixin
    InputOptions in = new InputOptions();

    @Mixin
    NegativeForecastOptions negative = new NegativeForecastOptions();

    @Option(names = "--output", paramLabel = "FILE.csv", description = "Where to write the forecasts (default: INPUT-forecast.csv beside the input).")
    Path output;

    /** Creates the command. */
    public PredictCommand() {
    }

    @Override
    public Integer call() throws Exception {
        ConsoleProgress progress = console.progress();
        in.checkSource();
        ForecasterFiles.Loaded model;
        try {
            model = ForecasterFiles.load(modelFile);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);  // a bad model file is bad input: exit 2
        }
        Path out = output != null ? output : in.input != null ? ForecastCsv.defaultOutput(in.input) : null;
        if (out == null) {
            throw new IllegalArgumentException("give --output FILE.csv for the forecasts");
        }
        JdbcSource db = in.database();
        try (OutputPlan plan = new OutputPlan(progress)) {
            in.declareInputs(plan);
            plan.input(modelFile, "--model-file");
            plan.file(output != null ? "--output" : "the default output", out);
            predict(plan, progress, model, db, out);
        }
        return 0;
    }

    /**
     * The network of a model file for series of frequency {@code own} in a file whose first series are of {@code first}:
     * the one saved for {@code own}; else, for the file's first frequency, the model's first network (a model is
     * applied to the data it is given, as before files held several); else null.
     */
    static ForecasterFiles.Loaded modelFor(ForecasterFiles.Loaded model, Frequency own, Frequency first) {
        for (ForecasterFiles.Loaded m : model.all()) {
            if (own.toString().equals(m.frequency())) {
                return m;
            }
        }
        return own.equals(first) ? model : null;
    }

    /**
     * The network that forecasts each series of {@code data}: the one saved for its frequency (the file's first
     * frequency the model's first network, another the network the model holds for it, trained on a file of several
     * frequencies); null for a series the model cannot forecast (too short for its window, of a frequency it holds no
     * network for, ...), which gets the statistical combination at its own season, and whose reason is added to
     * {@code why}.
     */
    private static ForecasterFiles.Loaded[] networks(ForecasterFiles.Loaded model, SeriesData data, List<String> why) {
        List<dev.recur.engine.series.TimeSeries> all = data.series();
        ForecasterFiles.Loaded[] modelOf = new ForecasterFiles.Loaded[all.size()];
        for (int i = 0; i < all.size(); i++) {
            Frequency own = all.get(i).frequency();
            ForecasterFiles.Loaded m = modelFor(model, own, data.frequency());
            String cannot = m != null ? m.fitted().cannotForecast(all.get(i))
                    : "series " + Shorten.quoted(all.get(i).id()) + " is " + own + " data, the file's others "
                    + data.frequency() + (model.others().isEmpty() ? "" : ", and the model holds no network for it");
            if (cannot != null) {
                why.add(cannot);
            } else {
                modelOf[i] = m;
            }
        }
        return modelOf;
    }

    /**
     * The forecasts of the {@code taken} series that have a network ({@code modelOf}), null for the others: per
     * network, in chunks, with progress (each series' forecast depends on that series alone).
     */
    private static Forecast[] byNetwork(ForecasterFiles.Loaded model, ForecasterFiles.Loaded[] modelOf,
                                        List<dev.recur.engine.series.TimeSeries> all, int taken,
                                        ConsoleProgress progress) {
        Forecast[] byModelAt = new Forecast[all.size()];
        int done = 0;
        for (ForecasterFiles.Loaded m : model.all()) {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (modelOf[i] == m) {
                    mine.add(i);
                }
            }
            for (int from = 0; from < mine.size(); from += PROGRESS_CHUNK) {
                List<Integer> chunk = mine.subList(from, Math.min(mine.size(), from + PROGRESS_CHUNK));
                List<Forecast> fs = m.fitted().forecast(ForecastCommand.at(all, chunk));
                for (int k = 0; k < chunk.size(); k++) {
                    byModelAt[chunk.get(k)] = fs.get(k);
                }
                done += chunk.size();
                if (taken > PROGRESS_CHUNK) {
                    progress.status(String.format(Locale.ROOT, "predict: %d/%d series", done, taken));
                }
            }
        }
        return byModelAt;
    }

    /**
     * Every series' forecast: the network's where it gave one ({@code byModel}), else the statistical fallback's,
     * each frequency's series at that frequency's season; each series' method into {@code modelByIndex}.
     */
    private static List<Forecast> withFallback(ForecasterFiles.Loaded model, SeriesData data, List<Forecast> byModel,
                                               String name, String[] modelByIndex) {
        List<dev.recur.engine.series.TimeSeries> all = data.series();
        dev.recur.engine.neural.FittedForecaster fitted = model.fitted();
        Forecast[] forecastByIndex = new Forecast[all.size()];
        for (List<Integer> group : ForecastCommand.byFrequency(all, data.frequency())) {
            List<dev.recur.engine.series.TimeSeries> part = ForecastCommand.at(all, group);
            List<Forecast> partByModel = ForecastCommand.at(byModel, group);
            Frequency f = part.get(0).frequency();
            ForecasterFiles.Loaded m = modelFor(model, f, data.frequency());
            StatisticalFallback.Merged merged = StatisticalFallback.merged(part, partByModel, name,
                    fitted.horizon(), m != null ? m.fitted().season() : f.defaultSeason(), fitted.levels());
            for (int k = 0; k < group.size(); k++) {
                forecastByIndex[group.get(k)] = merged.forecasts().get(k);
                modelByIndex[group.get(k)] = merged.labels().get(k);
            }
        }
        return java.util.Arrays.asList(forecastByIndex);
    }

    /** Series forecast between two progress updates. */
    static final int PROGRESS_CHUNK = 5000;

    private void predict(OutputPlan plan, ConsoleProgress progress, ForecasterFiles.Loaded model, JdbcSource db, Path out)
            throws Exception {
        long start = System.nanoTime();
        // the values that stand out are looked for at the season the model was trained at
        SeriesData data = in.read(db, progress, true, model.fitted().season());
        dev.recur.engine.neural.FittedForecaster fitted = model.fitted();
        String name = model.metadata().getOrDefault("model", "model");
        List<dev.recur.engine.series.TimeSeries> all = data.series();
        List<String> why = new ArrayList<>();
        ForecasterFiles.Loaded[] modelOf = networks(model, data, why);
        int taken = (int) java.util.Arrays.stream(modelOf).filter(java.util.Objects::nonNull).count();
        if (taken == 0) {
            throw new IllegalArgumentException(in.from(db) + ": the model cannot forecast any of the " + all.size()
                    + " series (" + why.get(0) + (all.size() > 1 ? ", ..." : "") + "); `recur forecast` forecasts every "
                    + "series");
        }
        List<Forecast> byModel;
        try {
            byModel = java.util.Arrays.asList(byNetwork(model, modelOf, all, taken, progress));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(in.from(db) + ": " + e.getMessage(), e);
        }
        progress.clearStatus();
        int fallback = all.size() - taken;
        if (fallback > 0) {
            progress.warning(StatisticalFallback.note(fallback, all.size(), why));
        }
        String[] modelByIndex = new String[all.size()];
        List<Forecast> forecasts = negative.apply(all, withFallback(model, data, byModel, name, modelByIndex));
        List<String> models = java.util.Arrays.asList(modelByIndex);
        Limits.outputs(forecasts.size(), fitted.horizon(), fitted.levels().length);
        ForecastCsv.write(plan, out, data, forecasts, models, fitted.horizon(), fitted.levels());
        plan.commit();
        progress.message(String.format(Locale.ROOT, "wrote %d forecast%s of %d steps (%s from %s%s) to %s in %.1fs",
                forecasts.size(), forecasts.size() == 1 ? "" : "s", fitted.horizon(), name, modelFile.getFileName(),
                fallback == 0 ? "" : String.format(Locale.ROOT, "; %d with comb or naive", fallback), out,
                (System.nanoTime() - start) / 1e9));
    }
}
