package dev.recur.plugin.cli;

import dev.recur.connectors.series.SeriesData;
import dev.recur.connectors.jdbc.JdbcForecastWriter;
import dev.recur.connectors.jdbc.JdbcSource;
import dev.recur.engine.forecast.AutoForecaster;
import dev.recur.engine.forecast.Combination;
import dev.recur.engine.forecast.EnsembleForecaster;
import dev.recur.engine.forecast.Forecast;
import dev.recur.engine.forecast.Forecaster;
import dev.recur.engine.forecast.Frequency;
import dev.recur.engine.forecast.LocalIntervals;
import dev.recur.engine.forecast.RecurrentForecaster;
import dev.recur.engine.onnx.ForecasterOnnx;
import dev.recur.engine.forecast.StatisticalFallback;
import dev.recur.engine.forecast.TimeSeries;
import dev.recur.engine.io.Shorten;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code recur forecast}: reads series from a CSV file, forecasts them, writes a forecast CSV. */
@Command(name = "forecast",
        mixinStandardHelpOptions = true,
        description = {
            "Forecasts every series of a CSV file and writes the forecasts with prediction intervals.",
            "",
            "The input is recognised by its header: long format (unique_id,ds,y: one row per series and time; ds a "
                + "timestamp or an integer step), a single series (date,value), or wide (time,series_a,series_b,...). "
                + "The output has the id and time columns (future times continue the inferred frequency), "
                + "'forecast', lower_L and upper_L for each interval level L, and 'model', the method that forecast the "
                + "series. Every series gets a forecast: one too short for the chosen method gets the mean of ETS, "
                + "Theta and ARIMA (naive below 3 values), and the log says which. A series that cannot be read (a "
                + "value that is not a number, duplicate times, no values) is left out with a warning that says why, "
                + "and the others are forecast; --strict makes it an error. A file of several frequencies (quarterly "
                + "series among monthly ones) has each frequency's series forecast together, with that frequency's "
                + "season and the same number of steps ahead."},
        footer = {"", "Examples:",
            "  recur forecast sample-data/air-passengers.csv --horizon 24 --report air-report.html",
            "  recur forecast --input sample-data/air-passengers.csv --horizon 24 --output air-forecast.csv",
            "  recur forecast --input train.csv --horizon 48 --season 24 --model gru --ensemble 3 --output f.csv",
            "  recur forecast --input sales.csv --horizon 12 --model snaive --levels 80,95"})
public final class ForecastCommand implements Callable<Integer> {

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Mixin
    InputOptions in = new InputOptions();

    @Mixin
    ModelOptions method = new ModelOptions();

    @Mixin
    NegativeForecastOptions negative = new NegativeForecastOptions();

    @Option(names = "--output-table", paramLabel = "TABLE", description = "Also write the forecasts to this table (created if missing) of the --jdbc-url database.")
    String outputTable;

    @Option(names = "--run-id", paramLabel = "ID", description = "Run id of the rows in --output-table; a re-run with the same id replaces them (default: MODEL-hHORIZON-sSEED).")
    String runId;

    @Option(names = "--horizon", required = true, paramLabel = "H", description = "Steps to forecast.")
    int horizon;

    @Option(names = "--season", paramLabel = "M", description = "Seasonal period (default: from the frequency: 24 hourly, 7 daily, 12 monthly, ...; 1 for integer steps). "
            + "In a file of several frequencies it is that of the first series' frequency; the others take their own's. "
            + "Gaps of a seasonal series are filled with this season's pattern.")
    Integer season;

    @Option(names = "--levels", paramLabel = "L,L", split = ",", defaultValue = "80,95",
            description = "Prediction-interval levels in percent (default ${DEFAULT-VALUE}).")
    int[] levels;

    @Option(names = "--output", paramLabel = "FILE.csv", description = "Where to write the forecasts (default: INPUT-forecast.csv beside the input).")
    Path output;

