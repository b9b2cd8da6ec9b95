package dev.recur.connectors.jdbc;

import dev.recur.connectors.DataException;
import dev.recur.connectors.MissingPolicy;
import dev.recur.connectors.series.SeriesData;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Frequency;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The JDBC reader and writer against a real PostgreSQL, configured by {@code RECUR_TEST_PG_URL},
 * {@code RECUR_TEST_PG_USER} and {@code RECUR_TEST_PG_PASSWORD} (as {@code .ci/run} sets them). Skipped
 * without them, except that with {@code CI=true} their absence is a failure.
 */
class PostgresTest {

    static JdbcSource source;

    @BeforeAll
    static void connect() {
        String url = System.getenv("RECUR_TEST_PG_URL");
        if (url == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI=true but RECUR_TEST_PG_URL is not set: .ci/run must install and start PostgreSQL");
            }
            assumeTrue(false, "PostgreSQL not configured (RECUR_TEST_PG_URL); skipped");
        }
        source = JdbcSource.of(url, System.getenv("RECUR_TEST_PG_USER"), null,
                Map.of(JdbcSource.PASSWORD_VARIABLE, System.getenv().getOrDefault("RECUR_TEST_PG_PASSWORD", "")));
    }

    @Test
    void readsEveryTimeAndNumberTypeAndWritesForecastsIdempotently() throws Exception {
        try (Connection c = source.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS pg_series, pg_forecast");
            st.execute("CREATE TABLE pg_series (sid TEXT, ts TIMESTAMP, tz TIMESTAMPTZ, d DATE, step BIGINT, "
                    + "num NUMERIC(12,3), r REAL, dbl DOUBLE PRECISION, i INTEGER)");
            for (String sid : new String[]{"x", "y"}) {
                for (int k = 0; k < 30; k++) {
                    st.execute(String.format("INSERT INTO pg_series VALUES ('%s', TIMESTAMP '2024-01-01 00:00' + interval '%d hour', "
                            + "TIMESTAMPTZ '2024-01-01 00:00+02' + interval '%d hour', DATE '2024-01-01' + %d, %d, %d.5, %d, %d, %d)",
                            sid, k, k, k, k + 1, k, k, k, k));
                }
            }
        }
        JdbcSeriesReader r = new JdbcSeriesReader(source, MissingPolicy.ERROR, null);
        for (String[] cols : new String[][]{{"ts", "num"}, {"tz", "r"}, {"d", "dbl"}, {"step", "i"}}) {
            SeriesData d = r.readTable("pg_series", "sid", cols[0], cols[1]);
            assertEquals(2, d.series().size(), String.join(",", cols));
            assertEquals(30, d.series().get(0).length());
        }
        assertEquals(Frequency.HOURLY, r.readTable("pg_series", "sid", "tz", "r").frequency());
        assertEquals(Frequency.DAILY, r.readTable("PG_SERIES", "SID", "D", "DBL").frequency());
        SeriesData q = r.readQuery("SELECT ts, num FROM pg_series WHERE sid = ? ORDER BY ts", List.of("y"), null, "ts", "num");
        assertEquals(0.5, q.series().get(0).values()[0], 1e-12);
        assertEquals("table pg_series: column 'sid' has SQL type text; expected a number",
                assertThrows(DataException.class, () -> r.readTable("pg_series", null, "ts", "sid")).getMessage());

        var hist = r.readTable("pg_series", "sid", "ts", "num").series();
        List<Forecast> f = List.of(new Forecast("x", new double[]{1, 2}, Map.of(95, new double[][]{{0, 1}, {2, 3}})),
                new Forecast("y", new double[]{3, 4}, Map.of(95, new double[][]{{2, 3}, {4, 5}})));
        JdbcForecastWriter w = new JdbcForecastWriter(source);
        assertEquals(4, w.write("pg_forecast", "r1", hist, f, new int[]{95}));
        assertEquals(4, w.write("pg_forecast", "r1", hist, f, new int[]{95}));
        try (Connection c = source.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*), SUM(upper_95) FROM pg_forecast")) {
            rs.next();
            assertEquals(4, rs.getInt(1));
            assertEquals(14.0, rs.getDouble(2), 1e-12);
        }
    }

    @Test
    void covariatesAndFutureRowsWithNullValues() throws Exception {
        try (Connection c = source.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS pg_plan");
            st.execute("CREATE TABLE pg_plan (store TEXT, day DATE, units NUMERIC(8,2), price REAL, promo SMALLINT)");
            st.execute("INSERT INTO pg_plan VALUES ('a', DATE '2024-03-01', 10, 1.0, 0), ('a', DATE '2024-03-02', NULL, 1.1, 1),"
                    + " ('a', DATE '2024-03-03', 12, 1.2, 0), ('a', DATE '2024-03-04', NULL, 1.3, 1),"
                    + " ('a', DATE '2024-03-05', NULL, NULL, 0)");
        }
        JdbcSeriesReader r = new JdbcSeriesReader(source, MissingPolicy.INTERPOLATE, null)
                .withCovariates(List.of("price")).withFutureCovariates(List.of("promo"));
        SeriesData byTable = r.readTable("pg_plan", "store", "day", "units");
        SeriesData byQuery = r.readQuery("SELECT store, day, units, price, promo FROM pg_plan WHERE store = ?",
                List.of("a"), "store", "day", "units");
        for (SeriesData d : List.of(byTable, byQuery)) {
            var a = d.series().get(0);
            assertArrayEquals(new double[]{10, 11, 12}, a.values(), 1e-12);
            assertArrayEquals(new double[]{1.0, 1.1, 1.2}, a.covariates().get("price"), 1e-6);
            assertArrayEquals(new double[]{1, 0}, a.future().get("promo"), 1e-12);
        }
    }

    /**
     * A table of two measures a row, as PostgreSQL names and types them (lower-case labels, NUMERIC and REAL): each
     * value column a series of every id, by table and by query, its NULL that series' missing value.
     */
    @Test
    void severalValueColumnsAreEachASeriesOfEveryId() throws Exception {
        try (Connection c = source.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS pg_economy");
            st.execute("CREATE TABLE pg_economy (country TEXT, yr INTEGER, debt NUMERIC(8,2), income REAL)");
            st.execute("INSERT INTO pg_economy VALUES ('Chile', 2001, 3, 20), ('Chile', 2002, NULL, 21),"
                    + " ('Chile', 2003, 5, 23), ('Peru', 2001, 1, 9), ('Peru', 2002, 1.5, 9.5), ('Peru', 2003, 2, 10)");
        }
        JdbcSeriesReader r = new JdbcSeriesReader(source, MissingPolicy.INTERPOLATE, null);
        SeriesData byTable = r.readTable("pg_economy", "country", "yr", "debt,income");
        SeriesData byQuery = r.readQuery("SELECT country, yr, debt, income FROM pg_economy WHERE yr > ? ORDER BY yr",
                List.of(2000), "country", "yr", "DEBT, Income");
        for (SeriesData d : List.of(byTable, byQuery)) {
            assertEquals("country/measure", d.idColumn());
            assertEquals(List.of("Chile / debt", "Chile / income", "Peru / debt", "Peru / income"),
                    d.series().stream().map(dev.recur.engine.series.TimeSeries::id).toList());
            assertArrayEquals(new double[]{3, 4, 5}, d.series().get(0).values(), 1e-12);
            assertArrayEquals(new double[]{9, 9.5, 10}, d.series().get(3).values(), 1e-6);
        }
    }

    @Test
    void wrongPasswordIsAClearError() {
        JdbcSource wrong = JdbcSource.of(System.getenv("RECUR_TEST_PG_URL"), System.getenv("RECUR_TEST_PG_USER"), null,
                Map.of(JdbcSource.PASSWORD_VARIABLE, "definitely-wrong"));
        DataException e = assertThrows(DataException.class,
                () -> new JdbcSeriesReader(wrong, MissingPolicy.ERROR, null).readTable("pg_series", null, "ts", "num"));
        assertTrue(e.getMessage().contains("authentication failed for user '" + System.getenv("RECUR_TEST_PG_USER") + "'"),
                e.getMessage());
        assertTrue(!e.getMessage().contains("definitely-wrong"));
        assertArrayEquals(new int[0], new int[0]);
    }

    @Test
    void theSampleSqlScriptLoadsAndReads() throws Exception {
        String script = java.nio.file.Files.readString(java.nio.file.Path.of("../sample-data/air-passengers.sql"));
        try (Connection c = source.connect(); Statement st = c.createStatement()) {
            st.execute(script);
        }
        SeriesData d = new JdbcSeriesReader(source, MissingPolicy.ERROR, null)
                .readTable("air_passengers", "series_id", "month_start", "passengers");
        assertEquals(1, d.series().size());
        assertEquals(144, d.series().get(0).length());
        assertEquals(Frequency.MONTHLY, d.frequency());
        assertEquals(112.0, d.series().get(0).values()[0]);
        assertEquals(432.0, d.series().get(0).values()[143]);
    }
}
