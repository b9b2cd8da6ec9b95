package dev.recur.engine.tribuo;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.EnumProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.recur.engine.tribuo.AbstractRecurrentTrainer.Cell;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The many-to-one regressor as a Tribuo Trainer/Model, in the style of Tribuo's own TestSGDLinear. */
class RecurrentRegressionTrainerTest {

    static final int WINDOW = 24;
    static final int HORIZON = 3;

    static MutableDataset<Regressor> train;
    static MutableDataset<Regressor> test;
    static RecurrentRegressionModel model;

    static RecurrentRegressionTrainer trainer(long seed) {
        return RecurrentRegressionTrainer.builder().cell(Cell.GRU).hiddenSize(16).epochs(25).batchSize(32)
                .learningRate(1e-2f).seed(seed).build();
    }

    @BeforeAll
    static void fit() {
        double[] y = TribuoTestData.seasonal(400, 7);
        train = TribuoTestData.dataset(TribuoTestData.windows(y, WINDOW, HORIZON, 0, 340), "train");
        test = TribuoTestData.dataset(TribuoTestData.windows(y, WINDOW, HORIZON, 340, 400), "test");
        model = trainer(1L).train(train);
    }

    static double[] values(Prediction<Regressor> p) {
        return p.getOutput().getValues();
    }

    @Test
    void multiStepForecastBeatsPersistenceThroughTribuosEvaluator() {
        RegressionEvaluation eval = new RegressionEvaluator().evaluate(model, test);
        // Persistence: every horizon step predicts the latest value y@t-0.
        List<Prediction<Regressor>> naive = new ArrayList<>();
        for (Example<Regressor> e : test) {
            double last = 0;
            for (org.tribuo.Feature f : e) {
                if (f.getName().equals("y@t-0")) {
                    last = f.getValue();
                }
            }
            double[] v = new double[HORIZON];
            java.util.Arrays.fill(v, last);
            naive.add(new Prediction<>(new Regressor(e.getOutput().getNames(), v), 1, e));
        }
        RegressionEvaluation naiveEval = new RegressionEvaluator().evaluate(model, naive, test.getProvenance());
        for (Regressor dim : test.getOutputInfo().getDomain()) {
            double rnn = eval.rmse(dim);
            double persistence = naiveEval.rmse(dim);
            assertTrue(rnn < 0.5 * persistence, dim.getNames()[0] + ": RNN RMSE " + rnn + " vs persistence " + persistence);
            assertTrue(eval.r2(dim) > 0.9, dim.getNames()[0] + ": R2 " + eval.r2(dim));
        }
        assertEquals(HORIZON, model.dimensionNames().size());
        assertEquals(List.of("y"), model.windowLayout().channels());
        assertEquals(WINDOW, model.windowLayout().window());
    }

    @Test
    void batchedPredictionEqualsSinglePrediction() {
        List<Prediction<Regressor>> batch = model.predict(test);
        int i = 0;
        for (Example<Regressor> e : test) {
            assertArrayEquals(values(model.predict(e)), values(batch.get(i++)), 0.0);
        }
    }

