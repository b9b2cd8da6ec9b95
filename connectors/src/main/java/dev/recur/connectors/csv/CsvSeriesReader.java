package dev.recur.connectors.csv;

import dev.recur.connectors.DataException;
import dev.recur.connectors.MissingPolicy;
import dev.recur.connectors.series.Aggregation;
import dev.recur.connectors.series.SeriesAssembler;
import dev.recur.connectors.series.SeriesData;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.series.TimeSeries;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
     * monthly ones) at its own, {@link dev.recur.engine.series.TimeSeries#frequency()}, instead of leaving it out
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
     * ten rows, is a row's key ({@code order_id} in a file of transactions), not a
     * series' name: the file is read again as if it did not have that column, with a note saying so (or, where
     * that reading fails, its problem and how to give the column as the id).
     *
     * @throws DataException for a missing, unreadable or malformed file, naming file, line and column
     */
    public SeriesData read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try {
            return readNamingSeries(file, name);
        } catch (TableReading.RowKey key) {
            // order_id,order_date,store,amount: every order on its own row names no series; read without it
            Set<String> without = new java.util.HashSet<>(rowKeys);
            without.add(key.column().trim().toLowerCase(Locale.ROOT));
            CsvSeriesReader again = new CsvSeriesReader(options, progress, ownFrequencies, sheet, aggregation,
                    Set.copyOf(without));
            try {
                return again.read(file).withNoteFirst("column " + Shorten.quoted(key.column()) + " is not the series' id: "
                        + "each of its values is on one row (a row's key, as an order number); read without it");
            } catch (DataException e) {
                // the second reading's problem is the file's (transactions at irregular times, to be aggregated),
                // with the way back to the first for a file of series of a value each; a front end appends the
                // remedy's option to the message, so the message ends with the remedy's phrase
                String way = "column " + Shorten.quoted(key.column()) + ", each of whose values is on one row, was not "
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
        } catch (TableReading.UnnamedSeries e) {
            if (e.wide() != null) {
                return readMeasures(file, name, e);
            }
            // store,date,sales: no column is named as an id, so the file was read as one series, and its times
            // repeat: read again with the first column left unread as the series' id, and where the times repeat
            // by it too (date,store,item,sales), with the first two, then three; say so; where none is enough, the
            // first error stands, with its hint
            // (columns named as a part of a time, as day beside year, name no series; nor does a column without a
            // name, the row numbers pandas and R write first)
            List<String> candidates = e.columns().stream().filter(c -> !ColumnRoles.namesATime(c) && !c.isBlank())
                    .toList();
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
                throw new DataException(e.base() + "; the times repeat within column" + (tried > 1 ? "s " : " ")
                        + Shorten.quotedList(candidates.subList(0, tried)) + " too");
            }
            throw e;
        }
    }

    /**
     * Reads a wide file each of whose columns repeats its times ({@code Country,Year,Debt,Income}) as the long file
     * it is: its series named by the fewest of its columns (labels first, then numbers, in the file's order; at most
     * {@link #MOST_ID_COLUMNS}) by which no series repeats its times, each of its other columns of numbers a measure
     * of every series ({@code Australia / Debt}), with a note saying so; where none serves (rows of transactions),
     * the wide reading's problem stands.
     */
    private SeriesData readMeasures(Path file, String name, TableReading.UnnamedSeries e) {
        // a column without a name (pandas' index) is neither a part of the id nor a measure: left unread
        List<String> candidates = e.columns().stream().filter(c -> !c.isBlank()).toList();
        String time = options.timeColumn() != null ? options.timeColumn() : e.timeColumn();
        for (int k = 1; k <= Math.min(MOST_ID_COLUMNS, candidates.size()); k++) {
            List<String> id = candidates.subList(0, k);
            List<String> values = e.values().stream().filter(v -> !id.contains(v) && !v.isBlank()).toList();
            if (values.isEmpty()) {
                break;
            }
            CsvSeriesReader byColumns = new CsvSeriesReader(options.withColumns(String.join(",", id), time,
                    String.join(",", values)), progress, ownFrequencies, sheet, aggregation, rowKeys);
            try {
                SeriesData read = byColumns.readFile(file, name);
                if (read.series().stream().mapToInt(TimeSeries::length).sum()
                        < FEWEST_VALUES_PER_ID * (long) read.series().size()) {
                    break;   // series of a value or two each: a measure (an amount) taken for a part of the id
                }
                return read.withNoteFirst("read column" + (k > 1 ? "s " : " ") + Shorten.quotedList(id) + " as the series' id"
                        + (values.size() > 1 ? " and each of the columns " + Shorten.quotedList(values) + " as a series of every "
                        + "id" : " and " + Shorten.quoted(values.get(0)) + " as their values")
                        + " (each column's times repeat; --value-column reads one)");
            } catch (DataException again) {
                if (!again.getMessage().contains(": duplicate time in series ")) {
                    break;
                }
            }
        }
        throw e.wide();
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
        } catch (TableReading.RowKey key) {
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
        Encoding encoding = encoding(head);
        Charset charset = encoding.charset();
        int skip = encoding.skip();
        if (!charset.name().startsWith("UTF-16")) {
            notBinary(head, name);
        }
        data.skipNBytes(skip);
        // the first rows' text, where dates with slashes may show their order after an ambiguous first one
        String sample = new String(head, skip, head.length - skip, charset);
        return readText(new BufferedReader(new InputStreamReader(data, charset), 1 << 16), name, sample);
    }

    /**
     * How a file's text is encoded: the charset the options give, or the one its byte-order mark shows, else UTF-8;
     * and the mark's length, skipped before the text.
     */
    private record Encoding(Charset charset, int skip) {
    }

    /** The encoding of a file whose first bytes are {@code head}. */
    private Encoding encoding(byte[] head) {
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
        return new Encoding(charset == null ? StandardCharsets.UTF_8 : charset, skip);
    }

    /**
     * Checks that a file's first bytes {@code head} hold no NUL byte, as a text file of one-byte characters does not.
     *
     * @throws DataException naming the line of the first NUL byte
     */
    private static void notBinary(byte[] head, String name) {
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

    /**
     * Reads a file's text: the lines above its table (the UK statistics office's keys, a report's titles), its
     * delimiter, then its rows ({@link TableReading}); {@code sample} is the text of its first bytes.
     */
    private SeriesData readText(BufferedReader reader, String name, String sample) throws IOException {
        String firstLine = TablePreamble.peekFirstLine(reader);
        if (firstLine == null || firstLine.isBlank()) {
            throw new DataException(name + ":1: the header line is empty");
        }
        // the UK statistics office's series: lines of a key and its value, then its yearly, quarterly and monthly
        // rows with no header; read as a table of its finest rows, every line keeping its number
        TablePreamble preamble = new TablePreamble(options.delimiter());
        String ons = null;
        if (TablePreamble.ONS_FIRST.matcher(firstLine).find()) {
            String all = reader.lines().collect(java.util.stream.Collectors.joining("\n"));
            TablePreamble.Ons table = preamble.ons(all);
            if (table != null) {
                reader = new BufferedReader(new java.io.StringReader(table.text()));
                firstLine = table.text().substring(0, table.text().indexOf('\n'));
                ons = table.note();
            } else {
                reader = new BufferedReader(new java.io.StringReader(all));
            }
        }
        // a report's lines above the table (a title, the date it was made), read as empty lines
        TablePreamble.Titles titles = preamble.titles(reader);
        if (titles != null) {
            firstLine = titles.header();
            reader = titles.reader(reader);
        }
        char delimiter = options.delimiter() != null ? options.delimiter() : TablePreamble.detectDelimiter(firstLine);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setTrim(true)
                .setQuote(options.quote() != null ? options.quote() : '"').setIgnoreEmptyLines(true).build();
        try (CSVParser parser = format.parse(reader)) {
            NumberFields numbers = new NumberFields(delimiter != ',');
            SeriesData read = new TableReading(options, rowKeys, ownFrequencies, aggregation, progress, name, numbers,
                    sample).read(parser);
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
        for (java.util.zip.ZipEntry e = nextEntry(zip, name); e != null; e = nextEntry(zip, name)) {
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

    /**
     * The next entry of a zip archive, or null after its last; an entry whose name is not UTF-8 (a damaged archive)
     * is refused with the file's name, not thrown past the reader as the JDK's IllegalArgumentException.
     */
    private static java.util.zip.ZipEntry nextEntry(java.util.zip.ZipInputStream zip, String name) throws IOException {
        try {
            return zip.getNextEntry();
        } catch (IllegalArgumentException e) {
            throw new DataException(name + ": a damaged zip archive (an entry's name is not text: " + Shorten.reason(e)
                    + ")", e);
        }
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
        } catch (IOException | IllegalArgumentException e) {
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
}
