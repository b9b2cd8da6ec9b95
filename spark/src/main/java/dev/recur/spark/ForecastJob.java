package dev.recur.spark;

import dev.recur.engine.io.Shorten;
import dev.recur.engine.train.Defaults;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code spark-submit} job: reads a long table of series (Parquet, CSV, or a JDBC table through Spark's own
 * data source), forecasts it with {@link SparkForecaster}, and commits the forecasts and the problem series
 * under a run id, all or nothing ({@link RunOutput}).
 *
 * <pre>
 * spark-submit --class dev.recur.spark.ForecastJob recur-spark-VERSION-job.jar \
 *     --input s3a://bucket/sales.parquet --horizon 12 --model theta --output s3a://bucket/forecasts
 * </pre>
 */
@Command(name = "recur-spark", sortOptions = false,
        description = "Forecasts a long table of series (id, time, value) on Spark and writes the forecasts under a run id.")
public final class ForecastJob implements Callable<Integer> {

    /** Exit code of bad input or options. */
    static final int EXIT_USAGE = 2;
    /** Exit code when some series got no forecast and --fail-on-problems is given, or none got one. */
    static final int EXIT_PROBLEMS = 3;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "This help.")
    boolean help;

    @Option(names = "--input", paramLabel = "PATH", description = "Parquet or CSV files (a file or a folder; any Hadoop path).")
    String input;

    @Option(names = "--format", paramLabel = "F", description = "parquet or csv (default: csv for paths ending in .csv or .csv.gz, else parquet).")
    String format;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "Read the table --jdbc-table of this database (Spark's JDBC source) instead of --input.")
    String jdbcUrl;

    @Option(names = "--jdbc-table", paramLabel = "TABLE", description = "The input table (or a parenthesised query with an alias).")
    String jdbcTable;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "Database user (the password is read from the environment variable RECUR_JDBC_PASSWORD).")
    String jdbcUser;

    @Option(names = "--id-column", paramLabel = "NAME", defaultValue = "unique_id", description = "Series id column (default ${DEFAULT-VALUE}); several that together name a series may be listed: store,item.")
    String idColumn;

    @Option(names = "--time-column", paramLabel = "NAME", defaultValue = "ds", description = "Time column (default ${DEFAULT-VALUE}).")
    String timeColumn;

    @Option(names = "--value-column", paramLabel = "NAME", defaultValue = "y", description = "Value column (default ${DEFAULT-VALUE}); several may be listed (debt,income): each a series of every id, named by both (Australia / debt).")
    String valueColumn;

    @Option(names = "--horizon", paramLabel = "H", description = "Steps to forecast (with --model-file: the model's).")
    Integer horizon;

    @Option(names = "--season", paramLabel = "M", defaultValue = "0", description = "Seasonal period (default: the frequency's).")
    int season;

    @Option(names = "--levels", paramLabel = "L,L", split = ",", defaultValue = "80,95", description = "Interval levels in percent (default ${DEFAULT-VALUE}; with --model-file: the model's).")
    int[] levels;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "comb",
            description = "naive, snaive, drift, mean, naive2, ets, theta, dotm, arima or comb per series (default ${DEFAULT-VALUE}); "
                    + "gru, lstm or rnn for a global network trained on the driver from a sample (or per group with --train-per); "
                    + "ensemble for the command line's default model on each --train-per group (without it, on the whole table in one task).")
    String model;

    @Option(names = "--model-file", paramLabel = "FILE.recur", description = "A model saved by recur train, broadcast to the executors.")
    Path modelFile;

    @Option(names = "--train-sample", paramLabel = "N", defaultValue = "10000", description = "Global network: most series it is trained on, a sample stratified by length (default ${DEFAULT-VALUE}).")
    int trainSample;

    @Option(names = "--train-per", paramLabel = "COLUMN", description = "One network (with ensemble: one run of the default model) per value of this column, on the executors.")
    String trainPer;

    @Option(names = "--hidden", paramLabel = "N", defaultValue = "" + Defaults.HIDDEN, description = "Network: units per layer (default ${DEFAULT-VALUE}).")
    int hidden;

    @Option(names = "--layers", paramLabel = "N", defaultValue = "" + Defaults.LAYERS, description = "Network: layers (default ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--ensemble", paramLabel = "N", defaultValue = "" + Defaults.ENSEMBLE, description = "Network: members (default ${DEFAULT-VALUE}: automatic).")
    int ensemble;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + Defaults.EPOCHS, description = "Network: most epochs (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--samples-per-epoch", paramLabel = "N", defaultValue = "" + Defaults.SAMPLES_PER_EPOCH, description = "Network: windows per epoch (default ${DEFAULT-VALUE}); a window longer than 168 steps counts as window / 168 of them.")
    int samplesPerEpoch;

    @Option(names = "--window", paramLabel = "N", defaultValue = "0", description = "Network: input window (default: chosen).")
    int window;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + Defaults.SEED, description = "Network: seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Training threads: on the driver (default: its cores), per task with --train-per (default 1, one per task CPU); "
            + "--model ensemble without --train-per trains in its one task with the driver's count (results do not depend on it).")
    Integer threads;

    @Option(names = "--aggregate", paramLabel = "HOW", description = "As the command line's --aggregate: the rows of a "
            + "series in one period of --frequency (else at one time) made one value: sum, mean, count, min, max or last.")
    String aggregate;

    @Option(names = "--frequency", paramLabel = "F", description = "As the command line's --frequency (default: inferred from a sample of series).")
    String frequency;

    @Option(names = "--time-format", paramLabel = "FORMAT", description = "As the command line's --time-format (default: recognised).")
    String timeFormat;

    @Option(names = "--missing", paramLabel = "POLICY", defaultValue = "interpolate", description = "interpolate, ffill, drop or error (default ${DEFAULT-VALUE}).")
    String missing;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "512", description = "Series per network call (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--output", paramLabel = "PATH", description = "Write the forecasts to PATH/run=ID, the problem series to PATH/_problems/run=ID and the notes "
            + "on series (gaps filled, values that stand out) to PATH/_notes/run=ID.")
    String output;

    @Option(names = "--output-format", paramLabel = "F", defaultValue = "parquet", description = "parquet or csv (default ${DEFAULT-VALUE}).")
    String outputFormat;

    @Option(names = "--output-jdbc-url", paramLabel = "URL", description = "Append the forecasts to --output-table of this database (the problems to TABLE_problems, the "
            + "notes to TABLE_notes), with a column run.")
    String outputJdbcUrl;

    @Option(names = "--output-table", paramLabel = "TABLE", description = "The forecasts table.")
    String outputTable;

    @Option(names = "--run", paramLabel = "ID", description = "The run id (default: the UTC time, yyyyMMdd-HHmmss).")
    String run;

    @Option(names = "--allow-negative", description = "Let the forecasts and interval bounds of series that have never "
            + "been negative go below zero (by default they are floored at 0, as the command line's).")
    boolean allowNegative;

    @Option(names = "--replace-spikes", description = "Replace each value that stands out of its series as an isolated "
            + "spike by the mean of its neighbours plus the season's usual bump there, before forecasting (as the "
            + "command line's --replace-spikes; by default values are forecast from as they are).")
    boolean replaceSpikes;

    @Option(names = "--fail-on-problems", description = "Exit with code 3 when any series got no forecast (they are still listed).")
    boolean failOnProblems;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master when not run by spark-submit (e.g. local[4]).")
    String master;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Option(names = "--verbose", description = "Spark's own log at level INFO (default WARN), and stack traces.")
    boolean verbose;

    /** Creates the job. */
    public ForecastJob() {
    }

    /** Runs the job and exits with its code: 0, 2 for bad input or options, 3 for problem series (see --fail-on-problems). */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the job and returns its exit code. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new ForecastJob());
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException
                || e instanceof IllegalArgumentException ? EXIT_USAGE : 1);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("recur-spark: " + Shorten.line(e.getMessage() == null ? e.toString() : e.getMessage()));
            if (!(e instanceof IllegalArgumentException)) {
                e.printStackTrace(cmd.getErr());
            }
            return e instanceof IllegalArgumentException ? EXIT_USAGE : 1;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if ((input == null) == (jdbcUrl == null)) {
            throw new IllegalArgumentException("give --input PATH or --jdbc-url URL (with --jdbc-table), not both");
        }
        if ((output == null) == (outputJdbcUrl == null)) {
            throw new IllegalArgumentException("give --output PATH or --output-jdbc-url URL (with --output-table)");
        }
        if (outputJdbcUrl != null && outputTable == null) {
            throw new IllegalArgumentException("--output-jdbc-url needs --output-table");
        }
        String runId = run != null ? run : ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        RunOutput.checkRunId(runId);
        ModelChoice choice = choice();
        int h = horizon != null ? horizon : choice instanceof ModelChoice.Saved s ? SparkForecaster.horizonOf(s) : 0;
        if (h == 0) {
            throw new IllegalArgumentException("give --horizon");
        }
        ForecastSpec spec = new ForecastSpec(idColumn, timeColumn, valueColumn, h, season,
                choice instanceof ModelChoice.Saved s ? SparkForecaster.levelsOf(s) : levels, choice, frequency, timeFormat,
                missing, batchSize, "forecast", "lower_", "upper_", "model", allowNegative, aggregate, replaceSpikes);
        SparkSession.Builder b = SparkSession.builder().appName("recur forecast");
        if (master != null) {
            b = b.master(master);
        }
        SparkSession spark = b.getOrCreate();
        if (!verbose) {
            spark.sparkContext().setLogLevel("WARN");
        }
        long start = System.nanoTime();
        Dataset<Row> data = read(spark);
        RunOutput out = output != null ? RunOutput.files(spark, output, outputFormat, runId)
                : RunOutput.jdbc(outputJdbcUrl, outputTable, jdbcUser, runId);
        out.checkFree();
        SparkForecaster.Result r = SparkForecaster.forecast(data, spec, quiet ? line -> { } : line -> System.err.println("recur-spark: " + line));
        try {
            RunOutput.Counts c = out.write(r, h);
            if (!quiet) {
                System.err.printf(Locale.ROOT, "recur-spark: run %s: %d series forecast (%d rows), %d without a forecast%s, "
                                + "%d note%s%s in %.1fs%n",
                        runId, c.series(), c.rows(), c.problems(), c.examples().isEmpty() ? ""
                                : " (" + String.join("; ", c.examples()) + ")", c.notes(), c.notes() == 1 ? "" : "s",
                        c.noteExamples().isEmpty() ? "" : " (" + String.join("; ", c.noteExamples())
                                + (c.notes() > c.noteExamples().size() ? "; ..." : "") + ")",
                        (System.nanoTime() - start) / 1e9);
            }
            if (c.series() == 0 || (failOnProblems && c.problems() > 0)) {
                return EXIT_PROBLEMS;
            }
            return 0;
        } finally {
            r.unpersist();
        }
    }

    private ModelChoice choice() throws java.io.IOException {
        if (modelFile != null) {
            if (trainPer != null) {
                throw new IllegalArgumentException("--model-file and --train-per: one saved model, or one network per group");
            }
            return ModelChoice.saved(modelFile);
        }
        String m = model.toLowerCase(Locale.ROOT);
        boolean network = List.of("gru", "lstm", "rnn").contains(m);
        int t = threads != null ? threads : trainPer != null ? 1 : Runtime.getRuntime().availableProcessors();
        if (m.equals("ensemble")) {
            // the command line's default network (a GRU with these flags' values), as recur forecast builds it
            return ModelChoice.ensemble(trainPer, new ModelChoice.NetworkOptions("gru", hidden, layers, ensemble, epochs,
                    samplesPerEpoch, window, seed, t));
        }
        if (!network) {
            if (trainPer != null) {
                throw new IllegalArgumentException("--train-per trains networks: give --model gru, lstm, rnn or ensemble");
            }
            try {
                return ModelChoice.local(m);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown --model " + Shorten.quoted(model) + ": expected naive, snaive, drift, "
                        + "mean, naive2, ets, theta, dotm, arima, comb, gru, lstm, rnn or ensemble", e);
            }
        }
        ModelChoice.NetworkOptions net = new ModelChoice.NetworkOptions(m, hidden, layers, ensemble, epochs, samplesPerEpoch,
                window, seed, t);
        return trainPer != null ? ModelChoice.perGroup(trainPer, net) : ModelChoice.global(net, trainSample);
    }

    private Dataset<Row> read(SparkSession spark) {
        if (jdbcUrl != null) {
            if (jdbcTable == null) {
                throw new IllegalArgumentException("--jdbc-url needs --jdbc-table");
            }
            var r = spark.read().format("jdbc").option("url", jdbcUrl).option("dbtable", jdbcTable);
            if (jdbcUser != null) {
                r = r.option("user", jdbcUser);
            }
            String password = System.getenv("RECUR_JDBC_PASSWORD");
            if (password != null) {
                r = r.option("password", password);
            }
            return r.load();
        }
        String f = format != null ? format.toLowerCase(Locale.ROOT)
                : input.endsWith(".csv") || input.endsWith(".csv.gz") ? "csv" : "parquet";
        if (!f.equals("csv") && !f.equals("parquet")) {
            throw new IllegalArgumentException("--format must be parquet or csv, got " + Shorten.quoted(format));
        }
        try {
            return f.equals("csv") ? spark.read().option("header", "true").csv(input) : spark.read().parquet(input);
        } catch (Exception e) {
            // Spark's AnalysisException (a missing path, an unreadable file) is checked in Java's eyes, never declared
            if (e instanceof org.apache.spark.sql.AnalysisException) {
                throw new IllegalArgumentException(input + ": " + Shorten.line(e.getMessage()), e);
            }
            throw e;
        }
    }
}
