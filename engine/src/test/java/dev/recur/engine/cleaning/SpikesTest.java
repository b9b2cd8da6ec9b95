package dev.recur.engine.cleaning;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Spikes}: single values far outside their series' pattern, and what is not one. */
class SpikesTest {

    /** Eight years of a monthly series: a level of 200 growing 1 a month, a season of amplitude 30, and noise. */
    private static double[] monthly() {
        java.util.Random rnd = new java.util.Random(3);
        double[] y = new double[96];
        for (int t = 0; t < y.length; t++) {
            y[t] = 200 + t + 30 * Math.sin(2 * Math.PI * t / 12) + 4 * rnd.nextGaussian();
        }
        return y;
    }

    /** The size by hand: the smaller jump over the median absolute change, when the neighbours agree. */
    @Test
    void theSizeIsTheSmallerJumpInMedianChanges() {
        double[] y = {1, 2, 3, 40, 5, 6, 7};
        // changes 1, 1, 37, 35, 1, 1: median 1; the jumps from 3 and to 5 are 37 and 35; 3 and 5 differ by 2
        List<Spikes.Spike> s = Spikes.find(y, 1, 35);
        assertEquals(List.of(new Spikes.Spike(3, 40, 35)), s);
        assertTrue(Spikes.find(y, 1, 35.001).isEmpty());
        // neighbours that disagree by more than half the smaller jump: a step on the way, not a spike
        assertTrue(Spikes.find(new double[]{1, 2, 3, 40, 25, 26, 27}, 1, 2).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Spikes.find(y, 1, 0));
    }

    /** A value typed with an extra digit is found where it is, far above the size the command line names. */
    @Test
    void aValueTypedWithAnExtraDigitIsOne() {
        double[] y = monthly();
        assertTrue(Spikes.find(y, 12, 10).isEmpty(), "the clean series has no spike of 10");
        y[70] *= 10;
        List<Spikes.Spike> s = Spikes.find(y, 12, Spikes.NAMED);
        assertEquals(1, s.size());
        assertEquals(70, s.get(0).index());
        assertEquals(y[70], s.get(0).value());
        assertTrue(s.get(0).size() > 100, "size " + s.get(0).size());
    }

    /**
     * A spike is replaced by its neighbours' mean plus the season's bump there a year before and after (by hand), and
     * a mistyped value comes back close to what it was; nothing else moves.
     */
    @Test
    void aSpikeIsReplacedByWhatItsNeighboursAndTheSeasonSay() {
        double[] y = {10, 11, 12, 10, 11, 12, 11, 10, 11, 90, 12, 11, 12, 11, 12, 13, 12, 11};
        // season 6: t = 9's neighbours 11 and 12 (mean 11.5); a season before, t = 3: 10 against (12 + 11) / 2, -1.5;
        // a season after, t = 15: 13 against (12 + 12) / 2, +1; the bump is their mean, -0.25
        List<Spikes.Spike> s = Spikes.find(y, 6, 5);
        assertEquals(List.of(9), s.stream().map(Spikes.Spike::index).toList());
        assertEquals(77, s.get(0).size(), 1e-12, "the smaller of 79, 78, and 80 and 77 seasonal changes");
        double[] r = Spikes.replaced(y, 6, s);
        assertEquals(11.25, r[9], 1e-12);
        r[9] = y[9];
        assertArrayEquals(y, r);
        double[] m = monthly();
        double before = m[70];
        m[70] *= 10;
        double back = Spikes.replaced(m, 12, Spikes.find(m, 12, Spikes.NAMED))[70];
        assertEquals(before, back, 0.05 * before);
    }

    /** Two mistyped values of one series are both named; one is not hidden by the other. */
    @Test
    void twoMistypedValuesAreBothNamed() {
        double[] y = monthly();
        y[30] *= 10;
        y[61] *= 10;
        List<Spikes.Spike> s = Spikes.find(y, 12, Spikes.NAMED);
        assertEquals(List.of(30, 61), s.stream().map(Spikes.Spike::index).toList());
    }

    /**
     * A series that drops to the same level again and again, for one step or for several, has no spike: the one-step
     * drops jump far from their neighbours, but their value is within the range of the rest. Without the longer
     * drop, the one-step ones lie below every other value and are named.
     */
    @Test
    void aLevelTheSeriesReturnsToIsNotASpike() {
        double[] y = new double[80];
        for (int t = 0; t < y.length; t++) {
            y[t] = 9900 + (t % 5);
        }
        for (int t : new int[]{10, 25, 47, 66}) {
            y[t] = 7000;
        }
        assertEquals(4, Spikes.find(y, 1, 50).size());
        y[40] = 7000;
        y[41] = 7000;
        assertTrue(Spikes.find(y, 1, 50).isEmpty());
    }

