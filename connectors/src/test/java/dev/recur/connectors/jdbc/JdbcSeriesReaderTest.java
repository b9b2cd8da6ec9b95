package dev.recur.connectors.jdbc;

import dev.recur.connectors.DataException;
import dev.recur.connectors.MissingPolicy;
import dev.recur.connectors.series.SeriesData;
import dev.recur.engine.series.Frequency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import dev.recur.engine.series.TimeSeries;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading series from an embedded H2 database, and every kind of database error. */
class JdbcSeriesReaderTest {

    static final String URL = "jdbc:h2:mem:recur_reader;DB_CLOSE_DELAY=-1";
    Connection keepAlive;
    JdbcSource source;

    @BeforeEach
    void createTables() throws SQLException {
        source = JdbcSource.of(URL, "sa", null, Map.of(JdbcSource.PASSWORD_VARIABLE, "secret"));
        keepAlive = source.connect();
        try (Statement s = keepAlive.createStatement()) {
            s.execute("DROP ALL OBJECTS");
            s.execute("CREATE TABLE sales (store VARCHAR(20), ts TIMESTAMP, units NUMERIC(10,2), note VARCHAR(20))");
            s.execute("INSERT INTO sales VALUES ('b', TIMESTAMP '2024-01-01 01:00:00', 5, 'x'),"
                    + "('a', TIMESTAMP '2024-01-01 00:00:00', 1, 'x'), ('a', TIMESTAMP '2024-01-01 01:00:00', NULL, 'x'),"
                    + "('a', TIMESTAMP '2024-01-01 02:00:00', 3, 'x'), ('b', TIMESTAMP '2024-01-01 00:00:00', 4, 'x'),"
                    + "('b', TIMESTAMP '2024-01-01 02:00:00', 6, 'x')");
            s.execute("CREATE TABLE steps (t BIGINT, y DOUBLE PRECISION)");
            s.execute("INSERT INTO steps VALUES (1, 10), (2, 11), (3, 12.5)");
            s.execute("CREATE TABLE days (d DATE, v REAL, label VARCHAR(10))");
            s.execute("INSERT INTO days VALUES (DATE '2024-02-28', 1, 'a'), (DATE '2024-02-29', 2, 'b'), (DATE '2024-03-01', 3, 'c')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        keepAlive.close();
    }

    JdbcSeriesReader reader() {
        return new JdbcSeriesReader(source, MissingPolicy.INTERPOLATE, null);
    }

    @Test
    void readsATableByColumnNamesInAnyCase() {
        SeriesData d = reader().readTable("SALES", "store", "TS", "Units");
        assertEquals(2, d.series().size());
        assertEquals("a", d.series().get(0).id());
        assertArrayEquals(new double[]{1, 2, 3}, d.series().get(0).values(), 1e-12, "NULL interpolated");
        assertArrayEquals(new double[]{4, 5, 6}, d.series().get(1).values(), 1e-12);
        assertEquals(Frequency.HOURLY, d.frequency());
        assertEquals(LocalDateTime.of(2024, 1, 1, 3, 0), d.series().get(0).time(3));
        assertTrue(d.notes().get(0).contains("interpolated 1 missing value (first on row 2)"), d.notes().toString());
    }

    @Test
    void readsAQueryWithBoundParametersIntegerStepsAndDates() {
        SeriesData d = reader().readQuery("SELECT ts, units FROM sales WHERE store = ? ORDER BY ts", List.of("b"), null, "ts", "units");
        assertArrayEquals(new double[]{4, 5, 6}, d.series().get(0).values(), 1e-12);
        SeriesData s = reader().readTable("steps", null, "t", "y");
        assertEquals(Frequency.STEPS, s.frequency());
        assertEquals(4, s.series().get(0).step(3));
        SeriesData days = reader().readTable("days", null, "d", "v");
        assertEquals(Frequency.DAILY, days.frequency());
        assertEquals("2024-03-02", days.timeFormat().format(days.series().get(0).time(3)));
    }

    /**
     * A table of integer steps has no season of its own: a NULL gets a straight line, and with the season a command
     * gives ({@code --season}) the season's pattern, as in a CSV file.
     */
    @Test
    void theSeasonGivenFillsTheGapsOfATableOfSteps() throws SQLException {
        double[] truth = new double[48];
        double[] gappy = new double[48];
        try (Statement s = keepAlive.createStatement()) {
            s.execute("CREATE TABLE weeks (t BIGINT, y DOUBLE PRECISION)");
            StringBuilder rows = new StringBuilder();
            for (int t = 0; t < 48; t++) {
                truth[t] = 80 + 0.5 * t + (t % 7 == 5 ? 25 : 0) + 2 * Math.sin(2.3 * t);
                gappy[t] = t == 33 ? Double.NaN : truth[t];
                rows.append(t == 0 ? "" : ", ").append('(').append(t + 1).append(", ").append(t == 33 ? "NULL" : Double.toString(truth[t])).append(')');
            }
            s.execute("INSERT INTO weeks VALUES " + rows);
        }
        SeriesData plain = reader().readTable("weeks", null, "t", "y");
        assertEquals((truth[32] + truth[34]) / 2, plain.series().get(0).values()[33], 1e-9);
        SeriesData seasonal = reader().withSeason(7).readTable("weeks", null, "t", "y");
        double filled = seasonal.series().get(0).values()[33];
        assertEquals(dev.recur.engine.cleaning.MissingValues.filled(gappy, 7).values()[33], filled, 1e-9);
        assertTrue(Math.abs(filled - truth[33]) < 0.1 * Math.abs((truth[32] + truth[34]) / 2 - truth[33]),
                "filled " + filled + ", true " + truth[33]);
        assertTrue(seasonal.notes().get(0).endsWith("with the season's pattern"), seasonal.notes().toString());
        assertThrows(IllegalArgumentException.class, () -> reader().withSeason(-2));
    }

    /** A DATE column of month ends (a warehouse's monthly facts) is monthly at month ends, as in a CSV file. */
    @Test
    void monthEndDatesAreMonthlyAtMonthEnds() throws SQLException {
        try (Statement s = keepAlive.createStatement()) {
            s.execute("CREATE TABLE month_ends (d DATE, v REAL)");
            s.execute("INSERT INTO month_ends VALUES (DATE '2023-12-31', 1), (DATE '2024-01-31', 2), "
                    + "(DATE '2024-02-29', 3), (DATE '2024-03-31', 4)");
        }
        SeriesData d = reader().readTable("month_ends", null, "d", "v");
        assertEquals(Frequency.MONTHLY.atMonthEnds(), d.frequency());
        assertArrayEquals(new double[]{1, 2, 3, 4}, d.series().get(0).values(), 0);
        assertEquals(LocalDateTime.of(2024, 4, 30, 0, 0), d.series().get(0).time(4));
    }

    /** A table of monthly and quarterly series: the quarterly ones read at their own frequency when asked. */
    @Test
    void aQuarterlySeriesAmongMonthlyOnesIsReadAtItsOwnFrequencyWhenAsked() throws SQLException {
        try (Statement s = keepAlive.createStatement()) {
            s.execute("CREATE TABLE mixed (id VARCHAR(8), d DATE, v REAL)");
            for (int i = 0; i < 12; i++) {
                s.execute("INSERT INTO mixed VALUES ('m', DATE '2024-" + String.format("%02d", i + 1) + "-01', " + i
                        + ")");
            }
            for (int i = 0; i < 4; i++) {
                s.execute("INSERT INTO mixed VALUES ('q', DATE '2024-" + String.format("%02d", 3 * i + 1) + "-01', "
                        + (10 + i) + ")");
            }
        }
        SeriesData plain = reader().readTable("mixed", "id", "d", "v");
        assertEquals(List.of("q"), plain.skipped().stream().map(SeriesData.Skipped::id).toList());
        SeriesData d = reader().withOwnFrequencies(true).readTable("mixed", "id", "d", "v");
        assertEquals(Frequency.MONTHLY, d.frequency());
        assertEquals(Frequency.QUARTERLY, d.series().get(1).frequency());
        assertArrayEquals(new double[]{10, 11, 12, 13}, d.series().get(1).values(), 0);
        assertEquals(LocalDateTime.of(2025, 1, 1, 0, 0), d.series().get(1).time(4));
        assertTrue(d.skipped().isEmpty());
    }

    /**
     * A series named by several columns (a store and an item), by table or by query: ids joined as the CSV reader
     * joins them, the id column named by its parts; a NULL part names its column.
     */
    @Test
    void seriesNamedByTwoColumns() throws SQLException {
        try (Statement s = keepAlive.createStatement()) {
            s.execute("CREATE TABLE demand (store INT, item VARCHAR(8), d DATE, qty INT)");
            s.execute("INSERT INTO demand VALUES (2, 'x', DATE '2024-01-02', 7), (1, 'x', DATE '2024-01-01', 1),"
                    + "(1, 'y', DATE '2024-01-01', 2), (1, 'x', DATE '2024-01-02', 3), (1, 'y', DATE '2024-01-02', 4),"
                    + "(2, 'x', DATE '2024-01-01', 5)");
        }
        SeriesData byTable = reader().readTable("demand", "Store, ITEM", "d", "qty");
        assertEquals(List.of("1 / x", "1 / y", "2 / x"), byTable.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{5, 7}, byTable.series().get(2).values(), 0);
        assertEquals("STORE/ITEM", byTable.idColumn());
        SeriesData byQuery = reader().readQuery("SELECT store, item, d, qty FROM demand WHERE store = ? ORDER BY d",
                List.of(1), "store,item", "d", "qty");
        assertEquals(List.of("1 / x", "1 / y"), byQuery.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{2, 4}, byQuery.series().get(1).values(), 0);
        try (Statement s = keepAlive.createStatement()) {
            s.execute("INSERT INTO demand VALUES (3, NULL, DATE '2024-01-01', 1)");
        }
        assertEquals("table demand row 7: column 'ITEM' (a part of the series id) is NULL",
                assertThrows(DataException.class, () -> reader().readTable("demand", "store,item", "d", "qty"))
                        .getMessage());
        assertTrue(assertThrows(DataException.class, () -> reader().readTable("demand", "store,aisle", "d", "qty"))
                .getMessage().contains("no column 'aisle'"));
    }

    /**
     * A table of several measures a row (country, year, debt, income), as a warehouse keeps them: each value column
     * named a series of every id ({@code Australia / DEBT}), by table and by query, as a file of the same layout is
     * read; a NULL is that series' missing value, an infinite value that series' problem alone; covariates beside
     * several measures, and a column named twice, are one-line errors.
     */
    @Test
    void severalValueColumnsAreEachASeriesOfEveryId() throws SQLException {
        try (Statement s = keepAlive.createStatement()) {
            s.execute("CREATE TABLE economy (country VARCHAR(12), yr INT, debt DOUBLE PRECISION, income DOUBLE PRECISION)");
            s.execute("INSERT INTO economy VALUES ('Australia', 2001, 10, 50), ('Australia', 2002, 11, 52),"
                    + "('Australia', 2003, 12, 55), ('Chile', 2001, 3, 20), ('Chile', 2002, NULL, 21),"
                    + "('Chile', 2003, 5, 23)");
        }
        SeriesData byTable = reader().readTable("economy", "country", "yr", "debt, Income");
        assertEquals(List.of("Australia / DEBT", "Australia / INCOME", "Chile / DEBT", "Chile / INCOME"),
                byTable.series().stream().map(TimeSeries::id).toList());
        assertEquals("COUNTRY/measure", byTable.idColumn());
        assertEquals(SeriesData.Layout.LONG, byTable.layout());
        assertArrayEquals(new double[]{10, 11, 12}, byTable.series().get(0).values(), 0);
        assertArrayEquals(new double[]{50, 52, 55}, byTable.series().get(1).values(), 0);
        // Chile's missing debt is filled (interpolated) within its own series; its income is untouched
        assertArrayEquals(new double[]{3, 4, 5}, byTable.series().get(2).values(), 1e-12);
        assertArrayEquals(new double[]{20, 21, 23}, byTable.series().get(3).values(), 0);
        assertTrue(byTable.notes().contains("read each of the columns 'DEBT' and 'INCOME' as a series of every id"),
                byTable.notes().toString());

        SeriesData byQuery = reader().readQuery("SELECT yr AS period, debt, income FROM economy WHERE country = ? "
                + "ORDER BY yr", List.of("Chile"), null, "period", "income,debt");
        assertEquals(List.of("INCOME", "DEBT"), byQuery.series().stream().map(TimeSeries::id).toList());
        assertEquals("measure", byQuery.idColumn());
        assertArrayEquals(new double[]{20, 21, 23}, byQuery.series().get(0).values(), 0);

        try (Statement s = keepAlive.createStatement()) {
            s.execute("INSERT INTO economy VALUES ('Peru', 2001, 1, 9), ('Peru', 2002, 'Infinity', 9.5), ('Peru', 2003, 2, 10)");
        }
        SeriesData withBad = reader().readTable("economy", "country", "yr", "debt,income");
        assertEquals(List.of("Australia / DEBT", "Australia / INCOME", "Chile / DEBT", "Chile / INCOME",
                "Peru / INCOME"), withBad.series().stream().map(TimeSeries::id).toList());
        assertEquals(List.of(new SeriesData.Skipped("Peru / DEBT", "table economy row 8: column 'DEBT' is infinite")),
                withBad.skipped());

        assertEquals("table economy: covariates are read beside one value column, not several",
                assertThrows(DataException.class, () -> reader().withCovariates(List.of("income"))
                        .readTable("economy", "country", "yr", "debt,income")).getMessage());
        assertEquals("query 'SELECT country, yr, debt FROM economy': the value column 'DEBT' is named twice",
                assertThrows(DataException.class, () -> reader().readQuery("SELECT country, yr, debt FROM economy",
                        List.of(), "country", "yr", "debt,DEBT")).getMessage());
    }

    @Test
    void errorsNameTheQueryOrTableAndColumn() {
        JdbcSeriesReader r = reader();
        assertEquals("table nope: no such table", assertThrows(DataException.class,
                () -> r.readTable("nope", null, "t", "y")).getMessage());
        assertEquals("table steps: no column 'value'; it has [T, Y]", assertThrows(DataException.class,
                () -> r.readTable("steps", null, "t", "value")).getMessage());
        assertEquals("table days: column 'LABEL' has SQL type CHARACTER VARYING; expected a number",
                assertThrows(DataException.class, () -> r.readTable("days", null, "d", "label")).getMessage());
        assertEquals("table days: column 'LABEL' has SQL type CHARACTER VARYING; expected TIMESTAMP, TIMESTAMP WITH TIME ZONE, DATE or an integer",
                assertThrows(DataException.class, () -> r.readTable("days", null, "label", "v")).getMessage());
        assertEquals("query 'SELECT t, y FROM steps WHERE t > ?' returned no rows", assertThrows(DataException.class,
                () -> r.readQuery("SELECT t, y FROM steps WHERE t > ?", List.of(99), null, "t", "y")).getMessage());
        assertEquals("query 'SELECT t FROM steps': no column 'y' in the result; it has [T]", assertThrows(DataException.class,
                () -> r.readQuery("SELECT t FROM steps", List.of(), null, "t", "y")).getMessage());
        String sqlError = assertThrows(DataException.class,
                () -> r.readQuery("SELEC t FROM steps", List.of(), null, "t", "y")).getMessage();
        assertTrue(sqlError.startsWith("query 'SELEC t FROM steps' failed: Syntax error") && sqlError.contains("(SQLState 42"), sqlError);
        assertEquals("'steps; DROP TABLE days' is not a valid table name (expected name or schema.name)",
                assertThrows(DataException.class, () -> r.readTable("steps; DROP TABLE days", null, "t", "y")).getMessage());
        assertEquals("table steps: 'y\" FROM days --' is not a valid column name",
                assertThrows(DataException.class, () -> r.readTable("steps", null, "t", "y\" FROM days --")).getMessage());
        assertEquals("query 'SELECT NULL AS s, t, y FROM steps' row 1: column 's' (the series id) is NULL",
                assertThrows(DataException.class, () -> r.readQuery("SELECT NULL AS s, t, y FROM steps", List.of(), "s", "t", "y")).getMessage());
    }

    @Test
    void aSeriesWithABadRowIsLeftOutAndListedUnlessStrict() throws SQLException {
        try (Statement st = keepAlive.createStatement()) {
            st.execute("CREATE TABLE panel (id VARCHAR(5), t BIGINT, y DOUBLE PRECISION)");
            st.execute("INSERT INTO panel VALUES ('a', 1, 1), ('a', 2, 2), ('a', 3, 3), ('b', 1, 1), ('b', 2, NULL),"
                    + " ('c', 1, 5), ('c', 1, 6), ('c', 2, 7), ('d', 1, 1), ('d', NULL, 2)");
        }
        String sql = "SELECT id, t, y FROM panel ORDER BY id, y";
        SeriesData d = reader().readQuery(sql, List.of(), "id", "t", "y");
        assertEquals(List.of("a", "b"), d.series().stream().map(dev.recur.engine.series.TimeSeries::id).toList());
        String q = "query 'SELECT id, t, y FROM panel ORDER BY id, y'";
        assertEquals(List.of(new SeriesData.Skipped("c", q + " row 7: duplicate time in series 'c' (also on row 6)"),
                new SeriesData.Skipped("d", q + " row 10: column 't' (the time) is NULL")), d.skipped());
        // strict: the first problem met stops the reading (the NULL time while reading; the duplicate after)
        assertEquals(q + " row 10: column 't' (the time) is NULL", assertThrows(DataException.class,
                () -> reader().withStrict(true).readQuery(sql, List.of(), "id", "t", "y")).getMessage());
    }

    @Test
    void authenticationAndConnectionFailures() {
        JdbcSource wrong = JdbcSource.of(URL, "sa", null, Map.of(JdbcSource.PASSWORD_VARIABLE, "wrong"));
        DataException e = assertThrows(DataException.class,
                () -> new JdbcSeriesReader(wrong, MissingPolicy.ERROR, null).readTable("steps", null, "t", "y"));
        assertEquals(URL + ": authentication failed for user 'sa' (set the password in RECUR_JDBC_PASSWORD or a properties file)",
                e.getMessage());
        assertTrue(!e.getMessage().contains("wrong"), "the password never appears");
        JdbcSource down = JdbcSource.of("jdbc:postgresql://127.0.0.1:1/none", "u", null, Map.of());
        e = assertThrows(DataException.class,
                () -> new JdbcSeriesReader(down, MissingPolicy.ERROR, null).readTable("steps", null, "t", "y"));
        assertTrue(e.getMessage().startsWith("cannot connect to jdbc:postgresql://127.0.0.1:1/none: "), e.getMessage());
        assertEquals("'mysql://x' is not a JDBC URL (expected jdbc:...)", assertThrows(DataException.class,
                () -> JdbcSource.of("mysql://x", null, null, Map.of())).getMessage());
        assertEquals("jdbc:h2:mem:x;password=***", JdbcSource.of("jdbc:h2:mem:x;password=hunter2", null, null, Map.of()).displayUrl());
    }

    @Test
    void theSampleSqlScriptLoadsIntoH2AndReads() {
        JdbcSource h2 = JdbcSource.of("jdbc:h2:mem:sample-script;INIT=RUNSCRIPT FROM '../sample-data/air-passengers.sql'",
                "sa", null, Map.of(JdbcSource.PASSWORD_VARIABLE, ""));
        SeriesData d = new JdbcSeriesReader(h2, MissingPolicy.ERROR, null)
                .readTable("air_passengers", "series_id", "month_start", "passengers");
        assertEquals(1, d.series().size());
        assertEquals("international", d.series().get(0).id());
        assertEquals(144, d.series().get(0).length());
        assertEquals(432.0, d.series().get(0).values()[143]);
    }

    @Test
    void covariateColumnsByTableAndByQuery() throws Exception {
        try (java.sql.Connection c = source.connect(); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE cov_sales (store VARCHAR(10), d DATE, units INTEGER, price DECIMAL(6,2), note VARCHAR(10))");
            for (int k = 0; k < 5; k++) {
                st.execute("INSERT INTO cov_sales VALUES ('s1', DATE '2024-01-0" + (k + 1) + "', " + (10 + k) + ", "
                        + (k == 2 ? "NULL" : (1.5 + k) + "") + ", 'x')");
            }
        }
        JdbcSeriesReader r = new JdbcSeriesReader(source, MissingPolicy.INTERPOLATE, null).withCovariates(List.of("price"));
        SeriesData byTable = r.readTable("cov_sales", "store", "d", "units");
        assertArrayEquals(new double[]{1.5, 2.5, 3.5, 4.5, 5.5}, byTable.series().get(0).covariates().get("PRICE"), 1e-12);
        SeriesData byQuery = r.readQuery("SELECT store, d, units, price FROM cov_sales WHERE units > ?", List.of(10),
                "store", "d", "units");
        assertEquals(4, byQuery.series().get(0).length());
        assertEquals(5.5, byQuery.series().get(0).covariates().get("PRICE")[3], 1e-12);
        DataException e = assertThrows(DataException.class, () -> new JdbcSeriesReader(source, MissingPolicy.ERROR, null)
                .withCovariates(List.of("note")).readTable("cov_sales", "store", "d", "units"));
        assertTrue(e.getMessage().contains("covariate column 'NOTE' has SQL type"), e.getMessage());
    }

    @Test
    void futureRowsWithNullValuesCarryTheKnownCovariates() throws Exception {
        try (java.sql.Connection c = source.connect(); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE plan (store VARCHAR(10), t BIGINT, units DOUBLE PRECISION, price DOUBLE PRECISION,"
                    + " promo INTEGER)");
            st.execute("INSERT INTO plan VALUES ('a', 1, 10, 1.0, 0), ('a', 2, NULL, 1.0, 1), ('a', 3, 12, 1.2, 0),"
                    + " ('a', 4, 13, 1.3, 1), ('a', 5, NULL, 1.4, 0), ('a', 6, NULL, 1.5, 1),"
                    + " ('b', 1, 20, 2.0, 0), ('b', 2, 21, 2.1, 0), ('b', 3, 22, 2.2, 1), ('b', 4, NULL, NULL, 1),"
                    + " ('b', 5, NULL, NULL, 0)");
        }
        JdbcSeriesReader r = reader().withCovariates(List.of("price")).withFutureCovariates(List.of("promo"));
        for (SeriesData d : List.of(r.readTable("plan", "store", "t", "units"),
                r.readQuery("SELECT store, t, units, price, promo FROM plan ORDER BY store, t", List.of(),
                        "store", "t", "units"))) {
            dev.recur.engine.series.TimeSeries a = d.series().get(0);
            assertArrayEquals(new double[]{10, 11, 12, 13}, a.values(), 1e-12);   // the inner NULL is interpolated
            assertArrayEquals(new double[]{0, 1, 0, 1}, a.covariates().get("PROMO"), 1e-12);
            assertArrayEquals(new double[]{0, 1}, a.future().get("PROMO"), 1e-12);
            assertEquals(java.util.Set.of("PROMO"), a.future().keySet());
            dev.recur.engine.series.TimeSeries b = d.series().get(1);
            assertEquals(3, b.length());
            assertArrayEquals(new double[]{1, 0}, b.future().get("PROMO"), 1e-12);
        }
        // without known-future covariates the trailing NULLs are not part of the series: it ends at its last value
        assertEquals(4, reader().withCovariates(List.of("promo")).readTable("plan", "store", "t", "units")
                .series().get(0).length());
        // a known-future column that is not there is named
        DataException e = assertThrows(DataException.class, () -> reader().withFutureCovariates(List.of("discount"))
                .readTable("plan", "store", "t", "units"));
        assertTrue(e.getMessage().contains("discount"), e.getMessage());
    }
}
