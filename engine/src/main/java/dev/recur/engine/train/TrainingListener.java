package dev.recur.engine.train;

/** Receives progress from {@link NetworkTrainer}, e.g. to print epochs, loss and time left. */
@FunctionalInterface
public interface TrainingListener {

    /** A listener that ignores everything. */
    TrainingListener NONE = r -> { };

    /** Called after every epoch. */
    void onEpoch(EpochResult result);
}