    @Option(names = "--export-onnx", paramLabel = "FILE.onnx", description = "Also export the trained neural model "
            + "(the whole pipeline: scaling, every ensemble member, median, intervals) as ONNX: input `input` float32 "
            + "[batch, window, 1] of raw recent values, outputs `forecast`, `lower_L`, `upper_L` [batch, horizon].")
    Path exportOnnx;

    @Option(names = "--report", paramLabel = "FILE.html", description = "Also write a self-contained HTML report: "
            + "summary, data, methods compared by backtest, interval coverage, training curve, model card, and a chart "
            + "and table per series.")
    Path report;

    @Option(names = "--charts", paramLabel = "DIR", description = "Also write each series' forecast chart as a PNG "
            + "(1000 × 450) into this existing folder, named after the series.")
    Path charts;

    @Option(names = "--backtest-windows", paramLabel = "N", defaultValue = "3", description = "With --report: "
            + "rolling-origin backtest origins, a horizon apart, for the method and the baselines it is compared with "
            + "(default ${DEFAULT-VALUE}; 0 for none; every origin refits the model).")
    int backtestWindows;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Creates the command. */
    public ForecastCommand() {
    }

    @Override
    public Integer call() throws Exception {
        ConsoleProgress progress = console.progress();
        Limits.horizon(horizon);
        int[] lv = checkLevels(levels);
        Forecaster forecaster = method.forecaster();
        in.checkSource();
        JdbcSource db = in.database();
        if (outputTable != null && db == null) {
            throw new IllegalArgumentException("--output-table needs --jdbc-url");
        }
        Path input = in.input;
        Path out = output != null ? output : input != null ? ForecastCsv.defaultOutput(input) : null;
        if (exportOnnx != null) {
            checkOnnxTarget(forecaster);
        }
        if (report != null && backtestWindows < 0) {
            throw new IllegalArgumentException("--backtest-windows must be 0 or more, got " + backtestWindows);
        }
        if (out == null && outputTable == null) {
            throw new IllegalArgumentException("give --output FILE.csv or --output-table TABLE for the forecasts");
        }
        try (OutputPlan plan = new OutputPlan(progress)) {
            in.declareInputs(plan);
            plan.file(output != null ? "--output" : "the default output", out).file("--report", report)
                    .file("--export-onnx", exportOnnx).folder("--charts", charts);
            return run(plan, progress, forecaster, db, out, lv);
        }
    }

    /** A note of the log as a sentence of the report's "why": capitalised, with a full stop. */
    private static String sentence(String note) {
        return Character.toUpperCase(note.charAt(0)) + note.substring(1) + ".";
    }

