package dev.recur.connectors.jdbc;

import dev.recur.connectors.DataException;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.TimeSeries;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes forecasts to a table: {@code run_id, series_id, ts, step, forecast, lower_L, upper_L…}, where
 * {@code ts} is a TIMESTAMP for calendar series or a BIGINT for integer steps. The table is created when
 * missing. Each run is one transaction that first deletes the rows of the same run id, so re-running a
 * run replaces its rows instead of duplicating them, and a failure leaves the table as it was.
 */
public final class JdbcForecastWriter {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private final JdbcSource source;

    /** Creates a writer. */
    public JdbcForecastWriter(JdbcSource source) {
        this.source = source;
    }

    /**
     * Inserts a row per series and step into table {@code t} (quoted), in batches of 1,000; the rows inserted.
     * {@code ts} is the step's number for integer steps, else its timestamp.
     */
    private static int insert(Connection c, String t, String runId, List<TimeSeries> history,
                              List<Forecast> forecasts, int[] levels, boolean steps) throws SQLException {
        StringBuilder cols = new StringBuilder("run_id, series_id, ts, step, forecast");
        StringBuilder marks = new StringBuilder("?, ?, ?, ?, ?");
        for (int l : levels) {
            cols.append(", lower_").append(l).append(", upper_").append(l);
            marks.append(", ?, ?");
        }
        int rows = 0;
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + t + " (" + cols + ") VALUES (" + marks + ")")) {
            for (int s = 0; s < forecasts.size(); s++) {
                TimeSeries ts = history.get(s);
                Forecast f = forecasts.get(s);
                for (int h = 0; h < f.point().length; h++) {
                    int k = 1;
                    ins.setString(k++, runId);
                    ins.setString(k++, ts.id());
                    if (steps) {
                        ins.setLong(k++, ts.step(ts.length() + h));
                    } else {
                        ins.setTimestamp(k++, Timestamp.valueOf(ts.time(ts.length() + h)));
                    }
                    ins.setInt(k++, h + 1);
                    ins.setDouble(k++, f.point()[h]);
                    for (int l : levels) {
                        ins.setDouble(k++, f.lower(l)[h]);
                        ins.setDouble(k++, f.upper(l)[h]);
                    }
                    ins.addBatch();
                    rows++;
                    if (rows % 1000 == 0) {
                        ins.executeBatch();
                    }
                }
            }
            ins.executeBatch();
        }
        return rows;
    }

    /**
     * Writes the forecasts of one run.
     *
     * @param history   the series forecast, in the order of {@code forecasts}
     * @param levels    interval levels to write (each must be in every forecast)
     * @return the number of rows written
     */
    public int write(String table, String runId, List<TimeSeries> history, List<Forecast> forecasts, int[] levels) {
        if (!IDENTIFIER.matcher(table).matches()) {
            throw new DataException(Shorten.quoted(table) + " is not a valid table name for the forecasts");
        }
        if (runId == null || runId.isEmpty() || runId.length() > 200) {
            throw new DataException("the run id must be 1 to 200 characters");
        }
        boolean steps = history.get(0).isSteps();
        String what = "table " + table;
        try (Connection c = source.connect()) {
            c.setAutoCommit(false);
            try {
                String q = c.getMetaData().getIdentifierQuoteString().trim();
                String name = resolveOrCreate(c, table, steps, levels, q);
                String t = q + name + q;
                try (PreparedStatement del = c.prepareStatement("DELETE FROM " + t + " WHERE run_id = ?")) {
                    del.setString(1, runId);
                    del.executeUpdate();
                }
                int rows = insert(c, t, runId, history, forecasts, levels, steps);
                c.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw JdbcSource.describe(e, what, source);
        }
    }

    private static String resolveOrCreate(Connection c, String table, boolean steps, int[] levels, String q)
            throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String found = null;
        try (ResultSet rs = md.getTables(null, null, null, new String[]{"TABLE"})) {
            while (rs.next()) {
                String n = rs.getString("TABLE_NAME");
                String schema = rs.getString("TABLE_SCHEM");
                if (schema != null && (schema.equalsIgnoreCase("information_schema") || schema.equalsIgnoreCase("pg_catalog"))) {
                    continue;
                }
                if (n.equals(table) || (found == null && n.equalsIgnoreCase(table))) {
                    found = n;
                }
            }
        }
        List<String> needed = new ArrayList<>(List.of("run_id", "series_id", "ts", "step", "forecast"));
        for (int l : levels) {
            needed.add("lower_" + l);
            needed.add("upper_" + l);
        }
        if (found == null) {
            // unquoted (the name is a validated plain identifier): each database folds its case as usual, so
            // users query it without quotes
            StringBuilder ddl = new StringBuilder("CREATE TABLE " + table + " (run_id VARCHAR(200) NOT NULL, "
                    + "series_id VARCHAR(400) NOT NULL, ts " + (steps ? "BIGINT" : "TIMESTAMP") + " NOT NULL, "
                    + "step INTEGER NOT NULL, forecast DOUBLE PRECISION NOT NULL");
            for (int l : levels) {
                ddl.append(", lower_").append(l).append(" DOUBLE PRECISION, upper_").append(l).append(" DOUBLE PRECISION");
            }
            ddl.append(", PRIMARY KEY (run_id, series_id, step))");
            try (Statement st = c.createStatement()) {
                st.execute(ddl.toString());
            }
            return resolveOrCreate(c, table, steps, levels, q);
        }
        List<String> have = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, null, found, null)) {
            while (rs.next()) {
                have.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        for (String n : needed) {
            if (!have.contains(n)) {
                throw new DataException("table " + table + " exists but has no column " + Shorten.quoted(n) + "; write to a new table or add it");
            }
        }
        return found;
    }
}
