package dev.recur.engine.io;

import java.util.Collection;

/**
 * Values quoted in messages, made safe for a one-line error: control characters (newlines, escape
 * sequences, NUL) are written as {@code \n}, {@code \r}, {@code \t} or {@code \}{@code uXXXX}, and long values
 * are cut to {@value #MAX} characters with an ellipsis, so that a 5 MB cell or an id with a newline or ANSI
 * escape can neither flood nor split the line.
 */
public final class Shorten {

    /** The most characters of a quoted value. */
    public static final int MAX = 80;

    /** The most characters of a whole message ({@link #line}). */
    public static final int MAX_LINE = 2000;

    private Shorten() {
    }

    /** {@code s} escaped and cut to {@value #MAX} characters; "null" for null. */
    public static String value(Object s) {
        return escape(String.valueOf(s), MAX);
    }

    /** {@code s} escaped, cut, between single quotes. */
    public static String quoted(Object s) {
        return "'" + value(s) + "'";
    }

    /**
     * Values quoted ({@link #quoted}) and joined as a sentence lists them: {@code 'a'}, {@code 'a' and 'b'},
     * {@code 'a', 'b' and 'c'}.
     */
    public static String quotedList(java.util.List<?> values) {
        java.util.List<String> q = values.stream().map(Shorten::quoted).toList();
        return q.size() <= 1 ? String.join("", q)
                : String.join(", ", q.subList(0, q.size() - 1)) + " and " + q.get(q.size() - 1);
    }

    /** A list such as a header's columns: the first few values, each shortened, and how many more. */
    public static String list(Collection<?> values) {
        StringBuilder b = new StringBuilder("[");
        int i = 0;
        for (Object v : values) {
            if (i == 8) {
                b.append(", ... (").append(values.size()).append(" in all)");
                break;
            }
            b.append(i++ > 0 ? ", " : "").append(value(v));
        }
        return b.append(']').toString();
    }

    /** The most characters of a library's reason quoted in a message ({@link #reason}). */
    public static final int MAX_REASON = 300;

    /**
     * A library's reason for a failure (an XML parser's, POI's), as a message quotes it: its runs of white space,
     * line breaks among them, made one space, control characters escaped, cut to {@value #MAX_REASON} characters;
     * the exception's class where it has no message.
     */
    public static String reason(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return escape(m.strip().replaceAll("\\s+", " "), MAX_REASON);
    }

    /** A whole message made one line: control characters escaped, cut to {@value #MAX_LINE} characters. */
    public static String line(String message) {
        return escape(message == null ? "" : message, MAX_LINE);
    }

    private static String escape(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 8);
        int i = 0;
        for (; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (i < s.length()) {
            b.setLength(Math.min(b.length(), max - 1));
            b.append('…');
        }
        return b.toString();
    }
}
