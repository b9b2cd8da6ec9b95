package dev.recur.engine.nn;

import dev.recur.engine.data.SequenceDataset;
import dev.recur.engine.loss.MseLoss;
import dev.recur.engine.train.NetworkTrainer;
import dev.recur.engine.train.Optimizer;
import dev.recur.engine.train.OptimizerType;
import dev.recur.engine.train.ScheduleType;
import dev.recur.engine.train.TrainingConfig;
import dev.recur.engine.train.TrainingException;
import dev.recur.engine.train.TrainingHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Determinism, stateful inference, initialisation, early stopping and bad input. */
class NetworkBehaviourTest {

    static SequenceDataset sine(int n, int len, int horizon, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][len];
        float[][] y = new float[n][horizon];
        for (int i = 0; i < n; i++) {
            double phase = r.nextDouble() * 2 * Math.PI;
            double freq = 0.2 + 0.3 * r.nextDouble();
            for (int t = 0; t < len; t++) {
                x[i][t] = (float) Math.sin(phase + freq * t);
            }
            for (int t = 0; t < horizon; t++) {
                y[i][t] = (float) Math.sin(phase + freq * (len + t));
            }
        }
        return new SequenceDataset(x, y, 1, horizon, false);
    }

    static TrainingConfig.Builder quick() {
        return TrainingConfig.builder().epochs(3).batchSize(40).learningRate(5e-3f);
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void trainingIsBitIdenticalForAnyThreadCount(CellType cell) {
        NetworkSpec spec = NetworkSpec.builder().cell(cell).hiddenSize(16).numLayers(2).dropout(0.2f)
                .outputSize(4).build();
        SequenceDataset d = sine(150, 20, 4, 1);
        float[] reference = null;
        for (int threads : new int[]{1, 2, 3, 1}) {
            RecurrentNetwork net = new RecurrentNetwork(spec, 9);
            new NetworkTrainer(quick().threads(threads).build()).fit(net, d, null);
            if (reference == null) {
                reference = net.parameters().clone();
            } else {
                assertArrayEquals(reference, net.parameters(), cell + " with " + threads + " threads");
            }
        }
        RecurrentNetwork other = new RecurrentNetwork(spec, 9);
        new NetworkTrainer(quick().seed(43).build()).fit(other, d, null);
        assertFalse(Arrays.equals(reference, other.parameters()), "a different seed must train differently");
    }

    @Test
    void trainingReducesTheLoss() {
        for (OptimizerType opt : OptimizerType.values()) {
            NetworkSpec spec = NetworkSpec.builder().cell(CellType.GRU).hiddenSize(16).outputSize(4).build();
            SequenceDataset d = sine(200, 20, 4, 2);
            RecurrentNetwork net = new RecurrentNetwork(spec, 1);
            TrainingConfig c = quick().optimizer(opt).epochs(15).momentum(0.9f)
                    .learningRate(opt == OptimizerType.SGD ? 0.05f : 5e-3f).weightDecay(1e-4f)
                    .clipNorm(1f).schedule(ScheduleType.COSINE).build();
            double before = new NetworkTrainer(c).evaluate(net, d);
            TrainingHistory h = new NetworkTrainer(c).fit(net, d, null);
            double after = new NetworkTrainer(c).evaluate(net, d);
            assertTrue(after < 0.5 * before, opt + ": loss " + before + " -> " + after);
            assertEquals(15, h.epochs().size());
        }
    }

    @Test
    void earlyStoppingRestoresTheBestWeights() {
        NetworkSpec spec = NetworkSpec.builder().cell(CellType.LSTM).hiddenSize(8).outputSize(4).build();
        SequenceDataset train = sine(60, 12, 4, 3);
        SequenceDataset valid = sine(30, 12, 4, 4);
        RecurrentNetwork net = new RecurrentNetwork(spec, 1);
        // a learning rate that makes validation loss noisy, and patience 2: training stops early
        TrainingConfig c = quick().epochs(60).learningRate(0.05f).patience(2).batchSize(8).build();
        TrainingHistory h = new NetworkTrainer(c).fit(net, train, valid, null);
        double restored = new NetworkTrainer(c).evaluate(net, valid);
        assertEquals(h.bestValidationLoss(), restored, 1e-6, "the network holds the best epoch's weights");
        for (var e : h.epochs()) {
            assertTrue(e.validationLoss() >= h.bestValidationLoss());
        }
        assertTrue(h.stoppedEarly(), "expected early stopping within 60 epochs, ran " + h.epochs().size());
    }

    @Test
    void weightAveragingIsTheMovingAverageOfTheRawTrajectory() {
        NetworkSpec spec = NetworkSpec.builder().cell(CellType.GRU).hiddenSize(8).outputSize(4).build();
        SequenceDataset d = sine(64, 12, 4, 5);
        float decay = 0.9f;
        TrainingConfig c = quick().epochs(3).batchSize(16).shuffle(false).emaDecay(decay).build();
        RecurrentNetwork averaged = new RecurrentNetwork(spec, 3);
        new NetworkTrainer(c).fit(averaged, d, null);

        // replay the raw trajectory step by step with the optimiser, and average it here, in double
        RecurrentNetwork raw = new RecurrentNetwork(spec, 3);
        float[] p = raw.parameters();
        double[] expected = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            expected[i] = p[i];
        }
        Optimizer opt = Optimizer.of(c, p.length);
        int[] order = new int[d.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        int step = 0;
        try (GradientComputer gc = new GradientComputer(raw, c.loss(), 16, 12, 0, 1)) {
            for (int epoch = 0; epoch < 3; epoch++) {
                for (int from = 0; from < d.size(); from += 16) {
                    gc.compute(d, order, from, 16, 0L);
                    opt.step(p, gc.gradient(), c.learningRate());
                    raw.parametersChanged();
                    step++;
                    double w = Math.min(decay, (1.0 + step) / (10.0 + step));
                    for (int i = 0; i < p.length; i++) {
                        expected[i] = w * expected[i] + (1 - w) * p[i];
                    }
                }
            }
        }
        float[] got = averaged.parameters();
        double apart = 0;
        for (int i = 0; i < p.length; i++) {
            assertEquals(expected[i], got[i], 1e-5, "averaged parameter " + i);
            apart = Math.max(apart, Math.abs(got[i] - p[i]));
        }
        assertTrue(apart > 1e-3, "the average must differ from the last raw weights, max difference " + apart);
    }

    @Test
    void weightAveragingLeavesTheOptimiserAloneAndStopsOnTheAverage() {
        NetworkSpec spec = NetworkSpec.builder().cell(CellType.LSTM).hiddenSize(8).outputSize(4).build();
        SequenceDataset train = sine(60, 12, 4, 3);
        SequenceDataset valid = sine(30, 12, 4, 4);
        TrainingConfig plainConfig = quick().epochs(12).learningRate(0.02f).patience(100).batchSize(8).build();
        TrainingConfig averagedConfig = plainConfig.toBuilder().emaDecay(0.95f).build();
        RecurrentNetwork plain = new RecurrentNetwork(spec, 1);
        RecurrentNetwork averaged = new RecurrentNetwork(spec, 1);
        TrainingHistory hp = new NetworkTrainer(plainConfig).fit(plain, train, valid, null);
        TrainingHistory ha = new NetworkTrainer(averagedConfig).fit(averaged, train, valid, null);
        // the optimiser follows the raw weights: the same training losses, epoch by epoch
        for (int e = 0; e < 12; e++) {
            assertEquals(hp.epochs().get(e).trainLoss(), ha.epochs().get(e).trainLoss(), 0.0, "epoch " + (e + 1));
        }
        // validation sees the averaged weights, and the network keeps the best average
        assertNotEquals(hp.epochs().get(11).validationLoss(), ha.epochs().get(11).validationLoss());
        assertEquals(ha.bestValidationLoss(), new NetworkTrainer(averagedConfig).evaluate(averaged, valid), 1e-6);
        assertFalse(Arrays.equals(plain.parameters(), averaged.parameters()));
    }

    @Test
    void stepSchedule() {
        TrainingConfig c = TrainingConfig.builder().learningRate(0.1f).schedule(ScheduleType.STEP).stepEpochs(2)
                .gamma(0.5f).build();
        assertEquals(0.1f, c.schedule().rate(c, 1), 1e-7);
        assertEquals(0.05f, c.schedule().rate(c, 2), 1e-7);
        assertEquals(0.025f, c.schedule().rate(c, 5), 1e-7);
        TrainingConfig cos = c.toBuilder().schedule(ScheduleType.COSINE).epochs(10).minLearningRate(0.01f).build();
        assertEquals(0.1f, cos.schedule().rate(cos, 0), 1e-7);
        assertEquals(0.055f, cos.schedule().rate(cos, 5), 1e-6);
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void statefulStepsMatchWholeSequence(CellType cell) {
        NetworkSpec spec = NetworkSpec.builder().cell(cell).inputSize(2).hiddenSize(7).numLayers(2)
                .outputSize(3).outputMode(OutputMode.MANY_TO_MANY).build();
        RecurrentNetwork net = new RecurrentNetwork(spec, 4);
        Random r = new Random(1);
        float[][] x = new float[2][10 * 2];
        for (float[] s : x) {
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) r.nextGaussian();
            }
        }
        float[][] whole = net.predict(x);
        StatefulPredictor p = net.statefulPredictor();
        for (int t = 0; t < 10; t++) {
            float[] step = {x[0][2 * t], x[0][2 * t + 1], x[1][2 * t], x[1][2 * t + 1]};
            float[] out = p.step(step);
            for (int b = 0; b < 2; b++) {
                for (int j = 0; j < 3; j++) {
                    assertEquals(whole[b][t * 3 + j], out[b * 3 + j], 1e-6, cell + " step " + t);
                }
            }
        }
        // the many-to-one head on the same weights reads the final state
        RecurrentNetwork m2o = RecurrentNetwork.fromParameters(spec.toBuilder().outputMode(OutputMode.MANY_TO_ONE).build(),
                net.parameters());
        float[][] last = m2o.predict(x);
        for (int b = 0; b < 2; b++) {
            assertArrayEquals(Arrays.copyOfRange(whole[b], 27, 30), last[b], 1e-6f);
        }
    }

    @Test
    void initialisationFollowsPyTorch() {
        NetworkSpec spec = NetworkSpec.builder().cell(CellType.LSTM).hiddenSize(25).numLayers(2).outputSize(3).build();
        RecurrentNetwork net = new RecurrentNetwork(spec, 1);
        float bound = 1f / 5f;
        float[] w = net.getTensor("rnn.weight_hh_l1");
        float max = 0;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= bound && max > 0.9f * bound, "U(-1/sqrt(H), 1/sqrt(H)), max " + max);
        float[] bih = net.getTensor("rnn.bias_ih_l0");
        float[] bhh = net.getTensor("rnn.bias_hh_l0");
        for (int j = 25; j < 50; j++) {
            assertEquals(1f, bih[j] + bhh[j], 0f, "forget-gate bias sums to 1");
        }
        assertFalse(Arrays.equals(net.parameters(), new RecurrentNetwork(spec, 2).parameters()));
        assertArrayEquals(net.parameters(), new RecurrentNetwork(spec, 1).parameters());
    }

    @Test
    void badInputIsRefusedWithItsIndex() {
        NetworkSpec spec = NetworkSpec.builder().inputSize(2).hiddenSize(4).outputSize(1).build();
        RecurrentNetwork net = new RecurrentNetwork(spec, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.predict(new float[][]{{1, 2, 3, 4}, {1, 2, Float.NaN, 4}}));
        assertEquals("sequence 1: input at step 1, channel 0 is NaN", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.predict(new float[][]{{1, 2}, {}}));
        assertEquals("sequence 1 has length 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.predict(new float[][]{{1, 2, 3}}));
        assertTrue(e.getMessage().contains("not a multiple of the input size 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SequenceDataset(new float[][]{{1, 2}},
                new float[][]{{Float.POSITIVE_INFINITY}}, 2, 1, false));
        assertEquals("example 0: target at step 0, channel 0 is Infinity", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SequenceDataset(new float[][]{{1, 2}},
                new float[][]{{1, 2}}, 2, 1, false));
        assertTrue(e.getMessage().startsWith("example 0: expected 1 target values"), e.getMessage());
        SequenceDataset threeChannels = new SequenceDataset(new float[][]{{1, 2, 3}}, new float[][]{{1}}, 3, 1, false);
        e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkTrainer(TrainingConfig.builder().build()).fit(net, threeChannels, null));
        assertTrue(e.getMessage().contains("3 input channels, the network expects 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NetworkSpec.builder().hiddenSize(0).build());
        assertThrows(IllegalArgumentException.class, () -> NetworkSpec.builder().dropout(1f).build());
        assertThrows(IllegalArgumentException.class, () -> net.statefulPredictor().step(new float[]{1}));
    }

    @Test
    void divergenceStopsAtTheFirstNonFiniteLoss() {
        NetworkSpec spec = NetworkSpec.builder().cell(CellType.RNN_RELU).hiddenSize(32).outputSize(1).build();
        float[][] x = new float[16][30];
        float[][] y = new float[16][1];
        for (int i = 0; i < 16; i++) {
            Arrays.fill(x[i], 1e4f);
            y[i][0] = 3e30f;
        }
        SequenceDataset d = new SequenceDataset(x, y, 1, 1, false);
        RecurrentNetwork net = new RecurrentNetwork(spec, 1);
        TrainingConfig c = TrainingConfig.builder().optimizer(OptimizerType.SGD).learningRate(10f).epochs(5).build();
        TrainingException e = assertThrows(TrainingException.class, () -> new NetworkTrainer(c).fit(net, d, null));
        assertTrue(e.getMessage().matches("training diverged: the (loss|gradient) became (NaN|-?Infinity) at epoch \\d+, "
                + "batch \\d+; lower the learning rate \\(10\\.0\\) or set gradient clipping"), e.getMessage());
        for (float v : net.parameters()) {
            assertTrue(Float.isFinite(v), "weights stay finite");
        }
    }

    @Test
    void variableLengthsMatchSeparateRuns() {
        NetworkSpec spec = NetworkSpec.builder().cell(CellType.GRU).hiddenSize(6).numLayers(2).bidirectional(true)
                .outputSize(2).build();
        RecurrentNetwork net = new RecurrentNetwork(spec, 3);
        float[][] x = {new float[9], new float[4], new float[1]};
        Random r = new Random(5);
        for (float[] s : x) {
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) r.nextGaussian();
            }
        }
        float[][] together = net.predict(x);
        for (int b = 0; b < x.length; b++) {
            assertArrayEquals(net.predict(new float[][]{x[b]})[0], together[b], 1e-6f, "sequence " + b);
        }
        // losses over a masked batch equal the mean of the separate losses' terms
        SequenceDataset d = new SequenceDataset(x, new float[][]{{1, 2}, {3, 4}, {5, 6}}, 1, 2, false);
        double l = new NetworkTrainer(TrainingConfig.builder().loss(new MseLoss()).build()).evaluate(net, d);
        assertTrue(Double.isFinite(l));
    }

    @ParameterizedTest
    @EnumSource(CellType.class)
    void aWindowsForecastDoesNotDependOnItsBatch(CellType cell) {
        // Small batches project all inputs at once, large ones step by step, and products have row tiles of
        // 8, 4 and 1: a window's output must come out bit-identical in any batch.
        NetworkSpec spec = NetworkSpec.builder().cell(cell).inputSize(3).hiddenSize(40).numLayers(2)
                .bidirectional(cell == CellType.LSTM).outputSize(5).build();
        RecurrentNetwork net = new RecurrentNetwork(spec, 11);
        Random r = new Random(12);
        float[][] x = new float[45][30 * 3];
        for (float[] s : x) {
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) r.nextGaussian();
            }
        }
        float[][] all = net.predict(x);
        for (int size : new int[]{1, 3, 9, 20}) {
            for (int from = 0; from + size <= x.length; from += 17) {
                float[][] part = net.predict(Arrays.copyOfRange(x, from, from + size));
                for (int b = 0; b < size; b++) {
                    for (int o = 0; o < 5; o++) {
                        assertEquals(Float.floatToIntBits(all[from + b][o]), Float.floatToIntBits(part[b][o]),
                                cell + " window " + (from + b) + " output " + o + " in a batch of " + size);
                    }
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void absurdSizesAreRefusedBeforeAnythingIsAllocated() {
        for (int layers : new int[]{Integer.MAX_VALUE, 10_000_000, 1_001}) {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> NetworkSpec.builder().cell(CellType.GRU).hiddenSize(64).numLayers(layers).build());
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("numLayers must be at most"), e.getMessage());
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NetworkSpec.builder().cell(CellType.LSTM).hiddenSize(60_000).numLayers(50).build());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().matches("the network would have \\d+ parameters.*"),
                e.getMessage());
        NetworkSpec s = NetworkSpec.builder().cell(CellType.LSTM).inputSize(3).hiddenSize(7).numLayers(2)
                .bidirectional(true).outputSize(5).build();
        org.junit.jupiter.api.Assertions.assertEquals(new RecurrentNetwork(s, 1).parameters().length, s.parameterCount());
    }
}
