package dev.recur.engine.train;

import dev.recur.engine.loss.Loss;

/**
 * Hyperparameters of {@link NetworkTrainer}: epochs, batch size, optimiser, schedule, loss, truncation,
 * early stopping, averaging of the weights, seed and threads. Immutable; build with {@link #builder()}.
 * Defaults follow PyTorch's (Adam, lr 1e-3, betas 0.9/0.999, eps 1e-8).
 */
public final class TrainingConfig {
    private final int epochs;
    private final int batchSize;
    private final float learningRate;
    private final OptimizerType optimizer;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final float momentum;
    private final boolean nesterov;
    private final float weightDecay;
    private final float clipNorm;
    private final ScheduleType schedule;
    private final int stepEpochs;
    private final float gamma;
    private final float minLearningRate;
    private final Loss loss;
    private final int truncation;
    private final float validationFraction;
    private final int patience;
    private final long seed;
    private final int threads;
    private final boolean shuffle;
    private final int samplesPerEpoch;
    private final float emaDecay;

    private TrainingConfig(Builder b) {
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.learningRate = b.learningRate;
        this.optimizer = b.optimizer;
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.epsilon = b.epsilon;
        this.momentum = b.momentum;
        this.nesterov = b.nesterov;
        this.weightDecay = b.weightDecay;
        this.clipNorm = b.clipNorm;
        this.schedule = b.schedule;
        this.stepEpochs = b.stepEpochs;
        this.gamma = b.gamma;
        this.minLearningRate = b.minLearningRate;
        this.loss = b.loss;
        this.truncation = b.truncation;
        this.validationFraction = b.validationFraction;
        this.patience = b.patience;
        this.seed = b.seed;
        this.threads = b.threads;
        this.shuffle = b.shuffle;
        this.samplesPerEpoch = b.samplesPerEpoch;
        this.emaDecay = b.emaDecay;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.optimizer = optimizer;
        b.beta1 = beta1;
        b.beta2 = beta2;
        b.epsilon = epsilon;
        b.momentum = momentum;
        b.nesterov = nesterov;
        b.weightDecay = weightDecay;
        b.clipNorm = clipNorm;
        b.schedule = schedule;
        b.stepEpochs = stepEpochs;
        b.gamma = gamma;
        b.minLearningRate = minLearningRate;
        b.loss = loss;
        b.truncation = truncation;
        b.validationFraction = validationFraction;
        b.patience = patience;
        b.seed = seed;
        b.threads = threads;
        b.shuffle = shuffle;
        b.samplesPerEpoch = samplesPerEpoch;
        b.emaDecay = emaDecay;
        return b;
    }

    /** Maximum number of passes over the training data. */
    public int epochs() {
        return epochs;
    }

    /** Sequences per optimiser step. */
    public int batchSize() {
        return batchSize;
    }

    /** Initial learning rate. */
    public float learningRate() {
        return learningRate;
    }

    /** Optimiser. */
    public OptimizerType optimizer() {
        return optimizer;
    }

    /** Adam's first-moment decay. */
    public float beta1() {
        return beta1;
    }

    /** Adam's second-moment decay. */
    public float beta2() {
        return beta2;
    }

    /** Adam's denominator term. */
    public float epsilon() {
        return epsilon;
    }

    /** SGD momentum. */
    public float momentum() {
        return momentum;
    }

    /** Whether SGD uses Nesterov momentum. */
    public boolean nesterov() {
        return nesterov;
    }

    /** Weight decay (L2 for Adam and SGD, decoupled for AdamW). */
    public float weightDecay() {
        return weightDecay;
    }

    /** Maximum global gradient norm; 0 disables clipping. */
    public float clipNorm() {
        return clipNorm;
    }

    /** Learning-rate schedule. */
    public ScheduleType schedule() {
        return schedule;
    }

    /** Epochs between decays of the step schedule. */
    public int stepEpochs() {
        return stepEpochs;
    }

    /** Decay factor of the step schedule. */
    public float gamma() {
        return gamma;
    }

    /** Final rate of the cosine schedule. */
    public float minLearningRate() {
        return minLearningRate;
    }

    /** Training loss. */
    public Loss loss() {
        return loss;
    }

    /** Truncated BPTT: the recurrent gradient is cut every this many steps (counted from the start of the sequence); 0 backpropagates through the whole sequence. */
    public int truncation() {
        return truncation;
    }

    /** Fraction of the examples, taken from the end, held out for early stopping; 0 disables. */
    public float validationFraction() {
        return validationFraction;
    }

    /** Epochs without validation improvement before stopping. */
    public int patience() {
        return patience;
    }

