package dev.recur.connectors.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lines a table's reading takes for totals' ({@link TableRows#totalLine}). */
class TableRowsTest {

    private static CSVRecord line(String text) throws IOException {
        return CSVFormat.DEFAULT.parse(new StringReader(text)).getRecords().get(0);
    }

    /**
     * A pivot table's labels of totals, in any case, after empty fields; not a word that only ends in "total", nor a
     * total's label after other text in its field's middle; and a field of a million characters is read at once.
     */
    @Test
    void totalsAreKnownByTheirLabelsLastWord() throws IOException {
        for (String total : new String[]{"Total,,3", "Grand Total,,96", "North Total,,33", "TOTAL,\"1,063.00\"",
                ",,Subtotal,5", "Totals,1", "  grand  total ,2", "Sales subtotals,4"}) {
            assertTrue(TableRows.totalLine(line(total)), total);
        }
        for (String other : new String[]{"Average,1", "Subtotaled,2", "Totalizer,3", "Nettotal,4", "Total sales,5",
                "2024-01-01,6", ",,", "Source: x"}) {
            assertFalse(TableRows.totalLine(line(other)), other);
        }
        String huge = "a ".repeat(500_000) + "b";
        assertFalse(TableRows.totalLine(line("\"" + huge + "\",1")));
    }
}
