package dev.recur.engine.tribuo;

import dev.recur.engine.io.Shorten;
import dev.recur.engine.codec.NetworkCodec;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.recur.engine.nn.NetworkSpec;
import dev.recur.engine.nn.OutputMode;
import dev.recur.engine.nn.RecurrentNetwork;
import dev.recur.engine.tribuo.protos.RecurrentRegressionModelProto;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXRef;
import ai.onnx.proto.OnnxMl;
import dev.recur.engine.onnx.NetworkOnnx;
import dev.recur.engine.onnx.OnnxExports;
import dev.recur.engine.onnx.OnnxGraph;
import org.tribuo.Prediction;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trained many-to-one recurrent regressor: reads a window of {@code <channel>@t-<lag>} features and
 * predicts every output dimension of the training data at once (e.g. a whole forecast horizon).
 *
 * <p>Predictions are in the data's own units: inputs and outputs are standardised as at training time and
 * the outputs are un-standardised. Features unknown to the model are ignored and absent window features
 * count as 0, as everywhere in Tribuo; an example with no known feature is refused. Batched prediction
 * ({@link #predict(Iterable)}) runs the network once over all windows. Instances are immutable and safe to
 * share between threads.
 *
 * <p>{@link #getTopFeatures(int)} ranks features by their mean absolute input-gradient in the data's units,
 * {@code |∂ output / ∂ feature|}, estimated by central differences on a sample of the training windows when
 * the model was trained. {@link #getExcuse(Example)} returns {@code Optional.empty()}: a recurrent network
 * has no faithful per-prediction explanation of its own (use Tribuo's LIME on it if needed).
 *
 * <p>ONNX: {@link #exportONNXModel} writes the whole model (window assembly, level, scaling, the recurrent
 * layers as standard {@code LSTM}/{@code GRU}/{@code RNN} operators, head and un-scaling) at opset 17 with
 * Tribuo's conventions: input {@code input} float32 {@code [batch, features]} in feature-id order, output
 * {@code output} {@code [batch, dimensions]}, provenance in the {@code TRIBUO_PROVENANCE} metadata, so
 * Tribuo's {@code ONNXExternalModel} serves it. {@link #writeONNXGraph} is not supported: Tribuo's
 * {@code ONNXContext} builds opset-13 graphs and has no recurrent operators, so this model cannot be a
 * member of a Tribuo ensemble's ONNX export.
 */
public final class RecurrentRegressionModel extends Model<Regressor> implements ONNXExportable {

    private static final long serialVersionUID = 1L;

    /** The newest protobuf version this class reads and the one it writes. */
    public static final int CURRENT_VERSION = 0;

    private final String[] dimensionNames;
    private final WindowLayout layout;
    private final AffineScaling inputScaling;
    private final AffineScaling outputScaling;
    private final TrainedNetwork trained;
    /** {@code [dimension][feature id]}: mean |∂ output / ∂ feature| in data units. */
    private final double[][] importance;
    /** Channel whose window mean is removed and added back, or "" for none. */
    private final String levelChannel;
    private final int levelIndex;


    RecurrentRegressionModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                             ImmutableOutputInfo<Regressor> outputIDInfo, String[] dimensionNames, WindowLayout layout,
                             AffineScaling inputScaling, AffineScaling outputScaling, RecurrentNetwork network,
                             double[][] importance, String levelChannel) {
        super(name, provenance, featureIDMap, outputIDInfo, false);
        this.levelChannel = levelChannel;
        this.levelIndex = levelChannel.isEmpty() ? -1 : layout.channels().indexOf(levelChannel);
        if (!levelChannel.isEmpty() && levelIndex < 0) {
            throw new IllegalStateException("Invalid protobuf, level channel " + Shorten.quoted(levelChannel) + " is not one of "
                    + layout.channels());
        }
        this.dimensionNames = dimensionNames;
        this.layout = layout;
        this.inputScaling = inputScaling;
        this.outputScaling = outputScaling;
        this.trained = new TrainedNetwork(network);
        this.importance = importance;
    }

    /**
     * Reads a model from its protobuf form; called by {@link Model#deserialize} through Tribuo's
     * {@code ProtoUtil}.
     *
     * @throws IllegalArgumentException if {@code version} is newer than {@link #CURRENT_VERSION}
     * @throws IllegalStateException    if the message is inconsistent (wrong domains, sizes or weights)
     * @throws InvalidProtocolBufferException if the message is not a model of this class
     */
    public static RecurrentRegressionModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        TribuoChecks.checkVersion(version, CURRENT_VERSION);
        RecurrentRegressionModelProto proto = message.unpack(RecurrentRegressionModelProto.class);
        if (proto.hasChecksum()) {
            TribuoChecks.verify(message);
        }
        ModelDataCarrier<?> carrier = TribuoChecks.carrier(proto.getMetadata());
        ImmutableOutputInfo<Regressor> outputs = TribuoChecks.regressionDomain(carrier.outputDomain());
        ImmutableFeatureMap features = carrier.featureDomain();
        String[] dims = proto.getDimensionNamesList().toArray(new String[0]);
        TribuoChecks.checkDimensions(dims, outputs);
        WindowLayout layout = WindowLayout.restore(features, proto.getChannelsList(), proto.getWindow());
        RecurrentNetwork net = NetworkCodec.fromProto(proto.getNetwork(), OutputMode.MANY_TO_ONE);
        if (net.spec().inputSize() != layout.channelCount() || net.spec().outputSize() != dims.length) {
            throw new IllegalStateException("Invalid protobuf, network " + net.spec() + " does not fit "
                    + layout.channelCount() + " channels and " + dims.length + " outputs");
        }
        AffineScaling in = ScalingCodec.fromProto(proto.getInputScaling(), layout.channelCount(), "input");
        AffineScaling out = ScalingCodec.fromProto(proto.getOutputScaling(), dims.length, "output");
        double[][] imp = TribuoChecks.importance(proto.getImportanceList(), dims.length, features.size());
        return new RecurrentRegressionModel(carrier.name(), carrier.provenance(), features, outputs, dims, layout,
                in, out, net, imp, proto.getLevelChannel());
    }

    @Override
    public ModelProto serialize() {
        ModelDataCarrier<Regressor> carrier = createDataCarrier();
        RecurrentRegressionModelProto.Builder b = RecurrentRegressionModelProto.newBuilder()
                .setMetadata(carrier.serialize().toByteString())
                .setNetwork(NetworkCodec.toProto(network()))
                .setInputScaling(ScalingCodec.toProto(inputScaling))
                .setOutputScaling(ScalingCodec.toProto(outputScaling))
                .addAllChannels(layout.channels())
                .setWindow(layout.window())
                .setLevelChannel(levelChannel);
        for (String d : dimensionNames) {
            b.addDimensionNames(d);
        }
        b.addAllImportance(TribuoChecks.flatten(importance));
        return ModelProto.newBuilder().setVersion(CURRENT_VERSION)
                .setClassName(RecurrentRegressionModel.class.getName())
                .setSerializedData(TribuoChecks.sealed(b.build())).build();
    }

    /**
     * Exports the model to ONNX (opset 17, IR 8).
     *
     * @param domain       the model's domain, e.g. a reversed company name
     * @param modelVersion the model's version
     */
    @Override
    public OnnxMl.ModelProto exportONNXModel(String domain, long modelVersion) {
        OnnxGraph g = new OnnxGraph("recur-regression");
        int features = featureIDMap.size();
        int c = layout.channelCount();
        int w = layout.window();
        String in = g.input("input", "batch", features);
        long[] perm = new long[features];
        for (int id = 0; id < features; id++) {
            perm[layout.position(id)] = id;
        }
        String x = g.op("Gather", java.util.Map.of("axis", 1), in, g.longs("window_order", perm));
        String level = null;
        if (levelIndex >= 0) {
            long[] idx = new long[w];
            float[] mask = new float[w * c];
            for (int t = 0; t < w; t++) {
                idx[t] = (long) t * c + levelIndex;
                mask[t * c + levelIndex] = 1f;
            }
            String lv = g.op("Gather", java.util.Map.of("axis", 1), x, g.longs("level_positions", idx));
            level = g.op("ReduceMean", java.util.Map.of("axes", new long[]{1}, "keepdims", 1), lv);
            x = g.op("Sub", x, g.op("Mul", level, g.floats("level_mask", new long[]{(long) w * c}, mask)));
        }
        float[] shift = new float[w * c];
        float[] scale = new float[w * c];
        for (int k = 0; k < w * c; k++) {
            shift[k] = inputScaling.shift(k % c);
            scale[k] = inputScaling.scale(k % c);
        }
        x = g.op("Div", g.op("Sub", x, g.floats("input_shift", new long[]{(long) w * c}, shift)),
                g.floats("input_scale", new long[]{(long) w * c}, scale));
        x = g.op("Reshape", x, g.longs("window_shape", 0, w, c));
        x = g.op("Transpose", java.util.Map.of("perm", new long[]{1, 0, 2}), x);
        String y = NetworkOnnx.emit(g, network(), x);
        int d = dimensionNames.length;
        float[] oShift = new float[d];
        float[] oScale = new float[d];
        for (int k = 0; k < d; k++) {
            oShift[k] = outputScaling.shift(k);
            oScale[k] = outputScaling.scale(k);
        }
        y = g.op("Add", g.op("Mul", y, g.floats("output_scale", new long[]{d}, oScale)),
                g.floats("output_shift", new long[]{d}, oShift));
        if (level != null) {
            y = g.op("Add", y, level);
        }
        g.rename(y, "output");
        g.output("output", "batch", d);
        java.util.Map<String, String> meta = new java.util.HashMap<>();
        meta.put(ONNXExportable.PROVENANCE_METADATA_FIELD, serializeProvenance(provenance));
        meta.put("recur.window", Integer.toString(w));
        meta.put("recur.channels", Integer.toString(c));
        meta.put("recur.horizon", Integer.toString(d));
        return g.build("Recur", OnnxExports.version(), domain, modelVersion, toString(), meta);
    }

    /**
     * Not supported: Tribuo's {@code ONNXContext} has no recurrent operators (see the class documentation).
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    public ONNXNode writeONNXGraph(ONNXRef<?> input) {
        throw new UnsupportedOperationException("RecurrentRegressionModel exports whole models only"
                + " (exportONNXModel): Tribuo's ONNXContext cannot express LSTM, GRU or RNN operators");
    }

    /** The window layout read from the feature names. */
    public WindowLayout windowLayout() {
        return layout;
    }

    /** The network's architecture. */
    public NetworkSpec networkSpec() {
        return trained.spec();
    }

    /** A copy of the trained network (standardised units). */
    public RecurrentNetwork network() {
        return trained.network();
    }

    /** The input scaling, one entry per channel. */
    public AffineScaling inputScaling() {
        return inputScaling;
    }

    /** The output scaling, one entry per output dimension. */
    public AffineScaling outputScaling() {
        return outputScaling;
    }

    /** The channel whose window level is removed and added back, or empty. */
    public String levelChannel() {
        return levelChannel;
    }

    /** Output dimension names, in the network's output order. */
    public List<String> dimensionNames() {
        return List.of(dimensionNames);
    }

    @Override
    public Prediction<Regressor> predict(Example<Regressor> example) {
        return innerPredict(Collections.singletonList(example)).get(0);
    }

    @Override
    protected List<Prediction<Regressor>> innerPredict(Iterable<Example<Regressor>> examples) {
        List<Example<Regressor>> list = new ArrayList<>();
        List<float[]> windows = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        List<Float> levels = new ArrayList<>();
        for (Example<Regressor> e : examples) {
            float[] w = layout.toWindow(e, featureIDMap);
            levels.add(levelIndex >= 0 ? WindowLayout.removeLevel(w, layout.channelCount(), levelIndex) : 0f);
            inputScaling.apply(w);
            list.add(e);
            windows.add(w);
            int n = 0;
            for (org.tribuo.Feature f : e) {
                if (featureIDMap.getID(f.getName()) >= 0) {
                    n++;
                }
            }
            used.add(n);
        }
        float[][] out = network().predict(windows.toArray(new float[0][]));
        List<Prediction<Regressor>> predictions = new ArrayList<>(out.length);
        for (int i = 0; i < out.length; i++) {
            double[] raw = outputScaling.invert(out[i]);
            for (int d = 0; d < raw.length; d++) {
                raw[d] += levels.get(i);
            }
            predictions.add(new Prediction<>(new Regressor(dimensionNames, raw), used.get(i), list.get(i)));
        }
        return predictions;
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return TribuoChecks.topFeatures(importance, dimensionNames, featureIDMap, n);
    }

    /** Always empty: see the class documentation. */
    @Override
    public Optional<Excuse<Regressor>> getExcuse(Example<Regressor> example) {
        return Optional.empty();
    }

    @Override
    protected RecurrentRegressionModel copy(String newName, ModelProvenance newProvenance) {
        return new RecurrentRegressionModel(newName, newProvenance, featureIDMap, outputIDInfo, dimensionNames.clone(),
                layout, inputScaling, outputScaling, network().copy(), TribuoChecks.copy(importance), levelChannel);
    }

    @Override
    public String toString() {
        return "RecurrentRegressionModel(name=" + name + ",network=" + trained.spec() + ",channels=" + layout.channels()
                + ",window=" + layout.window() + ",outputs=" + dimensionNames.length + ")";
    }
}
