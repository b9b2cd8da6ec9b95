package dev.recur.connectors.csv;

import dev.recur.connectors.DataException;
import dev.recur.connectors.series.SeriesData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A seeded fuzz test of the workbook readers, as {@link CsvFuzzTest} is of the CSV reader: mutations of an Excel
 * workbook (its sheet's, shared strings' and styles' XML inside the zip, or the zip's bytes), of an Excel 97–2003
 * workbook's bytes and of an OpenDocument spreadsheet's content, with the row and cell references a crafted file may
 * carry (row 2,147,483,647, column ZZZZZZ, a row repeated two billion times), are either read or refused with one
 * {@link DataException} of one bounded line that names the file; no other exception escapes, nothing runs out of
 * memory, nothing hangs.
 */
class WorkbookFuzzTest {

    /** Row and cell references and repeat counts a crafted sheet may hold, beyond a sheet's bounds or malformed. */
    private static final List<String> REFERENCES = List.of("1048576", "1048577", "2147483647", "99999999999", "0", "-5",
            "", "A0", "XFD1", "XFE1", "ZZZZZZ1", "ZZZZZZZZZZZZ9", "A2147483647", "B", "1A", "A-1");
    private static final Pattern ROW_REF = Pattern.compile("\\b(r|table:number-rows-repeated|"
            + "table:number-columns-repeated|t|s)=\"([^\"]*)\"");

    @TempDir
    Path dir;

    @Test
    void mutatedWorkbooksAreReadOrRefusedWithOneShortLine() throws Exception {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        seeds.put("xlsx", excel(false));
        seeds.put("xls", excel(true));
        seeds.put("ods", openDocument());
        // each seed as it is is read: the mutations start from readable workbooks
        for (Map.Entry<String, byte[]> s : seeds.entrySet()) {
            Path p = dir.resolve("seed." + s.getKey());
            Files.write(p, s.getValue());
            assertTrue(new CsvSeriesReader(CsvOptions.defaults()).read(p).series().size() > 0, s.getKey());
        }
        List<String> kinds = new ArrayList<>(seeds.keySet());
        SplittableRandom rng = new SplittableRandom(31);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int i = 0;
        int refused = 0;
        for (; i < 20_000 && System.nanoTime() < deadline; i++) {
            String kind = kinds.get(rng.nextInt(kinds.size()));
            byte[] seed = seeds.get(kind);
            byte[] b = kind.equals("xls") || rng.nextInt(8) == 0 ? CsvFuzzTest.mutate(seed, rng) : mutateInside(seed, rng);
            Path file = dir.resolve("fuzz." + kind);
            Files.write(file, b);
            long t0 = System.nanoTime();
            try {
                SeriesData d = new CsvSeriesReader(CsvOptions.defaults()).read(file);
                assertTrue(d.series().size() > 0, "read, but no series");
            } catch (DataException e) {
                refused++;
                String shown = dev.recur.engine.io.Shorten.value(e.getMessage());
                assertFalse(e.getMessage().contains("\n"), shown);
                assertTrue(e.getMessage().length() < 1000, e.getMessage().length() + " characters: " + shown);
                assertTrue(e.getMessage().startsWith("fuzz." + kind), shown);
            } catch (Throwable t) {
                Path kept = dir.resolve("failed." + kind);
                Files.write(kept, b);
                fail("iteration " + i + " on a mutated " + kind + " (" + b.length + " bytes): " + t, t);
            }
            // a hang, not a speed: a workbook whose row 2,147,483,647 was written out as two billion empty lines took
            // 175 s before rows beyond a sheet's last were refused
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
            if (seconds > 60) {
                Files.write(dir.resolve("slow." + kind), b);
                fail("iteration " + i + " on a mutated " + kind + " took " + seconds + " s");
            }
        }
        assertTrue(i >= 200, i + " iterations");
        assertTrue(refused > 0 && refused < i, refused + " of " + i + " refused");
    }

