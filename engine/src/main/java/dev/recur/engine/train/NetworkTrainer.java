package dev.recur.engine.train;

import dev.recur.engine.data.SequenceDataset;
import dev.recur.engine.nn.GradientComputer;
import dev.recur.engine.nn.RecurrentNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a {@link RecurrentNetwork} by minibatch backpropagation through time.
 *
 * <p>Each epoch shuffles the training examples (seeded), takes one optimiser step per batch, evaluates the
 * validation examples, and keeps the weights of the best validation epoch; training stops after
 * {@link TrainingConfig#patience()} epochs without improvement and restores those weights. With
 * {@link TrainingConfig#emaDecay()} it also keeps an exponential moving average of the weights after every
 * step; validation, early stopping and the returned network then use the averaged weights, while the
 * optimiser goes on from the raw ones. Training is bit-identical run to run for a given seed, whatever
 * the number of threads.
 *
 * <p>Training stops with a {@link TrainingException} at the first non-finite loss or gradient, leaving
 * the network with its last finite weights.
 */
public final class NetworkTrainer {

    private final TrainingConfig config;

    /** Creates a trainer with the given configuration. */
    public NetworkTrainer(TrainingConfig config) {
        this.config = config;
    }

    /** The configuration. */
    public TrainingConfig config() {
        return config;
    }

    /**
     * Trains on {@code data}; when {@link TrainingConfig#validationFraction()} is positive, its last
     * examples are held out for early stopping.
     */
    public TrainingHistory fit(RecurrentNetwork network, SequenceDataset data, TrainingListener listener) {
        float f = config.validationFraction();
        if (f > 0f) {
            int nVal = Math.max(1, Math.round(data.size() * f));
            if (nVal >= data.size()) {
                throw new IllegalArgumentException("validation fraction " + f + " leaves no training examples out of "
                        + data.size());
            }
            int cut = data.size() - nVal;
            return fit(network, data.slice(0, cut), data.slice(cut, data.size()), listener);
        }
        return fit(network, data, null, listener);
    }

    /**
     * Trains on {@code train}, early-stopping on {@code validation} when it is not null.
     *
     * @throws IllegalArgumentException if the data does not match the network
     * @throws TrainingException        if the loss or gradient becomes NaN or infinite
     */
    public TrainingHistory fit(RecurrentNetwork network, SequenceDataset train, SequenceDataset validation,
                               TrainingListener listener) {
        check(network, train, "training");
        if (validation != null) {
            check(network, validation, "validation");
        }
        TrainingListener progress = listener == null ? TrainingListener.NONE : listener;
        int batch = Math.min(config.batchSize(), train.size());
        int maxLen = Math.max(train.maxLength(), validation == null ? 0 : validation.maxLength());
        int[] order = identity(train.size());
        int[] valOrder = validation != null ? identity(validation.size()) : null;
        SplittableRandom rng = new SplittableRandom(config.seed());
        Optimizer opt = Optimizer.of(config, network.parameterCount());
        Weights weights = new Weights(network, validation != null, config.emaDecay());
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int sinceBest = 0;
        boolean stoppedEarly = false;
        List<EpochResult> history = new ArrayList<>();
        long start = System.nanoTime();
        try (GradientComputer gc = new GradientComputer(network, config.loss(), batch, maxLen, config.truncation(),
                config.threads())) {
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                float lr = config.schedule().rate(config, epoch);
                if (config.shuffle()) {
                    shuffle(order, rng);
                }
                double trainLoss = trainEpoch(gc, train, order, batch, lr, epoch, opt, weights);
                double valLoss = Double.NaN;
                boolean improved = true;
                if (validation != null) {
                    valLoss = validate(gc, validation, valOrder, batch, weights, epoch, lr);
                    improved = valLoss < bestLoss;
                    if (improved) {
                        bestLoss = valLoss;
                        bestEpoch = epoch;
                        sinceBest = 0;
                        weights.keepBest();
                    } else {
                        sinceBest++;
                    }
                    weights.rawBack();
                } else {
                    bestEpoch = epoch;
                }
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                long remaining = elapsed * (config.epochs() - epoch - 1) / (epoch + 1);
                EpochResult r = new EpochResult(epoch, config.epochs(), trainLoss, valLoss, lr, elapsed, remaining, improved);
                history.add(r);
                progress.onEpoch(r);
                if (validation != null && sinceBest >= config.patience()) {
                    stoppedEarly = epoch < config.epochs() - 1;
                    break;
                }
            }
        }
        weights.finish();
        return new TrainingHistory(List.copyOf(history), bestEpoch, stoppedEarly, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The weights a training run moves: the network's own, their moving average after every step (with
     * {@link TrainingConfig#emaDecay()}), and the best validated copy (with validation data).
     */
    private static final class Weights {
        final RecurrentNetwork network;
        final float[] params;
        /** The weights of the best validation epoch; null without validation. */
        final float[] best;
        final float emaDecay;
        /** The moving average; null without one. */
        final float[] average;
        /** The raw weights while the averaged ones are validated; null unless both. */
        final float[] raw;
        /** Steps averaged so far. */
        long averaged;
        /** Optimiser steps so far, which seed each step's dropout. */
        long steps;

        Weights(RecurrentNetwork network, boolean validating, float emaDecay) {
            this.network = network;
            this.params = network.parameters();
            this.best = validating ? params.clone() : null;
            this.emaDecay = emaDecay;
            this.average = emaDecay > 0f ? params.clone() : null;
            this.raw = average != null && validating ? new float[params.length] : null;
        }

        /** After an optimiser step: the network told, and the average moved towards the new weights. */
        void stepped() {
            network.parametersChanged();
            if (average != null) {
                averaged++;
                float d = Math.min(emaDecay, (1f + averaged) / (10f + averaged));
                for (int i = 0; i < average.length; i++) {
                    average[i] += (1f - d) * (params[i] - average[i]);
                }
            }
        }

        /** The averaged weights in the network for validation, the raw ones kept aside; nothing without an average. */
        void averagedIn() {
            if (average != null) {
                System.arraycopy(params, 0, raw, 0, params.length);
                System.arraycopy(average, 0, params, 0, params.length);
                network.parametersChanged();
            }
        }

        /** The raw weights back after validation: training goes on from them. */
        void rawBack() {
            if (average != null) {
                System.arraycopy(raw, 0, params, 0, params.length);
                network.parametersChanged();
            }
        }

        /** The weights now in the network (the averaged ones while validating) kept as the best. */
        void keepBest() {
            System.arraycopy(params, 0, best, 0, params.length);
        }

        /** The network left with the best validated weights, else the average, else its last weights. */
        void finish() {
            float[] result = best != null ? best : average;
            if (result != null) {
                System.arraycopy(result, 0, params, 0, params.length);
                network.parametersChanged();
            }
        }
    }

    /**
     * One epoch's optimiser steps over {@code order} (the first {@link TrainingConfig#samplesPerEpoch()} examples, when
     * set), a batch at a time, with gradient clipping; the epoch's mean training loss.
     *
     * @throws TrainingException at the first non-finite loss or gradient
     */
    private double trainEpoch(GradientComputer gc, SequenceDataset train, int[] order, int batch, float lr, int epoch,
                              Optimizer opt, Weights weights) {
        float[] grad = gc.gradient();
        double lossSum = 0;
        double termSum = 0;
        int batchNo = 0;
        int epochSize = config.samplesPerEpoch() > 0 ? Math.min(config.samplesPerEpoch(), order.length) : order.length;
        for (int from = 0; from < epochSize; from += batch, batchNo++) {
            int n = Math.min(batch, epochSize - from);
            double loss = gc.compute(train, order, from, n, config.seed() + 0x632BE59BD9B4E019L * (++weights.steps));
            double norm = Math.sqrt(gradSquares(grad));
            if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
                throw new TrainingException("training diverged: the " + (Double.isFinite(loss) ? "gradient" : "loss")
                        + " became " + (Double.isFinite(loss) ? norm : loss) + " at epoch " + (epoch + 1)
                        + ", batch " + (batchNo + 1) + "; lower the learning rate (" + lr
                        + ") or set gradient clipping");
            }
            if (config.clipNorm() > 0f && norm > config.clipNorm()) {
                float coef = (float) (config.clipNorm() / (norm + 1e-6));
                for (int i = 0; i < grad.length; i++) {
                    grad[i] *= coef;
                }
            }
            opt.step(weights.params, grad, lr);
            weights.stepped();
            double terms = gc.lastTerms();
            lossSum += loss * terms;
            termSum += terms;
        }
        return lossSum / termSum;
    }

    /**
     * The validation loss of the weights (the averaged ones, when there is an average: they are left in the network
     * for {@link Weights#keepBest}, and {@link Weights#rawBack} puts the raw ones back).
     *
     * @throws TrainingException when it is not finite
     */
    private static double validate(GradientComputer gc, SequenceDataset validation, int[] valOrder, int batch,
                                   Weights weights, int epoch, float lr) {
        weights.averagedIn();
        double valLoss = evaluate(gc, validation, valOrder, batch);
        if (!Double.isFinite(valLoss)) {
            throw new TrainingException("training diverged: the validation loss became " + valLoss
                    + " at epoch " + (epoch + 1) + "; lower the learning rate (" + lr + ")");
        }
        return valLoss;
    }

    /** 0, 1, ..., n − 1. */
    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** Mean loss of a dataset under the configured loss. */
    public double evaluate(RecurrentNetwork network, SequenceDataset data) {
        check(network, data, "evaluation");
        int batch = Math.min(Math.max(config.batchSize(), 256), data.size());
        int[] order = identity(data.size());
        try (GradientComputer gc = new GradientComputer(network, config.loss(), batch, data.maxLength(), 0,
                config.threads())) {
            return evaluate(gc, data, order, batch);
        }
    }

    private static double evaluate(GradientComputer gc, SequenceDataset data, int[] order, int batch) {
        double sum = 0;
        double terms = 0;
        for (int from = 0; from < order.length; from += batch) {
            int n = Math.min(batch, order.length - from);
            double loss = gc.evaluate(data, order, from, n);
            sum += loss * gc.lastTerms();
            terms += gc.lastTerms();
        }
        return sum / terms;
    }

    private static double gradSquares(float[] g) {
        return dev.recur.engine.kernel.Kernels.get().sumOfSquares(g.length, g, 0);
    }

    private void check(RecurrentNetwork network, SequenceDataset d, String what) {
        var spec = network.spec();
        if (d.size() == 0) {
            throw new IllegalArgumentException("the " + what + " data is empty");
        }
        if (d.inputSize() != spec.inputSize()) {
            throw new IllegalArgumentException("the " + what + " data has " + d.inputSize()
                    + " input channels, the network expects " + spec.inputSize());
        }
        int expected = spec.outputSize() / config.loss().outputsPerTarget();
        if (d.targetSize() != expected || spec.outputSize() % config.loss().outputsPerTarget() != 0) {
            throw new IllegalArgumentException("the " + what + " data has " + d.targetSize()
                    + " target values per " + (d.perStep() ? "step" : "sequence") + ", the network's "
                    + spec.outputSize() + " outputs with loss " + config.loss().name() + " predict " + expected);
        }
        boolean manyToMany = spec.outputMode() == dev.recur.engine.nn.OutputMode.MANY_TO_MANY;
        if (d.perStep() != manyToMany) {
            throw new IllegalArgumentException("the " + what + " data has targets per "
                    + (d.perStep() ? "step" : "sequence") + " but the network is " + spec.outputMode());
        }
    }

    private static void shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
