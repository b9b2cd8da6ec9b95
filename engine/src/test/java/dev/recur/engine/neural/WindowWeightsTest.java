package dev.recur.engine.neural;

import dev.recur.engine.series.TimeSeries;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The loss weights of a forecaster's training windows ({@link WindowWeights}): each window's normalisation scale
 * over its own MASE scale, recomputed here from the series' values, not from the encoded windows.
 */
class WindowWeightsTest {

    static final int WINDOW = 8;
    static final int HORIZON = 2;
    static final int SEASON = 4;

    /** A smooth series (1% seasonal swings), a rough one (20%), and one constant for its first 30 values. */
    static List<TimeSeries> panel() {
        Random r = new Random(3);
        List<TimeSeries> out = new ArrayList<>();
        double[] swing = {0.01, 0.2};
        for (int s = 0; s < 2; s++) {
            double[] y = new double[40];
            for (int t = 0; t < y.length; t++) {
                y[t] = 100 * Math.exp(swing[s] * (Math.sin(2 * Math.PI * t / SEASON) + r.nextGaussian()));
            }
            out.add(TimeSeries.ofSteps("s" + s, y, 0));
        }
        double[] flat = new double[40];
        for (int t = 0; t < flat.length; t++) {
            flat[t] = t < 30 ? 50 : 50 + t;
        }
        out.add(TimeSeries.ofSteps("flat", flat, 0));
        return out;
    }

    static TrainingWindows windows(WindowWeights kind, boolean log) {
        ForecasterSettings s = ForecasterSettings.builder().windowWeights(kind).build();
        return new TrainingWindows(s, panel(), WINDOW, HORIZON, HORIZON, SEASON, log, true, null);
    }

    /** Every window's raw weight, in the order of the windows: the series' windows as they end, by kind. */
    static List<Double> expectedRaw(TrainingWindows w, boolean log) {
        // each window is identified by its first target: find it in its series and recompute from the values
        List<Double> raw = new ArrayList<>();
        List<TimeSeries> data = panel();
        for (int i = 0; i < w.inputs.length; i++) {
            raw.add(rawOf(data, w.inputs[i], log));
        }
        return raw;
    }

    /** The raw weight of the window whose encoded values are {@code in}: found by matching the normalised values. */
    static double rawOf(List<TimeSeries> data, float[] in, boolean log) {
        for (TimeSeries ts : data) {
            double[] y = ts.values();
            for (int end = WINDOW; end <= y.length; end++) {
                double[] v = new double[WINDOW];
                for (int i = 0; i < WINDOW; i++) {
                    v[i] = log ? Math.log(y[end - WINDOW + i]) : y[end - WINDOW + i];
                }
                double level = (v[WINDOW - 4] + v[WINDOW - 3] + v[WINDOW - 2] + v[WINDOW - 1]) / 4;
                double mean = 0;
                for (double x : v) {
                    mean += x / WINDOW;
                }
                double var = 0;
                for (double x : v) {
                    var += (x - mean) * (x - mean) / WINDOW;
                }
                double scale = log || Math.sqrt(var) <= 1e-12 * Math.abs(v[0]) ? 1 : Math.sqrt(var);
                boolean same = true;
                for (int i = 0; i < WINDOW && same; i++) {
                    same = Math.abs(in[i] - (v[i] - level) / scale) < 1e-5;
                }
                if (same) {
                    double d = 0;
                    for (int i = SEASON; i < WINDOW; i++) {
                        d += Math.abs(v[i] - v[i - SEASON]) / (WINDOW - SEASON);
                    }
                    return scale / d;
                }
            }
        }
        throw new AssertionError("window not found");
    }

