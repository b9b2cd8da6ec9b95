package dev.recur.plugin.cli;

import dev.recur.engine.forecast.EnsembleForecaster;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Baselines;
import dev.recur.engine.statistical.Combination;
import dev.recur.engine.statistical.Theta;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportWriterTest {

    /**
     * The report compares the default with ETS and Theta through its combination's own members, which keep their
     * fits, where they are the same methods: ETS at any season, Theta (R's thetaf) at a season above 1; at a season
     * of 1 the member is the dynamic optimised Theta, so the comparison's Theta is a new thetaf. Another method's
     * report gets new baselines. Each forecasts as the baseline of that name does.
     */
    @Test
    void theDefaultsReportComparesItWithItsCombinationsOwnMembers() {
        EnsembleForecaster ensemble = new EnsembleForecaster(Combination.standard(), null);
        List<Forecaster> members = ((Combination) ensemble.statistics().atSeason(12)).members();
        assertSame(members.get(0), ReportWriter.baseline(ensemble, 12, "ets"));
        assertSame(members.get(1), ReportWriter.baseline(ensemble, 12, "theta"));
        Forecaster yearlyTheta = ReportWriter.baseline(ensemble, 1, "theta");
        assertTrue(yearlyTheta instanceof Theta, yearlyTheta.toString());
        assertNotSame(ReportWriter.baseline(Baselines.byName("snaive"), 12, "ets"),
                ReportWriter.baseline(Baselines.byName("snaive"), 12, "ets"));
        double[] y = new double[60];
        for (int i = 0; i < y.length; i++) {
            y[i] = 50 + i + 10 * Math.sin(2 * Math.PI * i / 12) + (i * 7919 % 13) / 3.0;
        }
        List<TimeSeries> one = List.of(TimeSeries.ofSteps("s", y, 0));
        for (String name : List.of("ets", "theta")) {
            for (int season : new int[]{12, 1}) {
                double[] expected = Baselines.byName(name).forecast(one, 12, season, Forecaster.Progress.NONE).get(0);
                Forecaster b = ReportWriter.baseline(ensemble, season, name);
                assertEquals(name, b.name());
                assertArrayEquals(expected, b.forecast(one, 12, season, Forecaster.Progress.NONE).get(0), 0.0);
                assertArrayEquals(expected, b.forecast(one, 12, season, Forecaster.Progress.NONE).get(0), 0.0);
            }
        }
    }
}
