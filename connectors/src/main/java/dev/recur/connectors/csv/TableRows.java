package dev.recur.connectors.csv;

import dev.recur.connectors.series.TimeFormat;
import dev.recur.connectors.series.TimeFormatDetection;
import dev.recur.engine.io.Shorten;
import org.apache.commons.csv.CSVRecord;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the CSV reader asks of a row of a table: its time field (a year and a period in two columns made one time),
 * whether it has the header's width, whether a line that is not a row is text below the table (a source, a note),
 * a row of units under the header, and the messages that name a row's problem by file and line.
 */
final class TableRows {

    private TableRows() {
    }

    private static final Pattern FOUR_DIGITS = Pattern.compile("\\d{4}");
    /** A period by its number: 3, Q1, W05. */
    private static final Pattern NUMBERED_PERIOD = Pattern.compile("[qw]?(\\d{1,2})");

    /**
     * The time of a year and a period given in two columns, as an ISO month ({@code 2024-03}), quarter label
     * ({@code 2024-Q1}) or ISO week ({@code 2024-W05}) by the period column's name: a month by its number or its
     * English name (three letters or more), a quarter by its number or {@code Q1}, a week by its number or
     * {@code W05}. A period written as a time of its own ({@code 2024-03}) is taken as it is; anything else
     * is returned as the two values with a space, which the time format then refuses, naming them.
     */
    static String yearAndPeriod(String year, String period, String periodColumn) {
        String p = period.trim();
        String y = year.trim();
        if (p.isEmpty() || y.isEmpty()) {
            return p.isEmpty() ? "" : y.isEmpty() ? "" : y + " " + p;
        }
        if (!FOUR_DIGITS.matcher(y).matches()) {
            return y + " " + p;
        }
        String kind = periodColumn.trim().toLowerCase(Locale.ROOT);
        String lowerP = p.toLowerCase(Locale.ROOT);
        int n = -1;
        Matcher numbered = NUMBERED_PERIOD.matcher(lowerP);
        if (numbered.matches()) {
            n = Integer.parseInt(numbered.group(1));
        } else if (kind.startsWith("mon")) {
            n = TimeFormat.monthNumber(lowerP);
        }
        if (n < 0) {
            TimeFormat own = TimeFormatDetection.detect(p);
            if (own != null && !own.isSteps()) {
                return p;
            }
        }
        if (kind.startsWith("mon") && n >= 1 && n <= 12) {
            return String.format(Locale.ROOT, "%s-%02d", y, n);
        }
        if ((kind.equals("quarter") || kind.equals("qtr")) && n >= 1 && n <= 4) {
            return y + "-Q" + n;
        }
        if (kind.equals("week") && n >= 1 && n <= 53) {
            return String.format(Locale.ROOT, "%s-W%02d", y, n);
        }
        return y + " " + p;
    }

    /** Why a row has not the header's {@code width} fields, but for empty fields beyond it; null when it has. */
    static String widthProblem(CSVRecord r, int width, String name, int line) {
        boolean fits = r.size() == width;
        if (r.size() > width) {
            fits = true;
            for (int i = width; i < r.size() && fits; i++) {
                fits = r.get(i).isEmpty();
            }
        }
        return fits ? null : name + ":" + line + ": expected " + width + " fields as in the header, found " + r.size();
    }

    /** Most lines below a table left out as not rows of it (a source, notes). */
    static final int MOST_FOOTER_LINES = 20;

    /**
     * Why a line of a wide or single-series file is not a row of its table (another number of fields, no time,
     * a time not in the format of the first rows), as the reader would say it; null for a row.
     */
    static String notARow(CSVRecord r, int width, TimeFormat tf, String ts, String timeName, String name,
                                  int line) {
        String why = widthProblem(r, width, name, line);
        if (why != null) {
            return why;
        }
        if (ts.isEmpty()) {
            return emptyTime(name, line, timeName);
        }
        try {
            tf.parse(ts);
            return null;
        } catch (DateTimeParseException | NumberFormatException e) {
            return notATime(name, line, timeName, ts, tf);
        }
    }

    /** That the series' id column of a row is empty. */
    static String emptyId(String name, int line, String idColumn) {
        return name + ":" + line + ": column " + Shorten.quoted(idColumn) + " (the series id) is empty";
    }

    static String emptyTime(String name, int line, String timeName) {
        return name + ":" + line + ": column " + Shorten.quoted(timeName) + " is empty";
    }

    static String notATime(String name, int line, String timeName, String ts, TimeFormat tf) {
        return name + ":" + line + ": column " + Shorten.quoted(timeName) + ": " + Shorten.quoted(ts)
                + " is not a time in the format of the first rows (" + tf + ")";
    }

