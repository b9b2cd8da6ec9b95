package dev.recur.site.examples;

import dev.recur.connectors.csv.CsvOptions;
import dev.recur.connectors.csv.CsvSeriesReader;
import dev.recur.connectors.series.SeriesData;
import dev.recur.engine.neural.ForecasterSettings;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The getting-started page's Java example: read a CSV, forecast with a GRU, print the intervals. */
class ForecastFromJavaExample {

    @Test
    void forecastsACsvSeriesFromJava() {
        // example:start
        SeriesData data = new CsvSeriesReader(CsvOptions.defaults()).read(Path.of("../sample-data/air-passengers.csv"));
        RecurrentForecaster gru = new RecurrentForecaster(ForecasterSettings.builder().ensemble(1)
                .cell(CellType.GRU).hidden(64).layers(2)
                .training(TrainingConfig.builder().epochs(20).emaDecay(0.998f).seed(42).build())
                .build());
        int horizon = 12;
        int season = data.frequency().defaultSeason();                 // 12 for monthly data
        List<Forecast> forecasts = gru.forecast(data.series(), horizon, season, new int[]{80, 95},
                Forecaster.Progress.NONE);
        Forecast f = forecasts.get(0);
        for (int h = 0; h < horizon; h++) {
            System.out.printf("%s  %.1f  [%.1f, %.1f]%n", data.series().get(0).time(144 + h), f.point()[h],
                    f.lower(95)[h], f.upper(95)[h]);
        }
        // example:end
        assertEquals(horizon, f.point().length);
        for (int h = 0; h < horizon; h++) {
            assertTrue(f.lower(95)[h] <= f.lower(80)[h] && f.lower(80)[h] <= f.point()[h]
                    && f.point()[h] <= f.upper(80)[h] && f.upper(80)[h] <= f.upper(95)[h]);
            assertTrue(f.point()[h] > 300 && f.point()[h] < 800, "a plausible 1961 forecast: " + f.point()[h]);
        }
    }
}
