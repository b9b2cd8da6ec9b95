package dev.recur.engine.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import dev.recur.engine.loss.Loss;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.nn.NetworkSpec;
import dev.recur.engine.nn.OutputMode;
import dev.recur.engine.train.OptimizerType;
import dev.recur.engine.train.Defaults;
import dev.recur.engine.train.TrainingConfig;
import dev.recur.engine.train.TrainingListener;
import org.tribuo.Trainer;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The configuration, seeding and invocation counting shared by Recur's Tribuo trainers. Every
 * hyperparameter is an OLCUT {@link Config} field, so a trainer can be built from a configuration file and
 * is fully recorded in provenance.
 *
 * <p>Seeding follows Tribuo's SGD trainers: a {@link SplittableRandom} seeded with {@link #seed} is split
 * once per training run, so the n-th run of a trainer is reproduced exactly by a fresh trainer with the same
 * configuration after {@link #setInvocationCount(int) setInvocationCount(n)}. Results do not depend on
 * {@link #threads}: the engine's data-parallel shards are fixed by the batch size.
 */
public abstract class AbstractRecurrentTrainer {

    private static final Logger LOGGER = Logger.getLogger(AbstractRecurrentTrainer.class.getName());

    /** The recurrent cell of a Tribuo trainer's network. */
    public enum Cell {
        /** Elman RNN with tanh, as PyTorch's {@code nn.RNN}. */
        RNN(CellType.RNN_TANH),
        /** Elman RNN with ReLU. */
        RNN_RELU(CellType.RNN_RELU),
        /** LSTM, as PyTorch's {@code nn.LSTM} (forget-gate bias initialised to 1). */
        LSTM(CellType.LSTM),
        /** GRU in PyTorch's form (reset applied after the recurrent product). */
        GRU(CellType.GRU);

        private final CellType type;

        Cell(CellType type) {
            this.type = type;
        }

        /** The engine's cell type. */
        public CellType type() {
            return type;
        }
    }

    @Config(description = "Recurrent cell: RNN, RNN_RELU, LSTM or GRU.")
    protected Cell cell = Cell.valueOf(Defaults.Tribuo.CELL.toUpperCase(java.util.Locale.ROOT));

    @Config(description = "Hidden units per layer and direction.")
    protected int hiddenSize = Defaults.Tribuo.HIDDEN;

    @Config(description = "Number of stacked recurrent layers.")
    protected int numLayers = Defaults.Tribuo.LAYERS;

    @Config(description = "Run each layer forwards and backwards and concatenate the two.")
    protected boolean bidirectional = false;

    @Config(description = "Dropout between stacked layers, in [0, 1).")
    protected float dropout = 0f;

    @Config(description = "Maximum number of passes over the training data.")
    protected int epochs = Defaults.Tribuo.EPOCHS;

    @Config(description = "Examples per gradient step.")
    protected int batchSize = Defaults.Tribuo.BATCH_SIZE;

    @Config(description = "Learning rate of the optimiser.")
    protected float learningRate = Defaults.Tribuo.LEARNING_RATE;

    @Config(description = "Optimiser: ADAM, ADAMW or SGD.")
    protected OptimizerType optimizer = OptimizerType.ADAM;

    @Config(description = "Weight decay (L2 for ADAM and SGD, decoupled for ADAMW).")
    protected float weightDecay = 0f;

    @Config(description = "Clip the global gradient norm to this value; 0 turns clipping off.")
    protected float clipNorm = 0f;

    @Config(description = "Training loss: mse, mae or huber[:delta].")
    protected String loss = Defaults.Tribuo.LOSS;

    @Config(description = "Fraction of the training examples, taken from the end, held out for early stopping; 0 turns it off.")
    protected float validationFraction = 0f;

    @Config(description = "Epochs without improvement of the validation loss before training stops.")
    protected int patience = Defaults.Tribuo.PATIENCE;

    @Config(description = "Decay per step of an exponential moving average of the weights, in [0, 1), that early"
            + " stopping and the trained model use; 0 keeps the raw weights.")
    protected float emaDecay = Defaults.Tribuo.EMA_DECAY;

    @Config(description = "Truncated backpropagation through time every this many steps; 0 for full BPTT.")
    protected int truncation = 0;

    @Config(description = "Standardise each input channel and output dimension with the training data's mean and"
            + " standard deviation (inverted on prediction).")
    protected boolean standardize = true;

    @Config(description = "Worker threads for training; 0 uses every core. Results do not depend on it.")
    protected int threads = 0;

    @Config(description = "Shuffle the training examples every epoch.")
    protected boolean shuffle = true;

    @Config(description = "Seed of the random number generator (initialisation, shuffling, dropout).")
    protected long seed = Defaults.Tribuo.SEED;

    private SplittableRandom rng;
    private int invocationCount;

    /** For OLCUT: configure through the fields, then {@link #postConfig()} runs. */
    protected AbstractRecurrentTrainer() {
    }

    /** Validates the configuration and seeds the random number generator. */
    public synchronized void postConfig() {
        check(cell != null, "cell", "must be set");
        check(optimizer != null, "optimizer", "must be set");
        check(threads >= 0, "threads", "must not be negative, got " + threads);
        Loss l;
        try {
            l = Loss.parse(loss);
        } catch (IllegalArgumentException e) {
            throw new PropertyException("", "loss", e.getMessage());
        }
        check(l.outputsPerTarget() == 1, "loss", "must give one output per target (mse, mae, huber), got " + loss);
        try {
            // the same validation as the forecaster and the command line: the network's and the training's
            // builders, whose messages start with the setting's name (the same as the @Config field's)
            networkSpec(1, 1, OutputMode.MANY_TO_ONE);
            trainingConfig(seed);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            throw new PropertyException("", m.contains(" ") ? m.substring(0, m.indexOf(' ')) : "", m);
        }
        rng = new SplittableRandom(seed);
    }

    private static void check(boolean ok, String field, String message) {
        if (!ok) {
            throw new PropertyException("", field, field + " " + message);
        }
    }

    /** Times this trainer has trained (the next run's invocation number). */
    public synchronized int getInvocationCount() {
        return invocationCount;
    }

    /**
     * Sets the random state to the one before the {@code invocationCount}-th run, so that the next training
     * run reproduces that run exactly.
     *
     * @throws IllegalArgumentException if {@code invocationCount} is negative
     */
    public synchronized void setInvocationCount(int invocationCount) {
        if (invocationCount < 0) {
            throw new IllegalArgumentException("The supplied invocationCount is less than zero.");
        }
        rng = new SplittableRandom(seed);
        for (this.invocationCount = 0; this.invocationCount < invocationCount; this.invocationCount++) {
            rng.split();
        }
    }

    /**
     * The random generator and provenance of one training run.
     *
     * @param rng        the run's own generator
     * @param provenance the trainer's provenance as the run started (with its invocation count)
     * @param <P>        the provenance type
     */
    protected record Run<P>(SplittableRandom rng, P provenance) {
    }

    /**
     * Starts a run atomically, as Tribuo's SGD trainers do: applies an explicit invocation count if given,
     * splits the run's generator, records the provenance, then counts the run.
     */
    protected synchronized <P> Run<P> startRun(int requestedInvocation, Supplier<P> provenance) {
        if (requestedInvocation != Trainer.INCREMENT_INVOCATION_COUNT) {
            setInvocationCount(requestedInvocation);
        }
        SplittableRandom local = rng.split();
        P p = provenance.get();
        invocationCount++;
        return new Run<>(local, p);
    }

    /**
     * Refuses what no supervised trainer can use: unknown outputs, or no examples.
     *
     * @throws IllegalArgumentException naming the problem
     */
    protected static void checkTrainable(org.tribuo.OutputInfo<?> outputs, int examples) {
        if (outputs.getUnknownCount() > 0) {
            throw new IllegalArgumentException("The supplied Dataset contained unknown Outputs, and this Trainer is supervised.");
        }
        if (examples == 0) {
            throw new IllegalArgumentException("The supplied Dataset is empty.");
        }
    }

    /**
     * The input and output scalings for the data (standardising when {@link #standardize} is set, else the
     * identity), applied to the data in place.
     *
     * @return {@code {input scaling, output scaling}}
     */
    protected AffineScaling[] scale(float[][] inputs, int channels, float[][] targets, int dimensions) {
        AffineScaling in = standardize ? AffineScaling.standardising(inputs, channels) : AffineScaling.identity(channels);
        AffineScaling out = standardize ? AffineScaling.standardising(targets, dimensions)
                : AffineScaling.identity(dimensions);
        for (int k = 0; k < inputs.length; k++) {
            in.apply(inputs[k]);
            out.apply(targets[k]);
        }
        return new AffineScaling[]{in, out};
    }

    /** The network architecture for this configuration. */
    protected NetworkSpec networkSpec(int inputSize, int outputSize, OutputMode mode) {
        return NetworkSpec.builder().cell(cell.type()).inputSize(inputSize).hiddenSize(hiddenSize)
                .numLayers(numLayers).bidirectional(bidirectional).dropout(dropout).outputSize(outputSize)
                .outputMode(mode).build();
    }

    /** The engine's training configuration for this configuration and a run's seed. */
    protected TrainingConfig trainingConfig(long runSeed) {
        return TrainingConfig.builder().epochs(epochs).batchSize(batchSize).learningRate(learningRate)
                .optimizer(optimizer).weightDecay(weightDecay).clipNorm(clipNorm).loss(Loss.parse(loss))
                .validationFraction(validationFraction).patience(patience).truncation(truncation)
                .emaDecay(emaDecay).threads(threads == 0 ? Runtime.getRuntime().availableProcessors() : threads)
                .shuffle(shuffle).seed(runSeed).build();
    }

    /** Logs each epoch at FINE, as Tribuo's trainers log their progress. */
    protected static TrainingListener epochLogger(String what) {
        return r -> {
            if (LOGGER.isLoggable(Level.FINE)) {
                LOGGER.fine(String.format("%s epoch %d/%d: train loss %.6f%s", what, r.epoch(), r.epochs(),
                        r.trainLoss(), Double.isNaN(r.validationLoss()) ? "" : String.format(", validation %.6f",
                                r.validationLoss())));
            }
        };
    }

    /**
     * Sets every option of a trainer in code, as a configuration file would; {@link #build()} validates.
     *
     * @param <T> the trainer built
     */
    public static final class Builder<T extends AbstractRecurrentTrainer> {
        private final T t;

        Builder(T trainer) {
            this.t = trainer;
        }

        /** The recurrent cell (default LSTM). */
        public Builder<T> cell(Cell v) { t.cell = v; return this; }

        /** Hidden units per layer and direction (default 64). */
        public Builder<T> hiddenSize(int v) { t.hiddenSize = v; return this; }

        /** Stacked layers (default 1). */
        public Builder<T> numLayers(int v) { t.numLayers = v; return this; }

        /** Bidirectional layers (default false). */
        public Builder<T> bidirectional(boolean v) { t.bidirectional = v; return this; }

        /** Dropout between layers (default 0). */
        public Builder<T> dropout(float v) { t.dropout = v; return this; }

        /** Maximum epochs (default 50). */
        public Builder<T> epochs(int v) { t.epochs = v; return this; }

        /** Batch size (default 32). */
        public Builder<T> batchSize(int v) { t.batchSize = v; return this; }

        /** Learning rate (default 1e-3). */
        public Builder<T> learningRate(float v) { t.learningRate = v; return this; }

        /** Optimiser (default ADAM). */
        public Builder<T> optimizer(OptimizerType v) { t.optimizer = v; return this; }

        /** Weight decay (default 0). */
        public Builder<T> weightDecay(float v) { t.weightDecay = v; return this; }

        /** Gradient-norm clipping, 0 for none (default 0). */
        public Builder<T> clipNorm(float v) { t.clipNorm = v; return this; }

        /** Loss: mse, mae or huber[:delta] (default mse). */
        public Builder<T> loss(String v) { t.loss = v; return this; }

        /** Validation fraction for early stopping (default 0). */
        public Builder<T> validationFraction(float v) { t.validationFraction = v; return this; }

        /** Early-stopping patience in epochs (default 10). */
        public Builder<T> patience(int v) { t.patience = v; return this; }

        /** Decay of the moving average of the weights per step, 0 for none (default 0). */
        public Builder<T> emaDecay(float v) { t.emaDecay = v; return this; }

        /** Truncated BPTT length, 0 for full (default 0). */
        public Builder<T> truncation(int v) { t.truncation = v; return this; }

        /** Standardise inputs and outputs (default true). */
        public Builder<T> standardize(boolean v) { t.standardize = v; return this; }

        /** Worker threads, 0 for all cores (default 0). */
        public Builder<T> threads(int v) { t.threads = v; return this; }

        /** Shuffle every epoch (default true). */
        public Builder<T> shuffle(boolean v) { t.shuffle = v; return this; }

        /** Seed (default {@link Trainer#DEFAULT_SEED}). */
        public Builder<T> seed(long v) { t.seed = v; return this; }

        /**
         * The configured trainer.
         *
         * @throws PropertyException naming the option that is out of range
         */
        public T build() {
            t.postConfig();
            return t;
        }
    }

    /** A summary of the configuration, for {@code toString}. */
    protected String describe() {
        return "cell=" + cell + ",hiddenSize=" + hiddenSize + ",numLayers=" + numLayers + ",bidirectional="
                + bidirectional + ",dropout=" + dropout + ",epochs=" + epochs + ",batchSize=" + batchSize
                + ",learningRate=" + learningRate + ",optimizer=" + optimizer + ",loss=" + loss
                + (emaDecay > 0f ? ",emaDecay=" + emaDecay : "") + ",standardize=" + standardize + ",seed=" + seed;
    }
}
