package dev.recur.engine.kernel;

/**
 * The engine's small set of hot loops: matrix products, the fused gate nonlinearities of the recurrent
 * cells and their gradients, and the optimiser updates.
 *
 * <p>Every array argument is a flat row-major {@code float[]} addressed by an offset and a row stride, so
 * that the network can work on slices of preallocated buffers without allocating. Two implementations
 * exist: {@link ScalarKernels}, plain Java that runs everywhere, and a {@code jdk.incubator.vector}
 * implementation that {@link #get()} picks at run time when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the way Lucene chooses its vectorization provider).
 *
 * <p>All methods are deterministic: the same inputs give bit-identical outputs on every call, so training
 * is reproducible run to run. The two implementations are not bit-identical with each other (the vector
 * one uses fused multiply-adds and a polynomial exponential), they agree to float32 rounding.
 */
public abstract class Kernels {

    /** The system property that forces an implementation: {@code scalar} or {@code vector}. */
    public static final String PROPERTY = "recur.kernels";

    /** Creates a kernel implementation; only {@link ScalarKernels} and the vector provider extend this. */
    protected Kernels() {
    }

    /** Returns the kernels chosen for this JVM (see {@link KernelProvider}). */
    public static Kernels get() {
        return KernelProvider.INSTANCE;
    }

    /** A short name for logs and benchmark output, e.g. {@code vector-512} or {@code scalar}. */
    public abstract String name();

    /**
     * General matrix product {@code C = beta·C + op(A)·B} with {@code beta} 0 or 1.
     *
     * <p>{@code op(A)} is an {@code m×k} matrix whose element (i, p) is {@code a[aOff + i*aRowStride +
     * p*aColStride]}: pass {@code (lda, 1)} for A itself and {@code (1, lda)} for the transpose of a stored
     * {@code k×m} matrix. B is {@code k×n} row-major with row stride {@code ldb}; C is {@code m×n} with row
     * stride {@code ldc}.
     *
     * @param accumulate when true C is added to ({@code beta = 1}); when false it is overwritten
     */
    public abstract void gemm(int m, int n, int k,
                              float[] a, int aOff, int aRowStride, int aColStride,
                              float[] b, int bOff, int ldb,
                              float[] c, int cOff, int ldc, boolean accumulate);

    /** Adds {@code bias[bOff .. bOff+n)} to each of {@code rows} rows of C (row stride {@code ldc}). */
    public abstract void addRowVector(int rows, int n, float[] c, int cOff, int ldc, float[] bias, int bOff);

    /** Adds the column sums of the {@code rows×n} matrix A (row stride {@code lda}) to {@code out[outOff..]}. */
    public abstract void addColumnSums(int rows, int n, float[] a, int aOff, int lda, float[] out, int outOff);

    /**
     * LSTM pointwise forward for {@code rows} rows. {@code gates} holds the pre-activations {@code [i|f|g|o]}
     * (row stride {@code 4h}) and is overwritten with the activated gates; writes the new cell state
     * {@code c}, its hyperbolic tangent {@code tc} and the hidden state {@code hOut} (row stride {@code h}).
     */
    public abstract void lstmForward(int rows, int h, float[] gates, int gOff, float[] cPrev, int cpOff,
                                     float[] c, int cOff, float[] tc, int tcOff, float[] hOut, int hOff);

    /**
     * LSTM pointwise backward. Reads the activated gates, the previous cell state and {@code tanh(c)};
     * {@code dh} is the gradient on the hidden state, {@code dc} the gradient on the cell state (read, then
     * overwritten with the gradient on the previous cell state). Overwrites {@code gates} with the gradient
     * on the gate pre-activations.
     */
    public abstract void lstmBackward(int rows, int h, float[] gates, int gOff, float[] cPrev, int cpOff,
                                      float[] tc, int tcOff, float[] dh, int dhOff, float[] dc, int dcOff);

    /**
     * GRU pointwise forward in the cuDNN / PyTorch form ({@code linear_before_reset=1}). {@code xp} holds the
     * input projection {@code [r|z|n]} with input biases and {@code hp} the recurrent projection with
     * recurrent biases (row stride {@code 3h}). Overwrites {@code xp} with the activated {@code r, z, n};
     * {@code hp}'s n part is kept for the backward pass. Writes the new hidden state.
     */
    public abstract void gruForward(int rows, int h, float[] xp, int xOff, float[] hp, int hpOff,
                                    float[] hPrev, int hPrevOff, float[] hOut, int hOff);

    /**
     * GRU pointwise backward. Overwrites {@code xp} with the gradient on the input projection, {@code hp}
     * with the gradient on the recurrent projection, and writes {@code dh·z} (the direct path to the
     * previous hidden state) into {@code dhPrev}.
     */
    public abstract void gruBackward(int rows, int h, float[] xp, int xOff, float[] hp, int hpOff,
                                     float[] hPrev, int hPrevOff, float[] dh, int dhOff,
                                     float[] dhPrev, int dhPrevOff);

    /** Vanilla RNN forward: {@code hOut = act(pre)} for {@code n} contiguous values, tanh or relu. */
    public abstract void rnnForward(int n, boolean relu, float[] pre, int preOff, float[] hOut, int hOff);

    /** Vanilla RNN backward: {@code dPre = dh · act'(h)} computed from the activated output {@code h}. */
    public abstract void rnnBackward(int n, boolean relu, float[] hAct, int hOff, float[] dh, int dhOff,
                                     float[] dPre, int dPreOff);

    /** {@code y += alpha·x} over {@code n} values. */
    public abstract void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    /** Sum of squares of {@code n} values, accumulated in double. */
    public abstract double sumOfSquares(int n, float[] x, int xOff);

    /**
     * One Adam / AdamW update over {@code n} parameters, in PyTorch's order of float32 operations.
     *
     * @param stepSize      {@code lr / (1 - beta1^t)}
     * @param bc2Sqrt       {@code sqrt(1 - beta2^t)}
     * @param weightDecay   L2 penalty added to the gradient (Adam) when {@code decoupled} is false, or the
     *                      decoupled decay {@code p *= 1 - lr·wd} (AdamW) when it is true
     */
    public abstract void adam(int n, float[] p, float[] g, float[] m, float[] v, float beta1, float beta2,
                              float eps, float lr, float stepSize, float bc2Sqrt, float weightDecay,
                              boolean decoupled);

    /** Transposes the {@code rows×cols} matrix A (row stride {@code cols}) into B ({@code cols×rows}). */
    public void transpose(int rows, int cols, float[] a, int aOff, float[] b, int bOff) {
        for (int i = 0; i < rows; i++) {
            int ai = aOff + i * cols;
            for (int j = 0; j < cols; j++) {
                b[bOff + j * rows + i] = a[ai + j];
            }
        }
    }

    /** Logistic sigmoid of {@code n} values in place (used by tests and the scalar paths). */
    public abstract void sigmoid(int n, float[] x, int off);

    /** Hyperbolic tangent of {@code n} values in place. */
    public abstract void tanh(int n, float[] x, int off);
}