    /** A row's time field: the time column's, or where a year and a period make the time, the two together. */
    static String timeField(CSVRecord r, int timeCol, int yearCol, List<String> cols) {
        return yearCol >= 0 ? yearAndPeriod(r.get(yearCol), r.get(timeCol), cols.get(timeCol)) : r.get(timeCol);
    }

    /**
     * Whether a line that is not a row of the table reads as text below it (a source, a note, a total) rather than
     * as a row with a mistake: its time field holds no digit ({@code Source: ...}, {@code Total}), or no other field
     * holds a number.
     */
    static boolean footerLike(CSVRecord r, int timeCol) {
        if (noTime(r, timeCol)) {
            return true;
        }
        for (int i = 0; i < r.size(); i++) {
            String v = r.get(i).trim();
            if (i != timeCol && !v.isEmpty() && isNumber(v)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a field is a plain number ({@code 12}, {@code 1e5}). */
    static boolean isNumber(String v) {
        try {
            Double.parseDouble(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Whether a first row with no time is a row of units under the header ({@code ,USD,count}, {@code ,%,€}): every
     * other field is text without a digit (a word or a sign, not a number nor a missing value).
     */
    static boolean unitsRow(CSVRecord r, int timeCol, int yearCol, Set<Integer> keyCols) {
        boolean any = false;
        for (int i = 0; i < r.size(); i++) {
            if (i == timeCol || i == yearCol || keyCols.contains(i)) {
                continue;
            }
            String v = r.get(i).trim();
            if (v.isEmpty() || NumberFields.MISSING.contains(v.toLowerCase(Locale.ROOT))
                    || v.chars().anyMatch(Character::isDigit)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /** Whether a field is a name, not a number nor a missing value: it has a letter, and is no number (1e5). */
    static boolean isName(String v) {
        return v.chars().anyMatch(Character::isLetter) && !NumberFields.MISSING.contains(v.toLowerCase(Locale.ROOT)) && !isNumber(v);
    }

    /** Whether a line has no digit in its time field (or no time field). */
    static boolean noTime(CSVRecord r, int timeCol) {
        return timeCol < 0 || r.size() <= timeCol || r.get(timeCol).chars().noneMatch(Character::isDigit);
    }

    /**
     * Lines below a table that are not rows of it, from the first: why the first is not a row (the error it is if
     * a row follows), its line, its first filled field, and how many lines so far.
     */
    static final class Footer {
        final String why;
        final int line;
        final String text;
        int lines = 1;
        /** Whether every line so far is a total's ({@link #totalLine}): a pivot table's subtotals, if rows follow. */
        boolean totals;

        Footer(String why, int line, CSVRecord r) {
            this.why = why;
            this.line = line;
            this.text = firstFilled(r);
            this.totals = totalLine(r);
        }

        /** The note of the lines left out. */
        String note() {
            return "left out " + (lines == 1 ? "line " + line : lines + " lines from line " + line)
                    + " below the table (" + Shorten.quoted(text) + "), not " + (lines == 1 ? "a row" : "rows")
                    + " of it";
        }
    }

    /** A line's first filled field, or "" where it has none. */
    static String firstFilled(CSVRecord r) {
        for (String v : r) {
            if (!v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    /**
     * Whether a line is a total's, as a pivot table writes its subtotals and grand total: its first filled field a
     * total's label ({@code North Total}, {@code Grand Total}, {@code Subtotal}). Read only where the line holds no
     * time.
     */
    static boolean totalLine(CSVRecord r) {
        // Total, Totals, Grand Total, North Total, Subtotal, TOTAL: the label's last word (a scan, not a pattern
        // that could backtrack over a huge field)
        String label = firstFilled(r).strip().toLowerCase(Locale.ROOT);
        String v = label.endsWith("s") ? label.substring(0, label.length() - 1) : label;
        String word = v.endsWith("subtotal") ? "subtotal" : v.endsWith("total") ? "total" : null;
        if (word == null) {
            return false;
        }
        int before = v.length() - word.length() - 1;
        return before < 0 || Character.isWhitespace(v.charAt(before));
    }

    /** A line's first field where it is a number of digits and points. */
    private static final Pattern NUMBER_FIRST = Pattern.compile("(?m)^\"?([\\d.]+)\"?[,;\t|]");

    /**
     * The numbers that begin the lines of a file's first rows ({@code sample}): the values of a first column of
     * times; the last line, which the sample may cut short, left out.
     */
    static List<String> numbersFirst(String sample) {
        int end = sample.lastIndexOf('\n');
        Matcher m = NUMBER_FIRST.matcher(end < 0 ? "" : sample.substring(0, end));
        List<String> numbers = new ArrayList<>();
        while (m.find()) {
            numbers.add(m.group(1));
        }
        return numbers;
    }
}
