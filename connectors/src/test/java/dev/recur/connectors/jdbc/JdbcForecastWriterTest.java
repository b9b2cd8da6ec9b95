package dev.recur.connectors.jdbc;

import dev.recur.connectors.DataException;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writing forecasts: table creation, idempotent re-runs, and refusing an incompatible table. */
class JdbcForecastWriterTest {

    @Test
    void createsTheTableAndReRunsReplaceTheirRows() throws SQLException {
        JdbcSource src = JdbcSource.of("jdbc:h2:mem:recur_writer;DB_CLOSE_DELAY=-1", "sa", null, Map.of());
        try (Connection keep = src.connect()) {
            TimeSeries a = TimeSeries.ofTimes("a", new double[]{1, 2}, LocalDateTime.of(2024, 1, 1, 0, 0), Frequency.HOURLY);
            TimeSeries b = TimeSeries.ofTimes("b", new double[]{3, 4}, LocalDateTime.of(2024, 1, 1, 0, 0), Frequency.HOURLY);
            Forecast fa = new Forecast("a", new double[]{5, 6}, Map.of(80, new double[][]{{4, 5}, {6, 7}}));
            Forecast fb = new Forecast("b", new double[]{7, 8}, Map.of(80, new double[][]{{6, 7}, {8, 9}}));
            JdbcForecastWriter w = new JdbcForecastWriter(src);
            assertEquals(4, w.write("forecasts", "run-1", List.of(a, b), List.of(fa, fb), new int[]{80}));
            assertEquals(4, w.write("forecasts", "run-1", List.of(a, b), List.of(fa, fb), new int[]{80}));
            assertEquals(2, w.write("forecasts", "run-2", List.of(a), List.of(fa), new int[]{80}));
            try (Statement s = keep.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(forecast), MIN(ts) FROM forecasts WHERE run_id = 'run-1'")) {
                rs.next();
                assertEquals(4, rs.getInt(1), "re-running replaced the rows");
                assertEquals(26.0, rs.getDouble(2), 1e-12);
                assertEquals(LocalDateTime.of(2024, 1, 1, 2, 0), rs.getObject(3, LocalDateTime.class));
            }
            try (Statement s = keep.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM forecasts")) {
                rs.next();
                assertEquals(6, rs.getInt(1));
            }
            try (Statement s = keep.createStatement()) {
                s.execute("CREATE TABLE other (x INT)");
            }
            DataException e = assertThrows(DataException.class,
                    () -> w.write("other", "r", List.of(a), List.of(fa), new int[]{80}));
            assertEquals("table other exists but has no column 'run_id'; write to a new table or add it", e.getMessage());
            assertTrue(assertThrows(DataException.class, () -> w.write("x; DROP TABLE forecasts", "r", List.of(a),
                    List.of(fa), new int[0])).getMessage().contains("is not a valid table name"));
        }
    }
}
