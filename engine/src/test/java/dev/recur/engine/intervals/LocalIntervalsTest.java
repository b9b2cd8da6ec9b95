package dev.recur.engine.intervals;

import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.Metrics;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Baselines;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backtest errors behind the local methods' intervals, computed by hand. */
class LocalIntervalsTest {

    /**
     * A calm history followed by a volatile stretch: each origin's errors are divided by the MASE scale of the values
     * before it, as a forecast's interval is by its history's, never by a scale that includes the values forecast.
     */
    @Test
    void backtestErrorsAreScaledByTheHistoryBeforeTheirOrigin() {
        double[] y = {10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 30, 0, 40, -10};
        TimeSeries s = TimeSeries.ofSteps("s", y, 1);
        int horizon = 2;
        double[][] rows = LocalIntervals.seriesErrors(Baselines.byName("naive"), s, horizon, 1, 3);
        assertEquals(3, rows.length);
        int gap = (horizon + 1) / 2;
        for (int k = 0; k < rows.length; k++) {
            int origin = y.length - horizon - k * gap;
            // the mean absolute one-step change of y[0..origin), by hand
            double sum = 0;
            for (int t = 1; t < origin; t++) {
                sum += Math.abs(y[t] - y[t - 1]);
            }
            double scale = sum / (origin - 1);
            for (int h = 0; h < horizon; h++) {
                assertEquals(Math.abs(y[origin + h] - y[origin - 1]) / scale, rows[k][h], 1e-12,
                        "origin " + origin + ", step " + (h + 1));
            }
        }
        // the whole series' scale is more than four times the calm part's: scaling by it would shrink the errors
        double whole = LocalIntervals.scale(y, 1);
        double calm = LocalIntervals.scale(Arrays.copyOf(y, y.length - horizon - 2 * gap), 1);
        assertTrue(whole > 4 * calm, whole + " vs " + calm);
    }

