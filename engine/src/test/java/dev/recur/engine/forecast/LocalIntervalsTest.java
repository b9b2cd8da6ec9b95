package dev.recur.engine.forecast;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backtest errors behind the local methods' intervals, computed by hand. */
class LocalIntervalsTest {

    /**
     * A calm history followed by a volatile stretch: each origin's errors are divided by the MASE scale of the values
     * before it, as a forecast's interval is by its history's, never by a scale that includes the values forecast.
     */
    @Test
    void backtestErrorsAreScaledByTheHistoryBeforeTheirOrigin() {
        double[] y = {10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 30, 0, 40, -10};
        TimeSeries s = TimeSeries.ofSteps("s", y, 1);
        int horizon = 2;
        double[][] rows = LocalIntervals.seriesErrors(Baselines.byName("naive"), s, horizon, 1, 3);
        assertEquals(3, rows.length);
        int gap = (horizon + 1) / 2;
        for (int k = 0; k < rows.length; k++) {
            int origin = y.length - horizon - k * gap;
            // the mean absolute one-step change of y[0..origin), by hand
            double sum = 0;
            for (int t = 1; t < origin; t++) {
                sum += Math.abs(y[t] - y[t - 1]);
            }
            double scale = sum / (origin - 1);
            for (int h = 0; h < horizon; h++) {
                assertEquals(Math.abs(y[origin + h] - y[origin - 1]) / scale, rows[k][h], 1e-12,
                        "origin " + origin + ", step " + (h + 1));
            }
        }
        // the whole series' scale is more than four times the calm part's: scaling by it would shrink the errors
        double whole = LocalIntervals.scale(y, 1);
        double calm = LocalIntervals.scale(Arrays.copyOf(y, y.length - horizon - 2 * gap), 1);
        assertTrue(whole > 4 * calm, whole + " vs " + calm);
    }
}
