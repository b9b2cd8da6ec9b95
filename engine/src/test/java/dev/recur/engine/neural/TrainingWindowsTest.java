package dev.recur.engine.neural;

import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.train.Defaults;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The windows a forecaster's network trains on, where the series hold more than the cap on training windows kept in
 * memory ({@link TrainingWindows#MAX_TRAINING_WINDOWS}): a seeded uniform sample of the training windows, all
 * calibration windows, and every window exactly as without the cap.
 */
class TrainingWindowsTest {

    static final int WINDOW = 8;
    static final int HORIZON = 4;
    static final int SEASON = 4;
    static final int SERIES = 20;
    static final int LENGTH = 400;

    static List<TimeSeries> panel() {
        Random r = new Random(5);
        List<TimeSeries> out = new ArrayList<>();
        for (int s = 0; s < SERIES; s++) {
            double[] y = new double[LENGTH];
            for (int t = 0; t < y.length; t++) {
                y[t] = 100 + s + 10 * Math.sin(2 * Math.PI * t / SEASON) + t * 0.1 + r.nextGaussian();
            }
            out.add(TimeSeries.ofSteps("s" + s, y, 0));
        }
        return out;
    }

    static TrainingWindows windows(long seed, int cap) {
        ForecasterSettings s = ForecasterSettings.builder().training(Defaults.training().seed(seed).build()).build();
        return new TrainingWindows(s, panel(), WINDOW, HORIZON, HORIZON, SEASON, false, true, null, cap);
    }

    @Test
    void aPanelOfMoreWindowsThanTheCapKeepsASeededUniformSampleOfItsTrainingWindows() {
        TrainingWindows all = windows(1, Integer.MAX_VALUE);
        assertEquals(all.trainCount, all.trainingCandidates, "below the cap every training window is kept");
        assertTrue(all.trainCount > 7000, "the panel holds " + all.trainCount + " training windows");
        int cap = 1000;
        TrainingWindows sample = windows(1, cap);
        assertEquals(all.trainCount, sample.trainingCandidates);
        // each window kept with chance cap / candidates: within four standard deviations of the cap
        double p = (double) cap / all.trainCount;
        double sd = Math.sqrt(all.trainCount * p * (1 - p));
        assertTrue(Math.abs(sample.trainCount - cap) < 4 * sd, sample.trainCount + " training windows kept");
        // the calibration windows are all kept, the same
        assertEquals(all.calibCount, sample.calibCount);
        for (int i = 0; i < all.calibCount; i++) {
            assertArrayEquals(all.inputs[all.trainCount + i], sample.inputs[sample.trainCount + i], "calibration " + i);
            assertArrayEquals(all.targets[all.trainCount + i], sample.targets[sample.trainCount + i], "calibration " + i);
        }
        for (int i = 0; i < all.calibCount; i++) {
            TrainingWindows.Origin a = all.calibOrigins.get(i);
            TrainingWindows.Origin b = sample.calibOrigins.get(i);
            assertEquals(a.series() + "@" + a.origin(), b.series() + "@" + b.origin());
            assertArrayEquals(a.stats(), b.stats());
        }
        // every kept window is one of all, in their order (a subsequence), with its target; and they are spread over
        // the series and over each history
        int at = 0;
        int[] perSeries = new int[SERIES];
        int early = 0;
        int perTrainingSeries = all.trainCount / SERIES;
        for (int i = 0; i < sample.trainCount; i++) {
            while (at < all.trainCount && !Arrays.equals(all.inputs[at], sample.inputs[i])) {
                at++;
            }
            assertTrue(at < all.trainCount, "kept window " + i + " is one of the panel's, in order");
            assertArrayEquals(all.targets[at], sample.targets[i]);
            perSeries[at / perTrainingSeries]++;
            early += at % perTrainingSeries < perTrainingSeries / 2 ? 1 : 0;
            at++;
        }
        double expected = (double) sample.trainCount / SERIES;
        for (int s = 0; s < SERIES; s++) {
            assertTrue(Math.abs(perSeries[s] - expected) < 5 * Math.sqrt(expected), "series " + s + ": "
                    + perSeries[s] + " windows, about " + expected + " expected");
        }
        double half = sample.trainCount / 2.0;
        assertTrue(Math.abs(early - half) < 4 * Math.sqrt(half / 2), early + " of " + sample.trainCount
                + " windows from the first half of the histories");
        // the training set built from them trains on exactly these
        assertEquals(sample.trainCount, sample.training(false).size());
        // seeded: the same seed the same sample, another seed another one
        TrainingWindows again = windows(1, cap);
        assertEquals(sample.trainCount, again.trainCount);
        for (int i = 0; i < sample.trainCount; i++) {
            assertArrayEquals(sample.inputs[i], again.inputs[i]);
        }
        TrainingWindows other = windows(2, cap);
        boolean differs = other.trainCount != sample.trainCount;
        for (int i = 0; !differs && i < sample.trainCount; i++) {
            differs = !Arrays.equals(sample.inputs[i], other.inputs[i]);
        }
        assertTrue(differs, "another seed draws another sample");
    }

    @Test
    void belowTheCapTheWindowsAreThoseOfNoCap() {
        TrainingWindows capped = windows(1, TrainingWindows.MAX_TRAINING_WINDOWS);
        TrainingWindows all = windows(1, Integer.MAX_VALUE);
        assertEquals(all.inputs.length, capped.inputs.length);
        for (int i = 0; i < all.inputs.length; i++) {
            assertArrayEquals(all.inputs[i], capped.inputs[i]);
            assertArrayEquals(all.targets[i], capped.targets[i]);
        }
        assertFalse(capped.trainingCandidates > capped.trainCount);
    }
}
