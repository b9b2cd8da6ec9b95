package dev.recur.engine.tribuo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Tribuo trainers standardise each channel by its own spread in any units; only a flat channel gets scale 1. */
class AffineScalingTest {

    @Test
    void aChannelInTinyUnitsIsStandardisedByItsOwnSpread() {
        // two interleaved channels: one in units of 1e-13, one flat at 7
        float[][] rows = new float[20][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new float[]{(float) (1e-13 * (5 + Math.sin(i))), 7f, (float) (1e-13 * (5 + Math.cos(i))), 7f};
        }
        double sum = 0;
        int n = 0;
        for (float[] r : rows) {
            sum += r[0] + r[2];
            n += 2;
        }
        double mean = sum / n;
        double ss = 0;
        for (float[] r : rows) {
            ss += (r[0] - mean) * (r[0] - mean) + (r[2] - mean) * (r[2] - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        AffineScaling s = AffineScaling.standardising(rows, 2);
        assertEquals(sd, s.scale(0), 1e-6 * sd, "about 7e-14, not 1");
        assertEquals(mean, s.shift(0), 1e-6 * mean);
        assertEquals(1f, s.scale(1), "a flat channel");
        assertEquals(7f, s.shift(1));
    }
}
