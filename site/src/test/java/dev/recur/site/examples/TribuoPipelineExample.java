package dev.recur.site.examples;

import dev.recur.connectors.csv.CsvOptions;
import dev.recur.connectors.tribuo.WindowedSeriesDataSource;
import dev.recur.engine.tribuo.AbstractRecurrentTrainer.Cell;
import dev.recur.engine.tribuo.RecurrentModelFiles;
import dev.recur.engine.tribuo.RecurrentRegressionModel;
import dev.recur.engine.tribuo.RecurrentRegressionTrainer;
import dev.recur.engine.tribuo.RollingOriginSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Tribuo page's pipeline: data, windowed dataset, time-ordered split, trainer, evaluator, save, load, predict. */
class TribuoPipelineExample {

    @Test
    void wholePipeline(@TempDir Path dir) throws Exception {
        // example:start
        // Windows of 24 months (features y@t-0 … y@t-23) and the next 12 months (outputs y@t+1 … y@t+12).
        MutableDataset<Regressor> data = new MutableDataset<>(WindowedSeriesDataSource.fromCsv(
                Path.of("../sample-data/air-passengers.csv"), CsvOptions.defaults(), 24, 12, 1));

        // Test on the last 12 windows; drop the 11 before them, whose targets overlap the test period.
        RollingOriginSplitter.Split<Regressor> split = new RollingOriginSplitter<>(data, 1, 12, 11).splits().get(0);

        RecurrentRegressionTrainer trainer = RecurrentRegressionTrainer.builder()
                .cell(Cell.LSTM).hiddenSize(32).epochs(150).batchSize(16).learningRate(5e-3f).seed(1)
                .build()
                .setLevelChannel("y");          // learn relative to each window's level, to follow the trend
        RecurrentRegressionModel model = trainer.train(split.train());

        RegressionEvaluation evaluation = new RegressionEvaluator().evaluate(model, split.test());
        System.out.println(evaluation);

        Path file = dir.resolve("air-passengers.tribuo");
        RecurrentModelFiles.save(model, file);                    // Tribuo's protobuf format
        RecurrentRegressionModel loaded = RecurrentModelFiles.loadRegressionModel(file);
        List<Prediction<Regressor>> predictions = loaded.predict(split.test());
        // example:end
        List<Prediction<Regressor>> before = model.predict(split.test());
        assertEquals(12, predictions.size());
        for (int i = 0; i < predictions.size(); i++) {
            assertArrayEquals(before.get(i).getOutput().getValues(), predictions.get(i).getOutput().getValues(), 0.0);
        }
        assertTrue(evaluation.averageR2() > 0.5, "R2 " + evaluation.averageR2());
    }
}
