package dev.recur.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels written with the {@code jdk.incubator.vector} API at the platform's preferred vector width.
 *
 * <p>Only {@link KernelProvider} loads this class, and only when the module is present; everything else in
 * the engine talks to {@link Kernels}. The matrix product is a register-blocked broadcast kernel (8 rows ×
 * 3 vectors of accumulators, with 8×2, 4×3 and narrower kernels at the edges) over cache-sized panels of B,
 * copied to contiguous memory when many row blocks share them; the nonlinearities use a Cephes-style
 * polynomial exponential accurate to about 2 ulp.
 */
final class VectorKernels extends Kernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Depth of one panel of B, so that a panel of 3 vectors' width stays in the L1/L2 cache. */
    private static final int KC = 256;
    /** Products with at least this many rows copy each panel of B to contiguous memory before using it. */
    private static final int PACK_MIN_ROWS = 64;
    /** One panel of B (KC rows of 3 vectors) per thread. */
    private static final ThreadLocal<float[]> PACK_BUFFER = ThreadLocal.withInitial(() -> new float[KC * 3 * L]);

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND_MAGIC = 12582912f; // 1.5 * 2^23
    private static final int EXP_BIAS_FIX = 127 - 0x4B400000;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    VectorKernels() {
    }

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }

    // ---------------------------------------------------------------------------------------------
    // Matrix product

    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, int aRs, int aCs,
                     float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            boolean acc = accumulate || p0 > 0;
            int aPanel = aOff + p0 * aCs;
            int bPanel = bOff + p0 * ldb;
            int j = 0;
            if (m < 4) {
                // Row-vector products (batch 1 to 3 at inference): six independent accumulator chains per row,
                // each summed in the same order over p as the tiled kernels, so results do not depend on the batch.
                for (; j + 6 * L <= n; j += 6 * L) {
                    for (int i = 0; i < m; i++) {
                        kernel1x6(kc, a, aPanel + i * aRs, aCs, b, bPanel + j, ldb, c, cOff + i * ldc + j, acc);
                    }
                }
            }
            float[] packed = m >= PACK_MIN_ROWS ? PACK_BUFFER.get() : null;
            for (; j + 3 * L <= n; j += 3 * L) {
                // Many row blocks share this panel of B: copy it to contiguous memory first, so that its rows
                // do not compete for the same L1 sets (row strides of B are often multiples of 512 bytes).
                float[] pb = b;
                int pbOff = bPanel + j;
                int pld = ldb;
                if (packed != null) {
                    for (int p = 0; p < kc; p++) {
                        System.arraycopy(b, bPanel + p * ldb + j, packed, p * 3 * L, 3 * L);
                    }
                    pb = packed;
                    pbOff = 0;
                    pld = 3 * L;
                }
                int i = 0;
                for (; i + 8 <= m; i += 8) {
                    kernel8x3(kc, a, aPanel + i * aRs, aRs, aCs, pb, pbOff, pld, c, cOff + i * ldc + j, ldc, acc);
                }
                for (; i + 4 <= m; i += 4) {
                    kernel4x3(kc, a, aPanel + i * aRs, aRs, aCs, pb, pbOff, pld, c, cOff + i * ldc + j, ldc, acc);
                }
                for (; i < m; i++) {
                    kernel1xV(3, kc, a, aPanel + i * aRs, aCs, pb, pbOff, pld, c, cOff + i * ldc + j, acc);
                }
            }
            if (j + 2 * L <= n) {
                // Two vectors left (a hidden size of 128 is 8 vectors at 512 bits): 8x2 blocks, then single vectors.
                int i = 0;
                for (; i + 8 <= m; i += 8) {
                    kernel8x2(kc, a, aPanel + i * aRs, aRs, aCs, b, bPanel + j, ldb, c, cOff + i * ldc + j, ldc, acc);
                }
                for (; i + 4 <= m; i += 4) {
                    kernel4x1(kc, a, aPanel + i * aRs, aRs, aCs, b, bPanel + j, ldb, c, cOff + i * ldc + j, ldc, acc);
                    kernel4x1(kc, a, aPanel + i * aRs, aRs, aCs, b, bPanel + j + L, ldb, c, cOff + i * ldc + j + L, ldc, acc);
                }
                for (; i < m; i++) {
                    kernel1xV(2, kc, a, aPanel + i * aRs, aCs, b, bPanel + j, ldb, c, cOff + i * ldc + j, acc);
                }
                j += 2 * L;
            }
            for (; j + L <= n; j += L) {
                int i = 0;
                for (; i + 8 <= m; i += 8) {
                    kernel8x1(kc, a, aPanel + i * aRs, aRs, aCs, b, bPanel + j, ldb, c, cOff + i * ldc + j, ldc, acc);
                }
                for (; i + 4 <= m; i += 4) {
                    kernel4x1(kc, a, aPanel + i * aRs, aRs, aCs, b, bPanel + j, ldb, c, cOff + i * ldc + j, ldc, acc);
                }
                for (; i < m; i++) {
                    kernel1xV(1, kc, a, aPanel + i * aRs, aCs, b, bPanel + j, ldb, c, cOff + i * ldc + j, acc);
                }
            }
            if (j < n) {
                scalarTail(m, n - j, kc, a, aPanel, aRs, aCs, b, bPanel + j, ldb, c, cOff + j, ldc, acc);
            }
        }
    }

    private static void kernel8x3(int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc, boolean acc) {
        FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32, c40, c41, c42, c50, c51, c52, c60, c61, c62, c70, c71, c72;
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        if (acc) {
            c00 = FloatVector.fromArray(S, c, r0);
            c01 = FloatVector.fromArray(S, c, r0 + L);
            c02 = FloatVector.fromArray(S, c, r0 + 2 * L);
            c10 = FloatVector.fromArray(S, c, r1);
            c11 = FloatVector.fromArray(S, c, r1 + L);
            c12 = FloatVector.fromArray(S, c, r1 + 2 * L);
            c20 = FloatVector.fromArray(S, c, r2);
            c21 = FloatVector.fromArray(S, c, r2 + L);
            c22 = FloatVector.fromArray(S, c, r2 + 2 * L);
            c30 = FloatVector.fromArray(S, c, r3);
            c31 = FloatVector.fromArray(S, c, r3 + L);
            c32 = FloatVector.fromArray(S, c, r3 + 2 * L);
            c40 = FloatVector.fromArray(S, c, r4);
            c41 = FloatVector.fromArray(S, c, r4 + L);
            c42 = FloatVector.fromArray(S, c, r4 + 2 * L);
            c50 = FloatVector.fromArray(S, c, r5);
            c51 = FloatVector.fromArray(S, c, r5 + L);
            c52 = FloatVector.fromArray(S, c, r5 + 2 * L);
            c60 = FloatVector.fromArray(S, c, r6);
            c61 = FloatVector.fromArray(S, c, r6 + L);
            c62 = FloatVector.fromArray(S, c, r6 + 2 * L);
            c70 = FloatVector.fromArray(S, c, r7);
            c71 = FloatVector.fromArray(S, c, r7 + L);
            c72 = FloatVector.fromArray(S, c, r7 + 2 * L);
        } else {
            c00 = c01 = c02 = c10 = c11 = c12 = c20 = c21 = c22 = c30 = c31 = c32 = c40 = c41 = c42 = c50 = c51 = c52 = c60 = c61 = c62 = c70 = c71 = c72 = FloatVector.zero(S);
        }
        int bp = bOff;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            int ap = aOff + p * aCs;
            FloatVector av = FloatVector.broadcast(S, a[ap]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            c02 = av.fma(b2, c02);
            av = FloatVector.broadcast(S, a[ap + aRs]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            c12 = av.fma(b2, c12);
            av = FloatVector.broadcast(S, a[ap + 2 * aRs]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            c22 = av.fma(b2, c22);
            av = FloatVector.broadcast(S, a[ap + 3 * aRs]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            c32 = av.fma(b2, c32);
            av = FloatVector.broadcast(S, a[ap + 4 * aRs]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            c42 = av.fma(b2, c42);
            av = FloatVector.broadcast(S, a[ap + 5 * aRs]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            c52 = av.fma(b2, c52);
            av = FloatVector.broadcast(S, a[ap + 6 * aRs]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            c62 = av.fma(b2, c62);
            av = FloatVector.broadcast(S, a[ap + 7 * aRs]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
            c72 = av.fma(b2, c72);
            bp += ldb;
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c02.intoArray(c, r0 + 2 * L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c12.intoArray(c, r1 + 2 * L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c22.intoArray(c, r2 + 2 * L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c32.intoArray(c, r3 + 2 * L);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + L);
        c42.intoArray(c, r4 + 2 * L);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + L);
        c52.intoArray(c, r5 + 2 * L);
        c60.intoArray(c, r6);
        c61.intoArray(c, r6 + L);
        c62.intoArray(c, r6 + 2 * L);
        c70.intoArray(c, r7);
        c71.intoArray(c, r7 + L);
        c72.intoArray(c, r7 + 2 * L);
    }

    private static void kernel8x2(int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc, boolean acc) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        if (acc) {
            c00 = FloatVector.fromArray(S, c, r0);
            c01 = FloatVector.fromArray(S, c, r0 + L);
            c10 = FloatVector.fromArray(S, c, r1);
            c11 = FloatVector.fromArray(S, c, r1 + L);
            c20 = FloatVector.fromArray(S, c, r2);
            c21 = FloatVector.fromArray(S, c, r2 + L);
            c30 = FloatVector.fromArray(S, c, r3);
            c31 = FloatVector.fromArray(S, c, r3 + L);
            c40 = FloatVector.fromArray(S, c, r4);
            c41 = FloatVector.fromArray(S, c, r4 + L);
            c50 = FloatVector.fromArray(S, c, r5);
            c51 = FloatVector.fromArray(S, c, r5 + L);
            c60 = FloatVector.fromArray(S, c, r6);
            c61 = FloatVector.fromArray(S, c, r6 + L);
            c70 = FloatVector.fromArray(S, c, r7);
            c71 = FloatVector.fromArray(S, c, r7 + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = FloatVector.zero(S);
        }
        int bp = bOff;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            int ap = aOff + p * aCs;
            FloatVector av = FloatVector.broadcast(S, a[ap]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, a[ap + aRs]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, a[ap + 2 * aRs]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, a[ap + 3 * aRs]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, a[ap + 4 * aRs]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, a[ap + 5 * aRs]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, a[ap + 6 * aRs]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, a[ap + 7 * aRs]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
            bp += ldb;
        }
        c00.intoArray(c, r0);
        c01.intoArray(c, r0 + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + L);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + L);
        c60.intoArray(c, r6);
        c61.intoArray(c, r6 + L);
        c70.intoArray(c, r7);
        c71.intoArray(c, r7 + L);
    }

    private static void kernel8x1(int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc, boolean acc) {
        FloatVector c00, c10, c20, c30, c40, c50, c60, c70;
        int r0 = cOff, r1 = r0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        if (acc) {
            c00 = FloatVector.fromArray(S, c, r0);
            c10 = FloatVector.fromArray(S, c, r1);
            c20 = FloatVector.fromArray(S, c, r2);
            c30 = FloatVector.fromArray(S, c, r3);
            c40 = FloatVector.fromArray(S, c, r4);
            c50 = FloatVector.fromArray(S, c, r5);
            c60 = FloatVector.fromArray(S, c, r6);
            c70 = FloatVector.fromArray(S, c, r7);
        } else {
            c00 = c10 = c20 = c30 = c40 = c50 = c60 = c70 = FloatVector.zero(S);
        }
        int bp = bOff;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            int ap = aOff + p * aCs;
            FloatVector av = FloatVector.broadcast(S, a[ap]);
            c00 = av.fma(b0, c00);
            av = FloatVector.broadcast(S, a[ap + aRs]);
            c10 = av.fma(b0, c10);
            av = FloatVector.broadcast(S, a[ap + 2 * aRs]);
            c20 = av.fma(b0, c20);
            av = FloatVector.broadcast(S, a[ap + 3 * aRs]);
            c30 = av.fma(b0, c30);
            av = FloatVector.broadcast(S, a[ap + 4 * aRs]);
            c40 = av.fma(b0, c40);
            av = FloatVector.broadcast(S, a[ap + 5 * aRs]);
            c50 = av.fma(b0, c50);
            av = FloatVector.broadcast(S, a[ap + 6 * aRs]);
            c60 = av.fma(b0, c60);
            av = FloatVector.broadcast(S, a[ap + 7 * aRs]);
            c70 = av.fma(b0, c70);
            bp += ldb;
        }
        c00.intoArray(c, r0);
        c10.intoArray(c, r1);
        c20.intoArray(c, r2);
        c30.intoArray(c, r3);
        c40.intoArray(c, r4);
        c50.intoArray(c, r5);
        c60.intoArray(c, r6);
        c70.intoArray(c, r7);
    }


    private static void kernel4x3(int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc, boolean acc) {
        FloatVector c00, c01, c02, c10, c11, c12, c20, c21, c22, c30, c31, c32;
        int r1 = cOff + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
        if (acc) {
            c00 = FloatVector.fromArray(S, c, cOff);
            c01 = FloatVector.fromArray(S, c, cOff + L);
            c02 = FloatVector.fromArray(S, c, cOff + 2 * L);
            c10 = FloatVector.fromArray(S, c, r1);
            c11 = FloatVector.fromArray(S, c, r1 + L);
            c12 = FloatVector.fromArray(S, c, r1 + 2 * L);
            c20 = FloatVector.fromArray(S, c, r2);
            c21 = FloatVector.fromArray(S, c, r2 + L);
            c22 = FloatVector.fromArray(S, c, r2 + 2 * L);
            c30 = FloatVector.fromArray(S, c, r3);
            c31 = FloatVector.fromArray(S, c, r3 + L);
            c32 = FloatVector.fromArray(S, c, r3 + 2 * L);
        } else {
            c00 = c01 = c02 = c10 = c11 = c12 = c20 = c21 = c22 = c30 = c31 = c32 = FloatVector.zero(S);
        }
        int a0 = aOff, a1 = aOff + aRs, a2 = a1 + aRs, a3 = a2 + aRs;
        int bp = bOff;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
            int ap = p * aCs;
            FloatVector av = FloatVector.broadcast(S, a[a0 + ap]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            c02 = av.fma(b2, c02);
            av = FloatVector.broadcast(S, a[a1 + ap]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            c12 = av.fma(b2, c12);
            av = FloatVector.broadcast(S, a[a2 + ap]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            c22 = av.fma(b2, c22);
            av = FloatVector.broadcast(S, a[a3 + ap]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            c32 = av.fma(b2, c32);
            bp += ldb;
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c02.intoArray(c, cOff + 2 * L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c12.intoArray(c, r1 + 2 * L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c22.intoArray(c, r2 + 2 * L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c32.intoArray(c, r3 + 2 * L);
    }

    private static void kernel4x1(int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, int ldc, boolean acc) {
        int r1 = cOff + ldc, r2 = r1 + ldc, r3 = r2 + ldc;
        FloatVector c0, c1, c2, c3;
        if (acc) {
            c0 = FloatVector.fromArray(S, c, cOff);
            c1 = FloatVector.fromArray(S, c, r1);
            c2 = FloatVector.fromArray(S, c, r2);
            c3 = FloatVector.fromArray(S, c, r3);
        } else {
            c0 = c1 = c2 = c3 = FloatVector.zero(S);
        }
        int a0 = aOff, a1 = aOff + aRs, a2 = a1 + aRs, a3 = a2 + aRs;
        int bp = bOff;
        for (int p = 0; p < k; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            int ap = p * aCs;
            c0 = FloatVector.broadcast(S, a[a0 + ap]).fma(b0, c0);
            c1 = FloatVector.broadcast(S, a[a1 + ap]).fma(b0, c1);
            c2 = FloatVector.broadcast(S, a[a2 + ap]).fma(b0, c2);
            c3 = FloatVector.broadcast(S, a[a3 + ap]).fma(b0, c3);
            bp += ldb;
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, r1);
        c2.intoArray(c, r2);
        c3.intoArray(c, r3);
    }

    private static void kernel1x6(int k, float[] a, int aOff, int aCs, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, boolean acc) {
        FloatVector c0, c1, c2, c3, c4, c5;
        if (acc) {
            c0 = FloatVector.fromArray(S, c, cOff);
            c1 = FloatVector.fromArray(S, c, cOff + L);
            c2 = FloatVector.fromArray(S, c, cOff + 2 * L);
            c3 = FloatVector.fromArray(S, c, cOff + 3 * L);
            c4 = FloatVector.fromArray(S, c, cOff + 4 * L);
            c5 = FloatVector.fromArray(S, c, cOff + 5 * L);
        } else {
            c0 = c1 = c2 = c3 = c4 = c5 = FloatVector.zero(S);
        }
        int bp = bOff;
        for (int p = 0; p < k; p++) {
            FloatVector av = FloatVector.broadcast(S, a[aOff + p * aCs]);
            c0 = av.fma(FloatVector.fromArray(S, b, bp), c0);
            c1 = av.fma(FloatVector.fromArray(S, b, bp + L), c1);
            c2 = av.fma(FloatVector.fromArray(S, b, bp + 2 * L), c2);
            c3 = av.fma(FloatVector.fromArray(S, b, bp + 3 * L), c3);
            c4 = av.fma(FloatVector.fromArray(S, b, bp + 4 * L), c4);
            c5 = av.fma(FloatVector.fromArray(S, b, bp + 5 * L), c5);
            bp += ldb;
        }
        c0.intoArray(c, cOff);
        c1.intoArray(c, cOff + L);
        c2.intoArray(c, cOff + 2 * L);
        c3.intoArray(c, cOff + 3 * L);
        c4.intoArray(c, cOff + 4 * L);
        c5.intoArray(c, cOff + 5 * L);
    }

    private static void kernel1xV(int vectors, int k, float[] a, int aOff, int aCs, float[] b, int bOff, int ldb,
                                  float[] c, int cOff, boolean acc) {
        for (int v = 0; v < vectors; v++) {
            int cj = cOff + v * L;
            FloatVector cv = acc ? FloatVector.fromArray(S, c, cj) : FloatVector.zero(S);
            int bp = bOff + v * L;
            for (int p = 0; p < k; p++) {
                cv = FloatVector.broadcast(S, a[aOff + p * aCs]).fma(FloatVector.fromArray(S, b, bp), cv);
                bp += ldb;
            }
            cv.intoArray(c, cj);
        }
    }

    private static void scalarTail(int m, int n, int k, float[] a, int aOff, int aRs, int aCs, float[] b, int bOff,
                                   int ldb, float[] c, int cOff, int ldc, boolean acc) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * aRs;
            int ci = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                float s = acc ? c[ci + j] : 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[ai + p * aCs], b[bOff + p * ldb + j], s);
                }
                c[ci + j] = s;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Nonlinearities

    /**
     * {@code dst = a / (1 + e^(−b·src)) + c} over {@code n} values: the sigmoid is (1, 1, 0) and
     * {@code tanh(x) = 2·sigmoid(2x) − 1} is (2, 2, −1). The exponential is a Cephes-style range reduction
     * by powers of two and a degree-6 polynomial (about 2 ulp), written inline so that no vector crosses a
     * method boundary: C2 then keeps every vector in registers, whatever it decides to inline.
     */
    private static void logistic(int n, float[] src, int sOff, float[] dst, int dOff, float a, float b, float c) {
        FloatVector va = FloatVector.broadcast(S, a);
        FloatVector vc = FloatVector.broadcast(S, c);
        FloatVector one = FloatVector.broadcast(S, 1f);
        FloatVector log2e = FloatVector.broadcast(S, LOG2E);
        FloatVector magic = FloatVector.broadcast(S, ROUND_MAGIC);
        FloatVector ln2hi = FloatVector.broadcast(S, -LN2_HI);
        FloatVector ln2lo = FloatVector.broadcast(S, -LN2_LO);
        FloatVector p0 = FloatVector.broadcast(S, 1.9875691500e-4f);
        FloatVector p1 = FloatVector.broadcast(S, 1.3981999507e-3f);
        FloatVector p2 = FloatVector.broadcast(S, 8.3334519073e-3f);
        FloatVector p3 = FloatVector.broadcast(S, 4.1665795894e-2f);
        FloatVector p4 = FloatVector.broadcast(S, 1.6666665459e-1f);
        FloatVector p5 = FloatVector.broadcast(S, 5.0000001201e-1f);
        int j = 0;
        for (; j + L <= n; j += L) {
            // e = exp(-b * x), clamped to float range
            FloatVector x = FloatVector.fromArray(S, src, sOff + j).mul(-b).max(-87.3f).min(88.7f);
            FloatVector t = x.fma(log2e, magic);
            FloatVector nf = t.sub(magic);
            FloatVector r = nf.fma(ln2hi, x);
            r = nf.fma(ln2lo, r);
            FloatVector p = r.fma(p0, p1);
            p = p.fma(r, p2);
            p = p.fma(r, p3);
            p = p.fma(r, p4);
            p = p.fma(r, p5);
            FloatVector y = p.fma(r.mul(r), r).add(one);
            IntVector bits = ((IntVector) t.reinterpretAsInts()).add(EXP_BIAS_FIX).lanewise(VectorOperators.LSHL, 23);
            FloatVector e = y.mul(bits.reinterpretAsFloats());
            va.div(e.add(one)).add(vc).intoArray(dst, dOff + j);
        }
        for (; j < n; j++) {
            dst[dOff + j] = (float) (a / (1.0 + Math.exp(-b * (double) src[sOff + j])) + c);
        }
    }

    @Override
    public void sigmoid(int n, float[] x, int off) {
        logistic(n, x, off, x, off, 1f, 1f, 0f);
    }

    @Override
    public void tanh(int n, float[] x, int off) {
        logistic(n, x, off, x, off, 2f, 2f, -1f);
    }

    // ---------------------------------------------------------------------------------------------
    // Cells. Each row is processed in vector steps along the hidden dimension, then a scalar tail.

    /*
     * The cell kernels keep one nonlinearity per loop: C2 inlines each polynomial exponential into a small
     * loop, where all vectors stay in registers. Five of them in one loop body exceed its inlining budget,
     * and the vectors that cross a call that was not inlined are boxed on the heap.
     */

    @Override
    public void lstmForward(int rows, int h, float[] gates, int gOff, float[] cPrev, int cpOff,
                            float[] c, int cOff, float[] tc, int tcOff, float[] hOut, int hOff) {
        int g4 = 4 * h;
        int vecEnd = h - h % L;
        for (int r = 0; r < rows; r++) {
            int gi = gOff + r * g4;
            int si = r * h;
            sigmoid(2 * h, gates, gi);
            tanh(h, gates, gi + 2 * h);
            sigmoid(h, gates, gi + 3 * h);
            for (int j = 0; j < vecEnd; j += L) {
                FloatVector ig = FloatVector.fromArray(S, gates, gi + j);
                FloatVector fg = FloatVector.fromArray(S, gates, gi + h + j);
                FloatVector gg = FloatVector.fromArray(S, gates, gi + 2 * h + j);
                FloatVector cv = fg.fma(FloatVector.fromArray(S, cPrev, cpOff + si + j), ig.mul(gg));
                cv.intoArray(c, cOff + si + j);
            }
            for (int j = vecEnd; j < h; j++) {
                c[cOff + si + j] = gates[gi + h + j] * cPrev[cpOff + si + j] + gates[gi + j] * gates[gi + 2 * h + j];
            }
            logistic(h, c, cOff + si, tc, tcOff + si, 2f, 2f, -1f);
            for (int j = 0; j < vecEnd; j += L) {
                FloatVector og = FloatVector.fromArray(S, gates, gi + 3 * h + j);
                og.mul(FloatVector.fromArray(S, tc, tcOff + si + j)).intoArray(hOut, hOff + si + j);
            }
            for (int j = vecEnd; j < h; j++) {
                hOut[hOff + si + j] = gates[gi + 3 * h + j] * tc[tcOff + si + j];
            }
        }
    }

    @Override
    public void lstmBackward(int rows, int h, float[] gates, int gOff, float[] cPrev, int cpOff,
                             float[] tc, int tcOff, float[] dh, int dhOff, float[] dc, int dcOff) {
        int g4 = 4 * h;
        int vecEnd = h - h % L;
        for (int r = 0; r < rows; r++) {
            int gi = gOff + r * g4;
            int si = r * h;
            for (int j = 0; j < vecEnd; j += L) {
                FloatVector ig = FloatVector.fromArray(S, gates, gi + j);
                FloatVector fg = FloatVector.fromArray(S, gates, gi + h + j);
                FloatVector gg = FloatVector.fromArray(S, gates, gi + 2 * h + j);
                FloatVector og = FloatVector.fromArray(S, gates, gi + 3 * h + j);
                FloatVector t = FloatVector.fromArray(S, tc, tcOff + si + j);
                FloatVector dhv = FloatVector.fromArray(S, dh, dhOff + si + j);
                FloatVector dcv = dhv.mul(og).mul(ONE.sub(t.mul(t))).add(FloatVector.fromArray(S, dc, dcOff + si + j));
                dcv.mul(gg).mul(ig).mul(ONE.sub(ig)).intoArray(gates, gi + j);
                dcv.mul(FloatVector.fromArray(S, cPrev, cpOff + si + j)).mul(fg).mul(ONE.sub(fg)).intoArray(gates, gi + h + j);
                dcv.mul(ig).mul(ONE.sub(gg.mul(gg))).intoArray(gates, gi + 2 * h + j);
                dhv.mul(t).mul(og).mul(ONE.sub(og)).intoArray(gates, gi + 3 * h + j);
                dcv.mul(fg).intoArray(dc, dcOff + si + j);
            }
            for (int j = vecEnd; j < h; j++) {
                float ig = gates[gi + j];
                float fg = gates[gi + h + j];
                float gg = gates[gi + 2 * h + j];
                float og = gates[gi + 3 * h + j];
                float t = tc[tcOff + si + j];
                float dhv = dh[dhOff + si + j];
                float dcv = dc[dcOff + si + j] + dhv * og * (1f - t * t);
                gates[gi + j] = dcv * gg * ig * (1f - ig);
                gates[gi + h + j] = dcv * cPrev[cpOff + si + j] * fg * (1f - fg);
                gates[gi + 2 * h + j] = dcv * ig * (1f - gg * gg);
                gates[gi + 3 * h + j] = dhv * t * og * (1f - og);
                dc[dcOff + si + j] = dcv * fg;
            }
        }
    }

    @Override
    public void gruForward(int rows, int h, float[] xp, int xOff, float[] hp, int hpOff,
                           float[] hPrev, int hPrevOff, float[] hOut, int hOff) {
        int g3 = 3 * h;
        int vecEnd = h - h % L;
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * g3;
            int hi = hpOff + r * g3;
            int si = r * h;
            // r and z: sigmoid of the summed projections (2h contiguous values)
            addInto(2 * h, hp, hi, xp, xi);
            sigmoid(2 * h, xp, xi);
            // n = tanh(x_n + r * h_n)
            for (int j = 0; j < vecEnd; j += L) {
                FloatVector rg = FloatVector.fromArray(S, xp, xi + j);
                rg.fma(FloatVector.fromArray(S, hp, hi + 2 * h + j), FloatVector.fromArray(S, xp, xi + 2 * h + j))
                        .intoArray(xp, xi + 2 * h + j);
            }
            for (int j = vecEnd; j < h; j++) {
                xp[xi + 2 * h + j] += xp[xi + j] * hp[hi + 2 * h + j];
            }
            tanh(h, xp, xi + 2 * h);
            // h' = n + z * (h - n)
            for (int j = 0; j < vecEnd; j += L) {
                FloatVector zg = FloatVector.fromArray(S, xp, xi + h + j);
                FloatVector ng = FloatVector.fromArray(S, xp, xi + 2 * h + j);
                FloatVector hpv = FloatVector.fromArray(S, hPrev, hPrevOff + si + j);
                zg.fma(hpv.sub(ng), ng).intoArray(hOut, hOff + si + j);
            }
            for (int j = vecEnd; j < h; j++) {
                float zg = xp[xi + h + j];
                float ng = xp[xi + 2 * h + j];
                hOut[hOff + si + j] = (1f - zg) * ng + zg * hPrev[hPrevOff + si + j];
            }
        }
    }

    /** {@code y += x} over {@code n} values. */
    private static void addInto(int n, float[] x, int xOff, float[] y, int yOff) {
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector.fromArray(S, y, yOff + j).add(FloatVector.fromArray(S, x, xOff + j)).intoArray(y, yOff + j);
        }
        for (; j < n; j++) {
            y[yOff + j] += x[xOff + j];
        }
    }

    @Override
    public void gruBackward(int rows, int h, float[] xp, int xOff, float[] hp, int hpOff,
                            float[] hPrev, int hPrevOff, float[] dh, int dhOff, float[] dhPrev, int dhPrevOff) {
        int g3 = 3 * h;
        int vecEnd = h - h % L;
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * g3;
            int hi = hpOff + r * g3;
            int si = r * h;
            for (int j = 0; j < vecEnd; j += L) {
                FloatVector rg = FloatVector.fromArray(S, xp, xi + j);
                FloatVector zg = FloatVector.fromArray(S, xp, xi + h + j);
                FloatVector ng = FloatVector.fromArray(S, xp, xi + 2 * h + j);
                FloatVector hn = FloatVector.fromArray(S, hp, hi + 2 * h + j);
                FloatVector dhv = FloatVector.fromArray(S, dh, dhOff + si + j);
                FloatVector hpv = FloatVector.fromArray(S, hPrev, hPrevOff + si + j);
                FloatVector dan = dhv.mul(ONE.sub(zg)).mul(ONE.sub(ng.mul(ng)));
                FloatVector daz = dhv.mul(hpv.sub(ng)).mul(zg).mul(ONE.sub(zg));
                FloatVector dar = dan.mul(hn).mul(rg).mul(ONE.sub(rg));
                dar.intoArray(xp, xi + j);
                daz.intoArray(xp, xi + h + j);
                dan.intoArray(xp, xi + 2 * h + j);
                dar.intoArray(hp, hi + j);
                daz.intoArray(hp, hi + h + j);
                dan.mul(rg).intoArray(hp, hi + 2 * h + j);
                dhv.mul(zg).intoArray(dhPrev, dhPrevOff + si + j);
            }
            for (int j = vecEnd; j < h; j++) {
                float rg = xp[xi + j];
                float zg = xp[xi + h + j];
                float ng = xp[xi + 2 * h + j];
                float hn = hp[hi + 2 * h + j];
                float dhv = dh[dhOff + si + j];
                float dan = dhv * (1f - zg) * (1f - ng * ng);
                float daz = dhv * (hPrev[hPrevOff + si + j] - ng) * zg * (1f - zg);
                float dar = dan * hn * rg * (1f - rg);
                xp[xi + j] = dar;
                xp[xi + h + j] = daz;
                xp[xi + 2 * h + j] = dan;
                hp[hi + j] = dar;
                hp[hi + h + j] = daz;
                hp[hi + 2 * h + j] = dan * rg;
                dhPrev[dhPrevOff + si + j] = dhv * zg;
            }
        }
    }

    @Override
    public void rnnForward(int n, boolean relu, float[] pre, int preOff, float[] hOut, int hOff) {
        if (!relu) {
            logistic(n, pre, preOff, hOut, hOff, 2f, 2f, -1f);
            return;
        }
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector.fromArray(S, pre, preOff + j).max(0f).intoArray(hOut, hOff + j);
        }
        for (; j < n; j++) {
            hOut[hOff + j] = Math.max(pre[preOff + j], 0f);
        }
    }

    @Override
    public void rnnBackward(int n, boolean relu, float[] hAct, int hOff, float[] dh, int dhOff,
                            float[] dPre, int dPreOff) {
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector hv = FloatVector.fromArray(S, hAct, hOff + j);
            FloatVector d = FloatVector.fromArray(S, dh, dhOff + j);
            FloatVector out = relu
                    ? d.blend(0f, hv.compare(VectorOperators.LE, 0f))
                    : d.mul(ONE.sub(hv.mul(hv)));
            out.intoArray(dPre, dPreOff + j);
        }
        for (; j < n; j++) {
            float hv = hAct[hOff + j];
            float d = dh[dhOff + j];
            dPre[dPreOff + j] = relu ? (hv > 0f ? d : 0f) : d * (1f - hv * hv);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Vector utilities and optimiser

    @Override
    public void addRowVector(int rows, int n, float[] c, int cOff, int ldc, float[] bias, int bOff) {
        int vecEnd = n - n % L;
        for (int r = 0; r < rows; r++) {
            int ci = cOff + r * ldc;
            for (int j = 0; j < vecEnd; j += L) {
                FloatVector.fromArray(S, c, ci + j).add(FloatVector.fromArray(S, bias, bOff + j)).intoArray(c, ci + j);
            }
            for (int j = vecEnd; j < n; j++) {
                c[ci + j] += bias[bOff + j];
            }
        }
    }

    @Override
    public void addColumnSums(int rows, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        // Row by row, so that A streams through the cache once; each column still adds its rows in order.
        int vecEnd = n - n % L;
        for (int r = 0; r < rows; r++) {
            int ar = aOff + r * lda;
            for (int j = 0; j < vecEnd; j += L) {
                FloatVector.fromArray(S, out, outOff + j).add(FloatVector.fromArray(S, a, ar + j)).intoArray(out, outOff + j);
            }
            for (int j = vecEnd; j < n; j++) {
                out[outOff + j] += a[ar + j];
            }
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector.fromArray(S, x, xOff + j).fma(FloatVector.broadcast(S, alpha), FloatVector.fromArray(S, y, yOff + j)).intoArray(y, yOff + j);
        }
        for (; j < n; j++) {
            y[yOff + j] = Math.fma(alpha, x[xOff + j], y[yOff + j]);
        }
    }

    @Override
    public double sumOfSquares(int n, float[] x, int xOff) {
        // Float lanes summed in blocks, each block's total added in double: accurate and deterministic.
        double total = 0;
        int j = 0;
        while (j + L <= n) {
            FloatVector s = FloatVector.zero(S);
            int end = Math.min(n - (n - j) % L, j + 64 * L);
            for (; j < end; j += L) {
                FloatVector v = FloatVector.fromArray(S, x, xOff + j);
                s = v.fma(v, s);
            }
            total += s.reduceLanes(VectorOperators.ADD);
        }
        for (; j < n; j++) {
            double v = x[xOff + j];
            total += v * v;
        }
        return total;
    }

    @Override
    public void adam(int n, float[] p, float[] g, float[] m, float[] v, float beta1, float beta2, float eps,
                     float lr, float stepSize, float bc2Sqrt, float weightDecay, boolean decoupled) {
        float oneMinusB1 = 1f - beta1;
        float oneMinusB2 = 1f - beta2;
        float decay = decoupled ? 1f - lr * weightDecay : 1f;
        float l2 = decoupled ? 0f : weightDecay;
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector pj = FloatVector.fromArray(S, p, j).mul(decay);
            FloatVector gj = FloatVector.fromArray(S, g, j);
            if (l2 != 0f) {
                gj = pj.fma(FloatVector.broadcast(S, l2), gj);
            }
            FloatVector mj = FloatVector.fromArray(S, m, j).mul(beta1).add(gj.mul(oneMinusB1));
            FloatVector vj = FloatVector.fromArray(S, v, j).mul(beta2).add(gj.mul(gj).mul(oneMinusB2));
            mj.intoArray(m, j);
            vj.intoArray(v, j);
            FloatVector denom = vj.sqrt().div(bc2Sqrt).add(eps);
            pj.sub(mj.div(denom).mul(stepSize)).intoArray(p, j);
        }
        for (; j < n; j++) {
            float pj = p[j] * decay;
            float gj = g[j];
            if (l2 != 0f) {
                gj += l2 * pj;
            }
            float mj = m[j] * beta1 + gj * oneMinusB1;
            float vj = v[j] * beta2 + gj * gj * oneMinusB2;
            m[j] = mj;
            v[j] = vj;
            float denom = (float) Math.sqrt(vj) / bc2Sqrt + eps;
            p[j] = pj - stepSize * (mj / denom);
        }
    }
}
