package dev.recur.plugin.cli;

/** Values quoted in messages: control characters escaped, long ones shortened, so that a message stays one line. */
final class Messages {

    /** The most characters of a quoted value. */
    static final int MAX = 80;

    private Messages() {
    }

    /** {@code s} with control characters as {@code \n}, {@code \t} or {@code \}{@code uXXXX}, cut to {@value #MAX} characters with an ellipsis. */
    static String shorten(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < MAX; i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (Character.isISOControl(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (b.length() >= MAX && s.length() > MAX) {
            b.setLength(MAX - 1);
            b.append('…');
        }
        return b.toString();
    }
}