    /**
     * A row or a cell a crafted workbook places beyond a sheet's bounds is refused at once, with the row or the cell:
     * row 2,147,483,647 was two billion empty lines of a temporary CSV file (175 s and 2 GB), and a column past the
     * last (XFE) a row of as many empty cells as its reference says.
     */
    @Test
    void rowsAndCellsBeyondASheetAreRefused() throws IOException {
        byte[] book = excel(false);
        Path far = dir.resolve("far.xlsx");
        Files.write(far, replaceInSheet(book, "<row r=\"3\"", "<row r=\"2147483647\""));
        DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
                () -> new CsvSeriesReader(CsvOptions.defaults()).read(far));
        org.junit.jupiter.api.Assertions.assertEquals("far.xlsx: cannot be read as an Excel workbook: row 2147483647 is "
                + "beyond a sheet's last row, 1048576", e.getMessage());
        Path wide = dir.resolve("wide.xlsx");
        Files.write(wide, replaceInSheet(book, "<c r=\"B3\"", "<c r=\"XFE3\""));
        e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
                () -> new CsvSeriesReader(CsvOptions.defaults()).read(wide));
        org.junit.jupiter.api.Assertions.assertEquals("wide.xlsx: cannot be read as an Excel workbook: cell 'XFE3' is "
                + "beyond a sheet's last column, XFD", e.getMessage());
    }

    /** An Excel workbook's zip with {@code from} replaced by {@code to} in its sheet's XML (which must hold it). */
    private static byte[] replaceInSheet(byte[] zip, String from, String to) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean replaced = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip)); ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] body = in.readAllBytes();
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    String text = new String(body, StandardCharsets.UTF_8);
                    replaced = text.contains(from);
                    body = text.replace(from, to).getBytes(StandardCharsets.UTF_8);
                }
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(body);
                z.closeEntry();
            }
        }
        assertTrue(replaced, from);
        return out.toByteArray();
    }

    /**
     * A zip whose entries are those of {@code zip}, one of them (a sheet's, the shared strings', the styles' or the
     * content's XML, more often than the others) mutated: its bytes as {@link CsvFuzzTest#mutate} mutates a file's, or
     * a row's or cell's reference or a repeat count replaced with one of {@link #REFERENCES}.
     */
    private static byte[] mutateInside(byte[] zip, SplittableRandom rng) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        List<String> names = new ArrayList<>(entries.keySet());
        List<String> xml = names.stream().filter(n -> n.contains("sheet") || n.contains("sharedStrings")
                || n.contains("styles") || n.equals("content.xml")).toList();
        String target = !xml.isEmpty() && rng.nextInt(4) != 0 ? xml.get(rng.nextInt(xml.size()))
                : names.get(rng.nextInt(names.size()));
        byte[] body = entries.get(target);
        if (rng.nextBoolean()) {
            String text = new String(body, StandardCharsets.UTF_8);
            Matcher m = ROW_REF.matcher(text);
            List<int[]> spans = new ArrayList<>();
            while (m.find()) {
                spans.add(new int[]{m.start(2), m.end(2)});
            }
            if (!spans.isEmpty()) {
                int[] at = spans.get(rng.nextInt(spans.size()));
                text = text.substring(0, at[0]) + REFERENCES.get(rng.nextInt(REFERENCES.size())) + text.substring(at[1]);
                body = text.getBytes(StandardCharsets.UTF_8);
            } else {
                body = CsvFuzzTest.mutate(body, rng);
            }
        } else {
            body = CsvFuzzTest.mutate(body, rng);
        }
        entries.put(target, body);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(entry(e.getKey(), e.getValue()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    /** A zip entry; an OpenDocument's media type stored, as its specification wants it. */
    private static ZipEntry entry(String name, byte[] body) {
        ZipEntry e = new ZipEntry(name);
        if (name.equals("mimetype")) {
            e.setMethod(ZipEntry.STORED);
            e.setSize(body.length);
            CRC32 crc = new CRC32();
            crc.update(body);
            e.setCrc(crc.getValue());
        }
        return e;
    }

    /**
     * An Excel workbook ({@code old}: 97–2003) of two series by month: a title row, a header, date cells, numbers as
     * displayed with thousands separators, a formula, a text cell and an empty row.
     */
    private static byte[] excel(boolean old) throws IOException {
        try (org.apache.poi.ss.usermodel.Workbook wb = old ? new org.apache.poi.hssf.usermodel.HSSFWorkbook()
                : new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            org.apache.poi.ss.usermodel.CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("mmm-yy"));
            org.apache.poi.ss.usermodel.CellStyle money = wb.createCellStyle();
            money.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("#,##0.00"));
            org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("Sales");
            sheet.createRow(0).createCell(0).setCellValue("Monthly sales, by region");
            org.apache.poi.ss.usermodel.Row header = sheet.createRow(1);
            header.createCell(0).setCellValue("Month");
            header.createCell(1).setCellValue("North");
            header.createCell(2).setCellValue("South");
            for (int i = 0; i < 8; i++) {
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(i < 4 ? i + 2 : i + 3);
                org.apache.poi.ss.usermodel.Cell d = row.createCell(0);
                d.setCellValue(java.time.LocalDate.of(2024, i + 1, 1));
                d.setCellStyle(date);
                for (int c = 1; c <= 2; c++) {
                    org.apache.poi.ss.usermodel.Cell v = row.createCell(c);
                    if (i == 7 && c == 2) {
                        v.setCellFormula("B3+C3");
                    } else if (i == 6 && c == 2) {
                        v.setCellValue("n/a");
                    } else {
                        v.setCellValue(1234.5 * c + 100 * i);
                    }
                    v.setCellStyle(money);
                }
            }
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            return out.toByteArray();
        }
    }

    /** An OpenDocument spreadsheet of one monthly series: a header, date cells, numbers, repeated rows and cells. */
    private static byte[] openDocument() throws IOException {
        StringBuilder rows = new StringBuilder("<table:table-row><table:table-cell office:value-type=\"string\">"
                + "<text:p>Month</text:p></table:table-cell><table:table-cell office:value-type=\"string\"><text:p>Sales"
                + "</text:p></table:table-cell></table:table-row>");
        for (int i = 0; i < 6; i++) {
            rows.append("<table:table-row><table:table-cell office:value-type=\"date\" office:date-value=\"2024-0")
                    .append(i + 1).append("-01\"/><table:table-cell office:value-type=\"float\" office:value=\"")
                    .append(10 + i).append("\"/><table:table-cell table:number-columns-repeated=\"3\"/></table:table-row>");
        }
        rows.append("<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell "
                + "table:number-columns-repeated=\"1024\"/></table:table-row>");
        String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content "
                + "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                + "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
                + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:spreadsheet>"
                + "<table:table table:name=\"Budget\">" + rows + "</table:table></office:spreadsheet></office:body>"
                + "</office:document-content>";
        Path file = Files.createTempFile("seed", ".ods");
        try {
            CsvSeriesReaderTest.writeOpenDocument(file, content);
            return Files.readAllBytes(file);
        } finally {
            Files.delete(file);
        }
    }
}
