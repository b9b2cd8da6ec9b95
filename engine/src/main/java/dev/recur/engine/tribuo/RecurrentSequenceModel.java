package dev.recur.engine.tribuo;

import dev.recur.engine.codec.NetworkCodec;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.recur.engine.nn.NetworkSpec;
import dev.recur.engine.nn.OutputMode;
import dev.recur.engine.nn.RecurrentNetwork;
import dev.recur.engine.tribuo.protos.RecurrentSequenceModelProto;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.SequenceModelProto;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;
import org.tribuo.sequence.SequenceExample;
import org.tribuo.sequence.SequenceModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trained many-to-many recurrent regressor: one Regressor per step of a {@link SequenceExample}, in the
 * data's own units. {@link #predict(Iterable)} runs the network once over all sequences. Instances are
 * immutable and safe to share between threads.
 *
 * <p>{@link #getTopFeatures(int)} ranks the features (channels) by mean absolute input-gradient of each
 * output dimension, in data units, estimated at training time by central differences with the feature
 * perturbed at every step.
 */
public final class RecurrentSequenceModel extends SequenceModel<Regressor> {

    private static final long serialVersionUID = 1L;

    /** The newest protobuf version this class reads and the one it writes. */
    public static final int CURRENT_VERSION = 0;

    private final String[] dimensionNames;
    private final AffineScaling inputScaling;
    private final AffineScaling outputScaling;
    private final TrainedNetwork trained;
    private final double[][] importance;


    RecurrentSequenceModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                           ImmutableOutputInfo<Regressor> outputIDMap, String[] dimensionNames, AffineScaling inputScaling,
                           AffineScaling outputScaling, RecurrentNetwork network, double[][] importance) {
        super(name, provenance, featureIDMap, outputIDMap);
        this.dimensionNames = dimensionNames;
        this.inputScaling = inputScaling;
        this.outputScaling = outputScaling;
        this.trained = new TrainedNetwork(network);
        this.importance = importance;
    }

    /**
     * Reads a model from its protobuf form; called by {@link SequenceModel#deserialize} through Tribuo's
     * {@code ProtoUtil}.
     *
     * @throws IllegalArgumentException if {@code version} is newer than {@link #CURRENT_VERSION}
     * @throws IllegalStateException    if the message is inconsistent
     * @throws InvalidProtocolBufferException if the message is not a model of this class
     */
    public static RecurrentSequenceModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        TribuoChecks.checkVersion(version, CURRENT_VERSION);
        RecurrentSequenceModelProto proto = message.unpack(RecurrentSequenceModelProto.class);
        if (proto.hasChecksum()) {
            TribuoChecks.verify(message);
        }
        ModelDataCarrier<?> carrier = TribuoChecks.carrier(proto.getMetadata());
        ImmutableOutputInfo<Regressor> outputs = TribuoChecks.regressionDomain(carrier.outputDomain());
        ImmutableFeatureMap features = carrier.featureDomain();
        String[] dims = proto.getDimensionNamesList().toArray(new String[0]);
        TribuoChecks.checkDimensions(dims, outputs);
        RecurrentNetwork net = NetworkCodec.fromProto(proto.getNetwork(), OutputMode.MANY_TO_MANY);
        if (net.spec().inputSize() != features.size() || net.spec().outputSize() != dims.length) {
            throw new IllegalStateException("Invalid protobuf, network " + net.spec() + " does not fit "
                    + features.size() + " features and " + dims.length + " outputs");
        }
        AffineScaling in = ScalingCodec.fromProto(proto.getInputScaling(), features.size(), "input");
        AffineScaling out = ScalingCodec.fromProto(proto.getOutputScaling(), dims.length, "output");
        double[][] imp = TribuoChecks.importance(proto.getImportanceList(), dims.length, features.size());
        return new RecurrentSequenceModel(carrier.name(), carrier.provenance(), features, outputs, dims, in, out, net, imp);
    }

    @Override
    public SequenceModelProto serialize() {
        ModelDataCarrier<Regressor> carrier = createDataCarrier();
        RecurrentSequenceModelProto.Builder b = RecurrentSequenceModelProto.newBuilder()
                .setMetadata(carrier.serialize().toByteString())
                .setNetwork(NetworkCodec.toProto(network()))
                .setInputScaling(ScalingCodec.toProto(inputScaling))
                .setOutputScaling(ScalingCodec.toProto(outputScaling));
        for (String d : dimensionNames) {
            b.addDimensionNames(d);
        }
        b.addAllImportance(TribuoChecks.flatten(importance));
        return SequenceModelProto.newBuilder().setVersion(CURRENT_VERSION)
                .setClassName(RecurrentSequenceModel.class.getName())
                .setSerializedData(TribuoChecks.sealed(b.build())).build();
    }

    /** The trained network (standardised units). */
    public RecurrentNetwork network() {
        return trained.network();
    }

    /** The network's architecture. */
    public NetworkSpec networkSpec() {
        return trained.spec();
    }

    /** Output dimension names, in the network's output order. */
    public List<String> dimensionNames() {
        return List.of(dimensionNames);
    }

    @Override
    public List<Prediction<Regressor>> predict(SequenceExample<Regressor> example) {
        return predictAll(List.of(example)).get(0);
    }

    @Override
    public List<List<Prediction<Regressor>>> predict(Iterable<SequenceExample<Regressor>> examples) {
        List<SequenceExample<Regressor>> list = new ArrayList<>();
        examples.forEach(list::add);
        return predictAll(list);
    }

    private List<List<Prediction<Regressor>>> predictAll(List<SequenceExample<Regressor>> list) {
        float[][] inputs = new float[list.size()][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = SequenceFeatures.toInput(list.get(i), featureIDMap, "sequence " + i);
            inputScaling.apply(inputs[i]);
        }
        float[][] out = network().predict(inputs);
        List<List<Prediction<Regressor>>> result = new ArrayList<>(list.size());
        int d = dimensionNames.length;
        for (int i = 0; i < out.length; i++) {
            double[] raw = outputScaling.invert(out[i]);
            List<Prediction<Regressor>> steps = new ArrayList<>();
            int t = 0;
            for (Example<Regressor> step : list.get(i)) {
                double[] v = new double[d];
                System.arraycopy(raw, t * d, v, 0, d);
                int used = 0;
                for (Feature f : step) {
                    if (featureIDMap.getID(f.getName()) >= 0) {
                        used++;
                    }
                }
                steps.add(new Prediction<>(new Regressor(dimensionNames, v), used, step));
                t++;
            }
            result.add(steps);
        }
        return result;
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return TribuoChecks.topFeatures(importance, dimensionNames, featureIDMap, n);
    }

    @Override
    public String toString() {
        return "RecurrentSequenceModel(name=" + name + ",network=" + trained.spec() + ",features=" + featureIDMap.size()
                + ",outputs=" + dimensionNames.length + ")";
    }
}