    @Test
    void maseWeightsAreEachWindowsScaleOverItsMaseScaleCappedWithMeanOne() {
        for (boolean log : new boolean[]{true, false}) {
            TrainingWindows w = windows(WindowWeights.MASE, log);
            List<Double> raw = expectedRaw(w, log);
            // the cap and the mean are those of the training and calibration windows; the gap windows (kept for
            // the refit) follow them
            int defining = w.trainCount + w.calibCount;
            assertTrue(raw.size() > defining, "the panel has gap windows");
            double[] sorted = raw.subList(0, defining).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double cap = TrainingWindows.HEAVIEST * sorted[sorted.length / 2];
            double mean = raw.subList(0, defining).stream().mapToDouble(r -> Math.min(r, cap)).average().orElseThrow();
            int capped = 0;
            double total = 0;
            for (int i = 0; i < raw.size(); i++) {
                double expected = Math.min(raw.get(i), cap) / mean;
                assertEquals(expected, w.weights[i], 1e-5 * expected, "window " + i + " (log " + log + ")");
                capped += raw.get(i) >= cap ? 1 : 0;
                total += i < defining ? w.weights[i] : 0;
            }
            assertEquals(1.0, total / defining, 1e-5);
            // without the gap windows (no refit) the training and calibration windows weigh the same
            TrainingWindows noGap = new TrainingWindows(ForecasterSettings.builder().windowWeights(WindowWeights.MASE)
                    .refit(false).build(), panel(), WINDOW, HORIZON, HORIZON, SEASON, log, true, null);
            org.junit.jupiter.api.Assertions.assertArrayEquals(java.util.Arrays.copyOf(w.weights, defining),
                    noGap.weights);
            // the constant stretch's windows have no seasonal change and weigh the cap, no more
            assertTrue(capped >= 19, "capped windows: " + capped);
            if (log) {
                // on logs, the smooth series' calibration windows weigh more than the rough one's (with the spread
                // as the scale, both are in units of their own noise and weigh alike)
                double[] bySeries = new double[3];
                for (int i = 0; i < w.calibCount; i++) {
                    bySeries[w.calibOrigins.get(i).series()] += w.weights[w.trainCount + i];
                }
                assertTrue(bySeries[0] > 5 * bySeries[1], java.util.Arrays.toString(bySeries));
            }
        }
    }

    @Test
    void bothIsTheMeanOfEqualAndMaseAndEqualHasNoWeights() {
        TrainingWindows mase = windows(WindowWeights.MASE, true);
        TrainingWindows both = windows(WindowWeights.BOTH, true);
        for (int i = 0; i < mase.weights.length; i++) {
            assertEquals(0.5 + 0.5 * mase.weights[i], both.weights[i], 1e-6);
        }
        assertNull(windows(WindowWeights.EQUAL, true).weights);
        assertEquals(both.weights.length, both.all(true).weights().length);
        assertEquals(both.weights[both.trainCount], both.calibration(true).weights()[0]);
        assertNull(both.training(false).weights());
    }

    @Test
    void alternatingMembersTrainOnEqualAndOnMaseWeights() {
        TrainingWindows mase = windows(WindowWeights.MASE, true);
        TrainingWindows alternate = windows(WindowWeights.ALTERNATE, true);
        org.junit.jupiter.api.Assertions.assertArrayEquals(mase.weights, alternate.weights);
        for (int k = 0; k < 5; k++) {
            assertEquals(k % 2 == 1, WindowWeights.ALTERNATE.weighsWindows(k), "member " + k);
            assertTrue(WindowWeights.MASE.weighsWindows(k) && WindowWeights.BOTH.weighsWindows(k));
            assertTrue(!WindowWeights.EQUAL.weighsWindows(k));
        }
        assertEquals("", RecurrentForecaster.windowWeights(WindowWeights.ALTERNATE, 1));
        assertTrue(RecurrentForecaster.windowWeights(WindowWeights.ALTERNATE, 2).contains("alternating"));
    }

    @Test
    void aPanelOfFlatWindowsWeighsEveryWindowOnce() {
        double[] raw = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, 3};
        for (float v : TrainingWindows.weights(raw, raw.length, WindowWeights.MASE)) {
            assertEquals(1f, v);
        }
    }

    @Test
    void namesParseInAnyCaseAndAnUnknownOneSaysWhatIsExpected() {
        assertEquals(WindowWeights.MASE, WindowWeights.parse(" Mase "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WindowWeights.parse("heavy"));
        assertEquals("unknown window weights 'heavy': expected equal, mase, both or alternate", e.getMessage());
    }
}
