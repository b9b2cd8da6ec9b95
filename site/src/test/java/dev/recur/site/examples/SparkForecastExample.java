package dev.recur.site.examples;

import dev.recur.spark.ForecastSpec;
import dev.recur.spark.ModelChoice;
import dev.recur.spark.SparkForecaster;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Spark page's Java example: forecast a long table of series with Theta per series, in local mode. */
class SparkForecastExample {

    @Test
    void forecastsADatasetOfSeries() {
        SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4").config("spark.driver.host", "127.0.0.1").getOrCreate();
        try {
            // example:start
            Dataset<Row> sales = spark.read().option("header", "true").csv("../sample-data/m4-hourly-20.csv");
            ForecastSpec spec = ForecastSpec.of(48, ModelChoice.local("theta"))   // unique_id, ds, y; levels 80 and 95
                    .withSeason(24);
            SparkForecaster.Result result = SparkForecaster.forecast(sales, spec);
            result.forecasts().show(3);                 // unique_id, ds, forecast, lower_80, upper_80, ..., model
            result.problems().show();                   // series that got no forecast, and why
            result.notes().show(false);                 // gaps filled, values that stand out: unique_id, note
            // example:end
            assertEquals(20 * 48, result.forecasts().count());
            assertEquals(0, result.problems().count());
            assertEquals(0, result.notes().count());    // the sample file has no gap and no spike
            result.unpersist();
        } finally {
            spark.stop();
        }
    }
}
