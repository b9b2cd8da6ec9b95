package dev.recur.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Random;
import org.apache.spark.sql.SparkSession;

/** A local Spark session and test data shared by the tests of this module. */
final class SparkTestSupport {

    private static SparkSession session;

    private SparkTestSupport() {
    }

    /**
     * One {@code local[2]} session for the whole run (Spark allows one per JVM); small shuffles, no UI. Spark is a
     * dependency of this module's tests, so there is nothing to skip: it runs wherever {@code mvn verify} runs.
     */
    static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkSession.builder().master("local[2]").appName("recur-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "4")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.driver.host", "127.0.0.1")
                    .getOrCreate();
            session.sparkContext().setLogLevel("ERROR");
        }
        return session;
    }

    /**
     * A long CSV of {@code n} monthly series ({@code unique_id,ds,y}), 30 to 89 values each, seasonal with a trend
     * and noise, positive; the rows of each series in time order.
     */
    static Path monthlyPanel(Path dir, int n, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("unique_id,ds,y\n");
        for (int s = 0; s < n; s++) {
            int len = 30 + r.nextInt(60);
            double level = 50 + 200 * r.nextDouble();
            double trend = r.nextGaussian() * 0.5;
            double amp = 0.1 + 0.3 * r.nextDouble();
            LocalDate start = LocalDate.of(2010, 1, 1).plusMonths(r.nextInt(24));
            for (int t = 0; t < len; t++) {
                double y = level * (1 + amp * Math.sin(2 * Math.PI * (start.getMonthValue() - 1 + t) / 12.0))
                        + trend * t + r.nextGaussian() * level * 0.03;
                b.append(String.format(Locale.ROOT, "S%03d,%s,%.3f%n", s, start.plusMonths(t), Math.max(1, y)));
            }
        }
        Path file = dir.resolve("panel.csv");
        Files.writeString(file, b);
        return file;
    }
}
