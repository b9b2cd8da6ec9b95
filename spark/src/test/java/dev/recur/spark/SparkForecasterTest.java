package dev.recur.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recur.engine.cleaning.Spikes;
import dev.recur.engine.neural.ForecasterFiles;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;
import dev.recur.plugin.cli.RecurCli;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark path against the command line's on the same data and model: the forecasts must be the same numbers
 * (bit for bit against the engine call the command line makes, and equal to the command line's CSV to its 8
 * significant digits), and bad series must be reported without stopping the others.
 */
class SparkForecasterTest {

    @TempDir
    static Path dir;
    static Path panel;
    static Path model;

    @BeforeAll
    static void data() throws IOException {
        panel = SparkTestSupport.monthlyPanel(dir, 300, 7);
        model = dir.resolve("m.recur");
        int code = RecurCli.commandLine().execute("train", panel.toString(), "--horizon", "6", "--model", "gru",
                "--hidden", "8", "--layers", "1", "--epochs", "2", "--samples-per-epoch", "600", "--ensemble", "2",
                "--save", model.toString(), "--quiet");
        assertEquals(0, code, "recur train");
    }

    private static Dataset<Row> read(Path csv) {
        return SparkTestSupport.spark().read().option("header", "true").csv(csv.toString());
    }

    /** The command line's CSV: by id, the rows of each series in order. */
    private static Map<String, List<CSVRecord>> csv(Path file) throws IOException {
        Map<String, List<CSVRecord>> out = new LinkedHashMap<>();
        try (var p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(Files.newBufferedReader(file))) {
            for (CSVRecord r : p) {
                out.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    private static Map<String, List<Row>> byId(Dataset<Row> forecasts, String time) {
        Map<String, List<Row>> out = new HashMap<>();
        for (Row r : forecasts.orderBy("unique_id", time).collectAsList()) {
            out.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r);
        }
        return out;
    }

    /** Spark's rows equal the command line's CSV: times as text, numbers to the CSV's 8 significant digits. */
    private static void assertSameAsCli(Map<String, List<CSVRecord>> cli, Map<String, List<Row>> spark, int[] levels) {
        assertEquals(cli.keySet(), spark.keySet());
        for (Map.Entry<String, List<CSVRecord>> e : cli.entrySet()) {
            List<Row> rows = spark.get(e.getKey());
            assertEquals(e.getValue().size(), rows.size(), e.getKey());
            for (int i = 0; i < rows.size(); i++) {
                CSVRecord c = e.getValue().get(i);
                Row r = rows.get(i);
                assertEquals(c.get(1), r.get(1).toString(), e.getKey() + " time " + i);
                for (int k = 0; k < 1 + 2 * levels.length; k++) {
                    double v = r.getDouble(2 + k);
                    if (c.get(2 + k).equals("NaN")) {
                        assertTrue(Double.isNaN(v), e.getKey() + " step " + i + " column " + k + ": spark " + v
                                + ", cli NaN");
                        continue;
                    }
                    BigDecimal rounded = new BigDecimal(v).round(new java.math.MathContext(8));
                    assertEquals(0, rounded.compareTo(new BigDecimal(c.get(2 + k))),
                            e.getKey() + " step " + i + " column " + k + ": spark " + v + ", cli " + c.get(2 + k));
                }
            }
        }
    }

    @Test
    void aSavedModelForecastsWhatRecurPredictPrints() throws IOException {
        Path cliOut = dir.resolve("predict.csv");
        assertEquals(0, RecurCli.commandLine().execute("predict", panel.toString(), "--model-file", model.toString(),
                "--output", cliOut.toString(), "--quiet"));
        ForecastSpec spec = ForecastSpec.of(6, ModelChoice.saved(model)).withBatchSize(37);
        SparkForecaster.Result r = SparkForecaster.forecast(read(panel), spec, line -> { });
        assertEquals(0, r.problems().count(), () -> r.problems().collectAsList().toString());
        Map<String, List<Row>> spark = byId(r.forecasts(), "ds");
        assertSameAsCli(csv(cliOut), spark, new int[]{80, 95});

        // bit for bit against the engine call that recur predict makes, on the same series
        ForecasterFiles.Loaded loaded = ForecasterFiles.load(model);
        List<TimeSeries> series = new ArrayList<>();
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (CSVRecord c : csv(panel).values().stream().flatMap(List::stream).toList()) {
            values.computeIfAbsent(c.get(0), k -> new ArrayList<>()).add(Double.parseDouble(c.get(2)));
        }
        for (Map.Entry<String, List<Double>> e : values.entrySet()) {
            String first = csv(panel).get(e.getKey()).get(0).get(1);
            series.add(TimeSeries.ofTimes(e.getKey(), e.getValue().stream().mapToDouble(Double::doubleValue).toArray(),
                    LocalDateTime.parse(first + "T00:00"), Frequency.MONTHLY));
        }
        List<Forecast> engine = loaded.fitted().forecast(series);
        for (Forecast f : engine) {
            List<Row> rows = spark.get(f.id());
            for (int h = 0; h < 6; h++) {
                assertEquals(f.point()[h], rows.get(h).getDouble(2), 0, f.id());
                assertEquals(f.lower(80)[h], rows.get(h).getDouble(3), 0, f.id());
                assertEquals(f.upper(95)[h], rows.get(h).getDouble(6), 0, f.id());
            }
        }
        assertEquals(1, Partitions.ModelCache.keys().stream().filter(k -> k.equals(((ModelChoice.Saved) spec.model()).key()))
                .count(), "one model instance in this JVM, whatever the partitions");
        r.unpersist();
    }

    /**
     * Series the model does not forecast get the command line's fallback, with the same numbers and model column:
     * with a saved model, as {@code recur predict} gives them (young series shorter than the window: {@code comb}, a
     * series of 2 values: naive; intervals from {@code comb}'s backtests over the input, as the young series give too
     * few of their own); with ETS, as {@code recur forecast --model ets} gives series too short for it.
     */
    @Test
    void seriesTheModelDoesNotForecastGetTheCommandLinesFallback() throws IOException {
        Map<String, List<CSVRecord>> all = csv(panel);
        StringBuilder b = new StringBuilder("unique_id,ds,y\n");
        for (Map.Entry<String, List<CSVRecord>> e : all.entrySet()) {
            if (e.getKey().compareTo("S040") < 0) {
                for (CSVRecord c : e.getValue()) {
                    b.append(c.get(0)).append(',').append(c.get(1)).append(',').append(c.get(2)).append('\n');
                }
            }
        }
        for (int k = 0; k < 5; k++) {
            List<CSVRecord> s = all.get(String.format(java.util.Locale.ROOT, "S%03d", k));
            for (CSVRecord c : s.subList(s.size() - 10, s.size())) {
                b.append('Y').append(k).append(',').append(c.get(1)).append(',').append(c.get(2)).append('\n');
            }
        }
        b.append("T1,2015-01-01,40\nT1,2015-02-01,42\nT1,2015-03-01,45\nB1,2015-01-01,40\nB1,2015-02-01,42\n");
        Path mixed = Files.writeString(dir.resolve("mixed.csv"), b);

        Path predicted = dir.resolve("mixed-predict.csv");
        assertEquals(0, RecurCli.commandLine().execute("predict", mixed.toString(), "--model-file", model.toString(),
                "--output", predicted.toString(), "--quiet"));
        List<String> log = new ArrayList<>();
        SparkForecaster.Result r = SparkForecaster.forecast(read(mixed), ForecastSpec.of(6, ModelChoice.saved(model)),
                log::add);
        assertEquals(0, r.problems().count(), () -> r.problems().collectAsList().toString());
        Map<String, List<Row>> spark = byId(r.forecasts(), "ds");
        Map<String, List<CSVRecord>> cli = csv(predicted);
        assertSameAsCli(cli, spark, new int[]{80, 95});
        assertSameModels(cli, spark);
        for (String id : List.of("Y0", "Y1", "Y2", "Y3", "Y4", "T1")) {
            assertEquals("comb", spark.get(id).get(0).getString(7), id);
        }
        assertEquals("naive", spark.get("B1").get(0).getString(7));
        assertEquals(42.0, spark.get("B1").get(5).getDouble(2), 0);
        assertTrue(Double.isFinite(spark.get("B1").get(5).getDouble(6)), "calibrated on the input's series");
        assertTrue(log.contains("7 of 47 series forecast with comb (naive below 3 values), as the model cannot forecast "
                + "them: series 'B1' has 2 values; the model reads windows of 24; series 'T1' has 3 values; the model "
                + "reads windows of 24; series 'Y0' has 10 values; the model reads windows of 24; ..."), log.toString());
        assertTrue(log.contains("their intervals are calibrated on comb's backtests over the input's series"),
                log.toString());
        r.unpersist();

        Path ets = dir.resolve("mixed-ets.csv");
        assertEquals(0, RecurCli.commandLine().execute("forecast", mixed.toString(), "--horizon", "6", "--model", "ets",
                "--output", ets.toString(), "--quiet"));
        SparkForecaster.Result e = SparkForecaster.forecast(read(mixed), ForecastSpec.of(6, ModelChoice.local("ets")),
                line -> { });
        assertEquals(0, e.problems().count(), () -> e.problems().collectAsList().toString());
        Map<String, List<Row>> sparkEts = byId(e.forecasts(), "ds");
        assertSameAsCli(csv(ets), sparkEts, new int[]{80, 95});
        assertSameModels(csv(ets), sparkEts);
        assertEquals("ets", sparkEts.get("Y0").get(0).getString(7));
        assertEquals("naive", sparkEts.get("B1").get(0).getString(7));
        e.unpersist();

        // a model that forecasts none of the series is an error of the run, as on the command line
        Dataset<Row> young = read(mixed).filter("unique_id like 'Y%'");
        IllegalArgumentException none = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SparkForecaster.forecast(young, ForecastSpec.of(6, ModelChoice.saved(model)), line -> { }));
        assertTrue(none.getMessage().startsWith("none of the 5 series can be forecast with saved model m.recur"),
                none.getMessage());
    }

    /** The model column of Spark's rows is the command line's. */
    private static void assertSameModels(Map<String, List<CSVRecord>> cli, Map<String, List<Row>> spark) {
        for (Map.Entry<String, List<CSVRecord>> e : cli.entrySet()) {
            CSVRecord c = e.getValue().get(0);
            Row row = spark.get(e.getKey()).get(0);
            assertEquals(c.get(c.size() - 1), row.getString(row.length() - 1), e.getKey());
        }
    }

    @Test
    void aStatisticalMethodHasTheCommandLinesPooledIntervals() throws IOException {
        Path cliOut = dir.resolve("ets.csv");
        assertEquals(0, RecurCli.commandLine().execute("forecast", panel.toString(), "--horizon", "6", "--model", "theta",
                "--levels", "80,95", "--output", cliOut.toString(), "--quiet"));
        ForecastSpec spec = ForecastSpec.of(6, ModelChoice.local("theta"));
        SparkForecaster.Result r = SparkForecaster.forecast(read(panel), spec, line -> { });
        assertEquals(0, r.problems().count());
        assertSameAsCli(csv(cliOut), byId(r.forecasts(), "ds"), new int[]{80, 95});
        r.unpersist();
    }

    /**
     * A table of month-end dates (2021-01-31, 2021-02-28, ...) is monthly at month ends on the executors as on the
     * command line: the forecasts' times are month ends, and the numbers the command line's.
     */
    @Test
    void monthEndDatesAreReadAsOnTheCommandLine() throws IOException {
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        java.util.Random random = new java.util.Random(3);
        for (int s = 0; s < 30; s++) {
            double level = 100 + 10 * s;
            for (int t = 0; t < 30 + s % 7; t++) {
                java.time.LocalDate month = java.time.LocalDate.of(2020, 1, 1).plusMonths(t);
                level += random.nextGaussian() + 3 * Math.sin(t * Math.PI / 6);
                csv.append("e").append(s).append(',').append(month.withDayOfMonth(month.lengthOfMonth())).append(',')
                        .append(level).append('\n');
            }
        }
        Path ends = Files.writeString(dir.resolve("month-ends.csv"), csv);
        Path cliOut = dir.resolve("month-ends-theta.csv");
        assertEquals(0, RecurCli.commandLine().execute("forecast", ends.toString(), "--horizon", "6", "--model", "theta",
                "--levels", "80,95", "--output", cliOut.toString(), "--quiet"));
        Map<String, List<CSVRecord>> cli = csv(cliOut);
        assertEquals(List.of("2022-07-31", "2022-08-31", "2022-09-30", "2022-10-31", "2022-11-30", "2022-12-31"),
                cli.get("e0").stream().map(r -> r.get(1)).toList());
        SparkForecaster.Result r = SparkForecaster.forecast(read(ends), ForecastSpec.of(6, ModelChoice.local("theta")),
                line -> { });
        assertEquals(0, r.problems().count());
        assertSameAsCli(cli, byId(r.forecasts(), "ds"), new int[]{80, 95});
        r.unpersist();
    }

    /**
     * Months dated with slashes on their first day ({@code 01/02/2020}) show the order of day and month by the day
     * that never changes: Spark reads them from its first rows' times as the command line does from its first 8 KB,
     * says so, and writes the forecasts' times as the input's.
     */
    @Test
    void slashedMonthsOnTheirFirstDayAreReadAsOnTheCommandLine() throws IOException {
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        java.util.Random random = new java.util.Random(5);
        for (int s = 0; s < 20; s++) {
            double level = 100 + 10 * s;
            for (int t = 0; t < 30 + s % 5; t++) {
                java.time.LocalDate month = java.time.LocalDate.of(2020, 1, 1).plusMonths(t);
                level += random.nextGaussian() + 3 * Math.sin(t * Math.PI / 6);
                csv.append("b").append(s).append(',').append(String.format(java.util.Locale.ROOT, "%02d/%02d/%d",
                        month.getDayOfMonth(), month.getMonthValue(), month.getYear())).append(',').append(level)
                        .append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("british-months.csv"), csv);
        Path cliOut = dir.resolve("british-months-theta.csv");
        assertEquals(0, RecurCli.commandLine().execute("forecast", file.toString(), "--horizon", "3", "--model", "theta",
                "--levels", "80,95", "--output", cliOut.toString(), "--quiet"));
        Map<String, List<CSVRecord>> cli = csv(cliOut);
        assertEquals(List.of("01/07/2022", "01/08/2022", "01/09/2022"),
                cli.get("b0").stream().map(r -> r.get(1)).toList());
        List<String> log = new ArrayList<>();
        SparkForecaster.Result r = SparkForecaster.forecast(read(file), ForecastSpec.of(3, ModelChoice.local("theta")),
                log::add);
        assertEquals(0, r.problems().count());
        // Spark's rows come ordered by the time's text, in which 01/01/2023 comes before 01/11/2022
        cli.values().forEach(rows -> rows.sort(java.util.Comparator.comparing(c -> c.get(1))));
        assertSameAsCli(cli, byId(r.forecasts(), "ds"), new int[]{80, 95});
        assertTrue(log.stream().anyMatch(l -> l.startsWith("dates read day first (dd/MM/yyyy)")), log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("frequency monthly")), log.toString());
        r.unpersist();
    }

    /**
     * Hourly counts of shops open from 09:00 to 17:00 on weekdays keep those opening hours on the cluster as on the
     * command line: the same rows, the nights and weekends no gaps, and the forecast going on at the next open hour
     * (the Monday's 09:00 after a Friday's 17:00).
     */
    @Test
    void seriesOfOpeningHoursAreForecastAtThemAsTheCommandLineDoes() throws IOException {
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        java.util.Random random = new java.util.Random(5);
        for (String shop : new String[]{"north", "south"}) {
            for (int d = 0; d < 33; d++) {
                java.time.LocalDate day = java.time.LocalDate.of(2024, 3, 4).plusDays(d);
                if (day.getDayOfWeek().getValue() > 5) {
                    continue;
                }
                for (int h = 9; h <= 17; h++) {
                    csv.append(String.format(java.util.Locale.ROOT, "%s,%s %02d:00,%.2f%n", shop, day, h,
                            50 + 20 * Math.sin(Math.PI * (h - 9) / 8) + 3 * random.nextGaussian()));
                }
            }
        }
        Path shops = Files.writeString(dir.resolve("shops.csv"), csv);
        Path cliOut = dir.resolve("shops-theta.csv");
        assertEquals(0, RecurCli.commandLine().execute("forecast", shops.toString(), "--horizon", "12", "--model", "theta",
                "--output", cliOut.toString(), "--quiet"));
        Map<String, List<CSVRecord>> cli = csv(cliOut);
        assertEquals("2024-04-05 17:00", lastTime(csv));
        assertEquals("2024-04-08 09:00", cli.get("north").get(0).get(1));
        assertEquals("2024-04-09 11:00", cli.get("north").get(11).get(1));
        List<String> log = new ArrayList<>();
        SparkForecaster.Result r = SparkForecaster.forecast(read(shops), ForecastSpec.of(12, ModelChoice.local("theta")),
                log::add);
        assertEquals(0, r.problems().count(), () -> r.problems().collectAsList().toString());
        assertSameAsCli(cli, byId(r.forecasts(), "ds"), new int[]{80, 95});
        assertTrue(log.stream().anyMatch(l -> l.startsWith("frequency hourly, 09:00 to 17:00 on weekdays")),
                log.toString());
        r.unpersist();
    }

    /** The time of a long CSV's last row. */
    private static String lastTime(CharSequence csv) {
        String[] lines = csv.toString().split("\n");
        return lines[lines.length - 1].split(",")[1];
    }

    /**
     * A table of several frequencies (quarterly and yearly series among monthly ones) has every series forecast at
     * its own frequency, as the command line forecasts such a file: each frequency's series together at its season,
     * the same number of steps ahead, with its own future dates. With a statistical method, the rows are {@code recur
     * forecast}'s; with a saved network (trained on monthly series), the other frequencies get {@code comb}, as
     * {@code recur predict} gives them, and with one trained on the mixed file, each frequency's own network. Given the frequency, the others stay problems, as before.
     */
    @Test
    void aTableOfSeveralFrequenciesHasEverySeriesForecastAtItsOwn() throws IOException {
        StringBuilder csv = new StringBuilder(Files.readString(panel));
        java.util.Random random = new java.util.Random(11);
        for (int s = 0; s < 6; s++) {
            double level = 300 + 40 * s;
            for (int t = 0; t < 18 + 2 * s; t++) {
                level += 2 + random.nextGaussian() * 4;
                double y = level * (1 + 0.15 * Math.sin(Math.PI * t / 2));
                csv.append(String.format(java.util.Locale.ROOT, "Q%d,%s,%.3f%n", s,
                        java.time.LocalDate.of(2012, 1, 1).plusMonths(3L * t), y));
            }
        }
        for (int s = 0; s < 3; s++) {
            double level = 1000 + 100 * s;
            for (int t = 0; t < 12 + 2 * s; t++) {
                level *= 1.03 + random.nextGaussian() * 0.02;
                csv.append(String.format(java.util.Locale.ROOT, "Y%d,%s,%.3f%n", s,
                        java.time.LocalDate.of(2000, 1, 1).plusYears(t), level));
            }
        }
        Path mixed = Files.writeString(dir.resolve("mixed.csv"), csv);

        Path cliOut = dir.resolve("mixed-theta.csv");
        assertEquals(0, RecurCli.commandLine().execute("forecast", mixed.toString(), "--horizon", "6", "--model", "theta",
                "--output", cliOut.toString(), "--quiet"));
        Map<String, List<CSVRecord>> cli = csv(cliOut);
        assertEquals("2020-04-01", cli.get("Q5").get(5).get(1));
        assertEquals("2021-01-01", cli.get("Y2").get(5).get(1));
        List<String> log = new ArrayList<>();
        SparkForecaster.Result r = SparkForecaster.forecast(read(mixed), ForecastSpec.of(6, ModelChoice.local("theta")),
                log::add);
        assertEquals(0, r.problems().count(), () -> r.problems().collectAsList().toString());
        assertSameAsCli(cli, byId(r.forecasts(), "ds"), new int[]{80, 95});
        assertTrue(log.contains("6 quarterly series, forecast apart from the monthly ones: season 4, horizon 6 quarterly steps"),
                log.toString());
        assertTrue(log.contains("3 yearly series, forecast apart from the monthly ones: season 1, horizon 6 yearly steps"),
                log.toString());
        r.unpersist();

        Path predicted = dir.resolve("mixed-predict.csv");
        assertEquals(0, RecurCli.commandLine().execute("predict", mixed.toString(), "--model-file", model.toString(),
                "--output", predicted.toString(), "--quiet"));
        Map<String, List<CSVRecord>> cliSaved = csv(predicted);
        assertEquals("comb", cliSaved.get("Q0").get(0).get(cliSaved.get("Q0").get(0).size() - 1));
        SparkForecaster.Result saved = SparkForecaster.forecast(read(mixed), ForecastSpec.of(6, ModelChoice.saved(model)),
                line -> { });
        assertEquals(0, saved.problems().count(), () -> saved.problems().collectAsList().toString());
        Map<String, List<Row>> sparkSaved = byId(saved.forecasts(), "ds");
        assertSameAsCli(cliSaved, sparkSaved, new int[]{80, 95});
        assertSameModels(cliSaved, sparkSaved);
        saved.unpersist();

        // a model trained by `recur train` on the mixed file holds a network per frequency that has series long
        // enough (monthly and quarterly; the yearly ones are too short): each frequency's series are forecast by
        // their own network, as `recur predict` forecasts them
        Path bundle = dir.resolve("mixed.recur");
        assertEquals(0, RecurCli.commandLine().execute("train", mixed.toString(), "--horizon", "6", "--model", "gru",
                "--hidden", "8", "--layers", "1", "--epochs", "2", "--samples-per-epoch", "600", "--ensemble", "2",
                "--save", bundle.toString(), "--quiet"));
        Path bundlePredicted = dir.resolve("mixed-bundle-predict.csv");
        assertEquals(0, RecurCli.commandLine().execute("predict", mixed.toString(), "--model-file", bundle.toString(),
                "--output", bundlePredicted.toString(), "--quiet"));
        Map<String, List<CSVRecord>> cliBundle = csv(bundlePredicted);
        assertEquals("gru", cliBundle.get("Q5").get(0).get(cliBundle.get("Q5").get(0).size() - 1));
        assertEquals("comb", cliBundle.get("Y0").get(0).get(cliBundle.get("Y0").get(0).size() - 1));
        SparkForecaster.Result perFrequency = SparkForecaster.forecast(read(mixed),
                ForecastSpec.of(6, ModelChoice.saved(bundle)), line -> { });
        assertEquals(0, perFrequency.problems().count(), () -> perFrequency.problems().collectAsList().toString());
        Map<String, List<Row>> sparkBundle = byId(perFrequency.forecasts(), "ds");
        assertSameAsCli(cliBundle, sparkBundle, new int[]{80, 95});
        assertSameModels(cliBundle, sparkBundle);
        perFrequency.unpersist();
        // a table of the quarterly series alone: the file's quarterly network, as recur predict
        List<String> lines = Files.readAllLines(mixed);
        StringBuilder q = new StringBuilder(lines.get(0)).append('\n');
        lines.stream().filter(l -> l.startsWith("Q")).forEach(l -> q.append(l).append('\n'));
        Path quarterly = Files.writeString(dir.resolve("quarterly.csv"), q);
        Path qPredicted = dir.resolve("quarterly-predict.csv");
        assertEquals(0, RecurCli.commandLine().execute("predict", quarterly.toString(), "--model-file",
                bundle.toString(), "--output", qPredicted.toString(), "--quiet"));
        Map<String, List<CSVRecord>> cliQ = csv(qPredicted);
        assertEquals("gru", cliQ.get("Q5").get(0).get(cliQ.get("Q5").get(0).size() - 1));
        SparkForecaster.Result qOnly = SparkForecaster.forecast(read(quarterly),
                ForecastSpec.of(6, ModelChoice.saved(bundle)), line -> { });
        Map<String, List<Row>> sparkQ = byId(qOnly.forecasts(), "ds");
        assertSameAsCli(cliQ, sparkQ, new int[]{80, 95});
        assertSameModels(cliQ, sparkQ);
        for (String id : cliQ.keySet()) {
            assertEquals(cliBundle.get(id).toString().replaceAll("recordNumber=\\d+, ", ""),
                    cliQ.get(id).toString().replaceAll("recordNumber=\\d+, ", ""), id);
        }
        qOnly.unpersist();

        // a network trained on the driver per frequency; where a frequency's series are too short for one (the
        // yearly ones), they get comb, as the default gives such series
        List<String> netLog = new ArrayList<>();
        SparkForecaster.Result net = SparkForecaster.forecast(read(mixed), ForecastSpec.of(6, ModelChoice.global(
                new ModelChoice.NetworkOptions("gru", 8, 1, 1, 2, 300, 0, 7, 1), 400)), netLog::add);
        assertEquals(0, net.problems().count(), () -> net.problems().collectAsList().toString());
        Map<String, List<Row>> netRows = byId(net.forecasts(), "ds");
        assertEquals(309, netRows.size());
        assertEquals("comb", netRows.get("Y0").get(0).getString(netRows.get("Y0").get(0).length() - 1));
        assertTrue(netLog.stream().anyMatch(l -> l.startsWith("the yearly series get comb: ")), netLog.toString());
        net.unpersist();

        // a frequency given is the frequency of every series: the others are problems that say what they are
        SparkForecaster.Result given = SparkForecaster.forecast(read(mixed),
                ForecastSpec.of(6, ModelChoice.local("theta")).withTimes("monthly", null), line -> { });
        List<Row> problems = given.problems().orderBy("unique_id").collectAsList();
        assertEquals(9, problems.size(), problems::toString);
        assertEquals(300, given.forecasts().count() / 6);
        given.unpersist();
    }

    /**
     * Series named by two columns ({@code date,store,item,sales}) are read by both, given as {@code store,item}: the
     * ids and output column are the command line's ({@code 1 / 2}, {@code store/item}), and so are the rows; a row
     * with a part missing has no series id.
     */
    @Test
    void seriesNamedByTwoColumnsAreReadAsOnTheCommandLine() throws IOException {
        StringBuilder csv = new StringBuilder("date,store,item,sales\n");
        java.util.Random random = new java.util.Random(13);
        for (int t = 0; t < 40; t++) {
            for (int store = 1; store <= 3; store++) {
                for (int item = 1; item <= 4; item++) {
                    csv.append(java.time.LocalDate.of(2020, 1, 1).plusMonths(t)).append(',').append(store).append(',')
                            .append(item).append(',').append(String.format(java.util.Locale.ROOT, "%.2f",
                                    50 + 10 * store + 5 * item + 8 * Math.sin(Math.PI * t / 6) + random.nextGaussian()))
                            .append('\n');
                }
            }
        }
        Path file = Files.writeString(dir.resolve("store-item.csv"), csv);
        Path cliOut = dir.resolve("store-item-theta.csv");
        assertEquals(0, RecurCli.commandLine().execute("forecast", file.toString(), "--horizon", "4", "--model", "theta",
                "--id-column", "store,item", "--output", cliOut.toString(), "--quiet"));
        SparkForecaster.Result r = SparkForecaster.forecast(read(file), ForecastSpec.of(4, ModelChoice.local("theta"))
                .withColumns("store,item", "date", "sales"), line -> { });
        assertEquals("store/item", r.forecasts().columns()[0]);
        Map<String, List<Row>> spark = new HashMap<>();
        for (Row row : r.forecasts().orderBy("store/item", "date").collectAsList()) {
            spark.computeIfAbsent(row.getString(0), k -> new ArrayList<>()).add(row);
        }
        assertTrue(spark.containsKey("3 / 4"), spark.keySet().toString());
        assertSameAsCli(csv(cliOut), spark, new int[]{80, 95});
        assertEquals(0, r.problems().count());
        r.unpersist();
        // in Spark a row with a part missing is a problem row, the others forecast
        Path gap = Files.writeString(dir.resolve("store-item-gap.csv"), csv + "2023-05-01,3,,7\n");
        SparkForecaster.Result g = SparkForecaster.forecast(read(gap), ForecastSpec.of(4, ModelChoice.local("theta"))
                .withColumns("store,item", "date", "sales"), line -> { });
        List<Row> problems = g.problems().collectAsList();
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).getString(1).contains("no series id"), problems.toString());
        assertEquals(12 * 4, g.forecasts().count());
        g.unpersist();
    }

    /**
     * A long table of two measures a row ({@code country,year,debt,income}) with both value columns given: each a
     * series of every country ({@code Chile / income}), forecast as {@code recur forecast --value-column debt,income}
     * forecasts the same file, the output's id column {@code country/measure}; numeric columns as a table has them
     * give the same forecasts as the file's text.
     */
    @Test
    void severalValueColumnsAreEachASeriesOfEveryIdAsOnTheCommandLine() throws IOException {
        StringBuilder csv = new StringBuilder("country,year,debt,income\n");
        java.util.Random random = new java.util.Random(21);
        String[] countries = {"Australia", "Chile", "Peru"};
        for (int c = 0; c < countries.length; c++) {
            for (int t = 0; t < 30; t++) {
                csv.append(countries[c]).append(',').append(1990 + t).append(',')
                        .append(String.format(java.util.Locale.ROOT, "%.2f,%.2f", 40 + 3 * c + 0.8 * t
                                + 2 * random.nextGaussian(), 100 + 10 * c + 2.5 * t + 4 * random.nextGaussian()))
                        .append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("measures.csv"), csv);
        Path cliOut = dir.resolve("measures-theta.csv");
        assertEquals(0, RecurCli.commandLine().execute("forecast", file.toString(), "--horizon", "3", "--model", "theta",
                "--id-column", "country", "--value-column", "debt,income", "--output", cliOut.toString(), "--quiet"));
        List<String> lines = new ArrayList<>();
        SparkForecaster.Result r = SparkForecaster.forecast(read(file), ForecastSpec.of(3, ModelChoice.local("theta"))
                .withColumns("country", "year", "debt,income"), lines::add);
        assertEquals("country/measure", r.forecasts().columns()[0]);
        assertTrue(lines.contains("read each of the columns 'debt', 'income' as a series of every id"), lines::toString);
        Map<String, List<Row>> spark = new HashMap<>();
        for (Row row : r.forecasts().orderBy("country/measure", "year").collectAsList()) {
            spark.computeIfAbsent(row.getString(0), k -> new ArrayList<>()).add(row);
        }
        assertTrue(spark.containsKey("Peru / income"), spark.keySet().toString());
        assertEquals(6, spark.size());
        assertSameAsCli(csv(cliOut), spark, new int[]{80, 95});
        assertEquals(0, r.problems().count());
        r.unpersist();
        // the same values as numbers (a table's columns) forecast the same
        Dataset<Row> typed = read(file).selectExpr("country", "CAST(year AS INT) AS year",
                "CAST(debt AS DOUBLE) AS debt", "CAST(income AS DOUBLE) AS income");
        SparkForecaster.Result n = SparkForecaster.forecast(typed, ForecastSpec.of(3, ModelChoice.local("theta"))
                .withColumns("country", "year", "debt,income"), line -> { });
        Map<String, List<Row>> numeric = new HashMap<>();
        for (Row row : n.forecasts().orderBy("country/measure", "year").collectAsList()) {
            numeric.computeIfAbsent(row.getString(0), k -> new ArrayList<>()).add(row);
        }
        assertSameAsCli(csv(cliOut), numeric, new int[]{80, 95});
        n.unpersist();
        assertEquals("a value column is named twice in 'debt,debt'", assertThrows(IllegalArgumentException.class,
                () -> SparkForecaster.forecast(read(file), ForecastSpec.of(3, ModelChoice.local("theta"))
                        .withColumns("country", "year", "debt,debt"), line -> { })).getMessage());
    }

    /**
     * Transactions (several rows a day per store) with {@code --aggregate sum} and a monthly frequency: each store's
     * monthly totals, the partial last month left out and forecast, as {@code recur forecast --frequency monthly
     * --aggregate sum} gives them.
     */
    @Test
    void transactionsAreAggregatedAsOnTheCommandLine() throws IOException {
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        java.util.Random random = new java.util.Random(17);
        for (String store : List.of("s1", "s2", "s3")) {
            for (java.time.LocalDate d = java.time.LocalDate.of(2021, 1, 1); d.isBefore(java.time.LocalDate.of(2023, 7, 20));
                 d = d.plusDays(1)) {
                for (int k = random.nextInt(3); k > 0; k--) {
                    csv.append(store).append(',').append(d).append(',').append(5 + random.nextInt(40)).append('\n');
                }
            }
        }
        Path file = Files.writeString(dir.resolve("transactions.csv"), csv);
        Path cliOut = dir.resolve("transactions-theta.csv");
        assertEquals(0, RecurCli.commandLine().execute("forecast", file.toString(), "--horizon", "3", "--model", "theta",
                "--frequency", "monthly", "--aggregate", "sum", "--output", cliOut.toString(), "--quiet"));
        Map<String, List<CSVRecord>> cli = csv(cliOut);
        assertEquals("2023-07-01", cli.get("s1").get(0).get(1));
        SparkForecaster.Result r = SparkForecaster.forecast(read(file), ForecastSpec.of(3, ModelChoice.local("theta"))
                .withTimes("monthly", null).withAggregate("sum"), line -> { });
        assertEquals(0, r.problems().count(), () -> r.problems().collectAsList().toString());
        assertSameAsCli(cli, byId(r.forecasts(), "ds"), new int[]{80, 95});
        r.unpersist();
    }

    /**
     * Panels of young monthly series have no series that leaves two seasons before a backtest (horizon 6, season 12):
     * Spark, like the command line, backtests from the method's shortest history. In the first panel (5 to 24 values)
     * the longer series reach every step; in the second (5 to 8 values) none reaches the last steps, which, as every
     * step with too few errors for a conformal quantile, get normal-theory widths from every step's errors
     * ({@code ErrorQuantiles.fewErrorSteps}, the driver collecting them). The numbers are the command line's, and
     * finite.
     */
    @Test
    void panelsOfYoungSeriesHaveTheCommandLinesShortHistoryIntervals() throws IOException {
        java.util.Random g = new java.util.Random(11);
        for (int longest : new int[]{24, 8}) {
            StringBuilder b = new StringBuilder("unique_id,ds,y\n");
            for (int s = 0; s < 30; s++) {
                int len = s < 10 || longest < 10 ? 5 + g.nextInt(4) : 10 + g.nextInt(longest - 9);
                for (int t = 0; t < len; t++) {
                    b.append(String.format(java.util.Locale.ROOT, "Y%02d,%s,%.3f%n", s,
                            java.time.LocalDate.of(2020, 1, 1).plusMonths(t), 100 + 2 * t + 10 * g.nextGaussian()));
                }
            }
            Path young = dir.resolve("young" + longest + ".csv");
            Files.writeString(young, b);
            for (String method : new String[]{"theta", "comb"}) {
                String what = method + " on series of at most " + longest + " values";
                Path cliOut = dir.resolve("young" + longest + "-" + method + ".csv");
                assertEquals(0, RecurCli.commandLine().execute("forecast", young.toString(), "--horizon", "6",
                        "--season", "12", "--model", method, "--output", cliOut.toString(), "--quiet"), what);
                SparkForecaster.Result r = SparkForecaster.forecast(read(young),
                        ForecastSpec.of(6, ModelChoice.local(method)).withSeason(12), line -> { });
                assertEquals(0, r.problems().count(), () -> r.problems().collectAsList().toString());
                Map<String, List<Row>> spark = byId(r.forecasts(), "ds");
                assertSameAsCli(csv(cliOut), spark, new int[]{80, 95});
                for (List<Row> rows : spark.values()) {
                    for (Row row : rows) {
                        assertTrue(Double.isFinite(row.getDouble(3)) && Double.isFinite(row.getDouble(6)), what);
                    }
                }
                r.unpersist();
            }
        }
    }

    /**
     * Series all at a method's minimum (4 values for ETS and Theta) cannot backtest it: as on the command line, the
     * run does not stop with "too short to calibrate"; the intervals are calibrated on {@code comb}'s backtests (which
     * a 4-value series gives), the same numbers as the command line's, and the log says so. Series of 3 values give
     * no backtest of {@code comb} either: forecasts without intervals (NaN), as on the command line.
     */
    @Test
    void seriesTooShortToBacktestTheMethodAreCalibratedOnCombAsOnTheCommandLine() throws IOException {
        java.util.Random g = new java.util.Random(5);
        for (int length : new int[]{4, 3}) {
            StringBuilder b = new StringBuilder("unique_id,ds,y\n");
            for (int s = 0; s < 12; s++) {
                for (int t = 0; t < length; t++) {
                    b.append(String.format(java.util.Locale.ROOT, "S%02d,%s,%.3f%n", s,
                            java.time.LocalDate.of(2021, 1, 1).plusYears(t), 50 + 3 * t + 4 * g.nextGaussian()));
                }
            }
            Path file = dir.resolve("minimum" + length + ".csv");
            Files.writeString(file, b);
            for (String method : length == 4 ? new String[]{"ets", "theta"} : new String[]{"comb"}) {
                String what = method + " on series of " + length + " values";
                Path cliOut = dir.resolve("minimum" + length + "-" + method + ".csv");
                assertEquals(0, RecurCli.commandLine().execute("forecast", file.toString(), "--horizon", "3",
                        "--model", method, "--output", cliOut.toString(), "--quiet"), what);
                List<String> log = new ArrayList<>();
                SparkForecaster.Result r = SparkForecaster.forecast(read(file),
                        ForecastSpec.of(3, ModelChoice.local(method)), log::add);
                assertEquals(0, r.problems().count(), () -> r.problems().collectAsList().toString());
                Map<String, List<Row>> spark = byId(r.forecasts(), "ds");
                assertEquals(12, spark.size(), what);
                assertSameAsCli(csv(cliOut), spark, new int[]{80, 95});
                String note = length == 4
                        ? "the intervals of 12 series are calibrated on comb's backtests: the series are too short to "
                        + "backtest " + method + " (that needs 5 values)"
                        : "no prediction intervals for 12 series: the series are too short to backtest comb (that "
                        + "needs 4 values)";
                assertTrue(log.contains(note), () -> what + ": " + log);
                for (List<Row> rows : spark.values()) {
                    for (Row row : rows) {
                        assertTrue(Double.isFinite(row.getDouble(2)), what);
                        // lower 80 and upper 95: finite and around the point with comb's calibration, else NaN
                        assertEquals(length == 4, Double.isFinite(row.getDouble(3)) && Double.isFinite(row.getDouble(6)),
                                what);
                        if (length == 4) {
                            assertTrue(row.getDouble(3) < row.getDouble(2) && row.getDouble(2) < row.getDouble(6), what);
                        }
                    }
                }
                r.unpersist();
            }
        }
    }

    /**
     * Series that all end in the same month, forecast 6 months ahead with a season of 12: the command line backtests
     * them from the origins whose steps fall in the forecast's months ({@code LocalIntervals.phase}); Spark, told by
     * the driver that they end together, the same origins, so the intervals are the same numbers (without the
     * driver's count of ends, Spark backtested the latest origins and its intervals differed).
     */
    @Test
    void aPanelThatEndsTogetherHasTheCommandLinesIntervals() throws IOException {
        java.util.Random g = new java.util.Random(13);
        StringBuilder b = new StringBuilder("unique_id,ds,y\n");
        for (int s = 0; s < 40; s++) {
            int len = 30 + g.nextInt(40);
            java.time.LocalDate start = java.time.LocalDate.of(2019, 12, 1).minusMonths(len - 1);
            for (int t = 0; t < len; t++) {
                java.time.LocalDate d = start.plusMonths(t);
                b.append(String.format(java.util.Locale.ROOT, "E%02d,%s,%.3f%n", s, d,
                        100 + (d.getMonthValue() == 12 ? 40 : 0) + 5 * g.nextGaussian()));
            }
        }
        Path together = dir.resolve("together.csv");
        Files.writeString(together, b);
        Path cliOut = dir.resolve("together-theta.csv");
        assertEquals(0, RecurCli.commandLine().execute("forecast", together.toString(), "--horizon", "6", "--season",
                "12", "--model", "theta", "--output", cliOut.toString(), "--quiet"));
        SparkForecaster.Result r = SparkForecaster.forecast(read(together),
                ForecastSpec.of(6, ModelChoice.local("theta")).withSeason(12), line -> { });
        assertEquals(0, r.problems().count(), () -> r.problems().collectAsList().toString());
        assertSameAsCli(csv(cliOut), byId(r.forecasts(), "ds"), new int[]{80, 95});
        r.unpersist();
    }

    /**
     * A panel of more than 400 series calibrates on a sample of about 400 chosen by id: Spark picks the same series as
     * the command line, whatever its partitions, so the intervals are the same numbers, and the log says so.
     */
    @Test
    void aLargePanelCalibratesOnTheCommandLinesSampleOfSeries() throws IOException {
        java.util.Random g = new java.util.Random(5);
        StringBuilder b = new StringBuilder("unique_id,ds,y\n");
        for (int s = 0; s < 700; s++) {
            int len = 8 + g.nextInt(8);
            for (int t = 0; t < len; t++) {
                b.append(String.format(java.util.Locale.ROOT, "P%03d,%s,%.3f%n", s,
                        java.time.LocalDate.of(2020, 1, 1).plusMonths(t), 100 + t + 5 * g.nextGaussian()));
            }
        }
        Path large = dir.resolve("large.csv");
        Files.writeString(large, b);
        Path cliOut = dir.resolve("large-naive.csv");
        assertEquals(0, RecurCli.commandLine().execute("forecast", large.toString(), "--horizon", "3", "--season", "1",
                "--model", "naive", "--output", cliOut.toString(), "--quiet"));
        List<String> log = new ArrayList<>();
        SparkForecaster.Result r = SparkForecaster.forecast(read(large).repartition(7),
                ForecastSpec.of(3, ModelChoice.local("naive")).withSeason(1), log::add);
        assertEquals(0, r.problems().count());
        assertSameAsCli(csv(cliOut), byId(r.forecasts(), "ds"), new int[]{80, 95});
        assertTrue(log.stream().anyMatch(l -> l.contains("naive: 700 series give a backtest; about 400 of them")),
                log.toString());
        r.unpersist();
    }

    /**
     * A CSV file's values are text to Spark, and a cast made a mistyped value, a flagged or a displayed number a
     * missing value without a word: they are read as the command line reads the file. A value that is no number is its
     * series' problem, named; a flagged one ({@code 123.4 p}), one below a bound ({@code <1}), a displayed one
     * ({@code "1,234.5"}) and a missing value's mark ({@code .}, {@code #N/A}) are read as the command line reads them,
     * and the forecasts are its own.
     */
    @Test
    void aCsvFilesValuesAreReadAsTheCommandLineReadsThem() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(panel));
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            int k = seen.merge(f[0], 1, Integer::sum);
            if (k != 5) {
                continue;
            }
            String v = switch (f[0]) {
                case "S001" -> "12O.5";                       // a letter O typed for a zero
                case "S002" -> f[2] + " p";                   // Eurostat's provisional value
                case "S003" -> "<1";                          // Google Trends' share below 1
                case "S004" -> "\"1," + f[2].replace(".", "").substring(0, 3) + ".5\"";  // a displayed thousand
                case "S005" -> ".";                           // FRED's missing value
                case "S006" -> "#N/A";                        // a spreadsheet's
                default -> null;
            };
            if (v != null) {
                lines.set(i, f[0] + "," + f[1] + "," + v);
            }
        }
        Path marked = dir.resolve("marked.csv");
        Files.write(marked, lines);
        Path cliOut = dir.resolve("marked-theta.csv");
        assertEquals(0, RecurCli.commandLine().execute("forecast", marked.toString(), "--horizon", "6", "--model",
                "theta", "--levels", "80,95", "--output", cliOut.toString(), "--quiet"));
        Map<String, List<CSVRecord>> cli = csv(cliOut);
        assertFalse(cli.containsKey("S001"), "the command line skips the series with a value that is no number");
        SparkForecaster.Result r = SparkForecaster.forecast(read(marked), ForecastSpec.of(6, ModelChoice.local("theta")),
                line -> { });
        List<Row> problems = r.problems().collectAsList();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("S001", problems.get(0).getString(0));
        assertTrue(problems.get(0).getString(1).contains("'12O.5' is not a number"), problems.get(0).getString(1));
        assertTrue(problems.get(0).getString(1).contains("time '"), problems.get(0).getString(1));
        assertSameAsCli(cli, byId(r.forecasts(), "ds"), new int[]{80, 95});
        // the values read from a mark are said in the series' notes, named by time, as the command line says them
        Map<String, List<String>> notes = new HashMap<>();
        for (Row n : r.notes().collectAsList()) {
            notes.computeIfAbsent(n.getString(0), k -> new ArrayList<>()).add(n.getString(1));
        }
        assertEquals(java.util.Set.of("S002", "S003", "S004", "S005", "S006"), notes.keySet(), notes::toString);
        for (String missing : List.of("S005", "S006")) {
            assertEquals(List.of("series '" + missing + "': interpolated 1 missing value (first on time '"
                    + notes.get(missing).get(0).replaceAll(".*time '([^']*)'.*", "$1") + "') with the season's pattern"),
                    notes.get(missing));
        }
        assertTrue(notes.get("S002").get(0).startsWith("read values with a flag after them ('"), notes::toString);
        assertTrue(notes.get("S003").get(0).startsWith("read values written below a bound ('<1' at series 'S003', "
                + "time '"), notes::toString);
        assertTrue(notes.get("S003").get(0).endsWith(") as half the bound: 0.5"), notes::toString);
        assertTrue(notes.get("S004").get(0).startsWith("read numbers as a spreadsheet displays them"), notes::toString);
        r.unpersist();
    }

    /**
     * A table of integer steps with a gap, run at the season given ({@code withSeason}, the command line's {@code
     * --season}): the gap is filled with the season's pattern as the command line fills it, so the seasonal naive rows
     * are the command line's, and the missing step's season is forecast near its peak.
     */
    @Test
    void theSeasonGivenFillsGapsAsOnTheCommandLine() throws IOException {
        StringBuilder text = new StringBuilder("unique_id,ds,y\n");
        double peak = Double.NaN;
        for (int t = 0; t < 60; t++) {
            double gap = 500 + 4 * t + (t % 12 == 3 ? 120 : 0) + 6 * Math.cos(1.9 * t);
            double whole = 90 + (t % 12 == 3 ? 20 : 0) + Math.sin(t);
            peak = t == 51 ? gap : peak;
            text.append("gap,").append(t + 1).append(',').append(t == 51 ? "" : String.format(java.util.Locale.ROOT,
                    "%.4f", gap)).append('\n');
            text.append("whole,").append(t + 1).append(',').append(String.format(java.util.Locale.ROOT, "%.4f", whole))
                    .append('\n');
        }
        Path in = Files.writeString(dir.resolve("steps-gap.csv"), text);
        Path cliOut = dir.resolve("steps-gap-snaive.csv");
        assertEquals(0, RecurCli.commandLine().execute("forecast", in.toString(), "--horizon", "12", "--season", "12",
                "--model", "snaive", "--output", cliOut.toString(), "--quiet"));
        SparkForecaster.Result r = SparkForecaster.forecast(read(in), ForecastSpec.of(12, ModelChoice.local("snaive"))
                .withSeason(12), line -> { });
        Map<String, List<Row>> spark = byId(r.forecasts(), "ds");
        assertSameAsCli(csv(cliOut), spark, new int[]{80, 95});
        // step 52 is missing; its season's next step, 64, is the 4th of the forecast
        double forecast = spark.get("gap").get(3).getDouble(2);
        assertTrue(Math.abs(forecast - peak) < 0.1 * 120, "forecast " + forecast + ", the step's true value " + peak);
        // the notes say so, naming the missing value by its time
        assertEquals(List.of(RowFactory.create("gap", "series 'gap': interpolated 1 missing value (first on time '52') "
                + "with the season's pattern")), r.notes().collectAsList());
        r.unpersist();
    }

    @Test
    void badSeriesAreReportedAndTheOthersForecast() throws IOException {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("unique_id", DataTypes.StringType, true),
                DataTypes.createStructField("ds", DataTypes.DateType, true),
                DataTypes.createStructField("y", DataTypes.DoubleType, true)));
        List<Row> rows = new ArrayList<>();
        for (CSVRecord c : csv(panel).values().stream().flatMap(List::stream).toList()) {
            if (c.get(0).compareTo("S040") < 0) {
                rows.add(RowFactory.create(c.get(0), java.sql.Date.valueOf(c.get(1)), Double.parseDouble(c.get(2))));
            }
        }
        java.sql.Date d = java.sql.Date.valueOf("2015-01-01");
        rows.add(RowFactory.create("short", d, 1.0));
        rows.add(RowFactory.create("short", java.sql.Date.valueOf("2015-02-01"), 2.0));
        rows.add(RowFactory.create("dup", d, 1.0));
        rows.add(RowFactory.create("dup", d, 2.0));
        rows.add(RowFactory.create("inf", d, Double.POSITIVE_INFINITY));
        rows.add(RowFactory.create(null, d, 3.0));
        Dataset<Row> input = SparkTestSupport.spark().createDataFrame(rows, schema);
        SparkForecaster.Result r = SparkForecaster.forecast(input, ForecastSpec.of(6, ModelChoice.saved(model)), line -> { });
        Map<String, String> problems = new HashMap<>();
        for (Row p : r.problems().collectAsList()) {
            problems.put(p.isNullAt(0) ? "(none)" : p.getString(0), p.getString(1));
        }
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get("dup").contains("duplicate time"), problems.get("dup"));
        assertTrue(problems.get("inf").contains("must be finite"), problems.get("inf"));
        assertTrue(problems.get("(none)").contains("no series id"), problems.get("(none)"));
        assertEquals(41 * 6, r.forecasts().count(), "every good series forecast");
        // too short for the model's window: the last value, as recur predict gives it
        List<Row> shortRows = r.forecasts().filter("unique_id = 'short'").collectAsList();
        assertEquals(6, shortRows.size());
        for (Row row : shortRows) {
            assertEquals(2.0, row.getDouble(2), 0);
            assertEquals("naive", row.getString(row.length() - 1));
        }
        Row first = r.forecasts().orderBy("unique_id", "ds").first();
        assertTrue(first.get(1) instanceof java.sql.Date, "the time column keeps its type");
        r.unpersist();
    }

    @Test
    void oneNetworkPerGroupIsTheNetworkTrainedOnThatGroup() throws IOException {
        Dataset<Row> input = read(panel).withColumn("category",
                org.apache.spark.sql.functions.substring(org.apache.spark.sql.functions.col("unique_id"), 4, 1));
        ModelChoice.NetworkOptions net = new ModelChoice.NetworkOptions("gru", 8, 1, 1, 2, 300, 0, 11L, 1);
        ForecastSpec spec = ForecastSpec.of(6, ModelChoice.perGroup("category", net)).withLevels(80);
        // and a young series of group 3 (its last 10 months), too short for the network: comb, as on one machine
        List<CSVRecord> s003 = csv(panel).get("S003");
        StringBuilder young = new StringBuilder("unique_id,ds,y\n");
        for (CSVRecord c : s003.subList(s003.size() - 10, s003.size())) {
            young.append("A003,").append(c.get(1)).append(',').append(c.get(2)).append('\n');
        }
        Dataset<Row> youngRows = read(Files.writeString(dir.resolve("young-group.csv"), young)).withColumn("category",
                org.apache.spark.sql.functions.substring(org.apache.spark.sql.functions.col("unique_id"), 4, 1));
        Dataset<Row> small = input.filter("unique_id < 'S040'").union(youngRows);
        SparkForecaster.Result r = SparkForecaster.forecast(small, spec, line -> { });
        Map<String, List<Row>> spark = byId(r.forecasts(), "ds");
        assertEquals(41, spark.size(), () -> r.problems().collectAsList().toString());
        assertEquals(0, r.problems().count());
        assertEquals(6, spark.get("A003").size());
        assertEquals("comb", spark.get("A003").get(0).getString(spark.get("A003").get(0).length() - 1));
        // its points are comb's on it alone (the fallback's pass over the rows of the series the networks marked)
        List<CSVRecord> a003 = s003.subList(s003.size() - 10, s003.size());
        double[] combAlone = dev.recur.engine.statistical.Combination.standard().forecast(List.of(TimeSeries.ofTimes(
                "A003", a003.stream().mapToDouble(c -> Double.parseDouble(c.get(2))).toArray(),
                LocalDateTime.parse(a003.get(0).get(1) + "T00:00"), Frequency.MONTHLY)), 6, 12,
                dev.recur.engine.series.Forecaster.Progress.NONE).get(0);
        for (int h = 0; h < 6; h++) {
            assertEquals(Math.max(0, combAlone[h]), spark.get("A003").get(h).getDouble(2), 1e-9, "A003 step " + h);
        }
        // the group of ids ending in 3, trained here alone with the same settings: the same forecasts
        List<TimeSeries> group = new ArrayList<>();
        for (Map.Entry<String, List<CSVRecord>> e : csv(panel).entrySet()) {
            if (e.getKey().compareTo("S040") < 0 && e.getKey().endsWith("3")) {
                group.add(TimeSeries.ofTimes(e.getKey(), e.getValue().stream().mapToDouble(c -> Double.parseDouble(c.get(2)))
                        .toArray(), LocalDateTime.parse(e.getValue().get(0).get(1) + "T00:00"), Frequency.MONTHLY));
            }
        }
        // as recur forecast --model gru: trained on the series that hold the network's full window (43 values), it
        // forecasts those, and the others get comb; a young series no longer shortens the window of the group
        RecurrentForecaster alone = net.forecaster();
        List<Forecast> expected = alone.forecastTrainingSeries(group, 6, 12, new int[]{80}, line -> { });
        int full = alone.fullWindowLength(6, 12);
        assertTrue(group.stream().anyMatch(x -> x.length() < full), "the group has a series shorter than " + full);
        assertEquals(24, alone.fitted().window());
        for (int i = 0; i < group.size(); i++) {
            Forecast f = expected.get(i);
            List<Row> rows = spark.get(group.get(i).id());
            assertEquals(f != null ? "gru[3]" : "comb", rows.get(0).getString(5), group.get(i).id());
            for (int h = 0; f != null && h < 6; h++) {
                assertEquals(f.point()[h], rows.get(h).getDouble(2), 0, f.id() + " step " + h);
            }
        }
        r.unpersist();
    }

    @Test
    void theDefaultModelPerGroupForecastsEachGroupAsRecurForecastDoesItsFile() throws IOException {
        // two groups of a category column: three series of the panel each, and in the first a young series (its last
        // 10 months: too short for the network) and in the second one of 2 values (naive), as a file has them
        Map<String, List<CSVRecord>> all = csv(panel);
        StringBuilder a = new StringBuilder("unique_id,ds,y\n");
        StringBuilder b = new StringBuilder("unique_id,ds,y\n");
        for (String id : List.of("S000", "S001", "S002", "S003", "S004", "S005")) {
            for (CSVRecord c : all.get(id)) {
                (id.compareTo("S003") < 0 ? a : b).append(id).append(',').append(c.get(1)).append(',').append(c.get(2))
                        .append('\n');
            }
        }
        List<CSVRecord> s006 = all.get("S006");
        for (CSVRecord c : s006.subList(s006.size() - 10, s006.size())) {
            a.append("Y006,").append(c.get(1)).append(',').append(c.get(2)).append('\n');
        }
        for (CSVRecord c : s006.subList(s006.size() - 2, s006.size())) {
            b.append("T006,").append(c.get(1)).append(',').append(c.get(2)).append('\n');
        }
        Path fileA = Files.writeString(dir.resolve("group-a.csv"), a);
        Path fileB = Files.writeString(dir.resolve("group-b.csv"), b);
        ModelChoice.NetworkOptions net = new ModelChoice.NetworkOptions("gru", 16, 1, 1, 20, 600, 0, 11L, 1);
        Dataset<Row> input = read(fileA).withColumn("category", org.apache.spark.sql.functions.lit("a"))
                .union(read(fileB).withColumn("category", org.apache.spark.sql.functions.lit("b")));
        SparkForecaster.Result r = SparkForecaster.forecast(input,
                ForecastSpec.of(6, ModelChoice.ensemble("category", net)).withLevels(80), line -> { });
        assertEquals(0, r.problems().count(), () -> r.problems().collectAsList().toString());
        Map<String, List<Row>> spark = byId(r.forecasts(), "ds");
        assertEquals(8, spark.size());
        for (Path file : List.of(fileA, fileB)) {
            // recur forecast on the group's file, with the same network settings: its CSV, and the engine's call
            Path cliOut = dir.resolve("ensemble-" + file.getFileName());
            assertEquals(0, RecurCli.commandLine().execute("forecast", file.toString(), "--horizon", "6",
                    "--hidden", "16", "--layers", "1", "--ensemble", "1", "--epochs", "20", "--samples-per-epoch", "600",
                    "--seed", "11", "--levels", "80", "--output", cliOut.toString(), "--quiet"));
            Map<String, List<CSVRecord>> cli = csv(cliOut);
            Map<String, List<Row>> theirs = new HashMap<>();
            for (String id : cli.keySet()) {
                theirs.put(id, spark.get(id));
            }
            assertSameAsCli(cli, theirs, new int[]{80});
            if (file == fileA) {
                // without a column, the whole table is one group: the command line's forecasts of the file, and labels
                SparkForecaster.Result whole = SparkForecaster.forecast(read(fileA),
                        ForecastSpec.of(6, ModelChoice.ensemble(null, net)).withLevels(80), line -> { });
                Map<String, List<Row>> one = byId(whole.forecasts(), "ds");
                assertSameAsCli(cli, one, new int[]{80});
                for (String id : cli.keySet()) {
                    assertEquals(cli.get(id).get(0).get(5), one.get(id).get(0).getString(5), id);
                }
                whole.unpersist();
            }
            String group = file == fileA ? "a" : "b";
            List<TimeSeries> series = new ArrayList<>();
            for (Map.Entry<String, List<CSVRecord>> e : csv(file).entrySet()) {
                series.add(TimeSeries.ofTimes(e.getKey(), e.getValue().stream().mapToDouble(c -> Double.parseDouble(c.get(2)))
                        .toArray(), LocalDateTime.parse(e.getValue().get(0).get(1) + "T00:00"), Frequency.MONTHLY));
            }
            var expected = ModelChoice.ensemble("category", net).forecaster().forecast(series, 6, 12, new int[]{80},
                    line -> { });
            for (int i = 0; i < series.size(); i++) {
                String id = series.get(i).id();
                Forecast f = dev.recur.engine.forecast.NonNegativity.apply(series.get(i), expected.forecasts().get(i));
                List<Row> rows = spark.get(id);
                assertEquals(expected.labels().get(i) + "[" + group + "]", rows.get(0).getString(5), id);
                assertEquals(cli.get(id).get(0).get(5), expected.labels().get(i), id + ": the command line's label");
                for (int h = 0; h < 6; h++) {
                    assertEquals(f.point()[h], rows.get(h).getDouble(2), 0, id + " step " + h);
                    assertEquals(f.lower(80)[h], rows.get(h).getDouble(3), 0, id + " lower, step " + h);
                    assertEquals(f.upper(80)[h], rows.get(h).getDouble(4), 0, id + " upper, step " + h);
                }
            }
        }
        // the network's series, comb's young one and naive's two values, each as the command line labels them
        // (with these settings each group's held-out windows keep the mean of the network and comb)
        assertEquals("gru+comb[a]", spark.get("S000").get(0).getString(5));
        assertEquals("gru+comb[b]", spark.get("S003").get(0).getString(5));
        assertEquals("comb[a]", spark.get("Y006").get(0).getString(5));
        assertEquals("naive[b]", spark.get("T006").get(0).getString(5));
        r.unpersist();
    }

    @Test
    void aGlobalNetworkIsTrainedOnTheDriverFromAStratifiedSample() {
        ModelChoice.NetworkOptions net = new ModelChoice.NetworkOptions("gru", 8, 1, 1, 1, 300, 0, 5L, 2);
        List<String> log = new ArrayList<>();
        SparkForecaster.Result r = SparkForecaster.forecast(read(panel), ForecastSpec.of(6, ModelChoice.global(net, 60))
                .withLevels(), log::add);
        // the sample's series that hold the network's full window (43 values), as recur train takes them
        int trained = log.stream().filter(l -> l.matches("training gru on the driver on [0-9]+ of 300 series.*"))
                .mapToInt(l -> Integer.parseInt(l.split(" ")[6])).findFirst().orElse(-1);
        assertTrue(trained > 30 && trained <= 60, log.toString());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("gru: " + trained + " series, window 24,")), log.toString());
        assertEquals(300, r.forecasts().select("unique_id").distinct().count(), "every series forecast");
        assertEquals(0, r.problems().count());
        long network = r.forecasts().filter("model = 'gru'").select("unique_id").distinct().count();
        assertTrue(network > 250, "most series are long enough for the window: " + network);
        assertEquals(300 - network, r.forecasts().filter("model = 'comb'").select("unique_id").distinct().count(),
                "the others get comb");
        r.unpersist();
    }

    @Test
    void wrongColumnsAndModelsAreClearErrors() {
        Dataset<Row> input = read(panel);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                SparkForecaster.forecast(input, ForecastSpec.of(6, ModelChoice.local("ets")).withColumns("id", "ds", "y")));
        assertEquals("the input has no id column 'id' (it has [unique_id, ds, y])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () ->
                SparkForecaster.forecast(input, ForecastSpec.of(12, ModelChoice.saved(model))));
        assertTrue(e.getMessage().contains("forecasts 6 steps, not 12"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ModelChoice.local("prophet"));
        assertNotNull(e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    /**
     * A never-negative series that drift forecasts below zero: Spark floors it as the command line does by default,
     * and leaves it as the command line's {@code --allow-negative} does with negative forecasts allowed; the series
     * that once went below zero is never floored.
     */
    @Test
    void neverNegativeSeriesAreFlooredAsOnTheCommandLine() throws IOException {
        StringBuilder text = new StringBuilder("unique_id,ds,y\n");
        for (int t = 0; t < 36; t++) {
            String month = java.time.LocalDate.of(2020, 1, 1).plusMonths(t).toString();
            text.append("falling,").append(month).append(',').append(Math.max(0, 120 - 4 * t)).append('\n');
            text.append("signed,").append(month).append(',').append(t == 1 ? -1 : 70 - 2 * t).append('\n');
        }
        Path in = Files.writeString(dir.resolve("falling.csv"), text);
        for (boolean allow : new boolean[]{false, true}) {
            Path cliOut = dir.resolve("falling-" + allow + ".csv");
            List<String> args = new ArrayList<>(List.of("forecast", in.toString(), "--horizon", "12", "--model", "drift",
                    "--output", cliOut.toString(), "--quiet"));
            if (allow) {
                args.add("--allow-negative");
            }
            assertEquals(0, RecurCli.commandLine().execute(args.toArray(String[]::new)));
            ForecastSpec spec = ForecastSpec.of(12, ModelChoice.local("drift")).withNegativeForecasts(allow);
            SparkForecaster.Result r = SparkForecaster.forecast(read(in), spec, line -> { });
            Map<String, List<Row>> spark = byId(r.forecasts(), "ds");
            assertSameAsCli(csv(cliOut), spark, new int[]{80, 95});
            double lowest = spark.get("falling").stream().mapToDouble(row -> row.getDouble(5)).min().orElseThrow();
            assertEquals(allow, lowest < 0, "the falling series' lowest 95% bound: " + lowest);
            assertTrue(spark.get("signed").stream().anyMatch(row -> row.getDouble(2) < 0), "signed is not floored");
            r.unpersist();
        }
    }
    /**
     * A value typed with an extra digit is forecast from as it is by default and replaced with {@code
     * --replace-spikes}, in Spark as on the command line (the same rows); a series of the same table without one is the
     * same either way.
     */
    @Test
    void aMistypedValueIsReplacedAsOnTheCommandLine() throws IOException {
        StringBuilder text = new StringBuilder("unique_id,ds,y\n");
        java.util.Random rnd = new java.util.Random(5);
        double typed = Double.NaN;
        for (int t = 0; t < 60; t++) {
            String month = java.time.LocalDate.of(2019, 1, 1).plusMonths(t).toString();
            double season = 20 * Math.sin(2 * Math.PI * t / 12);
            double typo = 300 + t + season + rnd.nextGaussian();
            typed = t == 52 ? typo : typed;
            text.append("typo,").append(month).append(',').append(t == 52 ? 10 * typo : typo).append('\n');
            text.append("clean,").append(month).append(',').append(200 - t + season + rnd.nextGaussian()).append('\n');
        }
        Path in = Files.writeString(dir.resolve("typo.csv"), text);
        Map<Boolean, Map<String, List<Row>>> byOption = new java.util.HashMap<>();
        for (boolean replace : new boolean[]{false, true}) {
            Path cliOut = dir.resolve("typo-" + replace + ".csv");
            List<String> args = new ArrayList<>(List.of("forecast", in.toString(), "--horizon", "12", "--model", "snaive",
                    "--output", cliOut.toString(), "--quiet"));
            if (replace) {
                args.add("--replace-spikes");
            }
            assertEquals(0, RecurCli.commandLine().execute(args.toArray(String[]::new)));
            ForecastSpec spec = ForecastSpec.of(12, ModelChoice.local("snaive")).withReplacedSpikes(replace);
            SparkForecaster.Result r = SparkForecaster.forecast(read(in), spec, line -> { });
            Map<String, List<Row>> spark = byId(r.forecasts(), "ds");
            assertSameAsCli(csv(cliOut), spark, new int[]{80, 95});
            // the typed value is named in the notes as the command line's warning names it, replaced or not
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            java.io.PrintStream was = System.err;
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            try {
                List<String> again = new ArrayList<>(args);
                again.remove("--quiet");
                assertEquals(0, RecurCli.commandLine().execute(again.toArray(String[]::new)));
            } finally {
                System.setErr(was);
            }
            List<String> warnings = err.toString(java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> l.contains("stands out")).map(l -> l.substring(l.indexOf("series 'typo'"))).toList();
            assertEquals(1, warnings.size(), err.toString(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(List.of(RowFactory.create("typo", warnings.get(0))), r.notes().collectAsList());
            byOption.put(replace, spark);
            r.unpersist();
        }
        // the seasonal naive forecast of the typed month's season (month 53, so the 5th step) is that month's value
        double kept = byOption.get(false).get("typo").get(4).getDouble(2);
        double replaced = byOption.get(true).get("typo").get(4).getDouble(2);
        assertTrue(kept > 3000, "kept: " + kept);
        assertTrue(Math.abs(replaced - typed) < 0.03 * typed, "replaced: " + replaced + ", the value before the typo: " + typed);
        for (int k = 0; k < 12; k++) {
            assertEquals(byOption.get(false).get("clean").get(k).getDouble(2), byOption.get(true).get("clean").get(k).getDouble(2));
        }
    }

    /**
     * With a saved model, values stand out or not at the model's season, as {@code recur predict --replace-spikes}
     * looks for them: a monthly series that peaks every fifth month, forecast with a network trained at season 5,
     * has no spike (each peak is as high as the ones a season before and after), so nothing is replaced and the rows
     * are those without the flag; at the monthly frequency's own season of 12 every peak would stand out.
     */
    @Test
    void aSavedModelLooksForSpikesAtItsOwnSeason() throws IOException {
        StringBuilder text = new StringBuilder("unique_id,ds,y\n");
        java.util.Random rnd = new java.util.Random(11);
        double[] peaky = new double[60];
        for (int s = 0; s < 3; s++) {
            for (int t = 0; t < 60; t++) {
                double y = 50 + 10 * s + rnd.nextGaussian() + (t % 5 == 2 ? 300 : 0);
                peaky[t] = s == 0 ? y : peaky[t];
                text.append("p").append(s).append(',').append(java.time.LocalDate.of(2019, 1, 1).plusMonths(t))
                        .append(',').append(y).append('\n');
            }
        }
        assertTrue(Spikes.find(peaky, 5, Spikes.NAMED).isEmpty(), "no spike at the model's season");
        assertEquals(12, Spikes.find(peaky, 12, Spikes.NAMED).size(), "every peak at the frequency's season");
        Path in = Files.writeString(dir.resolve("peaks.csv"), text);
        Path five = dir.resolve("five.recur");
        assertEquals(0, RecurCli.commandLine().execute("train", in.toString(), "--horizon", "6", "--season", "5",
                "--model", "gru", "--hidden", "8", "--layers", "1", "--epochs", "2", "--samples-per-epoch", "200",
                "--ensemble", "1", "--save", five.toString(), "--quiet"), "recur train");
        Path cliOut = dir.resolve("peaks-predict.csv");
        assertEquals(0, RecurCli.commandLine().execute("predict", in.toString(), "--model-file", five.toString(),
                "--replace-spikes", "--output", cliOut.toString(), "--quiet"));
        Map<Boolean, Map<String, List<Row>>> byOption = new java.util.HashMap<>();
        for (boolean replace : new boolean[]{false, true}) {
            ForecastSpec spec = ForecastSpec.of(6, ModelChoice.saved(five)).withReplacedSpikes(replace);
            SparkForecaster.Result r = SparkForecaster.forecast(read(in), spec, line -> { });
            byOption.put(replace, byId(r.forecasts(), "ds"));
            r.unpersist();
        }
        assertSameAsCli(csv(cliOut), byOption.get(true), new int[]{80, 95});
        for (String id : List.of("p0", "p1", "p2")) {
            for (int k = 0; k < 6; k++) {
                assertEquals(byOption.get(false).get(id).get(k).getDouble(2), byOption.get(true).get(id).get(k).getDouble(2),
                        id + " step " + k);
            }
        }
    }
}
