package dev.recur.engine.neural;

import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.train.Defaults;
import dev.recur.engine.train.EpochResult;
import dev.recur.engine.train.TrainingHistory;
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
 * Refitting a network on every window after early stopping changes the weights it forecasts with, and nothing
 * that was measured before: the early stopping (its held-out set is the calibration windows alone, whether or
 * not the gap windows are kept for the refit), the held-out forecasts and the conformal widths.
 */
class RefitTest {

    static final int HORIZON = 6;
    static final int SEASON = 12;

    /** Seasonal series with a level, a slope and noise that differ per series. */
    static List<TimeSeries> panel() {
        Random r = new Random(11);
        List<TimeSeries> out = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            double level = 50 + 100 * r.nextDouble();
            double slope = 0.3 * r.nextGaussian();
            double amp = 5 + 10 * r.nextDouble();
            double[] y = new double[72 + 4 * s];
            for (int t = 0; t < y.length; t++) {
                y[t] = level + slope * t + amp * Math.sin(2 * Math.PI * t / SEASON) + 2 * r.nextGaussian();
            }
            out.add(TimeSeries.ofSteps("s" + s, y, 0));
        }
        return out;
    }

    static RecurrentForecaster gru(Boolean refit) {
        return new RecurrentForecaster(ForecasterSettings.builder().hidden(8).layers(1).ensemble(2).refit(refit)
                .training(Defaults.training().epochs(8).samplesPerEpoch(0).seed(5).threads(1).build()).build());
    }

    static List<Double> validationLosses(TrainingHistory h) {
        return h.epochs().stream().map(EpochResult::validationLoss).toList();
    }

    @Test
    void refittingChangesTheWeightsButNotTheEarlyStoppingTheHeldOutForecastsOrTheIntervals() {
        List<TimeSeries> data = panel();
        RecurrentForecaster plain = gru(false);
        RecurrentForecaster refit = gru(true);
        int[] levels = {80, 95};
        List<Forecast> a = plain.forecast(data, HORIZON, SEASON, levels, Forecaster.Progress.NONE);
        List<Forecast> b = refit.forecast(data, HORIZON, SEASON, levels, Forecaster.Progress.NONE);

        List<TrainingHistory> ha = plain.fitted().histories();
        List<TrainingHistory> hb = refit.fitted().histories();
        assertEquals(2, ha.size());
        for (int k = 0; k < ha.size(); k++) {
            assertEquals(ha.get(k).bestEpoch(), hb.get(k).bestEpoch(), "member " + k + ": best epoch");
            assertEquals(validationLosses(ha.get(k)), validationLosses(hb.get(k)), "member " + k);
        }
        assertEquals(plain.validation().size(), refit.validation().size());
        for (int i = 0; i < plain.validation().size(); i++) {
            assertArrayEquals(plain.validation().get(i).forecast(), refit.validation().get(i).forecast(), 0);
        }
        double[][] qa = plain.fitted().quantiles();
        double[][] qb = refit.fitted().quantiles();
        for (int l = 0; l < qa.length; l++) {
            assertArrayEquals(qa[l], qb[l], 0, "conformal widths at level " + levels[l]);
        }

        boolean moved = false;
        for (int s = 0; s < data.size(); s++) {
            moved |= !Arrays.equals(a.get(s).point(), b.get(s).point());
        }
        assertTrue(moved, "the refit networks forecast with other weights");

        // the refit networks were trained on the calibration windows' targets: from the same origins they fit
        // those targets more closely than the networks that never saw them
        double plainError = 0;
        double refitError = 0;
        for (RecurrentForecaster.Validation v : plain.validation()) {
            double[] y = data.get(v.series()).values();
            TimeSeries cut = TimeSeries.ofSteps("cut", Arrays.copyOf(y, v.origin()), 0);
            double[] again = plain.fitted().forecast(List.of(cut)).get(0).point();
            double[] after = refit.fitted().forecast(List.of(cut)).get(0).point();
            for (int h = 0; h < HORIZON; h++) {
                assertEquals(v.forecast()[h], again[h], 1e-9 * Math.abs(again[h]),
                        "the held-out forecast is the fitted networks' forecast from that origin");
                plainError += Math.abs(y[v.origin() + h] - again[h]);
                refitError += Math.abs(y[v.origin() + h] - after[h]);
            }
        }
        assertFalse(plain.validation().isEmpty());
        assertTrue(refitError < plainError, "calibration-window error after the refit " + refitError
                + " against " + plainError + " without it");
    }

    /**
     * Unset, the refit follows the size of the data: a panel of a few thousand training windows is refitted (its
     * forecasts are the refitted ones, to the bit), one of more than 20,000 is not, and a setting wins either way.
     */
    @Test
    void byDefaultSmallDataIsRefittedAndLargeDataIsNot() {
        List<TimeSeries> data = panel();
        RecurrentForecaster unset = gru(null);
        RecurrentForecaster refit = gru(true);
        List<double[]> a = unset.forecast(data, HORIZON, SEASON, Forecaster.Progress.NONE);
        List<double[]> b = refit.forecast(data, HORIZON, SEASON, Forecaster.Progress.NONE);
        for (int s = 0; s < data.size(); s++) {
            assertArrayEquals(b.get(s), a.get(s), 0);
        }
        int most = RecurrentForecaster.ENSEMBLE_WINDOWS;
        assertTrue(RecurrentForecaster.refits(null, most, 50));
        assertFalse(RecurrentForecaster.refits(null, most + 1, 2));
        // fewer windows, but long ones: one hourly series of 20,000 values, a week a window
        assertFalse(RecurrentForecaster.refits(null, 19_718, 168));
        assertTrue(RecurrentForecaster.refits(null, 10_000, 100));
        assertFalse(RecurrentForecaster.refits(null, 10_001, 100));
        assertTrue(RecurrentForecaster.refits(true, 1_000_000, 1_000));
        assertFalse(RecurrentForecaster.refits(false, 10, 2));
    }
}
