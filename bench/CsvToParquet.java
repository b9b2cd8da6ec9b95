import org.apache.spark.sql.SparkSession;

/** Converts a CSV file with a header to Parquet with Spark in local mode (for bench/spark.sh): {@code IN.csv OUT.parquet}. */
public class CsvToParquet {
    public static void main(String[] args) {
        SparkSession s = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        s.read().option("header", "true").csv(args[0]).write().parquet(args[1]);
        s.stop();
    }
}
