package dev.recur.engine.statistical;

import dev.recur.engine.ClassicSeries;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ETS against R's {@code forecast} package on the classic series, and on series it must recover exactly. */
class ExponentialSmoothingTest {

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
        double[] all = ClassicSeries.values(name);
        double[] y = Arrays.copyOf(all, all.length - h);
        ExponentialSmoothing.Fit fit = new ExponentialSmoothing().fits(y, m).stream()
                .filter(f -> f.label().equals(model)).findFirst().orElseThrow();
        double ours = fit.aicc() + y.length * Math.log(y.length);
        assertTrue(ours <= rAicc + 0.01, name + " " + model + ": AICc " + ours + " against R's " + rAicc);
    }

    /**
     * The forecast does not depend on the unit the series is given in: three of M1's yearly series (YAI8, YAC26 and
     * YAM2, which start far below where they end) and the classic air passengers, in thousandths, in thousands and in
     * millions of their units, forecast the same as in their own, multiplied by the unit. While the simplex stopped on
     * a change of 1e-9 of the -2 log-likelihood in the series' own units, which moves with the unit by 2n·ln(unit),
     * YAI8's forecast in thousandths was 4.6% off its forecast in its units, and YAM2's in thousands 2.7%.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"YAI8,1,'2440.4 4046.4 4526.1 5800.3 7468.7 6064.8 4970.5 6669.3 6364.6 8126.9 6849.4 6840.4 5381.2 "
        + "6983.4 7520.1 6773.4 8007.6 8800.8'", "YAC26,1,'331 376 494 630 645 639 634 616 686 661 750 829 891'",
        "YAM2,1,'5 8536 18971 32850 70608 86077 100525 121461 120460 157851 176392 219000 269540 367673 461099 484684 "
        + "349699 499888 588478 476008 504507 666224'", "air-passengers,12,"})
    void etsForecastsTheSameInAnyUnit(String name, int m, String values) throws IOException {
        double[] y = values == null ? Arrays.copyOf(ClassicSeries.values(name), 120)
                : Arrays.stream(values.split(" ")).mapToDouble(Double::parseDouble).toArray();
        ExponentialSmoothing ets = new ExponentialSmoothing();
        double[] own = ets.forecast(List.of(TimeSeries.ofSteps(name, y, 1)), 6, m, Forecaster.Progress.NONE).get(0);
        for (double unit : new double[]{1e-3, 1e3, 1e6}) {
            double[] scaled = Arrays.stream(y).map(v -> v * unit).toArray();
            double[] f = ets.forecast(List.of(TimeSeries.ofSteps(name, scaled, 1)), 6, m, Forecaster.Progress.NONE)
                    .get(0);
            for (int h = 0; h < f.length; h++) {
                assertEquals(own[h], f[h] / unit, 1e-5 * Math.abs(own[h]), name + " in units of " + unit + ", step "
                        + (h + 1));
            }
        }
    }

    /** On every classic series ETS forecasts the held-out values better than seasonal naive (R's MASE of it). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"air-passengers,24,12,2.494", "mauna-loa-co2,24,12,1.862", "nottingham-temperature,24,12,0.701",
        "sunspots-monthly,24,12,1.151", "nile-flow,10,1,0.968"})
    void etsBeatsSeasonalNaive(String name, int h, int m, double snaiveMase) throws IOException {
        double mase = ClassicSeries.heldOutMase(new ExponentialSmoothing(), name, h, m);
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
        double[] y0 = ClassicSeries.values("air-passengers");
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
     * Of a positive series, a model that forecasts a value at or below 0 is left out of the combination while another
     * one stays above: here the best model by AICc, whose trend falls through 0 at the third step.
     */
    @Test
    void ofAPositiveSeriesTheModelsThatForecastBelowZeroAreLeftOut() {
        double[] y = {60, 52, 47, 40, 31, 25, 18, 12};
        ExponentialSmoothing.Fit flat = new ExponentialSmoothing.Fit(false, ExponentialSmoothing.Trend.NONE,
                ExponentialSmoothing.Season.NONE, 53, new double[]{0.9, 0, 0, 1, 60, 0}, new double[]{0}, 1);
        ExponentialSmoothing.Fit damped = new ExponentialSmoothing.Fit(false, ExponentialSmoothing.Trend.DAMPED,
                ExponentialSmoothing.Season.NONE, 52, new double[]{0.9, 0.1, 0, 0.5, 60, -7}, new double[]{0}, 1);
        ExponentialSmoothing.Fit falling = new ExponentialSmoothing.Fit(false, ExponentialSmoothing.Trend.ADDITIVE,
                ExponentialSmoothing.Season.NONE, 50, new double[]{0.9, 0.5, 0, 1, 66, -7}, new double[]{0}, 1);
        double[] a = ExponentialSmoothing.forecast(y, flat, 4);
        double[] d = ExponentialSmoothing.forecast(y, damped, 4);
        double[] f = ExponentialSmoothing.forecast(y, falling, 4);
        assertTrue(Arrays.stream(a).allMatch(v -> v > 0) && Arrays.stream(d).allMatch(v -> v > 0),
                Arrays.toString(a) + " " + Arrays.toString(d));
        assertTrue(f[3] < 0 && f[0] > 0, Arrays.toString(f));
        // the best of the models left, the damped one, weighs 1 and the flat one exp(-1/2)
        double w = Math.exp(-0.5);
        double[] combined = ExponentialSmoothing.forecast(y, List.of(flat, damped, falling), 4);
        for (int k = 0; k < 4; k++) {
            assertEquals((d[k] + w * a[k]) / (1 + w), combined[k], 1e-12);
        }
        // a series with a value of 0 (or below) may go below 0: every model counts, with its own weight
        double[] withZero = y.clone();
        withZero[0] = 0;
        double[] a0 = ExponentialSmoothing.forecast(withZero, flat, 4);
        double[] d0 = ExponentialSmoothing.forecast(withZero, damped, 4);
        double[] f0 = ExponentialSmoothing.forecast(withZero, falling, 4);
        double wd = Math.exp(-1);
        double wa = Math.exp(-1.5);
        double[] all = ExponentialSmoothing.forecast(withZero, List.of(flat, damped, falling), 4);
        for (int k = 0; k < 4; k++) {
            assertEquals((f0[k] + wd * d0[k] + wa * a0[k]) / (1 + wd + wa), all[k], 1e-12);
        }
        // and where every model falls through 0, they all count as before
        double[] only = ExponentialSmoothing.forecast(y, List.of(falling), 4);
        assertArrayEquals(f, only, 1e-12);
    }

    /** The Canadian lynx pelts of 1845 to 1929 (Hudson's Bay Company): a cycle whose last fall ETS(A,Ad,N) runs on. */
    @Test
    void theLynxCycleIsNotForecastBelowZero() {
        double[] y = {
            30090, 45150, 49150, 39520, 21230, 8420, 5560, 5080, 10170, 19600, 32910, 34380, 29590, 21300, 13690,
            7650, 4080, 4090, 14330, 38220, 60780, 70770, 72770, 42680, 16390, 9830, 5800, 5260, 18910, 30950,
            31180, 46340, 45770, 44150, 36330, 12030, 12600, 18340, 35140, 43770, 65690, 79350, 51650, 32590,
            22450, 16160, 14120, 20380, 33330, 46000, 51410, 46430, 33680, 18010, 8860, 7130, 9470, 14860, 31470,
            60570, 63510, 54700, 6300, 3410, 5440, 11650, 20350, 32880, 39550, 43360, 40830, 30360, 17180, 6820,
            3190, 3520, 9940, 20300, 31990, 42360, 49080, 53990, 52250, 37700, 19140};
        ExponentialSmoothing ets = new ExponentialSmoothing();
        List<ExponentialSmoothing.Fit> fits = ets.fits(y, 1);
        ExponentialSmoothing.Fit best = ets.fit(y, 1);
        double[] bestForecast = ExponentialSmoothing.forecast(y, best, 6);
        assertTrue(bestForecast[5] < 0, "the best fit by AICc falls through 0: " + best.label() + " "
                + Arrays.toString(bestForecast));
        double[] f = ExponentialSmoothing.forecast(y, fits, 6);
        for (double v : f) {
            assertTrue(v > 10000 && v < 30000, Arrays.toString(f));
        }
    }
}
