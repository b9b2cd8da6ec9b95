package dev.recur.engine.forecast;

import dev.recur.engine.ClassicSeries;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.Metrics;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Baselines;
import dev.recur.engine.statistical.ExponentialSmoothing;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backtests and automatic selection on the classic series, and the interval score of a backtest by hand. */
class BacktestTest {

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
                // the forecast ETS makes from the history before that origin, fitted on its own
                assertArrayEquals(ets.forecast(List.of(TimeSeries.ofSteps("h", Arrays.copyOf(y, origin), 1)), horizon,
                        season, Forecaster.Progress.NONE).get(0), p, 0);
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
}
