package dev.recur.engine.neural;

import ai.onnx.proto.OnnxMl;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.onnx.ForecasterOnnx;
import dev.recur.engine.onnx.OnnxExports;
import dev.recur.engine.onnxruntime.OnnxPredictor;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.Metrics;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calendar features let a network see what its window cannot: with a two-day window, only the calendar
 * says that the next two days are a weekend.
 */
class CalendarFeaturesTest {

    static final LocalDateTime MONDAY = LocalDateTime.of(2024, 1, 1, 0, 0);

    static double value(double level, int t, Random r) {
        LocalDateTime time = MONDAY.plusHours(t);
        boolean weekend = time.getDayOfWeek().getValue() >= 6;
        return level * (1 + 0.3 * Math.sin(2 * Math.PI * t / 24)) * (weekend ? 0.5 : 1.0) * (1 + 0.01 * r.nextGaussian());
    }

    @Test
    void theCalendarRevealsTheWeekendAWindowCannotSee(@TempDir Path dir) throws Exception {
        int length = (8 * 7 + 5) * 24;      // ends on a Friday at midnight: the horizon is Saturday and Sunday
        int horizon = 48;
        Random r = new Random(4);
        List<TimeSeries> history = new ArrayList<>();
        double[][] future = new double[8][horizon];
        for (int s = 0; s < 8; s++) {
            double level = 50 + 10 * s;
            double[] y = new double[length];
            for (int t = 0; t < length; t++) {
                y[t] = value(level, t, r);
            }
            for (int h = 0; h < horizon; h++) {
                future[s][h] = value(level, length + h, r);
            }
            history.add(TimeSeries.ofTimes("s" + s, y, MONDAY, Frequency.HOURLY));
        }
        double[] mae = new double[2];
        RecurrentForecaster withCalendar = null;
        List<Forecast> printed = null;
        for (int c = 0; c < 2; c++) {
            RecurrentForecaster f = new RecurrentForecaster(ForecasterSettings.builder().ensemble(1).cell(CellType.GRU)
                    .hidden(16).layers(1).window(48).calendar(c == 1)
                    .training(TrainingConfig.builder().epochs(8).learningRate(3e-3f).seed(2).build()).build());
            List<Forecast> fc = f.forecast(history, horizon, 24, new int[]{80}, Forecaster.Progress.NONE);
            for (int s = 0; s < history.size(); s++) {
                mae[c] += Metrics.mae(future[s], fc.get(s).point()) / history.size();
            }
            if (c == 1) {
                withCalendar = f;
                printed = fc;
            }
        }
        System.out.printf("weekend MAE without calendar %.2f, with %.2f%n", mae[0], mae[1]);
        assertTrue(mae[1] < 0.5 * mae[0], "calendar MAE " + mae[1] + " vs " + mae[0]);

        // The ONNX export takes the calendar channels from its caller.
        FittedForecaster fit = withCalendar.fitted();
        assertEquals(5, fit.channels(), "value, hour of day (sin, cos), day of week (sin, cos)");
        OnnxMl.ModelProto model = ForecasterOnnx.export(fit, Map.of());
        Path file = dir.resolve("calendar.onnx");
        OnnxExports.write(model, file);
        int w = fit.window();
        int ch = fit.channels();
        float[] input = new float[w * ch];
        double[] y = history.get(0).values();
        for (int i = 0; i < w; i++) {
            int p = length - w + i;
            input[i * ch] = (float) y[p];
            CalendarFeatures.fill(history.get(0).time(p), Frequency.HOURLY, input, i * ch + 1);
        }
        try (OnnxPredictor p = OnnxPredictor.load(file, OnnxPredictor.DeviceChoice.CPU, 1, m -> { })) {
            float[] out = p.run(input, 1, w, ch).get("forecast").values();
            for (int h = 0; h < horizon; h++) {
                double e = printed.get(0).point()[h];
                assertEquals(e, out[h], 1e-5 * Math.abs(e), "step " + h);
            }
        }
        // Saved and read back, the model forecasts the same.
        Path saved = dir.resolve("calendar.recur");
        ForecasterFiles.save(fit, Map.of(), saved);
        List<Forecast> again = ForecasterFiles.load(saved).fitted().forecast(history);
        org.junit.jupiter.api.Assertions.assertArrayEquals(printed.get(3).point(), again.get(3).point(), 0.0);
    }

    @Test
    void integerStepsHaveNoCalendar() {
        TimeSeries steps = TimeSeries.ofSteps("x", new double[200], 1);
        RecurrentForecaster f = new RecurrentForecaster(ForecasterSettings.builder().ensemble(1).hidden(64).calendar(true)
                .training(TrainingConfig.builder().epochs(1).build()).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.forecast(List.of(steps), 4, 1, new int[0], Forecaster.Progress.NONE));
        assertTrue(e.getMessage().contains("calendar features need timestamps"), e.getMessage());
        assertEquals(0, CalendarFeatures.count(Frequency.YEARLY));
        assertEquals(2, CalendarFeatures.count(Frequency.MONTHLY));
    }
}
