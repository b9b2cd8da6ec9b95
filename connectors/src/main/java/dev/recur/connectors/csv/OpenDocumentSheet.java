package dev.recur.connectors.csv;

import dev.recur.connectors.DataException;
import dev.recur.engine.io.Shorten;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.commons.csv.CSVPrinter;

/**
 * The first sheet of an OpenDocument spreadsheet ({@code .ods}, as LibreOffice and OpenOffice save them) as CSV
 * text, as {@link WorkbookSheet} writes an Excel workbook's: each row a line (row 5 is line 5), a cell its value,
 * not its display (a date cell its ISO date or date-time, a number all its digits, a formula its last result, a
 * text cell its text). The format is a zip archive whose {@code content.xml} holds the sheets (OASIS OpenDocument
 * 1.2, part 1, section 9); it is streamed with the JDK's StAX parser, external entities off. No well-kept Java
 * library reads it short of a whole office document model, so this is ours.
 */
final class OpenDocumentSheet {

    /** The media type an OpenDocument spreadsheet's {@code mimetype} entry holds. */
    static final String MEDIA_TYPE = "application/vnd.oasis.opendocument.spreadsheet";

    private static final String TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private static final String OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    private static final String TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

    /** Most rows a repeated row stands for (a sheet's last row is 1,048,576). */
    private static final int MOST_ROWS = SheetLines.MOST_ROWS;
    /** Most columns a repeated cell stands for (a sheet's last column is 16,384). */
    private static final int MOST_COLUMNS = SheetLines.MOST_COLUMNS;

    private OpenDocumentSheet() {
    }

    /** Whether {@code file} is a zip archive whose {@code mimetype} entry names an OpenDocument spreadsheet. */
    static boolean is(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry type = zip.getEntry("mimetype");
            if (type == null) {
                return false;
            }
            try (InputStream in = zip.getInputStream(type)) {
                return new String(in.readNBytes(200), StandardCharsets.US_ASCII).trim().equals(MEDIA_TYPE);
            }
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A sheet of {@code workbook}, whose rows are written to {@code csv} as CSV lines.
     *
     * @param name   the workbook's name in messages
     * @param wanted the sheet's name or number from 1, or null for the first ({@link SheetLines#wanted})
     */
    static SheetLines.Read toCsv(Path workbook, String name, Path csv, String wanted) {
        try (ZipFile zip = new ZipFile(workbook.toFile())) {
            ZipEntry content = zip.getEntry("content.xml");
            if (content == null) {
                throw new DataException(name + ": an OpenDocument spreadsheet without its content.xml; save its sheet "
                        + "as CSV and forecast that file");
            }
            try (InputStream in = zip.getInputStream(content);
                 CSVPrinter out = SheetLines.printer(csv)) {
                XMLInputFactory factory = XMLInputFactory.newFactory();
                factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
                factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
                factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
                XMLStreamReader xml = factory.createXMLStreamReader(in);
                try {
                    return sheet(xml, new SheetLines(out), name, wanted);
                } finally {
                    xml.close();
                }
            }
        } catch (DataException e) {
            throw e;
        } catch (IOException | XMLStreamException | RuntimeException e) {
            throw new DataException(name + ": cannot be read as an OpenDocument spreadsheet (" + Shorten.reason(e)
                    + "); save its sheet as CSV and forecast that file", e);
        }
    }

    /** Prints the rows of the document's sheet ({@code table:table}) asked for and returns its name. */
    private static SheetLines.Read sheet(XMLStreamReader xml, SheetLines lines, String name, String wanted)
            throws XMLStreamException, IOException {
        List<String> names = new ArrayList<>();
        while (xml.hasNext()) {
            if (xml.next() == XMLStreamConstants.START_ELEMENT && is(xml, TABLE, "table")) {
                String sheet = xml.getAttributeValue(TABLE, "name");
                sheet = sheet == null ? Integer.toString(names.size() + 1) : sheet;
                if (SheetLines.wanted(wanted, sheet, names.size())) {
                    rows(xml, lines);
                    return new SheetLines.Read(sheet, lines.note());
                }
                names.add(sheet);
                skip(xml);
            }
        }
        if (names.isEmpty()) {
            throw new DataException(name + ": a spreadsheet without a sheet");
        }
        throw SheetLines.noSuchSheet(name, wanted, names);
    }

    /** Prints the rows of the table whose start the reader is at, up to its end. */
    private static void rows(XMLStreamReader xml, SheetLines lines) throws XMLStreamException, IOException {
        List<String> cells = new ArrayList<>();
        int row = 0;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (is(xml, TABLE, "table-row")) {
                int repeated = count(xml, "number-rows-repeated", MOST_ROWS);
                cells.clear();
                cells(xml, cells);
                // an empty row (a sheet's empty rows after its last one come as one row repeated a million times)
                // is a row skipped; a row of values repeated is printed as often
                if (!cells.isEmpty()) {
                    for (int k = 0; k < repeated && row < MOST_ROWS; k++) {
                        lines.row(row++, cells);
                    }
                } else {
                    row = (int) Math.min(MOST_ROWS, (long) row + repeated);
                }
            } else if (is(xml, TABLE, "table")) {
                // a table within a cell's frame or a nested one: not the sheet's rows
                skip(xml);
            } else {
                // columns, row groups and headers hold rows or nothing of the values: go in
                depth++;
            }
        }
    }

