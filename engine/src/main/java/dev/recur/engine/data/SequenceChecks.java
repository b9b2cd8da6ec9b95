package dev.recur.engine.data;

/** Validation of user-supplied sequences, with messages that name the offending index. */
public final class SequenceChecks {

    private SequenceChecks() {
    }

    /**
     * Checks a batch of input sequences.
     *
     * @throws IllegalArgumentException naming the sequence (and step and channel) that is empty, ragged,
     *                                  or holds a NaN or infinity
     */
    public static void checkInputs(float[][] inputs, int inputSize) {
        if (inputs == null || inputs.length == 0) {
            throw new IllegalArgumentException("no sequences given");
        }
        for (int b = 0; b < inputs.length; b++) {
            float[] x = inputs[b];
            if (x == null || x.length == 0) {
                throw new IllegalArgumentException("sequence " + b + " has length 0");
            }
            if (x.length % inputSize != 0) {
                throw new IllegalArgumentException("sequence " + b + " has " + x.length
                        + " values, not a multiple of the input size " + inputSize);
            }
            checkFinite(x, inputSize, "sequence " + b, "input");
        }
    }

    /**
     * Checks that every value is finite.
     *
     * @param width values per time step, to report step and channel
     * @param what  the name of the array in the message, e.g. "sequence 3"
     * @param kind  "input" or "target"
     */
    public static void checkFinite(float[] x, int width, String what, String kind) {
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i])) {
                throw new IllegalArgumentException(what + ": " + kind + " at step " + (i / width) + ", channel "
                        + (i % width) + " is " + x[i]);
            }
        }
    }
}