    private int run(OutputPlan plan, ConsoleProgress progress, Forecaster forecaster, JdbcSource db, Path out, int[] lv)
            throws Exception {
        Path input = in.input;
        long start = System.nanoTime();
        SeriesData data = in.read(db, progress, true, season);
        String from = in.from(db);
        List<TimeSeries> all = data.series();
        // a file may hold series of several frequencies: each frequency's series are forecast together, the data's
        // own (its first series') first, with --season; the others with their frequency's season
        List<List<Integer>> groups = byFrequency(all, data.frequency());
        Frequency mainFrequency = all.get(groups.get(0).get(0)).frequency();
        int m = season != null ? season : mainFrequency.defaultSeason();
        Limits.season(m);
        Limits.outputs(all.size(), horizon, lv.length);
        Forecast[] byIndex = new Forecast[all.size()];
        String[] modelByIndex = new String[all.size()];
        // what each frequency's series got, in the groups' order
        List<Part> parts = new ArrayList<>();
        for (List<Integer> group : groups) {
            boolean main = group == groups.get(0);
            List<TimeSeries> part = at(all, group);
            Frequency f = part.get(0).frequency();
            int gm = main ? m : f.defaultSeason();
            if (!main) {
                progress.message(String.format(Locale.ROOT, "%d %s series, forecast apart from the %s ones: season %d, "
                        + "horizon %d %s steps", part.size(), f, mainFrequency, gm, horizon, f));
            }
            Part r = forecastPart(main ? forecaster : method.forecaster(), part, gm, lv, progress,
                    main && groups.size() == 1 ? from : from + " (its " + f + " series)");
            for (int k = 0; k < group.size(); k++) {
                byIndex[group.get(k)] = r.forecasts().get(k);
                modelByIndex[group.get(k)] = r.models().get(k);
            }
            parts.add(r);
            if (main) {
                forecaster = r.forecaster();
            }
        }
        List<Forecast> forecasts = Arrays.asList(byIndex);
        List<String> models = Arrays.asList(modelByIndex);
        forecasts = negative.apply(all, forecasts);
        if (out != null) {
            ForecastCsv.write(plan, out, data, forecasts, models, horizon, lv);
        }
        if (exportOnnx != null) {
            RecurrentForecaster neural = forecaster instanceof RecurrentForecaster rf ? rf
                    : forecaster instanceof AutoForecaster.Chosen c ? c.network() : null;
            String notNeural = forecaster.name() + " did not forecast every series with one network";
            if (groups.size() > 1) {
                neural = null;
                notNeural = "the file's series of " + groups.size() + " frequencies were forecast by one model each "
                        + "(`recur train` saves a network per frequency, and `recur export-onnx --frequency F` exports "
                        + "one of them)";
            } else if (forecaster instanceof EnsembleForecaster ens) {
                boolean allNetwork = ens.last().methods().stream().allMatch(x -> x == EnsembleForecaster.Method.NETWORK);
                neural = allNetwork ? ens.network() : null;
                notNeural = "the ensemble forecast some series with the statistical combination, which has no ONNX form "
                        + "(use --model gru to export a network)";
            }
            if (neural != null) {
                Map<String, String> meta = new java.util.LinkedHashMap<>();
                meta.put("recur.model", neural.name());
                meta.put("recur.source", from);
                meta.put("recur.seed", Long.toString(method.seed));
                var onnx = ForecasterOnnx.export(neural.fitted(), meta);
                plan.stage(exportOnnx, onnx::writeTo);
                progress.message(String.format(Locale.ROOT, "exported %s (window %d, horizon %d, %d member%s) to %s",
                        neural.name(), neural.fitted().window(), horizon, neural.fitted().networks().size(),
                        neural.fitted().networks().size() == 1 ? "" : "s", exportOnnx));
            } else {
                progress.warning("not exported to ONNX: " + notNeural);
            }
        }
        if (charts != null) {
            ChartFiles.writePngs(plan, charts, data, forecasts, lv, horizon, m);
            progress.message(String.format(Locale.ROOT, "wrote %d chart%s to %s", forecasts.size(),
                    forecasts.size() == 1 ? "" : "s", charts));
        }
        if (report != null) {
            // each frequency's series are a part of the report, backtested at their own season
            List<ReportWriter.Run> runs = new ArrayList<>();
            String command = String.join(" ", spec.commandLine().getParseResult().originalArgs());
            double seconds = (System.nanoTime() - start) / 1e9;
            for (int g = 0; g < groups.size(); g++) {
                List<Integer> group = groups.get(g);
                SeriesData part = groups.size() == 1 ? data
                        : data.withSeries(at(all, group), all.get(group.get(0)).frequency());
                Part p = parts.get(g);
                runs.add(new ReportWriter.Run(part, from, input, p.forecaster(), p.forecaster().name(), p.why(), horizon,
                        g == 0 ? m : all.get(group.get(0)).frequency().defaultSeason(), lv, at(forecasts, group),
                        backtestWindows, negative.nonNegative(), method.seed, command, seconds));
            }
            ReportWriter.write(plan, runs.get(0), runs.subList(1, runs.size()), report, progress);
        }
        if (outputTable != null) {
            String id = runId != null ? runId : forecaster.name() + "-h" + horizon + "-s" + method.seed;
            int rows = new JdbcForecastWriter(db).write(outputTable, id, data.series(), forecasts, lv);
            progress.message(String.format(Locale.ROOT, "wrote %d rows (run %s) to table %s", rows, id, outputTable));
        }
        plan.commit();
        progress.message(String.format(Locale.ROOT, "wrote %d forecast%s of %d steps (%s)%s in %.1fs total",
                forecasts.size(), forecasts.size() == 1 ? "" : "s", horizon, forecaster.name(), out != null ? " to " + out : "", (System.nanoTime() - start) / 1e9));
        return 0;
    }

