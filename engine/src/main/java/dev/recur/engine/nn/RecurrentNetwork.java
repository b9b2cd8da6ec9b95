package dev.recur.engine.nn;

import dev.recur.engine.io.Shorten;
import dev.recur.engine.data.SequenceChecks;

import dev.recur.engine.kernel.Kernels;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A stack of recurrent layers (RNN, LSTM or GRU; uni- or bidirectional) with a dense head: the trainable
 * object of the engine. Holds the architecture and the flat float32 parameters; training is done by
 * {@link dev.recur.engine.train.NetworkTrainer}, inference by {@link #predict} or a
 * {@link StatefulPredictor}.
 *
 * <p>Not thread-safe for mutation; concurrent {@link #predict} calls are safe as long as nothing trains
 * or changes the parameters at the same time.
 */
public final class RecurrentNetwork {

    private final NetworkSpec spec;
    private final ParameterLayout layout;
    private final float[] params;
    /** Matrices transposed ({@code [out, in]}) for the backward pass; refreshed by {@link #parametersChanged()}. */
    private final float[] transposed;
    private final ThreadLocal<java.lang.ref.SoftReference<Workspace>> workspaces = new ThreadLocal<>();

    /**
     * Creates a network initialised as PyTorch does: recurrent weights and biases uniform in
     * ±1/√hidden, head weights and bias uniform in ±1/√fan-in, and the LSTM forget-gate input bias set to
     * {@link NetworkSpec#forgetBias()}.
     *
     * @param spec the architecture
     * @param seed seed of the initialisation
     */
    public RecurrentNetwork(NetworkSpec spec, long seed) {
        this(spec, new float[new ParameterLayout(spec).size()]);
        initialise(seed);
    }

    private RecurrentNetwork(NetworkSpec spec, float[] params) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.layout = new ParameterLayout(spec);
        if (params.length != layout.size()) {
            throw new IllegalArgumentException("expected " + layout.size() + " parameters, got " + params.length);
        }
        this.params = params;
        this.transposed = new float[layout.size()];
        parametersChanged();
    }

    /**
     * Creates a network from existing parameters in the engine's layout (see {@link ParameterLayout}).
     *
     * @throws IllegalArgumentException if the count does not match or a value is not finite
     */
    public static RecurrentNetwork fromParameters(NetworkSpec spec, float[] params) {
        for (int i = 0; i < params.length; i++) {
            if (!Float.isFinite(params[i])) {
                throw new IllegalArgumentException("parameter " + i + " is not finite: " + params[i]);
            }
        }
        return new RecurrentNetwork(spec, params.clone());
    }

    private void initialise(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float k = (float) (1.0 / Math.sqrt(spec.hiddenSize()));
        int headStart = layout.headWeight();
        for (int i = 0; i < headStart; i++) {
            params[i] = uniform(rng, k);
        }
        float kh = (float) (1.0 / Math.sqrt(spec.layerOutputSize()));
        for (int i = headStart; i < params.length; i++) {
            params[i] = uniform(rng, kh);
        }
        if (spec.cell() == CellType.LSTM) {
            int h = spec.hiddenSize();
            for (int l = 0; l < spec.numLayers(); l++) {
                for (int d = 0; d < spec.directions(); d++) {
                    Arrays.fill(params, layout.inputBias(l, d) + h, layout.inputBias(l, d) + 2 * h, spec.forgetBias());
                    Arrays.fill(params, layout.recurrentBias(l, d) + h, layout.recurrentBias(l, d) + 2 * h, 0f);
                }
            }
        }
        parametersChanged();
    }

    private static float uniform(SplittableRandom rng, float bound) {
        return (float) ((rng.nextDouble() * 2 - 1) * bound);
    }

    /** The architecture. */
    public NetworkSpec spec() {
        return spec;
    }

    /** Where each tensor lives in {@link #parameters()}. */
    public ParameterLayout layout() {
        return layout;
    }

    /**
     * The live parameter array. After changing it, call {@link #parametersChanged()}.
     */
    public float[] parameters() {
        return params;
    }

    /** Number of trainable parameters. */
    public int parameterCount() {
        return params.length;
    }

    /** Internal: the transposed matrices, valid since the last {@link #parametersChanged()}. */
    float[] transposed() {
        return transposed;
    }

    /** Recomputes derived data (transposed weights) after the parameters were changed in place. */
    public void parametersChanged() {
        Kernels k = Kernels.get();
        for (ParameterLayout.Tensor t : layout.tensors().values()) {
            if (t.matrix()) {
                // stored [cols(in), rows(out)] -> transposed [rows, cols]
                k.transpose(t.cols(), t.rows(), params, t.offset(), transposed, t.offset());
            }
        }
    }

    /** Copies parameters from another network of the same spec. */
    public void copyParametersFrom(RecurrentNetwork other) {
        if (!spec.equals(other.spec)) {
            throw new IllegalArgumentException("spec mismatch: " + spec + " vs " + other.spec);
        }
        System.arraycopy(other.params, 0, params, 0, params.length);
        parametersChanged();
    }

    /** A deep copy. */
    public RecurrentNetwork copy() {
        return new RecurrentNetwork(spec, params.clone());
    }

    /**
     * Returns a tensor in PyTorch's layout ({@code [out, in]} for matrices).
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public float[] getTensor(String name) {
        ParameterLayout.Tensor t = tensor(name);
        float[] out = new float[t.size()];
        if (t.matrix()) {
            Kernels.get().transpose(t.cols(), t.rows(), params, t.offset(), out, 0);
        } else {
            System.arraycopy(params, t.offset(), out, 0, t.size());
        }
        return out;
    }

    /**
     * Sets a tensor from PyTorch's layout ({@code [out, in]} for matrices).
     *
     * @throws IllegalArgumentException for an unknown name or a wrong length
     */
    public void setTensor(String name, float[] values) {
        ParameterLayout.Tensor t = tensor(name);
        if (values.length != t.size()) {
            throw new IllegalArgumentException(name + ": expected " + t.size() + " values (" + t.rows() + "x"
                    + t.cols() + "), got " + values.length);
        }
        if (t.matrix()) {
            Kernels.get().transpose(t.rows(), t.cols(), values, 0, params, t.offset());
        } else {
            System.arraycopy(values, 0, params, t.offset(), t.size());
        }
        parametersChanged();
    }

    private ParameterLayout.Tensor tensor(String name) {
        ParameterLayout.Tensor t = layout.tensors().get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown tensor " + Shorten.quoted(name) + "; this network has " + layout.names());
        }
        return t;
    }

    /**
     * Runs the network on a batch of sequences.
     *
     * @param inputs one array per sequence, {@code length × inputSize} values, time-major
     *               ({@code inputs[b][t*inputSize + c]}); sequences may differ in length
     * @return per sequence: {@code outputSize} values (many-to-one) or {@code length × outputSize}
     *         (many-to-many)
     * @throws IllegalArgumentException for an empty sequence, a length not a multiple of the input size, or
     *                                  a non-finite value (naming the sequence, step and channel)
     */
    public float[][] predict(float[][] inputs) {
        SequenceChecks.checkInputs(inputs, spec.inputSize());
        float[][] out = new float[inputs.length][];
        int chunk = 256;
        for (int start = 0; start < inputs.length; start += chunk) {
            int rows = Math.min(chunk, inputs.length - start);
            int maxT = 0;
            for (int b = 0; b < rows; b++) {
                maxT = Math.max(maxT, inputs[start + b].length / spec.inputSize());
            }
            Workspace ws = inferenceWorkspace(maxT, rows);
            int[] idx = new int[rows];
            for (int b = 0; b < rows; b++) {
                idx[b] = start + b;
            }
            ws.load(inputs, idx, 0, rows);
            ws.forward(this, null, false, 0L);
            ws.readOutputs(out, idx, 0);
        }
        return out;
    }

    /**
     * A per-thread inference workspace, reused while it is large enough and not more than four times too
     * large: serving the same window shape over and over then allocates nothing.
     */
    private Workspace inferenceWorkspace(int maxT, int rows) {
        java.lang.ref.SoftReference<Workspace> ref = workspaces.get();
        Workspace ws = ref == null ? null : ref.get();
        if (ws == null || !ws.fits(maxT, rows)) {
            ws = new Workspace(spec, maxT, rows, false);
            workspaces.set(new java.lang.ref.SoftReference<>(ws));
        }
        return ws;
    }

    /** Starts stateful inference from a zero state (unidirectional networks only). */
    public StatefulPredictor statefulPredictor() {
        return new StatefulPredictor(this);
    }
}
