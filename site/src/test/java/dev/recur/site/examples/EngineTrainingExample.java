package dev.recur.site.examples;

import dev.recur.engine.data.SequenceDataset;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.nn.NetworkSpec;
import dev.recur.engine.nn.RecurrentNetwork;
import dev.recur.engine.train.NetworkTrainer;
import dev.recur.engine.train.TrainingConfig;
import dev.recur.engine.train.TrainingHistory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine page's example: a two-layer LSTM trained directly on windows of a noisy sine wave. */
class EngineTrainingExample {

    @Test
    void trainsAnLstmOnWindows() {
        java.util.Random random = new java.util.Random(1);
        int n = 2000;
        int window = 48;
        int horizon = 12;
        float[][] windows = new float[n][window];
        float[][] targets = new float[n][horizon];
        for (int i = 0; i < n; i++) {
            double phase = random.nextDouble() * 2 * Math.PI;
            for (int t = 0; t < window + horizon; t++) {
                float v = (float) (Math.sin(phase + t * 2 * Math.PI / 24) + 0.05 * random.nextGaussian());
                if (t < window) {
                    windows[i][t] = v;
                } else {
                    targets[i][t - window] = v;
                }
            }
        }
        // example:start
        NetworkSpec spec = NetworkSpec.builder()
                .cell(CellType.LSTM).inputSize(1).hiddenSize(32).numLayers(2)
                .outputSize(horizon)                  // the whole horizon from one dense head
                .build();
        RecurrentNetwork net = new RecurrentNetwork(spec, 42);      // seed of the initialisation
        SequenceDataset data = new SequenceDataset(windows, targets, 1, horizon, false);
        TrainingHistory history = new NetworkTrainer(TrainingConfig.builder()
                .epochs(15).batchSize(64).learningRate(5e-3f)
                .validationFraction(0.1f).patience(5)              // early stopping on the last 10%
                .build()).fit(net, data, epoch -> System.out.println(epoch));
        float[][] forecasts = net.predict(new float[][]{windows[0]});
        // example:end
        assertEquals(horizon, forecasts[0].length);
        double first = history.epochs().get(0).validationLoss();
        assertTrue(history.bestValidationLoss() < 0.2 * first,
                "the LSTM learns the sine: validation loss " + first + " -> " + history.bestValidationLoss());
    }
}