    /**
     * What one frequency's series got.
     *
     * @param forecasts  one per series, in the order given
     * @param models     the method of each series
     * @param why        why, as sentences of the report
     * @param forecaster the method (auto's choice when auto)
     */
    private record Part(List<Forecast> forecasts, List<String> models, String why, Forecaster forecaster) {
    }

    /** Forecasts the series of one frequency with {@code forecaster}, season {@code m}. */
    private Part forecastPart(Forecaster forecaster, List<TimeSeries> all, int m, int[] lv, ConsoleProgress progress,
                              String from) {
        String why;
        List<Forecast> forecasts;
        List<String> models;
        if (forecaster instanceof EnsembleForecaster ensemble) {
            EnsembleForecaster.Result r = ensemble.forecast(all, horizon, m, lv, progress);
            forecasts = r.forecasts();
            models = r.labels();
            why = r.explanation() + ".";
            progress.summary(r.explanation());
        } else if (forecaster instanceof AutoForecaster auto) {
            AutoForecaster.Result r = auto.forecast(all, horizon, m, lv, progress);
            forecasts = r.forecasts();
            models = r.labels();
            why = r.explanation() + ".";
            forecaster = auto.chosenMethod();
        } else {
            // a series the chosen method does not forecast (too short for it, ...) gets the statistical combination
            // (or naive), and is listed
            int need = forecaster.minimumLength(horizon, m);
            List<TimeSeries> ok = new ArrayList<>();
            List<TimeSeries> shortOnes = new ArrayList<>();
            for (TimeSeries s : all) {
                (forecaster.takes(s, horizon, m) ? ok : shortOnes).add(s);
            }
            if (ok.isEmpty()) {
                boolean longEnough = all.stream().anyMatch(s -> s.length() >= need);
                throw new IllegalArgumentException(from + (longEnough ? ": no series is within "
                        + RecurrentForecaster.RANGE + ", the network's float32 range"
                        : ": no series has the " + need + " values that " + forecaster.name() + " needs for horizon "
                        + horizon + " (the longest has " + all.stream().mapToInt(TimeSeries::length).max().orElse(0)
                        + ")") + "; the default model, ensemble, forecasts every series");
            }
            why = "Chosen with --model " + forecaster.name() + ".";
            List<Forecast> main;
            List<Forecast> byModel = new ArrayList<>(all.size());
            String note = null;
            if (forecaster instanceof RecurrentForecaster rf) {
                // as the default model's network: trained on the series that hold its full window, so that a young
                // series does not shorten every other's window, it forecasts those; the others get comb
                main = rf.forecastTrainingSeries(ok, horizon, m, lv, progress);
                List<String> reasons = new ArrayList<>();
                int a = 0;
                for (TimeSeries s : all) {
                    Forecast f = forecaster.takes(s, horizon, m) ? main.get(a++) : null;
                    byModel.add(f);
                    if (f == null) {
                        reasons.add(rf.whyNotTrainedOn(s, horizon, m));
                    }
                }
                int full = rf.fullWindowLength(horizon, m);
                boolean shortened = rf.fitted().window() < rf.window(horizon, m, Integer.MAX_VALUE);
                if (shortened) {
                    progress.warning(String.format(Locale.ROOT, "no series holds the network's full window (%d values "
                            + "for horizon %d): its window is shortened to %d to fit the shortest of the %d series it "
                            + "trains on", full, horizon, rf.fitted().window(), ok.size()));
                }
                if (!reasons.isEmpty()) {
                    StringBuilder first = new StringBuilder();
                    for (int i = 0; i < Math.min(StatisticalFallback.LISTED_REASONS, reasons.size()); i++) {
                        first.append(i > 0 ? "; " : "").append(reasons.get(i));
                    }
                    note = String.format(Locale.ROOT, "%d of %d series forecast with comb (naive below 3 values)%s: "
                            + "%s%s", reasons.size(), all.size(), shortened ? "" : String.format(Locale.ROOT, ", as %s "
                            + "trains on and forecasts the series that hold its full window (%d values for horizon %d), "
                            + "in its range and not constant, as the default model's network", forecaster.name(), full,
                            horizon), first, reasons.size() > StatisticalFallback.LISTED_REASONS ? "; ..." : "");
                }
            } else {
                // series all at the method's minimum cannot backtest it: the fallback's backtests calibrate them
                LocalIntervals.Calibrated c = LocalIntervals.forecast(forecaster, ok, Combination.standard(), all,
                        horizon, m, lv, progress);
                main = c.forecasts();
                if (c.note() != null) {
                    progress.warning(c.note());
                    why += " " + sentence(c.note());
                }
                int a = 0;
                for (TimeSeries s : all) {
                    byModel.add(forecaster.takes(s, horizon, m) ? main.get(a++) : null);
                }
                if (!shortOnes.isEmpty()) {
                    StringBuilder ids = new StringBuilder();
                    for (int i = 0; i < Math.min(5, shortOnes.size()); i++) {
                        ids.append(i > 0 ? ", " : "").append(Shorten.quoted(shortOnes.get(i).id()));
                    }
                    note = String.format(Locale.ROOT, "%d series shorter than the %d values %s needs (%s%s): "
                                    + "forecast with comb (naive below 3 values)", shortOnes.size(), need,
                            forecaster.name(), ids, shortOnes.size() > 5 ? ", ..." : "");
                }
            }
            if (note != null) {
                progress.warning(note);
                why += " " + sentence(note);
            }
            StatisticalFallback.Merged merged = StatisticalFallback.merged(all, byModel, forecaster.name(), horizon,
                    m, lv);
            forecasts = merged.forecasts();
            models = merged.labels();
        }
        return new Part(forecasts, models, why, forecaster);
    }

