package dev.recur.engine.forecast;

import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Baselines;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forecasts of never-negative series floored at zero, and backtests scored the same way. */
class NonNegativityTest {

    @Test
    void onlySeriesThatWereNeverNegativeAreFloored() {
        assertTrue(NonNegativity.applies(TimeSeries.ofSteps("zeros", new double[]{0, 0, 3, 0}, 1)));
        assertFalse(NonNegativity.applies(TimeSeries.ofSteps("dip", new double[]{5, 4, -0.001, 6}, 1)));

        double[] lower = {-3, 0.5, Double.NaN};
        Forecast f = new Forecast("a", new double[]{-1, 2, -0.0}, Map.of(80, new double[][]{lower, {-0.5, 4, 7}}));
        Forecast floored = NonNegativity.floor(f);
        assertArrayEquals(new double[]{0, 2, 0}, floored.point(), "-0 becomes 0 (which is written as 0, not -0)");
        assertArrayEquals(new double[]{0, 0.5, Double.NaN}, floored.lower(80), "an uncalibrated bound stays NaN");
        assertArrayEquals(new double[]{0, 4, 7}, floored.upper(80));
        assertArrayEquals(new double[]{-3, 0.5, Double.NaN}, f.lower(80), "the input is left as it was");
        assertEquals(-1, f.point()[0]);

        List<TimeSeries> history = List.of(TimeSeries.ofSteps("a", new double[]{1, 0}, 1),
                TimeSeries.ofSteps("b", new double[]{1, -1}, 1));
        Forecast g = new Forecast("b", new double[]{-2, -3, -4}, Map.of());
        List<Forecast> out = NonNegativity.apply(history, List.of(f, g));
        assertArrayEquals(new double[]{0, 2, 0}, out.get(0).point());
        assertSame(g, out.get(1), "a series with a negative value keeps its forecast");
        assertThrows(IllegalArgumentException.class, () -> NonNegativity.apply(history, List.of(f)));
    }

    /**
     * Drift on sales that fall towards zero forecasts below it. Scored as output (floored), every forecast is at
     * least zero, the MASE is lower, and the coverage of the never-negative actuals does not fall while the interval
     * score improves; the series that dipped below zero once is scored as before.
     */
    @Test
    void backtestsScoreTheFlooredForecastsAsOutput() {
        double[] falling = new double[48];
        double[] dipped = new double[48];
        java.util.Random r = new java.util.Random(5);
        for (int t = 0; t < falling.length; t++) {
            falling[t] = Math.max(0, 120 - 3.2 * t + 4 * r.nextGaussian());
            dipped[t] = 60 - 2.5 * t + 3 * r.nextGaussian();
        }
        dipped[3] = -1;
        List<TimeSeries> panel = List.of(TimeSeries.ofSteps("falling", falling, 1), TimeSeries.ofSteps("dipped", dipped, 1));
        Forecaster drift = Baselines.byName("drift");
        int[] levels = {80, 95};
        Backtest.Result raw = Backtest.run(drift, panel, 12, 1, 3, 6, levels, true, false, Forecaster.Progress.NONE);
        Backtest.Result out = Backtest.run(drift, panel, 12, 1, 3, 6, levels, true, true, Forecaster.Progress.NONE);
        boolean anyNegative = false;
        for (int k = 0; k < raw.forecasts().size(); k++) {
            Forecast a = raw.forecasts().get(k).get(0);
            Forecast b = out.forecasts().get(k).get(0);
            for (int h = 0; h < 12; h++) {
                anyNegative |= a.point()[h] < 0;
                assertEquals(Math.max(0, a.point()[h]), b.point()[h], 0);
                assertEquals(Math.max(0, a.lower(95)[h]), b.lower(95)[h], 0);
                assertEquals(Math.max(0, a.upper(95)[h]), b.upper(95)[h], 0);
            }
            assertArrayEquals(raw.forecasts().get(k).get(1).point(), out.forecasts().get(k).get(1).point(), 0);
        }
        assertTrue(anyNegative, "the test needs drift to forecast below zero");
        assertTrue(out.mase() < raw.mase(), out.mase() + " vs " + raw.mase());
        for (int level : levels) {
            // the actuals of zero below an interval that lay wholly below zero are now inside [0, 0]
            assertTrue(out.coverage().get(level) >= raw.coverage().get(level), out.coverage() + " vs " + raw.coverage());
        }
        assertTrue(out.msis().get(95) < raw.msis().get(95), out.msis() + " vs " + raw.msis());
    }
}
