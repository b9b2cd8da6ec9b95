package dev.recur.engine.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recur.engine.intervals.ErrorQuantiles;
import dev.recur.engine.intervals.LocalIntervals;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Arima;
import dev.recur.engine.statistical.Baselines;
import dev.recur.engine.statistical.Combination;
import dev.recur.engine.statistical.ExponentialSmoothing;
import dev.recur.engine.statistical.Theta;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** auto's choice by length group: one short series no longer reduces every series' choice to what it affords. */
class AutoForecasterTest {

    /** Seasonal naive under another name, as demanding as a network: needs {@code need} values. */
    private static Forecaster demanding(int need) {
        Forecaster snaive = Baselines.seasonalNaive();
        return new Forecaster() {
            @Override
            public String name() {
                return "demanding";
            }

            @Override
            public int minimumLength(int horizon, int season) {
                return need;
            }

            @Override
            public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
                for (TimeSeries s : history) {
                    if (s.length() < need) {
                        throw new IllegalArgumentException("too short");
                    }
                }
                return snaive.forecast(history, horizon, season, progress);
            }
        };
    }

    private static TimeSeries seasonal(String id, int n, Random r) {
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 100 + 20 * Math.sin(2 * Math.PI * t / 4) + r.nextGaussian();
        }
        return TimeSeries.ofSteps(id, y, 1);
    }

    /** A trending, seasonal series with noise whose size varies by series, so ETS, Theta and ARIMA disagree. */
    private static TimeSeries trending(String id, int n, Random r) {
        double[] y = new double[n];
        double level = 50 + 100 * r.nextDouble();
        double slope = r.nextGaussian();
        double noise = 1 + 5 * r.nextDouble();
        for (int t = 0; t < n; t++) {
            y[t] = level + slope * t + 10 * Math.sin(2 * Math.PI * t / 4) + noise * r.nextGaussian();
        }
        return TimeSeries.ofSteps(id, y, 1);
    }

    /**
     * auto scores a combination whose members are candidates from their backtests, without refitting them: the
     * result must be exactly what refitting the combination at every origin gives, forecast by forecast.
     */
    @Test
    void aCombinationsBacktestFromItsMembersEqualsRefittingIt() {
        Random r = new Random(11);
        List<TimeSeries> panel = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            panel.add(trending("s" + i, 40 + 7 * i, r));
        }
        Combination comb = Combination.standard();
        List<Backtest.Result> members = new ArrayList<>();
        for (Forecaster m : comb.members()) {
            members.add(Backtest.run(m, panel, 6, 4, 3, 6, new int[0], true, Forecaster.Progress.NONE));
        }
        Backtest.Result refit = Backtest.run(comb, panel, 6, 4, 3, 6, new int[0], true, Forecaster.Progress.NONE);
        Backtest.Result derived = Backtest.combined("comb", members, panel, 6, 4, Forecaster.Progress.NONE);
        assertEquals(refit.windows(), derived.windows());
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < panel.size(); i++) {
                assertArrayEquals(refit.forecasts().get(k).get(i).point(), derived.forecasts().get(k).get(i).point(),
                        0, "origin " + k + ", series " + i);
                assertArrayEquals(refit.caseMase()[k], derived.caseMase()[k], 0);
            }
        }
        assertEquals(refit.mase(), derived.mase(), 0);
        assertEquals(refit.smape(), derived.smape(), 0);
        assertArrayEquals(refit.seriesMase(), derived.seriesMase(), 0);
        // the members disagree, so the check compares something: the mean differs from each member
        for (Backtest.Result m : members) {
            assertTrue(Math.abs(m.mase() - refit.mase()) > 1e-6, m.model() + " " + m.mase() + " vs " + refit.mase());
        }

        // auto with the members as candidates gives the same backtests and choice as with a separate combination
        AutoForecaster shared = new AutoForecaster(List.of(comb.members().get(0), comb.members().get(1),
                comb.members().get(2), comb), 3);
        AutoForecaster separate = new AutoForecaster(List.of(new ExponentialSmoothing(), new Theta(), new Arima(),
                Combination.standard()), 3);
        List<AutoForecaster.Group> a = shared.choose(panel, 6, 4, Forecaster.Progress.NONE);
        List<AutoForecaster.Group> b = separate.choose(panel, 6, 4, Forecaster.Progress.NONE);
        assertEquals(b.size(), a.size());
        for (int g = 0; g < a.size(); g++) {
            assertEquals(b.get(g).explanation(), a.get(g).explanation());
        }
    }

    /**
     * The standard combination's Theta member is {@code dotm} at a season of 1, and auto's backtests, choice and log name
     * it so; at a season of 4 the same candidate is {@code thetaf}, named {@code theta}.
     */
    @Test
    void atASeasonOfOneTheCombinationsThetaIsNamedDotm() {
        Random r = new Random(5);
        List<TimeSeries> panel = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            panel.add(seasonal("s" + i, 40, r));
        }
        Combination comb = Combination.standard();
        AutoForecaster auto = new AutoForecaster(List.of(comb.members().get(0), comb.members().get(1),
                comb.members().get(2), comb), 3);
        List<String> yearly = auto.choose(panel, 4, 1, Forecaster.Progress.NONE).get(0).results().stream()
                .map(Backtest.Result::model).toList();
        assertTrue(yearly.contains("dotm") && !yearly.contains("theta") && yearly.contains("comb"), yearly.toString());
        assertTrue(auto.explanation().contains("dotm"), auto.explanation());
        List<String> quarterly = auto.choose(panel, 4, 4, Forecaster.Progress.NONE).get(0).results().stream()
                .map(Backtest.Result::model).toList();
        assertTrue(quarterly.contains("theta") && !quarterly.contains("dotm"), quarterly.toString());
    }

    @Test
    void eachLengthGroupChoosesAmongWhatItsSeriesAfford() {
        Random r = new Random(3);
        List<TimeSeries> panel = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            panel.add(seasonal("long" + i, 80, r));
            panel.add(seasonal("short" + i, 14, r));
        }
        for (int i = 0; i < 5; i++) {
            panel.add(seasonal("tiny" + i, 2, r));
        }
        AutoForecaster auto = new AutoForecaster(List.of(demanding(40), Baselines.naive(), Baselines.mean()), 3);
        AutoForecaster.Result result = auto.forecast(panel, 4, 4, new int[]{80}, Forecaster.Progress.NONE);

        List<AutoForecaster.Group> groups = auto.groups();
        assertEquals(2, groups.size(), auto.explanation());
        // the long series: every candidate backtested over 3 windows, and the seasonal method wins on seasonal data
        assertEquals(40, groups.get(0).ids().size());
        assertEquals(80, groups.get(0).shortest());
        assertEquals("demanding", groups.get(0).method().name(), auto.explanation());
        assertEquals(3, groups.get(0).results().size());
        assertEquals(3, groups.get(0).results().get(0).windows().size());
        // the short series: the demanding method left out, not the whole panel reduced to what they afford
        assertEquals(40, groups.get(1).ids().size());
        assertEquals(2, groups.get(1).results().size());
        assertTrue(groups.get(1).results().stream().noneMatch(b -> b.model().equals("demanding")));
        // every series has a forecast with intervals, and a label saying what made it
        assertEquals(panel.size(), result.forecasts().size());
        for (int i = 0; i < panel.size(); i++) {
            String id = panel.get(i).id();
            String label = result.labels().get(i);
            assertEquals(id, result.forecasts().get(i).id());
            assertEquals(4, result.forecasts().get(i).lower(80).length);
            for (int h = 0; h < 4; h++) {
                assertTrue(Double.isFinite(result.forecasts().get(i).lower(80)[h])
                        && Double.isFinite(result.forecasts().get(i).upper(80)[h]), id + ": intervals even for 2 values");
            }
            if (id.startsWith("long")) {
                assertEquals("demanding", label);
            } else if (id.startsWith("short")) {
                assertEquals(groups.get(1).method().name(), label);
            } else {
                assertEquals("naive", label, "fewer than 3 values: naive, as the default gives them");
            }
        }
        assertTrue(auto.explanation().contains("the 5 series in no group (2 to 2 values)"), auto.explanation());
        assertEquals("auto:demanding+" + groups.get(1).method().name(), auto.name());

        // the frozen choice forecasts the same series the same way, without choosing again
        List<double[]> again = auto.chosenMethod().forecast(panel, 4, 4, Forecaster.Progress.NONE);
        for (int i = 0; i < panel.size(); i++) {
            assertEquals(result.forecasts().get(i).point()[0], again.get(i)[0], 0);
        }
    }

    /**
     * Five young series (10 quarters, horizon 8) are in no group, and their own backtests could only be one forecast
     * each from a 3-value history: too few to calibrate 95% intervals. They get the combination's intervals
     * calibrated on the whole file, as the statistical default gives, not the largest of their five errors (M1
     * quarterly's QNG13 to QNG17 got 80% and 95% intervals of the same, 80-fold width from those).
     */
    @Test
    void youngSeriesInNoGroupBorrowTheFilesCalibrationRatherThanAFewShortBacktests() {
        Random r = new Random(21);
        List<TimeSeries> panel = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            panel.add(trending("long" + i, 30, r));
        }
        for (int i = 0; i < 5; i++) {
            panel.add(trending("young" + i, 10, r));
        }
        int[] levels = {80, 95};
        AutoForecaster auto = new AutoForecaster(List.of(Baselines.naive(), Baselines.seasonalNaive()), 2);
        AutoForecaster.Result got = auto.forecast(panel, 8, 4, levels, Forecaster.Progress.NONE);
        assertEquals(1, auto.groups().size(), auto.explanation());
        List<TimeSeries> young = panel.subList(10, 15);
        assertEquals(5, young.stream().mapToInt(s -> LocalIntervals.shortHistoryErrors(Combination.standard(), s, 8, 4,
                20).length).sum(), "one short-history backtest each");
        assertEquals(19, ErrorQuantiles.fewestForConformal(levels));
        assertEquals(4, ErrorQuantiles.fewestForConformal(new int[]{80}));
        EnsembleForecaster.Result whole = new EnsembleForecaster(Combination.standard(), null)
                .forecast(panel, 8, 4, levels, Forecaster.Progress.NONE);
        EnsembleForecaster.Result alone = new EnsembleForecaster(Combination.standard(), null)
                .forecast(young, 8, 4, levels, Forecaster.Progress.NONE);
        for (int i = 10; i < 15; i++) {
            Forecast f = got.forecasts().get(i);
            assertEquals("comb", got.labels().get(i));
            for (int level : levels) {
                assertArrayEquals(whole.forecasts().get(i).lower(level), f.lower(level), 1e-9, panel.get(i).id());
                assertArrayEquals(whole.forecasts().get(i).upper(level), f.upper(level), 1e-9, panel.get(i).id());
            }
            assertTrue(f.upper(95)[0] > f.upper(80)[0], "95% wider than 80%");
            // alone, the last resort: normal-theory widths from five errors (they had been the largest of them at
            // both levels)
            Forecast a = alone.forecasts().get(i - 10);
            assertTrue(a.upper(95)[0] > a.upper(80)[0], "95% wider than 80% from five errors");
            assertTrue(Math.abs(a.upper(80)[0] - f.upper(80)[0]) > 1e-6, "the check compares something");
        }
    }

    /**
     * Forecasts the actual future of the series whose ids it is given (looked up in {@code full}), seasonal naive
     * for the others: an oracle on some series.
     */
    private static Forecaster oracleOn(String name, java.util.Map<String, double[]> full, java.util.Set<String> ids) {
        Forecaster snaive = Baselines.seasonalNaive();
        return new Forecaster() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int minimumLength(int horizon, int season) {
                return 1;
            }

            @Override
            public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
                List<double[]> out = new ArrayList<>(snaive.forecast(history, horizon, season, progress));
                for (int i = 0; i < history.size(); i++) {
                    TimeSeries s = history.get(i);
                    if (ids.contains(s.id())) {
                        out.set(i, java.util.Arrays.copyOfRange(full.get(s.id()), s.length(), s.length() + horizon));
                    }
                }
                return out;
            }
        };
    }

    @Test
    void theCombinationIsKeptUnlessClearlyBeaten() {
        Random r = new Random(11);
        List<TimeSeries> panel = new ArrayList<>();
        java.util.Map<String, double[]> full = new java.util.HashMap<>();
        for (int i = 0; i < 40; i++) {
            TimeSeries s = seasonal("s" + i, 40, r);
            panel.add(s);
            full.put(s.id(), s.values());
        }
        // the combination here is seasonal naive; "lucky" is perfect on one series of forty: a lower mean MASE, but
        // from one series, within the noise of the paired differences of the 80 backtest forecasts
        Forecaster comb = new Combination("comb", List.of(Baselines.seasonalNaive()));
        AutoForecaster auto = new AutoForecaster(List.of(comb, oracleOn("lucky", full, java.util.Set.of("s7"))), 2);
        auto.choose(panel, 4, 4, Forecaster.Progress.NONE);
        assertEquals("comb", auto.chosen().name(), auto.explanation());
        assertTrue(auto.explanation().contains("comb kept: lucky beats it by"), auto.explanation());
        Backtest.Result lucky = auto.results().get(1);
        assertEquals("lucky", lucky.model());
        assertTrue(lucky.mase() < auto.results().get(0).mase(), auto.explanation());

        // perfect on every series: clearly better, and chosen
        AutoForecaster clear = new AutoForecaster(List.of(comb, oracleOn("oracle", full, full.keySet())), 2);
        clear.choose(panel, 4, 4, Forecaster.Progress.NONE);
        assertEquals("oracle", clear.chosen().name(), clear.explanation());
        assertTrue(clear.explanation().startsWith("auto chose oracle: lowest backtest MASE 0.000"), clear.explanation());
    }

    @Test
    void aSingleSeriesChoosesOnItsWindows() {
        // one series: its backtest windows are the cases, so a clear winner is still chosen over the combination
        Random r = new Random(5);
        TimeSeries s = seasonal("only", 60, r);
        java.util.Map<String, double[]> full = java.util.Map.of("only", s.values());
        Forecaster comb = new Combination("comb", List.of(Baselines.seasonalNaive()));
        AutoForecaster auto = new AutoForecaster(List.of(comb, oracleOn("oracle", full, full.keySet())), 5);
        auto.choose(List.of(s), 4, 4, Forecaster.Progress.NONE);
        assertEquals("oracle", auto.chosen().name(), auto.explanation());
        assertEquals(5, auto.results().get(0).windows().size());
        // over one window there is no standard error to judge by: the combination is kept, and the log says why
        AutoForecaster one = new AutoForecaster(List.of(comb, oracleOn("oracle", full, full.keySet())), 1);
        one.choose(List.of(s), 4, 4, Forecaster.Progress.NONE);
        assertEquals("comb", one.chosen().name(), one.explanation());
        assertTrue(one.explanation().contains("comb kept: oracle beats it by") && one.explanation().endsWith(
                "on a single window"), one.explanation());
    }

    /**
     * A series beyond the networks' float32 range joins no group when a network is a candidate, and gets the
     * combination; it stopped the network's backtest, and with it the whole run, before.
     */
    @Test
    void aSeriesBeyondTheNetworksRangeGetsTheCombination() {
        Random r = new Random(6);
        List<TimeSeries> panel = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            panel.add(seasonal("s" + i, 60, r));
        }
        double[] huge = panel.get(0).values().clone();
        for (int t = 0; t < huge.length; t++) {
            huge[t] *= 1e300;
        }
        panel.add(TimeSeries.ofSteps("huge", huge, 1));
        RecurrentForecaster net = EnsembleForecasterTest.smallNetwork();
        AutoForecaster auto = new AutoForecaster(List.of(net, Baselines.seasonalNaive()), 2);
        AutoForecaster.Result res = auto.forecast(panel, 4, 4, new int[]{80}, Forecaster.Progress.NONE);
        assertTrue(auto.explanation().endsWith("the 1 series beyond ±1e38 (outside the networks' float32 range) get comb"),
                auto.explanation());
        assertEquals("comb", res.labels().get(4));
        double last = huge[huge.length - 1];
        for (double v : res.forecasts().get(4).point()) {
            assertTrue(v > 0.3 * last && v < 3 * last, Double.toString(v));
        }
    }

    @Test
    void pairedMarginIsTheMeanDifferenceAndItsStandardError() {
        double[] m = AutoForecaster.pairedMargin(new double[]{3, 5, 4}, new double[]{1, 2, 3});
        // differences 2, 3, 1: mean 2, sample variance 1, standard error sqrt(1/3)
        assertEquals(2, m[0], 1e-12);
        assertEquals(Math.sqrt(1.0 / 3), m[1], 1e-12);
    }
}
