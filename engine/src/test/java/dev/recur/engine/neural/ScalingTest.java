package dev.recur.engine.neural;

import dev.recur.engine.nn.CellType;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A window is scaled by its own spread whatever its units; only a window flat up to rounding is scaled by 1. */
class ScalingTest {

    private static double[] wave(int n, double unit) {
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = unit * (10 + 3 * Math.sin(2 * Math.PI * t / 12) + 0.05 * t + 0.4 * Math.cos(0.9 * t));
        }
        return y;
    }

    @Test
    void aSeriesInTinyUnitsIsScaledByItsOwnSpread() {
        double[] y = wave(48, 1e-13);
        double mean = 0;
        for (double v : y) {
            mean += v / y.length;
        }
        double ss = 0;
        for (double v : y) {
            ss += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(ss / y.length);
        double[] st = Scaling.LEVEL.stats(y, 0, y.length, 12, false);
        assertEquals(std, st[1], 1e-9 * std, "its standard deviation, about 1e-13, not 1");
        double[] sd = Scaling.STANDARD.stats(y, 0, y.length, 12, false);
        assertEquals(std, sd[1], 1e-9 * std);
    }

    @Test
    void aFlatWindowIsScaledByOne() {
        assertEquals(1, Scaling.LEVEL.stats(new double[]{5, 5, 5, 5, 5, 5}, 0, 6, 2, false)[1]);
        assertEquals(1, Scaling.STANDARD.stats(new double[6], 0, 6, 1, false)[1]);
        // flat up to rounding: a spread of 1e-13 of the values' size
        double[] nearlyFlat = {1e6, 1e6 + 1e-7, 1e6, 1e6 + 1e-7};
        assertEquals(1, Scaling.STANDARD.stats(nearlyFlat, 0, 4, 1, false)[1]);
    }

    /**
     * Windows are normalised on their own, so a copy of a series in units 1e-13 times as large reads the very same
     * network inputs and gets the same forecast in its units: at every step, 1e-13 times the original's.
     */
    @Test
    void theNetworkForecastsACopyInTinyUnitsInItsUnits() {
        double[] a = wave(120, 1);
        double[] b = wave(120, 1e-13);
        RecurrentForecaster f = new RecurrentForecaster(ForecasterSettings.builder().ensemble(1).cell(CellType.GRU)
                .hidden(6).layers(1).log(false)
                .training(TrainingConfig.builder().epochs(2).batchSize(16).seed(3).build()).build());
        List<Forecast> out = f.forecast(List.of(TimeSeries.ofSteps("a", a, 1), TimeSeries.ofSteps("b", b, 1)), 6, 12,
                new int[0], Forecaster.Progress.NONE);
        double[] pa = out.get(0).point();
        double[] pb = out.get(1).point();
        for (int h = 0; h < pa.length; h++) {
            assertEquals(pa[h] * 1e-13, pb[h], 1e-6 * Math.abs(pa[h] * 1e-13), "step " + h);
        }
    }
}
