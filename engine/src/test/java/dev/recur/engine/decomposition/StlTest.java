package dev.recur.engine.decomposition;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** STL's parts that R's numbers do not reach on their own. */
class StlTest {

    /**
     * The partial sort R's {@code stl} takes its median with (ACM Algorithm 410): asked for ascending positions, it
     * puts there what a full sort does, on random arrays of every size up to 300 (ties too); R's call, with the two
     * middle positions in descending order, is the one checked against R's numbers by
     * {@code MissingValuesTest}'s robust decomposition.
     */
    @Test
    void thePartialSortPutsTheAskedOrderStatisticsInPlace() {
        Random r = new Random(11);
        for (int n = 2; n <= 300; n++) {
            for (int trial = 0; trial < 3; trial++) {
                double[] a = new double[n + 1];
                for (int i = 1; i <= n; i++) {
                    a[i] = trial == 2 ? r.nextInt(5) : r.nextGaussian();
                }
                double[] sorted = Arrays.copyOfRange(a, 1, n + 1);
                Arrays.sort(sorted);
                int lo = 1 + r.nextInt(n);
                int hi = lo + r.nextInt(n - lo + 1);
                int[] ind = lo == hi ? new int[]{0, lo} : new int[]{0, lo, hi};
                Stl.partialSort(a, n, ind);
                for (int k = 1; k < ind.length; k++) {
                    assertEquals(sorted[ind[k] - 1], a[ind[k]], 0.0, "n " + n + ", position " + ind[k]);
                }
                double[] rest = Arrays.copyOfRange(a, 1, n + 1);
                Arrays.sort(rest);
                assertArrayEquals(sorted, rest, 0.0, "a permutation");
            }
        }
    }
}