    /**
     * Reads a row's cells, up to the row's end, into {@code cells}: each cell's value as often as it is repeated,
     * empty cells only where a value follows them (the empty cells after a row's last value are left out).
     */
    private static void cells(XMLStreamReader xml, List<String> cells) throws XMLStreamException {
        int pendingEmpty = 0;
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (!is(xml, TABLE, "table-cell") && !is(xml, TABLE, "covered-table-cell")) {
                skip(xml);
                continue;
            }
            int repeated = count(xml, "number-columns-repeated", MOST_COLUMNS);
            String value = value(xml);
            if (value.isEmpty()) {
                pendingEmpty = (int) Math.min(MOST_COLUMNS, (long) pendingEmpty + repeated);
                continue;
            }
            for (; pendingEmpty > 0 && cells.size() < MOST_COLUMNS; pendingEmpty--) {
                cells.add("");
            }
            pendingEmpty = 0;
            for (int k = 0; k < repeated && cells.size() < MOST_COLUMNS; k++) {
                cells.add(value);
            }
        }
    }

    /**
     * A cell's value, reading up to the cell's end: by its value type, a number as written in
     * {@code office:value} (all its digits), a date as an ISO date (a date-time with a space where it has a time of
     * day), a time of day as an ISO time, a boolean as {@code true} or {@code false}; a text cell (or one without a
     * type) its paragraphs' text, lines joined by a line break; empty for an empty cell.
     */
    private static String value(XMLStreamReader xml) throws XMLStreamException {
        String type = xml.getAttributeValue(OFFICE, "value-type");
        String typed = null;
        if (type != null) {
            switch (type) {
                case "float", "percentage", "currency" -> typed = xml.getAttributeValue(OFFICE, "value");
                case "date" -> typed = date(xml.getAttributeValue(OFFICE, "date-value"));
                case "time" -> typed = time(xml.getAttributeValue(OFFICE, "time-value"));
                case "boolean" -> typed = xml.getAttributeValue(OFFICE, "boolean-value");
                default -> {
                }
            }
        }
        String text = text(xml);
        return typed != null ? typed : text;
    }

    /** An ISO date-time of a date cell as a CSV file writes it: the date alone at midnight, else with a space. */
    private static String date(String v) {
        if (v == null || v.indexOf('T') < 0) {
            return v;
        }
        try {
            LocalDateTime t = LocalDateTime.parse(v);
            return t.toLocalTime().equals(LocalTime.MIDNIGHT) ? t.toLocalDate().toString()
                    : t.toString().replace('T', ' ');
        } catch (DateTimeParseException e) {
            return v;
        }
    }

    /** A duration of a time cell ({@code PT10H30M00S}) as a time of day ({@code 10:30}). */
    private static String time(String v) {
        if (v == null) {
            return null;
        }
        try {
            long seconds = Duration.parse(v).getSeconds();
            return seconds >= 0 && seconds < 86_400 ? LocalTime.ofSecondOfDay(seconds).toString() : v;
        } catch (DateTimeParseException e) {
            return v;
        }
    }

    /**
     * The text of the paragraphs of the element the reader is at, reading up to its end: a paragraph's spans and
     * links as their text, {@code text:s} as its count of spaces, tabs and line breaks as such, paragraphs joined by a
     * line break; a cell's comment ({@code office:annotation}) left out.
     */
    private static String text(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder b = new StringBuilder();
        int depth = 1;
        int paragraphs = 0;
        while (depth > 0) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (is(xml, OFFICE, "annotation")) {
                        skip(xml);
                    } else if (is(xml, TEXT, "p") || is(xml, TEXT, "h")) {
                        if (paragraphs++ > 0) {
                            b.append('\n');
                        }
                        depth++;
                    } else if (is(xml, TEXT, "s")) {
                        b.append(" ".repeat(count(xml, TEXT, "c", 1 << 10)));
                        depth++;
                    } else if (is(xml, TEXT, "tab")) {
                        b.append('\t');
                        depth++;
                    } else if (is(xml, TEXT, "line-break")) {
                        b.append('\n');
                        depth++;
                    } else {
                        depth++;
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (depth > 1) {
                        b.append(xml.getText());
                    }
                }
                default -> {
                }
            }
        }
        return b.toString();
    }

    /** Reads past the end of the element the reader is at. */
    private static void skip(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static boolean is(XMLStreamReader xml, String namespace, String local) {
        return local.equals(xml.getLocalName()) && namespace.equals(xml.getNamespaceURI());
    }

    /** A table attribute's repeat count: 1 when absent or not a positive number, at most {@code most}. */
    private static int count(XMLStreamReader xml, String attribute, int most) {
        return count(xml, TABLE, attribute, most);
    }

    private static int count(XMLStreamReader xml, String namespace, String attribute, int most) {
        String v = xml.getAttributeValue(namespace, attribute);
        if (v == null) {
            return 1;
        }
        try {
            long n = Long.parseLong(v.trim());
            return n < 1 ? 1 : (int) Math.min(most, n);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
