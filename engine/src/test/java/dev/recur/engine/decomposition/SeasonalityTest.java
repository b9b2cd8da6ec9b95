package dev.recur.engine.decomposition;

import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Theta;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Multiplicative seasonal indices from a centred moving average (R's {@code decompose}). */
class SeasonalityTest {

    /**
     * A seasonal count with a closed season (zeros, as 61 of the tourism competition's 366 monthly series have) is
     * still deseasonalised, as R's {@code decompose} and {@code thetaf} do: Theta then continues the season instead
     * of drawing a flat line through it. A negative value rules the multiplicative season out.
     */
    @Test
    void seasonalIndicesAllowZeros() {
        double[] pattern = {0.2, 2, 5, 9, 5, 2, 0.5, 0.3, 1, 3, 4, 1};
        double[] y = new double[96];
        for (int i = 0; i < y.length; i++) {
            boolean closed = (i % 12 == 0 && i < 36) || (i % 12 == 7 && i >= 12 && i < 48);
            y[i] = closed ? 0 : (100 + i) * pattern[i % 12];
        }
        double[] si = Seasonality.multiplicativeIndices(y, 12);
        assertTrue(si[3] > 10 * si[0], "the peak month against the quietest: " + Arrays.toString(si));
        double[] f = new Theta().forecast(List.of(TimeSeries.ofSteps("s", y, 1)), 12, 12, Forecaster.Progress.NONE).get(0);
        assertTrue(f[3] > 10 * f[0], "Theta continues the season: " + Arrays.toString(f));
        double[] closedMonth = y.clone();
        for (int i = 0; i < y.length; i += 12) {
            closedMonth[i] = 0;
        }
        assertNull(Seasonality.multiplicativeIndices(closedMonth, 12), "a month that is always 0 cannot be divided out");
        y[5] = -1;
        assertNull(Seasonality.multiplicativeIndices(y, 12));
    }

    /** Classical decomposition recovers the season of a straight line plus a season exactly. */
    @Test
    void seasonalIndicesOfALinePlusASeason() {
        double[] pattern = {3, -1, 4, -6};
        double[] add = new double[14];
        double[] mul = new double[14];
        for (int i = 0; i < add.length; i++) {
            add[i] = 5 + 0.5 * i + pattern[i % 4];
            mul[i] = 20 * (1 + pattern[i % 4] / 10);
        }
        assertArrayEquals(pattern, Seasonality.indices(add, 4, false), 1e-12);
        double[] ratio = Seasonality.indices(mul, 4, true);
        for (int j = 0; j < 4; j++) {
            assertEquals(1 + pattern[j] / 10, ratio[j], 1e-12);
        }
        assertThrows(IllegalArgumentException.class, () -> Seasonality.indices(Arrays.copyOf(add, 5), 4, false));
    }
}
