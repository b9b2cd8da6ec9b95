package dev.recur.connectors.csv;

import dev.recur.connectors.DataException;
import dev.recur.engine.io.Shorten;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Prints a spreadsheet's rows as CSV lines, row n as line n, for the workbook readers ({@link WorkbookSheet} with
 * Apache POI, {@link OpenDocumentSheet} without): rows the sheet leaves out (empty ones) are empty lines; the rows
 * above the table (a title, a note: fewer than two cells with a value before the first row with two) are empty
 * lines too, counted for a note; and a row is filled with empty cells to the table's first row's width, since a
 * sheet leaves out the empty cells at a row's end.
 */
final class SheetLines {

    /**
     * What was read of a workbook: its first sheet.
     *
     * @param sheet the sheet's name
     * @param note  what was left out above its table, or null
     */
    record Read(String sheet, String note) {
    }

    /**
     * Whether the sheet named {@code name}, the {@code index}-th (from 0), is the one {@code wanted} asks for: by its
     * name in any case, or by its number from 1 (the first sheet that matches is read); the first where
     * {@code wanted} is null.
     */
    static boolean wanted(String wanted, String name, int index) {
        if (wanted == null) {
            return index == 0;
        }
        String w = wanted.trim();
        return w.equalsIgnoreCase(name == null ? "" : name.trim()) || w.equals(Integer.toString(index + 1));
    }

    /** The refusal of a workbook without the sheet asked for, naming the sheets it has. */
    static DataException noSuchSheet(String workbook, String wanted, List<String> sheets) {
        return new DataException(workbook + ": no sheet " + Shorten.quoted(wanted)
                + "; its sheets are " + String.join(", ", sheets.stream().map(Shorten::quoted).toList())
                + " (give a name or a number from 1)");
    }

    /** A printer of CSV lines into {@code csv}, as the workbook readers write a sheet's rows. */
    static CSVPrinter printer(Path csv) throws IOException {
        return new CSVPrinter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setRecordSeparator('\n').build());
    }

    /** Rows a sheet has at most (Excel's and LibreOffice's last row is 1,048,576). */
    static final int MOST_ROWS = 1 << 20;
    /** Columns a sheet has at most (its last column, XFD, is the 16,384th). */
    static final int MOST_COLUMNS = 1 << 14;

    private final CSVPrinter out;
    private int printed;
    private int width = -1;
    private int aboveTable;

    SheetLines(CSVPrinter out) {
        this.out = out;
    }

    /**
     * Prints row {@code rowNum} (counted from 0) of {@code cells}.
     *
     * @throws IOException for a row beyond a sheet's last ({@link #MOST_ROWS}: a damaged or crafted workbook's row
     *                     2,147,483,647 would be two billion empty lines) or wider than its columns
     */
    void row(int rowNum, List<String> cells) throws IOException {
        if (rowNum < 0 || rowNum >= MOST_ROWS) {
            throw new IOException("row " + (rowNum + 1L) + " is beyond a sheet's last row, " + MOST_ROWS);
        }
        if (cells.size() > MOST_COLUMNS) {
            throw new IOException("row " + (rowNum + 1L) + " has " + cells.size() + " cells, beyond a sheet's "
                    + MOST_COLUMNS + " columns");
        }
        while (printed < rowNum) {
            out.println();
            printed++;
        }
        int filled = 0;
        for (String c : cells) {
            filled += c.isBlank() ? 0 : 1;
        }
        if (width < 0 && filled < 2) {
            aboveTable += filled > 0 ? 1 : 0;
            out.println();
        } else {
            if (width < 0) {
                width = cells.size();
            }
            List<String> row = cells;
            if (cells.size() < width) {
                row = new ArrayList<>(cells);
                while (row.size() < width) {
                    row.add("");
                }
            }
            out.printRecord(row);
        }
        printed++;
    }

    /** What was left out above the table, for the note, or null. */
    String note() {
        return aboveTable == 0 ? null : aboveTable + " row" + (aboveTable == 1 ? "" : "s")
                + " above the table (a title or a note) left out";
    }
}