    /** Seed for shuffling and dropout (initialisation has its own seed on the network). */
    public long seed() {
        return seed;
    }

    /** Worker threads; results are bit-identical for any value. */
    public int threads() {
        return threads;
    }

    /** Whether to shuffle the examples every epoch. */
    public boolean shuffle() {
        return shuffle;
    }

    /** Examples per epoch, drawn afresh from the shuffled data each epoch; 0 uses them all. */
    public int samplesPerEpoch() {
        return samplesPerEpoch;
    }

    /**
     * Decay of the exponential moving average of the weights, per optimiser step; 0 (the default) keeps no
     * average. When positive, the trainer keeps {@code avg += (1 − d)·(w − avg)} after every step, with
     * {@code d = min(decay, (1 + t)/(10 + t))} at step {@code t} so that the first steps are not swamped by
     * the initial weights (as TensorFlow's {@code ExponentialMovingAverage} with {@code num_updates}).
     * Validation, early stopping and the returned network use the averaged weights; training continues
     * from the raw ones. A decay of {@code 1 − 1/s} averages over about the last {@code s} steps.
     */
    public float emaDecay() {
        return emaDecay;
    }

    @Override
    public String toString() {
        return "TrainingConfig{"
                + "epochs=" + epochs
                + ", batchSize=" + batchSize
                + ", learningRate=" + learningRate
                + ", optimizer=" + optimizer
                + ", beta1=" + beta1
                + ", beta2=" + beta2
                + ", epsilon=" + epsilon
                + ", momentum=" + momentum
                + ", nesterov=" + nesterov
                + ", weightDecay=" + weightDecay
                + ", clipNorm=" + clipNorm
                + ", schedule=" + schedule
                + ", stepEpochs=" + stepEpochs
                + ", gamma=" + gamma
                + ", minLearningRate=" + minLearningRate
                + ", loss=" + loss
                + ", truncation=" + truncation
                + ", validationFraction=" + validationFraction
                + ", patience=" + patience
                + ", seed=" + seed
                + ", threads=" + threads
                + ", shuffle=" + shuffle
                + ", samplesPerEpoch=" + samplesPerEpoch
                + ", emaDecay=" + emaDecay + "}";
    }

    /** Builds a {@link TrainingConfig}; each setter checks its value. */
    public static final class Builder {
        private int epochs = 100;
        private int batchSize = 64;
        private float learningRate = 1e-3f;
        private OptimizerType optimizer = OptimizerType.ADAM;
        private float beta1 = 0.9f;
        private float beta2 = 0.999f;
        private float epsilon = 1e-8f;
        private float momentum = 0f;
        private boolean nesterov = false;
        private float weightDecay = 0f;
        private float clipNorm = 0f;
        private ScheduleType schedule = ScheduleType.CONSTANT;
        private int stepEpochs = 30;
        private float gamma = 0.1f;
        private float minLearningRate = 0f;
        private Loss loss = new dev.recur.engine.loss.MseLoss();
        private int truncation = 0;
        private float validationFraction = 0f;
        private int patience = 10;
        private long seed = 42L;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean shuffle = true;
        private int samplesPerEpoch = 0;
        private float emaDecay = 0f;

        private Builder() {
        }

