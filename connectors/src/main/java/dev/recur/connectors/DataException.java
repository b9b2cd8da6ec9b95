package dev.recur.connectors;

import dev.recur.engine.io.Shorten;

/**
 * Input data that cannot be used: the message is one line naming the source (file and line, or query
 * and column) and what is wrong, ready to show a user.
 */
public class DataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a complete one-line message (made safe with {@link Shorten#line}: a control
     * character that slipped through is escaped, an overlong message cut).
     */
    public DataException(String message) {
        super(Shorten.line(message));
    }

    /** Creates the exception with a message and a cause (e.g. an I/O error). */
    public DataException(String message, Throwable cause) {
        super(Shorten.line(message), cause);
    }
}