    /**
     * The indices of the series by frequency: those of {@code first} first (when there are any), then each other
     * frequency in the order its first series comes.
     */
    static List<List<Integer>> byFrequency(List<TimeSeries> series, Frequency first) {
        Map<Frequency, List<Integer>> by = new java.util.LinkedHashMap<>();
        by.put(first, new ArrayList<>());
        for (int i = 0; i < series.size(); i++) {
            by.computeIfAbsent(series.get(i).frequency(), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> out = new ArrayList<>();
        for (List<Integer> g : by.values()) {
            if (!g.isEmpty()) {
                out.add(g);
            }
        }
        return out;
    }

    /** The elements of {@code list} at {@code indices}, in their order (a frequency's part of a file's series). */
    static <T> List<T> at(List<T> list, List<Integer> indices) {
        List<T> out = new ArrayList<>(indices.size());
        for (int i : indices) {
            out.add(list.get(i));
        }
        return out;
    }

    /** The distinct levels, sorted, each between 1 and 99. */
    static int[] checkLevels(int[] levels) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int l : levels) {
            if (l <= 0 || l >= 100) {
                throw new IllegalArgumentException("--levels must be between 1 and 99, got " + l);
            }
            if (!seen.add(l)) {
                throw new IllegalArgumentException("--levels lists " + l + " twice; give each level once");
            }
        }
        return Arrays.stream(levels).sorted().toArray();
    }

    private void checkOnnxTarget(Forecaster forecaster) {
        if (!(forecaster instanceof RecurrentForecaster) && !(forecaster instanceof AutoForecaster)
                && !(forecaster instanceof EnsembleForecaster)) {
            throw new IllegalArgumentException("--export-onnx needs a neural model (gru, lstm or rnn): "
                    + forecaster.name() + " has no ONNX form");
        }
    }
}
