package dev.recur.engine.neural;

import dev.recur.engine.decomposition.Seasonality;
import dev.recur.engine.series.TimeSeries;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When the networks predict the residual over seasonal naive: only when most series are seasonal at the
 * season's lag once differenced, so that a slow cycle's autocorrelation is not taken for a season.
 */
class SeasonalResidualTest {

    private static TimeSeries series(String id, int n, double seasonAmp, double cycleAmp, double noise, long seed) {
        Random r = new Random(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 100 + 0.05 * t + seasonAmp * Math.sin(2 * Math.PI * t / 12) + cycleAmp * Math.sin(2 * Math.PI * t / 132)
                    + noise * r.nextGaussian();
        }
        return TimeSeries.ofSteps(id, y, 1);
    }

    @Test
    void aSlowCycleIsNotASeasonButAMonthlySeasonIs() {
        // an 11-year cycle in monthly data with month-to-month noise, like the sunspot numbers
        TimeSeries cycle = series("cycle", 1200, 0, 60, 10, 1);
        TimeSeries seasonal = series("seasonal", 240, 10, 0, 1, 2);
        // on the values themselves M4's test takes the slow cycle for a 12-step season
        assertTrue(Seasonality.isSeasonal(cycle.values(), 12));
        assertFalse(RecurrentForecaster.mostlySeasonal(List.of(cycle), 12, false));
        assertTrue(RecurrentForecaster.mostlySeasonal(List.of(seasonal), 12, false));
        assertTrue(RecurrentForecaster.mostlySeasonal(List.of(seasonal), 12, true));
    }

    @Test
    void theMajorityDecidesForAGlobalModel() {
        List<TimeSeries> mostly = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mostly.add(series("s" + i, 240, i < 3 ? 10 : 0, 0, 1, 10 + i));
        }
        assertTrue(RecurrentForecaster.mostlySeasonal(mostly, 12, false));
        assertFalse(RecurrentForecaster.mostlySeasonal(mostly.subList(1, 5), 12, false), "2 of 4 is not most");
    }
}