        /** Maximum number of passes over the training data. */
        public Builder epochs(int v) {
            if (!(v >= 1)) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + v);
            }
            epochs = v;
            return this;
        }

        /** Sequences per optimiser step. */
        public Builder batchSize(int v) {
            if (!(v >= 1)) {
                throw new IllegalArgumentException("batchSize must be at least 1, got " + v);
            }
            batchSize = v;
            return this;
        }

        /** Initial learning rate. */
        public Builder learningRate(float v) {
            if (!(v > 0 && Float.isFinite(v))) {
                throw new IllegalArgumentException("learningRate must be positive and finite, got " + v);
            }
            learningRate = v;
            return this;
        }

        /** Optimiser. */
        public Builder optimizer(OptimizerType v) {
            if (!(v != null)) {
                throw new IllegalArgumentException("optimizer must be set, got " + v);
            }
            optimizer = v;
            return this;
        }

        /** Adam's first-moment decay. */
        public Builder beta1(float v) {
            if (!(v >= 0 && v < 1)) {
                throw new IllegalArgumentException("beta1 must be in [0, 1), got " + v);
            }
            beta1 = v;
            return this;
        }

        /** Adam's second-moment decay. */
        public Builder beta2(float v) {
            if (!(v >= 0 && v < 1)) {
                throw new IllegalArgumentException("beta2 must be in [0, 1), got " + v);
            }
            beta2 = v;
            return this;
        }

        /** Adam's denominator term. */
        public Builder epsilon(float v) {
            if (!(v > 0)) {
                throw new IllegalArgumentException("epsilon must be positive, got " + v);
            }
            epsilon = v;
            return this;
        }

        /** SGD momentum. */
        public Builder momentum(float v) {
            if (!(v >= 0 && v < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), got " + v);
            }
            momentum = v;
            return this;
        }

        /** Whether SGD uses Nesterov momentum. */
        public Builder nesterov(boolean v) {
            nesterov = v;
            return this;
        }

        /** Weight decay (L2 for Adam and SGD, decoupled for AdamW). */
        public Builder weightDecay(float v) {
            if (!(v >= 0 && Float.isFinite(v))) {
                throw new IllegalArgumentException("weightDecay must be finite and not negative, got " + v);
            }
            weightDecay = v;
            return this;
        }

        /** Maximum global gradient norm; 0 disables clipping. */
        public Builder clipNorm(float v) {
            if (!(v >= 0 && Float.isFinite(v))) {
                throw new IllegalArgumentException("clipNorm must be finite and not negative, got " + v);
            }
            clipNorm = v;
            return this;
        }

        /** Learning-rate schedule. */
        public Builder schedule(ScheduleType v) {
            if (!(v != null)) {
                throw new IllegalArgumentException("schedule must be set, got " + v);
            }
            schedule = v;
            return this;
        }

        /** Epochs between decays of the step schedule. */
        public Builder stepEpochs(int v) {
            if (!(v >= 1)) {
                throw new IllegalArgumentException("stepEpochs must be at least 1, got " + v);
            }
            stepEpochs = v;
            return this;
        }

        /** Decay factor of the step schedule. */
        public Builder gamma(float v) {
            if (!(v > 0 && v <= 1)) {
                throw new IllegalArgumentException("gamma must be in (0, 1], got " + v);
            }
            gamma = v;
            return this;
        }

        /** Final rate of the cosine schedule. */
        public Builder minLearningRate(float v) {
            if (!(v >= 0)) {
                throw new IllegalArgumentException("minLearningRate must not be negative, got " + v);
            }
            minLearningRate = v;
            return this;
        }

        /** Training loss. */
        public Builder loss(Loss v) {
            if (!(v != null)) {
                throw new IllegalArgumentException("loss must be set, got " + v);
            }
            loss = v;
            return this;
        }

        /** Truncated BPTT: the recurrent gradient is cut every this many steps (counted from the start of the sequence); 0 backpropagates through the whole sequence. */
        public Builder truncation(int v) {
            if (!(v >= 0)) {
                throw new IllegalArgumentException("truncation must not be negative, got " + v);
            }
            truncation = v;
            return this;
        }

        /** Fraction of the examples, taken from the end, held out for early stopping; 0 disables. */
        public Builder validationFraction(float v) {
            if (!(v >= 0 && v < 1)) {
                throw new IllegalArgumentException("validationFraction must be in [0, 1), got " + v);
            }
            validationFraction = v;
            return this;
        }

        /** Epochs without validation improvement before stopping. */
        public Builder patience(int v) {
            if (!(v >= 1)) {
                throw new IllegalArgumentException("patience must be at least 1, got " + v);
            }
            patience = v;
            return this;
        }

        /** Seed for shuffling and dropout (initialisation has its own seed on the network). */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Worker threads; results are bit-identical for any value. */
        public Builder threads(int v) {
            if (!(v >= 1)) {
                throw new IllegalArgumentException("threads must be at least 1, got " + v);
            }
            threads = v;
            return this;
        }

        /** Whether to shuffle the examples every epoch. */
        public Builder shuffle(boolean v) {
            shuffle = v;
            return this;
        }

        /** Examples per epoch, drawn afresh from the shuffled data each epoch; 0 uses them all. */
        public Builder samplesPerEpoch(int v) {
            if (v < 0) {
                throw new IllegalArgumentException("samplesPerEpoch must not be negative, got " + v);
            }
            samplesPerEpoch = v;
            return this;
        }

        /** Decay of the moving average of the weights per step, in [0, 1); 0 keeps no average. */
        public Builder emaDecay(float v) {
            if (!(v >= 0 && v < 1)) {
                throw new IllegalArgumentException("emaDecay must be in [0, 1), got " + v);
            }
            emaDecay = v;
            return this;
        }

        /** Builds the configuration. */
        public TrainingConfig build() {
            return new TrainingConfig(this);
        }
    }
}
