package dev.recur.connectors;

/**
 * Input data that cannot be used: the message is one line naming the source (file and line, or query
 * and column) and what is wrong, ready to show a user.
 */
public class DataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a complete one-line message. */
    public DataException(String message) {
        super(message);
    }

    /** Creates the exception with a message and a cause (e.g. an I/O error). */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
