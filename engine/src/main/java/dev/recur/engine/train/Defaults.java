package dev.recur.engine.train;

/**
 * The one table of Recur's default hyperparameters for forecasting networks, read by the command line
 * ({@code recur forecast --model gru}, ...), the Java forecaster ({@code ForecasterSettings}) and
 * the Tribuo trainers ({@code RecurrentRegressionTrainer}, {@code RecurrentSequenceTrainer}), so that all
 * three train the same network when nothing is set.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>Setting</th><th>Default</th><th>Why</th></tr>
 *   <tr><td>cell</td><td>{@value #CELL}</td><td>as accurate as the LSTM on the dev sets, a quarter fewer weights</td></tr>
 *   <tr><td>hidden units</td><td>{@value #HIDDEN}</td><td>M4 Hourly's global network</td></tr>
 *   <tr><td>layers</td><td>{@value #LAYERS}</td><td></td></tr>
 *   <tr><td>epochs (most)</td><td>{@value #EPOCHS}</td><td>with early stopping after {@value #PATIENCE} epochs
 *       without improvement</td></tr>
 *   <tr><td>batch</td><td>{@value #BATCH_SIZE}</td><td></td></tr>
 *   <tr><td>learning rate (Adam)</td><td>{@value #LEARNING_RATE}</td><td></td></tr>
 *   <tr><td>loss</td><td>{@value #LOSS}</td><td>the point forecast is judged by sMAPE and MASE</td></tr>
 *   <tr><td>windows per epoch</td><td>{@value #SAMPLES_PER_EPOCH}</td><td>drawn afresh each epoch; 0 for all; the forecasters count a window longer than 168 steps as {@code window / 168} of them</td></tr>
 *   <tr><td>weight average decay</td><td>{@value #EMA_DECAY}</td><td>M4 Hourly OWA 0.493 to 0.448</td></tr>
 *   <tr><td>ensemble members</td><td>{@value #ENSEMBLE}</td><td>automatic: one network per 20,000 training
 *       windows' worth of budget, 1 to 5</td></tr>
 *   <tr><td>seed</td><td>{@value #SEED}</td><td></td></tr>
 * </table>
 *
 * <p>The Tribuo trainers' column ({@link Tribuo}) keeps the conventions of Tribuo's own regression trainers (one
 * LSTM layer, MSE, raw weights, Tribuo's seed): they train regressors on arbitrary feature windows, and an
 * OLCUT configuration written for an earlier Recur that leaves a field out must keep training the same model.
 *
 * <p>{@link TrainingConfig#builder()} itself keeps the neutral conventions of a plain training loop (PyTorch's:
 * MSE, every window, raw weights), which the parity tests and benchmarks against PyTorch rely on;
 * {@link #training()} is that builder with this table's values.
 */
public final class Defaults {

    /** The recurrent cell. */
    public static final String CELL = "gru";
    /** Hidden units per layer. */
    public static final int HIDDEN = 128;
    /** Stacked layers. */
    public static final int LAYERS = 2;
    /** Most epochs. */
    public static final int EPOCHS = 30;
    /** Epochs without improvement before training stops. */
    public static final int PATIENCE = 5;
    /** Windows per gradient step. */
    public static final int BATCH_SIZE = 64;
    /** Adam's learning rate. */
    public static final float LEARNING_RATE = 0.001f;
    /** The training loss. */
    public static final String LOSS = "mae";
    /** Windows drawn per epoch (0 for all). */
    public static final int SAMPLES_PER_EPOCH = 30000;
    /** Decay of the moving average of the weights. */
    public static final float EMA_DECAY = 0.998f;
    /** Ensemble members: 0 picks {@code floor(20000 / training windows)}, from 1 to 5. */
    public static final int ENSEMBLE = 0;
    /** Seed of initialisation and sampling. */
    public static final long SEED = 42L;

    private Defaults() {
    }

    /** The Tribuo trainers' defaults (their {@code @Config} fields start from these). */
    public static final class Tribuo {
        /** The recurrent cell. */
        public static final String CELL = "lstm";
        /** Hidden units per layer and direction. */
        public static final int HIDDEN = 64;
        /** Stacked layers. */
        public static final int LAYERS = 1;
        /** Most epochs. */
        public static final int EPOCHS = 50;
        /** Examples per gradient step. */
        public static final int BATCH_SIZE = 32;
        /** Adam's learning rate. */
        public static final float LEARNING_RATE = Defaults.LEARNING_RATE;
        /** The training loss. */
        public static final String LOSS = "mse";
        /** Epochs without improvement before training stops (with a validation fraction). */
        public static final int PATIENCE = 10;
        /** Decay of the moving average of the weights (0: the raw weights). */
        public static final float EMA_DECAY = 0f;
        /** Tribuo's default seed ({@code Trainer.DEFAULT_SEED}). */
        public static final long SEED = 12345L;

        private Tribuo() {
        }
    }

    /** A training configuration with this table's values. */
    public static TrainingConfig.Builder training() {
        return TrainingConfig.builder().epochs(EPOCHS).batchSize(BATCH_SIZE).learningRate(LEARNING_RATE)
                .patience(PATIENCE).loss(dev.recur.engine.loss.Loss.parse(LOSS)).samplesPerEpoch(SAMPLES_PER_EPOCH)
                .emaDecay(EMA_DECAY).seed(SEED);
    }
}
