package dev.recur.engine.nn;

import java.io.Serializable;
import java.util.Objects;

/**
 * The architecture of a {@link RecurrentNetwork}: cell, sizes, depth, directions, dropout and head.
 * Immutable; build one with {@link #builder()}.
 */
public final class NetworkSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    private final CellType cell;
    private final int inputSize;
    private final int hiddenSize;
    private final int numLayers;
    private final boolean bidirectional;
    private final float dropout;
    private final int outputSize;
    private final OutputMode outputMode;
    private final float forgetBias;

    private NetworkSpec(Builder b) {
        this.cell = Objects.requireNonNull(b.cell, "cell");
        this.inputSize = b.inputSize;
        this.hiddenSize = b.hiddenSize;
        this.numLayers = b.numLayers;
        this.bidirectional = b.bidirectional;
        this.dropout = b.dropout;
        this.outputSize = b.outputSize;
        this.outputMode = Objects.requireNonNull(b.outputMode, "outputMode");
        this.forgetBias = b.forgetBias;
        require(inputSize >= 1, "inputSize must be at least 1, got " + inputSize);
        require(hiddenSize >= 1, "hiddenSize must be at least 1, got " + hiddenSize);
        require(numLayers >= 1, "numLayers must be at least 1, got " + numLayers);
        require(outputSize >= 1, "outputSize must be at least 1, got " + outputSize);
        require(dropout >= 0f && dropout < 1f, "dropout must be in [0, 1), got " + dropout);
        require(Float.isFinite(forgetBias), "forgetBias must be finite");
        require(inputSize <= MAX_SIZE && hiddenSize <= MAX_SIZE && outputSize <= MAX_SIZE,
                "sizes must be at most " + MAX_SIZE + ", got input " + inputSize + ", hidden " + hiddenSize + ", output "
                        + outputSize);
        require(numLayers <= MAX_LAYERS, "numLayers must be at most " + MAX_LAYERS + ", got " + numLayers);
        long count = parameterCount();
        require(count <= MAX_PARAMETERS, "the network would have " + count + " parameters, more than the "
                + MAX_PARAMETERS + " a network may have");
    }

    /** The widest input, hidden state or output. */
    public static final int MAX_SIZE = 1 << 20;
    /** The most stacked layers. */
    public static final int MAX_LAYERS = 1_000;
    /** The most parameters of one network (1 GiB of float32). */
    public static final long MAX_PARAMETERS = 1L << 28;

    /**
     * The number of parameters, computed without allocating anything (in {@code long}, so that absurd sizes
     * cannot overflow): per layer and direction the input and recurrent weights and both biases, then the head.
     */
    public long parameterCount() {
        long g = (long) cell.gates() * hiddenSize;
        long dirs = directions();
        long total = 0;
        for (int l = 0; l < numLayers && total <= MAX_PARAMETERS; l++) {
            long in = l == 0 ? inputSize : dirs * hiddenSize;
            total += dirs * (g * in + g * hiddenSize + 2 * g);
        }
        return total + dirs * hiddenSize * outputSize + outputSize;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** A builder with defaults: LSTM, 1 input, 64 hidden, 1 layer, 1 output, many-to-one. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised from this spec. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.cell = cell;
        b.inputSize = inputSize;
        b.hiddenSize = hiddenSize;
        b.numLayers = numLayers;
        b.bidirectional = bidirectional;
        b.dropout = dropout;
        b.outputSize = outputSize;
        b.outputMode = outputMode;
        b.forgetBias = forgetBias;
        return b;
    }

    /** The recurrent cell. */
    public CellType cell() {
        return cell;
    }

    /** Channels per time step of the input. */
    public int inputSize() {
        return inputSize;
    }

    /** Hidden units per direction and layer. */
    public int hiddenSize() {
        return hiddenSize;
    }

    /** Number of stacked recurrent layers. */
    public int numLayers() {
        return numLayers;
    }

    /** Whether each layer runs forward and backward in time, outputs concatenated. */
    public boolean bidirectional() {
        return bidirectional;
    }

    /** Number of directions, 1 or 2. */
    public int directions() {
        return bidirectional ? 2 : 1;
    }

    /** Dropout probability applied to the outputs of every layer but the last, during training. */
    public float dropout() {
        return dropout;
    }

    /** Outputs of the dense head (per sequence or per step). */
    public int outputSize() {
        return outputSize;
    }

    /** Whether the head reads the final state or every step. */
    public OutputMode outputMode() {
        return outputMode;
    }

    /** Initial value of the LSTM forget-gate bias (input-side bias; the recurrent one starts at 0). */
    public float forgetBias() {
        return forgetBias;
    }

    /** Width of the gate pre-activations of one direction: {@code gates × hiddenSize}. */
    public int gateWidth() {
        return cell.gates() * hiddenSize;
    }

    /** Width of a layer's output: {@code directions × hiddenSize}. */
    public int layerOutputSize() {
        return directions() * hiddenSize;
    }

    /** Input width of layer {@code l}. */
    public int layerInputSize(int l) {
        return l == 0 ? inputSize : layerOutputSize();
    }

    @Override
    public String toString() {
        return cell + "(in=" + inputSize + ", hidden=" + hiddenSize + ", layers=" + numLayers
                + (bidirectional ? ", bidirectional" : "") + (dropout > 0 ? ", dropout=" + dropout : "")
                + ", out=" + outputSize + ", " + outputMode + ")";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NetworkSpec)) {
            return false;
        }
        NetworkSpec s = (NetworkSpec) o;
        return cell == s.cell && inputSize == s.inputSize && hiddenSize == s.hiddenSize && numLayers == s.numLayers
                && bidirectional == s.bidirectional && Float.compare(dropout, s.dropout) == 0
                && outputSize == s.outputSize && outputMode == s.outputMode
                && Float.compare(forgetBias, s.forgetBias) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(cell, inputSize, hiddenSize, numLayers, bidirectional, dropout, outputSize, outputMode,
                forgetBias);
    }

    /** Builds a {@link NetworkSpec}; every setter validates when {@link #build()} is called. */
    public static final class Builder {
        private CellType cell = CellType.LSTM;
        private int inputSize = 1;
        private int hiddenSize = 64;
        private int numLayers = 1;
        private boolean bidirectional;
        private float dropout;
        private int outputSize = 1;
        private OutputMode outputMode = OutputMode.MANY_TO_ONE;
        private float forgetBias = 1f;

        private Builder() {
        }

        /** Sets the cell. */
        public Builder cell(CellType v) {
            cell = v;
            return this;
        }

        /** Sets the number of input channels. */
        public Builder inputSize(int v) {
            inputSize = v;
            return this;
        }

        /** Sets the hidden units per direction. */
        public Builder hiddenSize(int v) {
            hiddenSize = v;
            return this;
        }

        /** Sets the number of stacked layers. */
        public Builder numLayers(int v) {
            numLayers = v;
            return this;
        }

        /** Makes every layer bidirectional. */
        public Builder bidirectional(boolean v) {
            bidirectional = v;
            return this;
        }

        /** Sets the dropout between layers. */
        public Builder dropout(float v) {
            dropout = v;
            return this;
        }

        /** Sets the head's output size. */
        public Builder outputSize(int v) {
            outputSize = v;
            return this;
        }

        /** Sets many-to-one or many-to-many. */
        public Builder outputMode(OutputMode v) {
            outputMode = v;
            return this;
        }

        /** Sets the initial LSTM forget-gate bias (default 1). */
        public Builder forgetBias(float v) {
            forgetBias = v;
            return this;
        }

        /** Validates and builds the spec. */
        public NetworkSpec build() {
            return new NetworkSpec(this);
        }
    }
}
