package dev.recur.engine.numeric;

import dev.recur.engine.neural.ForecasterSettings;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Arima;
import dev.recur.engine.statistical.Baselines;
import dev.recur.engine.statistical.Combination;
import dev.recur.engine.statistical.ExponentialSmoothing;
import dev.recur.engine.statistical.Theta;
import dev.recur.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Forecasts do not depend on the unit: a series multiplied by a power of two far beyond ordinary units gets exactly
 * the forecast of the series, multiplied by the same power ({@link ExtremeUnits}).
 */
class ExtremeUnitsTest {

    /** Powers of two beyond {@link ExtremeUnits#BOUND} either way, whose products stay normal doubles. */
    private static final int[] POWERS = {-900, -300, 300, 900};

    /** Trending seasonal series with noise, each with its largest magnitude in [1, 2), so in ordinary units. */
    private static List<TimeSeries> panel(int count, int length, boolean negative) {
        Random r = new Random(11);
        List<TimeSeries> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double[] y = new double[length];
            for (int t = 0; t < length; t++) {
                y[t] = 50 + 5 * i + 0.4 * t + 6 * Math.sin(2 * Math.PI * t / 4) + r.nextGaussian()
                        - (negative && i == 0 ? 120 : 0);
            }
            double largest = 0;
            for (double v : y) {
                largest = Math.max(largest, Math.abs(v));
            }
            out.add(TimeSeries.ofSteps("s" + i, ExtremeUnits.scaled(y, -Math.getExponent(largest)), 1));
        }
        return out;
    }

    private static List<TimeSeries> times(List<TimeSeries> panel, int k) {
        List<TimeSeries> out = new ArrayList<>();
        for (TimeSeries s : panel) {
            out.add(TimeSeries.ofSteps(s.id(), ExtremeUnits.scaled(s.values(), k), 1));
        }
        return out;
    }

    /**
     * ETS, Theta, ARIMA, M4's Naive2 and their combination, seasonal and not. Without the rescaling, ARIMA
     * forecast zeros for values near 1e-271 and ETS and Theta moved with the unit.
     */
    @Test
    void theStatisticalMethodsForecastTheSameInAnyUnit() {
        List<TimeSeries> panel = panel(3, 48, false);
        List<Forecaster> methods = List.of(new ExponentialSmoothing(), new Theta(), new Arima(), Baselines.naive2(),
                Combination.standard());
        for (int season : new int[]{1, 4}) {
            for (Forecaster method : methods) {
                List<double[]> ordinary = method.forecast(panel, 6, season, Forecaster.Progress.NONE);
                for (int k : POWERS) {
                    List<double[]> extreme = method.forecast(times(panel, k), 6, season, Forecaster.Progress.NONE);
                    for (int s = 0; s < panel.size(); s++) {
                        assertArrayEquals(ExtremeUnits.scaled(ordinary.get(s), k), extreme.get(s), 0,
                                method.name() + " at season " + season + ", unit 2^" + k + ", series " + s);
                    }
                }
            }
        }
    }

    /**
     * The network without logs (a panel with a negative series) normalises each window by its standard deviation,
     * whose squares underflowed below about 1e-154: a window of values near 1e-181 got a spread of 0, was scaled by
     * 1, and its forecast was the level plus the network's output in units 1e181 times the series' own.
     */
    @Test
    void theNetworkWithoutLogsForecastsTheSameInTinyUnits() {
        List<TimeSeries> panel = panel(3, 60, true);
        // and 2^110, beyond the bound but within the network's float32 range of ±1e38
        for (int k : new int[]{-600, 110}) {
            List<Forecast> ordinary = network().forecast(panel, 4, 1, new int[]{80}, Forecaster.Progress.NONE);
            List<Forecast> extreme = network().forecast(times(panel, k), 4, 1, new int[]{80}, Forecaster.Progress.NONE);
            for (int s = 0; s < panel.size(); s++) {
                double[] expected = ExtremeUnits.scaled(ordinary.get(s).point(), k);
                double[] actual = extreme.get(s).point();
                for (int h = 0; h < expected.length; h++) {
                    assertEquals(expected[h], actual[h], 1e-9 * Math.abs(expected[h]), "unit 2^" + k + ", series " + s
                            + ", step " + h);
                }
            }
        }
    }

    private static RecurrentForecaster network() {
        return new RecurrentForecaster(ForecasterSettings.builder().cell(CellType.GRU).hidden(8).layers(1)
                .ensemble(1).training(TrainingConfig.builder().epochs(3).seed(5).build()).build());
    }

    @Test
    void ordinaryUnitsAreLeftAsTheyAre() {
        assertEquals(0, ExtremeUnits.exponent(new double[]{0x1p100, -3, 0}));
        assertEquals(0, ExtremeUnits.exponent(new double[]{0x1p-100, 0}));
        assertEquals(0, ExtremeUnits.exponent(new double[]{0, 0, Double.NaN}));
        assertEquals(-101, ExtremeUnits.exponent(new double[]{0x1.8p101, Double.POSITIVE_INFINITY}));
        assertEquals(101, ExtremeUnits.exponent(new double[]{-0x1p-101}));
        assertEquals(1074, ExtremeUnits.exponent(new double[]{Double.MIN_VALUE}));
        assertEquals(1023, ExtremeUnits.exponent(new double[]{0x1.fp-1023}));
    }
}
