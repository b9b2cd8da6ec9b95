package dev.recur.engine.neural;

import dev.recur.engine.forecast.Backtest;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.onnx.ForecasterOnnx;
import dev.recur.engine.onnx.OnnxExports;
import dev.recur.engine.onnxruntime.OnnxPredictor;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.Metrics;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Known-future covariates: promotions planned over the horizon, which only their future values reveal. */
class FutureCovariatesTest {

    static final int LENGTH = 300;
    static final int HORIZON = 6;

    /** Sales that jump by 80% on promotion days; promotions are random, 20% of days. */
    static List<TimeSeries> series(Random r, double[][] futureSales, boolean withFuture) {
        List<TimeSeries> out = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            double level = 40 + 5 * s;
            double[] promo = new double[LENGTH + HORIZON];
            double[] y = new double[LENGTH + HORIZON];
            for (int t = 0; t < y.length; t++) {
                promo[t] = r.nextDouble() < 0.2 ? 1 : 0;
                y[t] = level * (1 + 0.8 * promo[t]) * (1 + 0.02 * r.nextGaussian());
            }
            futureSales[s] = Arrays.copyOfRange(y, LENGTH, LENGTH + HORIZON);
            TimeSeries ts = TimeSeries.ofSteps("s" + s, Arrays.copyOf(y, LENGTH), 1)
                    .withCovariates(Map.of("promo", Arrays.copyOf(promo, LENGTH)));
            out.add(withFuture ? ts.withFuture(Map.of("promo", Arrays.copyOfRange(promo, LENGTH, LENGTH + HORIZON))) : ts);
        }
        return out;
    }

    static RecurrentForecaster gru() {
        return new RecurrentForecaster(ForecasterSettings.builder().ensemble(1).cell(CellType.GRU).hidden(16).layers(1)
                .window(24).training(TrainingConfig.builder().epochs(10).learningRate(3e-3f).seed(4).build()).build());
    }

    @Test
    void plannedPromotionsAreForecast(@TempDir Path dir) throws Exception {
        double[][] future = new double[12][];
        List<TimeSeries> pastOnly = series(new Random(11), future, false);
        List<TimeSeries> known = series(new Random(11), future, true);
        double[] mae = new double[2];
        RecurrentForecaster used = null;
        List<Forecast> printed = null;
        for (int c = 0; c < 2; c++) {
            RecurrentForecaster f = gru();
            List<Forecast> fc = f.forecast(c == 0 ? pastOnly : known, HORIZON, 1, new int[]{80}, Forecaster.Progress.NONE);
            for (int s = 0; s < 12; s++) {
                mae[c] += Metrics.mae(future[s], fc.get(s).point()) / 12;
            }
            used = f;
            printed = fc;
        }
        System.out.printf("horizon MAE with past promotions only %.2f, with planned ones %.2f%n", mae[0], mae[1]);
        assertTrue(mae[1] < 0.4 * mae[0], "known " + mae[1] + " vs past only " + mae[0]);

        FittedForecaster fit = used.fitted();
        assertEquals(List.of("promo"), fit.futureCovariates());
        assertEquals(24 + HORIZON, fit.sequenceLength());
        // ONNX: [batch, window + horizon, 2]: value and promo, the horizon's promotions in the last steps.
        Path file = dir.resolve("promo.onnx");
        OnnxExports.write(ForecasterOnnx.export(fit, Map.of()), file);
        TimeSeries ts = known.get(7);
        int w = fit.window();
        float[] input = new float[(w + HORIZON) * 2];
        for (int i = 0; i < w; i++) {
            input[2 * i] = (float) ts.values()[LENGTH - w + i];
            input[2 * i + 1] = (float) ts.covariates().get("promo")[LENGTH - w + i];
        }
        for (int k = 0; k < HORIZON; k++) {
            input[2 * (w + k)] = 12345f;   // ignored: the value is unknown over the horizon
            input[2 * (w + k) + 1] = (float) ts.future().get("promo")[k];
        }
        try (OnnxPredictor p = OnnxPredictor.load(file, OnnxPredictor.DeviceChoice.CPU, 1, m -> { })) {
            float[] out = p.run(input, 1, w + HORIZON, 2).get("forecast").values();
            for (int h = 0; h < HORIZON; h++) {
                assertEquals(printed.get(7).point()[h], out[h], 1e-5 * Math.abs(printed.get(7).point()[h]), "step " + h);
            }
        }
        Path saved = dir.resolve("promo.recur");
        ForecasterFiles.save(fit, Map.of(), saved);
        assertEquals(printed.get(2).point()[3], ForecasterFiles.load(saved).fitted().forecast(known).get(2).point()[3], 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fit.forecast(pastOnly));
        assertTrue(e.getMessage().contains("needs 6 future values of 'promo'"), e.getMessage());

        // Backtests cut the series and take the promotions after each origin from its history.
        Backtest.Result bt = Backtest.run(gru(), known, HORIZON, 1, 2, HORIZON, Forecaster.Progress.NONE);
        assertEquals(2, bt.windows().size());
        assertTrue(bt.mase() < 1, "backtest MASE " + bt.mase());
    }
}
