package dev.recur.engine.neural;

import dev.recur.engine.nn.CellType;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Conformalised quantile heads: ordered intervals that cover held-out values at about their level, with
 * widths that follow the noise, and a model file that reproduces them.
 */
class QuantileIntervalsTest {

    /** Seasonal series whose noise is four times larger in the second half of the collection. */
    static List<TimeSeries> series(int count, int length, long seed, double[][] future, int horizon) {
        Random r = new Random(seed);
        List<TimeSeries> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            double level = 50 + 30 * r.nextDouble();
            double noise = s < count / 2 ? 1 : 4;
            double[] y = new double[length + horizon];
            for (int t = 0; t < y.length; t++) {
                y[t] = level + 10 * Math.sin(2 * Math.PI * t / 12) + noise * r.nextGaussian();
            }
            out.add(TimeSeries.ofSteps("s" + s, java.util.Arrays.copyOf(y, length), 1));
            future[s] = java.util.Arrays.copyOfRange(y, length, length + horizon);
        }
        return out;
    }

    @Test
    void intervalsCoverAboutTheirLevelAndFollowTheNoise(@TempDir Path dir) throws Exception {
        int count = 40;
        int horizon = 6;
        double[][] future = new double[count][];
        List<TimeSeries> history = series(count, 150, 3, future, horizon);
        RecurrentForecaster f = new RecurrentForecaster(ForecasterSettings.builder().ensemble(1).cell(CellType.GRU)
                .hidden(16).layers(1).log(false).scaling(Scaling.STANDARD).seasonalResidual(false)
                .intervals(RecurrentForecaster.IntervalMethod.QUANTILE)
                .training(TrainingConfig.builder().epochs(25).learningRate(3e-3f).seed(1).build()).build());
        int[] levels = {80, 95};
        List<Forecast> fc = f.forecast(history, horizon, 12, levels, Forecaster.Progress.NONE);
        int[] inside = new int[2];
        double[] widthQuiet = new double[2];
        double[] widthNoisy = new double[2];
        for (int s = 0; s < count; s++) {
            Forecast x = fc.get(s);
            for (int h = 0; h < horizon; h++) {
                assertTrue(x.lower(95)[h] <= x.lower(80)[h] && x.lower(80)[h] <= x.point()[h]
                        && x.point()[h] <= x.upper(80)[h] && x.upper(80)[h] <= x.upper(95)[h], "ordered intervals");
                for (int l = 0; l < 2; l++) {
                    double lo = x.lower(levels[l])[h];
                    double hi = x.upper(levels[l])[h];
                    if (future[s][h] >= lo && future[s][h] <= hi) {
                        inside[l]++;
                    }
                    if (s < count / 2) {
                        widthQuiet[l] += hi - lo;
                    } else {
                        widthNoisy[l] += hi - lo;
                    }
                }
            }
        }
        double n = count * horizon;
        System.out.printf("quantile intervals: coverage %.3f / %.3f, mean 80%% width quiet %.2f, noisy %.2f%n",
                inside[0] / n, inside[1] / n, widthQuiet[0] / (n / 2), widthNoisy[0] / (n / 2));
        // 240 held-out values: a binomial 80% has a standard deviation of 2.6 points.
        assertEquals(0.80, inside[0] / n, 0.10, "80% coverage " + inside[0] / n);
        assertEquals(0.95, inside[1] / n, 0.06, "95% coverage " + inside[1] / n);
        // Quantile heads adapt to each series: the noisy half gets clearly wider intervals.
        assertTrue(widthNoisy[0] > 2 * widthQuiet[0], "widths " + widthQuiet[0] + " vs " + widthNoisy[0]);

        Path file = dir.resolve("q.recur");
        ForecasterFiles.save(f.fitted(), java.util.Map.of(), file);
        ForecasterFiles.Loaded back = ForecasterFiles.load(file);
        List<Forecast> again = back.fitted().forecast(history);
        for (int s = 0; s < count; s++) {
            assertArrayEquals(fc.get(s).point(), again.get(s).point(), 0.0);
            assertArrayEquals(fc.get(s).lower(95), again.get(s).lower(95), 0.0);
            assertArrayEquals(fc.get(s).upper(80), again.get(s).upper(80), 0.0);
        }
    }
}
