package dev.recur.engine.forecast;

import dev.recur.engine.neural.ForecasterSettings;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Combination;
import dev.recur.engine.train.TrainingConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A network backtested without refitting is trained once, before the earliest origin, and reused. */
class BacktestRefitTest {

    static List<TimeSeries> series() {
        List<TimeSeries> out = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            double[] y = new double[120];
            for (int t = 0; t < y.length; t++) {
                y[t] = 20 + s * 5 + 3 * Math.sin(2 * Math.PI * t / 12) + 0.05 * t + 0.3 * Math.cos(t * 0.7 + s);
            }
            out.add(TimeSeries.ofSteps("s" + s, y, 1));
        }
        return out;
    }

    static RecurrentForecaster gru() {
        return new RecurrentForecaster(ForecasterSettings.builder().ensemble(1).cell(CellType.GRU).hidden(8).layers(1)
                .training(TrainingConfig.builder().epochs(3).seed(9).build()).build());
    }

    /** Counts trainings by their "best epoch" message. */
    static final class Counter implements Forecaster.Progress {
        int trainings;

        @Override
        public void message(String line) {
            if (line.contains("best epoch")) {
                trainings++;
            }
        }

        @Override
        public void status(String line) {
        }
    }

    /**
     * Refitted at each origin, a network is backtested as {@code recur forecast --model gru} forecasts: trained on and
     * forecasting the series that hold its full window (43 values for horizon 6 and season 12), with {@code comb} for a
     * series long enough for a network (21) but not for that window. It used to train on every series with its window
     * shortened to fit the shortest (11 here).
     */
    @Test
    void aRefittedNetworkIsBacktestedAsItsForecastIsMade() {
        List<TimeSeries> data = new ArrayList<>(series());
        data.add(TimeSeries.ofSteps("short", java.util.Arrays.copyOfRange(data.get(0).values(), 84, 120), 1));
        Backtest.Result r = Backtest.run(gru(), data, 6, 12, 1, 6, new int[]{80}, true, Forecaster.Progress.NONE);
        List<TimeSeries> heads = new ArrayList<>();
        for (TimeSeries s : data) {
            heads.add(s.head(s.length() - 6));
        }
        RecurrentForecaster alone = gru();
        List<Forecast> network = alone.forecast(heads.subList(0, 3), 6, 12, new int[]{80}, Forecaster.Progress.NONE);
        assertEquals(24, alone.fitted().window());
        List<Forecast> made = r.forecasts().get(0);
        for (int s = 0; s < 3; s++) {
            assertArrayEquals(network.get(s).point(), made.get(s).point(), 0);
        }
        double[] comb = Combination.standard().forecast(List.of(heads.get(3)), 6, 12, Forecaster.Progress.NONE).get(0);
        assertArrayEquals(comb, made.get(3).point(), 1e-9);
    }

    @Test
    void trainsOnceAndForecastsEveryOriginWithTheSameWeights() {
        List<TimeSeries> data = series();
        Counter refit = new Counter();
        Backtest.Result a = Backtest.run(gru(), data, 6, 12, 3, 6, new int[]{80}, true, refit);
        Counter once = new Counter();
        Backtest.Result b = Backtest.run(gru(), data, 6, 12, 3, 6, new int[]{80}, false, once);
        assertEquals(3, refit.trainings);
        assertEquals(1, once.trainings);
        // The earliest origin (last in the list) sees the same history and seed either way.
        for (int s = 0; s < data.size(); s++) {
            assertArrayEquals(a.forecasts().get(2).get(s).point(), b.forecasts().get(2).get(s).point(), 1e-9);
        }
        boolean differs = false;
        for (int s = 0; s < data.size(); s++) {
            differs |= !java.util.Arrays.equals(a.forecasts().get(0).get(s).point(), b.forecasts().get(0).get(s).point());
        }
        assertTrue(differs, "later origins use the network trained before the earliest one");
        assertEquals(3, b.windows().size());
        assertTrue(b.coverage().containsKey(80));
    }
}
