package dev.recur.engine.intervals;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The finite-sample conformal quantile, and the normal-theory widths of few calibration windows. */
class ConformalCalibrationTest {

    @Test
    void conformalQuantileIsTheFiniteSampleRank() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertEquals(8, ConformalCalibration.quantile(sorted, 0.8), 0, "ceil(10*0.8)=8th");
        assertEquals(9, ConformalCalibration.quantile(sorted, 0.95), 0, "capped at the largest");
    }

    /**
     * A network's calibration windows too few for a finite conformal quantile at 95% (fewer than 19: a network
     * trained on one short series) give the normal-theory widths of the local methods' backtests, which nest by level
     * and grow with the step, instead of the largest residual at both levels; with enough windows the conformal
     * quantiles stand.
     */
    @Test
    void fewCalibrationWindowsGiveNormalTheoryWidths() {
        int horizon = 4;
        int[] levels = {80, 95};
        java.util.Random rnd = new java.util.Random(1);
        double[][] z = new double[40][horizon];
        for (double[] row : z) {
            for (int h = 0; h < horizon; h++) {
                row[h] = rnd.nextGaussian() * Math.sqrt(h + 1.0);
            }
        }
        float[][] median = new float[40][horizon];
        for (int count : new int[]{8, 40}) {
            double[][] w = ConformalCalibration.widths(median, (i, h) -> z[i][h], count, levels, horizon, 1, 1, null);
            double[][] byStep = new double[horizon][];
            double[][] conformal = new double[levels.length][horizon];
            for (int h = 0; h < horizon; h++) {
                double[] e = new double[count];
                for (int i = 0; i < count; i++) {
                    e[i] = Math.abs(z[i][h]);
                }
                Arrays.sort(e);
                byStep[h] = e;
                for (int l = 0; l < levels.length; l++) {
                    conformal[l][h] = ConformalCalibration.quantile(e, levels[l] / 100.0);
                }
            }
            if (count < 19) {
                double[][] expected = new double[levels.length][horizon];
                ErrorQuantiles.fewErrorSteps(byStep, levels, expected);
                for (int h = 0; h < horizon; h++) {
                    assertEquals(expected[0][h], w[0][h], 1e-12);
                    assertEquals(expected[1][h], w[1][h], 1e-12);
                    assertTrue(w[0][h] < w[1][h], "80% inside 95% at step " + (h + 1));
                    assertTrue(h == 0 || w[1][h] >= w[1][h - 1], "growing with the step");
                    assertEquals(byStep[h][count - 1], conformal[1][h], 0, "the largest residual at 95% before");
                }
            } else {
                for (int l = 0; l < levels.length; l++) {
                    assertArrayEquals(conformal[l], w[l], 0);
                }
            }
        }
    }
}
