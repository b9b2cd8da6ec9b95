package dev.recur.engine.onnx;

import ai.onnxruntime.OrtSession;
import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.recur.engine.tribuo.AbstractRecurrentTrainer.Cell;
import dev.recur.engine.tribuo.RecurrentRegressionModel;
import dev.recur.engine.tribuo.RecurrentRegressionTrainer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.VariableIDInfo;
import org.tribuo.VariableInfo;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.interop.onnx.DenseTransformer;
import org.tribuo.interop.onnx.ONNXExternalModel;
import org.tribuo.interop.onnx.RegressorTransformer;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tribuo's own ONNXExternalModel serves the export of a RecurrentRegressionModel with the same predictions. */
class TribuoOnnxExportTest {

    /** Two channels (y, x), window 6, two outputs; shuffled feature order in each example. */
    static MutableDataset<Regressor> data(int n, long seed) {
        Random r = new Random(seed);
        List<Example<Regressor>> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double level = 100 + 20 * r.nextGaussian();
            double[] y = new double[6];
            double[] x = new double[6];
            for (int lag = 0; lag < 6; lag++) {
                y[lag] = level + r.nextGaussian();
                x[lag] = r.nextGaussian();
            }
            ArrayExample<Regressor> e = new ArrayExample<>(new Regressor(new String[]{"y@t+1", "y@t+2"},
                    new double[]{y[0] + x[0], y[0] - x[1]}));
            for (int lag = 5; lag >= 0; lag--) {
                e.add("x@t-" + lag, x[lag]);
                e.add("y@t-" + lag, y[lag]);
            }
            list.add(e);
        }
        RegressionFactory f = new RegressionFactory();
        return new MutableDataset<>(new ListDataSource<>(list, f,
                new SimpleDataSourceProvenance("onnx-" + seed, OffsetDateTime.parse("2026-01-01T00:00Z"), f)));
    }

    @ParameterizedTest(name = "{0} layers={1} bidirectional={2} level={3}")
    @CsvSource({"LSTM,1,false,y", "GRU,2,true,''", "RNN,1,false,''", "RNN_RELU,2,false,y", "GRU,1,false,y",
            "LSTM,2,true,''"})
    void onnxExternalModelReproducesThePredictions(Cell cell, int layers, boolean bidir, String level,
                                                   @TempDir Path dir) throws Exception {
        MutableDataset<Regressor> train = data(300, 1);
        MutableDataset<Regressor> test = data(50, 2);
        RecurrentRegressionModel model = RecurrentRegressionTrainer.builder().cell(cell).numLayers(layers)
                .bidirectional(bidir).hiddenSize(8).epochs(3).seed(4).build().setLevelChannel(level).train(train);
        OnnxChecks.check(model.exportONNXModel("dev.recur.test", 1));
        Path file = dir.resolve("model.onnx");
        model.saveONNXModel("dev.recur.test", 1, file);

        Map<String, Integer> featureMapping = new HashMap<>();
        for (VariableInfo f : model.getFeatureIDMap()) {
            featureMapping.put(f.getName(), ((VariableIDInfo) f).getID());
        }
        Map<Regressor, Integer> outputMapping = new HashMap<>();
        for (Pair<Integer, Regressor> p : model.getOutputIDInfo()) {
            outputMapping.put(p.getB(), p.getA());
        }
        try (ONNXExternalModel<Regressor> onnx = ONNXExternalModel.createOnnxModel(new RegressionFactory(),
                featureMapping, outputMapping, new DenseTransformer(), new RegressorTransformer(),
                new OrtSession.SessionOptions(), file, "input")) {
            List<Prediction<Regressor>> expected = model.predict(test);
            List<Prediction<Regressor>> got = onnx.predict(test);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i).getOutput().getNames(), got.get(i).getOutput().getNames());
                // Values of about 100: 1e-5 relative.
                double[] e = expected.get(i).getOutput().getValues();
                double[] o = got.get(i).getOutput().getValues();
                for (int k = 0; k < e.length; k++) {
                    assertEquals(e[k], o[k], 1e-5 * Math.max(1, Math.abs(e[k])), "example " + i);
                }
            }
            assertTrue(onnx.getTribuoProvenance().isPresent());
            assertEquals(model.getProvenance(), onnx.getTribuoProvenance().get());
        }
    }
}
