package dev.recur.engine.neural;

import dev.recur.engine.nn.CellType;
import dev.recur.engine.onnx.ForecasterOnnx;
import dev.recur.engine.onnx.OnnxExports;
import dev.recur.engine.onnxruntime.OnnxPredictor;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Past covariates: the target follows a driver with a lag of one step, which only the covariate shows. */
class CovariatesTest {

    @Test
    void aLeadingDriverMakesTheNextStepPredictable(@TempDir Path dir) throws Exception {
        Random r = new Random(6);
        int length = 400;
        List<TimeSeries> plain = new ArrayList<>();
        List<TimeSeries> withDriver = new ArrayList<>();
        List<double[]> next = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            double[] x = new double[length + 1];
            for (int t = 0; t < x.length; t++) {
                x[t] = r.nextGaussian();
            }
            double[] y = new double[length];
            for (int t = 0; t < length; t++) {
                y[t] = 20 + s + 3 * (t == 0 ? 0 : x[t - 1]) + 0.1 * r.nextGaussian();
            }
            next.add(new double[]{20 + s + 3 * x[length - 1]});
            TimeSeries ts = TimeSeries.ofSteps("s" + s, y, 1);
            plain.add(ts);
            withDriver.add(ts.withCovariates(Map.of("driver", java.util.Arrays.copyOf(x, length))));
        }
        double[] mae = new double[2];
        RecurrentForecaster used = null;
        List<Forecast> printed = null;
        for (int c = 0; c < 2; c++) {
            RecurrentForecaster f = new RecurrentForecaster(ForecasterSettings.builder().ensemble(1).cell(CellType.GRU)
                    .hidden(16).layers(1).window(24).log(false)
                    .training(TrainingConfig.builder().epochs(10).learningRate(3e-3f).seed(3).build()).build());
            List<Forecast> fc = f.forecast(c == 0 ? plain : withDriver, 1, 1, new int[]{80}, Forecaster.Progress.NONE);
            for (int s = 0; s < 12; s++) {
                mae[c] += Math.abs(next.get(s)[0] - fc.get(s).point()[0]) / 12;
            }
            used = f;
            printed = fc;
        }
        System.out.printf("next-step MAE without the driver %.3f, with %.3f%n", mae[0], mae[1]);
        assertTrue(mae[1] < 0.3 * mae[0], "with " + mae[1] + " vs without " + mae[0]);

        FittedForecaster fit = used.fitted();
        assertEquals(List.of("driver"), fit.covariates());
        assertEquals(2, fit.channels());
        Path file = dir.resolve("cov.onnx");
        OnnxExports.write(ForecasterOnnx.export(fit, Map.of()), file);
        int w = fit.window();
        float[] input = new float[w * 2];
        double[] y = withDriver.get(5).values();
        double[] x = withDriver.get(5).covariates().get("driver");
        for (int i = 0; i < w; i++) {
            input[2 * i] = (float) y[length - w + i];
            input[2 * i + 1] = (float) x[length - w + i];
        }
        try (OnnxPredictor p = OnnxPredictor.load(file, OnnxPredictor.DeviceChoice.CPU, 1, m -> { })) {
            float[] out = p.run(input, 1, w, 2).get("forecast").values();
            assertEquals(printed.get(5).point()[0], out[0], 1e-5 * Math.abs(printed.get(5).point()[0]));
        }
        Path saved = dir.resolve("cov.recur");
        ForecasterFiles.save(fit, Map.of(), saved);
        assertEquals(printed.get(5).point()[0], ForecasterFiles.load(saved).fitted().forecast(withDriver).get(5).point()[0], 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit.forecast(plain));
        assertTrue(e.getMessage().contains("has no covariate 'driver'"), e.getMessage());
    }
}
