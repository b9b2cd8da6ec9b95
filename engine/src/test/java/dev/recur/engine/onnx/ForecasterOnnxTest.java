package dev.recur.engine.onnx;

import dev.recur.engine.neural.FittedForecaster;
import dev.recur.engine.neural.ForecasterSettings;
import dev.recur.engine.onnxruntime.OnnxPredictor;

import ai.onnx.proto.OnnxMl;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.neural.Scaling;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A forecaster's ONNX export, run by ONNX Runtime on the raw latest window of each series, reproduces the
 * forecast and intervals the engine printed.
 */
class ForecasterOnnxTest {

    static double[] series(String name) throws Exception {
        List<Double> v = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ForecasterOnnxTest.class.getResourceAsStream("/classic/" + name + ".csv"), StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                v.add(Double.parseDouble(line.split(",")[1]));
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @ParameterizedTest(name = "{0} ensemble={1} scaling={2} log={3}")
    @CsvSource({"air-passengers,3,LEVEL,true,12", "air-passengers,2,STANDARD,false,12", "nile-flow,1,MINMAX,false,1",
            "mauna-loa-co2,2,MEAN,true,12", "nottingham-temperature,1,LEVEL,false,12"})
    void exportReproducesThePrintedForecast(String name, int ensemble, Scaling scaling, boolean log, int season,
                                            @TempDir Path dir) throws Exception {
        double[] y = series(name);
        // Two series: the whole series and a shifted copy, so the batch dimension is exercised.
        double[] y2 = new double[y.length - 5];
        for (int i = 0; i < y2.length; i++) {
            y2[i] = y[i] * 1.1 + 3;
        }
        List<TimeSeries> history = List.of(TimeSeries.ofSteps("a", y, 1), TimeSeries.ofSteps("b", y2, 1));
        RecurrentForecaster f = new RecurrentForecaster(ForecasterSettings.builder().ensemble(1).cell(CellType.GRU)
                .hidden(8).layers(1).ensemble(ensemble).scaling(scaling).log(log)
                .training(TrainingConfig.builder().epochs(3).batchSize(32).learningRate(1e-3f).seed(2).build()).build());
        int h = 6;
        int[] levels = {80, 95};
        List<Forecast> printed = f.forecast(history, h, season, levels, Forecaster.Progress.NONE);
        FittedForecaster fit = f.fitted();
        OnnxMl.ModelProto model = ForecasterOnnx.export(fit, Map.of("test", "yes"));
        Path file = checkedAndWritten(model, dir.resolve("forecaster.onnx"));
        int w = fit.window();
        float[] input = latestWindows(history, 2, w);
        try (OnnxPredictor p = OnnxPredictor.load(file, OnnxPredictor.DeviceChoice.CPU, 1, m -> { })) {
            Map<String, OnnxPredictor.Output> out = p.run(input, 2, w, 1);
            assertEquals(1 + 2 * levels.length, out.size(), out.keySet().toString());
            for (int s = 0; s < 2; s++) {
                Forecast fc = printed.get(s);
                for (int k = 0; k < h; k++) {
                    check(fc.point()[k], out.get("forecast").values()[s * h + k], name + " series " + s + " step " + k);
                    for (int level : levels) {
                        check(fc.intervals().get(level)[0][k], out.get("lower_" + level).values()[s * h + k], "lower");
                        check(fc.intervals().get(level)[1][k], out.get("upper_" + level).values()[s * h + k], "upper");
                    }
                }
            }
        }
        assertTrue(model.getMetadataPropsList().stream().anyMatch(e -> e.getKey().equals("recur.window")
                && e.getValue().equals(Integer.toString(w))));
    }

    /** Checks the model and writes it to {@code file}. */
    private static Path checkedAndWritten(OnnxMl.ModelProto model, Path file) throws Exception {
        OnnxChecks.check(model);
        OnnxExports.write(model, file);
        return file;
    }

    /** The latest {@code w} values of the first {@code count} series, one row each, as the exported model reads them. */
    private static float[] latestWindows(List<TimeSeries> history, int count, int w) {
        float[] input = new float[count * w];
        for (int s = 0; s < count; s++) {
            double[] v = history.get(s).values();
            for (int i = 0; i < w; i++) {
                input[s * w + i] = (float) v[v.length - w + i];
            }
        }
        return input;
    }

    /** float32 against the engine's double inverse transform: 1e-5 relative. */
    private static void check(double expected, float got, String what) {
        assertEquals(expected, got, 1e-5 * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void quantileIntervalsExportToo(@TempDir Path dir) throws Exception {
        double[] y = series("air-passengers");
        List<TimeSeries> history = List.of(TimeSeries.ofSteps("a", y, 1));
        RecurrentForecaster f = new RecurrentForecaster(ForecasterSettings.builder().ensemble(1).cell(CellType.LSTM)
                .hidden(8).ensemble(2).intervals(RecurrentForecaster.IntervalMethod.QUANTILE)
                .training(TrainingConfig.builder().epochs(3).seed(5).build()).build());
        int[] levels = {80, 95};
        List<Forecast> printed = f.forecast(history, 6, 12, levels, Forecaster.Progress.NONE);
        FittedForecaster fit = f.fitted();
        assertEquals(5, fit.perTarget(), "quantiles 0.025, 0.1, 0.5, 0.9, 0.975");
        Path file = dir.resolve("q.onnx");
        OnnxMl.ModelProto model = ForecasterOnnx.export(fit, Map.of());
        OnnxChecks.check(model);
        OnnxExports.write(model, file);
        int w = fit.window();
        float[] input = new float[w];
        for (int i = 0; i < w; i++) {
            input[i] = (float) y[y.length - w + i];
        }
        try (OnnxPredictor p = OnnxPredictor.load(file, OnnxPredictor.DeviceChoice.CPU, 1, m -> { })) {
            Map<String, OnnxPredictor.Output> out = p.run(input, 1, w, 1);
            for (int k = 0; k < 6; k++) {
                check(printed.get(0).point()[k], out.get("forecast").values()[k], "point " + k);
                for (int level : levels) {
                    check(printed.get(0).intervals().get(level)[0][k], out.get("lower_" + level).values()[k], "lower");
                    check(printed.get(0).intervals().get(level)[1][k], out.get("upper_" + level).values()[k], "upper");
                }
            }
        }
    }

    /**
     * The export scales a window in tiny units by its own spread, as the engine does, and a flat window by 1: a copy of
     * air passengers in units of 1e-16 (a spread near 1e-14) and a constant series get the engine's forecasts, the tiny
     * one to float32's relative precision.
     */
    @Test
    void tinyUnitsAndFlatWindowsExportAsTheEngineScalesThem(@TempDir Path dir) throws Exception {
        double[] y = series("air-passengers");
        double[] tiny = new double[y.length];
        double[] flat = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            tiny[i] = y[i] * 1e-16;
            flat[i] = 250;
        }
        List<TimeSeries> history = List.of(TimeSeries.ofSteps("tiny", tiny, 1), TimeSeries.ofSteps("flat", flat, 1),
                TimeSeries.ofSteps("air", y, 1));
        RecurrentForecaster f = new RecurrentForecaster(ForecasterSettings.builder().ensemble(1).cell(CellType.GRU)
                .hidden(8).layers(1).scaling(Scaling.LEVEL).log(false)
                .training(TrainingConfig.builder().epochs(2).seed(4).build()).build());
        List<Forecast> printed = f.forecast(history, 6, 12, new int[0], Forecaster.Progress.NONE);
        FittedForecaster fit = f.fitted();
        Path file = checkedAndWritten(ForecasterOnnx.export(fit, Map.of()), dir.resolve("tiny.onnx"));
        int w = fit.window();
        float[] input = latestWindows(history, 2, w);
        try (OnnxPredictor p = OnnxPredictor.load(file, OnnxPredictor.DeviceChoice.CPU, 1, m -> { })) {
            float[] got = p.run(input, 2, w, 1).get("forecast").values();
            for (int k = 0; k < 6; k++) {
                double expected = printed.get(0).point()[k];
                assertEquals(expected, got[k], 1e-4 * Math.abs(expected), "tiny step " + k);
                check(printed.get(1).point()[k], got[6 + k], "flat step " + k);
            }
        }
    }

    @Test
    void settingsWithoutAnOnnxFormAreRefused() throws Exception {
        double[] y = series("nile-flow");
        RecurrentForecaster f = new RecurrentForecaster(ForecasterSettings.builder().ensemble(1).cell(CellType.GRU)
                .hidden(4).scaling(Scaling.ROBUST)
                .training(TrainingConfig.builder().epochs(1).build()).build());
        f.forecast(List.of(TimeSeries.ofSteps("n", y, 1)), 4, 1, new int[]{80}, Forecaster.Progress.NONE);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> ForecasterOnnx.export(f.fitted(), Map.of()));
        assertTrue(e.getMessage().contains("robust"), e.getMessage());
    }
}
