package dev.recur.connectors.csv;

import dev.recur.connectors.DataException;
import dev.recur.connectors.MissingPolicy;
import dev.recur.engine.forecast.Frequency;
import dev.recur.engine.forecast.TimeSeries;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads time series from a CSV file with Apache Commons CSV, in one streaming pass.
 *
 * <p>Layouts, recognised from the header: long ({@code unique_id,ds,y}, or any id, time and value
 * columns), single series ({@code date,value}) and wide ({@code time,series_a,series_b,...}). Columns
 * named in the options win over recognition. Rows may come in any order: each series is sorted by time.
 * Missing values ({@code ""}, {@code NA}, {@code NaN}, {@code null}, {@code N/A}) and gaps in the time
 * index are handled by the {@link MissingPolicy}, and every change is reported in
 * {@link SeriesData#notes()}.
 *
 * <p>Every problem is a {@link DataException} whose message names the file, the line and the column.
 */
public final class CsvSeriesReader {

    private static final Set<String> ID_NAMES = Set.of("unique_id", "id", "series", "series_id", "item_id", "key", "name");
    private static final Set<String> TIME_NAMES = Set.of("ds", "date", "time", "timestamp", "datetime", "period",
            "step", "t", "month", "year", "week", "day", "hour");
    private static final Set<String> VALUE_NAMES = Set.of("y", "value", "target", "values", "sales", "demand", "count");
    private static final Set<String> MISSING = Set.of("", "na", "nan", "null", "n/a", "none", "-");
    /** Longest gap filled, in steps; a longer one is almost surely a wrong frequency. */
    private static final int MAX_GAP = 1_000_000;

    private final CsvOptions options;

    /** Creates a reader with the given options. */
    public CsvSeriesReader(CsvOptions options) {
        this.options = options;
    }

    /**
     * Reads a file.
     *
     * @throws DataException for a missing, unreadable or malformed file, naming file, line and column
     */
    public SeriesData read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.exists(file)) {
            throw new DataException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new DataException(file + ": is a folder, not a CSV file");
        }
        if (!Files.isReadable(file)) {
            throw new DataException(file + ": cannot be read (permission denied)");
        }
        try (InputStream raw = Files.newInputStream(file)) {
            return read(raw, name);
        } catch (IOException e) {
            throw new DataException(name + ": cannot be read: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new DataException(name + ": cannot be read: " + e.getCause().getMessage(), e);
        }
    }

    /** Reads from a stream; {@code name} is used in messages. */
    public SeriesData read(InputStream in, String name) throws IOException {
        BufferedInputStream bin = new BufferedInputStream(in, 1 << 16);
        bin.mark(4);
        int b0 = bin.read();
        int b1 = bin.read();
        bin.reset();
        InputStream data = bin;
        if (b0 == 0x1f && b1 == 0x8b) {
            data = new BufferedInputStream(new GZIPInputStream(bin, 1 << 16), 1 << 16);
        }
        data.mark(1 << 14);
        byte[] head = data.readNBytes(1 << 13);
        data.reset();
        if (head.length == 0) {
            throw new DataException(name + ": the file is empty");
        }
        Charset charset = options.charset();
        int skip = 0;
        if (head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
            charset = charset == null ? StandardCharsets.UTF_8 : charset;
            skip = 3;
        } else if (head.length >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (head.length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        }
        if (charset == null) {
            charset = StandardCharsets.UTF_8;
        }
        if (!charset.name().startsWith("UTF-16")) {
            for (int i = 0; i < head.length; i++) {
                if (head[i] == 0) {
                    throw new DataException(name + ": does not look like a CSV text file (binary data at byte " + i + ")");
                }
            }
        }
        data.skipNBytes(skip);
        BufferedReader reader = new BufferedReader(new InputStreamReader(data, charset), 1 << 16);
        reader.mark(1 << 16);
        String firstLine = reader.readLine();
        reader.reset();
        if (firstLine == null || firstLine.isBlank()) {
            throw new DataException(name + ":1: the header line is empty");
        }
        char delimiter = options.delimiter() != null ? options.delimiter() : detectDelimiter(firstLine);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true)
                .setIgnoreEmptyLines(true).build();
        try (CSVParser parser = format.parse(reader)) {
            return parse(parser, name);
        } catch (UncheckedIOException e) {
            throw new DataException(name + ": malformed CSV: " + e.getCause().getMessage(), e);
        } catch (IllegalStateException e) {
            throw new DataException(name + ": malformed CSV: " + e.getMessage(), e);
        }
    }

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

    /** One series being read: times, values and line numbers, in file order. */
    private static final class Acc {
        final String id;
        long[] t = new long[256];
        double[] v = new double[256];
        int[] line = new int[256];
        int n;

        Acc(String id) {
            this.id = id;
        }

        void add(long time, double value, int ln) {
            if (n == t.length) {
                t = Arrays.copyOf(t, n * 2);
                v = Arrays.copyOf(v, n * 2);
                line = Arrays.copyOf(line, n * 2);
            }
            t[n] = time;
            v[n] = value;
            line[n] = ln;
            n++;
        }
    }

    private SeriesData parse(CSVParser parser, String name) {
        var it = parser.iterator();
        if (!it.hasNext()) {
            throw new DataException(name + ": the file is empty");
        }
        CSVRecord header = it.next();
        List<String> cols = new ArrayList<>();
        for (String c : header) {
            cols.add(c);
        }
        Map<String, Integer> lower = new HashMap<>();
        for (int i = 0; i < cols.size(); i++) {
            String key = cols.get(i).toLowerCase(Locale.ROOT);
            if (lower.containsKey(key)) {
                throw new DataException(name + ":1: column '" + cols.get(i) + "' appears twice in the header");
            }
            lower.put(key, i);
        }
        if (cols.size() < 2) {
            throw new DataException(name + ":1: expected at least a time and a value column, found "
                    + (cols.size() == 1 ? "one column '" + cols.get(0) + "'" : "no columns")
                    + (cols.size() == 1 && cols.get(0).contains(";") ? " (is the delimiter ';'? use --delimiter)" : ""));
        }
        int idCol = column(options.idColumn(), lower, cols, name, "--id-column");
        int timeCol = column(options.timeColumn(), lower, cols, name, "--time-column");
        int valueCol = column(options.valueColumn(), lower, cols, name, "--value-column");
        if (timeCol < 0) {
            timeCol = find(TIME_NAMES, lower, -1, -1);
        }
        if (idCol < 0 && options.idColumn() == null) {
            idCol = find(ID_NAMES, lower, timeCol, valueCol);
        }
        if (valueCol < 0) {
            valueCol = find(VALUE_NAMES, lower, timeCol, idCol);
        }
        SeriesData.Layout layout;
        if (idCol >= 0) {
            layout = SeriesData.Layout.LONG;
            if (timeCol < 0) {
                throw new DataException(name + ":1: no time column recognised among " + cols + "; name it with --time-column");
            }
            if (valueCol < 0) {
                valueCol = firstOther(cols.size(), idCol, timeCol);
                if (valueCol < 0) {
                    throw new DataException(name + ":1: no value column besides '" + cols.get(idCol) + "' and '"
                            + cols.get(timeCol) + "'; name it with --value-column");
                }
            }
        } else {
            if (timeCol < 0) {
                timeCol = 0;
            }
            if (cols.size() == 2 || valueCol >= 0) {
                layout = SeriesData.Layout.SINGLE;
                if (valueCol < 0) {
                    valueCol = timeCol == 0 ? 1 : 0;
                }
            } else {
                layout = SeriesData.Layout.WIDE;
            }
        }
        List<String> notes = new ArrayList<>();
        if (layout != SeriesData.Layout.WIDE) {
            List<String> ignored = new ArrayList<>();
            for (int i = 0; i < cols.size(); i++) {
                if (i != idCol && i != timeCol && i != valueCol) {
                    ignored.add(cols.get(i));
                }
            }
            if (!ignored.isEmpty()) {
                notes.add("ignored column" + (ignored.size() > 1 ? "s " : " ") + String.join(", ", ignored));
            }
        }
        Map<String, Acc> series = new LinkedHashMap<>();
        List<Acc> wide = new ArrayList<>();
        if (layout == SeriesData.Layout.WIDE) {
            for (int i = 0; i < cols.size(); i++) {
                if (i != timeCol) {
                    Acc a = new Acc(cols.get(i));
                    wide.add(a);
                    series.put(cols.get(i), a);
                }
            }
        }
        TimeFormat tf = options.timeFormat();
        String timeName = cols.get(timeCol);
        String valueName = valueCol >= 0 ? cols.get(valueCol) : null;
        Acc last = null;
        long rows = 0;
        while (it.hasNext()) {
            CSVRecord r = it.next();
            int line = (int) Math.min(Integer.MAX_VALUE, parser.getCurrentLineNumber());
            if (r.size() == 1 && r.get(0).isEmpty()) {
                continue;
            }
            if (r.size() != cols.size()) {
                throw new DataException(name + ":" + line + ": expected " + cols.size() + " fields as in the header, found "
                        + r.size());
            }
            rows++;
            String ts = r.get(timeCol);
            if (ts.isEmpty()) {
                throw new DataException(name + ":" + line + ": column '" + timeName + "' is empty");
            }
            if (tf == null) {
                tf = TimeFormat.detect(ts);
                if (tf == null) {
                    throw new DataException(name + ":" + line + ": column '" + timeName + "': cannot recognise the time '"
                            + ts + "'; give its pattern with --time-format (e.g. dd/MM/yyyy)");
                }
            }
            long key;
            try {
                key = tf.parse(ts);
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new DataException(name + ":" + line + ": column '" + timeName + "': '" + ts
                        + "' is not a time in the format of the first rows (" + tf + ")");
            }
            if (layout == SeriesData.Layout.WIDE) {
                for (int i = 0, k = 0; i < cols.size(); i++) {
                    if (i != timeCol) {
                        wide.get(k++).add(key, value(r.get(i), name, line, cols.get(i)), line);
                    }
                }
            } else {
                String id = idCol >= 0 ? r.get(idCol) : "series";
                if (idCol >= 0 && id.isEmpty()) {
                    throw new DataException(name + ":" + line + ": column '" + cols.get(idCol) + "' (the series id) is empty");
                }
                Acc a = last != null && last.id.equals(id) ? last : series.computeIfAbsent(id, Acc::new);
                last = a;
                a.add(key, value(r.get(valueCol), name, line, valueName), line);
            }
        }
        if (rows == 0) {
            throw new DataException(name + ": the file has a header but no data rows");
        }
        return finish(series, layout, idCol >= 0 ? cols.get(idCol) : null, timeName, valueName, tf, notes, name);
    }

    private static double value(String s, String file, int line, String column) {
        if (MISSING.contains(s.toLowerCase(Locale.ROOT))) {
            return Double.NaN;
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new DataException(file + ":" + line + ": column '" + column + "': '" + s + "' is not a number");
        }
        if (Double.isInfinite(v)) {
            throw new DataException(file + ":" + line + ": column '" + column + "': '" + s + "' is infinite");
        }
        return v;
    }

    private int column(String given, Map<String, Integer> lower, List<String> cols, String name, String option) {
        if (given == null) {
            return -1;
        }
        Integer i = lower.get(given.toLowerCase(Locale.ROOT));
        if (i == null) {
            throw new DataException(name + ":1: no column '" + given + "' (" + option + "); the header has " + cols);
        }
        return i;
    }

    private static int find(Set<String> names, Map<String, Integer> lower, int not1, int not2) {
        int best = -1;
        for (String n : names) {
            Integer i = lower.get(n);
            if (i != null && i != not1 && i != not2 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }

    private static int firstOther(int n, int a, int b) {
        for (int i = 0; i < n; i++) {
            if (i != a && i != b) {
                return i;
            }
        }
        return -1;
    }

    private SeriesData finish(Map<String, Acc> accs, SeriesData.Layout layout, String idName, String timeName,
                              String valueName, TimeFormat tf, List<String> notes, String file) {
        // sort each series by time; duplicates are errors
        int unsorted = 0;
        for (Acc a : accs.values()) {
            boolean sorted = true;
            for (int i = 1; i < a.n && sorted; i++) {
                sorted = a.t[i] > a.t[i - 1];
            }
            if (!sorted) {
                Integer[] order = new Integer[a.n];
                for (int i = 0; i < a.n; i++) {
                    order[i] = i;
                }
                long[] t0 = a.t;
                Arrays.sort(order, (x, y) -> Long.compare(t0[x], t0[y]));
                long[] t = new long[a.n];
                double[] v = new double[a.n];
                int[] ln = new int[a.n];
                for (int i = 0; i < a.n; i++) {
                    t[i] = a.t[order[i]];
                    v[i] = a.v[order[i]];
                    ln[i] = a.line[order[i]];
                }
                a.t = t;
                a.v = v;
                a.line = ln;
                unsorted++;
            }
            for (int i = 1; i < a.n; i++) {
                if (a.t[i] == a.t[i - 1]) {
                    throw new DataException(file + ":" + Math.max(a.line[i], a.line[i - 1]) + ": duplicate time in series '"
                            + a.id + "' (also on line " + Math.min(a.line[i], a.line[i - 1]) + ")");
                }
            }
        }
        if (unsorted > 0) {
            notes.add("sorted the rows of " + unsorted + " series by time");
        }
        Frequency freq = options.frequency();
        if (freq == null) {
            freq = inferFrequency(accs.values(), tf);
            if (freq == null) {
                throw new DataException(file + ": cannot infer the frequency: every series has a single time; give it with --frequency");
            }
        }
        List<TimeSeries> out = new ArrayList<>(accs.size());
        MissingPolicy policy = options.missing();
        for (Acc a : accs.values()) {
            out.add(regularise(a, freq, tf, policy, notes, file, valueName == null ? a.id : valueName));
        }
        return new SeriesData(out, layout, idName, timeName, valueName, tf, freq, notes);
    }

    private static Frequency inferFrequency(Iterable<Acc> accs, TimeFormat tf) {
        if (tf.isSteps()) {
            Map<Long, Integer> diffs = new HashMap<>();
            for (Acc a : accs) {
                for (int i = 1; i < a.n; i++) {
                    diffs.merge(a.t[i] - a.t[i - 1], 1, Integer::sum);
                }
            }
            long best = diffs.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(-1L);
            return best <= 0 ? null : new Frequency(Frequency.Unit.STEP, (int) Math.min(Integer.MAX_VALUE, best));
        }
        List<LocalDateTime> sample = new ArrayList<>();
        for (Acc a : accs) {
            if (a.n >= 2) {
                for (int i = 0; i < Math.min(a.n, 2000); i++) {
                    sample.add(TimeFormat.toDateTime(a.t[i]));
                }
                if (sample.size() >= 2000) {
                    break;
                }
            }
        }
        return Frequency.infer(sample);
    }

    private static TimeSeries regularise(Acc a, Frequency f, TimeFormat tf, MissingPolicy policy, List<String> notes,
                                         String file, String column) {
        // walk the expected grid, inserting NaN for gaps
        double[] v = new double[Math.max(16, a.n)];
        int[] lines = new int[v.length];
        int n = 0;
        int gaps = 0;
        for (int i = 0; i < a.n; i++) {
            if (i > 0) {
                long expected = next(a.t[i - 1], f, tf);
                int inserted = 0;
                while (expected < a.t[i]) {
                    if (++inserted > MAX_GAP) {
                        throw new DataException(file + ":" + a.line[i] + ": series '" + a.id + "' has a gap of more than "
                                + MAX_GAP + " steps before this row; is the frequency (" + f + ") right?");
                    }
                    if (n == v.length) {
                        v = Arrays.copyOf(v, n * 2);
                        lines = Arrays.copyOf(lines, n * 2);
                    }
                    v[n] = Double.NaN;
                    lines[n] = -a.line[i];
                    n++;
                    gaps++;
                    expected = next(expected, f, tf);
                }
                if (expected != a.t[i]) {
                    throw new DataException(file + ":" + a.line[i] + ": series '" + a.id + "': the time does not fit the "
                            + f + " frequency of the data (expected " + describe(expected, tf) + ")");
                }
            }
            if (n == v.length) {
                v = Arrays.copyOf(v, n * 2);
                lines = Arrays.copyOf(lines, n * 2);
            }
            v[n] = a.v[i];
            lines[n] = a.line[i];
            n++;
        }
        int missing = 0;
        int firstMissing = -1;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(v[i])) {
                missing++;
                if (firstMissing < 0) {
                    firstMissing = i;
                }
            }
        }
        double[] values = Arrays.copyOf(v, n);
        long startKey = a.t[0];
        if (missing > 0) {
            String what = (missing - gaps > 0 ? (missing - gaps) + " missing value" + (missing - gaps > 1 ? "s" : "") : "")
                    + (missing - gaps > 0 && gaps > 0 ? " and " : "") + (gaps > 0 ? gaps + " gap step" + (gaps > 1 ? "s" : "") : "");
            int ln = lines[firstMissing];
            String where = ln >= 0 ? "first on line " + ln : "first before line " + (-ln);
            if (missing == n) {
                throw new DataException(file + ": series '" + a.id + "' has no values in column '" + column + "'");
            }
            switch (policy) {
                case ERROR:
                    throw new DataException(file + ":" + Math.abs(ln) + ": series '" + a.id + "' has " + what + " (" + where
                            + "); choose --missing interpolate, ffill or drop");
                case INTERPOLATE:
                    interpolate(values);
                    notes.add("series '" + a.id + "': interpolated " + what + " (" + where + ")");
                    break;
                case FORWARD_FILL:
                    forwardFill(values);
                    notes.add("series '" + a.id + "': forward-filled " + what + " (" + where + ")");
                    break;
                default: {
                    int leading = 0;
                    while (Double.isNaN(values[leading])) {
                        leading++;
                    }
                    double[] kept = new double[n - missing];
                    int k = 0;
                    for (double x : values) {
                        if (!Double.isNaN(x)) {
                            kept[k++] = x;
                        }
                    }
                    values = kept;
                    for (int i = 0; i < leading; i++) {
                        startKey = next(startKey, f, tf);
                    }
                    notes.add("series '" + a.id + "': dropped " + what + " (" + where + ")");
                }
            }
        }
        if (f.isSteps()) {
            return TimeSeries.ofSteps(a.id, values, startKey);
        }
        return TimeSeries.ofTimes(a.id, values, TimeFormat.toDateTime(startKey), f);
    }

    private static long next(long key, Frequency f, TimeFormat tf) {
        if (f.isSteps()) {
            return key + f.multiple();
        }
        return TimeFormat.toKey(f.add(TimeFormat.toDateTime(key), 1));
    }

    private static String describe(long key, TimeFormat tf) {
        return tf.isSteps() ? Long.toString(key) : tf.format(TimeFormat.toDateTime(key));
    }

    private static void interpolate(double[] v) {
        int n = v.length;
        int prev = -1;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(v[i])) {
                if (prev < 0) {
                    Arrays.fill(v, 0, i, v[i]);
                } else if (i - prev > 1) {
                    for (int j = prev + 1; j < i; j++) {
                        v[j] = v[prev] + (v[i] - v[prev]) * (j - prev) / (i - prev);
                    }
                }
                prev = i;
            }
        }
        if (prev >= 0 && prev < n - 1) {
            Arrays.fill(v, prev + 1, n, v[prev]);
        }
    }

    private static void forwardFill(double[] v) {
        double last = Double.NaN;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                last = x;
                break;
            }
        }
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                v[i] = last;
            } else {
                last = v[i];
            }
        }
    }
}
