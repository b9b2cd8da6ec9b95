package dev.recur.connectors.csv;

import dev.recur.engine.io.Shorten;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What comes before a CSV file's table: the header line (peeked, and its delimiter found), a report's title lines
 * or lines of a key and its value above the header, and the UK statistics office's layout of a series (lines of a
 * key and its value, then rows with no header), each turned into a table whose lines keep their numbers.
 */
final class TablePreamble {

    /** The delimiter given, or null to find it from each line. */
    private final Character given;

    /** A preamble reader with the delimiter given (null: found from each line). */
    TablePreamble(Character given) {
        this.given = given;
    }

    /** The most characters of the header line read to detect the delimiter. */
    static final int HEADER_PEEK = 1 << 16;

    /**
     * The first line that is not empty (the header: the parser skips empty lines, as a sheet's rows above its table
     * are), or its first {@value #HEADER_PEEK} characters when it is longer (a wide file of tens of thousands of
     * series), leaving the reader where it was; empty when only empty lines fit the peek, null for no characters.
     */
    static String peekFirstLine(BufferedReader reader) throws IOException {
        char[] buf = new char[HEADER_PEEK];
        reader.mark(HEADER_PEEK);
        int n = 0;
        int start = 0;
        int end = -1;
        while (n < buf.length && end < 0) {
            int r = reader.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            for (int i = n; i < n + r; i++) {
                if (buf[i] == '\n' || buf[i] == '\r') {
                    if (i == start) {
                        start = i + 1;   // an empty line before the header
                        continue;
                    }
                    end = i;
                    break;
                }
            }
            n += r;
        }
        reader.reset();
        return n == 0 ? null : new String(buf, Math.min(start, n), (end >= 0 ? end : n) - Math.min(start, n));
    }

    /** The first line of a UK statistics office's series: {@code "Title","CPI ANNUAL RATE ..."}. */
    static final Pattern ONS_FIRST = Pattern.compile("^\"?Title\"?,");
    /** Its rows' times: a year, a year and quarter, a year and month's name (1989, 1989 Q1, 1989 JAN). */
    private static final Pattern ONS_YEAR = Pattern.compile("\\d{4}");
    private static final Pattern ONS_QUARTER = Pattern.compile("\\d{4} Q[1-4]");
    private static final Pattern ONS_MONTH = Pattern.compile("(?i)\\d{4} [a-z]{3}");

    /** A UK statistics office's series as a table: its text, line for line, and the note that says so. */
    record Ons(String text, String note) {
    }

