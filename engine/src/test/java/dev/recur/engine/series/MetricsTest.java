package dev.recur.engine.series;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The forecast measures (sMAPE, MASE, coverage, the interval score) against hand computation. */
class MetricsTest {

    @Test
    void metricsByHand() {
        double[] y = {100, 200};
        double[] f = {110, 180};
        assertEquals(100 * (10.0 / 210 + 20.0 / 380), Metrics.smape(y, f), 1e-12);
        assertEquals(15, Metrics.mae(y, f), 1e-12);
        assertEquals(Math.sqrt((100 + 400) / 2.0), Metrics.rmse(y, f), 1e-12);
        assertEquals(100 * (0.1 + 0.1) / 2, Metrics.mape(y, f), 1e-12);
        double[] hist = {1, 2, 4, 7};
        assertEquals((3 + 5) / 2.0, Metrics.maseScale(hist, 2), 1e-12);
        assertEquals(15 / 4.0, Metrics.mase(hist, y, f, 2), 1e-12);
        assertEquals(0.5 * (10.0 / 20 + 1.0 / 2), Metrics.owa(10, 1, 20, 2), 1e-12);
        assertEquals(0.5, Metrics.coverage(y, new double[]{90, 210}, new double[]{105, 230}), 1e-12);
        // an interval of no width covers the value its point gives to within rounding, not a value a little off
        double below = 6.999999999999997;
        assertEquals(1, Metrics.coverage(new double[]{7, 7}, new double[]{below, 7}, new double[]{below, 7}), 0);
        assertEquals(0, Metrics.coverage(new double[]{7.000001, 0.001}, new double[]{7, 0}, new double[]{7, 0}), 0);
        // 80%: fined 2 / 0.2 = 10 per unit of miss; the first value inside (width 15), the second 10 below (width 20)
        assertEquals((15 + (20 + 10 * 10)) / 2.0 / 4, Metrics.msis(hist, y, new double[]{90, 210}, new double[]{105, 230},
                80, 2), 1e-12);
        // 95%: fined 40 per unit, on both sides
        assertEquals(((10 + 40 * 5) + (10 + 40 * 3)) / 2.0 / 4, Metrics.msis(hist, y, new double[]{105, 187},
                new double[]{115, 197}, 95, 2), 1e-12);
        assertEquals((0.9 * 0 + 0.1 * 10 + 0.9 * 20) / 2, Metrics.pinball(y, f, 0.9), 1e-12);
        assertEquals(0, Metrics.smape(new double[]{0}, new double[]{0}), 0, "0/0 counts as 0");
        assertThrows(IllegalArgumentException.class, () -> Metrics.mae(y, new double[1]));
    }
}