    /**
     * A peak that comes back every year is the season, not a spike, when the season is given. Neither a lasting shift
     * of level, an intermittent series, nor the first or last value is one.
     */
    @Test
    void theSeasonALevelShiftZerosAndTheEndsAreNot() {
        double[] y = monthly();
        for (int t = 11; t < y.length; t += 12) {
            y[t] += 2000;
        }
        assertTrue(Spikes.find(y, 12, 5).isEmpty());
        double[] shift = monthly();
        for (int t = 50; t < shift.length; t++) {
            shift[t] += 5000;
        }
        assertTrue(Spikes.find(shift, 12, 5).isEmpty());
        double[] sparse = new double[60];
        sparse[10] = 7;
        sparse[33] = 900;
        assertTrue(Spikes.find(sparse, 12, 5).isEmpty(), "the median change of mostly zeros is 0");
        double[] ends = monthly();
        ends[0] *= 10;
        ends[ends.length - 1] *= 10;
        assertTrue(Spikes.find(ends, 12, 5).isEmpty());
        double[] missing = monthly();
        missing[40] = Double.NaN;
        missing[70] *= 10;
        assertTrue(Spikes.find(missing, 12, 5).isEmpty(), "a series with a value that is not finite is not looked at");
    }

    /**
     * A last value typed with an extra digit (or with one too few) is found as the last one; a series that jumps to a
     * level it has had before, a last value within the series' range, a regular seasonal peak at the end and a clean
     * series are not; {@link Spikes#find} never names the last value.
     */
    @Test
    void aLastValueTypedWithAnExtraDigitIsFoundAsTheLast() {
        double[] y = monthly();
        assertEquals(null, Spikes.last(y, 12, 10), "the clean series' last value");
        double[] typed = y.clone();
        typed[95] *= 10;
        Spikes.Spike s = Spikes.last(typed, 12, Spikes.NAMED);
        assertEquals(95, s.index());
        assertEquals(typed[95], s.value());
        // by hand: the jump over the median change, and the seasonal jump over the median seasonal change, each the
        // whole series' or that of the latest 24 changes, whichever is larger; the smaller
        double step = Math.max(median(changes(typed, 1)),
                median(changes(java.util.Arrays.copyOfRange(typed, 96 - 25, 96), 1)));
        double seasonal = Math.max(median(changes(typed, 12)),
                median(changes(java.util.Arrays.copyOfRange(typed, 96 - 36, 96), 12)));
        assertEquals(Math.min(Math.abs(typed[95] - typed[94]) / step, Math.abs(typed[95] - typed[83]) / seasonal),
                s.size(), 1e-9);
        assertTrue(Spikes.find(typed, 12, 1).stream().noneMatch(k -> k.index() == 95), "find leaves the last out");
        // far below: a value entered in other units
        double[] low = y.clone();
        low[95] = -10 * y[95];
        assertEquals(95, Spikes.last(low, 12, Spikes.NAMED).index());
        // not beyond every other value: an earlier value as high
        double[] twice = typed.clone();
        twice[40] = typed[95];
        assertEquals(null, Spikes.last(twice, 12, Spikes.NAMED));
        // as far from its neighbour and beyond every other value, but near the peak the season had a year before
        double[] peak = y.clone();
        peak[83] = 9.9 * y[95];
        peak[95] = 10 * y[95];
        assertEquals(null, Spikes.last(peak, 12, Spikes.NAMED));
        assertThrows(IllegalArgumentException.class, () -> Spikes.last(y, 12, 0));
        assertEquals(null, Spikes.last(new double[]{1, 2, 3, 4}, 1, 1), "too short");
    }

    /**
     * The last value of a series that has grown all along (52 years at 3% to 20% a year, faster lately, as a growing
     * economy's GDP in dollars) is beyond every other value and its last change is many times the whole history's
     * median change, but not the latest ten years': it is not named. The same series with its last value typed with an
     * extra digit is.
     */
    @Test
    void theLastValueOfASeriesThatHasGrownAllAlongIsNotNamed() {
        double[] y = new double[52];
        Random r = new Random(11);
        y[0] = 1e10;
        for (int t = 1; t < y.length; t++) {
            y[t] = y[t - 1] * (1.03 + 0.17 * t / y.length + 0.02 * r.nextGaussian());
        }
        double whole = median(changes(y, 1));
        assertTrue(Math.abs(y[51] - y[50]) / whole > Spikes.NAMED, "the whole history's median would name it");
        assertEquals(null, Spikes.last(y, 1, Spikes.NAMED));
        double[] typed = y.clone();
        typed[51] = 10 * y[50];
        assertEquals(51, Spikes.last(typed, 1, Spikes.NAMED).index());
    }

    private static double[] changes(double[] y, int lag) {
        double[] d = new double[y.length - lag];
        for (int t = lag; t < y.length; t++) {
            d[t - lag] = Math.abs(y[t] - y[t - lag]);
        }
        return d;
    }

    private static double median(double[] d) {
        double[] c = d.clone();
        java.util.Arrays.sort(c);
        int m = c.length / 2;
        return c.length % 2 == 1 ? c[m] : 0.5 * (c[m - 1] + c[m]);
    }
}