    /**
     * A history that repeats itself exactly at its season (a constant series, an exact yearly pattern, all zeros) has
     * a MASE scale of 0 and gets intervals of no width, as R's {@code ets} and {@code naive} give it; before, its
     * interval was the pooled quantile times its mean absolute value (about ±9 on a series constant at 5 here, 80
     * times the spread of the wave series of the same size). The other series' intervals are the quantiles times
     * their own MASE scale, as before.
     */
    @Test
    void aHistoryThatRepeatsItselfExactlyGetsNoSpread() {
        int season = 4;
        int horizon = 3;
        java.util.Random r = new java.util.Random(5);
        List<TimeSeries> panel = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            double[] y = new double[40];
            for (int t = 0; t < y.length; t++) {
                y[t] = 5 + Math.sin(t * Math.PI / 2) + 0.3 * r.nextGaussian();
            }
            panel.add(TimeSeries.ofSteps("wave" + i, y, 1));
        }
        double[] constant = new double[40];
        Arrays.fill(constant, 5);
        double[] pattern = new double[40];
        for (int t = 0; t < pattern.length; t++) {
            pattern[t] = new double[]{4, 6, 5, 7}[t % season];
        }
        panel.add(TimeSeries.ofSteps("constant", constant, 1));
        panel.add(TimeSeries.ofSteps("pattern", pattern, 1));
        panel.add(TimeSeries.ofSteps("zeros", new double[40], 1));
        int[] levels = {80, 95};
        Forecaster snaive = Baselines.byName("snaive");
        List<Forecast> out = LocalIntervals.forecast(snaive, panel, horizon, season, levels);
        double[][] q = LocalIntervals.backtestQuantiles(snaive, panel, horizon, season, levels);
        for (int s = 0; s < panel.size(); s++) {
            Forecast f = out.get(s);
            double[] y = panel.get(s).values();
            boolean repeats = s >= 6;
            assertEquals(repeats ? 0 : LocalIntervals.scale(y, season), LocalIntervals.intervalScale(y, season), 0.0);
            for (int l = 0; l < levels.length; l++) {
                for (int h = 0; h < horizon; h++) {
                    double half = (f.upper(levels[l])[h] - f.lower(levels[l])[h]) / 2;
                    String at = panel.get(s).id() + " at " + levels[l] + "%, step " + (h + 1);
                    if (repeats) {
                        assertEquals(f.point()[h], f.lower(levels[l])[h], 0.0, at);
                        assertEquals(f.point()[h], f.upper(levels[l])[h], 0.0, at);
                    } else {
                        assertTrue(half > 0, at);
                        assertEquals(q[l][h] * Metrics.maseScale(y, season), half, 1e-9 * half, at);
                    }
                }
            }
        }
        // the fallback that used to widen the constant series: its level, about 40 times the waves' MASE scale
        assertTrue(LocalIntervals.scale(constant, season) > 10 * LocalIntervals.scale(panel.get(0).values(), season));
    }

    /**
     * A backtest from a history that repeats itself exactly (a constant stretch) has no MASE scale, so its errors are
     * in no unit of the pool: zero while the stretch goes on, a jump over its mean value after it. It gives no row,
     * the later origins of the same series theirs. A panel whose only long series are constant had given its short
     * series intervals of no width (the pool was all zeros: 1, 2, 3, 2, 3 forecast with [2.5, 2.5]); now such a panel
     * is calibrated as it is without them, on its short series' own backtests.
     */
    @Test
    void aHistoryThatRepeatsItselfGivesNoBacktestErrors() {
        double[] y = new double[30];
        Arrays.fill(y, 0, 20, 7);
        for (int t = 20; t < y.length; t++) {
            y[t] = 7 + (t % 3) - 1;
        }
        int horizon = 2;
        Forecaster naive = Baselines.byName("naive");
        double[][] rows = LocalIntervals.seriesErrors(naive, TimeSeries.ofSteps("s", y, 1), horizon, 1, 20);
        // origins 28, 27, ..., 9 (a gap of 1); those at 20 and before have a constant history and give no row
        assertEquals(28 - 21 + 1, rows.length);
        for (int k = 0; k < rows.length; k++) {
            int origin = 28 - k;
            double sum = 0;
            for (int t = 1; t < origin; t++) {
                sum += Math.abs(y[t] - y[t - 1]);
            }
            for (int h = 0; h < Math.min(horizon, y.length - origin); h++) {
                assertEquals(Math.abs(y[origin + h] - y[origin - 1]) / (sum / (origin - 1)), rows[k][h], 1e-12,
                        "origin " + origin + ", step " + (h + 1));
            }
        }

        double[] constant = new double[40];
        Arrays.fill(constant, 5);
        TimeSeries young = TimeSeries.ofSteps("young", new double[]{1, 2, 3, 2, 3}, 1);
        List<TimeSeries> panel = List.of(TimeSeries.ofSteps("constant", constant, 1),
                TimeSeries.ofSteps("zeros", new double[40], 1), young);
        int[] levels = {80, 95};
        double[][] q = LocalIntervals.backtestQuantiles(naive, panel, 3, 1, levels);
        double[][] alone = LocalIntervals.backtestQuantiles(naive, List.of(young), 3, 1, levels);
        for (int l = 0; l < levels.length; l++) {
            assertArrayEquals(alone[l], q[l], 0.0);
            for (double v : q[l]) {
                assertTrue(v > 0 && Double.isFinite(v), Arrays.toString(q[l]));
            }
        }
        Forecast f = LocalIntervals.forecast(naive, panel, 3, 1, levels).get(2);
        for (int h = 0; h < 3; h++) {
            assertTrue(f.upper(80)[h] > f.point()[h] && f.lower(80)[h] < f.point()[h], "step " + (h + 1));
        }
    }

    /**
     * Weekly series of 40 values with a season of 52 leave no origin with two seasons before it: the backtests then
     * leave what the method needs, and give the errors of those origins (by hand), so the panel still gets finite
     * intervals calibrated on its own series. Before, the command line stopped with "too short to calibrate".
     */
    @Test
    void aPanelTooShortForTwoSeasonsIsBacktestedFromShortHistories() {
        Forecaster naive = Baselines.byName("naive");
        int horizon = 13;
        int season = 52;
        java.util.Random r = new java.util.Random(3);
        List<TimeSeries> panel = new java.util.ArrayList<>();
        for (int s = 0; s < 5; s++) {
            double[] y = new double[40];
            for (int t = 0; t < y.length; t++) {
                y[t] = 100 + t + 5 * r.nextGaussian();
            }
            panel.add(TimeSeries.ofSteps("w" + s, y, 1));
        }
        assertEquals(0, LocalIntervals.seriesErrors(naive, panel.get(0), horizon, season, 20).length,
                "no origin leaves two seasons");
        int origins = 20;
        assertEquals(origins, LocalIntervals.origins("w0", panel.size()), "a few series: 20 origins each");
        int gap = (horizon + 1) / 2;
        List<double[]> byHand = new java.util.ArrayList<>();
        for (TimeSeries s : panel) {
            double[] y = s.values();
            double[][] rows = LocalIntervals.shortHistoryErrors(naive, s, horizon, season, origins);
            int k = 0;
            for (int origin = y.length - horizon; origin >= 1 && k < origins; origin -= gap, k++) {
                double scale = LocalIntervals.scale(Arrays.copyOf(y, origin), season);
                double[] row = new double[horizon];
                for (int h = 0; h < horizon; h++) {
                    row[h] = Math.abs(y[origin + h] - y[origin - 1]) / scale;
                    assertEquals(row[h], rows[k][h], 1e-12, s.id() + " origin " + origin + " step " + (h + 1));
                }
                byHand.add(row);
            }
            assertEquals(k, rows.length, s.id());
        }
        int[] levels = {80, 95};
        double[][] q = LocalIntervals.backtestQuantiles(naive, panel, horizon, season, levels);
        for (int h = 0; h < horizon; h++) {
            double[] e = new double[byHand.size()];
            for (int i = 0; i < e.length; i++) {
                e[i] = byHand.get(i)[h];
            }
            Arrays.sort(e);
            for (int l = 0; l < levels.length; l++) {
                int rank = (int) Math.min(e.length - 1, Math.ceil((e.length + 1) * levels[l] / 100.0) - 1);
                assertEquals(e[rank], q[l][h], 1e-12, "level " + levels[l] + " step " + (h + 1));
            }
        }
        List<Forecast> f = LocalIntervals.forecast(naive, panel, horizon, season, levels);
        for (Forecast x : f) {
            for (int h = 0; h < horizon; h++) {
                assertTrue(Double.isFinite(x.lower(95)[h]) && x.lower(95)[h] < x.lower(80)[h]
                        && x.upper(80)[h] < x.upper(95)[h], x.id() + " step " + (h + 1));
            }
        }
    }

    /**
     * Weekly series that end together, with a horizon of a quarter of their season: their latest backtests all forecast
     * the same 13 weeks, here the ones that hold a spike of 50 (a Christmas) on top of noise of spread 1, and every
     * series' fourth-step interval was then as wide as the spike, though the forecast's weeks are calm. Their
     * backtests now forecast the forecast's own weeks a year earlier, 39 steps before the latest origin, and the
     * intervals are the noise's. The same series ending at different times keep the latest origin (their backtests
     * already spread over the season; here they all still hold the spike, at the same step), and so does a horizon of
     * a season or more.
     */
    @Test
    void aPanelThatEndsTogetherBacktestsTheForecastsPartOfTheSeason() {
        Forecaster naive = Baselines.byName("naive");
        int horizon = 13;
        int season = 52;
        java.util.Random r = new java.util.Random(11);
        List<TimeSeries> together = new java.util.ArrayList<>();
        List<TimeSeries> apart = new java.util.ArrayList<>();
        for (int s = 0; s < 300; s++) {
            double[] y = new double[111];
            for (int t = 0; t < y.length; t++) {
                y[t] = 100 + r.nextGaussian() + (t % season == 49 ? 50 : 0);
            }
            together.add(TimeSeries.ofSteps("j" + s, y, 1));
            apart.add(TimeSeries.ofSteps("j" + s, y, 1 + s));
        }
        assertTrue(LocalIntervals.endTogether(together.stream().map(LocalIntervals::end).toList()));
        assertTrue(!LocalIntervals.endTogether(apart.stream().map(LocalIntervals::end).toList()));
        assertEquals(39, LocalIntervals.phase(horizon, season, 97, true));
        assertEquals(0, LocalIntervals.phase(horizon, season, 38, true), "a series that cannot spare 39 steps");
        assertEquals(0, LocalIntervals.phase(horizon, season, 97, false));
        assertEquals(0, LocalIntervals.phase(season, season, 97, true), "a horizon of a season");
        assertEquals(0, LocalIntervals.phase(18, 12, 97, true), "a horizon longer than the season spans all of it");
        // the latest possible origin, 98, forecasts weeks 98 to 110: the spike at 101 is its fourth step, index 3
        double[][] q = LocalIntervals.backtestQuantiles(naive, together, horizon, season, new int[]{80});
        for (int h = 0; h < horizon; h++) {
            assertTrue(q[0][h] < 5, "step " + (h + 1) + ": 80% half-width " + q[0][h] + " scales");
        }
        double[][] first = LocalIntervals.shortHistoryErrors(naive, together.get(0), horizon, season, 1, true);
        double[] y = together.get(0).values();
        double scale = LocalIntervals.scale(Arrays.copyOf(y, 59), season);
        assertEquals(Math.abs(y[59 + 3] - y[58]) / scale, first[0][3], 1e-12, "origin 98 − 39 = 59, by hand");
        double[][] spread = LocalIntervals.backtestQuantiles(naive, apart, horizon, season, new int[]{80});
        assertTrue(spread[0][3] > 20, "ending apart, the latest origins: " + spread[0][3]);
        List<Forecast> f = LocalIntervals.forecast(naive, together, horizon, season, new int[]{80});
        double width = f.get(0).upper(80)[3] - f.get(0).lower(80)[3];
        assertTrue(width < 10, "80% interval of the fourth step " + width + " wide, the spike 50");
    }

    /**
     * Series too short for a whole horizon after the method's minimum give one backtest from that minimum with the
     * steps they have. Seven errors are too few for a conformal 80% or 95% quantile (19 are needed at 95%), so every
     * step, those that no backtest reaches included, gets the normal-theory width worked out here by hand: the
     * errors' growth exponent from the weighted least-squares line through (log step, log mean error), the median of
     * the errors divided by step^β over the normal's median absolute value, and Student's quantiles with 6 degrees of
     * freedom from R ({@code qt(c(0.9, 0.975), 6)}).
     */
    @Test
    void stepsWithTooFewErrorsGetNormalTheoryWidthsThatGrowWithTheStep() {
        Forecaster naive = Baselines.byName("naive");
        int horizon = 6;
        List<TimeSeries> panel = List.of(TimeSeries.ofSteps("a", new double[]{5, 7, 6, 9}, 1),
                TimeSeries.ofSteps("b", new double[]{10, 12, 11, 15, 14}, 1));
        double[][] a = LocalIntervals.shortHistoryErrors(naive, panel.get(0), horizon, 1, 20);
        assertEquals(1, a.length);
        double scaleA = LocalIntervals.scale(new double[]{5}, 1);
        assertEquals(Math.abs(7 - 5) / scaleA, a[0][0], 1e-12);
        assertEquals(Math.abs(9 - 5) / scaleA, a[0][2], 1e-12);
        assertTrue(Double.isNaN(a[0][3]) && Double.isNaN(a[0][5]), "steps past the series' end");
        double[] b = LocalIntervals.shortHistoryErrors(naive, panel.get(1), horizon, 1, 20)[0];
        int[] levels = {80, 95};
        double[][] q = LocalIntervals.backtestQuantiles(naive, panel, horizon, 1, levels);

        // a reaches steps 1-3, b steps 1-4: the mean error of each reached step, weighted by its count
        double[] mean = {(a[0][0] + b[0]) / 2, (a[0][1] + b[1]) / 2, (a[0][2] + b[2]) / 2, b[3]};
        double[] weight = {2, 2, 2, 1};
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int h = 0; h < 4; h++) {
            double x = Math.log(h + 1);
            double y = Math.log(mean[h]);
            sw += weight[h];
            sx += weight[h] * x;
            sy += weight[h] * y;
            sxx += weight[h] * x * x;
            sxy += weight[h] * x * y;
        }
        double beta = Math.max(0, Math.min(1, (sw * sxy - sx * sy) / (sw * sxx - sx * sx)));
        double[] z = new double[7];
        for (int h = 0; h < 4; h++) {
            z[h] = b[h] / Math.pow(h + 1, beta);
            if (h < 3) {
                z[4 + h] = a[0][h] / Math.pow(h + 1, beta);
            }
        }
        Arrays.sort(z);
        double sigma = z[3] / 0.67448975019608171;   // the median over R's qnorm(0.75)
        double[] t = {1.43975574726515, 2.44691185114497};
        for (int l = 0; l < levels.length; l++) {
            for (int h = 0; h < horizon; h++) {
                assertEquals(t[l] * sigma * Math.pow(h + 1, beta), q[l][h], 1e-12,
                        "level " + levels[l] + " step " + (h + 1));
            }
        }
        assertTrue(beta > 0 && beta <= 1, "the errors grow with the step: β " + beta);
    }

    /**
     * One short series alone, as an analyst with a single file has it: 300 random walks of 15 values, each forecast
     * alone by naive with intervals from its own backtests (five origins), and scored on its next 4 values. With
     * five errors a step, the largest of them had been both the 80% and the 95% interval, which covers a new error
     * five times in six at best; the normal-theory widths cover about as often as they say, nest, and grow with the
     * step, as a random walk's errors do.
     */
    @Test
    void aSingleShortSeriesGetsIntervalsThatCoverAsOftenAsTheySay() {
        Forecaster naive = Baselines.byName("naive");
        int horizon = 4;
        int[] levels = {80, 95};
        java.util.Random r = new java.util.Random(11);
        int[] inside = new int[2];
        int total = 0;
        for (int s = 0; s < 300; s++) {
            double[] y = new double[15 + horizon];
            y[0] = 100;
            for (int t = 1; t < y.length; t++) {
                y[t] = y[t - 1] + r.nextGaussian();
            }
            TimeSeries history = TimeSeries.ofSteps("rw" + s, Arrays.copyOf(y, 15), 1);
            Forecast f = LocalIntervals.forecast(naive, List.of(history), horizon, 1, levels).get(0);
            for (int h = 0; h < horizon; h++) {
                double actual = y[15 + h];
                for (int l = 0; l < 2; l++) {
                    if (actual >= f.lower(levels[l])[h] && actual <= f.upper(levels[l])[h]) {
                        inside[l]++;
                    }
                }
                assertTrue(f.lower(95)[h] < f.lower(80)[h] && f.upper(80)[h] < f.upper(95)[h], "nested, step " + h);
                if (h > 0) {
                    assertTrue(f.upper(95)[h] - f.point()[h] >= f.upper(95)[h - 1] - f.point()[h - 1], "grows, step " + h);
                }
                total++;
            }
        }
        double c80 = 100.0 * inside[0] / total;
        double c95 = 100.0 * inside[1] / total;
        assertTrue(c80 > 75 && c80 < 87, "80% coverage " + c80);
        assertTrue(c95 > 91 && c95 < 99, "95% coverage " + c95);
    }

    /**
     * A panel of more than 400 series that give a backtest calibrates on a sample of about 400 of them, one origin
     * each, chosen by id alone: the same series in any order, and the quantiles those series' errors give by hand.
     * A panel of 400 or fewer backtests every series.
     */
    @Test
    void largePanelsCalibrateOnASampleOfAbout400SeriesChosenById() {
        int total = calibratesOnAbout400Backtests(1200);
        assertTrue(total > 340 && total < 460, total + " of 1200 series");
    }

    /**
     * A panel of 365 series (tourism monthly's network series) gets about 400 backtests in all, as the budget says:
     * one origin on each series and a second on about 35 of them chosen by id, where rounding 400 / 365 up gave every
     * series two (730 backtests, as many refits of the combination as forecasting the file twice).
     */
    @Test
    void aPanelOfAFewHundredSeriesGetsAbout400BacktestsNotTwiceThat() {
        int total = calibratesOnAbout400Backtests(365);
        assertTrue(total >= 380 && total <= 420, total + " backtests of 365 series");
        assertEquals(20, LocalIntervals.origins("any", 1), "a single series: all 20");
        assertEquals(20, LocalIntervals.origins("any", 20));
        assertEquals(4, LocalIntervals.origins("any", 100));
        assertEquals(1, LocalIntervals.origins("any", 400));
    }

    /**
     * Backtests {@code count} random series (and one too short) and checks the panel's quantiles against the errors
     * of each series from {@link LocalIntervals#origins} origins, by hand, in two orders; returns the backtests.
     */
    private static int calibratesOnAbout400Backtests(int count) {
        Forecaster naive = Baselines.byName("naive");
        int horizon = 3;
        java.util.Random r = new java.util.Random(8);
        List<TimeSeries> panel = new java.util.ArrayList<>();
        for (int s = 0; s < count; s++) {
            double[] y = new double[12 + r.nextInt(10)];
            for (int t = 0; t < y.length; t++) {
                y[t] = 50 + t + 3 * r.nextGaussian();
            }
            panel.add(TimeSeries.ofSteps("series-" + s, y, 1));
        }
        panel.add(TimeSeries.ofSteps("too-short", new double[]{1, 2, 3}, 1));
        int need = LocalIntervals.calibrationLength(naive, horizon, 1, false);
        assertEquals(Math.max(naive.minimumLength(horizon, 1), 2) + horizon, need);
        long eligible = panel.stream().filter(s -> s.length() >= need).count();
        assertEquals(count, eligible);
        int whole = 400 / count;
        int[] levels = {80, 95};
        double[][] q = LocalIntervals.backtestQuantiles(naive, panel, horizon, 1, levels);
        List<double[]> rows = new java.util.ArrayList<>();
        int total = 0;
        for (TimeSeries s : panel) {
            if (s.length() < need) {
                continue;
            }
            int origins = LocalIntervals.origins(s.id(), eligible);
            assertTrue(origins == whole || origins == whole + 1, s.id() + ": " + origins);
            assertEquals(origins, LocalIntervals.origins(s.id(), eligible), "the id alone decides");
            total += origins;
            double[][] own = LocalIntervals.seriesErrors(naive, s, horizon, 1, origins);
            assertEquals(origins, own.length, s.id());
            rows.addAll(Arrays.asList(own));
        }
        double[][] byHand = ErrorQuantiles.quantiles(rows, horizon, levels);
        for (int l = 0; l < levels.length; l++) {
            assertArrayEquals(byHand[l], q[l], 0, "level " + levels[l]);
        }
        List<TimeSeries> shuffled = new java.util.ArrayList<>(panel);
        java.util.Collections.shuffle(shuffled, new java.util.Random(1));
        double[][] again = LocalIntervals.backtestQuantiles(naive, shuffled, horizon, 1, levels);
        for (int l = 0; l < levels.length; l++) {
            assertArrayEquals(q[l], again[l], 0, "the same sample in any order");
        }
        return total;
    }

    /**
     * One series is backtested from its up to 20 origins in parallel: the pooled quantiles are those of the errors of
     * each origin computed one by one here, and a method that refuses a history (here one of 40 values or of fewer
     * than 30, though it claims to need 5) ends the series' backtests at the first origin it refuses, as the
     * sequential loop did, though it accepts some shorter ones and their forecasts may finish first.
     */
    @Test
    void aSingleSeriesOriginsBacktestedInParallelGiveTheOriginByOriginErrors() {
        double[] y = new double[60];
        java.util.Random r = new java.util.Random(11);
        for (int t = 0; t < y.length; t++) {
            y[t] = 20 + 0.5 * t + 4 * Math.sin(t * Math.PI / 2) + r.nextGaussian();
        }
        TimeSeries series = TimeSeries.ofSteps("one", y, 1);
        int horizon = 4;
        int season = 4;
        Forecaster picky = new Forecaster() {
            @Override
            public String name() {
                return "picky";
            }

            @Override
            public int minimumLength(int h, int m) {
                return 5;
            }

            @Override
            public List<double[]> forecast(List<TimeSeries> history, int h, int m, Progress progress) {
                double[] v = history.get(0).values();
                if (v.length == 40 || v.length < 30) {
                    throw new IllegalArgumentException("too short: " + v.length);
                }
                double[] f = new double[h];
                for (int k = 0; k < h; k++) {
                    f[k] = v[v.length - m + k % m];
                }
                return List.of(f);
            }
        };
        int gap = (horizon + 1) / 2;
        List<double[]> byHand = new java.util.ArrayList<>();
        for (int origin = y.length - horizon; origin >= 8 && byHand.size() < 20; origin -= gap) {
            double[] f;
            try {
                f = picky.forecast(List.of(series.head(origin)), horizon, season, null).get(0);
            } catch (IllegalArgumentException refused) {
                break;
            }
            double scale = LocalIntervals.scale(Arrays.copyOf(y, origin), season);
            double[] row = new double[horizon];
            for (int h = 0; h < horizon; h++) {
                row[h] = Math.abs(y[origin + h] - f[h]) / scale;
            }
            byHand.add(row);
        }
        assertEquals(8, byHand.size(), "origins 56 down to 42, two apart");
        assertEquals(20, LocalIntervals.origins(series.id(), 1));
        double[][] rows = LocalIntervals.seriesErrors(picky, series, horizon, season, 20);
        assertEquals(byHand.size(), rows.length, "the first refused origin ends the backtests");
        for (int k = 0; k < rows.length; k++) {
            assertArrayEquals(byHand.get(k), rows[k], 1e-12, "origin " + k);
        }
        int[] levels = {80, 95};
        double[][] q = LocalIntervals.backtestQuantiles(picky, List.of(series), horizon, season, levels);
        double[][] expected = ErrorQuantiles.quantiles(byHand, horizon, levels);
        for (int l = 0; l < levels.length; l++) {
            assertArrayEquals(expected[l], q[l], 0, "level " + levels[l]);
        }
    }

    /**
     * Series that are all at the method's minimum (4 values for ETS) cannot backtest it: the plain forecast refuses
     * to calibrate, and the stand-in's backtests over the file calibrate the method's forecasts instead (each
     * interval the method's point ± the stand-in's quantile times the series' scale, by hand), with a note that says
     * so; when the stand-in cannot be backtested either, the forecasts are kept without intervals (NaN), and the
     * note says that.
     */
    @Test
    void seriesTooShortToBacktestTheMethodAreCalibratedOnTheStandInOrHaveNone() {
        Forecaster ets = Baselines.byName("ets");
        Forecaster comb = Baselines.byName("comb");
        int horizon = 3;
        int season = 1;
        int[] levels = {80, 95};
        List<TimeSeries> four = List.of(TimeSeries.ofSteps("a", new double[]{12, 14, 13, 15}, 1),
                TimeSeries.ofSteps("b", new double[]{40, 38, 45, 41}, 1),
                TimeSeries.ofSteps("c", new double[]{5, 7, 6, 9}, 1));
        assertEquals(4, ets.minimumLength(horizon, season));
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> LocalIntervals.forecast(ets, four, horizon, season, levels));
        assertTrue(refused.getMessage().contains("too short to calibrate"), refused.getMessage());

        LocalIntervals.Calibrated c = LocalIntervals.forecast(ets, four, comb, four, horizon, season, levels,
                Forecaster.Progress.NONE);
        assertEquals("the intervals of 3 series are calibrated on comb's backtests: the series are too short to "
                + "backtest ets (that needs 5 values)", c.note());
        double[][] q = LocalIntervals.backtestQuantiles(comb, four, horizon, season, levels);
        List<double[]> points = LocalIntervals.points(ets, four, horizon, season);
        for (int s = 0; s < four.size(); s++) {
            Forecast f = c.forecasts().get(s);
            double scale = LocalIntervals.intervalScale(four.get(s).values(), season);
            assertArrayEquals(points.get(s), f.point(), 0);
            for (int l = 0; l < levels.length; l++) {
                for (int h = 0; h < horizon; h++) {
                    assertTrue(Double.isFinite(q[l][h]) && q[l][h] > 0, "level " + levels[l] + " step " + h);
                    assertEquals(points.get(s)[h] - q[l][h] * scale, f.lower(levels[l])[h], 1e-12);
                    assertEquals(points.get(s)[h] + q[l][h] * scale, f.upper(levels[l])[h], 1e-12);
                }
            }
        }
        // with a longer series in the file, ETS backtests it: its own calibration, no note
        List<TimeSeries> withLonger = new java.util.ArrayList<>(four);
        withLonger.add(TimeSeries.ofSteps("d", new double[]{3, 4, 6, 5, 7, 8, 7, 9, 10, 9}, 1));
        assertEquals(null, LocalIntervals.forecast(ets, withLonger, comb, withLonger, horizon, season, levels,
                Forecaster.Progress.NONE).note());

        // three values: comb's minimum, so neither ETS nor comb backtests them
        List<TimeSeries> three = List.of(TimeSeries.ofSteps("a", new double[]{5, 6, 8}, 1),
                TimeSeries.ofSteps("b", new double[]{7, 9, 9}, 1));
        LocalIntervals.Calibrated none = LocalIntervals.forecast(comb, three, comb, three, 2, season, levels,
                Forecaster.Progress.NONE);
        assertEquals("no prediction intervals for 2 series: the series are too short to backtest comb (that needs 4 "
                + "values)", none.note());
        assertArrayEquals(LocalIntervals.points(comb, three, 2, season).get(1), none.forecasts().get(1).point(), 0);
        assertTrue(Double.isNaN(none.forecasts().get(0).lower(95)[0]) && Double.isNaN(none.forecasts().get(0).upper(80)[1]));
    }

    /**
     * A file whose only series repeat themselves exactly (a constant price, an exact yearly pattern) has no backtest
     * error that can be scaled, so nothing calibrates: their intervals have no width, as R's {@code ets} and
     * {@code naive} give them and as such a series gets in a file of other series, not NaN with a note that called a
     * series of 60 values too short; a series that does vary keeps the note, and the count names it alone.
     */
    @Test
    void seriesThatRepeatThemselvesExactlyGetIntervalsOfNoWidthEvenWhereNothingCalibrates() {
        Forecaster ets = Baselines.byName("ets");
        Forecaster comb = Baselines.byName("comb");
        int horizon = 3;
        int season = 12;
        int[] levels = {80, 95};
        double[] constant = new double[60];
        Arrays.fill(constant, 7);
        double[] yearly = new double[48];
        for (int t = 0; t < yearly.length; t++) {
            yearly[t] = 10 + t % 12;
        }
        List<TimeSeries> file = List.of(TimeSeries.ofSteps("constant", constant, 1),
                TimeSeries.ofSteps("yearly", yearly, 1));
        assertEquals(0, LocalIntervals.varying(file, season));
        LocalIntervals.Calibrated c = LocalIntervals.forecast(ets, file, comb, file, horizon, season, levels,
                Forecaster.Progress.NONE);
        assertEquals(null, c.note());
        List<Forecast> alone = LocalIntervals.forecast(comb, file, horizon, season, levels);
        for (List<Forecast> forecasts : List.of(c.forecasts(), alone)) {
            for (Forecast f : forecasts) {
                for (int level : levels) {
                    for (int h = 0; h < horizon; h++) {
                        assertTrue(Double.isFinite(f.point()[h]), f.id());
                        assertEquals(f.point()[h], f.lower(level)[h], 0, f.id());
                        assertEquals(f.point()[h], f.upper(level)[h], 0, f.id());
                    }
                }
            }
        }
        assertEquals(7, alone.get(0).point()[0], 1e-9);

        // with a varying series too short to backtest beside them: the note counts it alone, and it has no intervals
        List<TimeSeries> withShort = List.of(file.get(0), TimeSeries.ofSteps("short", new double[]{5, 6, 8}, 1));
        LocalIntervals.Calibrated some = LocalIntervals.forecast(comb, withShort, comb, withShort, 2, 1, levels,
                Forecaster.Progress.NONE);
        assertEquals("no prediction intervals for 1 series: the series are too short to backtest comb (that needs 4 "
                + "values)", some.note());
        assertTrue(Double.isNaN(some.forecasts().get(1).lower(80)[0]));
        assertEquals(7, some.forecasts().get(0).lower(95)[0], 1e-9);
        assertEquals(7, some.forecasts().get(0).upper(95)[0], 1e-9);
    }
}
