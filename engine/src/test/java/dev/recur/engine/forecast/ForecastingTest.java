package dev.recur.engine.forecast;

import dev.recur.engine.ClassicSeries;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.Metrics;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Baselines;
import dev.recur.engine.statistical.ExponentialSmoothing;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The network's default window and its series; backtests and automatic selection on the classic series; the
 * conformal quantile and the normal-theory widths of few calibration windows. (The measures, the baselines, ETS and
 * Theta are tested in their own packages.)
 */
class ForecastingTest {

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
    void backtestAndAutoSelection() throws IOException {
        double[] y = ClassicSeries.values("mauna-loa-co2");
        List<TimeSeries> s = List.of(TimeSeries.ofSteps("co2", Arrays.copyOf(y, y.length - 24), 1));
        Backtest.Result naive = Backtest.run(Baselines.naive(), s, 24, 12, 3, 24, Forecaster.Progress.NONE);
        assertEquals(3, naive.windows().size());
        assertEquals(24, naive.windows().get(0).cut());
        assertEquals(72, naive.windows().get(2).cut());
        AutoForecaster auto = new AutoForecaster(List.of(Baselines.naive(), Baselines.seasonalNaive(), new ExponentialSmoothing()), 3);
        Forecaster chosen = auto.select(s, 24, 12, Forecaster.Progress.NONE);
        assertEquals("ets", chosen.name(), auto.explanation());
        assertTrue(auto.explanation().matches("auto chose ets: lowest backtest MASE [0-9.]+ over 3 windows of 24 steps "
                + "\\((snaive|naive) [0-9.]+, (snaive|naive) [0-9.]+\\)"), auto.explanation());
        assertThrows(IllegalArgumentException.class, () -> Backtest.run(Baselines.naive(),
                List.of(TimeSeries.ofSteps("x", new double[]{1, 2, 3}, 1)), 24, 12, 3, 24, Forecaster.Progress.NONE));
    }

