package dev.recur.connectors.csv;

import dev.recur.connectors.series.Aggregation;
import dev.recur.connectors.series.SeriesAssembler;
import dev.recur.connectors.series.SeriesData;
import dev.recur.connectors.series.TimeFormat;
import dev.recur.engine.forecast.TimeSeries;
import dev.recur.engine.io.Shorten;
import dev.recur.connectors.DataException;
import dev.recur.connectors.MissingPolicy;
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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Reads time series from a CSV file with Apache Commons CSV, in one streaming pass.
 *
 * <p>Layouts, recognised from the header: long ({@code unique_id,ds,y}, or any id, time and value
 * columns), single series ({@code date,value}), wide ({@code time,series_a,series_b,...}) and series in rows
 * with the times across the header ({@code store,2024-01,2024-02,...}, or {@code V1,V2,...} over rows of ids: a
 * header that counts steps). Columns named in the options win over recognition. Rows may come in any order: each series is sorted by time.
 * Missing values ({@code ""}, {@code NA}, {@code NaN}, {@code null}, {@code N/A}, FRED's {@code .}, {@code #N/A}, ...) and gaps in the time
 * index are handled by the {@link MissingPolicy}, and every change is reported in
 * {@link SeriesData#notes()}.
 *
 * <p>Every problem is a {@link DataException} whose message names the file, the line and the column. A problem of
 * one series (a value that is not a number, an empty or unreadable time in a long file, two rows at the same time, no
 * values) leaves that series out, listed with its message in {@link SeriesData#skipped()}, unless the options are
 * {@link CsvOptions#strict()}; a problem of the file (its layout, header, time format, a row with the wrong number
 * of fields, an empty series id) and a file none of whose series can be read stop the reading.
 */
public final class CsvSeriesReader {

    private static final Set<String> ID_NAMES = Set.of("unique_id", "id", "series", "series_id", "item_id", "key", "name");
    private static final Set<String> TIME_NAMES = Set.of("ds", "date", "time", "timestamp", "datetime", "period",
            "step", "t", "month", "year", "week", "day", "hour", "time_period");
    /**
     * Column names that name a time beyond {@link #TIME_NAMES}: {@code ts}, {@code dt}, names ending in a separate
     * date, a timestamp or {@code _ts}/{@code _dt} ({@code order_date}, {@code OrderDate}, {@code created_ts}; not
     * {@code Update}), beginning with a date ({@code date_key}), and a week, month or day's end or start
     * ({@code week_ending}).
     */
    private static final Pattern TIME_LIKE = Pattern.compile("(?i:ts|dt|date[ _].*|.*[ _.]date|.*time_?stamp|"
            + ".*date_?time|.*_ts|.*_dt|(week|month|day|period)_(ending|end|start|beginning|begin))"
            + "|.*[a-z](Date|Timestamp|DateTime)");
    /** Names of a period column that, beside a column named year, makes the time with it. */
    private static final List<String> PERIOD_NAMES = List.of("month", "quarter", "week", "mon", "qtr");
    /** Names of the value column (SDMX's {@code OBS_VALUE}, as statistics offices and central banks export). */
    private static final Set<String> VALUE_NAMES = Set.of("y", "value", "target", "values", "sales", "demand", "count",
            "obs_value");

    private final CsvOptions options;
    private final java.util.function.LongConsumer progress;
    private final boolean ownFrequencies;
    private final String sheet;
    private final Aggregation aggregation;
    /**
     * Columns (lower-case names) found to be rows' keys, not series' ids ({@link #read(Path)}): left out of the
     * reading, as if the file did not have them.
     */
    private final Set<String> rowKeys;

    /** Creates a reader with the given options. */
    public CsvSeriesReader(CsvOptions options) {
        this(options, rows -> { }, false, null, null, Set.of());
    }

    private CsvSeriesReader(CsvOptions options, java.util.function.LongConsumer progress, boolean ownFrequencies,
                            String sheet, Aggregation aggregation, Set<String> rowKeys) {
        this.options = options;
        this.progress = progress;
        this.ownFrequencies = ownFrequencies;
        this.sheet = sheet;
        this.aggregation = aggregation;
        this.rowKeys = rowKeys;
    }

    /**
     * A reader that makes the rows of a series in one period (of the frequency given, else at one time) one value,
     * {@code how} (null: one row per time); see {@link SeriesAssembler#aggregate}.
     */
    public CsvSeriesReader withAggregation(Aggregation how) {
        return new CsvSeriesReader(options, progress, ownFrequencies, sheet, how, rowKeys);
    }

    /** A reader that reports the rows read so far to {@code progress}, every 2^20 rows. */
    public CsvSeriesReader withProgress(java.util.function.LongConsumer progress) {
        return new CsvSeriesReader(options, progress, ownFrequencies, sheet, aggregation, rowKeys);
    }

    /**
     * A reader that reads a workbook's sheet {@code sheet}, by its name (in any case) or its number from 1, instead of
     * its first (null); a file that is no workbook is then refused.
     */
    public CsvSeriesReader withSheet(String sheet) {
        return new CsvSeriesReader(options, progress, ownFrequencies, sheet == null || sheet.isBlank() ? null : sheet,
                aggregation, rowKeys);
    }

    /**
     * A reader that reads a series regular at another frequency than the file's (quarterly series in a file of
     * monthly ones) at its own, {@link dev.recur.engine.forecast.TimeSeries#frequency()}, instead of leaving it out
     * (the default, for callers that treat every series at the file's frequency); see
     * {@link SeriesAssembler#ownFrequencies}.
     */
    public CsvSeriesReader withOwnFrequencies(boolean own) {
        return new CsvSeriesReader(options, progress, own, sheet, aggregation, rowKeys);
    }

    /**
     * Reads a file. A file with no column named as an id whose times repeat when read as one series is read again
     * with the first column left unread as the series' id ({@code store,date,sales}), with a note saying so. A
     * column taken as the id by its name (not given) each of whose values is on one row only, in a file of at least
     * {@value #FEWEST_ROWS_OF_A_ROW_KEY} rows, is a row's key ({@code order_id} in a file of transactions), not a
     * series' name: the file is read again as if it did not have that column, with a note saying so (or, where
     * that reading fails, its problem and how to give the column as the id).
     *
     * @throws DataException for a missing, unreadable or malformed file, naming file, line and column
     */
    public SeriesData read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try {
            return readNamingSeries(file, name);
        } catch (RowKey key) {
            // order_id,order_date,store,amount: every order on its own row names no series; read without it
            Set<String> without = new java.util.HashSet<>(rowKeys);
            without.add(key.column.trim().toLowerCase(Locale.ROOT));
            CsvSeriesReader again = new CsvSeriesReader(options, progress, ownFrequencies, sheet, aggregation,
                    Set.copyOf(without));
            try {
                return again.read(file).withNoteFirst("column " + Shorten.quoted(key.column) + " is not the series' id: "
                        + "each of its values is on one row (a row's key, as an order number); read without it");
            } catch (DataException e) {
                // the second reading's problem is the file's (transactions at irregular times, to be aggregated),
                // with the way back to the first for a file of series of a value each; a front end appends the
                // remedy's option to the message, so the message ends with the remedy's phrase
                String way = "column " + Shorten.quoted(key.column) + ", each of whose values is on one row, was not "
                        + "read as the series' id";
                if (e.remedy() == null) {
                    throw new DataException(e.getMessage() + "; " + way + ": if it is, give it with --id-column");
                }
                if (e.remedy() == DataException.Remedy.ID_COLUMN) {
                    throw new DataException(e.getMessage() + "; " + way + ": if it is, give it", e.remedy());
                }
                throw new DataException(name + ": " + way + " (if it is, give it as the id column); " + e.getMessage(),
                        e.remedy());
            }
        }
    }

    /** Reads a file, naming its series by the first unread columns where read as one series its times repeat. */
    private SeriesData readNamingSeries(Path file, String name) {
        try {
            return readFile(file, name);
        } catch (UnnamedSeries e) {
            // store,date,sales: no column is named as an id, so the file was read as one series, and its times
            // repeat: read again with the first column left unread as the series' id, and where the times repeat
            // by it too (date,store,item,sales), with the first two, then three; say so; where none is enough, the
            // first error stands, with its hint
            // (columns named as a part of a time, as day beside year, name no series)
            List<String> candidates = e.columns.stream().filter(c -> !TIME_NAMES.contains(c.trim().toLowerCase(Locale.ROOT))
                    && !PERIOD_NAMES.contains(c.trim().toLowerCase(Locale.ROOT))).toList();
            int tried = 0;
            for (int k = 1; k <= Math.min(MOST_ID_COLUMNS, candidates.size()); k++) {
                List<String> id = candidates.subList(0, k);
                CsvSeriesReader byColumns = new CsvSeriesReader(options.withColumns(String.join(",", id),
                        options.timeColumn(), options.valueColumn()), progress, ownFrequencies, sheet, aggregation, rowKeys);
                try {
                    SeriesData read = byColumns.readFile(file, name);
                    if (k > 1 && read.series().stream().mapToInt(TimeSeries::length).sum()
                            < FEWEST_VALUES_PER_ID * (long) read.series().size()) {
                        break;   // series of a value or two each: a measure (a price) taken for a part of the id
                    }
                    return read.withNoteFirst("read column" + (k > 1 ? "s " : " ")
                            + id.stream().map(Shorten::quoted).collect(java.util.stream.Collectors.joining(" and "))
                            + " as the series' id (read as one series, the file's times repeat)");
                } catch (DataException again) {
                    if (!again.getMessage().contains(": duplicate time in series ")) {
                        break;
                    }
                    tried = k;
                }
            }
            if (tried > 0 && tried == Math.min(MOST_ID_COLUMNS, candidates.size())) {
                // the times repeat within every id the unread columns make: rows of transactions, not series
                // (a front end says how a time's rows are combined)
                List<String> by = candidates.subList(0, tried).stream().map(Shorten::quoted).toList();
                throw new DataException(e.base + "; the times repeat within column" + (tried > 1 ? "s " : " ")
                        + (tried > 1 ? String.join(", ", by.subList(0, tried - 1)) + " and " : "") + by.get(tried - 1)
                        + " too");
            }
            throw e;
        }
    }

    private SeriesData readFile(Path file, String name) {
        if (!Files.exists(file)) {
            throw new DataException(file + ": no such file");
        }
        if (Files.isDirectory(file)) {
            throw new DataException(file + ": is a folder, not a CSV file");
        }
        if (!Files.isReadable(file)) {
            throw new DataException(file + ": cannot be read (permission denied)");
        }
        try {
            byte[] magic;
            try (InputStream in = Files.newInputStream(file)) {
                magic = in.readNBytes(8);
            }
            boolean old = oldExcel(magic);
            Workbook kind = old ? Workbook.XLS : workbookKind(file, magic);
            if (kind != null) {
                return readWorkbook(file, name, kind);
            }
            if (sheet != null) {
                throw new DataException(name + ": a sheet (" + Shorten.quoted(sheet) + ") was asked for, but the file is "
                        + "no workbook (.xlsx, .xls or .ods)");
            }
        } catch (IOException e) {
            throw new DataException(name + ": cannot be read: " + e.getMessage(), e);
        }
        try (InputStream raw = Files.newInputStream(file)) {
            return readStream(raw, name);
        } catch (IOException e) {
            throw new DataException(name + ": cannot be read: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new DataException(name + ": cannot be read: " + e.getCause().getMessage(), e);
        }
    }

    /**
     * A file read as one series whose times repeat, with a column left unread that most likely names the series
     * ({@code store,date,sales}).
     */
    private static final class UnnamedSeries extends DataException {
        private static final long serialVersionUID = 1L;
        /** The columns left unread, in the file's order. */
        private final List<String> columns;

        /** The problem without the hint that a column names the series. */
        private final String base;

        UnnamedSeries(String base, String message, List<String> columns) {
            super(message, Remedy.ID_COLUMN);
            this.base = base;
            this.columns = List.copyOf(columns);
        }
    }

    /**
     * A file whose id column, taken by its name, has each of its values on one row only ({@code order_id}): what
     * its first reading made of it, or the problem that reading met.
     */
    private static final class RowKey extends RuntimeException {
        private static final long serialVersionUID = 1L;
        /** The column, as the header names it. */
        private final String column;
        /** The first reading, or null where it failed. */
        private final transient SeriesData first;
        /** The first reading's problem, or null where it succeeded. */
        private final DataException problem;

        RowKey(String column, SeriesData first, DataException problem) {
            super(null, null, false, false);
            this.column = column;
            this.first = first;
            this.problem = problem;
        }

        /** The first reading, or its problem thrown. */
        SeriesData first() {
            if (problem != null) {
                throw problem;
            }
            return first;
        }
    }

    /** Fewest rows of a file whose id column is found to be rows' keys ({@link #read(Path)}). */
    private static final int FEWEST_ROWS_OF_A_ROW_KEY = 10;
    /** Most columns an id is found to take by the times' repeats ({@link #read(Path)}). */
    private static final int MOST_ID_COLUMNS = 3;
    /** Fewest values a series has on average, read by an id of several columns found by the times' repeats. */
    private static final int FEWEST_VALUES_PER_ID = 3;

    /**
     * Reads from a stream; {@code name} is used in messages. A stream is read once, so a column found to be rows'
     * keys ({@link #read(Path)}) is read as the id it is named as.
     */
    public SeriesData read(InputStream in, String name) throws IOException {
        try {
            return readStream(in, name);
        } catch (RowKey key) {
            return key.first();
        }
    }

    private SeriesData readStream(InputStream in, String name) throws IOException {
        BufferedInputStream bin = new BufferedInputStream(in, 1 << 16);
        bin.mark(4);
        int b0 = bin.read();
        int b1 = bin.read();
        int b2 = bin.read();
        int b3 = bin.read();
        bin.reset();
        InputStream data = bin;
        if (b0 == 0x1f && b1 == 0x8b) {
            data = new BufferedInputStream(new GZIPInputStream(bin, 1 << 16), 1 << 16);
        }
        if (b0 == 'P' && b1 == 'K' && b2 == 3 && b3 == 4) {
            return readZip(bin, name);
        }
        data.mark(1 << 14);
        byte[] head = data.readNBytes(1 << 13);
        data.reset();
        if (head.length == 0) {
            throw new DataException(name + ": the file is empty");
        }
        if (oldExcel(head)) {
            throw workbook(name, "an Excel 97-2003 workbook (.xls)");
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
                    int line = 1;
                    for (int j = 0; j < i; j++) {
                        line += head[j] == '\n' ? 1 : 0;
                    }
                    throw new DataException(name + ":" + line + ": does not look like a CSV text file (a NUL byte: binary data)");
                }
            }
        }
        data.skipNBytes(skip);
        BufferedReader reader = new BufferedReader(new InputStreamReader(data, charset), 1 << 16);
        String firstLine = peekFirstLine(reader);
        if (firstLine == null || firstLine.isBlank()) {
            throw new DataException(name + ":1: the header line is empty");
        }
        // the UK statistics office's series: lines of a key and its value, then its yearly, quarterly and monthly
        // rows with no header; read as a table of its finest rows, every line keeping its number
        String ons = null;
        if (ONS_FIRST.matcher(firstLine).find()) {
            String all = reader.lines().collect(java.util.stream.Collectors.joining("\n"));
            Ons table = ons(all);
            if (table != null) {
                reader = new BufferedReader(new java.io.StringReader(table.text()));
                firstLine = table.text().substring(0, table.text().indexOf('\n'));
                ons = table.note();
            } else {
                reader = new BufferedReader(new java.io.StringReader(all));
            }
        }
        // a report's lines above the table (a title, the date it was made), read as empty lines
        Titles titles = titles(reader);
        if (titles != null) {
            firstLine = titles.header();
            reader = titles.reader(reader);
        }
        char delimiter = options.delimiter() != null ? options.delimiter() : detectDelimiter(firstLine);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true)
                .setQuote(options.quote() != null ? options.quote() : '"').setIgnoreEmptyLines(true).build();
        try (CSVParser parser = format.parse(reader)) {
            NumberFields numbers = new NumberFields(delimiter != ',');
            // the first rows' text, where dates with slashes may show their order after an ambiguous first one
            String sample = new String(head, skip, head.length - skip, charset);
            SeriesData read = parse(parser, name, numbers, sample);
            if (titles != null) {
                read = read.withNoteFirst(titles.note());
            }
            if (ons != null) {
                read = read.withNoteFirst(ons);
            }
            // a file of whole numbers between semicolons comes from a spreadsheet of decimal commas
            return read.withDialect(new SeriesData.Dialect(delimiter, numbers.mark() != 0 ? numbers.mark()
                    : delimiter == ';' ? ',' : '.'));
        } catch (UncheckedIOException e) {
            throw new DataException(name + ": malformed CSV: " + e.getCause().getMessage(), e);
        } catch (IllegalStateException e) {
            throw new DataException(name + ": malformed CSV: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the first CSV file ({@code .csv}, {@code .tsv}, {@code .txt}, or one of those gzipped) of a zip archive,
     * as data sets are often shipped; messages name it {@code archive.zip/entry.csv}, and the notes say which entry
     * was read. An Excel {@code .xlsx} or OpenDocument {@code .ods} workbook (a zip archive too) is refused with
     * what to do.
     */
    private SeriesData readZip(InputStream in, String name) throws IOException {
        java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(in);
        List<String> entries = new ArrayList<>();
        for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            String entry = e.getName();
            if (entry.equals("[Content_Types].xml") || entry.startsWith("xl/")) {
                throw workbook(name, "an Excel workbook (.xlsx)");
            }
            if (entry.equals("mimetype") || entry.equals("content.xml")) {
                throw workbook(name, "an OpenDocument workbook (.ods)");
            }
            String lower = entry.toLowerCase(Locale.ROOT);
            if (!e.isDirectory() && !lower.startsWith("__macosx/") && lower.matches(".*\\.(csv|tsv|txt)(\\.gz)?")) {
                return readStream(zip, name + "/" + entry).withNoteFirst("read " + entry + " from the zip archive " + name);
            }
            if (!e.isDirectory()) {
                entries.add(entry);
            }
        }
        throw new DataException(name + ": a zip archive with no CSV file in it" + (entries.isEmpty() ? ""
                : " (it holds " + Shorten.list(entries) + ")"));
    }

    /** The workbooks read as their first sheet's rows. */
    private enum Workbook {
        /** Excel 97–2003. */
        XLS,
        /** Excel 2007 and later (Office Open XML). */
        XLSX,
        /** OpenDocument, as LibreOffice and OpenOffice save spreadsheets. */
        ODS
    }

    /**
     * Which workbook a file whose first bytes are {@code magic} is when it is a zip archive with an Excel workbook's
     * parts ({@code xl/workbook.xml}) or an OpenDocument spreadsheet's media type; null otherwise.
     */
    private static Workbook workbookKind(Path file, byte[] magic) {
        if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K' || magic[2] != 3 || magic[3] != 4) {
            return null;
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            if (zip.getEntry("xl/workbook.xml") != null) {
                return Workbook.XLSX;
            }
        } catch (IOException e) {
            return null;
        }
        return OpenDocumentSheet.is(file) ? Workbook.ODS : null;
    }

    /**
     * Reads the first sheet of a workbook (Excel's {@code .xlsx} or {@code .xls}, with Apache POI in
     * {@link WorkbookSheet}; OpenDocument's {@code .ods} in {@link OpenDocumentSheet}) as a CSV file of its rows:
     * messages name the workbook and the sheet's row as the line, and the notes say which sheet was read. Without
     * Apache POI on the class path an Excel workbook is refused with what to do.
     */
    private SeriesData readWorkbook(Path file, String name, Workbook kind) throws IOException {
        Path csv = Files.createTempFile("recur-sheet-", ".csv");
        try {
            SheetLines.Read read;
            if (kind == Workbook.ODS) {
                read = OpenDocumentSheet.toCsv(file, name, csv, sheet);
            } else {
                try {
                    read = WorkbookSheet.toCsv(file, name, csv, kind == Workbook.XLS, sheet);
                } catch (NoClassDefFoundError e) {
                    throw workbook(name, "an Excel workbook, which needs Apache POI on the class path");
                }
            }
            try (InputStream in = Files.newInputStream(csv)) {
                return readStream(in, name).withNoteFirst("read sheet " + Shorten.quoted(read.sheet()) + " of the "
                        + (kind == Workbook.ODS ? "OpenDocument spreadsheet " : "Excel workbook ") + name
                        + " (its rows as lines" + (read.note() == null ? "" : "; " + read.note()) + ")");
            }
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static DataException workbook(String name, String what) {
        return new DataException(name + ": " + what + ", not CSV text; save its sheet as CSV (in a spreadsheet: "
                + "Save As, CSV) and forecast that file");
    }

    /** Whether a file's first bytes are an OLE2 compound document's, as an Excel 97–2003 {@code .xls} is. */
    private static boolean oldExcel(byte[] head) {
        int[] ole = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
        if (head.length < ole.length) {
            return false;
        }
        for (int i = 0; i < ole.length; i++) {
            if ((head[i] & 0xff) != ole[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A file of series in rows: the first {@code lead} columns name each series (joined by " / " where there are
     * several: region and store), and each later column is a time, whose key is {@code keys[column]}.
     */
    private record Across(int lead, TimeFormat format, long[] keys) {
        /** The series' id of a row. */
        String id(CSVRecord r) {
            if (lead == 1) {
                return r.get(0);
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < lead && i < r.size(); i++) {
                b.append(i == 0 ? "" : SeriesData.ID_JOIN).append(r.get(i));
            }
            return b.toString();
        }

        /** The id column's name in the output. */
        String idName(List<String> cols) {
            String joined = String.join("/", cols.subList(0, lead)).trim();
            return joined.isEmpty() || joined.equals("/".repeat(lead - 1)) ? "series" : joined;
        }
    }

    /**
     * Most leading columns that name the series of a file of series in rows (the World Bank's four: country name and
     * code, indicator name and code).
     */
    private static final int MOST_LEAD = 4;

    /**
     * The times across the header when, after one to {@value #MOST_LEAD} leading columns, every column is named by a
     * date or a period label of one format ({@code store,2024-01,2024-02,...}; at least two); null otherwise.
     * Integers are not taken for times here: a wide file's series may be named by numbers.
     */
    private Across timesAcross(List<String> cols) {
        for (int lead = 1; lead <= MOST_LEAD && cols.size() - lead >= 2; lead++) {
            StringBuilder all = new StringBuilder();
            for (int i = lead; i < cols.size(); i++) {
                all.append(cols.get(i)).append('\n');
            }
            TimeFormat f = options.timeFormat() != null ? options.timeFormat() : TimeFormat.detect(cols.get(lead), all);
            if (f == null || f.isSteps() || f.kind() == TimeFormat.Kind.EPOCH_SECONDS
                    || f.kind() == TimeFormat.Kind.EPOCH_MILLIS) {
                continue;
            }
            long[] keys = new long[cols.size()];
            boolean parsed = true;
            for (int i = lead; i < cols.size() && parsed; i++) {
                try {
                    keys[i] = f.parse(cols.get(i));
                } catch (RuntimeException e) {
                    parsed = false;
                }
            }
            if (parsed) {
                return new Across(lead, f, keys);
            }
        }
        return null;
    }

    /** A column name that counts: optional letters, then a number ({@code V2}, {@code 2}, {@code t_2}). */
    private static final Pattern COUNTED = Pattern.compile("([A-Za-z_]*)(\\d{1,9})");

    /**
     * The steps the header counts after its first one to {@value #MOST_LEAD} columns ({@code V1,V2,V3,...},
     * {@code id,1,2,3,...}, or the years of the World Bank's {@code Country Name,Country Code,Indicator Name,Indicator
     * Code,1960,1961,...}: one prefix, numbers rising by one), the leading columns named otherwise; null when it does
     * not, or counts fewer than two.
     */
    private static Across stepsAcross(List<String> cols) {
        for (int lead = 1; lead <= MOST_LEAD && cols.size() - lead >= 2; lead++) {
            if (lead > 1 && COUNTED.matcher(cols.get(lead - 1).trim()).matches()) {
                return null;   // a counted column among the leading ones: the count starts before it
            }
            long[] keys = counted(cols, lead);
            if (keys != null) {
                return new Across(lead, TimeFormat.of(TimeFormat.Kind.STEPS), keys);
            }
        }
        return null;
    }

    /** The numbers the columns from {@code lead} count (one prefix, rising by one), at their places; or null. */
    private static long[] counted(List<String> cols, int lead) {
        long[] keys = new long[cols.size()];
        String prefix = null;
        for (int i = lead; i < cols.size(); i++) {
            Matcher m = COUNTED.matcher(cols.get(i).trim());
            if (!m.matches() || prefix != null && !prefix.equals(m.group(1))) {
                return null;
            }
            prefix = m.group(1);
            keys[i] = Long.parseLong(m.group(2));
            if (i > lead && keys[i] != keys[i - 1] + 1) {
                return null;
            }
        }
        return keys;
    }

    /**
     * Adds a row of a file of series in rows: the leading fields name the series, each later field is its value at
     * that column's time; empty fields are no value (a shorter series' row ends in them).
     */
    private static void rowAcross(CSVRecord r, int line, List<String> cols, Across across, SeriesAssembler series,
                                  NumberFields numbers, String name) {
        String width = r.size() > cols.size() ? widthProblem(r, cols.size(), name, line) : null;
        if (width != null) {
            throw new DataException(width);
        }
        String id = across.id(r);
        if (id.isBlank() || id.replace(SeriesData.ID_JOIN, "").isBlank()) {
            throw new DataException(name + ":" + line + ": column " + Shorten.quoted(cols.get(0))
                    + " (the series id) is empty");
        }
        series.declare(id);
        for (int i = across.lead(); i < r.size(); i++) {
            String v = r.get(i);
            if (v.isEmpty()) {
                continue;
            }
            try {
                series.add(id, across.keys()[i], numbers.value(v, name, line, cols.get(i)), line);
            } catch (NumberFields.BadNumber e) {
                series.reject(id, e);
                return;
            }
        }
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
            TimeFormat own = TimeFormat.detect(p);
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
    private static String widthProblem(CSVRecord r, int width, String name, int line) {
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
    private static final int MOST_FOOTER_LINES = 20;

    /**
     * Why a line of a wide or single-series file is not a row of its table (another number of fields, no time,
     * a time not in the format of the first rows), as the reader would say it; null for a row.
     */
    private static String notARow(CSVRecord r, int width, TimeFormat tf, String ts, String timeName, String name,
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

    private static String emptyTime(String name, int line, String timeName) {
        return name + ":" + line + ": column " + Shorten.quoted(timeName) + " is empty";
    }

    private static String notATime(String name, int line, String timeName, String ts, TimeFormat tf) {
        return name + ":" + line + ": column " + Shorten.quoted(timeName) + ": " + Shorten.quoted(ts)
                + " is not a time in the format of the first rows (" + tf + ")";
    }

    /** A row's time field: the time column's, or where a year and a period make the time, the two together. */
    private static String timeField(CSVRecord r, int timeCol, int yearCol, List<String> cols) {
        return yearCol >= 0 ? yearAndPeriod(r.get(yearCol), r.get(timeCol), cols.get(timeCol)) : r.get(timeCol);
    }

    /** Forgets the series a wide reading declared, once the first row showed another layout. */
    private static void forgetAll(SeriesAssembler series, List<String> wide) {
        for (String c : wide) {
            series.forget(c);
        }
        wide.clear();
    }

    /**
     * Whether a line that is not a row of the table reads as text below it (a source, a note, a total) rather than
     * as a row with a mistake: its time field holds no digit ({@code Source: ...}, {@code Total}), or no other field
     * holds a number.
     */
    private static boolean footerLike(CSVRecord r, int timeCol) {
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
    private static boolean isNumber(String v) {
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
    private static boolean unitsRow(CSVRecord r, int timeCol, int yearCol, Set<Integer> keyCols) {
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
    private static boolean isName(String v) {
        return v.chars().anyMatch(Character::isLetter) && !NumberFields.MISSING.contains(v.toLowerCase(Locale.ROOT)) && !isNumber(v);
    }

    /** Whether a line has no digit in its time field (or no time field). */
    private static boolean noTime(CSVRecord r, int timeCol) {
        return timeCol < 0 || r.size() <= timeCol || r.get(timeCol).chars().noneMatch(Character::isDigit);
    }

    /**
     * Lines below a table that are not rows of it, from the first: why the first is not a row (the error it is if
     * a row follows), its line, its first filled field, and how many lines so far.
     */
    private static final class Footer {
        final String why;
        final int line;
        final String text;
        int lines = 1;

        Footer(String why, int line, CSVRecord r) {
            this.why = why;
            this.line = line;
            String first = "";
            for (String v : r) {
                if (!v.isBlank()) {
                    first = v;
                    break;
                }
            }
            this.text = first;
        }

        /** The note of the lines left out. */
        String note() {
            return "left out " + (lines == 1 ? "line " + line : lines + " lines from line " + line)
                    + " below the table (" + Shorten.quoted(text) + "), not " + (lines == 1 ? "a row" : "rows")
                    + " of it";
        }
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
    private static final Pattern ONS_FIRST = Pattern.compile("^\"?Title\"?,");
    /** Its rows' times: a year, a year and quarter, a year and month's name (1989, 1989 Q1, 1989 JAN). */
    private static final Pattern ONS_YEAR = Pattern.compile("\\d{4}");
    private static final Pattern ONS_QUARTER = Pattern.compile("\\d{4} Q[1-4]");
    private static final Pattern ONS_MONTH = Pattern.compile("(?i)\\d{4} [a-z]{3}");

    /** A UK statistics office's series as a table: its text, line for line, and the note that says so. */
    private record Ons(String text, String note) {
    }

    /**
     * The text of a UK statistics office's series file ({@code "Title",...}, {@code "CDID","D7G7"}, more lines of a
     * key and its value, then rows of a time and a value with no header: the years, then the quarters, then the
     * months of one series) as a table of its finest rows under a header of the time and the series' CDID, the
     * other lines empty so that every row keeps its line number; null where the text is not so.
     */
    private Ons ons(String text) {
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
    private record Titles(int lines, int withText, String header) {
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
    private Titles titles(BufferedReader reader) throws IOException {
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
        char d = options.delimiter() != null ? options.delimiter() : detectDelimiter(line);
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

    /** A line's first field where it is a number of digits and points. */
    private static final Pattern NUMBER_FIRST = Pattern.compile("(?m)^\"?([\\d.]+)\"?[,;\t|]");

    /**
     * The numbers that begin the lines of a file's first rows ({@code sample}): the values of a first column of
     * times; the last line, which the sample may cut short, left out.
     */
    private static List<String> numbersFirst(String sample) {
        int end = sample.lastIndexOf('\n');
        Matcher m = NUMBER_FIRST.matcher(end < 0 ? "" : sample.substring(0, end));
        List<String> numbers = new ArrayList<>();
        while (m.find()) {
            numbers.add(m.group(1));
        }
        return numbers;
    }

    /**
     * A header's fields without the empty ones that end it, keeping two at least: a spreadsheet's CSV may end every
     * line with empty fields (columns once used or formatted), which are no columns.
     */
    private static List<String> withoutTrailingBlanks(List<String> fields) {
        List<String> cols = new ArrayList<>(fields);
        while (cols.size() > 2 && cols.get(cols.size() - 1).isBlank()) {
            cols.remove(cols.size() - 1);
        }
        return cols;
    }

    /** Whether a header names a column twice (in any case). */
    private static boolean repeatsAName(List<String> fields) {
        Set<String> seen = new java.util.HashSet<>();
        for (String f : fields) {
            if (!f.isBlank() && !seen.add(f.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A header of two rows as pandas writes a table whose columns have two levels (a pivot of several measures, or
     * of one kept as a list): the first row names each column's measure ({@code ,sales,sales}), the second, after
     * the second level's name, its series ({@code store,A,B}); a third row may name the rows' index, the time
     * ({@code date,,}). Read as one header of the time and the series, named by the second row where one measure
     * is in every column, else by the measure and the second row ({@code sales / A}).
     *
     * @param measures the first row's names, one per series column
     * @param labels   the second row's names, one per series column
     * @param level    the second level's name (the second row's first field), which names the series' column
     * @param timeName the time column's name: the third row's, else the first row's first field, else "time"
     * @param rows     the header's rows, 2 or 3
     */
    private record Stacked(List<String> measures, List<String> labels, String level, String timeName, int rows) {

        /** The two rows as a stacked header, or null where the second is no row of names of the same width. */
        static Stacked of(List<String> first, CSVRecord second) {
            List<String> top = withoutTrailingBlanks(first);
            if (second.size() < top.size() || second.get(0).isBlank()) {
                return null;
            }
            List<String> measures = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            for (int i = 1; i < top.size(); i++) {
                String measure = top.get(i).strip();
                String label = second.get(i).strip();
                if (measure.isEmpty() || label.isEmpty() || isNumber(label)
                        || !seen.add((measure + "\n" + label).toLowerCase(Locale.ROOT))) {
                    return null;
                }
                measures.add(measure);
                labels.add(label);
            }
            for (int i = top.size(); i < second.size(); i++) {
                if (!second.get(i).isBlank()) {
                    return null;
                }
            }
            return new Stacked(measures, labels, second.get(0).strip(), top.get(0).isBlank() ? "time" : top.get(0).strip(),
                    2);
        }

        /** Whether a row names the index alone ({@code date,,}): a first field and nothing after it. */
        boolean indexName(CSVRecord row) {
            if (row.get(0).isBlank() || isNumber(row.get(0))) {
                return false;
            }
            for (int i = 1; i < row.size(); i++) {
                if (!row.get(i).isBlank()) {
                    return false;
                }
            }
            return true;
        }

        Stacked withTimeName(String name) {
            return new Stacked(measures, labels, level, name.strip(), 3);
        }

        private boolean oneMeasure() {
            return measures.stream().map(m -> m.toLowerCase(Locale.ROOT)).distinct().count() == 1;
        }

        /** The header as one row: the time's name, then each series' name. */
        List<String> header() {
            List<String> h = new ArrayList<>();
            h.add(timeName);
            boolean one = oneMeasure();
            for (int i = 0; i < labels.size(); i++) {
                h.add(one ? labels.get(i) : measures.get(i) + SeriesData.ID_JOIN + labels.get(i));
            }
            return h;
        }

        /** The name of the column that names the series in the forecasts. */
        String idName() {
            return oneMeasure() ? level : SeriesData.idName(List.of("measure", level));
        }

        String note() {
            return "read a header of " + (rows == 2 ? "two" : "three") + " rows (columns of two "
                    + "levels, as pandas writes them): " + (oneMeasure() ? Shorten.quoted(measures.get(0)) + " of each "
                    + Shorten.quoted(level) : "each measure of each " + Shorten.quoted(level)) + " as a series";
        }
    }

    /**
     * The roles of a header's columns, before any row is read: the series' id (one column or several), the time (or
     * a year and a period), the value, covariates, columns found to be rows' keys, and the layout they make; where
     * the times run across the header, the series are in rows.
     *
     * @param cols     the header's fields, the empty ones that end it left out
     * @param lower    each field's index by its name in lower case
     * @param keyCols  columns read as rows' keys (order_id), as if the file did not have them
     * @param idCol    the id column, or its first column where several name a series; -1 for none
     * @param idMore   the id's other columns
     * @param timeCol  the time column (or the period beside a year column); -1 for none
     * @param yearCol  the year column of a year and a period; -1 for none
     * @param valueCol the value column; -1 for none (a wide file, series in rows)
     * @param across   the times across the header of series in rows, or null
     * @param layout   the layout
     * @param covCols  the covariates' columns, in the order named
     * @param futureNames the future covariates' names as given
     * @param unread   the columns of a long or single-series file that are none of these
     */
    private record Columns(List<String> cols, Map<String, Integer> lower, Set<Integer> keyCols, int idCol,
                           List<Integer> idMore, int timeCol, int yearCol, int valueCol, Across across,
                           SeriesData.Layout layout, int[] covCols, List<String> futureNames,
                           List<String> unread) {
    }

    /** The roles of the columns of a header ({@link Columns}); {@code at} begins messages that name its line. */
    private Columns columns(List<String> header, String at) {
        List<String> cols = withoutTrailingBlanks(header);
        Map<String, Integer> lower = new HashMap<>();
        for (int i = 0; i < cols.size(); i++) {
            String key = cols.get(i).toLowerCase(Locale.ROOT);
            if (lower.containsKey(key)) {
                throw new DataException(at + "column " + Shorten.quoted(cols.get(i)) + " appears twice in the header");
            }
            lower.put(key, i);
        }
        // columns found to be rows' keys (order_id): read as if the file did not have them
        Set<Integer> keyCols = new java.util.HashSet<>();
        for (String k : rowKeys) {
            if (lower.containsKey(k)) {
                keyCols.add(lower.get(k));
            }
        }
        if (cols.size() < 2) {
            throw new DataException(at + "expected at least a time and a value column, found "
                    + (cols.size() == 1 ? "one column " + Shorten.quoted(cols.get(0)) : "no columns")
                    + (cols.size() == 1 && cols.get(0).contains(";") ? "; is the delimiter ';'? give the delimiter" : ""),
                    cols.size() == 1 && cols.get(0).contains(";") ? DataException.Remedy.DELIMITER : null);
        }
        // the series id: one column, or several whose values together name a series (store,item: --id-column
        // store,item), the first in idCol and the others in idMore
        List<Integer> idMore = new ArrayList<>();
        int idCol = idColumns(options.idColumn(), lower, cols, at, idMore);
        int timeCol = column(options.timeColumn(), lower, cols, at, "time");
        int valueCol = column(options.valueColumn(), lower, cols, at, "value");
        // a year and a period in two columns (year,month,sales; year,quarter,...), as statistics offices publish
        // them: the time is the two together
        int yearCol = -1;
        if (timeCol < 0 && options.timeColumn() == null) {
            Integer y = lower.get("year");
            Integer period = null;
            for (String n : PERIOD_NAMES) {
                period = period != null ? period : lower.get(n);
            }
            if (y != null && period != null) {
                yearCol = y;
                timeCol = period;
            }
        }
        if (timeCol < 0) {
            timeCol = find(TIME_NAMES, lower, -1, -1);
        }
        for (int i = 0; i < cols.size() && timeCol < 0; i++) {
            // order_date, created_ts, week_ending: a column named as a time names the time
            if (i != idCol && i != valueCol && TIME_LIKE.matcher(cols.get(i).trim()).matches()) {
                timeCol = i;
            }
        }
        if (idCol < 0 && options.idColumn() == null) {
            Map<String, Integer> ids = new HashMap<>(lower);
            ids.values().removeAll(keyCols);
            idCol = find(ID_NAMES, ids, timeCol, valueCol);
        }
        if (idCol < 0 && options.idColumn() == null) {
            // store_id, StoreID, productId: a column named as an id names the series
            for (int i = 0; i < cols.size() && idCol < 0; i++) {
                String c = cols.get(i).trim();
                if (i != timeCol && i != yearCol && i != valueCol && !keyCols.contains(i) && c.length() > 2
                        && (c.toLowerCase(Locale.ROOT).endsWith("_id")
                        || c.endsWith("ID") || c.matches(".*[a-z]Id"))) {
                    idCol = i;
                }
            }
        }
        if (valueCol < 0) {
            valueCol = find(VALUE_NAMES, lower, timeCol, idCol);
        }
        if (valueCol == yearCol && yearCol >= 0) {
            valueCol = -1;
        }
        // series in rows, times across the header: store,2024-01,2024-02,... (dates or period labels), or the
        // competitions' id,1,2,3,... where the first column is named as an id (integer steps); a file whose first
        // column holds no times and whose header counts steps (V1,V2,...) is found at its first row
        boolean named = options.idColumn() != null || options.timeColumn() != null || options.valueColumn() != null
                || options.covariates() != null && !options.covariates().isEmpty()
                || options.futureCovariates() != null && !options.futureCovariates().isEmpty();
        Across across = null;
        if (!named) {
            across = timesAcross(cols);
            if (across == null && idCol == 0 && timeCol < 0) {
                across = stepsAcross(cols);
            }
        }
        SeriesData.Layout layout;
        if (across != null) {
            layout = SeriesData.Layout.ROWS;
            idCol = 0;
            timeCol = -1;
            valueCol = -1;
        } else if (idCol >= 0) {
            layout = SeriesData.Layout.LONG;
            if (timeCol < 0) {
                throw new DataException(at + "no time column recognised among " + Shorten.list(cols) + "; name the time column", DataException.Remedy.TIME_COLUMN);
            }
            if (valueCol < 0) {
                // the first column that is no part of the id or the time
                for (int i = 0; i < cols.size() && valueCol < 0; i++) {
                    valueCol = i == idCol || idMore.contains(i) || i == timeCol || i == yearCol || keyCols.contains(i) ? -1 : i;
                }
                if (valueCol < 0) {
                    throw new DataException(at + "no value column besides " + Shorten.quoted(cols.get(idCol)) + " and "
                            + Shorten.quoted(cols.get(timeCol)) + "; name the value column", DataException.Remedy.VALUE_COLUMN);
                }
            }
        } else {
            if (timeCol < 0) {
                timeCol = 0;
            }
            if (cols.size() - (yearCol >= 0 ? 1 : 0) - keyCols.size() == 2 || valueCol >= 0) {
                layout = SeriesData.Layout.SINGLE;
                for (int i = 0; i < cols.size() && valueCol < 0; i++) {
                    valueCol = i == timeCol || i == yearCol || keyCols.contains(i) ? -1 : i;
                }
            } else {
                layout = SeriesData.Layout.WIDE;
            }
        }
        List<String> covNames = SeriesAssembler.covariateColumns(options.covariates(), options.futureCovariates());
        List<String> futureNames = options.futureCovariates() == null ? List.of() : options.futureCovariates();
        int[] covCols = new int[covNames.size()];
        for (int j = 0; j < covCols.length; j++) {
            if (layout == SeriesData.Layout.WIDE) {
                throw new DataException(at + "covariates need the long or single-series layout; a wide file has "
                        + "one column per series");
            }
            Integer c = lower.get(covNames.get(j).toLowerCase(Locale.ROOT));
            if (c == null) {
                throw new DataException(at + "no covariate column " + Shorten.quoted(covNames.get(j)) + " among " + Shorten.list(cols));
            }
            if (c == idCol || idMore.contains(c) || c == timeCol || c == yearCol || c == valueCol) {
                throw new DataException(at + "column " + Shorten.quoted(cols.get(c)) + " is the id, time or value column, not a covariate");
            }
            covCols[j] = c;
        }
        List<String> unreadAll = List.of();
        if (layout != SeriesData.Layout.WIDE && layout != SeriesData.Layout.ROWS) {
            List<String> ignored = new ArrayList<>();
            java.util.Set<Integer> used = new java.util.HashSet<>();
            for (int c : covCols) {
                used.add(c);
            }
            for (int i = 0; i < cols.size(); i++) {
                if (i != idCol && !idMore.contains(i) && i != timeCol && i != yearCol && i != valueCol
                        && !used.contains(i) && !keyCols.contains(i)) {
                    ignored.add(cols.get(i));
                }
            }
            unreadAll = ignored;
        }
        return new Columns(cols, lower, keyCols, idCol, idMore, timeCol, yearCol, valueCol, across, layout, covCols,
                futureNames, unreadAll);
    }

    private SeriesData parse(CSVParser parser, String name, NumberFields numbers, String sample) {
        var it = parser.iterator();
        if (!it.hasNext()) {
            throw new DataException(name + ": the file is empty");
        }
        CSVRecord header = it.next();
        // the header's line: the first, or the first after empty lines (a sheet's title rows)
        String at = name + ":" + Math.max(1, parser.getCurrentLineNumber()) + ": ";
        List<String> fields = new ArrayList<>();
        header.forEach(fields::add);
        // a header of two or three rows, as pandas writes columns of two levels: read as one
        Stacked stacked = null;
        CSVRecord ahead = null;
        int aheadLine = 0;
        if (options.idColumn() == null && options.valueColumn() == null && repeatsAName(fields) && it.hasNext()) {
            CSVRecord second = it.next();
            stacked = Stacked.of(fields, second);
            if (stacked != null && it.hasNext()) {
                CSVRecord third = it.next();
                if (stacked.indexName(third)) {
                    stacked = stacked.withTimeName(third.get(0));
                } else {
                    ahead = third;
                    aheadLine = (int) Math.min(Integer.MAX_VALUE, parser.getCurrentLineNumber());
                }
            }
            if (stacked != null) {
                fields = stacked.header();
            }
        }
        Columns roles = columns(fields, at);
        List<String> cols = roles.cols();
        Map<String, Integer> lower = roles.lower();
        Set<Integer> keyCols = roles.keyCols();
        int idCol = roles.idCol();
        List<Integer> idMore = roles.idMore();
        int timeCol = roles.timeCol();
        int yearCol = roles.yearCol();
        int valueCol = roles.valueCol();
        Across across = roles.across();
        SeriesData.Layout layout = roles.layout();
        int[] covCols = roles.covCols();
        List<String> futureNames = roles.futureNames();
        List<String> unreadAll = roles.unread();
        String unread = unreadAll.isEmpty() ? null : unreadAll.get(0);
        List<String> notes = new ArrayList<>();
        if (unread != null) {
            notes.add("ignored column" + (unreadAll.size() > 1 ? "s " : " ") + String.join(", ", unreadAll));
        }
        if (stacked != null) {
            notes.add(stacked.note());
        }
        SeriesAssembler series = new SeriesAssembler(name, line -> name + ":" + line, options.missing(), options.frequency())
                .skipBadSeries(!options.strict()).ownFrequencies(ownFrequencies).aggregate(aggregation)
                .season(options.season());
        List<String> covHeader = new ArrayList<>();
        for (int c : covCols) {
            covHeader.add(cols.get(c));
        }
        series.covariates(covHeader);
        List<String> futureHeader = new ArrayList<>();
        for (String f : futureNames) {
            futureHeader.add(cols.get(lower.get(f.toLowerCase(Locale.ROOT))));
        }
        series.futureCovariates(futureHeader);
        List<String> wide = new ArrayList<>();
        if (layout == SeriesData.Layout.WIDE) {
            for (int i = 0; i < cols.size(); i++) {
                if (i != timeCol && i != yearCol && !keyCols.contains(i)) {
                    wide.add(cols.get(i));
                    series.declare(cols.get(i));
                }
            }
        }
        TimeFormat tf = across != null ? across.format() : options.timeFormat();
        String timeName = across != null ? "time" : cols.get(timeCol);
        String valueName = across != null ? "value" : valueCol >= 0 ? cols.get(valueCol) : null;
        long rows = 0;
        // which unread columns of one series change from row to row: where its times repeat, the columns that may
        // name its series (a statistics office's long file has constant columns first: DATAFLOW, freq, unit)
        int[] unreadAt = layout == SeriesData.Layout.SINGLE ? unreadAll.stream().mapToInt(cols::indexOf).toArray()
                : new int[0];
        String[] unreadFirst = new String[unreadAt.length];
        boolean[] unreadVaries = new boolean[unreadAt.length];
        // lines below a table that are not rows of it (a source, a note), as downloaded statistics end: left out
        // while no row of the table follows them
        Footer footer = null;
        while (ahead != null || it.hasNext()) {
            CSVRecord r = ahead != null ? ahead : it.next();
            int line = ahead != null ? aheadLine : (int) Math.min(Integer.MAX_VALUE, parser.getCurrentLineNumber());
            ahead = null;
            if (r.size() == 1 && r.get(0).isEmpty()) {
                continue;
            }
            for (int j = 0; j < unreadAt.length; j++) {
                if (unreadAt[j] >= 0 && unreadAt[j] < r.size() && !unreadVaries[j]) {
                    String v = r.get(unreadAt[j]);
                    unreadFirst[j] = unreadFirst[j] == null ? v : unreadFirst[j];
                    unreadVaries[j] = !v.equals(unreadFirst[j]);
                }
            }
            if (footer != null) {
                // below lines that were not rows of the table: another such line, or a row, which makes the first
                // of them an error after all
                String ts = r.size() <= Math.max(timeCol, yearCol) ? "" : timeField(r, timeCol, yearCol, cols);
                if (notARow(r, cols.size(), tf, ts, timeName, name, line) == null
                        || ++footer.lines > MOST_FOOTER_LINES) {
                    throw new DataException(footer.why);
                }
                continue;
            }
            if (across == null && rows == 0 && tf == null && layout == SeriesData.Layout.WIDE
                    && TimeFormat.detect(r.get(timeCol), sample) == null && stepsAcross(cols) != null) {
                // V1,V2,... over Y1,5172.1,...: the first column names series, the header counts steps
                across = stepsAcross(cols);
                tf = across.format();
                layout = SeriesData.Layout.ROWS;
                idCol = 0;
                timeName = "time";
                valueName = "value";
                forgetAll(series, wide);
            }
            if (across == null && rows == 0 && layout == SeriesData.Layout.WIDE && r.size() == cols.size()) {
                // store,date,units: of a wide file's two series columns one holds names, not numbers: it names the
                // series of a long file, and the other is their value
                int names = -1;
                int other = -1;
                int columns = 0;
                for (int i = 0; i < cols.size(); i++) {
                    if (i != timeCol && i != yearCol && !keyCols.contains(i)) {
                        columns++;
                        String v = r.get(i).trim();
                        if (isName(v)) {
                            names = names < 0 ? i : Integer.MAX_VALUE;
                        } else {
                            other = i;
                        }
                    }
                }
                if (columns == 2 && names >= 0 && names != Integer.MAX_VALUE) {
                    forgetAll(series, wide);
                    layout = SeriesData.Layout.LONG;
                    idCol = names;
                    valueCol = other;
                    valueName = cols.get(other);
                    notes.add(0, "read column " + Shorten.quoted(cols.get(names)) + " as the series' id (its values are "
                            + "names, not numbers) and " + Shorten.quoted(cols.get(other)) + " as their values");
                }
            }
            if (across != null) {
                rows++;
                rowAcross(r, line, cols, across, series, numbers, name);
                continue;
            }
            boolean footerable = tf != null && (layout == SeriesData.Layout.SINGLE || layout == SeriesData.Layout.WIDE);
            String width = r.size() == cols.size() ? null : widthProblem(r, cols.size(), name, line);
            if (width != null) {
                // in a long file too: a line of another width below the rows, with no digit where the time would be
                // (a truncated row keeps its time), ends the table
                if (tf == null || rows == 0 || !(footerable ? footerLike(r, timeCol) : noTime(r, timeCol))) {
                    throw new DataException(width);
                }
                footer = new Footer(width, line, r);
                continue;
            }
            if ((++rows & ((1 << 20) - 1)) == 0) {
                progress.accept(rows);
            }
            String id = null;
            if (layout != SeriesData.Layout.WIDE) {
                id = idCol >= 0 ? r.get(idCol) : "series";
                if (idCol >= 0 && id.isEmpty()) {
                    throw new DataException(name + ":" + line + ": column " + Shorten.quoted(cols.get(idCol)) + " (the series id) is empty");
                }
                for (int c : idMore) {
                    String part = r.get(c);
                    if (part.isEmpty()) {
                        throw new DataException(name + ":" + line + ": column " + Shorten.quoted(cols.get(c))
                                + " (a part of the series id) is empty");
                    }
                    id = id + SeriesData.ID_JOIN + part;
                }
            }
            String ts = timeField(r, timeCol, yearCol, cols);
            if (ts.isEmpty() && rows == 1 && layout != SeriesData.Layout.LONG && unitsRow(r, timeCol, yearCol, keyCols)) {
                // date,sales,visits over ,USD,count: the units of the columns, as statistics exports name them
                rows--;
                notes.add("left out line " + line + " under the header: a row of units, no time (" + Shorten.quoted(
                        String.join(",", r)) + ")");
                continue;
            }
            if (ts.isEmpty()) {
                // in a wide file the row's time is every series'; in a long one it is one series' problem
                DataException empty = new DataException(emptyTime(name, line, timeName));
                if (footerable && rows > 1 && footerLike(r, timeCol)) {
                    rows--;
                    footer = new Footer(empty.getMessage(), line, r);
                    continue;
                }
                if (id == null) {
                    throw empty;
                }
                series.reject(id, empty);
                continue;
            }
            if (tf == null) {
                tf = TimeFormat.detect(ts, sample);
                TimeFormat years = (tf == null || tf.isSteps()) && timeCol == 0 && yearCol < 0
                        ? TimeFormat.decimalYears(ts, numbersFirst(sample)) : null;
                if (years != null) {
                    // R's time() of a ts: 1949, 1949.08333333333, ...
                    tf = years;
                }
                TimeFormat serial = tf != null && tf.isSteps() ? TimeFormat.spreadsheetDays(timeName, ts) : null;
                if (serial != null) {
                    // date,sales over 45292,...: dates whose cells lost their format
                    tf = serial;
                }
                if (tf == null) {
                    throw new DataException(name + ":" + line + ": column " + Shorten.quoted(timeName) + ": cannot recognise the time "
                            + Shorten.quoted(ts) + "; give its pattern (" + TimeFormat.hint(ts) + ")",
                            DataException.Remedy.TIME_FORMAT);
                }
                if (tf.note() != null) {
                    notes.add(tf.note());
                }
            }
            long key;
            try {
                key = tf.parse(ts);
            } catch (DateTimeParseException | NumberFormatException e) {
                DataException bad = new DataException(notATime(name, line, timeName, ts, tf));
                if (footerable && rows > 1 && footerLike(r, timeCol)) {
                    rows--;
                    footer = new Footer(bad.getMessage(), line, r);
                    continue;
                }
                if (id == null) {
                    throw bad;
                }
                series.reject(id, bad);
                continue;
            }
            if (layout == SeriesData.Layout.WIDE) {
                for (int i = 0, k = 0; i < cols.size(); i++) {
                    if (i != timeCol && i != yearCol && !keyCols.contains(i)) {
                        String column = wide.get(k++);
                        try {
                            series.add(column, key, numbers.value(r.get(i), name, line, cols.get(i)), line);
                        } catch (NumberFields.BadNumber e) {
                            series.reject(column, e);
                        }
                    }
                }
            } else {
                try {
                    double[] covs = null;
                    if (covCols.length > 0) {
                        covs = new double[covCols.length];
                        for (int j = 0; j < covCols.length; j++) {
                            covs[j] = numbers.value(r.get(covCols[j]), name, line, cols.get(covCols[j]));
                        }
                    }
                    series.add(id, key, numbers.value(r.get(valueCol), name, line, valueName), covs, line);
                } catch (NumberFields.BadNumber e) {
                    series.reject(id, e);
                }
            }
        }
        if (rows == 0) {
            throw new DataException(name + ": the file has a header but no data rows");
        }
        String displayed = numbers.formattedNote();
        if (displayed != null) {
            notes.add(displayed);
        }
        String flaggedNote = numbers.flaggedNote();
        if (flaggedNote != null) {
            notes.add(flaggedNote);
        }
        String bounded = numbers.boundNote();
        if (bounded != null) {
            notes.add(bounded);
        }
        if (footer != null) {
            notes.add(footer.note());
        }
        if (layout == SeriesData.Layout.ROWS) {
            notes.add(0, "read one series per row" + (across.lead() > 1 ? ", named by its first " + across.lead()
                    + " columns" : "") + ", the times across the header (" + Shorten.quoted(cols.get(across.lead()))
                    + " to " + Shorten.quoted(cols.get(cols.size() - 1)) + ")");
        }
        // an id taken by its name each of whose values is on one row (order_id): most likely rows' keys
        boolean rowKey = layout == SeriesData.Layout.LONG && options.idColumn() == null && idMore.isEmpty()
                && rows >= FEWEST_ROWS_OF_A_ROW_KEY && series.size() == rows;
        try {
            List<String> idNames = new ArrayList<>();
            if (idCol >= 0) {
                idNames.add(cols.get(idCol));
            }
            for (int c : idMore) {
                idNames.add(cols.get(c));
            }
            String idName = !idNames.isEmpty() ? SeriesData.idName(idNames)
                    : stacked != null && layout == SeriesData.Layout.WIDE ? stacked.idName() : null;
            SeriesData read = series.finish(layout, across != null ? across.idName(cols) : idName, timeName, valueName,
                    tf, notes);
            if (rowKey) {
                throw new RowKey(cols.get(idCol), read, null);
            }
            return read;
        } catch (DataException e) {
            if (rowKey) {
                throw new RowKey(cols.get(idCol), null, e);
            }
            // one series with repeated times and a column left unread: most likely the column that names the series
            // (a column named as a part of a time, as day beside year, names no series)
            // (the columns whose values change first, in the file's order, then the others)
            List<String> byChange = new ArrayList<>();
            for (int pass = 0; pass < 2; pass++) {
                for (int j = 0; j < unreadAt.length; j++) {
                    if (unreadVaries[j] == (pass == 0)) {
                        byChange.add(unreadAll.get(j));
                    }
                }
            }
            String first = byChange.isEmpty() ? unread : byChange.get(0);
            if (layout == SeriesData.Layout.SINGLE && first != null
                    && !TIME_NAMES.contains(first.trim().toLowerCase(Locale.ROOT))
                    && !PERIOD_NAMES.contains(first.trim().toLowerCase(Locale.ROOT))
                    && e.getMessage().contains(": duplicate time in series ") && e.remedy() == null) {
                throw new UnnamedSeries(e.getMessage(), e.getMessage() + "; if column " + Shorten.quoted(first)
                        + " names the series, give the id column", byChange.isEmpty() ? unreadAll : byChange);
            }
            throw e;
        }
    }

    /**
     * The id column {@code given} ({@link #column}), or where the header has no such column and it lists several
     * ({@code store,item}), the first of them, the others added to {@code more}.
     */
    private int idColumns(String given, Map<String, Integer> lower, List<String> cols, String at, List<Integer> more) {
        if (given == null) {
            return -1;
        }
        List<String> parts = SeriesData.idColumns(given, g -> lower.containsKey(g.toLowerCase(Locale.ROOT)));
        int first = column(parts.get(0), lower, cols, at, "id");
        for (String part : parts.subList(1, parts.size())) {
            int c = column(part, lower, cols, at, "id");
            if (more.contains(c) || c == first) {
                throw new DataException(at + "the id column " + Shorten.quoted(part) + " is given twice");
            }
            more.add(c);
        }
        return first;
    }

    private int column(String given, Map<String, Integer> lower, List<String> cols, String at, String option) {
        if (given == null) {
            return -1;
        }
        Integer i = lower.get(given.toLowerCase(Locale.ROOT));
        if (i == null) {
            throw new DataException(at + "no " + option + " column " + Shorten.quoted(given) + "; the header has " + Shorten.list(cols));
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

}
