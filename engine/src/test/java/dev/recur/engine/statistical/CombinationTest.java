package dev.recur.engine.statistical;

import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CombinationTest {

    /** A member that forecasts each series as a fixed path shifted to start from its last value plus a step. */
    private record Path(String name, double step) implements Forecaster {
        @Override
        public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
            List<double[]> out = new ArrayList<>();
            for (TimeSeries s : history) {
                double last = s.values()[s.length() - 1];
                double[] f = new double[horizon];
                for (int h = 0; h < horizon; h++) {
                    f[h] = last + step * (h + 1);
                }
                out.add(f);
            }
            return out;
        }
    }

    private static double[] mean(double[]... fs) {
        double[] m = new double[fs[0].length];
        for (double[] f : fs) {
            for (int h = 0; h < m.length; h++) {
                m[h] += f[h];
            }
        }
        for (int h = 0; h < m.length; h++) {
            m[h] /= fs.length;
        }
        return m;
    }

    /**
     * Of a series with no value at or below 0, a member that forecasts 0 or below is left out of the mean while another
     * stays above; a series with a 0, or one that every member runs below zero, gets the mean of all.
     */
    @Test
    void ofAPositiveSeriesTheMembersThatForecastBelowZeroAreLeftOut() {
        Forecaster flat = new Path("flat", 0);
        Forecaster rising = new Path("rising", 1);
        Forecaster falling = new Path("falling", -4);
        Combination comb = new Combination("comb", List.of(flat, rising, falling));
        TimeSeries positive = TimeSeries.ofSteps("p", new double[]{20, 16, 14, 12, 10}, 0);
        TimeSeries withZero = TimeSeries.ofSteps("z", new double[]{0, 16, 14, 12, 10}, 0);
        TimeSeries low = TimeSeries.ofSteps("l", new double[]{9, 7, 5, 3, 1}, 0);
        List<double[]> got = comb.forecast(List.of(positive, withZero, low), 3, 1, Forecaster.Progress.NONE);
        double[] a = {10, 10, 10};
        double[] b = {11, 12, 13};
        double[] c = {6, 2, -2};
        assertArrayEquals(mean(a, b), got.get(0), 1e-12, "the falling member is left out of the positive series' mean");
        assertArrayEquals(mean(a, b, c), got.get(1), 1e-12, "a series with a 0 keeps every member");
        // the falling member runs 'low' below zero, the others stay above: it is left out there too
        assertArrayEquals(mean(new double[]{1, 1, 1}, new double[]{2, 3, 4}), got.get(2), 1e-12);
        Combination onlyFalling = new Combination("comb", List.of(falling, new Path("steep", -8)));
        double[] all = onlyFalling.forecast(List.of(positive), 3, 1, Forecaster.Progress.NONE).get(0);
        assertArrayEquals(mean(c, new double[]{2, -6, -14}), all, 1e-12, "where every member falls, all count");
        assertEquals(3, got.size());
    }
}
