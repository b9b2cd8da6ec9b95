package dev.recur.engine.train;

/**
 * Training stopped because it could not go on: the loss or the gradient became NaN or infinite. The
 * message says where (epoch and batch) and what to try; the network keeps its last finite weights.
 */
public final class TrainingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for the user. */
    public TrainingException(String message) {
        super(message);
    }
}
