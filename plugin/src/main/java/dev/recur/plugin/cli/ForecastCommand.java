package dev.recur.plugin.cli;

import dev.recur.connectors.MissingPolicy;
import dev.recur.connectors.csv.CsvOptions;
import dev.recur.connectors.csv.CsvSeriesReader;
import dev.recur.connectors.csv.SeriesData;
import dev.recur.connectors.csv.TimeFormat;
import dev.recur.connectors.jdbc.JdbcForecastWriter;
import dev.recur.connectors.jdbc.JdbcSeriesReader;
import dev.recur.connectors.jdbc.JdbcSource;
import dev.recur.engine.forecast.AutoForecaster;
import dev.recur.engine.forecast.Baselines;
import dev.recur.engine.forecast.Forecast;
import dev.recur.engine.forecast.Forecaster;
import dev.recur.engine.forecast.Frequency;
import dev.recur.engine.forecast.LocalIntervals;
import dev.recur.engine.forecast.RecurrentForecaster;
import dev.recur.engine.onnx.ForecasterOnnx;
import dev.recur.engine.onnx.OnnxExports;
import dev.recur.engine.forecast.TimeSeries;
import dev.recur.engine.loss.Loss;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.train.TrainingConfig;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
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
                + "'forecast', and lower_L and upper_L for each interval level L."},
        footer = {"", "Examples:",
            "  recur forecast --input sample-data/air-passengers.csv --horizon 24 --output air-forecast.csv",
            "  recur forecast --input train.csv --horizon 48 --season 24 --model gru --ensemble 3 --output f.csv",
            "  recur forecast --input sales.csv --horizon 12 --model snaive --levels 80,95"})
public final class ForecastCommand implements Callable<Integer> {

