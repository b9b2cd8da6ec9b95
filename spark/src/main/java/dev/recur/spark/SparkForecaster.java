package dev.recur.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import dev.recur.connectors.series.SeriesData;
import dev.recur.engine.forecast.StatisticalFallback;
import dev.recur.engine.intervals.ErrorQuantiles;
import dev.recur.engine.intervals.LocalIntervals;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.neural.FittedForecaster;
import dev.recur.engine.neural.ForecasterFiles;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Baselines;
import dev.recur.engine.statistical.Combination;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Forecasts a long table of series on Spark, with the same forecasts as the command line for the same model and
 * data.
 *
 * <p>The input has one row per series and time ({@link ForecastSpec#idColumn()}, {@link ForecastSpec#timeColumn()},
 * {@link ForecastSpec#valueColumn()}). Rows are repartitioned by series and sorted within partitions, so that each
 * task reads whole series one after another; each series is assembled by the command line's own code (times
 * recognised, duplicates refused, gaps and missing values by the policy), and series are forecast in batches of
 * {@link ForecastSpec#batchSize()} per network call. A network model is broadcast once and loaded once per
 * executor JVM, shared by its task threads; nothing starts threads of its own inside a task. Statistical methods
 * get the command line's intervals: their scaled backtest errors are pooled over the whole input in a first pass
 * and the conformal quantile per step is taken exactly (the k-th smallest, as on one machine).
 *
 * <p>A series the model does not forecast (shorter than a network's window or a method's minimum) gets the standard
 * combination {@code comb}, naive below 3 values, as on the command line, and its model column says so. A series
 * that cannot be read (no values, duplicate times, non-finite values, ...) does not stop the others: it is listed in
 * {@link Result#problems()} with the reason.
 *
 * <p>Where the frequency is inferred, a series regular at another frequency than the sample's (a quarterly series
 * among monthly ones) is forecast with the others of its frequency in a run of their own, at that frequency's
 * season, as the command line forecasts a file of several frequencies.
 */
public final class SparkForecaster {

    private static final String G = "recur_group";
    private static final String ID = "recur_id";
    private static final String T = "recur_time";
    private static final String Y = "recur_value";
    private static final String PROBLEM = "recur_problem";
    private static final String UNREACHED = "recur_unreached";
    private static final String OTHER = "recur_other_frequency";
    private static final String OTHER_ID = "recur_other_id";
    private static final String MARKED_ID = "recur_marked_id";

    /** Series sampled on the driver to infer the frequency. */
    static final int FREQUENCY_SAMPLE = 64;
    /** Time values read on the driver to recognise the time format (about the command line's first 8 KB). */
    static final int TIME_SAMPLE = 500;

    private SparkForecaster() {
    }

    /**
     * The outcome.
     *
     * @param forecasts one row per series and step: id, time, forecast, lower and upper bounds per level, model
     * @param problems  one row per series that got no forecast: id and the reason
     * @param notes     one row per note on a series forecast: id and the note, as the command line's warnings say it
     *                  (its gaps filled, a value that stands out from it as an isolated spike, and whether it was
     *                  replaced); computed when read, by one more pass over the series
     * @param cached    what they are computed from, cached (the input rows as read, the passes' results):
     *                  {@link #unpersist()} releases it
     */
    public record Result(Dataset<Row> forecasts, Dataset<Row> problems, Dataset<Row> notes, List<Dataset<Row>> cached) {
        /** Releases the cached rows. */
        public void unpersist() {
            cached.forEach(Dataset::unpersist);
        }
    }

    /** Forecasts with progress lines on standard error. */
    public static Result forecast(Dataset<Row> input, ForecastSpec spec) {
        return forecast(input, spec, line -> System.err.println("recur: " + line));
    }

    /**
     * Forecasts every series of {@code input}.
     *
     * @param log receives progress lines on the driver
     * @throws IllegalArgumentException when a column is missing or of the wrong type, or no time can be read
     */
    public static Result forecast(Dataset<Row> input, ForecastSpec spec, Consumer<String> log) {
        StructType schema = input.schema();
        DataType timeType = field(schema, spec.timeColumn(), "time").dataType();
        List<String> idParts = idParts(schema, spec.idColumn());
        List<String> measures = SeriesData.idColumns(spec.valueColumn(), Arrays.asList(schema.fieldNames())::contains);
        boolean text = false;
        for (String measure : measures) {
            DataType valueType = field(schema, measure, "value").dataType();
            if (!(valueType instanceof NumericType) && !(valueType instanceof StringType)) {
                throw new IllegalArgumentException("the value column " + Shorten.quoted(measure) + " is "
                        + valueType.simpleString() + ", not numeric");
            }
            text |= valueType instanceof StringType;
        }
        if (measures.size() != new java.util.HashSet<>(measures).size()) {
            throw new IllegalArgumentException("a value column is named twice in " + Shorten.quoted(spec.valueColumn()));
        }
        Column id = idColumn(idParts);
        if (idParts.size() > 1 || measures.size() > 1) {
            // Country,Year,Debt,Income with debt,income: each value column a series of every id (Australia / Debt),
            // the output's id column named by the id's columns and the measure, as the command line names them
            List<String> names = new ArrayList<>(idParts);
            if (measures.size() > 1) {
                names.add(SeriesData.MEASURE);
            }
            spec = spec.withColumns(SeriesData.idName(names), spec.timeColumn(), spec.valueColumn());
        }
        Column group = lit(null).cast(DataTypes.StringType);
        String groupColumn = spec.model() instanceof ModelChoice.PerGroup pg ? pg.column()
                : spec.model() instanceof ModelChoice.Ensemble e ? e.column() : null;
        if (groupColumn != null) {
            field(schema, groupColumn, "group");
            group = col(groupColumn).cast(DataTypes.StringType);
        }
        // a text value column (a CSV file's) is read on the executors as the command line reads a file's values
        // (SeriesReading): a cast would make a mistyped value, a flagged or displayed number a silent missing one;
        // of several value columns where one is text, every one is read so
        Dataset<Row> stacked = null;
        for (String measure : measures) {
            Column value = col(measure).cast(text ? DataTypes.StringType : DataTypes.DoubleType);
            Column seriesId = measures.size() == 1 ? id
                    : when(id.isNull(), lit(null).cast(DataTypes.StringType)).otherwise(concat_ws(SeriesData.ID_JOIN, id,
                    lit(measure)));
            Dataset<Row> one = input.select(group.as(G), seriesId.as(ID),
                    col(spec.timeColumn()).cast(DataTypes.StringType).as(T), value.as(Y));
            stacked = stacked == null ? one : stacked.union(one);
        }
        if (measures.size() > 1) {
            log.accept("read each of the columns " + measures.stream().map(Shorten::quoted)
                    .collect(java.util.stream.Collectors.joining(", ")) + " as a series of every id");
        }
        // the normalised rows are read several times (the time format, the frequency sample, the forecasts): once
        // from the source, then from Spark's compressed columnar cache
        Dataset<Row> rows = stacked.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            return forecast(rows, spec, timeType, input, log);
        } catch (RuntimeException e) {
            rows.unpersist();
            throw e;
        }
    }

    private static Result forecast(Dataset<Row> rows, ForecastSpec spec, DataType timeType, Dataset<Row> input,
                                   Consumer<String> log) {
        SeriesReading reading = reading(rows, spec);
        String formatNote = reading.format().note();
        if (formatNote != null) {
            log.accept(formatNote);
        }
        if (spec.model() instanceof ModelChoice.Saved saved) {
            // a file of several frequencies' networks forecasts the run's frequency with its own, as recur predict
            ModelChoice.Saved own = savedFor(saved, reading.frequency());
            if (own != null) {
                spec = spec.withModel(own);
            }
        }
        return atFrequency(rows, spec, timeType, reading, spec.season(), input, log);
    }

    /** Forecasts the series of {@code rows} at {@code reading}'s frequency, with a season (0: the frequency's). */
    private static Result atFrequency(Dataset<Row> rows, ForecastSpec spec, DataType timeType, SeriesReading reading,
                                      int seasonOption, Dataset<Row> input, Consumer<String> log) {
        Frequency frequency = reading.frequency();
        int season = seasonOption > 0 ? seasonOption : frequency.defaultSeason();
        log.accept(String.format(Locale.ROOT, "frequency %s, season %d, horizon %d, %s", frequency, season,
                spec.horizon(), spec.model()));
        // whole series per task (whole groups, for one network per group), each series' rows together
        // (an explicit number of partitions: the results are cached, and Spark does not coalesce a cached plan's
        // partitions, so 200 shuffle partitions would stay 200 small output files)
        int partitions = Math.max(input.rdd().getNumPartitions(), 2 * input.sparkSession().sparkContext().defaultParallelism());
        // (the default model without a column: the whole table is one group, in one task)
        boolean byGroup = spec.model() instanceof ModelChoice.PerGroup || spec.model() instanceof ModelChoice.Ensemble;
        Dataset<Row> sorted = (byGroup ? rows.repartition(partitions, col(G))
                : rows.repartition(partitions, col(ID))).sortWithinPartitions(G, ID);
        List<Dataset<Row>> cached = new ArrayList<>();
        try {
            return forecast(rows, sorted, spec, timeType, reading, season, input, cached, log);
        } catch (RuntimeException e) {
            cached.forEach(Dataset::unpersist);
            throw e;
        }
    }

    /**
     * The run's result: the model's pass, the fallback for the series it left, the output's columns, the runs of the
     * series of other frequencies, the problems and the notes; every dataset it caches is added to {@code cached}.
     */
    private static Result forecast(Dataset<Row> rows, Dataset<Row> sorted, ForecastSpec spec, DataType timeType,
                                   SeriesReading reading, int season, Dataset<Row> input, List<Dataset<Row>> cached,
                                   Consumer<String> log) {
        Pass pass = modelPass(rows, sorted, spec, reading, season, input, cached, log);
        spec = pass.spec();
        Dataset<Row> all = withFallback(pass, season, reading, cached, log);
        Dataset<Row> forecasts = all.filter(col(PROBLEM).isNull()).select(outputColumns(spec, timeType));
        Column problem = col(PROBLEM).isNotNull();
        List<Result> others = new ArrayList<>();
        if (reading.ownFrequencies()) {
            // the series of other frequencies, each frequency's forecast together by a run of its own; those of a
            // frequency whose run failed stay problems, with the reason they were marked for
            List<String> done = new ArrayList<>();
            others = otherFrequencies(rows, all, spec, timeType, reading, input, log, done);
            if (!done.isEmpty()) {
                problem = problem.and(col(OTHER).isNull().or(not(col(OTHER).isin(done.toArray()))));
            }
        }
        Dataset<Row> problems = all.filter(problem).select(col(ID).as(spec.idColumn()), col(PROBLEM).as("problem"));
        Dataset<Row> notes = sorted.mapPartitions(new Partitions.Notes(reading), Encoders.row(DataTypes.createStructType(
                List.of(DataTypes.createStructField(spec.idColumn(), DataTypes.StringType, true),
                        DataTypes.createStructField("note", DataTypes.StringType, false)))));
        for (Result theirs : others) {
            forecasts = forecasts.union(theirs.forecasts());
            problems = problems.union(theirs.problems());
            notes = notes.union(theirs.notes());
            cached.addAll(theirs.cached());
        }
        cached.add(rows);
        return new Result(forecasts, problems, notes, List.copyOf(cached));
    }

    /**
     * The model's pass over the series.
     *
     * @param all    its rows: forecasts, problems, and a mark on each series it does not forecast
     * @param reach  what tells the series it does not forecast
     * @param spec   the run's spec, with a saved model's levels
     * @param sorted the input's rows, each series' together (persisted where they are read again)
     * @param out    the schema of its rows
     */
    private record Pass(Dataset<Row> all, Partitions.Reach reach, ForecastSpec spec, Dataset<Row> sorted,
                        StructType out) {
    }

    /** The model's pass over {@code sorted}: a saved or driver-trained network, a network per group, or a local method. */
    private static Pass modelPass(Dataset<Row> rows, Dataset<Row> sorted, ForecastSpec spec, SeriesReading reading,
                                  int season, Dataset<Row> input, List<Dataset<Row>> cached, Consumer<String> log) {
        StructType out = outputSchema(spec.levels());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(input.sparkSession().sparkContext());
        Dataset<Row> all;
        Partitions.Reach reach;
        if (spec.model() instanceof ModelChoice.Saved || spec.model() instanceof ModelChoice.Global) {
            ModelChoice.Saved saved;
            if (spec.model() instanceof ModelChoice.Saved given) {
                saved = given;
                FittedForecaster model = loadOnDriver(saved);
                if (model.horizon() != spec.horizon()) {
                    throw new IllegalArgumentException(saved.name() + " forecasts " + model.horizon() + " steps, not "
                            + spec.horizon() + "; give its horizon");
                }
                spec = spec.withLevels(model.levels());
                out = outputSchema(spec.levels());
            } else {
                saved = trainOnDriver(rows, (ModelChoice.Global) spec.model(), spec, reading, season, log);
            }
            Broadcast<byte[]> bytes = jsc.broadcast(saved.bytes());
            reach = new Partitions.SavedReach(bytes, saved.key(), saved.name());
            all = sorted.mapPartitions(new Partitions.Network(spec, reading, bytes, saved.key(), saved.name()),
                    Encoders.row(out));
        } else if (spec.model() instanceof ModelChoice.PerGroup pg) {
            reach = new Partitions.LengthReach(pg.network().forecaster().minimumLength(spec.horizon(), season), true,
                    "the network", spec.horizon());
            Partitions.PerGroup fn = new Partitions.PerGroup(spec, reading, season, pg.network(), reach);
            all = sorted.mapPartitions(fn, Encoders.row(out));
        } else if (spec.model() instanceof ModelChoice.Ensemble e) {
            // the default model forecasts every series it is given (comb or naive where the network cannot): no
            // fallback pass, and each group's intervals calibrated within the group, as on one machine per file
            reach = new Partitions.Everything();
            all = sorted.mapPartitions(new Partitions.EnsembleGroups(spec, reading, season, e), Encoders.row(out));
        } else {
            ModelChoice.Local local = (ModelChoice.Local) spec.model();
            Forecaster method = Baselines.byName(local.method());
            reach = new Partitions.LengthReach(method.minimumLength(spec.horizon(), season), false, method.name(),
                    spec.horizon());
            if (spec.levels().length > 0) {
                // read again by the backtests
                sorted = sorted.persist(StorageLevel.MEMORY_AND_DISK());
                cached.add(sorted);
            }
            all = local(sorted, local, reach, spec, reading, season, out, log);
        }
        all = all.persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(all);
        return new Pass(all, reach, spec, sorted, out);
    }

    /**
     * The pass's rows with the series it marked as not its own forecast by the statistical fallback instead (the
     * note of how many and why logged); a pass that forecast no series at all is an error.
     */
    private static Dataset<Row> withFallback(Pass pass, int season, SeriesReading reading, List<Dataset<Row>> cached,
                                             Consumer<String> log) {
        Dataset<Row> all = pass.all();
        ForecastSpec spec = pass.spec();
        Dataset<Row> sorted = pass.sorted();
        Partitions.Reach reach = pass.reach();
        // the series the model does not forecast, marked by its pass: the statistical fallback
        Dataset<Row> marks = all.filter(col(UNREACHED).isNotNull());
        long unreached = marks.count();
        if (unreached > 0) {
            long reached = all.filter(col(UNREACHED).isNull().and(col(PROBLEM).isNull())).count() / spec.horizon();
            List<String> why = new ArrayList<>();
            for (Row r : marks.orderBy(ID).limit(StatisticalFallback.LISTED_REASONS).select(UNREACHED).collectAsList()) {
                why.add(r.getString(0));
            }
            if (reached == 0) {
                throw new IllegalArgumentException("none of the " + unreached + " series can be forecast with "
                        + spec.model() + " (" + why.get(0) + (unreached > 1 ? ", ..." : "") + ")");
            }
            log.accept(StatisticalFallback.note(unreached, unreached + reached, why));
            Dataset<Row> unreachedRows;
            if (!(spec.model() instanceof ModelChoice.PerGroup)) {
                if (!cached.contains(sorted)) {
                    // read again by the fallback's backtests and forecasts
                    sorted = sorted.persist(StorageLevel.MEMORY_AND_DISK());
                    cached.add(sorted);
                }
                unreachedRows = sorted;
            } else {
                // each group's network decided which series it forecasts: the fallback takes the rows of the ones
                // it marked, each series' rows together again
                Dataset<Row> markedIds = marks.select(col(ID).as(MARKED_ID));
                unreachedRows = sorted.join(markedIds, col(ID).equalTo(col(MARKED_ID)), "left_semi")
                        .repartition(sorted.rdd().getNumPartitions(), col(ID)).sortWithinPartitions(G, ID)
                        .persist(StorageLevel.MEMORY_AND_DISK());
                cached.add(unreachedRows);
                reach = new Partitions.MarkedRows();
            }
            Dataset<Row> fallback = fallback(unreachedRows, sorted, reach, spec, reading, season, pass.out(), log)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            cached.add(fallback);
            all = all.filter(col(UNREACHED).isNull()).union(fallback);
        }
        return all;
    }

    /** The output's columns under the names the spec gives them, the time column of the input's type. */
    private static Column[] outputColumns(ForecastSpec spec, DataType timeType) {
        List<Column> cols = new ArrayList<>();
        cols.add(col(ID).as(spec.idColumn()));
        cols.add((timeType instanceof StringType ? col(T) : col(T).cast(timeType)).as(spec.timeColumn()));
        cols.add(col("forecast").as(spec.forecastColumn()));
        for (int l : spec.levels()) {
            cols.add(col("lower_" + l).as(spec.lowerPrefix() + l));
            cols.add(col("upper_" + l).as(spec.upperPrefix() + l));
        }
        cols.add(col("model").as(spec.modelColumn()));
        return cols.toArray(new Column[0]);
    }

    /**
     * The runs of the series that the run at {@code reading}'s frequency marked as of another ({@link
     * SeriesReading.Item#other()}), one per frequency, as the command line forecasts a file of several frequencies:
     * each frequency's series together, at that frequency's season, the same number of steps ahead, with the run's
     * model; a saved file gives them the network it holds for their frequency (trained by {@code recur train} on a
     * source of several), else {@code comb}, as {@code recur predict} does. A frequency whose run cannot forecast them with the model (no series long enough for a network, say) is
     * run with {@code comb}, and where even that fails, its series stay problems.
     *
     * @param done receives the frequencies ({@link SeriesReading#key}) whose series the runs took
     */
    private static List<Result> otherFrequencies(Dataset<Row> rows, Dataset<Row> all, ForecastSpec spec,
                                                 DataType timeType, SeriesReading reading, Dataset<Row> input,
                                                 Consumer<String> log, List<String> done) {
        Dataset<Row> marked = all.filter(col(OTHER).isNotNull());
        List<Result> runs = new ArrayList<>();
        for (Row kind : marked.groupBy(OTHER).count().orderBy(col("count").desc(), col(OTHER)).collectAsList()) {
            String key = kind.getString(0);
            SeriesReading theirs = reading.at(key);
            Frequency f = theirs.frequency();
            Dataset<Row> ids = marked.filter(col(OTHER).equalTo(key)).select(col(ID).as(OTHER_ID));
            Dataset<Row> theirRows = rows.join(ids, col(ID).equalTo(col(OTHER_ID)), "left_semi");
            log.accept(String.format(Locale.ROOT, "%d %s series, forecast apart from the %s ones: season %d, horizon %d "
                    + "%s steps", kind.getLong(1), f, reading.frequency(), f.defaultSeason(), spec.horizon(), f));
            ModelChoice comb = ModelChoice.local(Combination.standard().name());
            ForecastSpec theirSpec = spec;
            if (spec.model() instanceof ModelChoice.Saved saved) {
                // the network the saved file holds for this frequency (trained on a source of several), else comb
                ModelChoice.Saved own = savedFor(saved, f);
                theirSpec = spec.withModel(own != null ? own : comb);
            }
            List<ForecastSpec> tries = theirSpec.model().equals(comb) ? List.of(theirSpec)
                    : List.of(theirSpec, theirSpec.withModel(comb));
            for (ForecastSpec attempt : tries) {
                try {
                    runs.add(atFrequency(theirRows, attempt, timeType, theirs, 0, input, log));
                    done.add(key);
                    break;
                } catch (IllegalArgumentException e) {
                    boolean last = attempt == tries.get(tries.size() - 1);
                    log.accept("the " + f + " series " + (last ? "were not forecast: " : "get "
                            + Combination.standard().name() + ": ") + Shorten.line(e.getMessage()));
                }
            }
        }
        return runs;
    }

    /**
     * The columns of the series id: {@code given}, or where the input has no such column and it lists several
     * ({@code store,item}), those; each checked to be there.
     */
    private static List<String> idParts(StructType schema, String given) {
        List<String> parts = SeriesData.idColumns(given, Arrays.asList(schema.fieldNames())::contains);
        for (String part : parts) {
            field(schema, part, "id");
        }
        return parts;
    }

    /**
     * The series id as text: one column's value, or several columns' joined as the command line joins them
     * ({@code 1 / 7}), the output's id column then named by theirs joined ({@code store/item}); null where a part
     * is null (a row with no series id).
     */
    private static Column idColumn(List<String> parts) {
        if (parts.size() == 1) {
            return col(parts.get(0)).cast(DataTypes.StringType);
        }
        List<Column> values = new ArrayList<>();
        Column anyNull = lit(false);
        for (String part : parts) {
            Column c = col(part).cast(DataTypes.StringType);
            values.add(c);
            anyNull = anyNull.or(c.isNull());
        }
        return when(anyNull, lit(null).cast(DataTypes.StringType))
                .otherwise(concat_ws(SeriesData.ID_JOIN, values.toArray(new Column[0])));
    }

    private static StructField field(StructType schema, String name, String what) {
        for (StructField f : schema.fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("the input has no " + what + " column " + Shorten.quoted(name) + " (it has "
                + Shorten.list(Arrays.asList(schema.fieldNames())) + ")");
    }

    /**
     * The rows every pass emits: id, time, forecast, bounds, model, and the problem of a series without them, or why
     * the model does not forecast a series (a row that marks it for the fallback's pass), and the frequency of a
     * series of another frequency than the run's (a problem row that marks it for a run at its own).
     */
    static StructType outputSchema(int[] levels) {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField(ID, DataTypes.StringType, true));
        f.add(DataTypes.createStructField(T, DataTypes.StringType, true));
        f.add(DataTypes.createStructField("forecast", DataTypes.DoubleType, true));
        for (int l : levels) {
            f.add(DataTypes.createStructField("lower_" + l, DataTypes.DoubleType, true));
            f.add(DataTypes.createStructField("upper_" + l, DataTypes.DoubleType, true));
        }
        f.add(DataTypes.createStructField("model", DataTypes.StringType, true));
        f.add(DataTypes.createStructField(PROBLEM, DataTypes.StringType, true));
        f.add(DataTypes.createStructField(UNREACHED, DataTypes.StringType, true));
        f.add(DataTypes.createStructField(OTHER, DataTypes.StringType, true));
        return DataTypes.createStructType(f);
    }

    /** The time format (from the first time value) and the frequency (from a sample of series), on the driver. */
    private static SeriesReading reading(Dataset<Row> rows, ForecastSpec spec) {
        // the first rows' times (no shuffle): the first names the format, the others show the order of day and month
        // of dates with slashes where the first does not, as the command line's first 8 KB do
        List<Row> first = rows.filter(col(T).isNotNull()).select(T).limit(TIME_SAMPLE).collectAsList();
        if (first.isEmpty()) {
            throw new IllegalArgumentException("the input has no rows with a time");
        }
        String firstTime = first.get(0).getString(0);
        StringBuilder timeSample = new StringBuilder();
        for (Row r : first) {
            timeSample.append(r.getString(0)).append('\n');
        }
        Frequency f;
        if (spec.frequency() != null) {
            f = Frequency.parse(spec.frequency());
        } else {
            // the first series met (no shuffle), and all their rows
            List<Object> ids = new ArrayList<>();
            for (Row r : rows.filter(col(ID).isNotNull()).select(ID).limit(100 * FREQUENCY_SAMPLE).collectAsList()) {
                if (ids.size() < FREQUENCY_SAMPLE && !ids.contains(r.getString(0))) {
                    ids.add(r.getString(0));
                }
            }
            List<Row> sample = rows.filter(col(ID).isin(ids.toArray())).collectAsList();
            List<Row> ordered = new ArrayList<>(sample);
            ordered.sort(java.util.Comparator.comparing(r -> r.getString(SeriesReading.ID)));
            f = SeriesReading.infer(ordered, spec.timeFormat(), firstTime, timeSample.toString(), spec.missing(),
                    spec.aggregate());
        }
        return new SeriesReading(spec.timeFormat(), firstTime, timeSample.toString(), f.unit().name(), f.multiple(),
                f.monthEnds(), f.openingHours(), spec.missing(), spec.frequency() == null, spec.aggregate(), spec.replaceSpikes(),
                season(spec, f));
    }

    /**
     * The season at which values that stand out are looked for and gaps are filled, as on the command line: a saved
     * model's (as {@code recur predict}), else the run's season, else the frequency's.
     */
    private static int season(ForecastSpec spec, Frequency f) {
        if (spec.model() instanceof ModelChoice.Saved saved) {
            return loadOnDriver(saved).season();
        }
        return spec.season() > 0 ? spec.season() : Math.max(1, f.defaultSeason());
    }

    /** The horizon of a saved model. */
    public static int horizonOf(ModelChoice.Saved saved) {
        return loadOnDriver(saved).horizon();
    }

    /** The interval levels of a saved model. */
    public static int[] levelsOf(ModelChoice.Saved saved) {
        return loadOnDriver(saved).levels().clone();
    }

    /**
     * The saved file with the network it holds for the series of {@code f} first: as it is when that is its first
     * network, else with the one it holds beside its first (trained by {@code recur train} on a source of several
     * frequencies) made its first; null when it holds none for {@code f}.
     */
    static ModelChoice.Saved savedFor(ModelChoice.Saved saved, Frequency f) {
        ForecasterFiles.Loaded loaded;
        try {
            loaded = ForecasterFiles.load(saved.bytes(), saved.name());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (f.toString().equals(loaded.frequency())) {
            return saved;
        }
        if (loaded.other(f.toString()) == null) {
            return null;
        }
        // the same file, that network first: the executors forecast with a file's first network, and the runs of
        // the other frequencies find theirs in it as in the file
        String file = saved.name().replaceFirst(" \\(its [a-z0-9 -]+ network\\)$", "");
        return new ModelChoice.Saved(ForecasterFiles.withFirst(loaded, f.toString()), file + " (its " + f + " network)");
    }

    /** Loads a saved model on the driver, once, so that a bad file fails there with its message. */
    private static FittedForecaster loadOnDriver(ModelChoice.Saved saved) {
        try {
            return ForecasterFiles.load(saved.bytes(), saved.name()).fitted();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * Trains the global network on the driver from a sample of the series stratified by length (ten strata between
     * the length deciles; within each, the series of lowest seeded hash, as many as the stratum's share of the
     * sample), on those of them that hold its full window as {@code recur train} does ({@link
     * RecurrentForecaster#trainingSeries}).
     */
    private static ModelChoice.Saved trainOnDriver(Dataset<Row> rows, ModelChoice.Global global, ForecastSpec spec,
                                                   SeriesReading reading, int season, Consumer<String> log) {
        Dataset<Row> lengths = rows.filter(col(ID).isNotNull()).groupBy(ID).agg(count(lit(1)).as("n"));
        long total = lengths.count();
        Dataset<Row> chosen;
        if (total <= global.sample()) {
            chosen = lengths.select(ID);
        } else {
            double share = global.sample() / (double) total;
            // ten strata by length, between the deciles (computed in one pass, without moving every series to one task)
            double[] deciles = lengths.stat().approxQuantile("n", new double[]{0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9},
                    0.001);
            Column stratum = lit(0);
            for (double d : deciles) {
                stratum = stratum.plus(when(col("n").gt(d), 1).otherwise(0));
            }
            Dataset<Row> strata = lengths.withColumn("stratum", stratum)
                    .withColumn("h", xxhash64(col(ID), lit(global.network().seed())));
            chosen = strata.withColumn("rank", row_number().over(Window.partitionBy("stratum").orderBy(col("h"), col(ID))))
                    .withColumn("size", count(lit(1)).over(Window.partitionBy("stratum")))
                    .filter(col("rank").leq(col("size").multiply(share).plus(0.5).cast(DataTypes.LongType)))
                    .select(ID);
        }
        List<Row> sample = new ArrayList<>(rows.join(chosen, ID).select(G, ID, T, Y).collectAsList());
        sample.sort(java.util.Comparator.comparing((Row r) -> r.getString(SeriesReading.ID))
                .thenComparing(r -> r.isNullAt(SeriesReading.TIME) ? "" : r.getString(SeriesReading.TIME)));
        RecurrentForecaster network = global.network().forecaster();
        int need = network.minimumLength(spec.horizon(), season);
        List<TimeSeries> read = new ArrayList<>();
        for (Iterator<SeriesReading.Item> it = reading.items(sample.iterator()); it.hasNext(); ) {
            SeriesReading.Item item = it.next();
            if (item.series() != null) {
                read.add(item.series());
            }
        }
        // as recur train: the series that hold the network's full window, else those long enough for it
        List<TimeSeries> train = network.trainingSeries(read, spec.horizon(), season);
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no series of the sample has the " + need + " values a network needs for horizon "
                    + spec.horizon());
        }
        log.accept(String.format(Locale.ROOT, "training %s on the driver on %d of %d series (a sample stratified by length)",
                network.name(), train.size(), total));
        network.forecast(train, spec.horizon(), season, spec.levels(), line -> log.accept(line));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("model", network.name());
        meta.put("source", "a Spark sample of " + train.size() + " series");
        meta.put("seed", Long.toString(global.network().seed()));
        byte[] bytes = ForecasterFiles.bytes(network.fitted(), meta);
        return new ModelChoice.Saved(bytes, "the network trained on the driver");
    }

    /**
     * A statistical method: pooled backtest errors first, then the forecasts with exact conformal quantiles. As on one
     * machine ({@link LocalIntervals#forecast(dev.recur.engine.series.Forecaster, List,
     * dev.recur.engine.series.Forecaster, List, int, int, int[], dev.recur.engine.series.Forecaster.Progress)}),
     * an input whose series are all too short to backtest the method (all at its minimum) is not an error: the
     * intervals are calibrated on {@code comb}'s backtests, or, where those give none either, the forecasts have none
     * (NaN), and the log says which.
     */
    private static Dataset<Row> local(Dataset<Row> cached, ModelChoice.Local local, Partitions.Reach reach,
                                      ForecastSpec spec, SeriesReading reading, int season, StructType out,
                                      Consumer<String> log) {
        int[] levels = spec.levels();
        double[][] q = new double[levels.length][spec.horizon()];
        if (levels.length > 0) {
            Pooled pooled = pooledErrors(cached, local.method(), spec, reading, season, log, null, 0);
            if (pooled == null) {
                Forecaster method = Baselines.byName(local.method());
                Forecaster standIn = Combination.standard();
                if (!standIn.name().equals(method.name())) {
                    pooled = pooledErrors(cached, standIn.name(), spec, reading, season, log, null, 0);
                }
                long series = cached.mapPartitions(new Partitions.SeriesEnds(reading, spec, season, local.method(), 0,
                        null, true), Encoders.STRING()).count();
                if (series > 0) {
                    // a series that repeats itself exactly has intervals of no width, calibrated or not
                    log.accept(LocalIntervals.standInNote(method, series, standIn, pooled != null, spec.horizon(),
                            season));
                }
            }
            if (pooled == null) {
                for (double[] row : q) {
                    Arrays.fill(row, Double.NaN);
                }
            } else {
                quantiles(pooled, levels, spec.horizon(), q);
            }
        }
        return cached.mapPartitions(new Partitions.Local(spec, reading, season, local.method(), reach, q),
                Encoders.row(out));
    }

    /**
     * The series the model does not forecast, as on the command line ({@link StatisticalFallback#forecast}):
     * the standard combination, naive below 3 values, with intervals calibrated on the combination's backtests over
     * those series, or, when they give none or only a few from short histories
     * ({@link LocalIntervals#fewestForConformal}), over every series it takes; without either, none (NaN; of no width
     * for a series that repeats itself exactly).
     *
     * @param sorted the rows of the series to forecast among others ({@code reach} tells which), each series' rows
     *               together
     * @param every  the rows of every series of the run, for intervals where those series give too few backtests
     */
    private static Dataset<Row> fallback(Dataset<Row> sorted, Dataset<Row> every, Partitions.Reach reach,
                                         ForecastSpec spec, SeriesReading reading, int season, StructType out,
                                         Consumer<String> log) {
        int[] levels = spec.levels();
        double[][] q = new double[levels.length][spec.horizon()];
        for (double[] row : q) {
            Arrays.fill(row, Double.NaN);
        }
        if (levels.length > 0) {
            String comb = Combination.standard().name();
            Pooled pooled = pooledErrors(sorted, comb, spec, reading, season, line -> { }, reach,
                    ErrorQuantiles.fewestForConformal(levels));
            String over = "those series";
            if (pooled == null) {
                over = "the input's series";
                pooled = pooledErrors(every, comb, spec, reading, season, log, null, 0);
            }
            if (pooled != null) {
                quantiles(pooled, levels, spec.horizon(), q);
            }
            log.accept(pooled != null ? "their intervals are calibrated on " + comb + "'s backtests over " + over
                    : "they have no prediction intervals (but for any that repeat themselves exactly, whose intervals "
                    + "have no width): no series is long enough to backtest " + comb);
        }
        return sorted.mapPartitions(new Partitions.Fallback(spec, reading, season, reach, q), Encoders.row(out));
    }

    /** The scaled backtest errors of a method over the input, cached, and how many each step has. */
    private record Pooled(Dataset<Row> errors, Map<Integer, Long> perStep) {
    }

    /**
     * The method's scaled backtest errors over the input, from origins that leave two seasons, or, where no series
     * gives one, from the shortest history the method takes (unless those are fewer than {@code fewestShort}
     * backtests); null (nothing left cached) when no series gives either.
     *
     * @param unreachedBy with it, only the series that it does not forecast are backtested (null: every series)
     */
    private static Pooled pooledErrors(Dataset<Row> cached, String method, ForecastSpec spec, SeriesReading reading,
                                       int season, Consumer<String> log, Partitions.Reach unreachedBy,
                                       int fewestShort) {
        StructType errorSchema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("step", DataTypes.IntegerType, false),
                DataTypes.createStructField("e", DataTypes.DoubleType, false)));
        for (boolean shortHistory : new boolean[]{false, true}) {
            if (shortHistory) {
                // as on one machine: no series leaves two seasons before a backtest, so back-test short histories
                log.accept(method + ": no series is long enough for backtests that leave two seasons; "
                        + "backtesting from the shortest history the method takes");
            }
            int calibrationLength = LocalIntervals.calibrationLength(Baselines.byName(method), spec.horizon(), season,
                    shortHistory);
            // how many series give a backtest, and how many of them end at the most common end
            Row ends = cached.mapPartitions(new Partitions.SeriesEnds(reading, spec, season, method,
                            calibrationLength, unreachedBy), Encoders.STRING())
                    .groupBy("value").count()
                    .agg(sum("count"), max("count")).first();
            long eligible = ends.isNullAt(0) ? 0 : ends.getLong(0);
            boolean together = eligible > 0 && LocalIntervals.endTogether(ends.getLong(1), eligible);
            if (eligible > LocalIntervals.BUDGET) {
                log.accept(String.format(Locale.ROOT, "%s: %d series give a backtest; about %d of them, "
                        + "sampled by id, calibrate the intervals", method, eligible, LocalIntervals.BUDGET));
            } else if (eligible > 0) {
                log.accept(String.format(Locale.ROOT, "%s: backtesting %d series from about %d origins in all "
                        + "for the intervals", method, eligible,
                        Math.min(LocalIntervals.BUDGET, eligible * LocalIntervals.ORIGINS)));
            }
            Dataset<Row> errors = cached.mapPartitions(new Partitions.Errors(spec, reading, season, method, shortHistory,
                    eligible, together, unreachedBy), Encoders.row(errorSchema)).persist(StorageLevel.MEMORY_AND_DISK());
            Map<Integer, Long> perStep = new LinkedHashMap<>();
            for (Row r : errors.groupBy("step").count().collectAsList()) {
                perStep.put(r.getInt(0), r.getLong(1));
            }
            // every backtest has its first step: their number
            if (!perStep.isEmpty() && (!shortHistory || perStep.getOrDefault(0, 0L) >= fewestShort)) {
                return new Pooled(errors, perStep);
            }
            errors.unpersist();
        }
        return null;
    }

    /**
     * Fills {@code q[level][step]} from the pooled errors and releases them: the conformal quantile of each step, or
     * normal-theory widths where a step has too few errors for one, as on one machine.
     */
    private static void quantiles(Pooled pooled, int[] levels, int horizon, double[][] q) {
        Dataset<Row> errors = pooled.errors();
        Map<Integer, Long> perStep = pooled.perStep();
        // the k-th smallest error of each step, k the conformal rank of each level: exact, as on one machine
        Dataset<Row> ranked = errors.withColumn("rank",
                row_number().over(Window.partitionBy("step").orderBy(col("e"))).minus(1));
        Column wanted = lit(false);
        for (Map.Entry<Integer, Long> e : perStep.entrySet()) {
            for (int l : levels) {
                wanted = wanted.or(col("step").equalTo(e.getKey())
                        .and(col("rank").equalTo(ErrorQuantiles.quantileRank(e.getValue(), l))));
            }
        }
        Map<String, Double> at = new LinkedHashMap<>();
        for (Row r : ranked.filter(wanted).select("step", "rank", "e").collectAsList()) {
            at.put(r.getInt(0) + "/" + r.getInt(1), r.getDouble(2));
        }
        for (int l = 0; l < levels.length; l++) {
            for (int h = 0; h < horizon; h++) {
                q[l][h] = perStep.containsKey(h)
                        ? at.get(h + "/" + ErrorQuantiles.quantileRank(perStep.get(h), levels[l])) : Double.NaN;
            }
        }
        // steps with too few errors for a conformal quantile, or none, as on one machine, from every step's
        // errors: those of about LocalIntervals.BUDGET backtests at most, which the driver takes
        long[] counts = new long[horizon];
        perStep.forEach((step, n) -> counts[step] = n);
        if (ErrorQuantiles.tooFewErrors(counts, levels)) {
            double[][] byStep = new double[horizon][];
            int[] filled = new int[horizon];
            for (int h = 0; h < byStep.length; h++) {
                byStep[h] = new double[(int) counts[h]];
            }
            for (Row r : errors.select("step", "e").collectAsList()) {
                byStep[r.getInt(0)][filled[r.getInt(0)]++] = r.getDouble(1);
            }
            ErrorQuantiles.fewErrorSteps(byStep, levels, q);
        }
        errors.unpersist();
    }
}