    @Test
    void concurrentPredictionIsSafe() throws Exception {
        List<Prediction<Regressor>> expected = model.predict(test);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Prediction<Regressor>>>> futures = new ArrayList<>();
            for (int k = 0; k < 8; k++) {
                futures.add(pool.submit(() -> model.predict(test)));
            }
            for (Future<List<Prediction<Regressor>>> f : futures) {
                List<Prediction<Regressor>> got = f.get();
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(values(expected.get(i)), values(got.get(i)), 0.0);
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void invalidExamplesAreRefused() {
        ArrayExample<Regressor> empty = new ArrayExample<>(new Regressor("y@t+1", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> model.predict(empty));
        ArrayExample<Regressor> unknown = new ArrayExample<>(new Regressor("y@t+1", Double.NaN));
        unknown.add("other@t-0", 1.0);
        unknown.add("y@t-999", 1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.predict(unknown));
        assertTrue(e.getMessage().startsWith("No features found"), e.getMessage());
    }

    @Test
    void featureNamesThatAreNotAWindowAreRefusedByName() {
        List<Example<Regressor>> ex = new ArrayList<>();
        ArrayExample<Regressor> a = new ArrayExample<>(new Regressor("out", 1));
        a.add("y@t-0", 1);
        a.add("temperature", 2);
        ex.add(a);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(1).train(TribuoTestData.dataset(ex, "bad")));
        assertTrue(e.getMessage().contains("'temperature'"), e.getMessage());

        List<Example<Regressor>> gap = new ArrayList<>();
        ArrayExample<Regressor> b = new ArrayExample<>(new Regressor("out", 1));
        b.add("y@t-0", 1);
        b.add("y@t-2", 2);
        b.add("x@t-0", 1);
        b.add("x@t-1", 1);
        b.add("x@t-2", 1);
        gap.add(b);
        e = assertThrows(IllegalArgumentException.class, () -> trainer(1).train(TribuoTestData.dataset(gap, "gap")));
        assertTrue(e.getMessage().contains("'y' has no feature for lag 1"), e.getMessage());
    }

    @Test
    void lagsAreNumbersSoPaddingDoesNotMatter() {
        List<Example<Regressor>> padded = new ArrayList<>();
        for (Example<Regressor> e : TribuoTestData.windows(TribuoTestData.seasonal(80, 3), 12, 1, 0, 80)) {
            ArrayExample<Regressor> p = new ArrayExample<>(e.getOutput());
            for (org.tribuo.Feature f : e) {
                int lag = Integer.parseInt(f.getName().substring(4));
                p.add(String.format("y@t-%03d", lag), f.getValue());
            }
            padded.add(p);
        }
        WindowLayout l = WindowLayout.fromFeatureMap(TribuoTestData.dataset(padded, "padded").getFeatureIDMap());
        assertEquals(12, l.window());
        // y@t-000 is the newest point: the last position of the time-major window.
        MutableDataset<Regressor> d = TribuoTestData.dataset(padded, "padded");
        assertEquals(11, l.position(d.getFeatureIDMap().getID("y@t-000")));
        assertEquals(0, l.position(d.getFeatureIDMap().getID("y@t-011")));
    }

    @Test
    void nonFiniteTargetsAreRefusedWithTheExample() {
        List<Example<Regressor>> ex = new ArrayList<>(TribuoTestData.windows(TribuoTestData.seasonal(60, 1), 6, 1, 0, 60));
        ArrayExample<Regressor> bad = new ArrayExample<>(new Regressor("y@t+1", Double.POSITIVE_INFINITY));
        for (int lag = 0; lag < 6; lag++) {
            bad.add("y@t-" + lag, 1);
        }
        ex.add(bad);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trainer(1).train(TribuoTestData.dataset(ex, "inf")));
        assertTrue(e.getMessage().contains("example " + (ex.size() - 1)), e.getMessage());
    }

    @Test
    void invocationCountReproducesTheNthRun() {
        RecurrentRegressionTrainer a = trainer(99);
        RecurrentRegressionModel first = a.train(train);
        a.train(train);
        RecurrentRegressionModel third = a.train(train);
        assertEquals(3, a.getInvocationCount());

        RecurrentRegressionTrainer b = trainer(99);
        b.setInvocationCount(2);
        RecurrentRegressionModel again = b.train(train);
        assertArrayEquals(third.network().parameters(), again.network().parameters());
        assertFalse(java.util.Arrays.equals(first.network().parameters(), third.network().parameters()),
                "successive runs must differ");
        RecurrentRegressionModel viaArgument = trainer(99).train(train, Map.of(), 0);
        assertArrayEquals(first.network().parameters(), viaArgument.network().parameters());
        IntProvenance count = (IntProvenance) again.getProvenance().getTrainerProvenance()
                .getInstanceValues().get(org.tribuo.provenance.TrainerProvenance.TRAIN_INVOCATION_COUNT);
        assertEquals(2, count.getValue());
    }

    @Test
    void provenanceIsCompleteAndSurvivesMarshalling() {
        ModelProvenance p = model.getProvenance();
        assertEquals(RecurrentRegressionModel.class.getName(), p.getClassName());
        assertEquals(RecurrentRegressionTrainer.class.getName(), p.getTrainerProvenance().getClassName());
        assertEquals(Cell.GRU, ((EnumProvenance<?>) p.getTrainerProvenance().getConfiguredParameters().get("cell"))
                .getValue());
        assertEquals(16, ((IntProvenance) p.getTrainerProvenance().getConfiguredParameters().get("hiddenSize"))
                .getValue());
        assertTrue(p.getDatasetProvenance().toString().contains("train"));
        ModelProvenance back = (ModelProvenance) ProvenanceUtil.unmarshalProvenance(
                ProvenanceUtil.marshalProvenance(p));
        assertEquals(p, back);
    }

    @Test
    void protobufRoundTripPredictsIdentically(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.tribuo");
        RecurrentModelFiles.save(model, file);
        RecurrentRegressionModel back = RecurrentModelFiles.loadRegressionModel(file);
        Model<?> viaTribuo = Model.deserializeFromFile(file);
        List<Prediction<Regressor>> expected = model.predict(test);
        List<Prediction<Regressor>> got = back.predict(test);
        @SuppressWarnings("unchecked")
        List<Prediction<Regressor>> got2 = ((Model<Regressor>) viaTribuo).predict(test);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(values(expected.get(i)), values(got.get(i)), 0.0);
            assertArrayEquals(values(expected.get(i)), values(got2.get(i)), 0.0);
        }
        assertEquals(model.getProvenance(), back.getProvenance());
        assertEquals(model.getTopFeatures(5), back.getTopFeatures(5));
    }

