package dev.recur.engine.nn;

import dev.recur.engine.kernel.Kernels;
import dev.recur.engine.loss.Loss;

import java.util.Arrays;

/**
 * Preallocated buffers and the forward and backward passes through time for one shard of a batch.
 *
 * <p>Everything is time-major: the values of time step {@code t} for row {@code b} of a {@code w}-wide
 * quantity start at {@code (t·rows + b)·w}, so one time step of the whole shard, or a run of steps, is a
 * contiguous {@code rows × w} matrix: input projections and weight gradients are matrix products over one
 * step or a run of steps.
 *
 * <p>Hidden (and LSTM cell) states of a direction live in {@code T + 1} slots. Direction 0 enters step
 * {@code t} with slot {@code t} and leaves it in slot {@code t + 1}; direction 1 enters with slot
 * {@code t + 1} and leaves in slot {@code t}. So the states entering steps {@code 0..T-1} are always the
 * contiguous slots {@code d .. d+T-1}, and the recurrent weight gradient of a run of steps is one product.
 *
 * <p>Training takes the weight gradients of about {@value #GRADIENT_ROWS} rows of steps at a time during the
 * backward pass, while their activations are still in the cache; the GRU keeps only the n part of each
 * step's recurrent projection, and works on the whole projection in a small scratch buffer.
 *
 * <p>Rows whose sequence has ended ({@code t ≥ length}) carry their state unchanged and output zeros, so
 * the final slot holds each sequence's last state (PyTorch's packed-sequence semantics).
 *
 * <p>Once constructed, {@link #forward} and {@link #backward} allocate nothing.
 */
final class Workspace {

    /** Depth (rows of activations) of the weight-gradient products taken during the backward pass. */
    private static final int GRADIENT_ROWS = 128;
    /** Batches of at least this many rows project each step's inputs just before the step. */
    private static final int PROJECT_EACH_STEP_ROWS = 8;

    private final Kernels k = Kernels.get();
    private final NetworkSpec spec;
    private final int maxT;
    private final int maxRows;
    private final boolean training;
    private final int layers;
    private final int dirs;
    private final int h;
    private final int g;
    private final int dOut;
    private final int outSize;
    private final CellType cell;

    private int t;
    private int rows;
    private final int[] lengths;
    private boolean anyMasked;

    private final float[] x0;
    private final float[][] y;
    private final float[][] yDrop;
    private final float[][] dropMask;
    private final float[][][] xp;
    /** GRU: the n part of each step's recurrent projection, {@code W_hn·h + b_hn}, kept for the backward pass. */
    private final float[][][] hn;
    /** GRU: one step's whole recurrent projection ({@code [r|z|n]}, forward), or a few steps' gradients on it
     *  (backward), in the cache. */
    private final float[] hpScratch;
    private final float[][][] hs;
    private final float[][][] cs;
    private final float[][][] tc;
    private final float[] z;
    private final float[] out;

    // training only
    private final float[] dOutBuf;
    private final float[] dz;
    private final float[][] dY;
    private float[] dh;
    private float[] dhPrev;
    private final float[] dc;
    private final float[] dhSave;
    private final float[] dcSave;
    private long rngState;
    /** Whether the last forward pass applied dropout masks between layers. */
    private boolean dropMaskActive;

