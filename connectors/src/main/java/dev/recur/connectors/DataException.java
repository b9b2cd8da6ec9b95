package dev.recur.connectors;

import dev.recur.engine.io.Shorten;

/**
 * Input data that cannot be used: the message is one line naming the source (file and line, or query
 * and column) and what is wrong, ready to show a user.
 */
public class DataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * The setting that would fix the problem, for a front end to name in its own terms (the command line
     * appends its flag); the message itself names no front end's options.
     */
    public enum Remedy {
        /** The series' frequency. */
        FREQUENCY,
        /** The policy for missing values and gaps. */
        MISSING,
        /** The field delimiter. */
        DELIMITER,
        /** The id column. */
        ID_COLUMN,
        /** The time column. */
        TIME_COLUMN,
        /** The value column. */
        VALUE_COLUMN,
        /** The time pattern. */
        TIME_FORMAT,
        /** How the rows of one time or period are combined. */
        AGGREGATE
    }

    private final Remedy remedy;

    /**
     * Creates the exception with a complete one-line message (made safe with {@link Shorten#line}: a control
     * character that slipped through is escaped, an overlong message cut).
     */
    public DataException(String message) {
        this(message, (Remedy) null);
    }

    /** Creates the exception with a one-line message and the setting that would fix it. */
    public DataException(String message, Remedy remedy) {
        super(Shorten.line(message));
        this.remedy = remedy;
    }

    /** Creates the exception with a message and a cause (e.g. an I/O error). */
    public DataException(String message, Throwable cause) {
        super(Shorten.line(message), cause);
        this.remedy = null;
    }

    /** The setting that would fix the problem, or null. */
    public Remedy remedy() {
        return remedy;
    }
}
