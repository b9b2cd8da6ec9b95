package dev.recur.engine.nn;

/** How the dense head reads the recurrent stack. */
public enum OutputMode {
    /**
     * One output vector per sequence from the final hidden state (both directions' when bidirectional):
     * e.g. a whole forecast horizon at once.
     */
    MANY_TO_ONE,
    /** One output vector at every time step of the sequence. */
    MANY_TO_MANY
}