    /**
     * The text of a UK statistics office's series file ({@code "Title",...}, {@code "CDID","D7G7"}, more lines of a
     * key and its value, then rows of a time and a value with no header: the years, then the quarters, then the
     * months of one series) as a table of its finest rows under a header of the time and the series' CDID, the
     * other lines empty so that every row keeps its line number; null where the text is not so.
     */
    Ons ons(String text) {
        String[] lines = text.split("\n", -1);
        String cdid = null;
        String title = null;
        int[] counts = new int[3];
        int[] kind = new int[lines.length];
        java.util.Arrays.fill(kind, -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> f = fieldsOf(lines[i]);
            if (f == null || f.size() < 2) {
                return null;
            }
            String t = f.get(0);
            int k = ONS_MONTH.matcher(t).matches() ? 2 : ONS_QUARTER.matcher(t).matches() ? 1
                    : ONS_YEAR.matcher(t).matches() ? 0 : -1;
            if (k < 0) {
                if (counts[0] + counts[1] + counts[2] > 0) {
                    return null;   // a key among the rows: not this layout
                }
                title = t.equals("Title") ? f.get(1) : title;
                cdid = t.equals("CDID") ? f.get(1) : cdid;
                continue;
            }
            kind[i] = k;
            counts[k]++;
        }
        int finest = counts[2] > 0 ? 2 : counts[1] > 0 ? 1 : counts[0] > 0 ? 0 : -1;
        if (cdid == null || cdid.isBlank() || finest < 0) {
            return null;
        }
        StringBuilder out = new StringBuilder("\"" + (finest == 2 ? "month" : finest == 1 ? "quarter" : "year")
                + "\",\"" + cdid.replace("\"", "\"\"") + "\"");
        for (int i = 1; i < lines.length; i++) {
            out.append('\n').append(kind[i] == finest ? lines[i] : "");
        }
        String[] names = {"yearly", "quarterly", "monthly"};
        StringBuilder left = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            if (k != finest && counts[k] > 0) {
                left.append(left.length() == 0 ? "" : " and ").append(counts[k]).append(' ').append(names[k]);
            }
        }
        return new Ons(out.toString(), "read the UK statistics office's series " + Shorten.quoted(cdid)
                + (title == null ? "" : " (" + title + ")") + ": its " + counts[finest] + " " + names[finest] + " rows"
                + (left.length() == 0 ? "" : "; its " + left + " rows of the same series left out"));
    }

    /** Most lines above a table that are read as its title. */
    private static final int MOST_TITLE_LINES = 10;

    /**
     * The lines above a CSV file's table, as reports export them: {@code lines} lines (a title, a note) whose only
     * text is in their first field, then the header, {@code header}.
     */
    record Titles(int lines, int withText, String header) {
        /** The reader with the title lines as empty lines, so that every later line keeps its number. */
        BufferedReader reader(BufferedReader rest) throws IOException {
            for (int i = 0; i < lines; i++) {
                rest.readLine();
            }
            java.io.Reader blank = new java.io.StringReader("\n".repeat(lines));
            return new BufferedReader(new java.io.Reader() {
                private boolean first = true;

                @Override
                public int read(char[] cbuf, int off, int len) throws IOException {
                    if (first) {
                        int n = blank.read(cbuf, off, len);
                        if (n > 0) {
                            return n;
                        }
                        first = false;
                    }
                    return rest.read(cbuf, off, len);
                }

                @Override
                public void close() throws IOException {
                    rest.close();
                }
            }, 1 << 16);
        }

        String note() {
            return withText + " line" + (withText == 1 ? "" : "s") + " above the table (a title or a note) left out";
        }
    }

    /**
     * The title lines above the table of {@code reader}'s first lines, or null where there are none: up to
     * {@link #MOST_TITLE_LINES} lines whose only text is in their first field (or none at all), before a line with
     * text in two fields or more, the header. A header whose first field alone is empty ({@code ,sales}, pandas'
     * index) is a header, as any line with text beyond its first field.
     */
    Titles titles(BufferedReader reader) throws IOException {
        char[] buf = new char[HEADER_PEEK];
        reader.mark(HEADER_PEEK);
        int n = 0;
        boolean whole = false;
        try {
            while (n < buf.length) {
                int r = reader.read(buf, n, buf.length - n);
                if (r < 0) {
                    whole = true;
                    break;
                }
                n += r;
            }
        } finally {
            reader.reset();
        }
        String[] lines = new String(buf, 0, n).split("\r\n|\r|\n", -1);
        // the lines read whole: all but a last one cut off by the peek's end
        int complete = whole ? lines.length : lines.length - 1;
        Titles titles = titleLines(lines, complete);
        return titles != null ? titles : keyValueLines(lines, complete);
    }

    /** The fields of one line of a file's first lines, or null where it is no whole record. */
    private List<String> fieldsOf(String line) {
        char d = given != null ? given : detectDelimiter(line);
        try (CSVParser one = CSVFormat.DEFAULT.builder().setDelimiter(d).setTrim(true).build().parse(
                new java.io.StringReader(line))) {
            List<CSVRecord> records = one.getRecords();
            return records.size() != 1 ? null : records.get(0).toList();
        } catch (UncheckedIOException | IllegalStateException | IOException e) {
            return null;
        }
    }

    /**
     * Lines of a key and its value above a table ({@code "Data Source","World Development Indicators"}, then
     * {@code "Last Updated Date","2024-06-28"}, as the World Bank's downloads begin), at most {@link #MOST_TITLE_LINES}
     * with text in two fields or fewer, then an empty line and a header with text in three fields or more; null
     * where the first lines are not so.
     */
    private Titles keyValueLines(String[] lines, int complete) {
        int withText = 0;
        boolean afterEmpty = false;
        for (int i = 0; i < Math.min(complete, MOST_TITLE_LINES + 1); i++) {
            String line = lines[i];
            if (line.isBlank()) {
                afterEmpty = true;
                continue;
            }
            List<String> fields = fieldsOf(line);
            if (fields == null) {
                return null;
            }
            long text = fields.stream().filter(f -> !f.isBlank()).count();
            if (text >= 3) {
                return withText > 0 && afterEmpty ? new Titles(i, withText, line) : null;
            }
            withText += text > 0 ? 1 : 0;
            afterEmpty = false;
        }
        return null;
    }

    /** Lines whose only text is in their first field above a header ({@link #titles}), or null. */
    private Titles titleLines(String[] lines, int complete) {
        int withText = 0;
        for (int i = 0; i < Math.min(complete, MOST_TITLE_LINES + 1); i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = fieldsOf(line);
            if (fields == null) {
                return null;   // a field over several lines: no title
            }
            if (fields.stream().skip(1).anyMatch(f -> !f.isBlank())) {
                return withText == 0 ? null : new Titles(i, withText, line);
            }
            withText += fields.isEmpty() || fields.get(0).isBlank() ? 0 : 1;
        }
        return null;
    }

    /** The delimiter of a header line: of comma, semicolon, tab and bar, the one found most often outside quotes. */
    static char detectDelimiter(String line) {
        char best = ',';
        int bestCount = 0;
        for (char c : new char[]{',', ';', '\t', '|'}) {
            int n = 0;
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == c && !quoted) {
                    n++;
                }
            }
            if (n > bestCount) {
                best = c;
                bestCount = n;
            }
        }
        return best;
    }
}
