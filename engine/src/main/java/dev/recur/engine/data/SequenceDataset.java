package dev.recur.engine.data;


import java.util.Arrays;

/**
 * Training examples for a recurrent network: input sequences (possibly of different lengths) and their
 * targets, either one vector per sequence (many-to-one) or one per time step (many-to-many).
 *
 * <p>Inputs are time-major per sequence: {@code inputs[i][t·inputSize + c]}. Targets are
 * {@code targetSize} values per sequence, or {@code length × targetSize} per sequence for many-to-many.
 * Everything is validated on construction; the arrays are not copied.
 *
 * <p>Examples may carry weights: the loss is then the weighted mean of the examples' loss terms, each term of
 * example {@code i} counting {@code weights[i]} times (PyTorch's {@code (w * loss).sum() / (w * terms).sum()}). Without
 * weights every example counts once, as in an unweighted mean.
 */
public final class SequenceDataset {

    private final float[][] inputs;
    private final float[][] targets;
    private final int inputSize;
    private final int targetSize;
    private final boolean perStep;
    private final int maxLength;
    private final float[] weights;

    /**
     * Creates a dataset.
     *
     * @param perStep true when targets are given for every time step (many-to-many)
     * @throws IllegalArgumentException naming the example (and step and channel) that is empty, of the
     *                                  wrong size, or not finite
     */
    public SequenceDataset(float[][] inputs, float[][] targets, int inputSize, int targetSize, boolean perStep) {
        this(inputs, targets, inputSize, targetSize, perStep, null);
    }

    /**
     * Creates a dataset whose examples weigh {@code weights[i]} each in the loss (null: 1 each).
     *
     * @throws IllegalArgumentException as {@link #SequenceDataset(float[][], float[][], int, int, boolean)}, or naming
     *                                  the example whose weight is not a positive finite number
     */
    public SequenceDataset(float[][] inputs, float[][] targets, int inputSize, int targetSize, boolean perStep,
                           float[] weights) {
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException(inputs.length + " input sequences but " + targets.length + " targets");
        }
        if (inputSize < 1 || targetSize < 1) {
            throw new IllegalArgumentException("inputSize and targetSize must be positive");
        }
        SequenceChecks.checkInputs(inputs, inputSize);
        int max = 0;
        for (int i = 0; i < inputs.length; i++) {
            int len = inputs[i].length / inputSize;
            max = Math.max(max, len);
            float[] y = targets[i];
            int expected = perStep ? len * targetSize : targetSize;
            if (y == null || y.length != expected) {
                throw new IllegalArgumentException("example " + i + ": expected " + expected + " target values"
                        + (perStep ? " (" + len + " steps × " + targetSize + ")" : "") + ", got "
                        + (y == null ? "none" : y.length));
            }
            SequenceChecks.checkFinite(y, targetSize, "example " + i, "target");
        }
        if (weights != null) {
            if (weights.length != inputs.length) {
                throw new IllegalArgumentException(inputs.length + " input sequences but " + weights.length + " weights");
            }
            for (int i = 0; i < weights.length; i++) {
                if (!(weights[i] > 0f) || !Float.isFinite(weights[i])) {
                    throw new IllegalArgumentException("example " + i + ": weight " + weights[i]
                            + " is not a positive finite number");
                }
            }
        }
        this.weights = weights;
        this.inputs = inputs;
        this.targets = targets;
        this.inputSize = inputSize;
        this.targetSize = targetSize;
        this.perStep = perStep;
        this.maxLength = max;
    }

    /** Number of examples. */
    public int size() {
        return inputs.length;
    }

    /** Channels per time step. */
    public int inputSize() {
        return inputSize;
    }

    /** Target values per sequence or per step. */
    public int targetSize() {
        return targetSize;
    }

    /** Whether targets are per time step. */
    public boolean perStep() {
        return perStep;
    }

    /** Length of the longest sequence. */
    public int maxLength() {
        return maxLength;
    }

    /** Length of sequence {@code i}. */
    public int length(int i) {
        return inputs[i].length / inputSize;
    }

    /** The input arrays (not copied). */
    public float[][] inputs() {
        return inputs;
    }

    /** The target arrays (not copied). */
    public float[][] targets() {
        return targets;
    }

    /** The examples' weights in the loss (not copied), or null when every example weighs 1. */
    public float[] weights() {
        return weights;
    }

    /** Examples {@code [from, to)} as a new dataset sharing the arrays, with their weights. */
    public SequenceDataset slice(int from, int to) {
        return new SequenceDataset(Arrays.copyOfRange(inputs, from, to), Arrays.copyOfRange(targets, from, to),
                inputSize, targetSize, perStep, weights == null ? null : Arrays.copyOfRange(weights, from, to));
    }
}
