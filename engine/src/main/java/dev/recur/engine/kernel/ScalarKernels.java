package dev.recur.engine.kernel;

/**
 * Plain-Java kernels: the reference implementation and the fallback when the vector module is absent.
 * Nonlinearities go through {@link Math#exp} in double precision, so these kernels are also the accurate
 * baseline the vector kernels are tested against.
 */
public final class ScalarKernels extends Kernels {

    /** Creates the plain-Java kernels. */
    public ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    static float tanh(float x) {
        return (float) Math.tanh(x);
    }

    @Override
    public void gemm(int m, int n, int k, float[] a, int aOff, int aRs, int aCs,
                     float[] b, int bOff, int ldb, float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (!accumulate) {
                for (int j = 0; j < n; j++) {
                    c[ci + j] = 0f;
                }
            }
            int ai = aOff + i * aRs;
            for (int p = 0; p < k; p++) {
                float av = a[ai + p * aCs];
                if (av == 0f) {
                    continue;
                }
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += av * b[bp + j];
                }
            }
        }
    }

    @Override
    public void addRowVector(int rows, int n, float[] c, int cOff, int ldc, float[] bias, int bOff) {
        for (int r = 0; r < rows; r++) {
            int ci = cOff + r * ldc;
            for (int j = 0; j < n; j++) {
                c[ci + j] += bias[bOff + j];
            }
        }
    }

    @Override
    public void addColumnSums(int rows, int n, float[] a, int aOff, int lda, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int ai = aOff + r * lda;
            for (int j = 0; j < n; j++) {
                out[outOff + j] += a[ai + j];
            }
        }
    }

    @Override
    public void lstmForward(int rows, int h, float[] gates, int gOff, float[] cPrev, int cpOff,
                            float[] c, int cOff, float[] tc, int tcOff, float[] hOut, int hOff) {
        int g4 = 4 * h;
        for (int r = 0; r < rows; r++) {
            int gi = gOff + r * g4;
            int si = r * h;
            for (int j = 0; j < h; j++) {
                float ig = sigmoid(gates[gi + j]);
                float fg = sigmoid(gates[gi + h + j]);
                float gg = tanh(gates[gi + 2 * h + j]);
                float og = sigmoid(gates[gi + 3 * h + j]);
                gates[gi + j] = ig;
                gates[gi + h + j] = fg;
                gates[gi + 2 * h + j] = gg;
                gates[gi + 3 * h + j] = og;
                float cv = fg * cPrev[cpOff + si + j] + ig * gg;
                float t = tanh(cv);
                c[cOff + si + j] = cv;
                tc[tcOff + si + j] = t;
                hOut[hOff + si + j] = og * t;
            }
        }
    }

    @Override
    public void lstmBackward(int rows, int h, float[] gates, int gOff, float[] cPrev, int cpOff,
                             float[] tc, int tcOff, float[] dh, int dhOff, float[] dc, int dcOff) {
        int g4 = 4 * h;
        for (int r = 0; r < rows; r++) {
            int gi = gOff + r * g4;
            int si = r * h;
            for (int j = 0; j < h; j++) {
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
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * g3;
            int hi = hpOff + r * g3;
            int si = r * h;
            for (int j = 0; j < h; j++) {
                float rg = sigmoid(xp[xi + j] + hp[hi + j]);
                float zg = sigmoid(xp[xi + h + j] + hp[hi + h + j]);
                float ng = tanh(xp[xi + 2 * h + j] + rg * hp[hi + 2 * h + j]);
                xp[xi + j] = rg;
                xp[xi + h + j] = zg;
                xp[xi + 2 * h + j] = ng;
                hOut[hOff + si + j] = (1f - zg) * ng + zg * hPrev[hPrevOff + si + j];
            }
        }
    }

    @Override
    public void gruBackward(int rows, int h, float[] xp, int xOff, float[] hp, int hpOff,
                            float[] hPrev, int hPrevOff, float[] dh, int dhOff, float[] dhPrev, int dhPrevOff) {
        int g3 = 3 * h;
        for (int r = 0; r < rows; r++) {
            int xi = xOff + r * g3;
            int hi = hpOff + r * g3;
            int si = r * h;
            for (int j = 0; j < h; j++) {
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
        for (int j = 0; j < n; j++) {
            float v = pre[preOff + j];
            hOut[hOff + j] = relu ? Math.max(v, 0f) : tanh(v);
        }
    }

    @Override
    public void rnnBackward(int n, boolean relu, float[] hAct, int hOff, float[] dh, int dhOff,
                            float[] dPre, int dPreOff) {
        for (int j = 0; j < n; j++) {
            float hv = hAct[hOff + j];
            float d = dh[dhOff + j];
            dPre[dPreOff + j] = relu ? (hv > 0f ? d : 0f) : d * (1f - hv * hv);
        }
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        for (int j = 0; j < n; j++) {
            y[yOff + j] += alpha * x[xOff + j];
        }
    }

    @Override
    public double sumOfSquares(int n, float[] x, int xOff) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            double v = x[xOff + j];
            s += v * v;
        }
        return s;
    }

    @Override
    public void adam(int n, float[] p, float[] g, float[] m, float[] v, float beta1, float beta2, float eps,
                     float lr, float stepSize, float bc2Sqrt, float weightDecay, boolean decoupled) {
        float oneMinusB1 = 1f - beta1;
        float oneMinusB2 = 1f - beta2;
        float decay = decoupled ? 1f - lr * weightDecay : 1f;
        for (int j = 0; j < n; j++) {
            float gj = g[j];
            float pj = p[j];
            if (decoupled) {
                pj *= decay;
            } else if (weightDecay != 0f) {
                gj += weightDecay * pj;
            }
            float mj = m[j] * beta1 + gj * oneMinusB1;
            float vj = v[j] * beta2 + gj * gj * oneMinusB2;
            m[j] = mj;
            v[j] = vj;
            float denom = (float) Math.sqrt(vj) / bc2Sqrt + eps;
            p[j] = pj - stepSize * (mj / denom);
        }
    }

    @Override
    public void sigmoid(int n, float[] x, int off) {
        for (int j = 0; j < n; j++) {
            x[off + j] = sigmoid(x[off + j]);
        }
    }

    @Override
    public void tanh(int n, float[] x, int off) {
        for (int j = 0; j < n; j++) {
            x[off + j] = tanh(x[off + j]);
        }
    }
}
