package dev.recur.engine.nn;

import dev.recur.engine.data.SequenceDataset;
import dev.recur.engine.loss.HuberLoss;
import dev.recur.engine.loss.Loss;
import dev.recur.engine.loss.MaeLoss;
import dev.recur.engine.loss.MseLoss;
import dev.recur.engine.loss.PinballLoss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Analytic gradients against central finite differences, in float32.
 *
 * <p>Tolerance: the loss is a float32 computation whose rounding error is about 1e-7 relative, so a
 * central difference with step {@code EPS = 2e-3} carries about {@code 1e-7·|L|/EPS ≈ 5e-5·|L|} of noise,
 * plus a truncation error of order {@code EPS²·|L'''|} (about 1e-5 here). A gradient entry passes when
 * {@code |analytic − numeric| ≤ 2e-3 + 2e-2·max(|analytic|, |numeric|)}: an order of magnitude above the
 * noise and far below the error of a wrong formula (a dropped term, a sign, a transposed index), which
 * {@link #aWrongGradientIsCaught()} demonstrates.
 */
class GradientCheckTest {

    static final float EPS = 2e-3f;
    static final double ABS = 2e-3;
    static final double REL = 2e-2;

    static Stream<Arguments> architectures() {
        List<Arguments> list = new ArrayList<>();
        for (CellType cell : CellType.values()) {
            for (boolean bi : new boolean[]{false, true}) {
                for (OutputMode mode : OutputMode.values()) {
                    list.add(Arguments.of(cell, bi, mode));
                }
            }
        }
        return list.stream();
    }

    static Stream<Arguments> losses() {
        return Stream.of(
                Arguments.of(new MseLoss(), 1),
                Arguments.of(new MaeLoss(), 1),
                Arguments.of(new HuberLoss(0.5f), 1),
                Arguments.of(new PinballLoss(0.1f, 0.5f, 0.9f), 3));
    }

    static SequenceDataset data(NetworkSpec spec, int targets, long seed, int... lengths) {
        Random r = new Random(seed);
        float[][] x = new float[lengths.length][];
        float[][] y = new float[lengths.length][];
        boolean perStep = spec.outputMode() == OutputMode.MANY_TO_MANY;
        for (int b = 0; b < lengths.length; b++) {
            x[b] = new float[lengths[b] * spec.inputSize()];
            for (int i = 0; i < x[b].length; i++) {
                x[b][i] = (float) r.nextGaussian();
            }
            y[b] = new float[(perStep ? lengths[b] : 1) * targets];
            for (int i = 0; i < y[b].length; i++) {
                y[b][i] = (float) r.nextGaussian();
            }
        }
        return new SequenceDataset(x, y, spec.inputSize(), targets, perStep);
    }

    static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        return o;
    }

    /** Compares {@code analytic} with central differences of {@code loss} over every parameter. */
    static List<String> mismatches(RecurrentNetwork net, float[] analytic, DoubleSupplier loss) {
        float[] p = net.parameters();
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < p.length; i++) {
            float saved = p[i];
            p[i] = saved + EPS;
            net.parametersChanged();
            double plus = loss.getAsDouble();
            p[i] = saved - EPS;
            net.parametersChanged();
            double minus = loss.getAsDouble();
            p[i] = saved;
            net.parametersChanged();
            double numeric = (plus - minus) / (2 * EPS);
            double a = analytic[i];
            if (Math.abs(a - numeric) > ABS + REL * Math.max(Math.abs(a), Math.abs(numeric))) {
                bad.add(name(net, i) + ": analytic " + a + " numeric " + numeric);
            }
        }
        return bad;
    }

    static String name(RecurrentNetwork net, int index) {
        for (ParameterLayout.Tensor t : net.layout().tensors().values()) {
            if (index >= t.offset() && index < t.offset() + t.size()) {
                return t.name() + "[" + (index - t.offset()) + "]";
            }
        }
        return "#" + index;
    }

    static void check(NetworkSpec spec, Loss loss, int truncation, long dropoutSeed) {
        RecurrentNetwork net = new RecurrentNetwork(spec, 7);
        SequenceDataset d = data(spec, spec.outputSize() / loss.outputsPerTarget(), 11, 6, 4, 6, 1, 5);
        int[] order = identity(d.size());
        try (GradientComputer gc = new GradientComputer(net, loss, d.size(), d.maxLength(), truncation, 2)) {
            gc.compute(d, order, 0, d.size(), dropoutSeed);
            float[] analytic = gc.gradient().clone();
            List<String> bad = mismatches(net, analytic, () -> gc.compute(d, order, 0, d.size(), dropoutSeed));
            assertTrue(bad.isEmpty(), spec + " " + loss.name() + ": " + bad.size() + " of " + analytic.length
                    + " gradients differ, e.g. " + bad.subList(0, Math.min(5, bad.size())));
        }
    }

    static NetworkSpec.Builder small() {
        return NetworkSpec.builder().inputSize(2).hiddenSize(3).numLayers(2).outputSize(2);
    }

    @ParameterizedTest(name = "{0} bidirectional={1} {2}")
    @MethodSource("architectures")
    void everyCellDirectionAndHead(CellType cell, boolean bidirectional, OutputMode mode) {
        check(small().cell(cell).bidirectional(bidirectional).outputMode(mode).build(), new MseLoss(), 0, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    void everyLoss(Loss loss, int perTarget) {
        for (OutputMode mode : OutputMode.values()) {
            check(small().cell(CellType.LSTM).outputMode(mode).outputSize(2 * perTarget).build(), loss, 0, 1);
        }
    }

    @Test
    void dropoutBetweenLayers() {
        // With a fixed dropout seed the masks are fixed, so the loss is a deterministic function.
        for (CellType cell : new CellType[]{CellType.LSTM, CellType.GRU}) {
            check(small().cell(cell).numLayers(3).dropout(0.3f).bidirectional(true).build(), new MseLoss(), 0, 99);
        }
    }

    /**
     * Truncated BPTT against its definition: the gradient of the loss in which the states entering each
     * chunk of {@code k} steps are constants. The reference re-runs each chunk with a
     * {@link StatefulPredictor} started from the unperturbed network's state at the chunk boundary.
     */
    @ParameterizedTest
    @MethodSource("truncatedCells")
    void truncatedBackpropagationThroughTime(CellType cell) {
        int k = 3;
        int len = 8;
        NetworkSpec spec = small().cell(cell).outputMode(OutputMode.MANY_TO_MANY).build();
        RecurrentNetwork net = new RecurrentNetwork(spec, 5);
        SequenceDataset d = data(spec, 2, 13, len, len, len);
        int[] order = identity(d.size());
        float[] analytic;
        try (GradientComputer gc = new GradientComputer(net, new MseLoss(), d.size(), len, k, 2)) {
            gc.compute(d, order, 0, d.size(), 0);
            analytic = gc.gradient().clone();
        }
        // boundary states of the unperturbed network
        int n = d.size();
        int in = spec.inputSize();
        List<float[][]> boundary = new ArrayList<>();
        StatefulPredictor sp = net.statefulPredictor();
        for (int t = 0; t < len; t++) {
            if (t % k == 0) {
                boundary.add(t == 0 ? null : sp.state());
            }
            sp.step(stepInput(d, t, in));
        }
        DoubleSupplier chunked = () -> {
            double sum = 0;
            for (int c = 0; c * k < len; c++) {
                StatefulPredictor p = net.statefulPredictor();
                if (boundary.get(c) != null) {
                    p.setState(boundary.get(c), n);
                }
                for (int t = c * k; t < Math.min(len, (c + 1) * k); t++) {
                    float[] out = p.step(stepInput(d, t, in));
                    for (int b = 0; b < n; b++) {
                        sum += new MseLoss().row(out, b * 2, d.targets()[b], t * 2, 2, null, 0, 0f);
                    }
                }
            }
            return sum / (n * len * 2.0);
        };
        List<String> bad = mismatches(net, analytic, chunked);
        assertTrue(bad.isEmpty(), cell + " truncated BPTT: " + bad.size() + " gradients differ, e.g. "
                + bad.subList(0, Math.min(5, bad.size())));
        // and truncation really changes the gradient compared with full BPTT
        try (GradientComputer full = new GradientComputer(net, new MseLoss(), n, len, 0, 2)) {
            full.compute(d, order, 0, n, 0);
            assertFalse(java.util.Arrays.equals(full.gradient(), analytic), "truncation had no effect");
        }
    }

    static Stream<CellType> truncatedCells() {
        return Stream.of(CellType.RNN_TANH, CellType.LSTM, CellType.GRU);
    }

    private static float[] stepInput(SequenceDataset d, int t, int in) {
        float[] x = new float[d.size() * in];
        for (int b = 0; b < d.size(); b++) {
            System.arraycopy(d.inputs()[b], t * in, x, b * in, in);
        }
        return x;
    }

    /** The check is not vacuous: a gradient with one entry off by 10% is reported. */
    @Test
    void aWrongGradientIsCaught() {
        NetworkSpec spec = small().cell(CellType.GRU).build();
        RecurrentNetwork net = new RecurrentNetwork(spec, 7);
        SequenceDataset d = data(spec, 2, 11, 6, 4, 6);
        int[] order = identity(d.size());
        try (GradientComputer gc = new GradientComputer(net, new MseLoss(), d.size(), d.maxLength(), 0, 1)) {
            gc.compute(d, order, 0, d.size(), 0);
            float[] wrong = gc.gradient().clone();
            int i = net.layout().recurrentWeights(0, 0) + 4;
            wrong[i] = wrong[i] * 1.1f + 0.01f;
            List<String> bad = mismatches(net, wrong, () -> gc.compute(d, order, 0, d.size(), 0));
            assertTrue(bad.size() == 1 && bad.get(0).startsWith("rnn.weight_hh_l0"), "expected exactly the corrupted entry, got " + bad);
        }
    }

    /**
     * Weighted examples: the gradient of the weighted mean loss against finite differences, for both heads; and the
     * loss and gradient equal those of an unweighted dataset in which an example of weight 2 appears twice (the
     * definition of an integer weight), computed by the unweighted code path.
     */
    @Test
    void weightedExamples() {
        for (OutputMode mode : OutputMode.values()) {
            NetworkSpec spec = small().cell(CellType.GRU).outputMode(mode).build();
            RecurrentNetwork net = new RecurrentNetwork(spec, 7);
            SequenceDataset plain = data(spec, 2, 11, 6, 4, 6, 1, 5);
            float[] w = {2f, 1f, 1f, 2f, 1f};
            SequenceDataset weighted = new SequenceDataset(plain.inputs(), plain.targets(), plain.inputSize(), 2,
                    plain.perStep(), w);
            int[] order = identity(weighted.size());
            try (GradientComputer gc = new GradientComputer(net, new MaeLoss(), 8, weighted.maxLength(), 0, 2)) {
                double loss = gc.compute(weighted, order, 0, weighted.size(), 1);
                float[] analytic = gc.gradient().clone();
                List<String> bad = mismatches(net, analytic, () -> gc.compute(weighted, order, 0, weighted.size(), 1));
                assertTrue(bad.isEmpty(), mode + ": " + bad.size() + " of " + analytic.length
                        + " weighted gradients differ, e.g. " + bad.subList(0, Math.min(5, bad.size())));

                int[] twice = {0, 0, 1, 2, 3, 3, 4};
                double duplicated = gc.compute(plain, twice, 0, twice.length, 1);
                float[] expected = gc.gradient();
                assertEquals(duplicated, loss, 1e-6 * Math.abs(duplicated), mode + ": weighted loss");
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], analytic[i], 1e-5 + 1e-4 * Math.abs(expected[i]), mode + ": gradient " + i);
                }
                assertFalse(Math.abs(gc.compute(plain, order, 0, plain.size(), 1) - loss) < 1e-6,
                        mode + ": the weights changed nothing");
            }
        }
    }

    @Test
    void aWeightMustBePositiveAndFinite() {
        NetworkSpec spec = small().build();
        SequenceDataset d = data(spec, 2, 11, 3, 3);
        for (float bad : new float[]{0f, -1f, Float.NaN, Float.POSITIVE_INFINITY}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new SequenceDataset(d.inputs(), d.targets(), 2, 2, false, new float[]{1f, bad}));
            assertTrue(e.getMessage().startsWith("example 1: weight"), e.getMessage());
        }
        SequenceDataset ok = new SequenceDataset(d.inputs(), d.targets(), 2, 2, false, new float[]{1f, 3f});
        assertEquals(3f, ok.slice(1, 2).weights()[0]);
    }
}
