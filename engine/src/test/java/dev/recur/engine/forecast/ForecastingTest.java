package dev.recur.engine.forecast;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Metrics against hand computation; baselines, ETS and Theta against R's {@code forecast} package on the
 * classic series (MASE with the last h points held out, as published in the datasets' README); backtests
 * and automatic selection.
 */
class ForecastingTest {

    static double[] classic(String name) throws IOException {
        List<Double> v = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ForecastingTest.class.getResourceAsStream("/classic/" + name + ".csv"), StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                v.add(Double.parseDouble(line.split(",")[1]));
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double heldOutMase(Forecaster f, String name, int h, int m) throws IOException {
        double[] y = classic(name);
        double[] train = Arrays.copyOf(y, y.length - h);
        double[] test = Arrays.copyOfRange(y, y.length - h, y.length);
        double[] p = f.forecast(List.of(TimeSeries.ofSteps(name, train, 1)), h, m, Forecaster.Progress.NONE).get(0);
        return Metrics.mase(train, test, p, m);
    }

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
    void simpleBaselines() {
        List<TimeSeries> s = List.of(TimeSeries.ofSteps("a", new double[]{1, 2, 3, 4, 5, 6}, 1));
        assertArrayEquals(new double[]{6, 6, 6}, Baselines.naive().forecast(s, 3, 1, Forecaster.Progress.NONE).get(0));
        assertArrayEquals(new double[]{5, 6, 5}, Baselines.seasonalNaive().forecast(s, 3, 2, Forecaster.Progress.NONE).get(0));
        assertArrayEquals(new double[]{7, 8, 9}, Baselines.drift().forecast(s, 3, 1, Forecaster.Progress.NONE).get(0), 1e-12);
        assertArrayEquals(new double[]{3.5, 3.5}, Baselines.mean().forecast(s, 2, 1, Forecaster.Progress.NONE).get(0), 1e-12);
    }

    @Test
    void naive2DividesOutAnExactMultiplicativeSeason() {
        double[] pattern = {0.8, 1.0, 1.3, 0.9};
        double[] y = new double[40];
        for (int i = 0; i < y.length; i++) {
            y[i] = 50 * pattern[i % 4];
        }
        double[] si = Seasonality.multiplicativeIndices(y, 4);
        double mean = Arrays.stream(pattern).average().orElseThrow();
        for (int i = 0; i < 4; i++) {
            assertEquals(pattern[i] / mean, si[i], 1e-12);
        }
        double[] f = Baselines.naive2().forecast(List.of(TimeSeries.ofSteps("s", y, 1)), 6, 4, Forecaster.Progress.NONE).get(0);
        for (int h = 0; h < 6; h++) {
            assertEquals(y[(40 + h) % 4], f[h], 1e-9);
        }
        Random r = new Random(1);
        double[] noise = new double[200];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = 10 + r.nextGaussian();
        }
        assertFalse(Seasonality.isSeasonal(noise, 12), "white noise is not seasonal");
        assertNull(Seasonality.multiplicativeIndices(noise, 12));
    }

    @Test
    void etsRecoversNoiselessTrendAndSeason() {
        double[] line = new double[30];
        double[] seasonal = new double[48];
        for (int i = 0; i < line.length; i++) {
            line[i] = 10 + 2 * i;
        }
        for (int i = 0; i < seasonal.length; i++) {
            seasonal[i] = 100 + new double[]{5, -3, 8, -10}[i % 4];
        }
        ExponentialSmoothing ets = new ExponentialSmoothing();
        double[] f = ets.forecast(List.of(TimeSeries.ofSteps("l", line, 1)), 5, 1, Forecaster.Progress.NONE).get(0);
        for (int h = 0; h < 5; h++) {
            assertEquals(10 + 2 * (30 + h), f[h], 0.05, "trend continued");
        }
        f = ets.forecast(List.of(TimeSeries.ofSteps("s", seasonal, 1)), 8, 4, Forecaster.Progress.NONE).get(0);
        for (int h = 0; h < 8; h++) {
            assertEquals(seasonal[(48 + h) % 4], f[h], 0.05, "season continued");
        }
    }

    /**
     * The model R's {@code forecast::ets} chose on each classic series (last h values held out), and its AICc there:
     * our maximum-likelihood fit of the same model must be at least as good. R's likelihood omits our {@code n·ln n}
     * constant (it sums squared errors where we average them), so that is added before comparing. With a single
     * simplex, three of these fits were 0.1 to 11 AICc units worse than R's.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"air-passengers,24,12,'ETS(M,Ad,M)',1117.2220", "mauna-loa-co2,24,12,'ETS(M,Ad,M)',1602.1367",
        "nottingham-temperature,24,12,'ETS(A,N,A)',1545.8556", "sunspots-monthly,24,12,'ETS(A,N,N)',42898.3070",
        "nile-flow,10,1,'ETS(M,N,N)',1303.5897"})
    void etsFitsRsChosenModelAtLeastAsWell(String name, int h, int m, String model, double rAicc) throws IOException {
        double[] all = classic(name);
        double[] y = Arrays.copyOf(all, all.length - h);
        ExponentialSmoothing.Fit fit = new ExponentialSmoothing().fits(y, m).stream()
                .filter(f -> f.label().equals(model)).findFirst().orElseThrow();
        double ours = fit.aicc() + y.length * Math.log(y.length);
        assertTrue(ours <= rAicc + 0.01, name + " " + model + ": AICc " + ours + " against R's " + rAicc);
    }

    /** On every classic series ETS forecasts the held-out values better than seasonal naive (R's MASE of it). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"air-passengers,24,12,2.494", "mauna-loa-co2,24,12,1.862", "nottingham-temperature,24,12,0.701",
        "sunspots-monthly,24,12,1.151", "nile-flow,10,1,0.968"})
    void etsBeatsSeasonalNaive(String name, int h, int m, double snaiveMase) throws IOException {
        double mase = heldOutMase(new ExponentialSmoothing(), name, h, m);
        assertTrue(mase < snaiveMase, name + ": ets MASE " + mase + " vs seasonal naive's " + snaiveMase);
    }

    /**
     * The multiplicative-error likelihood, {@code n·ln(Σ(e/μ)²/n) + 2·Σ ln|μ|}, against a direct step-by-step sum of
     * logarithms, at the series' own size and at {@code 2^±480} times it. There the product of the fitted values
     * that the likelihood keeps (as a mantissa and an exponent, so as to take one logarithm per run instead of one
     * per step) is far outside a double's range.
     */
    @Test
    void etsMultiplicativeLikelihoodAtAnyMagnitude() throws IOException {
        double[] y0 = classic("air-passengers");
        double alpha = 0.7;
        for (double c : new double[]{1, Math.scalb(1.0, 480), Math.scalb(1.0, -480)}) {
            double[] y = Arrays.stream(y0).map(v -> v * c).toArray();
            double level = y[0];
            double sse = 0;
            double logs = 0;
            for (double v : y) {
                double e = v - level;
                sse += (e / level) * (e / level);
                logs += Math.log(level);
                level += alpha * e;
            }
            double direct = y.length * Math.log(sse / y.length) + 2 * logs;
            double ours = ExponentialSmoothing.run(y, true, ExponentialSmoothing.Trend.NONE,
                    ExponentialSmoothing.Season.NONE, 1, new double[]{alpha, 0, 0, 1}, y[0], 0, new double[]{0}, 0,
                    null)[0];
            assertEquals(direct, ours, 1e-12 * Math.abs(direct), "scale " + c);
        }
    }

    /** The forecast of several models is their mean weighted by exp(−ΔAICc/2). */
    @Test
    void etsCombinesModelsWithAkaikeWeights() {
        double[] y = {10, 12, 11, 13, 12, 14, 13, 15};
        ExponentialSmoothing.Fit flat = new ExponentialSmoothing.Fit(false, ExponentialSmoothing.Trend.NONE,
                ExponentialSmoothing.Season.NONE, 50, new double[]{0.5, 0, 0, 1, 12, 0}, new double[]{0}, 1);
        ExponentialSmoothing.Fit trend = new ExponentialSmoothing.Fit(false, ExponentialSmoothing.Trend.ADDITIVE,
                ExponentialSmoothing.Season.NONE, 52, new double[]{0.5, 0.1, 0, 1, 10, 0.6}, new double[]{0}, 1);
        double[] a = ExponentialSmoothing.forecast(y, flat, 3);
        double[] b = ExponentialSmoothing.forecast(y, trend, 3);
        double wb = Math.exp(-1);
        double[] both = ExponentialSmoothing.forecast(y, List.of(flat, trend), 3);
        for (int k = 0; k < 3; k++) {
            assertEquals((a[k] + wb * b[k]) / (1 + wb), both[k], 1e-12);
        }
        assertArrayEquals(a, ExponentialSmoothing.forecast(y, List.of(flat), 3), 1e-12);
        assertTrue(b[2] - a[2] > 1, "the two models disagree enough for the weights to matter");
        assertThrows(IllegalArgumentException.class, () -> ExponentialSmoothing.forecast(y, List.of(), 3));
    }

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

    /** R's forecast::thetaf MASE on the classic series; ours must agree within 0.04. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"air-passengers,24,12,2.212", "mauna-loa-co2,24,12,0.630", "nottingham-temperature,24,12,0.604",
        "sunspots-monthly,24,12,0.461", "nile-flow,10,1,0.851"})
    void thetaAgreesWithR(String name, int h, int m, double rMase) throws IOException {
        double mase = heldOutMase(new Theta(), name, h, m);
        assertEquals(rMase, mase, 0.04, name + ": theta MASE");
    }

    @Test
    void seasonalNaiveMatchesR() throws IOException {
        assertEquals(2.494, heldOutMase(Baselines.seasonalNaive(), "air-passengers", 24, 12), 5e-4);
        assertEquals(1.862, heldOutMase(Baselines.seasonalNaive(), "mauna-loa-co2", 24, 12), 5e-4);
        assertEquals(0.968, heldOutMase(Baselines.seasonalNaive(), "nile-flow", 10, 1), 5e-4);
    }

    @Test
    void backtestAndAutoSelection() throws IOException {
        double[] y = classic("mauna-loa-co2");
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
        double[] air = classic("air-passengers");
        double[] co2 = classic("mauna-loa-co2");
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
        double[] co2 = classic("mauna-loa-co2");
        double[] air = classic("air-passengers");
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

    @Test
    void frequencyInferenceAndStepping() {
        List<java.time.LocalDateTime> hours = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hours.add(java.time.LocalDateTime.of(2024, 3, 30, 20, 0).plusHours(i));
        }
        assertEquals(Frequency.HOURLY, Frequency.infer(hours));
        assertEquals(24, Frequency.HOURLY.defaultSeason());
        assertEquals(java.time.LocalDateTime.of(2024, 3, 29, 0, 0),
                Frequency.BUSINESS_DAILY.add(java.time.LocalDateTime.of(2024, 3, 28, 0, 0), 1));
        assertEquals(java.time.LocalDateTime.of(2024, 4, 1, 0, 0),
                Frequency.BUSINESS_DAILY.add(java.time.LocalDateTime.of(2024, 3, 29, 0, 0), 1));
        assertEquals(java.time.LocalDateTime.of(2024, 2, 29, 0, 0),
                Frequency.MONTHLY.add(java.time.LocalDateTime.of(2024, 1, 31, 0, 0), 1));
        assertEquals(new Frequency(Frequency.Unit.MINUTE, 15), Frequency.parse("15min"));
        assertEquals(96, Frequency.parse("15min").defaultSeason());
        assertThrows(IllegalArgumentException.class, () -> Frequency.parse("fortnightly"));
    }

    /**
     * Month-end dates (2024-01-31, 2024-02-29, ...), as pandas, spreadsheets' EOMONTH and financial reports write
     * monthly and quarterly data, are months apart: inferred as monthly or quarterly at month ends, and stepped to
     * the last day of each month (adding a month to 31 January gives 29 February, and then the 29th ever after).
     */
    @Test
    void monthEndDatesAreMonthlyOrQuarterlyAtMonthEnds() {
        java.time.LocalDate jan = java.time.LocalDate.of(2023, 1, 31);
        List<java.time.LocalDateTime> months = new ArrayList<>();
        List<java.time.LocalDateTime> quarters = new ArrayList<>();
        List<java.time.LocalDateTime> februaries = new ArrayList<>();
        List<java.time.LocalDateTime> decembers = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            months.add(jan.plusMonths(i).withDayOfMonth(jan.plusMonths(i).lengthOfMonth()).atStartOfDay());
            java.time.LocalDate q = java.time.LocalDate.of(2022, 3, 1).plusMonths(3L * i);
            quarters.add(q.withDayOfMonth(q.lengthOfMonth()).atStartOfDay());
            java.time.LocalDate f = java.time.LocalDate.of(2010 + i, 2, 1);
            februaries.add(f.withDayOfMonth(f.lengthOfMonth()).atStartOfDay());
            decembers.add(java.time.LocalDate.of(2010 + i, 12, 31).atStartOfDay());
        }
        Frequency monthly = Frequency.infer(months);
        assertEquals(Frequency.MONTHLY.atMonthEnds(), monthly);
        assertEquals("monthly at month ends", monthly.toString());
        assertEquals(12, monthly.defaultSeason());
        assertEquals(Frequency.QUARTERLY.atMonthEnds(), Frequency.infer(quarters));
        assertEquals(Frequency.YEARLY.atMonthEnds(), Frequency.infer(februaries));
        // the same day every year: plain yearly, as before
        assertEquals(Frequency.YEARLY, Frequency.infer(decembers));
        for (int i = 0; i < 14; i++) {
            assertEquals(months.get(i), monthly.add(months.get(0), i));
            assertEquals(months.get(i), monthly.add(months.get(Math.max(0, i - 1)), Math.min(i, 1)));
            assertEquals(quarters.get(i), Frequency.QUARTERLY.atMonthEnds().add(quarters.get(0), i));
            assertEquals(februaries.get(i), Frequency.YEARLY.atMonthEnds().add(februaries.get(0), i));
        }
        assertThrows(IllegalArgumentException.class, () -> Frequency.DAILY.atMonthEnds());
        assertNotEquals(Frequency.MONTHLY, Frequency.MONTHLY.atMonthEnds());
    }
}
