package dev.recur.engine.forecast;

import dev.recur.engine.intervals.LocalIntervals;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The default method: every series of a mixed panel gets a forecast from the method its length allows, the
 * choice on held-out windows, the statistical combination, and the automatic ensemble size.
 */
class EnsembleForecasterTest {

    static RecurrentForecaster smallNetwork() {
        return new RecurrentForecaster(ForecasterSettings.builder().cell(CellType.GRU).hidden(8).layers(1)
                .ensemble(1).training(TrainingConfig.builder().epochs(3).seed(5).build()).build());
    }

    /** Seasonal series with noise, of the given lengths. */
    static List<TimeSeries> panel(int... lengths) {
        Random r = new Random(3);
        List<TimeSeries> out = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) {
            double[] y = new double[lengths[i]];
            double level = 50 + 10 * i;
            for (int t = 0; t < y.length; t++) {
                y[t] = level + 0.3 * t + 8 * Math.sin(2 * Math.PI * t / 4) + r.nextGaussian();
            }
            out.add(TimeSeries.ofSteps("s" + i, y, 1));
        }
        return out;
    }

    /**
     * The combination is fitted once per history: the held-out refits that share their origin with an interval
     * backtest (the latest origin of every series here) are handed back, not fitted again.
     */
    @Test
    void theCombinationIsNeverFittedTwiceOnOneHistory() {
        int horizon = 4;
        int season = 4;
        java.util.Map<String, Integer> fits = new java.util.concurrent.ConcurrentHashMap<>();
        Forecaster snaive = Baselines.byName("snaive");
        Forecaster counted = new Forecaster() {
            @Override
            public String name() {
                return "counted";
            }

            @Override
            public int minimumLength(int h, int m) {
                return snaive.minimumLength(h, m);
            }

            @Override
            public List<double[]> forecast(List<TimeSeries> history, int h, int m, Progress progress) {
                for (TimeSeries s : history) {
                    fits.merge(s.id() + " from " + s.length() + " values", 1, Integer::sum);
                }
                return snaive.forecast(history, h, m, progress);
            }
        };
        EnsembleForecaster e = new EnsembleForecaster(new Combination("comb", List.of(counted)), smallNetwork());
        int netMin = e.networkLength(horizon, season);
        List<TimeSeries> panel = panel(netMin + 40, netMin + 30, netMin + 50, netMin + 35);
        EnsembleForecaster.Result r = e.forecast(panel, horizon, season, new int[]{80, 95}, Forecaster.Progress.NONE);
        assertNotEquals(EnsembleForecaster.Method.NETWORK, r.methods().get(0),
                "the test needs the combination's interval backtests: " + r.explanation());
        for (TimeSeries s : panel) {
            // the latest origin: a held-out window of the network and the first interval backtest
            assertEquals(1, fits.get(s.id() + " from " + (s.length() - horizon) + " values"), s.id() + ": " + fits);
        }
        fits.forEach((history, times) -> assertEquals(1, times, history));
    }

    @Test
    void everySeriesOfAMixedPanelIsForecastByWhatItsLengthAllows() {
        int horizon = 4;
        int season = 4;
        EnsembleForecaster e = new EnsembleForecaster(Combination.standard(), smallNetwork());
        int netMin = e.networkLength(horizon, season);
        List<TimeSeries> panel = new ArrayList<>(panel(netMin + 40, netMin + 30, netMin + 50, netMin + 35, 12, 5, 2, 1));
        EnsembleForecaster.Result r = e.forecast(panel, horizon, season, new int[]{80, 95}, Forecaster.Progress.NONE);
        assertEquals(panel.size(), r.forecasts().size());
        for (int s = 0; s < panel.size(); s++) {
            Forecast f = r.forecasts().get(s);
            assertEquals(panel.get(s).id(), f.id());
            assertEquals(horizon, f.point().length);
            for (double v : f.point()) {
                assertTrue(Double.isFinite(v), "series " + s);
            }
            for (int h = 0; h < horizon; h++) {
                assertTrue(f.lower(95)[h] <= f.lower(80)[h] && f.lower(80)[h] <= f.point()[h]
                        && f.point()[h] <= f.upper(80)[h] && f.upper(80)[h] <= f.upper(95)[h], "series " + s);
            }
        }
        for (int s = 0; s < 4; s++) {
            EnsembleForecaster.Method m = r.methods().get(s);
            assertTrue(m == EnsembleForecaster.Method.NETWORK || m == EnsembleForecaster.Method.COMBINATION
                    || m == EnsembleForecaster.Method.MEAN, m.toString());
            assertEquals(r.methods().get(0), m, "one choice for the network's series");
        }
        assertEquals(EnsembleForecaster.Method.COMBINATION_SHORT, r.methods().get(4));
        assertEquals(EnsembleForecaster.Method.COMBINATION_SHORT, r.methods().get(5));
        assertEquals(EnsembleForecaster.Method.NAIVE, r.methods().get(6));
        assertEquals(EnsembleForecaster.Method.NAIVE, r.methods().get(7));
        assertEquals("naive", r.labels().get(6));
        assertEquals("comb", r.labels().get(4));
        // the short series' forecasts are the combination's, the tiny ones' the last value
        double[] comb = Combination.standard().forecast(List.of(panel.get(5)), horizon, season, Forecaster.Progress.NONE).get(0);
        assertArrayEquals(comb, r.forecasts().get(5).point(), 1e-9);
        double[] two = panel.get(6).values();
        assertArrayEquals(new double[]{two[1], two[1], two[1], two[1]}, r.forecasts().get(6).point(), 0);
        assertTrue(r.explanation().contains("held-out MASE"), r.explanation());
        assertTrue(r.explanation().contains("2 series of fewer than 3 values: naive"), r.explanation());
    }

    /**
     * Series in very different units, some flat, share one panel without one spoiling the others: the network forecasts
     * a series in units of 1e-13 in its units (a window scaled by 1 instead of its spread once put the network's
     * forecasts near 1e-3, a billion times its values; in a panel where that made the mean the choice, the pooled
     * interval quantiles of scaled errors grew with it to widths of 1e10 on a constant series), and every forecast and
     * interval stays within ten times its series' own size.
     */
    @Test
    void seriesInTinyAndHugeUnitsAndFlatOnesShareAPanel() {
        int horizon = 4;
        int season = 4;
        EnsembleForecaster e = new EnsembleForecaster(Combination.standard(), smallNetwork());
        int n = e.networkLength(horizon, season) + 20;
        List<TimeSeries> panel = new ArrayList<>();
        double[] units = {1, 1e-13, 1e15, -1};
        List<TimeSeries> waves = panel(n, n, n, n);
        for (int i = 0; i < units.length; i++) {
            double[] y = waves.get(i).values().clone();
            for (int t = 0; t < y.length; t++) {
                y[t] *= units[i];
            }
            panel.add(TimeSeries.ofSteps("u" + i, y, 1));
        }
        double[] flat = new double[n];
        java.util.Arrays.fill(flat, 5);
        panel.add(TimeSeries.ofSteps("flat", flat, 1));
        panel.add(TimeSeries.ofSteps("zeros", new double[n], 1));
        EnsembleForecaster.Result r = e.forecast(panel, horizon, season, new int[]{80, 95}, Forecaster.Progress.NONE);
        for (int s = 0; s < panel.size(); s++) {
            double[] y = panel.get(s).values();
            double size = 0;
            for (double v : y) {
                size = Math.max(size, Math.abs(v));
            }
            size = Math.max(size, 1);   // the all-zero series has no size of its own: units of 1
            if (s < units.length) {
                size = Math.abs(units[s]) * 100;   // the waves lie between about 50 and 100 units
            }
            Forecast f = r.forecasts().get(s);
            for (int h = 0; h < horizon; h++) {
                String at = panel.get(s).id() + " step " + h + ": " + f.lower(95)[h] + " .. " + f.point()[h] + " .. "
                        + f.upper(95)[h];
                assertTrue(Math.abs(f.point()[h]) < 2 * size, at);
                assertTrue(f.upper(95)[h] - f.lower(95)[h] < 10 * size, at);
                if (s >= units.length && r.methods().get(s) != EnsembleForecaster.Method.NETWORK) {
                    // a flat history has no MASE scale: the combination's interval has no width (it was about
                    // 6 times the level, the pooled quantile times the mean absolute value)
                    assertEquals(f.point()[h], f.lower(95)[h], 0.0, at);
                    assertEquals(f.point()[h], f.upper(95)[h], 0.0, at);
                }
            }
        }
        // the network's own held-out forecasts are in each series' units too (it was 2.5e11 with the tiny series
        // scaled by 1, which left the choice to the combination)
        double network = Double.parseDouble(r.explanation()
                .replaceAll("(?s).*held-out MASE over [0-9]+ windows[^:]*: gru ([0-9.]+).*", "$1"));
        assertTrue(network < 10, r.explanation());
        double[] tiny = r.forecasts().get(1).point();
        double[] last = panel.get(1).values();
        for (double v : tiny) {
            assertTrue(v > 0.5 * last[last.length - 1] && v < 2 * last[last.length - 1], java.util.Arrays.toString(tiny));
        }
    }

    /**
     * A file of one constant series of five years has no backtest error to calibrate on (a constant history has no
     * MASE scale): its intervals have no width, as in a file where the combination forecasts other series too, not
     * NaN with a note that the file's series are too short.
     */
    @Test
    void aFileOfOneConstantSeriesGetsIntervalsOfNoWidth() {
        int horizon = 3;
        int season = 12;
        EnsembleForecaster e = new EnsembleForecaster(Combination.standard(), smallNetwork());
        double[] seven = new double[60];
        java.util.Arrays.fill(seven, 7);
        EnsembleForecaster.Result r = e.forecast(List.of(TimeSeries.ofSteps("seven", seven, 1)), horizon, season,
                new int[]{80, 95}, Forecaster.Progress.NONE);
        assertEquals(EnsembleForecaster.Method.COMBINATION_SHORT, r.methods().get(0), r.explanation());
        Forecast f = r.forecasts().get(0);
        for (int h = 0; h < horizon; h++) {
            assertEquals(7, f.point()[h], 1e-9);
            assertEquals(f.point()[h], f.lower(95)[h], 0);
            assertEquals(f.point()[h], f.upper(80)[h], 0);
        }
        assertTrue(!r.explanation().contains("no prediction intervals"), r.explanation());
    }

    /**
     * A constant series gets the combination, which forecasts its value exactly, inside its interval (the network's
     * mean with it gave an all-zero series 0.0023, with an interval of no width that left out 0); a series beyond the
     * network's float32 range gets the combination too, where the network overflowed and stopped the whole panel.
     */
    @Test
    void constantSeriesAndSeriesBeyondTheNetworksRangeGetTheCombination() {
        int horizon = 4;
        int season = 4;
        EnsembleForecaster e = new EnsembleForecaster(Combination.standard(), smallNetwork());
        int n = e.networkLength(horizon, season) + 20;
        List<TimeSeries> panel = new ArrayList<>(panel(n, n, n));
        double[] five = new double[n];
        java.util.Arrays.fill(five, 5);
        panel.add(TimeSeries.ofSteps("five", five, 1));
        panel.add(TimeSeries.ofSteps("zeros", new double[n], 1));
        double[] huge = panel.get(0).values().clone();
        for (int t = 0; t < n; t++) {
            huge[t] *= 1e300;
        }
        panel.add(TimeSeries.ofSteps("huge", huge, 1));
        EnsembleForecaster.Result r = e.forecast(panel, horizon, season, new int[]{80, 95}, Forecaster.Progress.NONE);
        for (int s = 0; s < 3; s++) {
            assertTrue(r.methods().get(s) != EnsembleForecaster.Method.COMBINATION_SHORT, r.explanation());
        }
        double[] value = {5, 0};
        for (int s = 3; s < 5; s++) {
            assertEquals(EnsembleForecaster.Method.COMBINATION_SHORT, r.methods().get(s), r.explanation());
            Forecast f = r.forecasts().get(s);
            for (int h = 0; h < horizon; h++) {
                assertEquals(value[s - 3], f.point()[h], 1e-9 * (1 + value[s - 3]));
                assertTrue(f.lower(95)[h] <= value[s - 3] && value[s - 3] <= f.upper(95)[h], f.lower(95)[h] + " .. "
                        + f.upper(95)[h]);
            }
        }
        assertEquals(EnsembleForecaster.Method.COMBINATION_SHORT, r.methods().get(5), r.explanation());
        double last = huge[n - 1];
        for (double v : r.forecasts().get(5).point()) {
            assertTrue(Double.isFinite(v) && v > 0.5 * last && v < 2 * last, Double.toString(v));
        }
        assertTrue(r.explanation().contains("beyond ±1e38 (1, outside the network's float32 range) or constant (2)"),
                r.explanation());
        // the network alone refuses such a series with a clear message, and says it does not take it
        RecurrentForecaster net = smallNetwork();
        assertTrue(!net.takes(panel.get(5), horizon, season) && net.takes(panel.get(0), horizon, season));
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> net.forecast(List.of(panel.get(5)), horizon, season, Forecaster.Progress.NONE));
        assertEquals("series 'huge' has values beyond ±1e38, outside the network's float32 range", refused.getMessage());
    }

    /**
     * The mean is half the network's forecast and half the combination's (itself the mean of ETS, Theta and ARIMA),
     * the network's own forecast being the one the same network, trained again from the same seed, makes.
     */
    @Test
    void theMeanIsHalfTheNetworkAndHalfTheCombination() {
        int horizon = 4;
        int season = 4;
        EnsembleForecaster e = new EnsembleForecaster(Combination.standard(), trainedLonger());
        int netMin = e.networkLength(horizon, season);
        // a slow trend and a weak season under much noise: neither alone is clearly better than the mean
        Random noise = new Random(11);
        List<TimeSeries> longOnes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double[] y = new double[netMin + 30 + 10 * i];
            for (int t = 0; t < y.length; t++) {
                y[t] = 20 + 0.05 * t + 2 * Math.sin(2 * Math.PI * t / 4) + 3 * noise.nextGaussian();
            }
            longOnes.add(TimeSeries.ofSteps("n" + i, y, 1));
        }
        EnsembleForecaster.Result r = e.forecast(longOnes, horizon, season, new int[0], Forecaster.Progress.NONE);
        assertEquals(EnsembleForecaster.Method.MEAN, r.methods().get(0), "the test needs the mean: " + r.explanation());
        // the same network trained again from the same seed, and the combination on its own
        List<double[]> net = trainedLonger().forecast(longOnes, horizon, season, Forecaster.Progress.NONE);
        List<double[]> comb = Combination.standard().forecast(longOnes, horizon, season, Forecaster.Progress.NONE);
        double apart = 0;
        for (int s = 0; s < longOnes.size(); s++) {
            double[] got = r.forecasts().get(s).point();
            for (int h = 0; h < horizon; h++) {
                double half = (net.get(s)[h] + comb.get(s)[h]) / 2;
                assertEquals(half, got[h], 1e-9 * Math.abs(half), "series " + s + " step " + h);
                apart = Math.max(apart, Math.abs(net.get(s)[h] - comb.get(s)[h]) / Math.abs(half));
            }
        }
        // far enough apart that another split would fail
        assertTrue(apart > 1e-3, "the network and the combination agree: " + apart);
    }

    /**
     * Series too short to train the network on but holding its input window are forecast by the network trained on the
     * longer ones, joined with the combination when their own latest values, held out, favour the mean over the
     * combination alone; where the combination is better on them they keep it, and the network alone is never theirs.
     * Every series is a trend and a season without noise, so a "combination" can be exact; here it forecasts three
     * times the last value, except, in the second run, on the short series, which it continues exactly.
     */
    @Test
    void shorterSeriesThatHoldTheNetworksWindowJoinItWhenTheirHeldOutValuesFavourTheMean() {
        int horizon = 4;
        int season = 4;
        for (boolean exactOnShort : new boolean[]{false, true}) {
            Forecaster stub = pointByPoint("stub", (s, k) -> exactOnShort && s.id().startsWith("short")
                    ? trendAndSeason(Integer.parseInt(s.id().substring(5)), s.length() + k)
                    : 3 * s.values()[s.length() - 1]);
            EnsembleForecaster e = new EnsembleForecaster(new Combination("comb", List.of(stub)), smallNetwork());
            int netMin = e.networkLength(horizon, season);
            int window = e.network().window(horizon, season, Integer.MAX_VALUE);
            List<TimeSeries> panel = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                panel.add(trendAndSeason("long" + i, i, netMin + 30));
            }
            // 24 short series, each with a horizon held out after the network's window
            List<TimeSeries> shortOnes = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                shortOnes.add(trendAndSeason("short" + i, i, window + horizon + i % (netMin - window - horizon)));
            }
            panel.addAll(shortOnes);
            panel.add(trendAndSeason("short99", 99, window - 1));
            EnsembleForecaster.Result r = e.forecast(panel, horizon, season, new int[]{80, 95},
                    Forecaster.Progress.NONE);
            String what = (exactOnShort ? "exact on the short series: " : "three times the last value: ")
                    + r.explanation();
            for (int s = 0; s < 6; s++) {
                assertEquals(EnsembleForecaster.Method.NETWORK, r.methods().get(s), what);
            }
            assertTrue(r.explanation().contains("24 series of " + (window + horizon) + " to " + (netMin - 1)
                    + " values that hold the gru's window: " + (exactOnShort ? "comb" : "gru+comb")), what);
            List<Forecast> net = e.network().fitted().forecast(shortOnes);
            List<double[]> comb = stub.forecast(shortOnes, horizon, season, Forecaster.Progress.NONE);
            for (int i = 0; i < shortOnes.size(); i++) {
                Forecast f = r.forecasts().get(6 + i);
                assertEquals(exactOnShort ? EnsembleForecaster.Method.COMBINATION_SHORT
                        : EnsembleForecaster.Method.MEAN, r.methods().get(6 + i), what);
                for (int h = 0; h < horizon; h++) {
                    double expected = exactOnShort ? comb.get(i)[h] : (net.get(i).point()[h] + comb.get(i)[h]) / 2;
                    assertEquals(expected, f.point()[h], 1e-9 * Math.abs(expected), "short" + i + " step " + h);
                    assertTrue(f.lower(95)[h] <= f.lower(80)[h] && f.lower(80)[h] <= f.point()[h]
                            && f.point()[h] <= f.upper(80)[h] && f.upper(80)[h] <= f.upper(95)[h], "short" + i);
                }
            }
            // shorter than the window: the combination
            assertEquals(EnsembleForecaster.Method.COMBINATION_SHORT, r.methods().get(panel.size() - 1), what);
        }
    }

    /**
     * The shorter series keep the combination without a look at their held-out values when those say nothing: fewer
     * than 20 of them, or, in a panel whose series end together at a horizon shorter than the season, values of another
     * part of the season than the forecast's, as the longer series' held-out windows are (where the longer series take
     * the mean without a choice); and so when the shorter series alone end together, the longer ones apart (the longer
     * series then choose on their own windows). The "combination" forecasts three times the last value, so any look
     * would take the mean.
     */
    @Test
    void shorterSeriesKeepTheCombinationWhenTheirHeldOutValuesCannotTell() {
        int season = 12;
        int horizon = 4;
        RecurrentForecaster net = new RecurrentForecaster(ForecasterSettings.builder().cell(CellType.GRU).hidden(8)
                .layers(1).ensemble(1).calibrationWindows(2)
                .training(TrainingConfig.builder().epochs(3).seed(5).build()).build());
        EnsembleForecaster e = new EnsembleForecaster(new Combination("comb",
                List.of(pointByPoint("wild", (s, k) -> 3 * s.values()[s.length() - 1]))), net);
        int netMin = e.networkLength(horizon, season);
        int window = net.window(horizon, season, Integer.MAX_VALUE);
        for (int shorter : new int[]{19, 24}) {
            // every series ends together; every one apart; the longer ones apart and the shorter ones together
            for (String ending : new String[]{"together", "apart", "shorter together"}) {
                boolean together = ending.equals("together");
                boolean shorterTogether = !ending.equals("apart");
                Random r = new Random(6);
                List<TimeSeries> panel = new ArrayList<>();
                for (int i = 0; i < 6 + shorter; i++) {
                    int length = i < 6 ? netMin + 30 : window + horizon + i % (netMin - window - horizon);
                    double[] y = new double[length];
                    for (int t = 0; t < length; t++) {
                        y[t] = 100 + 10 * i + 0.2 * t + 10 * Math.sin(2 * Math.PI * t / season) + r.nextGaussian();
                    }
                    // ending together: at step 1000; apart: at 1000 + 5 i
                    boolean atOneEnd = i < 6 ? together : shorterTogether;
                    panel.add(TimeSeries.ofSteps("s" + i, y, 1001 - length + (atOneEnd ? 0 : 5 * i)));
                }
                EnsembleForecaster.Result res = e.forecast(panel, horizon, season, new int[]{80},
                        Forecaster.Progress.NONE);
                String what = shorter + " shorter series, ending " + ending + ": " + res.explanation();
                boolean looks = shorter >= 20 && !shorterTogether;
                for (int i = 6; i < panel.size(); i++) {
                    assertEquals(looks ? EnsembleForecaster.Method.MEAN : EnsembleForecaster.Method.COMBINATION_SHORT,
                            res.methods().get(i), what);
                }
                assertEquals(shorter < 20 && !together, res.explanation().contains("fewer than 20"), what);
                assertEquals(together, res.explanation().contains("lie in another part of the season"), what);
                assertEquals(shorter >= 20 && ending.equals("shorter together"),
                        res.explanation().contains("they end together"), what);
            }
        }
    }

    /** A method of any minimum length whose forecast of {@code k} steps ahead of a history is {@code step}'s. */
    static Forecaster pointByPoint(String name, java.util.function.ToDoubleBiFunction<TimeSeries, Integer> step) {
        return new Forecaster() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int minimumLength(int h, int m) {
                return 1;
            }

            @Override
            public List<double[]> forecast(List<TimeSeries> history, int h, int m, Progress progress) {
                List<double[]> out = new ArrayList<>();
                for (TimeSeries s : history) {
                    double[] f = new double[h];
                    for (int k = 0; k < h; k++) {
                        f[k] = step.applyAsDouble(s, k);
                    }
                    out.add(f);
                }
                return out;
            }
        };
    }

    private static double trendAndSeason(int i, int t) {
        return 100 + 10 * i + 0.5 * t + 10 * Math.sin(2 * Math.PI * t / 4);
    }

    private static TimeSeries trendAndSeason(String id, int i, int length) {
        double[] y = new double[length];
        for (int t = 0; t < length; t++) {
            y[t] = trendAndSeason(i, t);
        }
        return TimeSeries.ofSteps(id, y, 1);
    }

    /** A network trained long enough to be about as good as the combination on noisy series. */
    private static RecurrentForecaster trainedLonger() {
        return new RecurrentForecaster(ForecasterSettings.builder().cell(CellType.GRU).hidden(8).layers(1)
                .ensemble(1).training(TrainingConfig.builder().epochs(30).seed(5).build()).build());
    }

    @Test
    void theNetworksSeriesGetTheCombinationsBacktestedIntervalsScaledForTheMean() {
        int horizon = 4;
        int season = 4;
        int[] levels = {80, 95};
        EnsembleForecaster e = new EnsembleForecaster(Combination.standard(), smallNetwork());
        int netMin = e.networkLength(horizon, season);
        List<TimeSeries> longOnes = panel(netMin + 40, netMin + 30, netMin + 50, netMin + 35);
        EnsembleForecaster.Result r = e.forecast(longOnes, horizon, season, levels, Forecaster.Progress.NONE);
        EnsembleForecaster.Method m = r.methods().get(0);
        assertTrue(m == EnsembleForecaster.Method.MEAN || m == EnsembleForecaster.Method.COMBINATION,
                "this small network is not clearly better than the combination: " + r.explanation());
        // the combination's own intervals on the same series: backtests from origins spread over each history
        List<Forecast> comb = LocalIntervals.forecast(Combination.standard(), longOnes, horizon, season, levels);
        double ratio = Double.NaN;
        for (int s = 0; s < longOnes.size(); s++) {
            for (int level : levels) {
                for (int h = 0; h < horizon; h++) {
                    Forecast f = r.forecasts().get(s);
                    double ours = f.upper(level)[h] - f.point()[h];
                    double combs = comb.get(s).upper(level)[h] - comb.get(s).point()[h];
                    assertTrue(combs > 0, "series " + s);
                    assertEquals(ours, f.point()[h] - f.lower(level)[h], 1e-9 * Math.abs(ours), "symmetric");
                    if (m == EnsembleForecaster.Method.COMBINATION) {
                        assertEquals(combs, ours, 1e-9 * combs, "series " + s + " level " + level + " step " + h);
                    } else if (Double.isNaN(ratio)) {
                        ratio = ours / combs;
                        assertTrue(ratio > 0, "ratio " + ratio);
                    } else {
                        // one ratio for every series, step and level: the mean's errors against the combination's
                        assertEquals(ratio, ours / combs, 1e-9 * ratio, "series " + s + " level " + level + " step " + h);
                    }
                }
            }
        }
    }

    /**
     * Series too short for the network and for a backtest that leaves two seasons, in a file that has the network's
     * series: two backtests from short histories are too few to calibrate 95% intervals, so they get the scaled
     * quantiles of the network's series (the combination's or the mean's), not the larger of their two errors.
     */
    @Test
    void aFewShortHistoryBacktestsGiveWayToTheLongerSeriesCalibration() {
        int horizon = 4;
        int season = 4;
        int[] levels = {80, 95};
        EnsembleForecaster e = new EnsembleForecaster(Combination.standard(), smallNetwork());
        int netMin = e.networkLength(horizon, season);
        List<TimeSeries> mixed = panel(netMin + 40, netMin + 30, netMin + 50, netMin + 35, 7, 6);
        EnsembleForecaster.Result r = e.forecast(mixed, horizon, season, levels, Forecaster.Progress.NONE);
        assertTrue(r.methods().get(0) != EnsembleForecaster.Method.NETWORK, r.explanation());
        assertEquals(2, LocalIntervals.shortHistoryErrors(Combination.standard(), mixed.get(4), horizon, season, 20).length
                + LocalIntervals.shortHistoryErrors(Combination.standard(), mixed.get(5), horizon, season, 20).length);
        Forecast first = r.forecasts().get(0);
        double firstScale = LocalIntervals.scale(mixed.get(0).values(), season);
        for (int s = 4; s < 6; s++) {
            assertEquals(EnsembleForecaster.Method.COMBINATION_SHORT, r.methods().get(s));
            Forecast f = r.forecasts().get(s);
            double scale = LocalIntervals.scale(mixed.get(s).values(), season);
            for (int level : levels) {
                for (int h = 0; h < horizon; h++) {
                    double want = (first.upper(level)[h] - first.point()[h]) / firstScale;
                    assertEquals(want, (f.upper(level)[h] - f.point()[h]) / scale, 1e-9 * want,
                            "series " + s + " level " + level + " step " + (h + 1));
                }
            }
        }
        // on their own (no network series to borrow from), the two short histories are the last resort: too few
        // errors for a conformal quantile, so normal-theory widths from them (ErrorQuantiles.fewErrorSteps), no
        // longer the larger of the two at both levels
        EnsembleForecaster.Result alone = new EnsembleForecaster(Combination.standard(), null)
                .forecast(mixed.subList(4, 6), horizon, season, levels, Forecaster.Progress.NONE);
        Forecast a = alone.forecasts().get(0);
        assertTrue(a.upper(95)[0] > a.upper(80)[0], "95% wider than 80% from two errors");
        assertTrue(r.forecasts().get(4).upper(95)[0] > r.forecasts().get(4).upper(80)[0]);

        // a file of one- and two-value series: no backtest at all, NaN intervals, and the explanation says why
        EnsembleForecaster.Result tiny = new EnsembleForecaster(Combination.standard(), null)
                .forecast(panel(2, 1), horizon, season, levels, Forecaster.Progress.NONE);
        assertTrue(Double.isNaN(tiny.forecasts().get(0).lower(80)[0]));
        assertTrue(tiny.explanation().endsWith("; no prediction intervals for 2 series: the file's series are too "
                + "short to backtest comb and calibrate them"), tiny.explanation());
        assertTrue(!alone.explanation().contains("no prediction intervals"), alone.explanation());
    }

    /**
     * A file of young weekly series (60 to 80 weeks, season 52, horizon 13) has no series long enough to leave two
     * seasons before a backtest, nor one for the network: the combination's intervals come from backtests of the
     * panel's own short histories, the same as {@code --model comb} gives, and are finite (they were NaN).
     */
    @Test
    void aPanelOfYoungSeriesGetsIntervalsFromItsOwnShortHistories() {
        int horizon = 13;
        int season = 52;
        int[] levels = {80, 95};
        Random r = new Random(9);
        List<TimeSeries> young = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            double[] y = new double[60 + 4 * s];
            for (int t = 0; t < y.length; t++) {
                y[t] = 200 + s * 20 + 0.5 * t + 15 * Math.sin(2 * Math.PI * t / 52) + 4 * r.nextGaussian();
            }
            young.add(TimeSeries.ofSteps("w" + s, y, 1));
        }
        EnsembleForecaster e = new EnsembleForecaster(Combination.standard(), smallNetwork());
        EnsembleForecaster.Result got = e.forecast(young, horizon, season, levels, Forecaster.Progress.NONE);
        List<Forecast> comb = LocalIntervals.forecast(Combination.standard(), young, horizon, season, levels);
        for (int s = 0; s < young.size(); s++) {
            assertEquals(EnsembleForecaster.Method.COMBINATION_SHORT, got.methods().get(s));
            Forecast f = got.forecasts().get(s);
            for (int level : levels) {
                for (int h = 0; h < horizon; h++) {
                    assertTrue(Double.isFinite(f.lower(level)[h]) && f.lower(level)[h] < f.point()[h]
                            && f.point()[h] < f.upper(level)[h], "series " + s + " level " + level + " step " + h);
                    assertEquals(comb.get(s).lower(level)[h], f.lower(level)[h], 1e-9 * Math.abs(f.lower(level)[h]));
                    assertEquals(comb.get(s).upper(level)[h], f.upper(level)[h], 1e-9 * Math.abs(f.upper(level)[h]));
                }
            }
        }
    }

    @Test
    void withoutANetworkEverySeriesGetsTheCombination() {
        EnsembleForecaster e = new EnsembleForecaster(Combination.standard(), null);
        List<TimeSeries> panel = panel(40, 20, 9);
        EnsembleForecaster.Result r = e.forecast(panel, 3, 4, new int[]{90}, Forecaster.Progress.NONE);
        for (int s = 0; s < panel.size(); s++) {
            assertEquals(EnsembleForecaster.Method.COMBINATION, r.methods().get(s));
        }
        assertNull(e.network());
    }

    /**
     * The bar for a choice over few windows is Student's t quantile at the level of 2.5 normal standard errors,
     * checked here without the library that computes it: the t density with k degrees of freedom, integrated by
     * Simpson's rule from 0 to the bar, holds as much probability as the normal density from 0 to 2.5.
     */
    @Test
    void theBarIsStudentsTQuantileAtTheNormalLevel() {
        double normal = simpson(x -> Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI), 2.5);
        for (int n : new int[]{2, 3, 4, 8, 20, 100, 1000}) {
            int k = n - 1;
            // the density's constant Gamma((k+1)/2) / (sqrt(k pi) Gamma(k/2)), by the half-integer recursion
            double ratio = k % 2 == 1 ? 1 / Math.sqrt(Math.PI) : Math.sqrt(Math.PI) / 2;
            for (int m = k % 2 == 1 ? 1 : 2; m < k; m += 2) {
                ratio *= (m + 1) / 2.0 / (m / 2.0);
            }
            double c = ratio / Math.sqrt(k * Math.PI);
            double bar = HeldOutChoice.clear(n);
            double t = simpson(x -> c * Math.pow(1 + x * x / k, -(k + 1) / 2.0), bar);
            assertEquals(normal, t, 1e-7, "t quantile for " + n + " windows");
        }
        assertEquals(Double.POSITIVE_INFINITY, HeldOutChoice.clear(1));
        assertTrue(HeldOutChoice.clear(3) > 8 && HeldOutChoice.clear(1000) < 2.51
                && HeldOutChoice.clear(1000) > HeldOutChoice.CLEAR);
    }

    /** The integral of {@code f} from 0 to {@code b} by Simpson's rule on 200,000 intervals. */
    private static double simpson(java.util.function.DoubleUnaryOperator f, double b) {
        int m = 200_000;
        double h = b / m;
        double sum = f.applyAsDouble(0) + f.applyAsDouble(b);
        for (int i = 1; i < m; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(i * h);
        }
        return sum * h / 3;
    }

    /**
     * Three held-out windows on which the network beats the mean by 0.3, 0.5 and 0.4 (6.9 standard errors of their
     * mean difference, estimated from those three) are not enough to take the network alone, as 2.5 standard errors
     * once made them; the same differences over 30 windows are.
     */
    @Test
    void fewWindowsNeedAWiderMarginToChooseOneMethod() {
        List<double[]> three = new ArrayList<>();
        for (double d : new double[]{0.3, 0.5, 0.4}) {
            three.add(new double[]{1.5 - d, 2.0, 1.5});
        }
        assertEquals(EnsembleForecaster.Method.MEAN, HeldOutChoice.decide(three, true));
        List<double[]> thirty = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            thirty.addAll(three);
        }
        assertEquals(EnsembleForecaster.Method.NETWORK, HeldOutChoice.decide(thirty, true));
        List<double[]> statsWin = new ArrayList<>();
        for (double[] c : three) {
            statsWin.add(new double[]{2.0, c[0], c[2]});
        }
        assertEquals(EnsembleForecaster.Method.MEAN, HeldOutChoice.decide(statsWin, true));
    }

    @Test
    void theChoiceIsTheMeanUnlessOneMethodIsClearlyBetter() {
        Random r = new Random(1);
        List<double[]> close = new ArrayList<>();
        List<double[]> clear = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double base = 1 + r.nextDouble();
            close.add(new double[]{base - 0.01 + 0.3 * r.nextGaussian(), base + 0.3 * r.nextGaussian(), base});
            clear.add(new double[]{0.5 * base, 2 * base, 1.2 * base});
        }
        assertEquals(EnsembleForecaster.Method.MEAN, HeldOutChoice.decide(close, true));
        assertNull(HeldOutChoice.decide(close, false), "not yet clear: more windows could decide");
        assertEquals(EnsembleForecaster.Method.NETWORK, HeldOutChoice.decide(clear, false));
        List<double[]> statsWin = new ArrayList<>();
        for (double[] c : clear) {
            statsWin.add(new double[]{c[1], c[0], c[2]});
        }
        assertEquals(EnsembleForecaster.Method.COMBINATION, HeldOutChoice.decide(statsWin, true));
    }

    /**
     * When the network's series end together, the horizon is shorter than the season and each series holds out a few
     * latest windows, every held-out window forecasts the same part of the season, the one before the forecast's: the
     * held-out windows do not make the choice, and the mean is taken. The same series ending at different steps,
     * forecast a whole season ahead, or holding out windows from origins a season back, let them choose: here the
     * network alone, since the "combination" forecasts three times the last value.
     */
    @Test
    void heldOutWindowsOfAnotherPartOfTheSeasonDoNotChoose() {
        Forecaster wild = pointByPoint("wild", (s, k) -> 3 * s.values()[s.length() - 1]);
        int season = 12;
        for (int calibration : new int[]{2, 12}) {
            RecurrentForecaster net = new RecurrentForecaster(ForecasterSettings.builder().cell(CellType.GRU).hidden(8)
                    .layers(1).ensemble(1).calibrationWindows(calibration)
                    .training(TrainingConfig.builder().epochs(3).seed(5).build()).build());
            EnsembleForecaster e = new EnsembleForecaster(new Combination("comb", List.of(wild)), net);
            int length = e.networkLength(4, season) + 30;
            for (int horizon : new int[]{4, 12}) {
                for (boolean together : new boolean[]{true, false}) {
                    Random r = new Random(6);
                    List<TimeSeries> panel = new ArrayList<>();
                    for (int i = 0; i < 6; i++) {
                        double[] y = new double[length];
                        for (int t = 0; t < length; t++) {
                            y[t] = 100 + 10 * i + 0.2 * t + 10 * Math.sin(2 * Math.PI * t / season) + r.nextGaussian();
                        }
                        panel.add(TimeSeries.ofSteps("s" + i, y, together ? 1 : 1 + 5 * i));
                    }
                    EnsembleForecaster.Result res = e.forecast(panel, horizon, season, new int[]{80},
                            Forecaster.Progress.NONE);
                    // the held-out origins of 2 windows reach back 5 steps at a horizon of 4, of 12 windows 15 steps
                    boolean off = together && horizon < season && calibration + horizon - 1 < season;
                    assertEquals(off, HeldOutChoice.heldOutOffSeason(panel, net.validation(), horizon, season));
                    String what = calibration + " held-out windows a series, horizon " + horizon
                            + (together ? ", ending together: " : ", ending apart: ") + res.explanation();
                    EnsembleForecaster.Method expected = off ? EnsembleForecaster.Method.MEAN
                            : EnsembleForecaster.Method.NETWORK;
                    for (EnsembleForecaster.Method m : res.methods()) {
                        assertEquals(expected, m, what);
                    }
                    assertEquals(off, res.explanation().contains("the mean without a choice"), what);
                }
            }
        }
    }

    @Test
    void heldOutWindowsAreOfAnotherPartOfTheSeasonOnlyWhenMostSeriesEndTogetherAndReachBackLessThanASeason() {
        double[] y = new double[40];
        java.util.Arrays.fill(y, 1);
        List<TimeSeries> half = List.of(TimeSeries.ofSteps("a", y, 1), TimeSeries.ofSteps("b", y, 1),
                TimeSeries.ofSteps("c", y, 3), TimeSeries.ofSteps("d", y, 5));
        // the latest two origins of every series at a horizon of 13: 26 and 27 (of 40 values), reaching back 14 steps
        List<RecurrentForecaster.Validation> two = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            two.add(new RecurrentForecaster.Validation(s, 26, new double[13]));
            two.add(new RecurrentForecaster.Validation(s, 27, new double[13]));
        }
        assertTrue(HeldOutChoice.heldOutOffSeason(half, two, 13, 52), "half of them end together");
        assertTrue(!HeldOutChoice.heldOutOffSeason(half.subList(1, 4), two.subList(0, 6), 13, 52),
                "one of three ends at step 40");
        assertTrue(!HeldOutChoice.heldOutOffSeason(half, two, 52, 52), "a whole season: every part of it");
        assertTrue(!HeldOutChoice.heldOutOffSeason(half, two, 6, 1), "no season");
        assertTrue(HeldOutChoice.heldOutOffSeason(half, two, 13, 15), "origins 14 steps back, a season of 15");
        assertTrue(!HeldOutChoice.heldOutOffSeason(half, two, 13, 14),
                "origin 26 forecasts the forecast's steps (40 to 52) a season of 14 earlier");
        List<RecurrentForecaster.Validation> one = List.of(new RecurrentForecaster.Validation(0, 34, new double[6]));
        assertTrue(HeldOutChoice.heldOutOffSeason(half.subList(0, 1), one, 6, 12), "a series ends with itself");
    }

    /**
     * One window of a nearly flat history, whose MASE runs into the thousands, does not make the choice for the
     * panel: without the cap, the network's one wild forecast there made the combination the better single method
     * on the mean, and the choice fell to the mean of both, though the network was clearly ahead on the other 60
     * windows. A window with a value that is not finite (a history whose scale is a denormal) is left out instead of
     * making every mean infinite.
     */
    @Test
    void oneWildWindowDoesNotMakeTheChoice() {
        Random r = new Random(2);
        List<double[]> cases = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double base = 1 + r.nextDouble();
            cases.add(new double[]{0.5 * base + 0.1 * r.nextGaussian(), 2 * base + 0.1 * r.nextGaussian(), 1.2 * base});
        }
        assertEquals(EnsembleForecaster.Method.NETWORK, HeldOutChoice.decide(cases, true));
        List<double[]> wild = new ArrayList<>(cases);
        wild.add(new double[]{3000, 10, 1500});
        double[] raw = new double[3];
        for (double[] c : wild) {
            for (int k = 0; k < 3; k++) {
                raw[k] += c[k] / wild.size();
            }
        }
        assertTrue(raw[0] > raw[1], "uncapped, the wild window makes the network the worse single method");
        assertEquals(EnsembleForecaster.Method.NETWORK, HeldOutChoice.decide(wild, true));
        double[] w = HeldOutChoice.heldOutWeights(wild);
        double[] worst = wild.stream().mapToDouble(c -> Math.max(c[0], Math.max(c[1], c[2]))).sorted().toArray();
        double median = worst[(worst.length - 1) / 2];
        assertEquals(HeldOutChoice.CAP * median, w[60] * 3000, 1e-9, "the wild window weighs CAP median windows");
        for (int i = 0; i < 60; i++) {
            assertEquals(1.0, w[i], 0.0);
        }
        List<double[]> infinite = new ArrayList<>(cases);
        infinite.add(new double[]{Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN});
        assertEquals(0.0, HeldOutChoice.heldOutWeights(infinite)[60], 0.0);
        assertEquals(EnsembleForecaster.Method.NETWORK, HeldOutChoice.decide(infinite, true));
        assertEquals("", HeldOutChoice.weighing(cases));
        assertEquals(", 1 of them weighed down to 10 median windows", HeldOutChoice.weighing(wild));
        assertEquals(", 1 left out (a MASE that is not finite)", HeldOutChoice.weighing(infinite));
        assertEquals(EnsembleForecaster.Method.MEAN, HeldOutChoice.decide(List.of(), true));
        assertNull(HeldOutChoice.decide(List.of(), false));
    }

    /**
     * The intervals' ratio of the mean's errors to the combination's weighs the held-out windows as the choice does:
     * a wild window cannot set it, and a window with an infinite error is left out instead of leaving the intervals
     * unscaled. With every window at weight 1 it is the plain ratio of the totals.
     */
    @Test
    void theIntervalsRatioWeighsWindowsAsTheChoiceDoes() {
        List<double[]> cases = new ArrayList<>();
        List<double[]> mean = new ArrayList<>();
        List<double[]> stat = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            cases.add(new double[]{1, 1.25, 1});
            mean.add(new double[]{0.8, 1.2});
            stat.add(new double[]{1.0, 1.5});
        }
        assertEquals(0.8, HeldOutChoice.meanToCombination(cases, mean, stat), 1e-12);
        List<double[]> c2 = new ArrayList<>(cases);
        List<double[]> m2 = new ArrayList<>(mean);
        List<double[]> s2 = new ArrayList<>(stat);
        c2.add(new double[]{5000, 100, 5000});
        m2.add(new double[]{5000, 5000});
        s2.add(new double[]{100, 100});
        double capped = HeldOutChoice.meanToCombination(c2, m2, s2);
        double w = HeldOutChoice.CAP * 1.25 / 5000;
        assertEquals((30 * 2.0 + w * 10000) / (30 * 2.5 + w * 200), capped, 1e-12);
        assertTrue(capped < 1.2, "uncapped the ratio would be " + (30 * 2.0 + 10000) / (30 * 2.5 + 200));
        c2.set(30, new double[]{Double.POSITIVE_INFINITY, 100, Double.POSITIVE_INFINITY});
        m2.set(30, new double[]{Double.POSITIVE_INFINITY, 1});
        assertEquals(0.8, HeldOutChoice.meanToCombination(c2, m2, s2), 1e-12);
    }

    @Test
    void combinationIsTheMeanOfItsMembersWhereEachFits() {
        List<TimeSeries> panel = panel(30, 3);
        Combination c = Combination.standard();
        List<double[]> f = c.forecast(panel, 2, 4, Forecaster.Progress.NONE);
        double[] ets = new ExponentialSmoothing().forecast(List.of(panel.get(0)), 2, 4, Forecaster.Progress.NONE).get(0);
        double[] theta = new Theta().forecast(List.of(panel.get(0)), 2, 4, Forecaster.Progress.NONE).get(0);
        double[] arima = new Arima().forecast(List.of(panel.get(0)), 2, 4, Forecaster.Progress.NONE).get(0);
        for (int h = 0; h < 2; h++) {
            assertEquals((ets[h] + theta[h] + arima[h]) / 3, f.get(0)[h], 1e-9);
        }
        // three values: only ARIMA fits
        double[] a3 = new Arima().forecast(List.of(panel.get(1)), 2, 4, Forecaster.Progress.NONE).get(0);
        assertArrayEquals(a3, f.get(1), 1e-12);
    }

    @Test
    void automaticEnsembleSizeFollowsTheTrainingWindowsAndTheirSteps() {
        assertEquals(5, RecurrentForecaster.autoMembers(100, 24));
        assertEquals(5, RecurrentForecaster.autoMembers(4000, 24));
        assertEquals(2, RecurrentForecaster.autoMembers(8000, 24));
        assertEquals(2, RecurrentForecaster.autoMembers(8000, 104));
        assertEquals(1, RecurrentForecaster.autoMembers(11000, 24));
        assertEquals(1, RecurrentForecaster.autoMembers(20000, 24));
        assertEquals(1, RecurrentForecaster.autoMembers(500000, 24));
        // few windows, but long ones: a month of five-minute values (7,374 windows of 672) and 400 days of hours
        assertEquals(1, RecurrentForecaster.autoMembers(7374, 672));
        assertEquals(1, RecurrentForecaster.autoMembers(9318, 168));
        assertEquals(5, RecurrentForecaster.autoMembers(1000, 1000), "exactly the bound");
        assertEquals(1, RecurrentForecaster.autoMembers(1000, 1001));
    }
}
