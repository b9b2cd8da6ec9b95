package dev.recur.engine.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each weight tensor of a network lives in its flat parameter array.
 *
 * <p>All parameters are one {@code float[]} so that optimisers, clipping, copying and averaging work on
 * one array. Matrices are stored transposed with respect to PyTorch ({@code [in, out]}, so that the
 * forward product is a plain row-major {@code x·W}); {@link RecurrentNetwork#getTensor} and
 * {@link RecurrentNetwork#setTensor} convert to and from PyTorch's {@code [out, in]} layout and names
 * ({@code rnn.weight_ih_l0}, {@code rnn.bias_hh_l1_reverse}, {@code head.weight}, ...).
 */
public final class ParameterLayout {

    /**
     * One tensor: its PyTorch name and shape, and where its engine copy starts.
     *
     * @param name   PyTorch's parameter name
     * @param offset first index in the flat parameter array
     * @param rows   PyTorch's first dimension (outputs for a matrix; length for a bias)
     * @param cols   PyTorch's second dimension (inputs for a matrix; 1 for a bias)
     * @param matrix whether the engine stores it transposed ({@code cols × rows})
     */
    public record Tensor(String name, int offset, int rows, int cols, boolean matrix) {
        /** Number of values. */
        public int size() {
            return rows * cols;
        }
    }

    private final int[][] wih;
    private final int[][] whh;
    private final int[][] bih;
    private final int[][] bhh;
    private final int headWeight;
    private final int headBias;
    private final int size;
    private final Map<String, Tensor> tensors;

    ParameterLayout(NetworkSpec spec) {
        int layers = spec.numLayers();
        int dirs = spec.directions();
        int g = spec.gateWidth();
        int h = spec.hiddenSize();
        wih = new int[layers][dirs];
        whh = new int[layers][dirs];
        bih = new int[layers][dirs];
        bhh = new int[layers][dirs];
        Map<String, Tensor> map = new LinkedHashMap<>();
        int off = 0;
        for (int l = 0; l < layers; l++) {
            int in = spec.layerInputSize(l);
            for (int d = 0; d < dirs; d++) {
                String suffix = "_l" + l + (d == 1 ? "_reverse" : "");
                wih[l][d] = off;
                map.put("rnn.weight_ih" + suffix, new Tensor("rnn.weight_ih" + suffix, off, g, in, true));
                off += g * in;
                whh[l][d] = off;
                map.put("rnn.weight_hh" + suffix, new Tensor("rnn.weight_hh" + suffix, off, g, h, true));
                off += g * h;
                bih[l][d] = off;
                map.put("rnn.bias_ih" + suffix, new Tensor("rnn.bias_ih" + suffix, off, g, 1, false));
                off += g;
                bhh[l][d] = off;
                map.put("rnn.bias_hh" + suffix, new Tensor("rnn.bias_hh" + suffix, off, g, 1, false));
                off += g;
            }
        }
        int d = spec.layerOutputSize();
        int o = spec.outputSize();
        headWeight = off;
        map.put("head.weight", new Tensor("head.weight", off, o, d, true));
        off += d * o;
        headBias = off;
        map.put("head.bias", new Tensor("head.bias", off, o, 1, false));
        off += o;
        size = off;
        tensors = Collections.unmodifiableMap(map);
    }

    /** Total number of parameters. */
    public int size() {
        return size;
    }

    /** The tensors in storage order, keyed by PyTorch name. */
    public Map<String, Tensor> tensors() {
        return tensors;
    }

    /** The tensor names in storage order. */
    public List<String> names() {
        return new ArrayList<>(tensors.keySet());
    }

    /** Offset of layer {@code l}, direction {@code d}'s input weights, stored {@code [in, gates·H]}. */
    public int inputWeights(int l, int d) {
        return wih[l][d];
    }

    /** Offset of the recurrent weights, stored {@code [H, gates·H]}. */
    public int recurrentWeights(int l, int d) {
        return whh[l][d];
    }

    /** Offset of the input-side bias {@code [gates·H]}. */
    public int inputBias(int l, int d) {
        return bih[l][d];
    }

    /** Offset of the recurrent-side bias {@code [gates·H]}. */
    public int recurrentBias(int l, int d) {
        return bhh[l][d];
    }

    /** Offset of the head's weights, stored {@code [directions·H, outputs]}. */
    public int headWeight() {
        return headWeight;
    }

    /** Offset of the head's bias. */
    public int headBias() {
        return headBias;
    }
}
