package dev.recur.connectors.csv;

import dev.recur.connectors.DataException;
import dev.recur.engine.io.Shorten;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The first sheet of an Excel workbook ({@code .xlsx}, or Excel 97–2003's {@code .xls}) as CSV text, with Apache
 * POI (its streaming reader for {@code .xlsx}): each row of
 * the sheet is a line (row 5 is line 5, so that messages name the sheet's rows), a cell holds its value, not its
 * display: a date or time cell its ISO date ({@code 2024-01-31}) or date-time, a number all its digits, a formula
 * its last result. Only this class touches POI, which is optional: without it on the class path a workbook is
 * refused with what to do.
 */
final class WorkbookSheet {

    private WorkbookSheet() {
    }

    /**
     * A sheet of {@code workbook}, whose rows are written to {@code csv} as CSV lines.
     *
     * @param name  the workbook's name in messages
     * @param old   whether it is an Excel 97–2003 workbook (an OLE2 document), as its first bytes told the caller
     * @param wanted the sheet's name or number from 1, or null for the first ({@link SheetLines#wanted})
     */
    static SheetLines.Read toCsv(Path workbook, String name, Path csv, boolean old, String wanted) {
        if (old) {
            return oldToCsv(workbook, name, csv, wanted);
        }
        try (OPCPackage pkg = OPCPackage.open(workbook.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new DataException(name + ": a workbook without a sheet");
            }
            List<String> names = new ArrayList<>();
            InputStream chosen = null;
            while (sheets.hasNext() && chosen == null) {
                InputStream next = sheets.next();
                if (SheetLines.wanted(wanted, sheets.getSheetName(), names.size())) {
                    chosen = next;
                } else {
                    next.close();
                }
                names.add(sheets.getSheetName());
            }
            if (chosen == null) {
                throw SheetLines.noSuchSheet(name, wanted, names);
            }
            try (InputStream sheet = chosen;
                 CSVPrinter out = SheetLines.printer(csv)) {
                String sheetName = sheets.getSheetName();
                SheetLines lines = new SheetLines(out);
                Rows rows = new Rows(lines);
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, rows, new Values(), false));
                parser.parse(new InputSource(sheet));
                if (rows.failure != null) {
                    throw rows.failure;
                }
                return new SheetLines.Read(sheetName, lines.note());
            }
        } catch (DataException e) {
            throw e;
        } catch (IOException e) {
            throw new DataException(name + ": cannot be read as an Excel workbook: " + Shorten.reason(e), e);
        } catch (Exception e) {
            throw unreadable(name, e);
        }
    }

    /**
     * The first sheet of an Excel 97–2003 workbook ({@code .xls}, at most 65,536 rows, read whole) as
     * {@link #toCsv} writes an {@code .xlsx}'s.
     */
    private static SheetLines.Read oldToCsv(Path workbook, String name, Path csv, String wanted) {
        try (POIFSFileSystem fs = new POIFSFileSystem(workbook.toFile(), true);
             HSSFWorkbook wb = new HSSFWorkbook(fs.getRoot(), false)) {
            if (wb.getNumberOfSheets() == 0) {
                throw new DataException(name + ": a workbook without a sheet");
            }
            int index = -1;
            List<String> names = new ArrayList<>();
            for (int i = 0; i < wb.getNumberOfSheets(); i++) {
                names.add(wb.getSheetName(i));
                if (index < 0 && SheetLines.wanted(wanted, wb.getSheetName(i), i)) {
                    index = i;
                }
            }
            if (index < 0) {
                throw SheetLines.noSuchSheet(name, wanted, names);
            }
            Sheet sheet = wb.getSheetAt(index);
            Values values = new Values();
            try (CSVPrinter out = SheetLines.printer(csv)) {
                SheetLines lines = new SheetLines(out);
                List<String> cells = new ArrayList<>();
                for (Row row : sheet) {
                    cells.clear();
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        cells.add(text(row.getCell(c), values));
                    }
                    lines.row(row.getRowNum(), cells);
                }
                return new SheetLines.Read(wb.getSheetName(index), lines.note());
            }
        } catch (DataException e) {
            throw e;
        } catch (Exception e) {
            throw unreadable(name, e);
        }
    }

    /** The refusal of a workbook POI could not read, with POI's reason and what to do. */
    private static DataException unreadable(String name, Exception e) {
        return new DataException(name + ": cannot be read as an Excel workbook (" + Shorten.reason(e) + "); save its sheet as "
                + "CSV and forecast that file", e);
    }

    /** A cell's value as {@link Values} writes it: a formula by its cached result. */
    private static String text(Cell cell, Values values) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        switch (type) {
            case NUMERIC: {
                CellStyle style = cell.getCellStyle();
                return values.formatRawCellContents(cell.getNumericCellValue(), style.getDataFormat(),
                        style.getDataFormatString());
            }
            case STRING:
                return cell.getRichStringCellValue().getString();
            case BOOLEAN:
                return cell.getBooleanCellValue() ? "TRUE" : "FALSE";
            default:
                return "";
        }
    }

    /** Cell values as a CSV file wants them: dates in ISO form, numbers with every digit, never as displayed. */
    private static final class Values extends DataFormatter {
        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime t = DateUtil.getLocalDateTime(value);
                if (value < 1) {
                    return t.toLocalTime().toString();
                }
                return t.toLocalTime().toSecondOfDay() == 0 ? t.toLocalDate().toString() : t.toString().replace('T', ' ');
            }
            return NumberToTextConverter.toText(value);
        }
    }

    /** Collects each row's cells by column for {@link SheetLines}; the first failure to write is kept. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final SheetLines lines;
        private final List<String> cells = new ArrayList<>();
        private IOException failure;

        Rows(SheetLines lines) {
            this.lines = lines;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            try {
                lines.row(rowNum, cells);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            if (column < 0 || column >= SheetLines.MOST_COLUMNS) {
                // a damaged or crafted reference past XFD: no row of as many empty cells as it says
                failure = failure == null ? new IOException("cell " + Shorten.quoted(reference) + " is beyond a "
                        + "sheet's last column, XFD") : failure;
                return;
            }
            while (cells.size() < column) {
                cells.add("");
            }
            cells.add(value == null ? "" : value);
        }
    }
}
