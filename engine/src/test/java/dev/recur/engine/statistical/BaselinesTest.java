package dev.recur.engine.statistical;

import dev.recur.engine.ClassicSeries;
import dev.recur.engine.decomposition.Seasonality;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The simple baselines by hand and against R's {@code forecast} package; Theta against R's {@code thetaf}. */
class BaselinesTest {

    @Test
    void simpleBaselines() {
        List<TimeSeries> s = List.of(TimeSeries.ofSteps("a", new double[]{1, 2, 3, 4, 5, 6}, 1));
        assertArrayEquals(new double[]{6, 6, 6}, Baselines.naive().forecast(s, 3, 1, Forecaster.Progress.NONE).get(0));
        assertArrayEquals(new double[]{5, 6, 5}, Baselines.seasonalNaive().forecast(s, 3, 2, Forecaster.Progress.NONE).get(0));
        assertArrayEquals(new double[]{7, 8, 9}, Baselines.drift().forecast(s, 3, 1, Forecaster.Progress.NONE).get(0), 1e-12);
        assertArrayEquals(new double[]{3.5, 3.5}, Baselines.mean().forecast(s, 2, 1, Forecaster.Progress.NONE).get(0), 1e-12);
    }

    @Test
    void naive2DividesOutAnExactMultiplicativeSeason() {
        double[] pattern = {0.8, 1.0, 1.3, 0.9};
        double[] y = new double[40];
        for (int i = 0; i < y.length; i++) {
            y[i] = 50 * pattern[i % 4];
        }
        double[] si = Seasonality.multiplicativeIndices(y, 4);
        double mean = Arrays.stream(pattern).average().orElseThrow();
        for (int i = 0; i < 4; i++) {
            assertEquals(pattern[i] / mean, si[i], 1e-12);
        }
        double[] f = Baselines.naive2().forecast(List.of(TimeSeries.ofSteps("s", y, 1)), 6, 4, Forecaster.Progress.NONE).get(0);
        for (int h = 0; h < 6; h++) {
            assertEquals(y[(40 + h) % 4], f[h], 1e-9);
        }
        Random r = new Random(1);
        double[] noise = new double[200];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 10 + r.nextGaussian();
        }
        assertFalse(Seasonality.isSeasonal(noise, 12), "white noise is not seasonal");
        assertNull(Seasonality.multiplicativeIndices(noise, 12));
    }

    @Test
    void seasonalNaiveMatchesR() throws IOException {
        assertEquals(2.494, ClassicSeries.heldOutMase(Baselines.seasonalNaive(), "air-passengers", 24, 12), 5e-4);
        assertEquals(1.862, ClassicSeries.heldOutMase(Baselines.seasonalNaive(), "mauna-loa-co2", 24, 12), 5e-4);
        assertEquals(0.968, ClassicSeries.heldOutMase(Baselines.seasonalNaive(), "nile-flow", 10, 1), 5e-4);
    }

    /** R's forecast::thetaf MASE on the classic series; ours must agree within 0.04. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"air-passengers,24,12,2.212", "mauna-loa-co2,24,12,0.630", "nottingham-temperature,24,12,0.604",
        "sunspots-monthly,24,12,0.461", "nile-flow,10,1,0.851"})
    void thetaAgreesWithR(String name, int h, int m, double rMase) throws IOException {
        double mase = ClassicSeries.heldOutMase(new Theta(), name, h, m);
        assertEquals(rMase, mase, 0.04, name + ": theta MASE");
    }
}
