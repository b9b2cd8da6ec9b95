package dev.recur.engine.nn;

import dev.recur.engine.Fixture;
import dev.recur.engine.data.SequenceDataset;
import dev.recur.engine.loss.MseLoss;
import dev.recur.engine.train.NetworkTrainer;
import dev.recur.engine.train.OptimizerType;
import dev.recur.engine.train.TrainingConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parity with PyTorch 1.13 on fixtures written by {@code src/test/python/make_fixtures.py}: outputs of
 * both heads and all parameter gradients for RNN (tanh, relu), LSTM and GRU with 1–3 layers, uni- and
 * bidirectional, over a batch of sequences of different lengths; and the weights after 20 Adam steps.
 */
class TorchParityTest {

    static final float OUTPUT_TOLERANCE = 1e-5f;
    static final float ADAM_TOLERANCE = 1e-4f;

    static Stream<String> cases() {
        List<String> names = new ArrayList<>();
        for (String cell : new String[]{"rnn_tanh", "rnn_relu", "lstm", "gru"}) {
            for (int l = 1; l <= 3; l++) {
                names.add(cell + "_l" + l + "_uni.txt");
                names.add(cell + "_l" + l + "_bi.txt");
            }
        }
        return names.stream();
    }

    /** Builds the fixture's network with its PyTorch weights. */
    static RecurrentNetwork network(Fixture f, OutputMode mode) {
        NetworkSpec spec = NetworkSpec.builder()
                .cell(CellType.parse(f.config("cell")))
                .inputSize(f.configInt("input"))
                .hiddenSize(f.configInt("hidden"))
                .numLayers(f.configInt("layers"))
                .bidirectional(Boolean.parseBoolean(f.config("bidirectional")))
                .outputSize(f.configInt("output"))
                .outputMode(mode)
                .build();
        RecurrentNetwork net = new RecurrentNetwork(spec, 0);
        for (String name : net.layout().names()) {
            net.setTensor(name, f.tensor(name).values());
        }
        return net;
    }

    /** The fixture's batch-first, zero-padded inputs as one time-major array per sequence. */
    static float[][] inputs(Fixture f) {
        Fixture.Tensor x = f.tensor("input");
        float[] lengths = f.tensor("lengths").values();
        int b = x.shape()[0];
        int t = x.shape()[1];
        int in = x.shape()[2];
        float[][] seqs = new float[b][];
        for (int r = 0; r < b; r++) {
            int len = (int) lengths[r];
            seqs[r] = new float[len * in];
            System.arraycopy(x.values(), r * t * in, seqs[r], 0, len * in);
        }
        return seqs;
    }

    static float maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length, "length");
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void manyToOneOutputsAndGradientsMatchPyTorch(String file) {
        Fixture f = Fixture.load(file);
        RecurrentNetwork net = network(f, OutputMode.MANY_TO_ONE);
        float[][] x = inputs(f);
        float[][] out = net.predict(x);
        float[] expected = f.tensor("out_m2o").values();
        int o = net.spec().outputSize();
        float[] flat = new float[x.length * o];
        for (int b = 0; b < x.length; b++) {
            System.arraycopy(out[b], 0, flat, b * o, o);
        }
        float diff = maxAbsDiff(flat, expected);
        assertTrue(diff <= OUTPUT_TOLERANCE, file + ": many-to-one outputs differ by " + diff);

        float[] y = f.tensor("y_m2o").values();
        float[][] targets = new float[x.length][];
        for (int b = 0; b < x.length; b++) {
            targets[b] = java.util.Arrays.copyOfRange(y, b * o, (b + 1) * o);
        }
        assertGradients(f, net, new SequenceDataset(x, targets, net.spec().inputSize(), o, false), "grad_m2o.");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void manyToManyOutputsAndGradientsMatchPyTorch(String file) {
        Fixture f = Fixture.load(file);
        RecurrentNetwork net = network(f, OutputMode.MANY_TO_MANY);
        float[][] x = inputs(f);
        float[][] out = net.predict(x);
        Fixture.Tensor exp = f.tensor("out_m2m");
        Fixture.Tensor ym = f.tensor("y_m2m");
        int t = exp.shape()[1];
        int o = exp.shape()[2];
        float[][] targets = new float[x.length][];
        float diff = 0;
        for (int b = 0; b < x.length; b++) {
            int len = out[b].length / o;
            targets[b] = new float[len * o];
            for (int s = 0; s < len; s++) {
                for (int j = 0; j < o; j++) {
                    diff = Math.max(diff, Math.abs(out[b][s * o + j] - exp.values()[(b * t + s) * o + j]));
                    targets[b][s * o + j] = ym.values()[(b * t + s) * o + j];
                }
            }
        }
        assertTrue(diff <= OUTPUT_TOLERANCE, file + ": many-to-many outputs differ by " + diff);
        assertGradients(f, net, new SequenceDataset(x, targets, net.spec().inputSize(), o, true), "grad_m2m.");
    }

    private static void assertGradients(Fixture f, RecurrentNetwork net, SequenceDataset data, String prefix) {
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        try (GradientComputer gc = new GradientComputer(net, new MseLoss(), data.size(), data.maxLength(), 0, 2)) {
            gc.compute(data, order, 0, data.size(), 1L);
            RecurrentNetwork asGrad = RecurrentNetwork.fromParameters(net.spec(), gc.gradient());
            for (String name : net.layout().names()) {
                float[] expected = f.tensor(prefix + name).values();
                float diff = maxAbsDiff(asGrad.getTensor(name), expected);
                assertTrue(diff <= OUTPUT_TOLERANCE, f + ": gradient of " + name + " differs by " + diff);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("adamCases")
    void twentyAdamStepsMatchPyTorch(String file) {
        Fixture f = Fixture.load(file);
        RecurrentNetwork net = network(f, OutputMode.MANY_TO_ONE);
        float[][] x = inputs(f);
        float[] y = f.tensor("y_m2o").values();
        int o = net.spec().outputSize();
        float[][] targets = new float[x.length][];
        for (int b = 0; b < x.length; b++) {
            targets[b] = java.util.Arrays.copyOfRange(y, b * o, (b + 1) * o);
        }
        SequenceDataset data = new SequenceDataset(x, targets, net.spec().inputSize(), o, false);
        TrainingConfig config = TrainingConfig.builder()
                .optimizer(OptimizerType.ADAM)
                .learningRate(Float.parseFloat(f.config("lr")))
                .epochs(f.configInt("steps"))
                .batchSize(x.length)
                .shuffle(false)
                .build();
        new NetworkTrainer(config).fit(net, data, null);
        for (String name : net.layout().names()) {
            float diff = maxAbsDiff(net.getTensor(name), f.tensor("after." + name).values());
            assertTrue(diff <= ADAM_TOLERANCE, file + ": after 20 Adam steps " + name + " differs by " + diff);
        }
    }

    static Stream<String> adamCases() {
        return Stream.of("adam_rnn_tanh.txt", "adam_lstm.txt", "adam_gru.txt");
    }
}
