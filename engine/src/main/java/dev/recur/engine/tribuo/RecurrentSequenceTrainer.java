package dev.recur.engine.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import dev.recur.engine.nn.OutputMode;
import dev.recur.engine.nn.RecurrentNetwork;
import dev.recur.engine.train.NetworkTrainer;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Trainer;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;
import org.tribuo.regression.Regressor;
import org.tribuo.sequence.SequenceDataset;
import org.tribuo.sequence.SequenceExample;
import org.tribuo.sequence.SequenceTrainer;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Map;

/**
 * Trains a many-to-many recurrent regressor: one Regressor per step of each {@link SequenceExample} (for
 * smoothing, nowcasting or per-step labelling). Every feature of the dataset is one input channel, read at
 * every step; sequences may differ in length. A bidirectional network reads the whole sequence, so each
 * step's prediction can use later steps (smoothing); a unidirectional one uses only the past (filtering).
 *
 * <p>Configuration, seeding and invocation counts are as in {@link RecurrentRegressionTrainer}.
 */
public final class RecurrentSequenceTrainer extends AbstractRecurrentTrainer implements SequenceTrainer<Regressor> {

    /** A trainer with the default configuration. */
    public RecurrentSequenceTrainer() {
        postConfig();
    }

    /** A builder for every option, starting from the defaults. */
    public static Builder<RecurrentSequenceTrainer> builder() {
        return new Builder<>(new RecurrentSequenceTrainer());
    }

    @Override
    public RecurrentSequenceModel train(SequenceDataset<Regressor> examples) {
        return train(examples, Collections.emptyMap());
    }

    @Override
    public RecurrentSequenceModel train(SequenceDataset<Regressor> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, Trainer.INCREMENT_INVOCATION_COUNT);
    }

    /**
     * Trains a model, reproducing the {@code invocationCount}-th run when it is not
     * {@link Trainer#INCREMENT_INVOCATION_COUNT}.
     *
     * @throws IllegalArgumentException if the dataset is empty or has unknown outputs, or a sequence or step
     *                                  is empty or not finite
     */
    public RecurrentSequenceModel train(SequenceDataset<Regressor> examples, Map<String, Provenance> runProvenance,
                                        int invocationCount) {
        checkTrainable(examples.getOutputInfo(), examples.size());
        Run<TrainerProvenance> run = startRun(invocationCount, this::getProvenance);
        ImmutableFeatureMap featureMap = examples.getFeatureIDMap();
        ImmutableOutputInfo<Regressor> outputInfo = examples.getOutputIDInfo();
        String[] dims = TribuoChecks.dimensionNames(outputInfo);
        int channels = featureMap.size();
        if (channels == 0) {
            throw new IllegalArgumentException("The supplied Dataset has no features.");
        }
        float[][] inputs = new float[examples.size()][];
        float[][] targets = new float[examples.size()][];
        int i = 0;
        for (SequenceExample<Regressor> seq : examples) {
            String where = "sequence " + i;
            inputs[i] = SequenceFeatures.toInput(seq, featureMap, where);
            float[] y = new float[seq.size() * dims.length];
            int t = 0;
            for (Example<Regressor> step : seq) {
                float[] yt = TribuoChecks.target(step.getOutput(), outputInfo, where + ", step " + t);
                System.arraycopy(yt, 0, y, t * dims.length, dims.length);
                t++;
            }
            targets[i] = y;
            TribuoChecks.checkFinite(inputs[i], where, "feature");
            TribuoChecks.checkFinite(y, where, "target");
            i++;
        }
        AffineScaling[] scaling = scale(inputs, channels, targets, dims.length);
        AffineScaling in = scaling[0];
        AffineScaling out = scaling[1];
        dev.recur.engine.data.SequenceDataset data =
                new dev.recur.engine.data.SequenceDataset(inputs, targets, channels, dims.length, true);
        RecurrentNetwork network = new RecurrentNetwork(networkSpec(channels, dims.length, OutputMode.MANY_TO_MANY),
                run.rng().nextLong());
        new NetworkTrainer(trainingConfig(run.rng().nextLong())).fit(network, data, epochLogger("RecurrentSequenceTrainer"));

        int[] group = new int[data.maxLength() * channels];
        for (int k = 0; k < group.length; k++) {
            group[k] = k % channels;
        }
        double[][] imp = Sensitivity.probe(network, Sensitivity.sample(inputs, run.rng()), group, channels, dims.length);
        for (int d = 0; d < imp.length; d++) {
            for (int c = 0; c < channels; c++) {
                imp[d][c] *= out.scale(d) / in.scale(c);
            }
        }
        ModelProvenance provenance = new ModelProvenance(RecurrentSequenceModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), run.provenance(), runProvenance);
        return new RecurrentSequenceModel("recurrent-sequence", provenance, featureMap, outputInfo, dims, in, out,
                network, imp);
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        return "RecurrentSequenceTrainer(" + describe() + ")";
    }
}
