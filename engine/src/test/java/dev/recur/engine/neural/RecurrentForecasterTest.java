package dev.recur.engine.neural;

import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The network's default window, and the series a named network forecasts. */
class RecurrentForecasterTest {

    /**
     * The default window holds a week when the season is a day of hourly or finer data, one season (or one horizon,
     * whichever is longer) for any other season above 24, two seasons (or one horizon) for a season up to 24, and two
     * horizons (at least 3 values) without one: when the rule was {@code season >= 24}, a weekly season of 52 got 364
     * weeks (seven years) and an hourly one of 168 seven weeks; when it was three seasons or two horizons for every
     * season, quarterly data with a horizon of 8 got 16 quarters, monthly with a horizon of 18 got 36 months; when it
     * was two seasons for every season, weekly data got 104 weeks, and a series needed 137 to reach the network.
     * No default window is longer than a week of quarter-hours (672): one-minute data got a week, 10,080 values.
     */
    @ParameterizedTest
    @CsvSource({
        "48, 24, 168",     // hourly: a week
        "48, 48, 336",     // half-hourly: a week
        "48, 168, 168",    // hourly with a weekly season: a week, as with a daily one (1176, 504, 336 before)
        "48, 96, 672",     // quarter-hourly: a week
        "13, 52, 52",      // weekly: a year (three, 156, then two, 104, before)
        "60, 52, 60",      // weekly with a horizon longer than a year: one horizon
        "24, 24, 168",     // a season of 24 is a day of hourly data: a week
        "12, 25, 25",      // the shortest season above 24: one season
        "14, 7, 14",       // daily: two weeks, one horizon (two horizons, 28, before)
        "18, 12, 24",      // monthly: two years (three, 36, before)
        "24, 12, 24",      // monthly with a horizon of two years: one horizon (two, 48, before)
        "8, 4, 8",         // quarterly: two years, one horizon (two horizons, 16, before)
        "30, 4, 30",       // quarterly with a horizon longer than two seasons: one horizon
        "8, 1, 16",        // no season: two horizons
        "1, 1, 3",         // no season, one step: three values
        "6, 0, 12",        // season unknown (0) as none: two horizons
        "30, 365, 365",    // daily with a yearly season: a year (two, 730, before)
        "48, 288, 672",    // five-minute: at most a week of quarter-hours (a week, 2016, before)
        "60, 1440, 672",   // one-minute: the same (10,080 before: hours of training for one series)
        "800, 1000, 672",  // a horizon beyond the longest default window does not lengthen it
    })
    void defaultWindowBySeason(int horizon, int season, int window) {
        RecurrentForecaster f = new RecurrentForecaster(ForecasterSettings.builder().build());
        assertEquals(window, f.window(horizon, season, Integer.MAX_VALUE));
        int enough = window + 2 * horizon + RecurrentForecaster.MIN_TRAIN - 1;
        assertEquals(window, f.window(horizon, season, enough));
        assertEquals(window - 1, f.window(horizon, season, enough - 1), "shortened to the room the shortest series leaves");
    }

    /**
     * A network the user names ({@code --model gru}, {@code recur train}): trained, as the default model's network, on
     * the series that hold its full window, its window unshortened by a young series, it forecasts those; the others
     * get no forecast (null, for the fallback), each with its reason. When no series holds the full window, it trains
     * on and forecasts every series long enough for a network, the window shortened to fit.
     */
    @Test
    void aNamedNetworkForecastsTheSeriesOfItsFullWindow() {
        int h = 2;  // no season: a window of 4, a full window of 4 + 4 + 7 = 15, at least 13 values for a network
        RecurrentForecaster f = new RecurrentForecaster(ForecasterSettings.builder().hidden(4).layers(1).ensemble(1)
                .training(dev.recur.engine.train.TrainingConfig.builder().epochs(2).seed(3).build()).build());
        assertEquals(15, f.fullWindowLength(h, 1));
        assertEquals(13, f.minimumLength(h, 1));
        Random r = new Random(4);
        java.util.function.BiFunction<String, Integer, TimeSeries> series = (id, n) -> {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = 100 + i + 5 * r.nextGaussian();
            }
            return TimeSeries.ofSteps(id, y, 1);
        };
        TimeSeries longOne = series.apply("long", 40);
        TimeSeries fifteen = series.apply("fifteen", 15);
        TimeSeries thirteen = series.apply("thirteen", 13);
        double[] fifties = new double[20];
        Arrays.fill(fifties, 50);
        TimeSeries flat = TimeSeries.ofSteps("flat", fifties, 1);
        TimeSeries five = series.apply("five", 5);
        List<TimeSeries> panel = List.of(longOne, fifteen, thirteen, flat, five);
        assertEquals(List.of(longOne, fifteen), f.trainingSeries(panel, h, 1));
        List<Forecast> fc = f.forecastTrainingSeries(panel, h, 1, new int[]{80}, Forecaster.Progress.NONE);
        assertEquals(4, f.fitted().window(), "not shortened to the 2 that the 13 values leave room for");
        assertEquals(2, f.window(h, 1, 13));
        assertEquals(5, fc.size());
        for (int i : new int[]{0, 1}) {
            assertArrayEquals(f.fitted().forecast(List.of(panel.get(i))).get(0).point(), fc.get(i).point(), 0);
            assertNull(f.whyNotTrainedOn(panel.get(i), h, 1));
        }
        assertNull(fc.get(2));
        assertNull(fc.get(3));
        assertNull(fc.get(4));
        assertEquals("series 'thirteen' has 13 values, fewer than the 15 of the network's full window",
                f.whyNotTrainedOn(thirteen, h, 1));
        assertEquals("series 'flat' is constant", f.whyNotTrainedOn(flat, h, 1));
        assertEquals("series 'five' has 5 values; gru needs at least 13 for horizon 2", f.whyNotTrainedOn(five, h, 1));
        // without a series that holds the full window: every series a network takes, its window shortened
        List<Forecast> young = f.forecastTrainingSeries(List.of(thirteen, flat, five), h, 1, new int[0],
                Forecaster.Progress.NONE);
        assertEquals(2, f.fitted().window());
        assertTrue(young.get(0) != null && young.get(1) != null && young.get(2) == null, young.toString());
    }

    @Test
    void anEpochOfLongWindowsDrawsFewerOfThemForTheSameSteps() {
        dev.recur.engine.train.TrainingConfig t = dev.recur.engine.train.Defaults.training().build();
        assertEquals(30000, t.samplesPerEpoch());
        assertTrue(t == RecurrentForecaster.epochInSteps(t, 168), "a week of hours: as configured");
        assertTrue(t == RecurrentForecaster.epochInSteps(t, 24));
        dev.recur.engine.train.TrainingConfig half = RecurrentForecaster.epochInSteps(t, 336);
        assertEquals(15000, half.samplesPerEpoch());
        assertEquals(t.epochs(), half.epochs());
        assertEquals(t.seed(), half.seed());
        assertEquals(t.emaDecay(), half.emaDecay());
        assertEquals(t.loss().getClass(), half.loss().getClass());
        assertEquals(7500, RecurrentForecaster.epochInSteps(t, 672).samplesPerEpoch());
        assertEquals(1, RecurrentForecaster.epochInSteps(t.toBuilder().samplesPerEpoch(3).build(), 672)
                .samplesPerEpoch(), "at least one window");
        dev.recur.engine.train.TrainingConfig all = t.toBuilder().samplesPerEpoch(0).build();
        assertTrue(all == RecurrentForecaster.epochInSteps(all, 672), "every window, as asked");
    }
}
