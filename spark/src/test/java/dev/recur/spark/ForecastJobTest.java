package dev.recur.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit job, run in this JVM on the test session: outputs committed by run, bad input refused. */
class ForecastJobTest {

    @TempDir
    static Path dir;
    static Path parquet;

    /** The month of S000 after the one left out of the panel. */
    static String afterGap;

    @BeforeAll
    static void data() throws IOException {
        Path csv = SparkTestSupport.monthlyPanel(dir, 60, 3);
        // a month of S000 left out, a gap filled with a note
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(csv));
        lines.remove(11);
        afterGap = lines.get(11).split(",")[1];
        Files.write(csv, lines);
        // a bad series besides: duplicate times
        Files.writeString(csv, "B1,2015-01-01,1\nB1,2015-01-01,2\n", java.nio.file.StandardOpenOption.APPEND);
        parquet = dir.resolve("panel.parquet");
        SparkTestSupport.spark().read().option("header", "true").csv(csv.toString()).write().parquet(parquet.toString());
    }

    /** Runs the job, returns its exit code and standard error. */
    private static Object[] job(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            SparkTestSupport.spark();
            int code = ForecastJob.run(args);
            return new Object[]{code, buf.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void aRunIsCommittedUnderItsIdAndNotTwice() throws IOException {
        Path out = dir.resolve("forecasts");
        Object[] r = job("--input", parquet.toString(), "--horizon", "6", "--model", "ets", "--output", out.toString(),
                "--run", "r1");
        assertEquals(0, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("run r1: 60 series forecast (360 rows), 1 without a forecast"), (String) r[1]);
        Dataset<Row> back = SparkTestSupport.spark().read().parquet(out.toString());
        assertEquals(List.of("unique_id", "ds", "forecast", "lower_80", "upper_80", "lower_95", "upper_95", "model", "run"),
                List.of(back.columns()));
        assertEquals(360, back.filter("run = 'r1'").count());
        Dataset<Row> problems = SparkTestSupport.spark().read().parquet(out.resolve("_problems").toString());
        assertEquals("B1", problems.first().getString(0));
        // the gap of S000, filled as the command line fills it, is said in the notes and in the run's line
        String note = "series 'S000': interpolated 1 gap step (first before time '" + afterGap + "') with the season's "
                + "pattern";
        List<Row> notes = SparkTestSupport.spark().read().parquet(out.resolve("_notes").toString()).collectAsList();
        assertEquals(List.of(org.apache.spark.sql.RowFactory.create("S000", note, "r1")), notes);
        assertTrue(((String) r[1]).contains("1 without a forecast (series 'B1', time '2015-01-01': duplicate time in "
                + "series 'B1' (also on time '2015-01-01')), 1 note (" + note + ") in "), (String) r[1]);
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of("_notes", "_problems", "run=r1"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no staging folder left");
        }

        r = job("--input", parquet.toString(), "--horizon", "6", "--model", "ets", "--output", out.toString(), "--run", "r1");
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("run r1 was written before; give another --run"), (String) r[1]);

        r = job("--input", parquet.toString(), "--horizon", "6", "--model", "snaive", "--output", out.toString(),
                "--run", "r2", "--fail-on-problems", "--quiet");
        assertEquals(3, r[0], "a problem series with --fail-on-problems");
        assertEquals(720, SparkTestSupport.spark().read().parquet(out.toString()).count(), "both runs, read as one table");
    }

    @Test
    void badOptionsAreOneLineErrors() {
        Object[] r = job("--input", parquet.toString(), "--horizon", "6", "--model", "prophet", "--output",
                dir.resolve("x").toString());
        assertEquals(2, r[0]);
        assertEquals("recur-spark: unknown --model 'prophet': expected naive, snaive, drift, mean, naive2, ets, theta, dotm, arima, "
                + "comb, gru, lstm, rnn or ensemble", ((String) r[1]).strip());
        // the default model per group needs the group's column
        r = job("--input", parquet.toString(), "--horizon", "6", "--model", "ensemble", "--train-per", "region",
                "--output", dir.resolve("x").toString());
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).contains("'region'"), (String) r[1]);
        assertFalse(((String) r[1]).strip().contains("\n"), (String) r[1]);
        r = job("--input", parquet.toString(), "--horizon", "6", "--model", "theta", "--train-per", "region",
                "--output", dir.resolve("x").toString());
        assertEquals(2, r[0]);
        assertEquals("recur-spark: --train-per trains networks: give --model gru, lstm, rnn or ensemble",
                ((String) r[1]).strip());
        r = job("--input", parquet.toString(), "--horizon", "6", "--output", dir.resolve("x").toString(), "--run", "a/b");
        assertEquals(2, r[0]);
        r = job("--input", dir.resolve("nothing.parquet").toString(), "--horizon", "6", "--output", dir.resolve("x").toString());
        assertEquals(2, r[0]);
        assertTrue(((String) r[1]).startsWith("recur-spark: " + dir.resolve("nothing.parquet")), (String) r[1]);
        assertFalse(((String) r[1]).strip().contains("\n"), (String) r[1]);
        assertFalse(Files.exists(dir.resolve("x")), "nothing written");
    }

    @Test
    void aDatabaseTableGetsTheRunInOneTransaction() throws Exception {
        String url = "jdbc:h2:" + dir.resolve("db").toAbsolutePath();
        Object[] r = job("--input", parquet.toString(), "--horizon", "3", "--model", "theta", "--levels", "90",
                "--output-jdbc-url", url, "--output-table", "forecasts", "--run", "night1", "--quiet");
        assertEquals(0, r[0], (String) r[1]);
        r = job("--input", parquet.toString(), "--horizon", "3", "--model", "theta", "--levels", "90",
                "--output-jdbc-url", url, "--output-table", "forecasts", "--run", "night1", "--quiet");
        assertEquals(2, r[0], "the same run twice");
        try (Connection c = DriverManager.getConnection(url); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*), COUNT(DISTINCT \"unique_id\") FROM forecasts WHERE \"run\" = 'night1'")) {
            rs.next();
            assertEquals(180, rs.getLong(1));
            assertEquals(60, rs.getLong(2));
            ResultSet tables = c.getMetaData().getTables(null, null, "%", new String[]{"TABLE"});
            StringBuilder names = new StringBuilder();
            while (tables.next()) {
                names.append(tables.getString("TABLE_NAME")).append(' ');
            }
            assertFalse(names.toString().contains("_STG_") || names.toString().contains("_stg_"), names.toString());
            ResultSet notes = c.createStatement().executeQuery("SELECT \"unique_id\", \"note\" FROM forecasts_notes "
                    + "WHERE \"run\" = 'night1'");
            assertTrue(notes.next());
            assertEquals("S000", notes.getString(1));
            assertTrue(notes.getString(2).startsWith("series 'S000': interpolated 1 gap step"), notes.getString(2));
            assertFalse(notes.next());
        }
    }
}
