package dev.recur.plugin.cli;

import dev.recur.connectors.series.SeriesData;
import dev.recur.connectors.jdbc.JdbcSource;
import dev.recur.engine.forecast.Forecast;
import dev.recur.engine.forecast.ForecasterFiles;
import dev.recur.engine.forecast.Frequency;
import dev.recur.engine.io.Shorten;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import dev.recur.engine.forecast.EnsembleForecaster;
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
                + "forecast (shorter than its window, say) gets the statistical combination comb (naive below 3 "
                + "values), with a warning; its model column says so."},
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

    /** Series forecast between two progress updates. */
    static final int PROGRESS_CHUNK = 5000;

    private void predict(OutputPlan plan, ConsoleProgress progress, ForecasterFiles.Loaded model, JdbcSource db, Path out)
            throws Exception {
        long start = System.nanoTime();
        SeriesData data = in.read(db, progress, true);
        dev.recur.engine.forecast.FittedForecaster fitted = model.fitted();
        String name = model.metadata().getOrDefault("model", "model");
        List<dev.recur.engine.forecast.TimeSeries> all = data.series();
        // the series the model cannot forecast (too short for its window, ...) get the statistical combination, and so
        // do those of a file that mixes frequencies whose frequency is not the file's, at their own season
        List<dev.recur.engine.forecast.TimeSeries> ok = new ArrayList<>();
        List<dev.recur.engine.forecast.TimeSeries> others = new ArrayList<>();
        List<String> why = new ArrayList<>();
        boolean[] taken = new boolean[all.size()];
        for (int i = 0; i < all.size(); i++) {
            Frequency own = all.get(i).frequency();
            String cannot = own.equals(data.frequency()) ? fitted.cannotForecast(all.get(i))
                    : "series " + Shorten.quoted(all.get(i).id()) + " is " + own + " data, the file's others "
                    + data.frequency();
            taken[i] = cannot == null;
            (taken[i] ? ok : others).add(all.get(i));
            if (cannot != null) {
                why.add(cannot);
            }
        }
        if (ok.isEmpty()) {
            throw new IllegalArgumentException(in.from(db) + ": the model cannot forecast any of the " + all.size()
                    + " series (" + why.get(0) + (all.size() > 1 ? ", ..." : "") + "); `recur forecast` forecasts every "
                    + "series");
        }
        List<Forecast> main = new ArrayList<>(ok.size());
        try {
            // in chunks, with progress: each series' forecast depends on that series alone
            for (int from = 0; from < ok.size(); from += PROGRESS_CHUNK) {
                int to = Math.min(ok.size(), from + PROGRESS_CHUNK);
                main.addAll(fitted.forecast(ok.subList(from, to)));
                if (ok.size() > PROGRESS_CHUNK) {
                    progress.status(String.format(Locale.ROOT, "predict: %d/%d series", to, ok.size()));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(in.from(db) + ": " + e.getMessage(), e);
        }
        progress.clearStatus();
        if (!others.isEmpty()) {
            progress.warning(EnsembleForecaster.fallbackNote(others.size(), all.size(), why));
        }
        List<Forecast> byModel = new ArrayList<>(all.size());
        int a = 0;
        for (boolean t : taken) {
            byModel.add(t ? main.get(a++) : null);
        }
        Forecast[] forecastByIndex = new Forecast[all.size()];
        String[] modelByIndex = new String[all.size()];
        for (List<Integer> group : ForecastCommand.byFrequency(all, data.frequency())) {
            List<dev.recur.engine.forecast.TimeSeries> part = ForecastCommand.at(all, group);
            List<Forecast> partByModel = ForecastCommand.at(byModel, group);
            Frequency f = part.get(0).frequency();
            EnsembleForecaster.Merged merged = EnsembleForecaster.withFallback(part, partByModel, name,
                    fitted.horizon(), f.equals(data.frequency()) ? fitted.season() : f.defaultSeason(), fitted.levels());
            for (int k = 0; k < group.size(); k++) {
                forecastByIndex[group.get(k)] = merged.forecasts().get(k);
                modelByIndex[group.get(k)] = merged.labels().get(k);
            }
        }
        List<Forecast> forecasts = java.util.Arrays.asList(forecastByIndex);
        List<String> models = java.util.Arrays.asList(modelByIndex);
        forecasts = negative.apply(all, forecasts);
        Limits.outputs(forecasts.size(), fitted.horizon(), fitted.levels().length);
        ForecastCsv.write(plan, out, data, forecasts, models, fitted.horizon(), fitted.levels());
        plan.commit();
        progress.message(String.format(Locale.ROOT, "wrote %d forecast%s of %d steps (%s from %s%s) to %s in %.1fs",
                forecasts.size(), forecasts.size() == 1 ? "" : "s", fitted.horizon(), name, modelFile.getFileName(),
                others.isEmpty() ? "" : String.format(Locale.ROOT, "; %d with comb or naive", others.size()), out,
                (System.nanoTime() - start) / 1e9));
    }
}
