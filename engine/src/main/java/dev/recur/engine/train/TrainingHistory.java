package dev.recur.engine.train;

import java.util.List;

/**
 * The outcome of {@link NetworkTrainer#fit}: every epoch's losses, the epoch whose weights the network
 * holds now, and whether early stopping ended training.
 *
 * @param epochs      one entry per epoch run
 * @param bestEpoch   the epoch whose weights were kept (the last one without validation)
 * @param stoppedEarly whether training stopped before the configured epochs
 * @param millis      wall time of the whole training
 */
public record TrainingHistory(List<EpochResult> epochs, int bestEpoch, boolean stoppedEarly, long millis) {

    /** Training loss of the last epoch. */
    public double finalTrainLoss() {
        return epochs.get(epochs.size() - 1).trainLoss();
    }

    /** Best validation loss, or NaN without validation. */
    public double bestValidationLoss() {
        return epochs.get(bestEpoch).validationLoss();
    }
}
