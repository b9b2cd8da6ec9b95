package dev.recur.engine.nn;

import dev.recur.engine.data.SequenceChecks;

/**
 * Advances a trained unidirectional network one time point at a time, carrying its hidden (and LSTM
 * cell) state between calls: for streaming data, where each new observation updates the state instead of
 * re-running the whole window.
 *
 * <p>Feeding a sequence step by step gives the same outputs as {@link RecurrentNetwork#predict} on the
 * whole sequence. Each predictor tracks {@code batchSize} independent streams; it is not thread-safe.
 */
public final class StatefulPredictor {

    private final RecurrentNetwork network;
    private final NetworkSpec spec;
    private int streams;
    private Workspace ws;
    private float[][] state;

    StatefulPredictor(RecurrentNetwork network) {
        if (network.spec().bidirectional()) {
            throw new IllegalArgumentException("stateful inference needs a unidirectional network: a bidirectional"
                    + " layer reads the future");
        }
        this.network = network;
        this.spec = network.spec();
    }

    /** Forgets all state: the next step starts from zeros. */
    public void reset() {
        state = null;
        streams = 0;
        ws = null;
    }

    /**
     * A copy of the carried state: per layer, {@code [h | c]} with {@code streams × hiddenSize} values each
     * ({@code c} for LSTM only); null before the first step.
     */
    public float[][] state() {
        if (state == null) {
            return null;
        }
        float[][] copy = new float[state.length][];
        for (int l = 0; l < state.length; l++) {
            copy[l] = state[l].clone();
        }
        return copy;
    }

    /**
     * Replaces the carried state (e.g. one saved with {@link #state()}) for {@code streams} streams.
     *
     * @throws IllegalArgumentException if the shape does not match the network
     */
    public void setState(float[][] newState, int streams) {
        int width = spec.hiddenSize() * streams * (spec.cell() == CellType.LSTM ? 2 : 1);
        if (newState.length != spec.numLayers()) {
            throw new IllegalArgumentException("expected state for " + spec.numLayers() + " layers, got " + newState.length);
        }
        for (int l = 0; l < newState.length; l++) {
            if (newState[l].length != width) {
                throw new IllegalArgumentException("layer " + l + ": expected " + width + " state values, got "
                        + newState[l].length);
            }
            SequenceChecks.checkFinite(newState[l], spec.hiddenSize(), "state of layer " + l, "value");
        }
        this.streams = streams;
        this.ws = new Workspace(spec, 1, streams, false);
        this.state = new float[newState.length][];
        for (int l = 0; l < newState.length; l++) {
            state[l] = newState[l].clone();
        }
    }

    /**
     * Feeds one time point to each stream and returns each stream's output at that point.
     *
     * @param x {@code streams × inputSize} values ({@code x[s·inputSize + c]}); the number of streams is
     *          fixed by the first call after a {@link #reset()}
     * @return {@code streams × outputSize} values: the head applied to the new state
     * @throws IllegalArgumentException if the size does not match or a value is not finite
     */
    public float[] step(float[] x) {
        int in = spec.inputSize();
        if (x.length == 0 || x.length % in != 0) {
            throw new IllegalArgumentException("expected a multiple of the input size " + in + " values, got " + x.length);
        }
        int n = x.length / in;
        if (ws == null) {
            streams = n;
            ws = new Workspace(spec, 1, n, false);
            int width = spec.hiddenSize() * n * (spec.cell() == CellType.LSTM ? 2 : 1);
            state = new float[spec.numLayers()][width];
        } else if (n != streams) {
            throw new IllegalArgumentException("this predictor tracks " + streams + " streams, got " + n
                    + "; call reset() to change");
        }
        SequenceChecks.checkFinite(x, in, "step input", "input");
        ws.loadStep(x, n);
        ws.forward(network, state, false, 0L);
        for (int l = 0; l < spec.numLayers(); l++) {
            ws.finalState(l, state[l]);
        }
        float[] out = new float[n * spec.outputSize()];
        System.arraycopy(ws.outputs(), 0, out, 0, out.length);
        return out;
    }
}