    /**
     * A young series of a panel neither stops a backtest nor cuts the other series' origins to its own: each
     * series takes part in the origins its length affords, one too short for any is left out and named, and every
     * forecast scored is the one the method makes from that series' own history before the origin (ETS is local,
     * so the panel's backtest must give each series exactly what its backtest alone gives). The overall scores are
     * the mean over the forecasts scored, worked out here from the series' values.
     */
    @Test
    void backtestTakesEachSeriesAtTheOriginsItAffords() throws IOException {
        double[] air = ClassicSeries.values("air-passengers");
        double[] co2 = ClassicSeries.values("mauna-loa-co2");
        int horizon = 6;
        int season = 12;
        Forecaster ets = new ExponentialSmoothing();
        int need = ets.minimumLength(horizon, season);
        List<TimeSeries> panel = List.of(
                TimeSeries.ofSteps("long", air, 1),
                TimeSeries.ofSteps("young", Arrays.copyOf(co2, need + horizon + horizon), 1),  // two origins
                TimeSeries.ofSteps("newborn", Arrays.copyOf(co2, need + horizon - 1), 1));      // none
        Backtest.Result r = Backtest.run(ets, panel, horizon, season, 3, horizon, Forecaster.Progress.NONE);
        assertEquals(3, r.windows().size());
        assertArrayEquals(new int[]{3, 2, 0}, r.origins());
        assertEquals(List.of("newborn"), r.leftOut());
        assertFalse(r.complete());
        assertEquals(List.of(2, 2, 1), r.windows().stream().map(Backtest.Window::series).toList());
        double smape = 0;
        double mase = 0;
        int cases = 0;
        for (int i = 0; i < 2; i++) {
            Backtest.Result alone = Backtest.run(ets, List.of(panel.get(i)), horizon, season, 3, horizon,
                    Forecaster.Progress.NONE);
            assertEquals(r.origins()[i], alone.windows().size());
            double seriesMase = 0;
            for (int k = 0; k < r.origins()[i]; k++) {
                double[] p = r.forecasts().get(k).get(i).point();
                assertArrayEquals(alone.forecasts().get(k).get(0).point(), p, 0);
                double[] y = panel.get(i).values();
                int origin = y.length - horizon * (k + 1);
                double[] actual = Arrays.copyOfRange(y, origin, origin + horizon);
                double m = Metrics.mase(Arrays.copyOf(y, origin), actual, p, season);
                assertEquals(m, r.caseMase()[k][i], 1e-12);
                smape += Metrics.smape(actual, p);
                mase += m;
                seriesMase += m / r.origins()[i];
                cases++;
            }
            assertEquals(seriesMase, r.seriesMase()[i], 1e-12);
        }
        assertNull(r.forecasts().get(2).get(1), "the young series is not at the earliest origin");
        assertTrue(Double.isNaN(r.caseMase()[2][1]));
        assertTrue(Double.isNaN(r.seriesMase()[2]), "the newborn series has no backtest");
        assertEquals(5, cases);
        assertEquals(smape / cases, r.smape(), 1e-12);
        assertEquals(mase / cases, r.mase(), 1e-12);

        // with every series at every origin, the overall score is the mean of the origins' means, as it always was
        Backtest.Result whole = Backtest.run(ets, panel.subList(0, 2), horizon, season, 2, horizon,
                Forecaster.Progress.NONE);
        assertTrue(whole.complete());
        assertEquals((whole.windows().get(0).mase() + whole.windows().get(1).mase()) / 2, whole.mase(), 0);

        // nothing long enough: one line that says what one origin needs and what the longest series has
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backtest.run(ets,
                panel.subList(2, 3), horizon, season, 3, horizon, Forecaster.Progress.NONE));
        assertEquals("the series are too short to backtest ets over 6 steps: one origin needs " + (need + horizon)
                + " values, and the longest series has " + (need + horizon - 1), e.getMessage());
    }

    /**
     * A backtest's MSIS is the mean over series and origins of each forecast's scaled interval score, worked out
     * here from the backtest's own forecasts and the series' values, with the seasonal MASE scale of the history
     * before each origin.
     */
    @Test
    void backtestIntervalScoreByHand() throws IOException {
        double[] co2 = ClassicSeries.values("mauna-loa-co2");
        double[] air = ClassicSeries.values("air-passengers");
        List<TimeSeries> s = List.of(TimeSeries.ofSteps("co2", Arrays.copyOf(co2, 200), 1),
                TimeSeries.ofSteps("air", air, 1));
        int horizon = 6;
        int season = 12;
        int[] levels = {80, 95};
        Backtest.Result r = Backtest.run(Baselines.seasonalNaive(), s, horizon, season, 2, 6, levels,
                Forecaster.Progress.NONE);
        for (int level : levels) {
            double sum = 0;
            int cases = 0;
            for (int k = 0; k < r.windows().size(); k++) {
                int cut = r.windows().get(k).cut();
                for (int i = 0; i < s.size(); i++) {
                    double[] y = s.get(i).values();
                    int origin = y.length - cut;
                    double scale = 0;
                    for (int t = season; t < origin; t++) {
                        scale += Math.abs(y[t] - y[t - season]);
                    }
                    scale /= origin - season;
                    Forecast f = r.forecasts().get(k).get(i);
                    double score = 0;
                    for (int h = 0; h < horizon; h++) {
                        double lo = f.lower(level)[h];
                        double hi = f.upper(level)[h];
                        double a = y[origin + h];
                        double fine = 2 / (1 - level / 100.0);
                        score += hi - lo + (a < lo ? fine * (lo - a) : 0) + (a > hi ? fine * (a - hi) : 0);
                    }
                    sum += score / horizon / scale;
                    cases++;
                }
            }
            assertEquals(4, cases);
            assertEquals(sum / cases, r.msis().get(level), 1e-9 * sum / cases, "MSIS at " + level + "%");
        }
        assertTrue(r.msis().get(95) > 0 && r.msis().get(80) > 0);
    }

    @Test
    void conformalQuantileIsTheFiniteSampleRank() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertEquals(8, ConformalCalibration.quantile(sorted, 0.8), 0, "ceil(10*0.8)=8th");
        assertEquals(9, ConformalCalibration.quantile(sorted, 0.95), 0, "capped at the largest");
    }

    /**
     * A network's calibration windows too few for a finite conformal quantile at 95% (fewer than 19: a network
     * trained on one short series) give the normal-theory widths of the local methods' backtests, which nest by level
     * and grow with the step, instead of the largest residual at both levels; with enough windows the conformal
     * quantiles stand.
     */
    @Test
    void fewCalibrationWindowsGiveNormalTheoryWidths() {
        int horizon = 4;
        int[] levels = {80, 95};
        java.util.Random rnd = new java.util.Random(1);
        double[][] z = new double[40][horizon];
        for (double[] row : z) {
            for (int h = 0; h < horizon; h++) {
                row[h] = rnd.nextGaussian() * Math.sqrt(h + 1.0);
            }
        }
        float[][] median = new float[40][horizon];
        for (int count : new int[]{8, 40}) {
            double[][] w = ConformalCalibration.widths(median, (i, h) -> z[i][h], count, levels, horizon, 1, 1, null);
            double[][] byStep = new double[horizon][];
            double[][] conformal = new double[levels.length][horizon];
            for (int h = 0; h < horizon; h++) {
                double[] e = new double[count];
                for (int i = 0; i < count; i++) {
                    e[i] = Math.abs(z[i][h]);
                }
                Arrays.sort(e);
                byStep[h] = e;
                for (int l = 0; l < levels.length; l++) {
                    conformal[l][h] = ConformalCalibration.quantile(e, levels[l] / 100.0);
                }
            }
            if (count < 19) {
                double[][] expected = new double[levels.length][horizon];
                LocalIntervals.fewErrorSteps(byStep, levels, expected);
                for (int h = 0; h < horizon; h++) {
                    assertEquals(expected[0][h], w[0][h], 1e-12);
                    assertEquals(expected[1][h], w[1][h], 1e-12);
                    assertTrue(w[0][h] < w[1][h], "80% inside 95% at step " + (h + 1));
                    assertTrue(h == 0 || w[1][h] >= w[1][h - 1], "growing with the step");
                    assertEquals(byStep[h][count - 1], conformal[1][h], 0, "the largest residual at 95% before");
                }
            } else {
                for (int l = 0; l < levels.length; l++) {
                    assertArrayEquals(conformal[l], w[l], 0);
                }
            }
        }
    }
}