    @Test
    void javaSerializationRoundTripsBehindTheAllowlist(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.ser");
        RecurrentModelFiles.saveJava(model, file);
        RecurrentRegressionModel back = RecurrentModelFiles.loadJava(file, RecurrentRegressionModel.class);
        List<Prediction<Regressor>> expected = model.predict(test);
        List<Prediction<Regressor>> got = back.predict(test);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(values(expected.get(i)), values(got.get(i)), 0.0);
        }
        Path foreign = dir.resolve("foreign.ser");
        RecurrentModelFiles.saveJava(new java.text.SimpleDateFormat("yyyy"), foreign);
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> RecurrentModelFiles.loadJava(foreign, RecurrentRegressionModel.class));
        assertTrue(e.getMessage().contains("allowlist"), e.getMessage());
        Path other = dir.resolve("other.ser");
        RecurrentModelFiles.saveJava(new java.util.ArrayList<>(List.of("a")), other);
        e = assertThrows(ModelFileException.class, () -> RecurrentModelFiles.loadJava(other, RecurrentRegressionModel.class));
        assertTrue(e.getMessage().contains("not a " + RecurrentRegressionModel.class.getName()), e.getMessage());
        Path cut = dir.resolve("cut.ser");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        e = assertThrows(ModelFileException.class, () -> RecurrentModelFiles.loadJava(cut, RecurrentRegressionModel.class));
        assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
    }

    @Test
    void badModelFilesGiveClearErrors(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("model.tribuo");
        RecurrentModelFiles.save(model, good);
        byte[] bytes = Files.readAllBytes(good);

        Path truncated = dir.resolve("truncated.tribuo");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 1000));
        ModelFileException e = assertThrows(ModelFileException.class, () -> RecurrentModelFiles.loadRegressionModel(truncated));
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());

        Path garbage = dir.resolve("garbage.tribuo");
        Files.write(garbage, "this is not a model\n".repeat(20).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        e = assertThrows(ModelFileException.class, () -> RecurrentModelFiles.loadRegressionModel(garbage));
        assertTrue(e.getMessage().startsWith(garbage.toString()), e.getMessage());

        ModelProto proto = ModelProto.parseFrom(bytes);
        Path foreign = dir.resolve("foreign.tribuo");
        Files.write(foreign, proto.toBuilder().setClassName("org.tribuo.regression.sgd.linear.LinearSGDModel").build().toByteArray());
        e = assertThrows(ModelFileException.class, () -> RecurrentModelFiles.loadRegressionModel(foreign));
        assertTrue(e.getMessage().contains("holds a org.tribuo.regression.sgd.linear.LinearSGDModel"), e.getMessage());

        Path newer = dir.resolve("newer.tribuo");
        Files.write(newer, proto.toBuilder().setVersion(RecurrentRegressionModel.CURRENT_VERSION + 1).build().toByteArray());
        e = assertThrows(ModelFileException.class, () -> RecurrentModelFiles.loadRegressionModel(newer));
        assertTrue(e.getMessage().contains("newer Recur"), e.getMessage());

        e = assertThrows(ModelFileException.class, () -> RecurrentModelFiles.loadRegressionModel(dir.resolve("missing")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        assertThrows(ModelFileException.class, () -> RecurrentModelFiles.loadSequenceModel(good));
    }

    @Test
    void copyIsDeep() {
        RecurrentRegressionModel copy = (RecurrentRegressionModel) model.copy();
        assertNotSame(model.network(), copy.network());
        assertNotSame(model.network().parameters(), copy.network().parameters());
        List<Prediction<Regressor>> a = model.predict(test);
        List<Prediction<Regressor>> b = copy.predict(test);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(values(a.get(i)), values(b.get(i)), 0.0);
        }
        copy.network().parameters()[0] += 1f;
        copy.network().parametersChanged();
        assertNotEquals(values(copy.predict(test).get(0))[0], values(model.predict(test).get(0))[0]);
    }

    @Test
    void topFeaturesFindTheInputsThatMatter() {
        Dataset<Regressor> data = TribuoTestData.dataset(TribuoTestData.relevance(1500, 4, 5), "relevance");
        RecurrentRegressionModel m = RecurrentRegressionTrainer.builder().cell(Cell.LSTM).hiddenSize(16).epochs(30)
                .learningRate(1e-2f).seed(3).build().train(data);
        List<Pair<String, Double>> top = m.getTopFeatures(3).get("target");
        assertEquals(3, top.size());
        // target = 2·x@t-0 − x@t-1: the gradients are about 2 and 1; z is irrelevant.
        assertEquals("x@t-0", top.get(0).getA(), top.toString());
        assertEquals("x@t-1", top.get(1).getA(), top.toString());
        assertEquals(2.0, top.get(0).getB(), 0.4, top.toString());
        assertEquals(1.0, top.get(1).getB(), 0.3, top.toString());
        assertTrue(top.get(2).getB() < 0.25, top.toString());
        assertEquals(8, m.getTopFeatures(-1).get("target").size());
        assertEquals(java.util.Optional.empty(), m.getExcuse(data.getExample(0)));
    }

    @Test
    void builtFromAnOlcutConfigurationFile() {
        ConfigurationManager cm = new ConfigurationManager("/dev/recur/engine/tribuo/recurrent-trainers.xml");
        RecurrentRegressionTrainer t = (RecurrentRegressionTrainer) cm.lookup("gru-forecaster");
        assertTrue(t.toString().contains("cell=GRU,hiddenSize=12,numLayers=2,bidirectional=true"), t.toString());
        assertTrue(t.toString().contains("seed=2024"), t.toString());
        assertTrue(t.toString().contains("emaDecay=0.99"), t.toString());
        RecurrentRegressionModel m = t.train(train);
        assertEquals(2, m.networkSpec().numLayers());
        assertTrue(m.networkSpec().bidirectional());
        PropertyException e = assertThrows(PropertyException.class,
                () -> new ConfigurationManager("/dev/recur/engine/tribuo/recurrent-trainers.xml").lookup("broken"));
        assertTrue(e.getMessage().contains("hiddenSize"), e.getMessage());
        e = assertThrows(PropertyException.class,
                () -> new ConfigurationManager("/dev/recur/engine/tribuo/recurrent-trainers.xml").lookup("broken-average"));
        assertTrue(e.getMessage().contains("emaDecay"), e.getMessage());
    }
}
