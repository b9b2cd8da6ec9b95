package dev.recur.engine.train;

import dev.recur.engine.data.SequenceDataset;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.nn.NetworkSpec;
import dev.recur.engine.nn.RecurrentNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine learns a real series: small LSTM and GRU networks trained on the Box &amp; Jenkins airline
 * passengers (1949–1958) forecast the held-out last 24 months (1959–1960) better than seasonal naive,
 * by MASE with the in-sample seasonal-naive scale (R's {@code forecast::accuracy} convention, under which
 * seasonal naive scores 2.494 here).
 *
 * <p>Set-up, the usual one for RNN forecasting: log values, each input window normalised by the mean of
 * its last 12 log values, a direct 24-output head, 36-month windows.
 */
class AirPassengersLearningTest {

    static final int HORIZON = 24;
    static final int SEASON = 12;
    static final int WINDOW = 36;

    static double[] series() throws IOException {
        List<Double> v = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                AirPassengersLearningTest.class.getResourceAsStream("/air-passengers.csv"), StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                v.add(Double.parseDouble(line.split(",")[1]));
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** MASE with the in-sample seasonal naive scale of {@code train}. */
    static double mase(double[] train, double[] actual, double[] forecast) {
        double scale = 0;
        for (int t = SEASON; t < train.length; t++) {
            scale += Math.abs(train[t] - train[t - SEASON]);
        }
        scale /= train.length - SEASON;
        double err = 0;
        for (int i = 0; i < actual.length; i++) {
            err += Math.abs(actual[i] - forecast[i]);
        }
        return err / actual.length / scale;
    }

    static double level(double[] logs, int end) {
        double s = 0;
        for (int t = end - SEASON; t < end; t++) {
            s += logs[t];
        }
        return s / SEASON;
    }

    @ParameterizedTest
    @EnumSource(value = CellType.class, names = {"LSTM", "GRU"})
    void beatsSeasonalNaiveOnHeldOutMonths(CellType cell) throws IOException {
        double[] y = series();
        int n = y.length - HORIZON;
        double[] train = java.util.Arrays.copyOf(y, n);
        double[] test = java.util.Arrays.copyOfRange(y, n, y.length);
        double[] logs = new double[n];
        for (int t = 0; t < n; t++) {
            logs[t] = Math.log(train[t]);
        }
        // windows: inputs logs[s, s+W) - level, targets logs[s+W, s+W+H) - level
        int windows = n - WINDOW - HORIZON + 1;
        float[][] x = new float[windows][WINDOW];
        float[][] target = new float[windows][HORIZON];
        for (int s = 0; s < windows; s++) {
            double lv = level(logs, s + WINDOW);
            for (int t = 0; t < WINDOW; t++) {
                x[s][t] = (float) (logs[s + t] - lv);
            }
            for (int h = 0; h < HORIZON; h++) {
                target[s][h] = (float) (logs[s + WINDOW + h] - lv);
            }
        }
        NetworkSpec spec = NetworkSpec.builder().cell(cell).inputSize(1).hiddenSize(32).outputSize(HORIZON).build();
        RecurrentNetwork net = new RecurrentNetwork(spec, 1);
        TrainingConfig config = TrainingConfig.builder().epochs(300).batchSize(16).learningRate(3e-3f)
                .schedule(ScheduleType.COSINE).seed(1).build();
        new NetworkTrainer(config).fit(net, new SequenceDataset(x, target, 1, HORIZON, false), null);

        float[] last = new float[WINDOW];
        double lv = level(logs, n);
        for (int t = 0; t < WINDOW; t++) {
            last[t] = (float) (logs[n - WINDOW + t] - lv);
        }
        float[] out = net.predict(new float[][]{last})[0];
        double[] forecast = new double[HORIZON];
        double[] naive = new double[HORIZON];
        for (int h = 0; h < HORIZON; h++) {
            forecast[h] = Math.exp(out[h] + lv);
            naive[h] = train[n - SEASON + h % SEASON];
        }
        double naiveMase = mase(train, test, naive);
        assertEquals(2.494, naiveMase, 5e-4, "seasonal naive MASE as published for R's snaive");
        double mase = mase(train, test, forecast);
        assertTrue(mase < naiveMase, cell + " MASE " + mase + " should beat seasonal naive's " + naiveMase);
        System.out.printf("air-passengers %s MASE %.3f (seasonal naive %.3f)%n", cell, mase, naiveMase);
    }
}
