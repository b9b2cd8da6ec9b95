package dev.recur.engine.nn;

import dev.recur.engine.io.Shorten;
import java.util.Locale;

/** The recurrent cell of a layer, with the gate layout PyTorch, cuDNN and ONNX use. */
public enum CellType {
    /** Elman RNN with tanh: {@code h' = tanh(W x + b_i + R h + b_h)}. */
    RNN_TANH(1),
    /** Elman RNN with ReLU: {@code h' = max(0, W x + b_i + R h + b_h)}. */
    RNN_RELU(1),
    /** LSTM with input, forget, cell and output gates, in that order ({@code i|f|g|o}). */
    LSTM(4),
    /**
     * GRU with reset, update and new gates ({@code r|z|n}), the reset gate applied after the recurrent
     * product: {@code n = tanh(W_n x + b_in + r ⊙ (R_n h + b_hn))} (ONNX {@code linear_before_reset=1}).
     */
    GRU(3);

    private final int gates;

    CellType(int gates) {
        this.gates = gates;
    }

    /** Number of gate blocks, each {@code hiddenSize} wide. */
    public int gates() {
        return gates;
    }

    /**
     * Parses {@code rnn}, {@code rnn_tanh}, {@code rnn_relu}, {@code lstm} or {@code gru}, in any case.
     *
     * @throws IllegalArgumentException for any other name, listing the accepted ones
     */
    public static CellType parse(String name) {
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "rnn":
            case "rnn_tanh":
            case "tanh":
                return RNN_TANH;
            case "rnn_relu":
            case "relu":
                return RNN_RELU;
            case "lstm":
                return LSTM;
            case "gru":
                return GRU;
            default:
                throw new IllegalArgumentException("unknown cell " + Shorten.quoted(name) + ": expected rnn, rnn_relu, lstm or gru");
        }
    }
}
