package dev.recur.connectors.series;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run-length time index: exact values, few runs for regular data, order checks. */
class RunLengthLongsTest {

    @Test
    void regularSequenceIsOneRun() {
        RunLengthLongs r = new RunLengthLongs();
        for (long t = 0; t < 100_000; t++) {
            r.add(1_600_000_000_000L + 3_600_000L * t);
        }
        assertEquals(1, r.runs());
        assertEquals(100_000, r.size());
        assertEquals(1_600_000_000_000L + 3_600_000L * 54_321, r.get(54_321));
        assertTrue(r.strictlyIncreasing());
    }

    @Test
    void randomSequencesRoundTrip() {
        Random random = new Random(1);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(300);
            long[] v = new long[n];
            long cur = random.nextInt(1000) - 500;
            for (int i = 0; i < n; i++) {
                cur += random.nextInt(4) == 0 ? random.nextInt(21) - 10 : 7;   // mostly regular, with breaks
                v[i] = cur;
            }
            RunLengthLongs r = RunLengthLongs.of(v);
            assertArrayEquals(v, r.toArray());
            for (int i = 0; i < n; i++) {
                assertEquals(v[i], r.get(i));
            }
            boolean increasing = true;
            for (int i = 1; i < n; i++) {
                increasing &= v[i] > v[i - 1];
            }
            assertEquals(increasing, r.strictlyIncreasing(), java.util.Arrays.toString(v));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> RunLengthLongs.of(new long[]{1, 2}).get(2));
        assertFalse(RunLengthLongs.of(new long[]{1, 2, 3, 3}).strictlyIncreasing());
        assertFalse(RunLengthLongs.of(new long[]{5, 6, 7, 1, 2}).strictlyIncreasing());
    }
}
