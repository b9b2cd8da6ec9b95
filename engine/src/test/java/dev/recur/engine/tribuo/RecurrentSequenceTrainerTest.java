package dev.recur.engine.tribuo;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import dev.recur.engine.tribuo.AbstractRecurrentTrainer.Cell;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;
import org.tribuo.sequence.MutableSequenceDataset;
import org.tribuo.sequence.SequenceExample;
import org.tribuo.sequence.SequenceModel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The many-to-many regressor as a Tribuo SequenceTrainer/SequenceModel, and its evaluator. */
class RecurrentSequenceTrainerTest {

    static MutableSequenceDataset<Regressor> train;
    static MutableSequenceDataset<Regressor> test;
    static RecurrentSequenceModel model;

    static RecurrentSequenceTrainer trainer(long seed) {
        return RecurrentSequenceTrainer.builder().cell(Cell.LSTM).hiddenSize(16).epochs(40).batchSize(16)
                .learningRate(1e-2f).seed(seed).build();
    }

    @BeforeAll
    static void fit() {
        train = TribuoTestData.sequences(300, 1);
        test = TribuoTestData.sequences(60, 2);
        model = trainer(5).train(train);
    }

    static List<double[]> flatten(List<List<Prediction<Regressor>>> p) {
        List<double[]> out = new ArrayList<>();
        p.forEach(seq -> seq.forEach(step -> out.add(step.getOutput().getValues())));
        return out;
    }

    @Test
    void learnsPerStepTargetsOfSequencesOfDifferentLengths() {
        SequenceRegressionEvaluation eval = new SequenceRegressionEvaluator().evaluate(model, test);
        assertEquals(60, eval.sequences());
        // The accumulator and the previous input are exact functions of the inputs seen so far.
        assertTrue(eval.dimension("acc").r2() > 0.95, eval.toString());
        assertTrue(eval.dimension("prev").r2() > 0.9, eval.toString());
        // A step-0 "prev" is always 0 and the longest sequences have 24 steps.
        assertEquals(24, eval.byStep().size());
        assertTrue(eval.byStep().get(0).get(1).mae() < 0.2, eval.toString());
        List<List<Prediction<Regressor>>> p = model.predict(test);
        for (int i = 0; i < test.size(); i++) {
            assertEquals(test.getExample(i).size(), p.get(i).size());
        }
    }

    @Test
    void evaluatorMatchesTheDefinitions() {
        // Two sequences, one dimension: actuals (1, 2) and (3); predictions (1.5, 2) and (2).
        SequenceExample<Regressor> a = seq(1, 2);
        SequenceExample<Regressor> b = seq(3);
        List<List<Prediction<Regressor>>> preds = List.of(
                List.of(pred(1.5, a.get(0)), pred(2, a.get(1))), List.of(pred(2, b.get(0))));
        SequenceRegressionEvaluation e = new SequenceRegressionEvaluator().evaluate(List.of(a, b), preds);
        double[] err = {0.5, 0, -1};
        double[] act = {1, 2, 3};
        double mae = (Math.abs(err[0]) + Math.abs(err[1]) + Math.abs(err[2])) / 3;
        double sse = err[0] * err[0] + err[1] * err[1] + err[2] * err[2];
        double mean = (act[0] + act[1] + act[2]) / 3;
        double sst = 0;
        for (double v : act) {
            sst += (v - mean) * (v - mean);
        }
        assertEquals(mae, e.overall().get(0).mae(), 1e-12);
        assertEquals(Math.sqrt(sse / 3), e.overall().get(0).rmse(), 1e-12);
        assertEquals(1 - sse / sst, e.overall().get(0).r2(), 1e-12);
        // Step 0 holds the first step of both sequences: errors 0.5 and −1.
        assertEquals(0.75, e.byStep().get(0).get(0).mae(), 1e-12);
        assertEquals(1, e.byStep().get(1).get(0).count());
        assertEquals(3, e.steps());
        assertThrows(IllegalArgumentException.class,
                () -> new SequenceRegressionEvaluator().evaluate(List.of(a), List.of(List.of(pred(1, a.get(0))))));
    }

