package dev.recur.connectors.csv;

import dev.recur.connectors.DataException;
import dev.recur.engine.io.Shorten;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a file's numbers (and, one series at a time, the Spark job's text values: {@link #value(String, Supplier)}).
 * In a file whose fields are not separated by commas (a semicolon, tab or bar), a value may have a decimal comma
 * ({@code 10,5}), as spreadsheets write them in much of Europe. A file takes one decimal mark: the first value that
 * has one decides it, and a later value with the other is an error that names both lines, never read as something
 * else ({@code 1.234} could be a thousand and more in such a file).
 * A value that is not a plain number but one as a spreadsheet displays it is read as its number: thousands
 * separators ({@code "1,234.50"}, {@code 1.234,50}, {@code 1 234,50}, {@code 1'234.50}, every group of three
 * digits), a currency sign before or after it ({@code $1,234}, {@code 12,50 €}) and a percent sign
 * ({@code 12.5%} is 12.5); its decimal mark counts as any other's, and the first such value is named in a note.
 */
public final class NumberFields {

    /**
     * The values of a field that mean a missing value, in lower case: R's and pandas' ({@code NA}, {@code NaN}),
     * databases' ({@code null}), FRED's, SAS's and Stata's ({@code .}), the World Bank's and the OECD's ({@code ..}),
     * Eurostat's ({@code :}), a spreadsheet's error value ({@code #N/A}) and the time series data library's
     * ({@code ?}).
     */
    static final Set<String> MISSING = Set.of("", "na", "nan", "null", "n/a", "none", "-", ".", "..", ":", "#n/a", "?");
    /** Currency signs a displayed number may carry ({@link #displayed}). */
    private static final String CURRENCY = "$\u20ac\u00a3\u00a5";
    /** The typographic minus sign (U+2212), as some exports and web tables write negative numbers. */
    private static final char MINUS = '\u2212';
    /** Thousands separators of displayed numbers: comma, point, space, no-break spaces, apostrophes. */
    private static final String GROUPING = ",. \u00a0\u202f'\u2019";

    private final boolean commaAllowed;
    /** The decimal mark the file uses ({@code '.'} or {@code ','}), or 0 before a value has shown one. */
    private char mark;
    private int markLine;
    private String markValue;
    /** The first value read as a spreadsheet displays it ({@link #displayed}), its line and its number. */
    private String formattedValue;
    private int formattedLine;
    private Supplier<String> formattedPlace;
    private double formattedAs;

    /**
     * A value with a statistics office's flag after it ({@code 380320.3 p}: Eurostat's provisional, estimated, break
     * in series, ... one to three of b c d e f n p r s u z); {@code : c} is a missing value so flagged.
     */
    private static final java.util.regex.Pattern FLAGGED = java.util.regex.Pattern.compile("(.*\\S)\\s+([bcdefnprsuz]{1,3})");
    /** The first flagged value, its line and the number it was read as. */
    private String flaggedValue;
    private int flaggedLine;
    private Supplier<String> flaggedPlace;
    /** The first value written below a bound ({@code <1}), its line and the number it was read as. */
    private String boundValue;
    private int boundLine;
    private Supplier<String> boundPlace;
    private double boundAs;

    /**
     * @param commaAllowed whether a value may have a decimal comma (a file whose fields are not separated by commas)
     */
    public NumberFields(boolean commaAllowed) {
        this.commaAllowed = commaAllowed;
    }

    /**
     * The notes on the values read so far that were not plain numbers (the first displayed, flagged or doubtful, and
     * bounded one, each named by its line, or outside a file by its place), in that order; empty for none.
     */
    public List<String> notes() {
        List<String> out = new ArrayList<>(3);
        for (String n : new String[]{formattedNote(), flaggedNote(), boundNote()}) {
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    /** Where a value was: {@code  on line 12} in a file, {@code  at series 'A', time '2024-03'} outside one. */
    private static String at(int line, Supplier<String> place) {
        return place != null ? " at " + place.get() : " on line " + line;
    }

    /** The note that names the first value read from its displayed form, or null when there was none. */
    String formattedNote() {
        return formattedValue == null ? null : "read numbers as a spreadsheet displays them (thousands separators, "
                + "currency and percent signs dropped): " + Shorten.quoted(formattedValue) + at(formattedLine, formattedPlace)
                + " as " + (formattedAs == Math.rint(formattedAs) && Math.abs(formattedAs) < 1e15
                ? Long.toString((long) formattedAs) : Double.toString(formattedAs));
    }

    /**
     * The note that names the first value read without the flag after it or the question mark before it
     * ({@link #value}), or null.
     */
    String flaggedNote() {
        return flaggedValue == null ? null : flaggedValue.startsWith("?")
                ? "read values with a question mark before them (" + Shorten.quoted(flaggedValue)
                        + at(flaggedLine, flaggedPlace) + ", as the Time Series Data Library marks doubtful readings) as "
                        + "their numbers"
                : "read values with a flag after them (" + Shorten.quoted(flaggedValue) + at(flaggedLine, flaggedPlace)
                        + ", as Eurostat marks provisional and estimated values) as their numbers";
    }

    /** The note that names the first value written below a bound ({@link #value}), or null when there was none. */
    String boundNote() {
        return boundValue == null ? null : "read values written below a bound (" + Shorten.quoted(boundValue)
                + at(boundLine, boundPlace) + ", as Google Trends writes a share below 1 and laboratories a level below "
                + "what they detect) as half the bound: " + boundAs;
    }

    /**
     * A number as a spreadsheet displays it: {value, decimal mark, thousands separator (0 for none)}, or null
     * when {@code s} is not
     * one. A negative in parentheses as accountants write it ({@code (1,234.50)}, {@code $(12.00)}) or with the
     * typographic minus ({@code −5.5}); an optional sign, a currency sign ({@code $ € £ ¥}) before or after, or a percent sign after; then
     * digits whose integer part is grouped in threes by one thousands separator (a comma, point, space,
     * no-break space or apostrophe) and an optional decimal part after the other mark. Where a single separator
     * could be either ({@code 1,234}, {@code 1.234}), it is the thousands separator only in a file whose decimal
     * mark it cannot be (a comma between commas) and is otherwise left to the plain reading.
     */
    double[] displayed(String s) {
        Marked m = unmarked(s.strip());
        String t = m.text();
        if (t.isEmpty() || !Character.isDigit(t.charAt(0)) || !Character.isDigit(t.charAt(t.length() - 1))
                && t.charAt(t.length() - 1) != '.' && t.charAt(t.length() - 1) != ',') {
            return null;
        }
        char decimal = decimalMark(t);
        if (decimal == ',' && !commaAllowed) {
            return null;   // a decimal comma between commas, as in plain numbers
        }
        int end = decimal == 0 ? t.length() : t.lastIndexOf(decimal);
        String whole = t.substring(0, end);
        String fraction = decimal == 0 ? "" : t.substring(end + 1);
        StringBuilder digits = new StringBuilder(t.length());
        char group = 0;
        int run = 0;
        boolean grouped = false;
        for (int i = 0; i < whole.length(); i++) {
            char c = whole.charAt(i);
            if (Character.isDigit(c) && c < 128) {
                digits.append(c);
                run++;
            } else if (GROUPING.indexOf(c) >= 0 && c != decimal && (group == 0 || c == group)
                    && run >= 1 && run <= 3) {
                if (grouped && run != 3) {
                    return null;
                }
                group = c;
                grouped = true;
                run = 0;
            } else {
                return null;
            }
        }
        if (grouped && run != 3) {
            return null;
        }
        for (int i = 0; i < fraction.length(); i++) {
            if (!Character.isDigit(fraction.charAt(i)) || fraction.charAt(i) >= 128) {
                return null;
            }
        }
        if (!grouped && !m.sign() && !m.shownNegative()) {
            return null;   // not a displayed number: a plain one would have been read
        }
        double v = Double.parseDouble(digits + (fraction.isEmpty() ? "" : "." + fraction));
        return new double[]{m.negative() ? -v : v, decimal, group};
    }

    /**
     * A field without the marks a display puts around a number.
     *
     * @param text          what is left: the digits and separators, if it is a number
     * @param negative      whether it is negative (a sign, parentheses)
     * @param shownNegative whether it is negative as only a display writes it: in parentheses, or with the
     *                      typographic minus
     * @param sign          whether a currency or percent sign stood before or after it
     */
    private record Marked(String text, boolean negative, boolean shownNegative, boolean sign) {
    }

    /**
     * The field {@code t} without an accountant's parentheses, a sign, a currency sign before or after (and a sign
     * or parentheses after one before: {@code $(1,234.50)}) or a percent sign after.
     */
    private static Marked unmarked(String t) {
        boolean negative = false;
        boolean shownNegative = false;
        if (t.length() > 2 && t.charAt(0) == '(' && t.charAt(t.length() - 1) == ')') {
            // an accountant's negative: (1,234.50)
            negative = true;
            shownNegative = true;
            t = t.substring(1, t.length() - 1).strip();
        }
        if (!t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == '+' || t.charAt(0) == MINUS) && !negative) {
            negative = t.charAt(0) != '+';
            shownNegative = t.charAt(0) == MINUS;
            t = t.substring(1).strip();
        }
        boolean sign = false;
        if (!t.isEmpty() && CURRENCY.indexOf(t.charAt(0)) >= 0) {
            t = t.substring(1).strip();
            sign = true;
            if (!negative && !t.isEmpty() && (t.charAt(0) == '-' || t.charAt(0) == MINUS)) {
                negative = true;
                t = t.substring(1).strip();
            } else if (!negative && t.length() > 2 && t.charAt(0) == '(' && t.charAt(t.length() - 1) == ')') {
                negative = true;   // $(1,234.50)
                t = t.substring(1, t.length() - 1).strip();
            }
        }
        if (!sign && !t.isEmpty() && (CURRENCY.indexOf(t.charAt(t.length() - 1)) >= 0
                || t.charAt(t.length() - 1) == '%')) {
            t = t.substring(0, t.length() - 1).strip();
            sign = true;
        }
        return new Marked(t, negative, shownNegative, sign);
    }

    /**
     * The decimal mark of a displayed number {@code t}, 0 for none: the last point or comma when the other separator
     * or a second one comes before it; a single separator three digits from the end is the thousands separator in a
     * file whose decimal mark it cannot be (a comma between commas), else the decimal mark.
     */
    private char decimalMark(String t) {
        int lastPoint = t.lastIndexOf('.');
        int lastComma = t.lastIndexOf(',');
        if (lastPoint >= 0 && lastComma >= 0) {
            return lastPoint > lastComma ? '.' : ',';
        }
        if (lastPoint < 0 && lastComma < 0) {
            return 0;
        }
        char only = lastPoint >= 0 ? '.' : ',';
        boolean repeated = t.indexOf(only) != t.lastIndexOf(only);
        boolean threeAfter = t.length() - 1 - t.lastIndexOf(only) == 3;
        if (repeated || only == ',' && !commaAllowed && threeAfter) {
            return 0;   // 1,234,567 or 1.234.567; 1,234 between commas
        }
        return only;   // 1234.5 with a sign, 1 234,5
    }

    /**
     * A value marked as statistics sources mark them, which a plain number never is (so that only a field that is no
     * plain number is looked at): a flag after it ({@code 380320.3 p}) or a question mark before it ({@code ?0.2}),
     * its number; a bound before it ({@code <1}), half the bound; null for none of these.
     */
    private Double marked(String s, String file, int line, String column, Supplier<String> place) {
        java.util.regex.Matcher flagged = s.length() > 2 ? FLAGGED.matcher(s) : null;
        boolean doubtful = s.length() > 1 && s.charAt(0) == '?';
        if (flagged != null && flagged.matches() || doubtful) {
            // a flag after the value (Eurostat's 380320.3 p), or a question mark before it (the Time Series Data
            // Library's ?0.2, a doubtful reading): the number
            double v = parse(doubtful ? s.substring(1).strip() : flagged.group(1), file, line, column, place);
            if (flaggedValue == null) {
                flaggedValue = s;
                flaggedLine = line;
                flaggedPlace = place;
            }
            return v;
        }
        if (s.length() > 1 && s.charAt(0) == '<') {
            // a value below a bound (Google Trends' <1, a level below a detection limit): half the bound, the
            // usual stand-in
            double bound = parse(s.substring(1).strip(), file, line, column, place);
            if (!(bound > 0)) {
                throw new BadNumber(where(s, file, line, column, place) + " is not a number");
            }
            if (boundValue == null) {
                boundValue = s;
                boundLine = line;
                boundPlace = place;
                boundAs = bound / 2;
            }
            return bound / 2;
        }
        return null;
    }

    double value(String s, String file, int line, String column) {
        return parse(s, file, line, column, null);
    }

    /**
     * A value read as a file's are, outside a file (the Spark job's text columns): a plain number, a missing value's
     * mark ({@link #MISSING}: NaN), a marked or displayed number as {@link NumberFields} describes; anything else is
     * a {@link BadNumber} whose message starts with the place ({@code series 'A', time '2024-03'}), made only then.
     * One instance per series or table: the first decimal mark seen is the one a later value must have.
     */
    public double value(String s, Supplier<String> place) {
        return parse(s, null, 0, null, java.util.Objects.requireNonNull(place));
    }

    /**
     * {@link #value}: {@code s} read on a file's {@code line} of {@code column}, or at {@code place} (null in a file;
     * made only for a message).
     */
    private double parse(String s, String file, int line, String column, Supplier<String> place) {
        if (MISSING.contains(s.toLowerCase(Locale.ROOT))) {
            return Double.NaN;
        }
        // a comma-separated file (the common case) never scans a value for commas
        int point = s.indexOf('.');
        int comma = commaAllowed && point < 0 ? s.indexOf(',') : -1;
        boolean decimalComma = comma >= 0 && comma == s.lastIndexOf(',');
        double v;
        char used;
        try {
            v = Double.parseDouble(decimalComma ? s.replace(',', '.') : s);
            used = decimalComma ? ',' : point >= 0 ? '.' : 0;
        } catch (NumberFormatException e) {
            Double marked = marked(s, file, line, column, place);
            if (marked != null) {
                return marked;
            }
            double[] shown = displayed(s);
            // a thousands separator is never the file's decimal mark
            if (shown == null || mark != 0 && shown[2] == mark) {
                throw new BadNumber(where(s, file, line, column, place) + " is not a number");
            }
            v = shown[0];
            used = (char) shown[1];
            if (formattedValue == null) {
                formattedValue = s;
                formattedLine = line;
                formattedPlace = place;
                formattedAs = v;
            }
        }
        if (Double.isInfinite(v)) {
            throw new BadNumber(where(s, file, line, column, place) + " is infinite");
        }
        if (used != 0 && mark == 0) {
            mark = used;
            markLine = line;
            markValue = s;
        } else if (used != 0 && used != mark) {
            throw new DataException(where(s, file, line, column, place) + " has a decimal " + (used == ',' ? "comma" : "point") + ", but "
                    + Shorten.quoted(markValue) + (markLine > 0 ? " on line " + markLine : "") + " has a decimal "
                    + (mark == ',' ? "comma" : "point") + ": a file takes one decimal mark");
        }
        return v;
    }

    /**
     * Whether {@code s} reads as a value of this file (a number, marked or displayed, or a missing value's mark),
     * without taking its decimal mark or noting its form.
     */
    boolean readsAsValue(String s) {
        try {
            new NumberFields(commaAllowed).value(s, "", 0, "");
            return true;
        } catch (DataException e) {
            return false;
        }
    }

    private static String where(String s, String file, int line, String column, Supplier<String> place) {
        return (place != null ? place.get() : file + ":" + line + ": column " + Shorten.quoted(column)) + ": "
                + Shorten.quoted(s);
    }

    /** The decimal mark the values have shown ({@code '.'} or {@code ','}), or 0 where none has shown one. */
    char mark() {
        return mark;
    }

    /** A value that is not a finite number: its series' problem, not the file's. */
    public static final class BadNumber extends DataException {
        private static final long serialVersionUID = 1L;

        BadNumber(String message) {
            super(message);
        }
    }
}
