package dev.recur.engine.statistical;

import dev.recur.engine.intervals.LocalIntervals;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FitMemoryTest {

    /** A local method that counts its fits: each series' last value plus the horizon step and the season. */
    private static final class Counting implements Forecaster {
        final AtomicInteger fits = new AtomicInteger();

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public int minimumLength(int horizon, int season) {
            return 2;
        }

        @Override
        public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
            List<double[]> out = new ArrayList<>();
            for (TimeSeries s : history) {
                if (s.length() < 2) {
                    throw new IllegalArgumentException("series '" + s.id() + "' is too short");
                }
                fits.incrementAndGet();
                double[] f = new double[horizon];
                for (int h = 0; h < horizon; h++) {
                    f[h] = s.values()[s.length() - 1] + h + 1 + season / 100.0;
                }
                out.add(f);
            }
            return out;
        }
    }

    /** A method that forecasts through another at a season above 1, as the combination's Theta member does. */
    private record BySeason(Forecaster seasonal, Forecaster plain) implements Forecaster {
        @Override
        public String name() {
            return "by-season";
        }

        @Override
        public Forecaster atSeason(int season) {
            return season > 1 ? seasonal : plain;
        }

        @Override
        public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
            return atSeason(season).forecast(history, horizon, season, progress);
        }
    }

    private static TimeSeries series(String id, double... values) {
        return TimeSeries.ofSteps(id, values, 0);
    }

    private static double[] one(Forecaster f, TimeSeries s, int horizon, int season) {
        return f.forecast(List.of(s), horizon, season, Forecaster.Progress.NONE).get(0);
    }

    /**
     * The same values at the same horizon and season are fitted once, whatever the series is called; other values,
     * another horizon or another season are fitted anew; what comes back is the method's own forecast, and a caller
     * that changes it changes nothing the memory gives later.
     */
    @Test
    void theSameHistoryIsFittedOnceAndGivesTheSameForecast() {
        Counting method = new Counting();
        FitMemory memory = new FitMemory();
        Forecaster kept = memory.remembering(method);
        double[] first = one(kept, series("a", 1, 2, 3), 3, 1);
        assertArrayEquals(one(method, series("a", 1, 2, 3), 3, 1), first);
        int fitted = method.fits.get();
        first[0] = -99;
        assertArrayEquals(new double[]{4.01, 5.01, 6.01}, one(kept, series("renamed", 1, 2, 3), 3, 1));
        assertEquals(fitted, method.fits.get());
        one(kept, series("a", 1, 2, 4), 3, 1);
        one(kept, series("a", 1, 2, 3), 4, 1);
        one(kept, series("a", 1, 2, 3), 3, 4);
        assertEquals(fitted + 3, method.fits.get());
        assertArrayEquals(new long[]{1, 4}, memory.counts());
    }

    /** A series whose array its caller changes after the call is known by the values it had when it was fitted. */
    @Test
    void aCallersArrayChangedAfterTheCallDoesNotChangeWhatWasKept() {
        Counting method = new Counting();
        Forecaster kept = new FitMemory().remembering(method);
        double[] values = {1, 2, 3};
        one(kept, series("a", values), 2, 1);
        values[2] = 10;
        assertArrayEquals(new double[]{11.01, 12.01}, one(kept, series("a", values), 2, 1));
        assertArrayEquals(new double[]{4.01, 5.01}, one(kept, series("a", 1, 2, 3), 2, 1));
        assertEquals(2, method.fits.get());
    }

    /** Beyond its capacity in history values the memory forgets the least recently used history. */
    @Test
    void theLeastRecentlyUsedHistoryIsForgottenBeyondTheCapacity() {
        Counting method = new Counting();
        Forecaster kept = new FitMemory(8).remembering(method);
        TimeSeries a = series("a", 1, 2, 3, 4);
        TimeSeries b = series("b", 5, 6, 7, 8);
        TimeSeries c = series("c", 9, 10, 11, 12);
        one(kept, a, 2, 1);
        one(kept, b, 2, 1);
        one(kept, a, 2, 1);   // a used last: b is the least recent
        one(kept, c, 2, 1);   // 12 values: b forgotten
        assertEquals(3, method.fits.get());
        one(kept, a, 2, 1);
        one(kept, c, 2, 1);
        assertEquals(3, method.fits.get());
        one(kept, b, 2, 1);
        assertEquals(4, method.fits.get());
        one(kept, series("long", 1, 2, 3, 4, 5, 6, 7, 8, 9), 2, 1);   // longer than the memory: fitted, not kept
        one(kept, series("long", 1, 2, 3, 4, 5, 6, 7, 8, 9), 2, 1);
        assertEquals(6, method.fits.get());
    }

    /**
     * One wrapper per method, the same each time; a method that changes with the season shares its fits with the
     * form it takes at that season, which has its own wrapper; a method's refusal reaches the caller, and nothing is
     * kept of it.
     */
    @Test
    void aMethodAndItsFormAtASeasonShareTheirFits() {
        Counting seasonal = new Counting();
        Counting plain = new Counting();
        FitMemory memory = new FitMemory();
        Forecaster bySeason = memory.remembering(new BySeason(seasonal, plain));
        assertSame(bySeason, memory.remembering(bySeason));
        Forecaster atFour = bySeason.atSeason(4);
        assertSame(atFour, bySeason.atSeason(4));
        assertSame(atFour, memory.remembering(seasonal));
        assertNotSame(atFour, bySeason.atSeason(1));
        assertEquals("counting", atFour.name());
        TimeSeries s = series("s", 3, 1, 4, 1, 5, 9, 2, 6);
        one(bySeason, s, 3, 4);
        one(atFour, s, 3, 4);
        one(bySeason.atSeason(1), s, 3, 1);
        one(bySeason, s, 3, 1);
        assertEquals(1, seasonal.fits.get());
        assertEquals(1, plain.fits.get());
        long[] before = memory.counts();
        assertThrows(IllegalArgumentException.class, () -> one(bySeason, series("short", 1), 3, 1));
        assertThrows(IllegalArgumentException.class, () -> one(bySeason, series("short", 1), 3, 1));
        assertArrayEquals(before, memory.counts());
    }

    /**
     * A method that makes a new form of itself each time it is asked for one at a season (a combination does) is kept
     * by the first: its wrapper's form at a season is the same object every time, and its fits at that season are
     * kept across calls, through the wrapper or its form.
     */
    @Test
    void aMethodThatMakesANewFormEachTimeIsKeptByTheFirst() {
        Counting inner = new Counting();
        Forecaster fresh = new Forecaster() {
            @Override
            public String name() {
                return "fresh";
            }

            @Override
            public Forecaster atSeason(int season) {
                return new BySeason(inner, inner);
            }

            @Override
            public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
                return inner.forecast(history, horizon, season, progress);
            }
        };
        FitMemory memory = new FitMemory();
        Forecaster kept = memory.remembering(fresh);
        assertSame(kept.atSeason(12), kept.atSeason(12));
        TimeSeries s = series("s", 5, 4, 3, 2, 1);
        one(kept, s, 2, 12);
        one(kept, s, 2, 12);
        one(kept.atSeason(12), s, 2, 12);
        one(kept.atSeason(12), s, 2, 12);
        assertEquals(2, inner.fits.get());
    }

    /**
     * The standard combination keeps its members' fits: the forecasts of a panel, fitted in parallel, equal to the
     * bit those of the same combination without a memory, the first time and again from what was kept.
     */
    @Test
    void theStandardCombinationForecastsAsItsMembersWithoutAMemory() {
        List<TimeSeries> panel = new ArrayList<>();
        java.util.Random random = new java.util.Random(5);
        for (int k = 0; k < 6; k++) {
            double[] y = new double[40 + 7 * k];
            for (int i = 0; i < y.length; i++) {
                y[i] = 100 + k * 10 + i * (k - 2) * 0.5 + 15 * Math.sin(2 * Math.PI * i / 4)
                        + random.nextGaussian() * 3;
            }
            panel.add(series("s" + k, y));
        }
        Combination plain = new Combination("comb", List.of(new ExponentialSmoothing(),
                new Combination.SeasonalTheta(), new Arima()));
        Combination kept = Combination.standard();
        for (int season : new int[]{4, 1}) {
            List<double[]> expected = LocalIntervals.points(plain, panel, 6, season);
            List<double[]> first = LocalIntervals.points(kept, panel, 6, season);
            List<double[]> again = LocalIntervals.points(kept.atSeason(season), panel, 6, season);
            for (int s = 0; s < panel.size(); s++) {
                assertArrayEquals(expected.get(s), first.get(s), 0.0);
                assertArrayEquals(expected.get(s), again.get(s), 0.0);
            }
        }
    }
}
