package dev.recur.engine.tribuo;

import dev.recur.engine.io.Shorten;
import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.recur.engine.data.SequenceDataset;
import dev.recur.engine.nn.OutputMode;
import dev.recur.engine.nn.RecurrentNetwork;
import dev.recur.engine.train.NetworkTrainer;
import dev.recur.engine.train.TrainingHistory;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Trainer;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;
import org.tribuo.regression.Regressor;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Trains a many-to-one recurrent regressor (RNN, LSTM or GRU) on windowed examples: each example's
 * features are a window named {@code <channel>@t-<lag>} (see {@link WindowLayout}), its Regressor holds
 * the targets, any number of dimensions (e.g. {@code y@t+1 … y@t+48} for a direct multi-step forecast).
 *
 * <p>Configure it with {@link #builder()}, with the constructor, or from an OLCUT configuration file. The
 * examples are used in the dataset's order; with a validation fraction the last examples are held out for
 * early stopping, so a time-ordered dataset validates on its most recent windows. Example weights are not
 * used.
 */
public final class RecurrentRegressionTrainer extends AbstractRecurrentTrainer implements Trainer<Regressor> {

    private static final Logger LOGGER = Logger.getLogger(RecurrentRegressionTrainer.class.getName());

    @Config(description = "Channel whose mean over each window is subtracted from that channel and from every"
            + " output before standardisation, and added back to the predictions, so the network learns changes"
            + " relative to the window's level (what lets a forecaster follow a trend out of the training range)."
            + " 'auto' (the default) takes the only channel of a one-channel layout, or the channel named 'y'"
            + " (the <channel>@t-<lag> features of a windowed series); empty turns it off.")
    private String levelChannel = AUTO;

    /** The {@link #levelChannel} value that picks the channel from the layout. */
    public static final String AUTO = "auto";

    /** A trainer with the default configuration (LSTM, 64 hidden units, 1 layer, 50 epochs). */
    public RecurrentRegressionTrainer() {
        postConfig();
    }

    /**
     * A trainer with the main options; the others keep their defaults.
     *
     * @param cell         recurrent cell
     * @param hiddenSize   hidden units per layer
     * @param numLayers    stacked layers
     * @param epochs       maximum epochs
     * @param batchSize    examples per gradient step
     * @param learningRate Adam's learning rate
     * @param seed         random seed
     */
    public RecurrentRegressionTrainer(Cell cell, int hiddenSize, int numLayers, int epochs, int batchSize,
                                      float learningRate, long seed) {
        this.cell = cell;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
        postConfig();
    }

    /** A builder for every option, starting from the defaults. */
    public static Builder<RecurrentRegressionTrainer> builder() {
        RecurrentRegressionTrainer t = new RecurrentRegressionTrainer();
        return new Builder<>(t);
    }

    /**
     * Sets {@link #levelChannel} (chainable, before training): the channel whose window mean is removed from
     * it and from the outputs, and added back to predictions; {@value #AUTO} (the default) to take it from the
     * layout, empty for none.
     */
    public RecurrentRegressionTrainer setLevelChannel(String channel) {
        this.levelChannel = channel == null ? "" : channel;
        return this;
    }

    @Override
    public RecurrentRegressionModel train(Dataset<Regressor> examples) {
        return train(examples, Collections.emptyMap());
    }

    @Override
    public RecurrentRegressionModel train(Dataset<Regressor> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    /**
     * Trains a model.
     *
     * @throws IllegalArgumentException if the dataset is empty, has unknown outputs, its feature names are
     *                                  not a window, or an example has no features or non-finite values
     */
    @Override
    public RecurrentRegressionModel train(Dataset<Regressor> examples, Map<String, Provenance> runProvenance,
                                         int invocationCount) {
        checkTrainable(examples.getOutputInfo(), examples.size());
        Run<TrainerProvenance> run = startRun(invocationCount, this::getProvenance);
        ImmutableFeatureMap featureMap = examples.getFeatureIDMap();
        ImmutableOutputInfo<Regressor> outputInfo = examples.getOutputIDInfo();
        WindowLayout layout = WindowLayout.fromFeatureMap(featureMap);
        String[] dims = TribuoChecks.dimensionNames(outputInfo);
        int level = levelIndex(layout);

        float[][] windows = new float[examples.size()][];
        float[][] targets = new float[examples.size()][];
        int i = 0;
        for (Example<Regressor> e : examples) {
            try {
                windows[i] = layout.toWindow(e, featureMap);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("example " + i + ": " + ex.getMessage(), ex);
            }
            targets[i] = TribuoChecks.target(e.getOutput(), outputInfo, "example " + i);
            TribuoChecks.checkFinite(windows[i], "example " + i, "feature");
            TribuoChecks.checkFinite(targets[i], "example " + i, "target");
            if (level >= 0) {
                float m = WindowLayout.removeLevel(windows[i], layout.channelCount(), level);
                for (int d = 0; d < targets[i].length; d++) {
                    targets[i][d] -= m;
                }
            }
            i++;
        }
        int channels = layout.channelCount();
        AffineScaling[] scaling = scale(windows, channels, targets, dims.length);
        AffineScaling in = scaling[0];
        AffineScaling out = scaling[1];
        SequenceDataset data = new SequenceDataset(windows, targets, channels, dims.length, false);
        RecurrentNetwork network = new RecurrentNetwork(networkSpec(channels, dims.length, OutputMode.MANY_TO_ONE),
                run.rng().nextLong());
        TrainingHistory history = new NetworkTrainer(trainingConfig(run.rng().nextLong()))
                .fit(network, data, epochLogger("RecurrentRegressionTrainer"));
        LOGGER.fine(() -> "trained " + network.spec() + " on " + examples.size() + " windows in " + history.millis()
                + " ms, final train loss " + history.finalTrainLoss());

        double[][] importance = importance(network, windows, layout, in, out, run);
        ModelProvenance provenance = new ModelProvenance(RecurrentRegressionModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), run.provenance(), runProvenance);
        return new RecurrentRegressionModel("recurrent-regression", provenance, featureMap, outputInfo, dims, layout,
                in, out, network, importance, level >= 0 ? layout.channels().get(level) : "");
    }

    private int levelIndex(WindowLayout layout) {
        if (levelChannel.isEmpty()) {
            return -1;
        }
        if (levelChannel.equals(AUTO)) {
            List<String> ch = layout.channels();
            return ch.size() == 1 ? 0 : ch.indexOf("y");
        }
        int idx = layout.channels().indexOf(levelChannel);
        if (idx < 0) {
            throw new IllegalArgumentException("levelChannel " + Shorten.quoted(levelChannel) + " is not a channel of the data; have "
                    + layout.channels());
        }
        return idx;
    }

    private static double[][] importance(RecurrentNetwork network, float[][] windows, WindowLayout layout,
                                         AffineScaling in, AffineScaling out, Run<TrainerProvenance> run) {
        int positions = layout.window() * layout.channelCount();
        int[] group = new int[positions];
        for (int k = 0; k < positions; k++) {
            group[k] = k;
        }
        double[][] byPosition = Sensitivity.probe(network, Sensitivity.sample(windows, run.rng()), group, positions,
                network.spec().outputSize());
        int features = positions;
        double[][] imp = new double[byPosition.length][features];
        for (int id = 0; id < features; id++) {
            int pos = layout.position(id);
            int channel = pos % layout.channelCount();
            for (int d = 0; d < imp.length; d++) {
                imp[d][id] = byPosition[d][pos] * out.scale(d) / in.scale(channel);
            }
        }
        return imp;
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        return "RecurrentRegressionTrainer(" + describe() + ",levelChannel=" + levelChannel + ")";
    }
}