    @Option(names = "--input", paramLabel = "FILE", description = "CSV file of series (may be gzip-compressed).")
    Path input;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "Read the series from a database instead (e.g. jdbc:postgresql://host/db, jdbc:h2:./sales). "
            + "The password comes from the environment variable RECUR_JDBC_PASSWORD or --jdbc-properties, never the command line.")
    String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "Database user.")
    String jdbcUser;

    @Option(names = "--jdbc-properties", paramLabel = "FILE", description = "Properties file with user and password.")
    Path jdbcProperties;

    @Option(names = "--query", paramLabel = "SQL", description = "SQL query returning the id (optional), time and value columns named by --id-column, --time-column, --value-column.")
    String query;

    @Option(names = "--query-param", paramLabel = "VALUE", description = "A value bound to the next ? of --query (repeatable).")
    List<String> queryParams = new ArrayList<>();

    @Option(names = "--table", paramLabel = "TABLE", description = "Read the table's --id-column (optional), --time-column and --value-column.")
    String table;

    @Option(names = "--output-table", paramLabel = "TABLE", description = "Also write the forecasts to this table (created if missing) of the --jdbc-url database.")
    String outputTable;

    @Option(names = "--run-id", paramLabel = "ID", description = "Run id of the rows in --output-table; a re-run with the same id replaces them (default: MODEL-hHORIZON-sSEED).")
    String runId;

    @Option(names = "--horizon", required = true, paramLabel = "H", description = "Steps to forecast.")
    int horizon;

    @Option(names = "--season", paramLabel = "M", description = "Seasonal period (default: from the frequency: 24 hourly, 7 daily, 12 monthly, ...; 1 for integer steps).")
    Integer season;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "gru",
            description = "gru (default), lstm, rnn, auto (chosen by backtest among gru, ets, theta and snaive), "
                    + "naive, snaive, drift, mean, naive2, ets or theta.")
    String model;

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

    @Option(names = "--backtest-windows", paramLabel = "N", defaultValue = "3", description = "With --report: "
            + "rolling-origin backtest origins, a horizon apart, for the method and the baselines it is compared with "
            + "(default ${DEFAULT-VALUE}; 0 for none; every origin refits the model).")
    int backtestWindows;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of the neural models (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Option(names = "--id-column", paramLabel = "NAME", description = "The series id column (long format).")
    String idColumn;

    @Option(names = "--time-column", paramLabel = "NAME", description = "The time column.")
    String timeColumn;

    @Option(names = "--value-column", paramLabel = "NAME", description = "The value column.")
    String valueColumn;

    @Option(names = "--time-format", paramLabel = "FORMAT", description = "steps, epoch-s, epoch-ms, date, datetime or a pattern such as dd/MM/yyyy (default: recognised).")
    String timeFormat;

    @Option(names = "--frequency", paramLabel = "F", description = "hourly, daily, business, weekly, monthly, quarterly, yearly, <n>min, <n>h or steps (default: inferred).")
    String frequency;

    @Option(names = "--delimiter", paramLabel = "C", description = "Field delimiter (default: detected from the header).")
    Character delimiter;

    @Option(names = "--missing", paramLabel = "POLICY", defaultValue = "interpolate",
            description = "Missing values and gaps: interpolate (default), ffill, drop or error.")
    String missing;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "128", description = "Neural models: hidden units (default ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", paramLabel = "N", defaultValue = "2", description = "Neural models: layers (default ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30", description = "Neural models: most epochs (default ${DEFAULT-VALUE}; early stopping may end sooner).")
    int epochs;

    @Option(names = "--samples-per-epoch", paramLabel = "N", defaultValue = "30000", description = "Neural models: windows per epoch, drawn afresh each epoch (default ${DEFAULT-VALUE}; 0 = all).")
    int samplesPerEpoch;

    @Option(names = "--ensemble", paramLabel = "N", defaultValue = "1", description = "Neural models: networks with different seeds, median forecast (default ${DEFAULT-VALUE}).")
    int ensemble;

    @Option(names = "--window", paramLabel = "N", defaultValue = "0", description = "Neural models: input window (default 0: a week for hourly data, else from season and horizon).")
    int window;

    @Option(names = "--learning-rate", paramLabel = "LR", defaultValue = "0.001", description = "Neural models: Adam's learning rate (default ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", description = "Neural models: windows per step (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--loss", paramLabel = "LOSS", defaultValue = "mae", description = "Neural models: mae (default), mse or huber.")
    String loss;

    @Option(names = "--auto-windows", paramLabel = "N", defaultValue = "5",
            description = "auto: backtest windows, each a horizon apart (default ${DEFAULT-VALUE}; fewer when the series are short).")
    int autoWindows;

    @Option(names = "--threads", paramLabel = "N", description = "Neural models: threads (default: all cores; results do not depend on it).")
    Integer threads;

    /** Creates the command. */
    public ForecastCommand() {
    }

    @Override
    public Integer call() throws Exception {
        PrintStream err = System.err;
        ConsoleProgress progress = new ConsoleProgress(err, quiet);
        if (horizon < 1) {
            throw new IllegalArgumentException("--horizon must be at least 1, got " + horizon);
        }
        for (int l : levels) {
            if (l <= 0 || l >= 100) {
                throw new IllegalArgumentException("--levels must be between 1 and 99, got " + l);
            }
        }
        int[] lv = Arrays.stream(levels).distinct().sorted().toArray();
        Forecaster forecaster = forecaster();
        if ((input == null) == (jdbcUrl == null)) {
            throw new IllegalArgumentException("give either --input FILE or --jdbc-url URL");
        }
        JdbcSource db = jdbcUrl == null ? null : JdbcSource.of(jdbcUrl, jdbcUser, jdbcProperties, System.getenv());
        if (outputTable != null && db == null) {
            throw new IllegalArgumentException("--output-table needs --jdbc-url");
        }
        Path out = output != null ? output : input != null ? defaultOutput(input) : null;
        if (exportOnnx != null) {
            checkOnnxTarget(forecaster);
        }
        if (report != null) {
            ReportWriter.checkTarget(report, input, "--report");
            if (backtestWindows < 0) {
                throw new IllegalArgumentException("--backtest-windows must be 0 or more, got " + backtestWindows);
            }
        }
        if (out == null && outputTable == null) {
            throw new IllegalArgumentException("give --output FILE.csv or --output-table TABLE for the forecasts");
        }

        long start = System.nanoTime();
        SeriesData data = db == null ? new CsvSeriesReader(csvOptions()).read(input) : readDatabase(db);
        for (String note : data.notes()) {
            if (!quiet) {
                progress.warning(note);
            }
        }
        int m = season != null ? season : data.frequency().defaultSeason();
        if (m < 1) {
            throw new IllegalArgumentException("--season must be at least 1, got " + m);
        }
        String from = input != null ? input.getFileName().toString() : db.displayUrl();
        progress.message(String.format(Locale.ROOT, "read %d series (%s, %s) from %s in %.1fs", data.series().size(),
                data.layout().name().toLowerCase(Locale.ROOT), data.frequency(), from, (System.nanoTime() - start) / 1e9));
        int need = forecaster.minimumLength(horizon, m);
        for (TimeSeries s : data.series()) {
            if (s.length() < need) {
                throw new IllegalArgumentException(from + ": series '" + s.id() + "' has " + s.length()
                        + " values; " + forecaster.name() + " needs at least " + need + " for horizon " + horizon);
            }
        }
        String why = "Chosen with --model " + forecaster.name() + ".";
        if (forecaster instanceof AutoForecaster auto) {
            forecaster = auto.select(data.series(), horizon, m, progress);
            why = auto.explanation() + ".";
        }
        List<Forecast> forecasts;
        if (forecaster instanceof RecurrentForecaster rf) {
            forecasts = rf.forecast(data.series(), horizon, m, lv, progress);
        } else {
            forecasts = LocalIntervals.forecast(forecaster, data.series(), horizon, m, lv);
        }
        if (outputTable != null) {
            String id = runId != null ? runId : forecaster.name() + "-h" + horizon + "-s" + seed;
            int rows = new JdbcForecastWriter(db).write(outputTable, id, data.series(), forecasts, lv);
            progress.message(String.format(Locale.ROOT, "wrote %d rows (run %s) to table %s", rows, id, outputTable));
        }
        if (out != null) {
            writeForecasts(out, data, forecasts, lv);
        }
        if (exportOnnx != null) {
            if (forecaster instanceof RecurrentForecaster rf) {
                Map<String, String> meta = new java.util.LinkedHashMap<>();
                meta.put("recur.model", forecaster.name());
                meta.put("recur.source", from);
                meta.put("recur.seed", Long.toString(seed));
                OnnxExports.write(ForecasterOnnx.export(rf.fitted(), meta), exportOnnx);
                progress.message(String.format(Locale.ROOT, "exported %s (window %d, horizon %d, %d member%s) to %s",
                        forecaster.name(), rf.fitted().window(), horizon, rf.fitted().networks().size(),
                        rf.fitted().networks().size() == 1 ? "" : "s", exportOnnx));
            } else {
                progress.warning("not exported to ONNX: auto chose " + forecaster.name()
                        + ", which is not a neural model");
            }
        }
        if (report != null) {
            ReportWriter.Run run = new ReportWriter.Run(data, from, input, forecaster, why, horizon, m, lv, forecasts,
                    backtestWindows, seed, String.join(" ", spec.commandLine().getParseResult().originalArgs()),
                    (System.nanoTime() - start) / 1e9);
            ReportWriter.write(run, report, progress);
        }
        progress.message(String.format(Locale.ROOT, "wrote %d forecasts of %d steps (%s)%s in %.1fs total",
                forecasts.size(), horizon, forecaster.name(), out != null ? " to " + out : "", (System.nanoTime() - start) / 1e9));
        return 0;
    }

    private void checkOnnxTarget(Forecaster forecaster) {
        if (!(forecaster instanceof RecurrentForecaster) && !(forecaster instanceof AutoForecaster)) {
            throw new IllegalArgumentException("--export-onnx needs a neural model (gru, lstm or rnn): "
                    + forecaster.name() + " has no ONNX form");
        }
        Path abs = exportOnnx.toAbsolutePath();
        if (input != null && abs.normalize().equals(input.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--export-onnx " + exportOnnx + " is the input file; refusing to overwrite it");
        }
        if (abs.getParent() == null || !java.nio.file.Files.isDirectory(abs.getParent())) {
            throw new IllegalArgumentException("--export-onnx " + exportOnnx + ": folder " + abs.getParent() + " does not exist");
        }
        if (java.nio.file.Files.isDirectory(abs)) {
            throw new IllegalArgumentException("--export-onnx " + exportOnnx + " is a folder");
        }
    }

    private SeriesData readDatabase(JdbcSource db) {
        if ((query == null) == (table == null)) {
            throw new IllegalArgumentException("with --jdbc-url give either --query SQL or --table TABLE");
        }
        if (timeColumn == null || valueColumn == null) {
            throw new IllegalArgumentException("with --jdbc-url name the columns: --time-column and --value-column (and --id-column for many series)");
        }
        JdbcSeriesReader reader = new JdbcSeriesReader(db, MissingPolicy.parse(missing),
                frequency == null ? null : Frequency.parse(frequency));
        return query != null ? reader.readQuery(query, queryParams, idColumn, timeColumn, valueColumn)
                : reader.readTable(table, idColumn, timeColumn, valueColumn);
    }

    private CsvOptions csvOptions() {
        CsvOptions o = CsvOptions.defaults().withColumns(idColumn, timeColumn, valueColumn)
                .withMissing(MissingPolicy.parse(missing)).withDelimiter(delimiter);
        if (timeFormat != null) {
            o = o.withTimeFormat(TimeFormat.parseOption(timeFormat));
        }
        if (frequency != null) {
            o = o.withFrequency(Frequency.parse(frequency));
        }
        return o;
    }

    private Forecaster forecaster() {
        String name = model.toLowerCase(Locale.ROOT);
        switch (name) {
            case "auto":
                // naive and drift are left out: they are special cases of ets, and only add selection noise
                return new AutoForecaster(List.of(neural("gru"), Baselines.byName("ets"), Baselines.byName("theta"),
                        Baselines.byName("snaive")), autoWindows);
            case "gru":
            case "lstm":
            case "rnn":
                return neural(name);
            default:
                try {
                    return Baselines.byName(name);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown model '" + model
                            + "': expected auto, gru, lstm, rnn, naive, snaive, drift, mean, naive2, ets or theta");
                }
        }
    }

    private Forecaster neural(String name) {
        TrainingConfig.Builder tc = TrainingConfig.builder().epochs(epochs).batchSize(batchSize)
                .learningRate(learningRate).patience(5).loss(Loss.parse(loss)).samplesPerEpoch(samplesPerEpoch)
                .seed(seed);
        if (threads != null) {
            tc.threads(threads);
        }
        return new RecurrentForecaster(RecurrentForecaster.Settings.builder().cell(CellType.parse(name))
                .hidden(hidden).layers(layers).ensemble(ensemble).window(window).training(tc.build()).build());
    }

    static Path defaultOutput(Path in) {
        String f = in.getFileName().toString();
        String stem = f.replaceFirst("(\\.csv)?(\\.gz)?$", "");
        return in.resolveSibling(stem + "-forecast.csv");
    }

    private void writeForecasts(Path out, SeriesData data, List<Forecast> forecasts, int[] lv) throws Exception {
        List<String> header = new ArrayList<>();
        boolean withId = data.layout() != SeriesData.Layout.SINGLE;
        String idName = data.idColumn() != null ? data.idColumn() : "series";
        if (withId) {
            header.add(idName);
        }
        header.add(data.timeColumn());
        header.add("forecast");
        for (int l : lv) {
            header.add("lower_" + l);
            header.add("upper_" + l);
        }
        AtomicFiles.write(out, w -> {
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build())) {
                p.printRecord(header);
                List<String> row = new ArrayList<>(header.size());
                for (int s = 0; s < forecasts.size(); s++) {
                    TimeSeries ts = data.series().get(s);
                    Forecast f = forecasts.get(s);
                    for (int h = 0; h < horizon; h++) {
                        row.clear();
                        if (withId) {
                            row.add(ts.id());
                        }
                        row.add(ts.isSteps() ? Long.toString(ts.step(ts.length() + h))
                                : data.timeFormat().format(ts.time(ts.length() + h)));
                        row.add(number(f.point()[h]));
                        for (int l : lv) {
                            row.add(number(f.lower(l)[h]));
                            row.add(number(f.upper(l)[h]));
                        }
                        p.printRecord(row);
                    }
                }
            }
        }, input);
    }


    /** A value with 8 significant digits, without trailing zeros or exponent. */
    static String number(double v) {
        if (v == 0) {
            return "0";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(8)).stripTrailingZeros().toPlainString();
    }
}