    Workspace(NetworkSpec spec, int maxT, int maxRows, boolean training) {
        this.spec = spec;
        this.maxT = maxT;
        this.maxRows = maxRows;
        this.training = training;
        this.layers = spec.numLayers();
        this.dirs = spec.directions();
        this.h = spec.hiddenSize();
        this.g = spec.gateWidth();
        this.dOut = spec.layerOutputSize();
        this.outSize = spec.outputSize();
        this.cell = spec.cell();
        this.lengths = new int[maxRows];
        int tr = maxT * maxRows;
        x0 = new float[tr * spec.inputSize()];
        y = new float[layers][tr * dOut];
        boolean drop = training && spec.dropout() > 0f && layers > 1;
        yDrop = new float[layers][];
        dropMask = new float[layers][];
        if (drop) {
            for (int l = 0; l < layers - 1; l++) {
                yDrop[l] = new float[tr * dOut];
                dropMask[l] = new float[tr * dOut];
            }
        }
        xp = new float[layers][dirs][];
        hn = new float[layers][dirs][];
        hs = new float[layers][dirs][];
        cs = new float[layers][dirs][];
        tc = new float[layers][dirs][];
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < dirs; d++) {
                xp[l][d] = new float[tr * g];
                hs[l][d] = new float[(maxT + 1) * maxRows * h];
                if (cell == CellType.GRU && training) {
                    hn[l][d] = new float[tr * h];
                }
                if (cell == CellType.LSTM) {
                    cs[l][d] = new float[(maxT + 1) * maxRows * h];
                    tc[l][d] = new float[tr * h];
                }
            }
        }
        hpScratch = cell == CellType.GRU
                ? new float[(training ? Math.max(GRADIENT_ROWS, maxRows) : maxRows) * g] : null;
        boolean manyToMany = spec.outputMode() == OutputMode.MANY_TO_MANY;
        z = new float[maxRows * dOut];
        out = new float[(manyToMany ? tr : maxRows) * outSize];
        if (training) {
            dOutBuf = new float[out.length];
            dz = new float[maxRows * dOut];
            dY = new float[layers][];
            for (int l = 0; l < layers; l++) {
                if (l < layers - 1 || manyToMany) {
                    dY[l] = new float[tr * dOut];
                }
            }
            dh = new float[maxRows * h];
            dhPrev = new float[maxRows * h];
            dc = new float[maxRows * h];
            dhSave = new float[maxRows * h];
            dcSave = new float[maxRows * h];
        } else {
            dOutBuf = dz = dh = dhPrev = dc = dhSave = dcSave = null;
            dY = null;
        }
    }

    int maxRows() {
        return maxRows;
    }

    // ---------------------------------------------------------------------------------------------
    // Input

    /**
     * Copies sequences {@code idx[from .. from+count)} into the time-major input buffer. The shard's step
     * count is the longest of them.
     */
    void load(float[][] inputs, int[] idx, int from, int count) {
        int in = spec.inputSize();
        int steps = 0;
        for (int b = 0; b < count; b++) {
            int len = inputs[idx[from + b]].length / in;
            lengths[b] = len;
            steps = Math.max(steps, len);
        }
        if (count > maxRows || steps > maxT) {
            throw new IllegalStateException("workspace sized for " + maxRows + "x" + maxT + ", got " + count + "x" + steps);
        }
        this.rows = count;
        this.t = steps;
        anyMasked = false;
        for (int b = 0; b < count; b++) {
            anyMasked |= lengths[b] != steps;
        }
        for (int b = 0; b < count; b++) {
            float[] x = inputs[idx[from + b]];
            int len = lengths[b];
            for (int s = 0; s < len; s++) {
                System.arraycopy(x, s * in, x0, (s * count + b) * in, in);
            }
            for (int s = len; s < steps; s++) {
                Arrays.fill(x0, (s * count + b) * in, (s * count + b + 1) * in, 0f);
            }
        }
    }

    /** Whether this (inference) workspace can hold {@code maxT × rows} without being wastefully large. */
    boolean fits(int steps, int count) {
        return !training && steps <= maxT && count <= maxRows && (long) steps * count * 4 >= (long) maxT * maxRows;
    }

    /** Loads one time step of {@code rows} rows, {@code x[b·in + c]}, for stateful inference. */
    void loadStep(float[] x, int count) {
        rows = count;
        t = 1;
        anyMasked = false;
        Arrays.fill(lengths, 0, count, 1);
        System.arraycopy(x, 0, x0, 0, count * spec.inputSize());
    }

    // ---------------------------------------------------------------------------------------------
    // Forward

    /**
     * Runs the whole network.
     *
     * @param initialState per layer, {@code [h (rows×H) | c (rows×H, LSTM only)]} for direction 0, or null
     *                     for zeros
     * @param dropout      whether to apply dropout between layers (training)
     * @param seed         seed of the dropout masks of this pass
     */
    void forward(RecurrentNetwork net, float[][] initialState, boolean dropout, long seed) {
        float[] w = net.parameters();
        ParameterLayout lay = net.layout();
        rngState = seed;
        dropMaskActive = false;
        for (int l = 0; l < layers; l++) {
            float[] in = layerInput(l);
            int inW = spec.layerInputSize(l);
            for (int d = 0; d < dirs; d++) {
                forwardDirection(l, d, w, lay, in, inW, initialState == null || d == 1 ? null : initialState[l]);
            }
            if (dropout && yDrop[l] != null) {
                applyDropout(l);
            }
        }
        head(w, lay);
    }

    /** The input of layer {@code l}: the data, or the (dropped-out) output of the layer below. */
    private float[] layerInput(int l) {
        if (l == 0) {
            return x0;
        }
        return dropMaskActive ? yDrop[l - 1] : y[l - 1];
    }

    private void applyDropout(int l) {
        float p = spec.dropout();
        float keep = 1f / (1f - p);
        int n = t * rows * dOut;
        float[] mask = dropMask[l];
        float[] src = y[l];
        float[] dst = yDrop[l];
        for (int i = 0; i < n; i++) {
            float m = nextUniform() < p ? 0f : keep;
            mask[i] = m;
            dst[i] = src[i] * m;
        }
        dropMaskActive = true;
    }

    /** SplitMix64: a tiny allocation-free generator for dropout masks. */
    private float nextUniform() {
        long zz = (rngState += 0x9E3779B97F4A7C15L);
        zz = (zz ^ (zz >>> 30)) * 0xBF58476D1CE4E5B9L;
        zz = (zz ^ (zz >>> 27)) * 0x94D049BB133111EBL;
        zz = zz ^ (zz >>> 31);
        return (zz >>> 40) * 0x1.0p-24f;
    }

    private void forwardDirection(int l, int d, float[] w, ParameterLayout lay, float[] in, int inW, float[] init) {
        int bh = rows * h;
        int bg = rows * g;
        float[] xpb = xp[l][d];
        float[] hsb = hs[l][d];
        float[] csb = cs[l][d];
        float[] tcb = tc[l][d];
        float[] hnb = hn[l][d];
        int whh = lay.recurrentWeights(l, d);
        int bhh = lay.recurrentBias(l, d);
        int wih = lay.inputWeights(l, d);
        int bih = lay.inputBias(l, d);
        // The input projections: for a few rows (inference) all steps in one product, where the matrix kernels
        // have enough rows to work with; for a batch each step's just before its use, while it is in the cache.
        // Each value is computed the same way in both cases.
        boolean projectEachStep = rows >= PROJECT_EACH_STEP_ROWS;
        if (!projectEachStep) {
            project(0, t, in, inW, w, wih, bih, bhh, xpb);
        }
        int initSlot = d == 0 ? 0 : t;
        if (init != null) {
            System.arraycopy(init, 0, hsb, initSlot * bh, bh);
            if (csb != null) {
                System.arraycopy(init, bh, csb, initSlot * bh, bh);
            }
        } else {
            Arrays.fill(hsb, initSlot * bh, initSlot * bh + bh, 0f);
            if (csb != null) {
                Arrays.fill(csb, initSlot * bh, initSlot * bh + bh, 0f);
            }
        }
        float[] yl = y[l];
        for (int s = 0; s < t; s++) {
            int step = d == 0 ? s : t - 1 - s;
            int prev = (step + d) * bh;
            int next = (step + 1 - d) * bh;
            int xo = step * bg;
            if (projectEachStep) {
                project(step, 1, in, inW, w, wih, bih, bhh, xpb);
            }
            switch (cell) {
                case LSTM:
                    k.gemm(rows, g, h, hsb, prev, h, 1, w, whh, g, xpb, xo, g, true);
                    k.lstmForward(rows, h, xpb, xo, csb, prev, csb, next, tcb, step * bh, hsb, next);
                    break;
                case GRU:
                    k.gemm(rows, g, h, hsb, prev, h, 1, w, whh, g, hpScratch, 0, g, false);
                    k.addRowVector(rows, g, hpScratch, 0, g, w, bhh);
                    k.gruForward(rows, h, xpb, xo, hpScratch, 0, hsb, prev, hsb, next);
                    if (hnb != null) {
                        for (int b = 0; b < rows; b++) {
                            System.arraycopy(hpScratch, b * g + 2 * h, hnb, step * bh + b * h, h);
                        }
                    }
                    break;
                default:
                    k.gemm(rows, g, h, hsb, prev, h, 1, w, whh, g, xpb, xo, g, true);
                    // row by row, like the gated cells, so that a row's values do not depend on the batch
                    for (int b = 0; b < rows; b++) {
                        k.rnnForward(h, cell == CellType.RNN_RELU, xpb, xo + b * h, hsb, next + b * h);
                    }
                    break;
            }
            int yo = step * rows * dOut + d * h;
            for (int b = 0; b < rows; b++) {
                if (step >= lengths[b]) {
                    System.arraycopy(hsb, prev + b * h, hsb, next + b * h, h);
                    if (csb != null) {
                        System.arraycopy(csb, prev + b * h, csb, next + b * h, h);
                    }
                    Arrays.fill(yl, yo + b * dOut, yo + b * dOut + h, 0f);
                } else {
                    System.arraycopy(hsb, next + b * h, yl, yo + b * dOut, h);
                }
            }
        }
    }

    /** The input projections (with the input biases, and the recurrent ones but for the GRU) of steps {@code [from, from + steps)}. */
    private void project(int from, int steps, float[] in, int inW, float[] w, int wih, int bih, int bhh, float[] xpb) {
        int n = steps * rows;
        int xo = from * rows * g;
        k.gemm(n, g, inW, in, from * rows * inW, inW, 1, w, wih, g, xpb, xo, g, false);
        k.addRowVector(n, g, xpb, xo, g, w, bih);
        if (cell != CellType.GRU) {
            k.addRowVector(n, g, xpb, xo, g, w, bhh);
        }
    }

    private void head(float[] w, ParameterLayout lay) {
        int hw = lay.headWeight();
        int hb = lay.headBias();
        if (spec.outputMode() == OutputMode.MANY_TO_MANY) {
            float[] last = y[layers - 1];
            k.gemm(t * rows, outSize, dOut, last, 0, dOut, 1, w, hw, outSize, out, 0, outSize, false);
            k.addRowVector(t * rows, outSize, out, 0, outSize, w, hb);
        } else {
            gatherFinal();
            k.gemm(rows, outSize, dOut, z, 0, dOut, 1, w, hw, outSize, out, 0, outSize, false);
            k.addRowVector(rows, outSize, out, 0, outSize, w, hb);
        }
    }

    private void gatherFinal() {
        int bh = rows * h;
        for (int d = 0; d < dirs; d++) {
            float[] hsb = hs[layers - 1][d];
            int slot = d == 0 ? t : 0;
            for (int b = 0; b < rows; b++) {
                System.arraycopy(hsb, slot * bh + b * h, z, b * dOut + d * h, h);
            }
        }
    }

    /** Copies the final state of layer {@code l}, direction 0, into {@code dst} as {@code [h | c]}. */
    void finalState(int l, float[] dst) {
        int bh = rows * h;
        System.arraycopy(hs[l][0], t * bh, dst, 0, bh);
        if (cell == CellType.LSTM) {
            System.arraycopy(cs[l][0], t * bh, dst, bh, bh);
        }
    }

    /** Writes the outputs of rows {@code 0..rows} into {@code dst[idx[from + b]]}. */
    void readOutputs(float[][] dst, int[] idx, int from) {
        if (spec.outputMode() == OutputMode.MANY_TO_MANY) {
            for (int b = 0; b < rows; b++) {
                int len = lengths[b];
                float[] o = new float[len * outSize];
                for (int s = 0; s < len; s++) {
                    System.arraycopy(out, (s * rows + b) * outSize, o, s * outSize, outSize);
                }
                dst[idx[from + b]] = o;
            }
        } else {
            for (int b = 0; b < rows; b++) {
                dst[idx[from + b]] = Arrays.copyOfRange(out, b * outSize, (b + 1) * outSize);
            }
        }
    }

    /** Raw output buffer (time-major for many-to-many). */
    float[] outputs() {
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Loss

    /**
     * Sums the loss of the loaded rows against their targets and, when {@code withGradient}, fills the
     * output gradient scaled by {@code scale}. Targets are per sequence: {@code targetWidth} values
     * (many-to-one) or {@code length × targetWidth} (many-to-many). With {@code weights} (per example, indexed as
     * {@code targets}), a row's loss and gradient count its example's weight times.
     */
    double loss(Loss loss, float[][] targets, float[] weights, int[] idx, int from, float scale, boolean withGradient) {
        int tw = outSize / loss.outputsPerTarget();
        float[] grad = withGradient ? dOutBuf : null;
        double sum = 0;
        if (spec.outputMode() == OutputMode.MANY_TO_MANY) {
            if (grad != null) {
                Arrays.fill(grad, 0, t * rows * outSize, 0f);
            }
            for (int b = 0; b < rows; b++) {
                float[] y0 = targets[idx[from + b]];
                float w = weights == null ? 1f : weights[idx[from + b]];
                for (int s = 0; s < lengths[b]; s++) {
                    int o = (s * rows + b) * outSize;
                    sum += w * loss.row(out, o, y0, s * tw, tw, grad, o, scale * w);
                }
            }
        } else {
            for (int b = 0; b < rows; b++) {
                float w = weights == null ? 1f : weights[idx[from + b]];
                sum += w * loss.row(out, b * outSize, targets[idx[from + b]], 0, tw, grad, b * outSize, scale * w);
            }
        }
        return sum;
    }

    // ---------------------------------------------------------------------------------------------
    // Backward

    /**
     * Backpropagates the output gradient left by {@link #loss} through time and adds the parameter
     * gradients into {@code grad}.
     *
     * @param truncation cut the recurrent gradient every {@code truncation} steps (0: full BPTT)
     * @param inputGrad  when not null, receives the gradient on the inputs, time-major
     *                   ({@code [(t·rows + b)·inputSize + c]})
     */
    void backward(RecurrentNetwork net, float[] grad, int truncation, float[] inputGrad) {
        float[] w = net.parameters();
        float[] wt = net.transposed();
        ParameterLayout lay = net.layout();
        int hw = lay.headWeight();
        boolean manyToMany = spec.outputMode() == OutputMode.MANY_TO_MANY;
        if (manyToMany) {
            float[] last = y[layers - 1];
            k.gemm(dOut, outSize, t * rows, last, 0, 1, dOut, dOutBuf, 0, outSize, grad, hw, outSize, true);
            k.addColumnSums(t * rows, outSize, dOutBuf, 0, outSize, grad, lay.headBias());
            k.gemm(t * rows, dOut, outSize, dOutBuf, 0, outSize, 1, wt, hw, dOut, dY[layers - 1], 0, dOut, false);
        } else {
            k.gemm(dOut, outSize, rows, z, 0, 1, dOut, dOutBuf, 0, outSize, grad, hw, outSize, true);
            k.addColumnSums(rows, outSize, dOutBuf, 0, outSize, grad, lay.headBias());
            k.gemm(rows, dOut, outSize, dOutBuf, 0, outSize, 1, wt, hw, dOut, dz, 0, dOut, false);
        }
        for (int l = layers - 1; l >= 0; l--) {
            float[] dyl = dY[l];
            float[] in = layerInput(l);
            int inW = spec.layerInputSize(l);
            float[] dIn = l > 0 ? dY[l - 1] : inputGrad;
            boolean finalGrad = !manyToMany && l == layers - 1;
            for (int d = 0; d < dirs; d++) {
                backwardDirection(l, d, w, wt, lay, grad, in, inW, dyl, finalGrad, dIn, d > 0, truncation);
            }
            if (l > 0 && dropMaskActive && dropMask[l - 1] != null) {
                float[] m = dropMask[l - 1];
                float[] dd = dY[l - 1];
                int n = t * rows * dOut;
                for (int i = 0; i < n; i++) {
                    dd[i] *= m[i];
                }
            }
        }
    }

    private void backwardDirection(int l, int d, float[] w, float[] wt, ParameterLayout lay, float[] grad,
                                   float[] in, int inW, float[] dyl, boolean finalGrad, float[] dIn,
                                   boolean accumulateDIn, int truncation) {
        int bh = rows * h;
        int bg = rows * g;
        float[] xpb = xp[l][d];
        float[] hsb = hs[l][d];
        float[] csb = cs[l][d];
        float[] tcb = tc[l][d];
        float[] hnb = hn[l][d];
        int whh = lay.recurrentWeights(l, d);
        if (finalGrad) {
            for (int b = 0; b < rows; b++) {
                System.arraycopy(dz, b * dOut + d * h, dh, b * h, h);
            }
        } else {
            Arrays.fill(dh, 0, bh, 0f);
        }
        if (csb != null) {
            Arrays.fill(dc, 0, bh, 0f);
        }
        // Steps go backward in time in chunks of about GRADIENT_ROWS rows; the weight gradients of a chunk are
        // taken when its last step is done (chunk c covers the c-th run of `chunk` steps in processing order).
        int chunk = Math.max(1, GRADIENT_ROWS / rows);
        for (int s = t - 1; s >= 0; s--) {
            int step = d == 0 ? s : t - 1 - s;
            int prev = (step + d) * bh;
            int next = (step + 1 - d) * bh;
            int xo = step * bg;
            int c = (t - 1 - s) / chunk;
            int chunkLo = d == 0 ? Math.max(0, t - (c + 1) * chunk) : c * chunk;
            int chunkHi = d == 0 ? t - 1 - c * chunk : Math.min(t - 1, (c + 1) * chunk - 1);
            int ro = (step - chunkLo) * bg;   // this step's gradient on the recurrent projection (GRU)
            if (dyl != null) {
                int yo = step * rows * dOut + d * h;
                for (int b = 0; b < rows; b++) {
                    k.axpy(h, 1f, dyl, yo + b * dOut, dh, b * h);
                }
            }
            boolean masked = anyMasked && hasMaskedRow(step);
            if (masked) {
                for (int b = 0; b < rows; b++) {
                    if (step >= lengths[b]) {
                        System.arraycopy(dh, b * h, dhSave, b * h, h);
                        if (csb != null) {
                            System.arraycopy(dc, b * h, dcSave, b * h, h);
                        }
                    }
                }
            }
            switch (cell) {
                case LSTM:
                    k.lstmBackward(rows, h, xpb, xo, csb, prev, tcb, step * bh, dh, 0, dc, 0);
                    if (masked) {
                        zeroMaskedRows(step, xpb, xo);
                    }
                    k.gemm(rows, h, g, xpb, xo, g, 1, wt, whh, h, dhPrev, 0, h, false);
                    break;
                case GRU:
                    for (int b = 0; b < rows; b++) {
                        System.arraycopy(hnb, step * bh + b * h, hpScratch, ro + b * g + 2 * h, h);
                    }
                    k.gruBackward(rows, h, xpb, xo, hpScratch, ro, hsb, prev, dh, 0, dhPrev, 0);
                    if (masked) {
                        zeroMaskedRows(step, xpb, xo);
                        zeroMaskedRows(step, hpScratch, ro);
                    }
                    k.gemm(rows, h, g, hpScratch, ro, g, 1, wt, whh, h, dhPrev, 0, h, true);
                    break;
                default:
                    for (int b = 0; b < rows; b++) {
                        k.rnnBackward(h, cell == CellType.RNN_RELU, hsb, next + b * h, dh, b * h, xpb, xo + b * h);
                    }
                    if (masked) {
                        zeroMaskedRows(step, xpb, xo);
                    }
                    k.gemm(rows, h, g, xpb, xo, g, 1, wt, whh, h, dhPrev, 0, h, false);
                    break;
            }
            if (masked) {
                for (int b = 0; b < rows; b++) {
                    if (step >= lengths[b]) {
                        System.arraycopy(dhSave, b * h, dhPrev, b * h, h);
                        if (csb != null) {
                            System.arraycopy(dcSave, b * h, dc, b * h, h);
                        }
                    }
                }
            }
            if (truncation > 0 && (d == 0 ? step % truncation == 0 : (step + 1) % truncation == 0)) {
                Arrays.fill(dhPrev, 0, bh, 0f);
                if (csb != null) {
                    Arrays.fill(dc, 0, bh, 0f);
                }
            }
            float[] tmp = dh;
            dh = dhPrev;
            dhPrev = tmp;
            if (step == (d == 0 ? chunkLo : chunkHi)) {
                // the chunk's gate gradients are final: its weight gradients, while they are in the cache
                gradientsOfSteps(chunkLo, chunkHi, l, d, wt, lay, grad, in, inW, dIn, accumulateDIn);
            }
        }
    }

    /**
     * Adds the weight and bias gradients of steps {@code [lo, hi]} (whose gate gradients are final) into
     * {@code grad}, and writes their input gradients. Done a few steps at a time during the backward pass,
     * while those steps' activations and gradients are still in the cache. For the GRU the gradients on the
     * recurrent projection of these steps are in {@link #hpScratch}, from its start.
     */
    private void gradientsOfSteps(int lo, int hi, int l, int d, float[] wt, ParameterLayout lay, float[] grad,
                                  float[] in, int inW, float[] dIn, boolean accumulateDIn) {
        float[] xpb = xp[l][d];
        int n = (hi - lo + 1) * rows;
        int xo = lo * rows * g;
        float[] dRec = cell == CellType.GRU ? hpScratch : xpb;
        int ro = cell == CellType.GRU ? 0 : xo;
        int io = lo * rows * inW;
        k.gemm(inW, g, n, in, io, 1, inW, xpb, xo, g, grad, lay.inputWeights(l, d), g, true);
        k.gemm(h, g, n, hs[l][d], (lo + d) * rows * h, 1, h, dRec, ro, g, grad, lay.recurrentWeights(l, d), g, true);
        k.addColumnSums(n, g, xpb, xo, g, grad, lay.inputBias(l, d));
        k.addColumnSums(n, g, dRec, ro, g, grad, lay.recurrentBias(l, d));
        if (dIn != null) {
            k.gemm(n, inW, g, xpb, xo, g, 1, wt, lay.inputWeights(l, d), inW, dIn, io, inW, accumulateDIn);
        }
    }

    private boolean hasMaskedRow(int step) {
        for (int b = 0; b < rows; b++) {
            if (step >= lengths[b]) {
                return true;
            }
        }
        return false;
    }

    private void zeroMaskedRows(int step, float[] buf, int off) {
        for (int b = 0; b < rows; b++) {
            if (step >= lengths[b]) {
                Arrays.fill(buf, off + b * g, off + (b + 1) * g, 0f);
            }
        }
    }

}
