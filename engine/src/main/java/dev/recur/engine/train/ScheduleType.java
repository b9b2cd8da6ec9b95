package dev.recur.engine.train;

import dev.recur.engine.io.Shorten;
import java.util.Locale;

/** Learning-rate schedules, evaluated once per epoch. */
public enum ScheduleType {
    /** The same rate every epoch. */
    CONSTANT,
    /** {@code lr · gamma^⌊epoch / stepEpochs⌋} (PyTorch's {@code StepLR}). */
    STEP,
    /** {@code min + (lr − min)·(1 + cos(π·epoch/epochs))/2} (PyTorch's {@code CosineAnnealingLR}). */
    COSINE;

    /** The learning rate for a zero-based epoch. */
    public float rate(TrainingConfig c, int epoch) {
        switch (this) {
            case STEP:
                return (float) (c.learningRate() * Math.pow(c.gamma(), epoch / Math.max(1, c.stepEpochs())));
            case COSINE: {
                double min = c.minLearningRate();
                return (float) (min + (c.learningRate() - min) * (1 + Math.cos(Math.PI * epoch / c.epochs())) / 2);
            }
            default:
                return c.learningRate();
        }
    }

    /** Parses {@code constant}, {@code step} or {@code cosine}. */
    public static ScheduleType parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown schedule " + Shorten.quoted(s) + ": expected constant, step or cosine", e);
        }
    }
}
