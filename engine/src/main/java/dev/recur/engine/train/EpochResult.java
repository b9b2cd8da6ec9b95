package dev.recur.engine.train;

/**
 * What one epoch of training did.
 *
 * @param epoch          zero-based epoch
 * @param epochs         the configured number of epochs
 * @param trainLoss      mean training loss over the epoch's batches
 * @param validationLoss validation loss after the epoch, or NaN without validation data
 * @param learningRate   the rate used in this epoch
 * @param elapsedMillis  time since training started
 * @param remainingMillis estimated time to the last epoch
 * @param best           whether this epoch has the best validation loss so far
 */
public record EpochResult(int epoch, int epochs, double trainLoss, double validationLoss, float learningRate,
                          long elapsedMillis, long remainingMillis, boolean best) {
}