    private static SequenceExample<Regressor> seq(double... ys) {
        List<Example<Regressor>> steps = new ArrayList<>();
        for (double y : ys) {
            ArrayExample<Regressor> e = new ArrayExample<>(new Regressor("y", y));
            e.add("u", y);
            steps.add(e);
        }
        return new SequenceExample<>(steps);
    }

    private static Prediction<Regressor> pred(double v, Example<Regressor> e) {
        return new Prediction<>(new Regressor("y", v), 1, e);
    }

    @Test
    void invocationCountReproducesTheNthRun() {
        RecurrentSequenceTrainer a = RecurrentSequenceTrainer.builder().hiddenSize(8).epochs(2).seed(11).build();
        a.train(train);
        RecurrentSequenceModel second = a.train(train);
        RecurrentSequenceTrainer b = RecurrentSequenceTrainer.builder().hiddenSize(8).epochs(2).seed(11).build();
        b.setInvocationCount(1);
        assertArrayEquals(second.network().parameters(), b.train(train).network().parameters());
        assertEquals(2, a.getInvocationCount());
    }

    @Test
    void provenanceSurvivesMarshalling() {
        ModelProvenance p = model.getProvenance();
        assertEquals(RecurrentSequenceTrainer.class.getName(), p.getTrainerProvenance().getClassName());
        assertEquals(p, ProvenanceUtil.unmarshalProvenance(ProvenanceUtil.marshalProvenance(p)));
    }

    @Test
    void serializationRoundTrips(@TempDir Path dir) throws IOException {
        List<double[]> expected = flatten(model.predict(test));
        Path proto = dir.resolve("seq.tribuo");
        RecurrentModelFiles.save(model, proto);
        List<double[]> viaProto = flatten(RecurrentModelFiles.loadSequenceModel(proto).predict(test));
        @SuppressWarnings("unchecked")
        SequenceModel<Regressor> viaTribuo = (SequenceModel<Regressor>) SequenceModel.deserializeFromFile(proto);
        List<double[]> viaTribuoPred = flatten(viaTribuo.predict(test));
        Path java = dir.resolve("seq.ser");
        RecurrentModelFiles.saveJava(model, java);
        List<double[]> viaJava = flatten(RecurrentModelFiles.loadJava(java, RecurrentSequenceModel.class).predict(test));
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), viaProto.get(i), 0.0);
            assertArrayEquals(expected.get(i), viaTribuoPred.get(i), 0.0);
            assertArrayEquals(expected.get(i), viaJava.get(i), 0.0);
        }
        assertThrows(ModelFileException.class, () -> RecurrentModelFiles.loadRegressionModel(proto));
    }

    @Test
    void invalidSequencesAreRefused() {
        SequenceExample<Regressor> empty = new SequenceExample<>(new ArrayList<>());
        assertThrows(IllegalArgumentException.class, () -> model.predict(empty));
        ArrayExample<Regressor> unknown = new ArrayExample<>(new Regressor(new String[]{"acc", "prev"}, new double[2]));
        unknown.add("nothing", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.predict(new SequenceExample<>(List.of(unknown))));
        assertTrue(e.getMessage().contains("step 0"), e.getMessage());
    }

    @Test
    void topFeaturesRankTheDrivingInput() {
        var top = model.getTopFeatures(2);
        assertEquals("u", top.get("acc").get(0).getA(), top.toString());
        assertEquals("u", top.get("prev").get(0).getA(), top.toString());
    }

    @Test
    void configuredFromXml() {
        ConfigurationManager cm = new ConfigurationManager("/dev/recur/engine/tribuo/recurrent-trainers.xml");
        RecurrentSequenceTrainer t = (RecurrentSequenceTrainer) cm.lookup("sequence");
        assertTrue(t.toString().contains("cell=LSTM,hiddenSize=8"), t.toString());
        assertEquals(8, t.train(train).networkSpec().hiddenSize());
    }
}
