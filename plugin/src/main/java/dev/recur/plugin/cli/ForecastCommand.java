package dev.recur.plugin.cli;

import dev.recur.connectors.jdbc.JdbcForecastWriter;
import dev.recur.connectors.jdbc.JdbcSource;
import dev.recur.connectors.series.SeriesData;
import dev.recur.engine.forecast.AutoForecaster;
import dev.recur.engine.forecast.EnsembleForecaster;
import dev.recur.engine.forecast.StatisticalFallback;
import dev.recur.engine.intervals.LocalIntervals;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.onnx.ForecasterOnnx;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Combination;
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
        List<Forecast> forecasts = negative.apply(all, Arrays.asList(byIndex));
        if (out != null) {
            ForecastCsv.write(plan, out, data, forecasts, Arrays.asList(modelByIndex), horizon, lv);
        }
        if (exportOnnx != null) {
            exportOnnx(plan, forecaster, groups.size(), from, progress);
        }
        if (charts != null) {
            ChartFiles.writePngs(plan, charts, data, forecasts, lv, horizon, m);
            progress.message(String.format(Locale.ROOT, "wrote %d chart%s to %s", forecasts.size(),
                    forecasts.size() == 1 ? "" : "s", charts));
        }
        if (report != null) {
            writeReport(plan, data, groups, parts, from, m, lv, forecasts, (System.nanoTime() - start) / 1e9, progress);
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
     * Stages the ONNX form of the network that forecast every series ({@code --export-onnx}), or warns why there is
     * none: the default forecast some series with comb, or a file of {@code frequencies} frequencies was forecast by
     * a model for each.
     */
    private void exportOnnx(OutputPlan plan, Forecaster forecaster, int frequencies, String from,
                            ConsoleProgress progress) throws java.io.IOException {
        RecurrentForecaster neural = forecaster instanceof RecurrentForecaster rf ? rf
                : forecaster instanceof AutoForecaster.Chosen c ? c.network() : null;
        String notNeural = forecaster.name() + " did not forecast every series with one network";
        if (frequencies > 1) {
            neural = null;
            notNeural = "the file's series of " + frequencies + " frequencies were forecast by one model each "
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

    /**
     * Writes the report ({@code --report}): each frequency's series ({@code groups}, forecast as {@code parts}) a
     * part of it, backtested at their own season ({@code m} for the first).
     */
    private void writeReport(OutputPlan plan, SeriesData data, List<List<Integer>> groups, List<Part> parts,
                             String from, int m, int[] lv, List<Forecast> forecasts, double seconds,
                             ConsoleProgress progress) throws Exception {
        List<TimeSeries> all = data.series();
        List<ReportWriter.Run> runs = new ArrayList<>();
        String command = String.join(" ", spec.commandLine().getParseResult().originalArgs());
        for (int g = 0; g < groups.size(); g++) {
            List<Integer> group = groups.get(g);
            SeriesData part = groups.size() == 1 ? data
                    : data.withSeries(at(all, group), all.get(group.get(0)).frequency());
            Part p = parts.get(g);
            runs.add(new ReportWriter.Run(part, from, in.input, p.forecaster(), p.forecaster().name(), p.why(), horizon,
                    g == 0 ? m : all.get(group.get(0)).frequency().defaultSeason(), lv, at(forecasts, group),
                    backtestWindows, negative.nonNegative(), method.seed, command, seconds));
        }
        ReportWriter.write(plan, runs.get(0), runs.subList(1, runs.size()), report, progress);
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
        if (forecaster instanceof EnsembleForecaster ensemble) {
            EnsembleForecaster.Result r = ensemble.forecast(all, horizon, m, lv, progress);
            progress.summary(r.explanation());
            return new Part(r.forecasts(), r.labels(), r.explanation() + ".", forecaster);
        }
        if (forecaster instanceof AutoForecaster auto) {
            AutoForecaster.Result r = auto.forecast(all, horizon, m, lv, progress);
            return new Part(r.forecasts(), r.labels(), r.explanation() + ".", auto.chosenMethod());
        }
        return explicitMethod(forecaster, all, m, lv, progress, from);
    }

    /**
     * Forecasts the series of one frequency with the method the user named: the series it does not forecast (too
     * short for it, ...) get the statistical combination (or naive), listed in a warning; a network trains on and
     * forecasts the series that hold its full window, as the default's network does.
     *
     * @throws IllegalArgumentException when the method forecasts none of them
     */
    private Part explicitMethod(Forecaster forecaster, List<TimeSeries> all, int m, int[] lv, ConsoleProgress progress,
                                String from) {
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
        String why = "Chosen with --model " + forecaster.name() + ".";
        List<Forecast> byModel;
        String note;
        if (forecaster instanceof RecurrentForecaster rf) {
            // null for the series that hold the window but not the network's full one, as for those too short
            byModel = aligned(forecaster, all, rf.forecastTrainingSeries(ok, horizon, m, lv, progress), m);
            note = networkNote(rf, all, byModel, ok.size(), m, progress);
        } else {
            // series all at the method's minimum cannot backtest it: the fallback's backtests calibrate them
            LocalIntervals.Calibrated c = LocalIntervals.forecast(forecaster, ok, Combination.standard(), all,
                    horizon, m, lv, progress);
            byModel = aligned(forecaster, all, c.forecasts(), m);
            if (c.note() != null) {
                progress.warning(c.note());
                why += " " + sentence(c.note());
            }
            note = shortOnes.isEmpty() ? null : shortNote(forecaster, shortOnes, need);
        }
        if (note != null) {
            progress.warning(note);
            why += " " + sentence(note);
        }
        StatisticalFallback.Merged merged = StatisticalFallback.merged(all, byModel, forecaster.name(), horizon, m, lv);
        return new Part(merged.forecasts(), merged.labels(), why, forecaster);
    }

    /**
     * One entry per series of {@code all}: the method's forecast ({@code taken}'s next, in order) where it takes the
     * series, else null.
     */
    private List<Forecast> aligned(Forecaster forecaster, List<TimeSeries> all, List<Forecast> taken, int m) {
        List<Forecast> byModel = new ArrayList<>(all.size());
        int a = 0;
        for (TimeSeries s : all) {
            byModel.add(forecaster.takes(s, horizon, m) ? taken.get(a++) : null);
        }
        return byModel;
    }

    /**
     * What to say of the series of {@code all} that a network named with --model left to comb (null in
     * {@code byModel}), or null where it forecast them all; warns first where its window was shortened to the
     * shortest of the {@code trained} series it trained on, none holding its full window.
     */
    private String networkNote(RecurrentForecaster rf, List<TimeSeries> all, List<Forecast> byModel, int trained,
                               int m, ConsoleProgress progress) {
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (byModel.get(i) == null) {
                reasons.add(rf.whyNotTrainedOn(all.get(i), horizon, m));
            }
        }
        int full = rf.fullWindowLength(horizon, m);
        boolean shortened = rf.fitted().window() < rf.window(horizon, m, Integer.MAX_VALUE);
        if (shortened) {
            progress.warning(String.format(Locale.ROOT, "no series holds the network's full window (%d values "
                    + "for horizon %d): its window is shortened to %d to fit the shortest of the %d series it "
                    + "trains on", full, horizon, rf.fitted().window(), trained));
        }
        if (reasons.isEmpty()) {
            return null;
        }
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < Math.min(StatisticalFallback.LISTED_REASONS, reasons.size()); i++) {
            first.append(i > 0 ? "; " : "").append(reasons.get(i));
        }
        return String.format(Locale.ROOT, "%d of %d series forecast with comb (naive below 3 values)%s: "
                + "%s%s", reasons.size(), all.size(), shortened ? "" : String.format(Locale.ROOT, ", as %s "
                + "trains on and forecasts the series that hold its full window (%d values for horizon %d), "
                + "in its range and not constant, as the default model's network", rf.name(), full,
                horizon), first, reasons.size() > StatisticalFallback.LISTED_REASONS ? "; ..." : "");
    }

    /** What to say of the series shorter than the {@code need} values a local method named with --model needs. */
    private static String shortNote(Forecaster forecaster, List<TimeSeries> shortOnes, int need) {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < Math.min(5, shortOnes.size()); i++) {
            ids.append(i > 0 ? ", " : "").append(Shorten.quoted(shortOnes.get(i).id()));
        }
        return String.format(Locale.ROOT, "%d series shorter than the %d values %s needs (%s%s): "
                + "forecast with comb (naive below 3 values)", shortOnes.size(), need,
                forecaster.name(), ids, shortOnes.size() > 5 ? ", ..." : "");
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
