package dev.recur.engine.onnx;

import dev.recur.engine.nn.CellType;
import dev.recur.engine.nn.NetworkSpec;
import dev.recur.engine.nn.OutputMode;
import dev.recur.engine.nn.RecurrentNetwork;

import java.util.HashMap;
import java.util.Map;

/**
 * Writes a {@link RecurrentNetwork} as ONNX nodes: one standard {@code LSTM}, {@code GRU} or {@code RNN}
 * node per layer ({@code layout} 0, no clip, no peepholes, default activations except ReLU for
 * {@link CellType#RNN_RELU}; GRU with {@code linear_before_reset=1}, the form the engine trains), then the
 * dense head. Gate blocks are reordered from PyTorch's order (LSTM i,f,g,o; GRU r,z,n) to ONNX's (LSTM
 * i,o,f,c; GRU z,r,h).
 */
public final class NetworkOnnx {

    private NetworkOnnx() {
    }

    /**
     * Emits the network.
     *
     * @param x time-major input {@code [seq, batch, inputSize]}
     * @return {@code [batch, outputSize]} (many-to-one) or {@code [batch, seq, outputSize]} (many-to-many)
     */
    public static String emit(OnnxGraph g, RecurrentNetwork net, String x) {
        String layerInput = x;
        String lastYh = null;
        for (int l = 0; l < net.spec().numLayers(); l++) {
            String[] out = layer(g, net, l, layerInput);
            layerInput = out[0];
            lastYh = out[1];
        }
        return head(g, net, layerInput, lastYh);
    }

    /**
     * Layer {@code l} as one ONNX recurrent node over {@code input}, its weights reordered from PyTorch's gate order to
     * ONNX's: its output sequence {@code [seq, batch, dirs·hidden]} and its last hidden state
     * {@code [dirs, batch, hidden]}.
     */
    private static String[] layer(OnnxGraph g, RecurrentNetwork net, int l, String input) {
        NetworkSpec s = net.spec();
        int h = s.hiddenSize();
        int dirs = s.directions();
        int gates = s.cell().gates();
        int[] order = switch (s.cell()) {
            case LSTM -> new int[]{0, 3, 1, 2};
            case GRU -> new int[]{1, 0, 2};
            default -> new int[]{0};
        };
        String op = switch (s.cell()) {
            case LSTM -> "LSTM";
            case GRU -> "GRU";
            default -> "RNN";
        };
        int in = s.layerInputSize(l);
        float[] w = new float[dirs * gates * h * in];
        float[] r = new float[dirs * gates * h * h];
        float[] b = new float[dirs * 2 * gates * h];
        for (int d = 0; d < dirs; d++) {
            String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
            reorder(net.getTensor("rnn.weight_ih" + suffix), w, d * gates * h * in, order, h * in);
            reorder(net.getTensor("rnn.weight_hh" + suffix), r, d * gates * h * h, order, h * h);
            reorder(net.getTensor("rnn.bias_ih" + suffix), b, d * 2 * gates * h, order, h);
            reorder(net.getTensor("rnn.bias_hh" + suffix), b, d * 2 * gates * h + gates * h, order, h);
        }
        String wName = g.floats("W_l" + l, new long[]{dirs, (long) gates * h, in}, w);
        String rName = g.floats("R_l" + l, new long[]{dirs, (long) gates * h, h}, r);
        String bName = g.floats("B_l" + l, new long[]{dirs, 2L * gates * h}, b);
        Map<String, Object> attrs = new HashMap<>();
        attrs.put("hidden_size", h);
        attrs.put("direction", dirs == 2 ? "bidirectional" : "forward");
        if (s.cell() == CellType.GRU) {
            attrs.put("linear_before_reset", 1);
        }
        if (s.cell() == CellType.RNN_RELU) {
            attrs.put("activations", dirs == 2 ? new String[]{"Relu", "Relu"} : new String[]{"Relu"});
        }
        String y = g.fresh("Y_l" + l);
        String yh = g.fresh("Y_h_l" + l);
        g.node(op, attrs, new String[]{input, wName, rName, bName}, new String[]{y, yh});
        // [seq, dirs, batch, hidden] → [seq, batch, dirs·hidden]
        String t = g.op("Transpose", Map.of("perm", new long[]{0, 2, 1, 3}), y);
        return new String[]{g.op("Reshape", t, g.longs("shape", 0, 0, -1)), yh};
    }

    /**
     * The linear head: on the last layer's last hidden state, both directions ({@code [batch, outputSize]},
     * many-to-one), or on every step of its output sequence ({@code [batch, seq, outputSize]}, many-to-many).
     */
    private static String head(OnnxGraph g, RecurrentNetwork net, String layerInput, String lastYh) {
        NetworkSpec s = net.spec();
        float[] headW = net.getTensor("head.weight");   // [out, dirs·hidden]
        String headB = g.floats("head_bias", new long[]{s.outputSize()}, net.getTensor("head.bias"));
        int width = s.layerOutputSize();
        if (s.outputMode() == OutputMode.MANY_TO_ONE) {
            // h_n of the last layer, both directions: [dirs, batch, hidden] → [batch, dirs·hidden]
            String t = g.op("Transpose", Map.of("perm", new long[]{1, 0, 2}), lastYh);
            String flat = g.op("Reshape", t, g.longs("shape", 0, -1));
            String wn = g.floats("head_weight", new long[]{s.outputSize(), width}, headW);
            return g.op("Gemm", Map.of("transB", 1), flat, wn, headB);
        }
        float[] wt = new float[headW.length];
        for (int o = 0; o < s.outputSize(); o++) {
            for (int k = 0; k < width; k++) {
                wt[k * s.outputSize() + o] = headW[o * width + k];
            }
        }
        String wn = g.floats("head_weight_t", new long[]{width, s.outputSize()}, wt);
        String mm = g.op("Add", g.op("MatMul", layerInput, wn), headB);
        return g.op("Transpose", Map.of("perm", new long[]{1, 0, 2}), mm);
    }

    /** Copies gate blocks of {@code block} values from PyTorch's order to ONNX's. */
    private static void reorder(float[] src, float[] dst, int offset, int[] order, int block) {
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(src, order[k] * block, dst, offset + k * block, block);
        }
    }

    /**
     * A whole network as an ONNX model: input {@code input} float32 {@code [batch, seq, inputSize]}
     * (batch-first, as the engine's inputs), output {@code output} {@code [batch, outputSize]} or
     * {@code [batch, seq, outputSize]}.
     */
    public static ai.onnx.proto.OnnxMl.ModelProto export(RecurrentNetwork net, Map<String, String> metadata) {
        NetworkSpec s = net.spec();
        OnnxGraph g = new OnnxGraph("recur-network");
        String in = g.input("input", "batch", "sequence", s.inputSize());
        String tm = g.op("Transpose", Map.of("perm", new long[]{1, 0, 2}), in);
        String out = emit(g, net, tm);
        g.rename(out, "output");
        if (s.outputMode() == OutputMode.MANY_TO_ONE) {
            g.output("output", "batch", s.outputSize());
        } else {
            g.output("output", "batch", "sequence", s.outputSize());
        }
        return g.build("Recur", OnnxExports.version(), "dev.recur", 1, s.toString(), metadata);
    }
}
