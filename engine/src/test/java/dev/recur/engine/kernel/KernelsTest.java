package dev.recur.engine.kernel;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vector kernels against the plain-Java ones on shapes that exercise every blocking path (8-row and
 * 4-row tiles of 3 vectors, 8 × 2 tiles, single vectors and rows, scalar tails, packed panels of B, panels
 * deeper than one cache block).
 */
class KernelsTest {

    private final Kernels scalar = new ScalarKernels();
    private final Kernels vector = KernelProvider.loadVector();
    private final Random rnd = new Random(3);

    private float[] random(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }

    private static void close(float[] expected, float[] actual, float tol, String what) {
        for (int i = 0; i < expected.length; i++) {
            float scale = Math.max(1f, Math.abs(expected[i]));
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol * scale,
                    what + " at " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    @Test
    void vectorModuleIsEnabledInTests() {
        assertNotNull(vector, "the test JVM runs with --add-modules jdk.incubator.vector");
        assertTrue(Kernels.get().name().startsWith("vector") || "scalar".equals(System.getProperty(Kernels.PROPERTY)),
                "Kernels.get() should pick the vector kernels when the module is present");
    }

    @Test
    void gemmAgreesInEveryLayoutAndShape() {
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {4, 48, 3}, {9, 100, 33}, {13, 16, 300}, {64, 256, 64}, {5, 47, 513},
                {15, 80, 40}, {15, 40, 17}, {77, 128, 300}, {70, 87, 9}, {130, 384, 20}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = random(m * k);
            float[] at = new float[m * k];
            scalar.transpose(m, k, a, 0, at, 0);
            float[] b = random(k * n);
            for (boolean acc : new boolean[]{false, true}) {
                float[] c0 = random(m * n);
                float[] c1 = c0.clone();
                float[] c2 = c0.clone();
                scalar.gemm(m, n, k, a, 0, k, 1, b, 0, n, c0, 0, n, acc);
                vector.gemm(m, n, k, a, 0, k, 1, b, 0, n, c1, 0, n, acc);
                vector.gemm(m, n, k, at, 0, 1, m, b, 0, n, c2, 0, n, acc);
                float tol = 1e-5f * (float) Math.sqrt(k);
                close(c0, c1, tol, "NN " + m + "x" + n + "x" + k);
                close(c0, c2, tol, "TN " + m + "x" + n + "x" + k);
            }
        }
    }

    @Test
    void gemmRowsDoNotDependOnTheOtherRows() {
        // A row of C comes out bit-identical whether it is computed alone, in a small block or in a large
        // packed product, so that a network's output does not depend on the batch it is in.
        int n = 131, k = 300;
        float[] b = random(k * n);
        float[] a = random(77 * k);
        float[] all = new float[77 * n];
        vector.gemm(77, n, k, a, 0, k, 1, b, 0, n, all, 0, n, false);
        for (int m : new int[]{1, 3, 5, 9, 12}) {
            for (int r0 = 0; r0 + m <= 77; r0 += 31) {
                float[] part = new float[m * n];
                vector.gemm(m, n, k, a, r0 * k, k, 1, b, 0, n, part, 0, n, false);
                for (int i = 0; i < m * n; i++) {
                    assertEquals(Float.floatToIntBits(all[r0 * n + i]), Float.floatToIntBits(part[i]),
                            "row " + (r0 + i / n) + " column " + (i % n) + " computed in " + m + " rows");
                }
            }
        }
    }

    @Test
    void gemmHonoursOffsetsAndStrides() {
        // C's sub-block at offset with a wider row stride; untouched elements must stay.
        int m = 5, n = 20, k = 6, ldc = 29, lda = 9, ldb = 23;
        float[] a = random(3 + m * lda);
        float[] b = random(2 + k * ldb);
        float[] c0 = random(7 + m * ldc);
        float[] c1 = c0.clone();
        scalar.gemm(m, n, k, a, 3, lda, 1, b, 2, ldb, c0, 7, ldc, true);
        vector.gemm(m, n, k, a, 3, lda, 1, b, 2, ldb, c1, 7, ldc, true);
        close(c0, c1, 1e-5f, "strided");
    }

    @Test
    void nonlinearitiesAreAccurate() {
        float[] x = new float[2001];
        for (int i = 0; i < x.length; i++) {
            x[i] = -100f + i * 0.1f;
        }
        float[] s = x.clone();
        float[] t = x.clone();
        vector.sigmoid(s.length, s, 0);
        vector.tanh(t.length, t, 0);
        for (int i = 0; i < x.length; i++) {
            assertEquals(1.0 / (1.0 + Math.exp(-x[i])), s[i], 2e-7, "sigmoid(" + x[i] + ")");
            assertEquals(Math.tanh(x[i]), t[i], 3e-7, "tanh(" + x[i] + ")");
        }
    }

    @Test
    void cellKernelsAgree() {
        for (int h : new int[]{3, 16, 37, 64}) {
            int rows = 5;
            // LSTM
            float[] gates = random(rows * 4 * h);
            float[] cPrev = random(rows * h);
            float[][] outS = {gates.clone(), new float[rows * h], new float[rows * h], new float[rows * h]};
            float[][] outV = {gates.clone(), new float[rows * h], new float[rows * h], new float[rows * h]};
            scalar.lstmForward(rows, h, outS[0], 0, cPrev, 0, outS[1], 0, outS[2], 0, outS[3], 0);
            vector.lstmForward(rows, h, outV[0], 0, cPrev, 0, outV[1], 0, outV[2], 0, outV[3], 0);
            for (int i = 0; i < 4; i++) {
                close(outS[i], outV[i], 1e-6f, "lstmForward h=" + h);
            }
            float[] dh = random(rows * h);
            float[] dcS = random(rows * h);
            float[] dcV = dcS.clone();
            scalar.lstmBackward(rows, h, outS[0], 0, cPrev, 0, outS[2], 0, dh, 0, dcS, 0);
            vector.lstmBackward(rows, h, outV[0], 0, cPrev, 0, outV[2], 0, dh, 0, dcV, 0);
            close(outS[0], outV[0], 1e-5f, "lstmBackward gates h=" + h);
            close(dcS, dcV, 1e-5f, "lstmBackward dc h=" + h);
            // GRU
            float[] xp = random(rows * 3 * h);
            float[] hp = random(rows * 3 * h);
            float[] hPrev = random(rows * h);
            float[] xpS = xp.clone(), xpV = xp.clone(), hpS = hp.clone(), hpV = hp.clone();
            float[] hS = new float[rows * h], hV = new float[rows * h];
            scalar.gruForward(rows, h, xpS, 0, hpS, 0, hPrev, 0, hS, 0);
            vector.gruForward(rows, h, xpV, 0, hpV, 0, hPrev, 0, hV, 0);
            close(xpS, xpV, 1e-6f, "gruForward gates");
            close(hS, hV, 1e-6f, "gruForward h");
            float[] dpS = new float[rows * h], dpV = new float[rows * h];
            scalar.gruBackward(rows, h, xpS, 0, hpS, 0, hPrev, 0, dh, 0, dpS, 0);
            vector.gruBackward(rows, h, xpV, 0, hpV, 0, hPrev, 0, dh, 0, dpV, 0);
            close(xpS, xpV, 1e-5f, "gruBackward dx");
            close(hpS, hpV, 1e-5f, "gruBackward dh-proj");
            close(dpS, dpV, 1e-5f, "gruBackward dhPrev");
            // RNN
            for (boolean relu : new boolean[]{false, true}) {
                float[] pre = random(rows * h);
                float[] a = new float[rows * h], b = new float[rows * h];
                scalar.rnnForward(rows * h, relu, pre, 0, a, 0);
                vector.rnnForward(rows * h, relu, pre, 0, b, 0);
                close(a, b, 1e-6f, "rnnForward relu=" + relu);
                float[] da = new float[rows * h], db = new float[rows * h];
                scalar.rnnBackward(rows * h, relu, a, 0, dh, 0, da, 0);
                vector.rnnBackward(rows * h, relu, b, 0, dh, 0, db, 0);
                close(da, db, 1e-5f, "rnnBackward relu=" + relu);
            }
        }
    }

    @Test
    void reductionsAndAdamAgree() {
        float[] x = random(1037);
        assertEquals(scalar.sumOfSquares(x.length, x, 0), vector.sumOfSquares(x.length, x, 0), 1e-3);
        float[] y0 = random(1037);
        float[] y1 = y0.clone();
        scalar.axpy(x.length, 0.3f, x, 0, y0, 0);
        vector.axpy(x.length, 0.3f, x, 0, y1, 0);
        close(y0, y1, 1e-6f, "axpy");
        float[] a = random(7 * 41);
        float[] s0 = random(41);
        float[] s1 = s0.clone();
        scalar.addColumnSums(7, 41, a, 0, 41, s0, 0);
        vector.addColumnSums(7, 41, a, 0, 41, s1, 0);
        close(s0, s1, 1e-5f, "addColumnSums");
        for (boolean decoupled : new boolean[]{false, true}) {
            float[] p0 = random(100), g = random(100), m0 = new float[100], v0 = new float[100];
            float[] p1 = p0.clone(), m1 = new float[100], v1 = new float[100];
            for (int step = 1; step <= 3; step++) {
                float stepSize = (float) (0.01 / (1 - Math.pow(0.9, step)));
                float bc2 = (float) Math.sqrt(1 - Math.pow(0.999, step));
                scalar.adam(100, p0, g, m0, v0, 0.9f, 0.999f, 1e-8f, 0.01f, stepSize, bc2, 0.1f, decoupled);
                vector.adam(100, p1, g, m1, v1, 0.9f, 0.999f, 1e-8f, 0.01f, stepSize, bc2, 0.1f, decoupled);
            }
            close(p0, p1, 1e-6f, "adam decoupled=" + decoupled);
        }
    }
}
