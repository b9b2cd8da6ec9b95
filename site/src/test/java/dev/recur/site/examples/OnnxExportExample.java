package dev.recur.site.examples;

import dev.recur.connectors.csv.CsvOptions;
import dev.recur.connectors.csv.CsvSeriesReader;
import dev.recur.connectors.series.SeriesData;
import dev.recur.engine.neural.ForecasterSettings;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.onnx.ForecasterOnnx;
import dev.recur.engine.onnx.OnnxExports;
import dev.recur.engine.onnxruntime.OnnxPredictor;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The ONNX page's example: export a trained forecaster and serve it through DJL's ONNX Runtime engine. */
class OnnxExportExample {

    @Test
    void exportAndServe(@TempDir Path dir) throws Exception {
        SeriesData data = new CsvSeriesReader(CsvOptions.defaults()).read(Path.of("../sample-data/air-passengers.csv"));
        RecurrentForecaster gru = new RecurrentForecaster(ForecasterSettings.builder().ensemble(1)
                .cell(CellType.GRU).hidden(16).layers(1).ensemble(3)
                .training(TrainingConfig.builder().epochs(5).build()).build());
        List<Forecast> printed = gru.forecast(data.series(), 12, 12, new int[]{80, 95}, Forecaster.Progress.NONE);
        // example:start
        // The whole forecaster (log, scaling, the three networks, their median, intervals) as one ONNX file.
        Path onnx = dir.resolve("air.onnx");
        OnnxExports.write(ForecasterOnnx.export(gru.fitted(), Map.of("owner", "forecasting team")), onnx);

        // Serve it: raw recent values in, forecasts in the series' units out. AUTO uses a GPU when it can.
        int window = gru.fitted().window();
        double[] y = data.series().get(0).values();
        float[] latest = new float[window];
        for (int i = 0; i < window; i++) {
            latest[i] = (float) y[y.length - window + i];
        }
        float[] forecast;
        try (OnnxPredictor predictor = OnnxPredictor.load(onnx, OnnxPredictor.DeviceChoice.AUTO, 1, System.err::println)) {
            Map<String, OnnxPredictor.Output> out = predictor.run(latest, 1, window, 1);   // [batch, window, 1]
            forecast = out.get("forecast").values();                                        // [batch, horizon]
            float[] upper95 = out.get("upper_95").values();
            System.out.println(java.util.Arrays.toString(forecast) + " " + java.util.Arrays.toString(upper95));
        }
        // example:end
        for (int h = 0; h < 12; h++) {
            assertEquals(printed.get(0).point()[h], forecast[h], 1e-5 * printed.get(0).point()[h]);
        }
    }
}
