package dev.recur.engine.codec;

import dev.recur.engine.io.Shorten;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.nn.NetworkSpec;
import dev.recur.engine.nn.OutputMode;
import dev.recur.engine.nn.RecurrentNetwork;
import dev.recur.engine.codec.protos.NetworkProto;

/**
 * Converts networks to and from their protobuf message, validating what it reads: every declared size is
 * checked against {@link NetworkSpec}'s bounds and the parameter count against the weights actually in the
 * message before anything is allocated.
 */
public final class NetworkCodec {

    private NetworkCodec() {
    }

    /** The network as a message. */
    public static NetworkProto toProto(RecurrentNetwork network) {
        NetworkSpec s = network.spec();
        NetworkProto.Builder b = NetworkProto.newBuilder()
                .setCell(s.cell().name())
                .setInputSize(s.inputSize())
                .setHiddenSize(s.hiddenSize())
                .setNumLayers(s.numLayers())
                .setBidirectional(s.bidirectional())
                .setDropout(s.dropout())
                .setOutputSize(s.outputSize())
                .setOutputMode(s.outputMode().name())
                .setForgetBias(s.forgetBias());
        for (float p : network.parameters()) {
            b.addParameters(p);
        }
        return b.build();
    }

    /**
     * Rebuilds a network.
     *
     * @throws IllegalStateException if the message names an unknown cell or head, has an invalid size, or
     *                               holds the wrong number of parameters (e.g. a truncated file)
     */
    public static RecurrentNetwork fromProto(NetworkProto p, OutputMode expectedMode) {
        CellType cell;
        OutputMode mode;
        try {
            cell = CellType.valueOf(p.getCell());
            mode = OutputMode.valueOf(p.getOutputMode());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid protobuf, unknown cell " + Shorten.quoted(p.getCell()) + " or output mode "
                    + Shorten.quoted(p.getOutputMode()));
        }
        if (mode != expectedMode) {
            throw new IllegalStateException("Invalid protobuf, expected a " + expectedMode + " network, found " + mode);
        }
        NetworkSpec spec;
        try {
            spec = NetworkSpec.builder().cell(cell).inputSize(p.getInputSize()).hiddenSize(p.getHiddenSize())
                    .numLayers(p.getNumLayers()).bidirectional(p.getBidirectional()).dropout(p.getDropout())
                    .outputSize(p.getOutputSize()).outputMode(mode).forgetBias(p.getForgetBias()).build();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid protobuf, bad network architecture: " + e.getMessage());
        }
        if (spec.parameterCount() != p.getParametersCount()) {
            throw new IllegalStateException("Invalid protobuf, the network " + spec + " has " + spec.parameterCount()
                    + " parameters, the file holds " + p.getParametersCount() + " (truncated or altered)");
        }
        float[] params = new float[p.getParametersCount()];
        for (int i = 0; i < params.length; i++) {
            params[i] = p.getParameters(i);
        }
        try {
            return RecurrentNetwork.fromParameters(spec, params);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid protobuf, network weights do not fit " + spec + ": " + e.getMessage());
        }
    }
}
