package dev.recur.spark;

import static org.apache.spark.sql.functions.lit;

import dev.recur.engine.io.Shorten;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Where a job's run goes, committed all or nothing: files under {@code PATH/run=ID} (forecasts),
 * {@code PATH/_problems/run=ID} (series without a forecast) and {@code PATH/_notes/run=ID} (what was done to a series
 * as it was read, and the values that stand out from it), written to a staging folder first and renamed into
 * place at the end; or three tables of a database ({@code TABLE}, {@code TABLE_problems}, {@code TABLE_notes}), written
 * to staging tables first and moved into the targets in one transaction. A run id that is already there is refused
 * before any work.
 */
abstract class RunOutput {

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    /**
     * Series forecast, rows written, series without a forecast, up to three of those with their reason, notes
     * written, and up to three of those.
     */
    record Counts(long series, long rows, long problems, List<String> examples, long notes, List<String> noteExamples) {
    }

    final String run;

    RunOutput(String run) {
        this.run = run;
    }

    /** A run id is a folder name and a column value: letters, digits, dot, dash and underscore. */
    static void checkRunId(String id) {
        if (!RUN_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("--run must be 1 to 100 letters, digits, '.', '-' or '_', got " + Shorten.quoted(id));
        }
    }

    static RunOutput files(SparkSession spark, String path, String format, String run) {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("parquet") && !f.equals("csv")) {
            throw new IllegalArgumentException("--output-format must be parquet or csv, got " + Shorten.quoted(format));
        }
        return new Files(spark, path, f, run);
    }

    static RunOutput jdbc(String url, String table, String user, String run) {
        return new Jdbc(url, table, user, run);
    }

    /** Refuses a run id that is already there. */
    abstract void checkFree();

    /** Writes and commits the run of forecasts {@code horizon} steps ahead. */
    abstract Counts write(SparkForecaster.Result r, int horizon);

    static Counts counts(SparkForecaster.Result r, Dataset<Row> notes, int horizon) {
        long rows = r.forecasts().count();
        long series = rows / horizon;                // every series forecast has one row per step
        long problems = r.problems().count();
        List<String> examples = new ArrayList<>();
        for (Row p : r.problems().limit(3).collectAsList()) {
            examples.add(Shorten.line(p.getString(1)));
        }
        List<String> noteExamples = new ArrayList<>();
        for (Row p : notes.limit(3).collectAsList()) {
            noteExamples.add(Shorten.line(p.getString(1)));
        }
        return new Counts(series, rows, problems, examples, notes.count(), noteExamples);
    }

    /** The run's notes, kept while they are written and counted (they are computed by a pass of their own). */
    static Dataset<Row> kept(SparkForecaster.Result r) {
        return r.notes().persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    }

    /** Files on any Hadoop file system. */
    private static final class Files extends RunOutput {
        private final SparkSession spark;
        private final Path root;
        private final String format;

        Files(SparkSession spark, String path, String format, String run) {
            super(run);
            this.spark = spark;
            this.root = new Path(path);
            this.format = format;
        }

        private FileSystem fs() {
            try {
                return root.getFileSystem(spark.sparkContext().hadoopConfiguration());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Path forecasts() {
            return new Path(root, "run=" + run);
        }

        private Path problems() {
            return new Path(new Path(root, "_problems"), "run=" + run);
        }

        private Path notes() {
            return new Path(new Path(root, "_notes"), "run=" + run);
        }

        @Override
        void checkFree() {
            try {
                FileSystem fs = fs();
                if (fs.exists(forecasts())) {
                    throw new IllegalArgumentException(forecasts() + " exists: run " + run + " was written before; give another --run");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        Counts write(SparkForecaster.Result r, int horizon) {
            FileSystem fs = fs();
            Path staging = new Path(new Path(root, "_staging"), "run=" + run + "-" + UUID.randomUUID());
            Dataset<Row> notes = kept(r);
            try {
                save(r.forecasts(), new Path(staging, "forecasts"));
                save(r.problems(), new Path(staging, "problems"));
                save(notes, new Path(staging, "notes"));
                Counts c = counts(r, notes, horizon);
                checkFree();
                fs.mkdirs(problems().getParent());
                fs.delete(problems(), true);
                rename(fs, new Path(staging, "problems"), problems());
                fs.mkdirs(notes().getParent());
                fs.delete(notes(), true);
                rename(fs, new Path(staging, "notes"), notes());
                rename(fs, new Path(staging, "forecasts"), forecasts());
                return c;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                notes.unpersist();
                try {
                    fs.delete(staging, true);
                    Path parent = staging.getParent();
                    if (fs.exists(parent) && fs.listStatus(parent).length == 0) {
                        fs.delete(parent, false);
                    }
                } catch (IOException ignored) {
                    // the staging folder is named by run and never read; a later run leaves it alone
                }
            }
        }

        private void save(Dataset<Row> d, Path where) {
            var w = d.write().mode(SaveMode.ErrorIfExists).format(format);
            if (format.equals("csv")) {
                w = w.option("header", "true");
            }
            w.save(where.toString());
        }

        private static void rename(FileSystem fs, Path from, Path to) throws IOException {
            if (!fs.rename(from, to)) {
                throw new IOException("could not move " + from + " to " + to);
            }
        }
    }

    /** Three tables of a database. */
    private static final class Jdbc extends RunOutput {
        private final String url;
        private final String table;
        private final String user;

        Jdbc(String url, String table, String user, String run) {
            super(run);
            if (!Pattern.matches("[A-Za-z_][A-Za-z0-9_.]{0,100}", table)) {
                throw new IllegalArgumentException("--output-table must be a plain table name, got " + Shorten.quoted(table));
            }
            this.url = url;
            this.table = table;
            this.user = user;
        }

        private Properties properties() {
            Properties p = new Properties();
            if (user != null) {
                p.setProperty("user", user);
            }
            String password = System.getenv("RECUR_JDBC_PASSWORD");
            if (password != null) {
                p.setProperty("password", password);
            }
            return p;
        }

        private static boolean exists(Connection c, String name) throws SQLException {
            String bare = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
            for (String n : List.of(bare, bare.toUpperCase(Locale.ROOT), bare.toLowerCase(Locale.ROOT))) {
                try (ResultSet rs = c.getMetaData().getTables(null, null, n, null)) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        void checkFree() {
            try (Connection c = DriverManager.getConnection(url, properties())) {
                if (exists(c, table)) {
                    try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE run = ?")) {
                        s.setString(1, run);
                        try (ResultSet rs = s.executeQuery()) {
                            if (rs.next() && rs.getLong(1) > 0) {
                                throw new IllegalArgumentException("table " + table + " has run " + run + " already; give another --run");
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalArgumentException(Shorten.line(url) + ": " + Shorten.line(e.getMessage()), e);
            }
        }

        @Override
        Counts write(SparkForecaster.Result r, int horizon) {
            String suffix = "_stg_" + UUID.randomUUID().toString().substring(0, 8);
            String problems = table + "_problems";
            String notesTable = table + "_notes";
            List<String[]> moves = List.of(new String[]{table + suffix, table}, new String[]{problems + suffix, problems},
                    new String[]{notesTable + suffix, notesTable});
            Dataset<Row> notes = kept(r);
            try {
                r.forecasts().withColumn("run", lit(run)).write().mode(SaveMode.ErrorIfExists).jdbc(url, moves.get(0)[0], properties());
                r.problems().withColumn("run", lit(run)).write().mode(SaveMode.ErrorIfExists).jdbc(url, moves.get(1)[0], properties());
                notes.withColumn("run", lit(run)).write().mode(SaveMode.ErrorIfExists).jdbc(url, moves.get(2)[0], properties());
                Counts counts = counts(r, notes, horizon);
                try (Connection c = DriverManager.getConnection(url, properties())) {
                    c.setAutoCommit(false);
                    try (Statement s = c.createStatement()) {
                        for (String[] m : moves) {
                            s.executeUpdate(exists(c, m[1]) ? "INSERT INTO " + m[1] + " SELECT * FROM " + m[0]
                                    : "CREATE TABLE " + m[1] + " AS SELECT * FROM " + m[0]);
                            s.executeUpdate("DROP TABLE " + m[0]);
                        }
                        c.commit();
                    } catch (SQLException e) {
                        c.rollback();
                        throw e;
                    }
                }
                return counts;
            } catch (SQLException e) {
                throw new IllegalArgumentException(Shorten.line(url) + ": " + Shorten.line(e.getMessage()), e);
            } finally {
                notes.unpersist();
                try (Connection c = DriverManager.getConnection(url, properties()); Statement s = c.createStatement()) {
                    for (String[] m : moves) {
                        if (exists(c, m[0])) {
                            s.executeUpdate("DROP TABLE " + m[0]);
                        }
                    }
                } catch (SQLException ignored) {
                    // the staging tables are named by a random suffix and never read
                }
            }
        }
    }
}
