package dev.recur.connectors.csv;

import dev.recur.connectors.DataException;
import dev.recur.connectors.MissingPolicy;
import dev.recur.connectors.series.Aggregation;
import dev.recur.connectors.series.SeriesData;
import dev.recur.connectors.series.TimeFormat;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Layouts, encodings, times, frequencies, missing values, and every kind of bad input. */
class CsvSeriesReaderTest {

    @TempDir
    Path dir;

    Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    static SeriesData read(Path p) {
        return new CsvSeriesReader(CsvOptions.defaults()).read(p);
    }

    @Test
    void longFormatWithIntegerSteps() throws IOException {
        SeriesData d = read(write("m4.csv", "unique_id,ds,y\nH1,1,605\nH1,2,586\nH2,1,3\nH1,3,590\nH2,2,4\n"));
        assertEquals(SeriesData.Layout.LONG, d.layout());
        assertEquals(2, d.series().size());
        TimeSeries h1 = d.series().get(0);
        assertEquals("H1", h1.id());
        assertArrayEquals(new double[]{605, 586, 590}, h1.values());
        assertEquals(1, h1.step(0));
        assertEquals(Frequency.STEPS, d.frequency());
        assertEquals("unique_id", d.idColumn());
    }

    @Test
    void stepsSeveralApartKeepTheirSpacing() throws IOException {
        // Olympic years, every 4 (a 100 m final's winning time): read on steps of 4, each value 4 steps after the
        // one before, so that the forecasts' steps go on from the last (2016) by 4, not by 1 from the first (1896)
        StringBuilder olympics = new StringBuilder("year,time\n");
        for (int y = 1896; y <= 2016; y += 4) {
            olympics.append(y).append(',').append(12 - (y - 1896) / 60.0).append('\n');
        }
        SeriesData d = read(write("olympics.csv", olympics.toString()));
        TimeSeries s = d.series().get(0);
        assertEquals(new Frequency(Frequency.Unit.STEP, 4), s.frequency());
        assertEquals(31, s.length());
        assertEquals(1896, s.step(0));
        assertEquals(2016, s.step(30));
        assertEquals(2020, s.step(31));
        assertEquals(2024, s.step(32));
    }

    @Test
    void columnsNamedWithAZoneOrAUnitAreKnownByTheirNames() throws IOException {
        // a payment processor's export: the time is named with its zone, after the amount; a unit in brackets
        // after a name leaves the name its role (Sales ($) is the value, Date (local) the time)
        SeriesData paid = read(write("paid.csv", "Amount,Created (UTC)\n5,2024-01-01\n7,2024-01-02\n9,2024-01-03\n"));
        assertEquals("Created (UTC)", paid.timeColumn());
        assertArrayEquals(new double[]{5, 7, 9}, paid.series().get(0).values(), 0);
        SeriesData shops = read(write("shops.csv", "Sales ($),Date (local),Region\n1,2024-01-01,east\n2,2024-01-01,west\n"
                + "3,2024-02-01,east\n4,2024-02-01,west\n"));
        assertEquals("Date (local)", shops.timeColumn());
        assertEquals(List.of("east", "west"), shops.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{2, 4}, shops.series().get(1).values(), 0);
    }

    @Test
    void monthEndClosesOnBusinessDaysAreMonthEnds() throws IOException {
        // a market's month-end closes, each on the month's last weekday (2019-03-29, a Friday): month ends
        StringBuilder closes = new StringBuilder("date,close\n");
        for (int k = 0; k < 36; k++) {
            java.time.LocalDate end = java.time.LocalDate.of(2019, 1, 1).plusMonths(k + 1).minusDays(1);
            while (end.getDayOfWeek().getValue() > 5) {
                end = end.minusDays(1);
            }
            closes.append(end).append(',').append(100 + k).append('\n');
        }
        SeriesData d = read(write("closes.csv", closes.toString()));
        assertEquals(Frequency.MONTHLY.atMonthEnds(), d.frequency());
        TimeSeries s = d.series().get(0);
        assertEquals(36, s.length());
        assertEquals(LocalDateTime.of(2019, 3, 31, 0, 0), s.time(2));
        assertEquals(LocalDateTime.of(2022, 1, 31, 0, 0), s.time(36));
        assertTrue(d.notes().get(0).startsWith("moved 11 dates to their months' last days (the first: 2019-03-29 to "
                + "2019-03-31)"), d.notes().toString());
        // the 28th of every month stays the 28th
        StringBuilder day28 = new StringBuilder("date,value\n");
        for (int k = 0; k < 24; k++) {
            day28.append(java.time.LocalDate.of(2019, 1, 28).plusMonths(k)).append(',').append(k).append('\n');
        }
        SeriesData on28 = read(write("d28.csv", day28.toString()));
        assertEquals(LocalDateTime.of(2019, 3, 28, 0, 0), on28.series().get(0).time(2));
    }

    @Test
    void anUnnamedFirstColumnIsARowIndexNotTheSeriesId() throws IOException {
        // pandas' to_csv writes its index first, without a name: the store names the series, the index nothing
        StringBuilder csv = new StringBuilder(",store,date,sales\n");
        int row = 0;
        for (int m = 1; m <= 6; m++) {
            for (String store : new String[]{"a", "b"}) {
                csv.append(row++).append(',').append(store).append(",2024-0").append(m).append("-01,")
                        .append(m * 10 + store.length()).append('\n');
            }
        }
        SeriesData d = read(write("pandas.csv", csv.toString()));
        assertEquals(List.of("a", "b"), d.series().stream().map(TimeSeries::id).toList());
        assertEquals(6, d.series().get(1).length());
        assertTrue(d.notes().contains("ignored the unnamed column 1"), d.notes().toString());
        // and a long file of two measures with its index: the index is neither the id nor a measure
        SeriesData measures = read(write("pandas2.csv", ",Country,Year,Debt,Income\n0,A,2001,1,10\n1,A,2002,2,20\n"
                + "2,A,2003,3,30\n3,B,2001,4,40\n4,B,2002,5,50\n5,B,2003,6,60\n"));
        assertEquals(List.of("A / Debt", "A / Income", "B / Debt", "B / Income"),
                measures.series().stream().map(TimeSeries::id).toList());
    }

    @Test
    void aCalendarsGridOfAYearARowIsOneSeries() throws IOException {
        // a statistics office's table: a year a row, its months across, an annual mean after them, and the latest
        // year's row ending in empty fields
        String cpi = "Year,Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec,Annual\n"
                + "2022,1,2,3,4,5,6,7,8,9,10,11,12,6.5\n2023,13,14,15,16,17,18,19,20,21,22,23,24,18.5\n"
                + "2024,25,26,,,,,,,,,,,\n";
        SeriesData d = read(write("cpi.csv", cpi));
        assertEquals(SeriesData.Layout.SINGLE, d.layout());
        assertEquals(Frequency.MONTHLY, d.frequency());
        TimeSeries s = d.series().get(0);
        assertEquals(26, s.length());
        assertEquals(LocalDateTime.of(2022, 1, 1, 0, 0), s.time(0));
        assertEquals(26, s.values()[25], 0);
        assertEquals("2024-03", d.timeFormat().format(s.time(26)));
        assertEquals("read each row's 'Year' and the months across the header ('Jan' to 'Dec') as one monthly series; "
                + "column Annual not read", d.notes().get(0));
        // regions' quarters: the region names the series
        SeriesData q = read(write("q.csv", "Region,Year,Q1,Q2,Q3,Q4\nNorth,2023,1,2,3,4\nNorth,2024,5,6,7,8\n"
                + "South,2023,9,10,11,12\nSouth,2024,13,14,15,16\n"));
        assertEquals(Frequency.QUARTERLY, q.frequency());
        assertEquals(List.of("North", "South"), q.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{9, 10, 11, 12, 13, 14, 15, 16}, q.series().get(1).values(), 0);
        assertEquals("2025-Q1", q.timeFormat().format(q.series().get(1).time(8)));
        // a total, an average or a source's line below the grid is text below the table, left out with a note
        SeriesData total = read(write("total.csv", "Year,Q1,Q2,Q3,Q4\n2023,1,2,3,4\n2024,5,6,7,8\nTotal,6,8,10,12\n"
                + "Source: the statistics office\n"));
        assertArrayEquals(new double[]{1, 2, 3, 4, 5, 6, 7, 8}, total.series().get(0).values(), 0);
        assertTrue(total.notes().contains("left out 2 lines from line 4 below the table ('Total'), not rows of it"),
                total.notes().toString());
        SeriesData regions = read(write("qt.csv", "Region,Year,Q1,Q2,Q3,Q4\nNorth,2023,1,2,3,4\nSouth,2023,9,10,11,12\n"
                + "Total,,10,12,14,16\n"));
        assertEquals(List.of("North", "South"), regions.series().stream().map(TimeSeries::id).toList());
        // a pivot table's subtotals between the regions' rows are left out too (North Total, then South's rows)
        SeriesData subtotals = read(write("qs.csv", "Region,Year,Q1,Q2,Q3,Q4\nNorth,2023,1,2,3,4\n"
                + "North Total,,1,2,3,4\nSouth,2023,9,10,11,12\nSouth Total,,9,10,11,12\nGrand Total,,10,12,14,16\n"));
        assertEquals(List.of("North", "South"), subtotals.series().stream().map(TimeSeries::id).toList());
        assertTrue(subtotals.notes().contains("left out line 3, a total within the table ('North Total'), as a pivot "
                + "table writes its subtotals"), subtotals.notes().toString());
        // but a row below a line that is no total's makes it an error after all, and a mistyped year (a digit in it)
        // is one at once
        DataException e = assertThrows(DataException.class, () -> read(write("bad.csv",
                "Year,Q1,Q2,Q3,Q4\n2023,1,2,3,4\nAverage,1,2,3,4\n2024,5,6,7,8\n")));
        assertEquals("bad.csv:3: column 'Year': 'Average' is not a year", e.getMessage());
        e = assertThrows(DataException.class, () -> read(write("bad2.csv",
                "Year,Q1,Q2,Q3,Q4\n2023,1,2,3,4\n2O24,5,6,7,8\n")));
        assertEquals("bad2.csv:3: column 'Year': '2O24' is not a year", e.getMessage());
        // a first row cut short before its year (the fuzz test's find: an index out of bounds, no line named), and a
        // wide file's first row cut short before its time column
        assertEquals("cut.csv:2: column 'Year': '' is not a year", assertThrows(DataException.class,
                () -> read(write("cut.csv", "Region,Year,Q1,Q2,Q3,Q4\nNort"))).getMessage());
        assertEquals("cut2.csv:2: expected 6 fields as in the header, found 1", assertThrows(DataException.class,
                () -> read(write("cut2.csv", "Region,Year,Q1,Q2,,Q4\nN"))).getMessage());
        // the grid transposed, as a pivot table lays it out: a month a row, the years across
        SeriesData down = read(write("down.csv", "Month,2022,2023,2024\nJan,1,13,25\nFeb,2,14,26\nMar,3,15,\n"
                + "Apr,4,16,\nMay,5,17,\nJun,6,18,\nJul,7,19,\nAug,8,20,\nSep,9,21,\nOct,10,22,\nNov,11,23,\n"
                + "Dec,12,24,\n"));
        assertEquals(SeriesData.Layout.SINGLE, down.layout());
        assertEquals(Frequency.MONTHLY, down.frequency());
        assertArrayEquals(d.series().get(0).values(), down.series().get(0).values(), 0);
        assertEquals("2024-03", down.timeFormat().format(down.series().get(0).time(26)));
        assertEquals("read the months down column 'Month' and the years across the header ('2022' to '2024') as one "
                + "monthly series", down.notes().get(0));
        // its annual row after the twelve months is left out; a row that names no month among them is an error
        String months = "Month,2022,2023,2024\nJan,1,13,25\nFeb,2,14,26\nMar,3,15,\nApr,4,16,\nMay,5,17,\n"
                + "Jun,6,18,\nJul,7,19,\nAug,8,20,\nSep,9,21,\nOct,10,22,\nNov,11,23,\nDec,12,24,\n";
        SeriesData annual = read(write("annual.csv", months + "Annual,78,234,\n"));
        assertArrayEquals(d.series().get(0).values(), annual.series().get(0).values(), 0);
        assertTrue(annual.notes().contains("left out line 14 below the table ('Annual'), not a row of it"),
                annual.notes().toString());
        e = assertThrows(DataException.class, () -> read(write("bad3.csv", months.replace("Jun,", "Total,"))));
        assertEquals("bad3.csv:7: column 'Month': 'Total' is not a month", e.getMessage());
    }

    @Test
    void theM5FilesSeriesInRowsAreNamedByTheirId() throws IOException {
        // the M5 competition's sales file: six leading columns, the first named id and unique, then d_1, d_2, ...
        String m5 = "id,item_id,dept_id,cat_id,store_id,state_id,d_1,d_2,d_3,d_4\n"
                + "HOBBIES_1_001_CA_1,HOBBIES_1_001,HOBBIES_1,HOBBIES,CA_1,CA,0,1,2,3\n"
                + "FOODS_3_827_WI_3,FOODS_3_827,FOODS_3,FOODS,WI_3,WI,5,6,7,8\n";
        SeriesData d = read(write("m5.csv", m5));
        assertEquals(SeriesData.Layout.ROWS, d.layout());
        assertEquals("id", d.idColumn());
        assertEquals(List.of("HOBBIES_1_001_CA_1", "FOODS_3_827_WI_3"), d.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{5, 6, 7, 8}, d.series().get(1).values(), 0);
        assertEquals(4, d.series().get(1).step(3));
        assertEquals("read one series per row, named by its 'id' (columns item_id, dept_id, cat_id, store_id, state_id "
                + "unread), the times across the header ('d_1' to 'd_4')", d.notes().get(0));
    }

    @Test
    void aLongFilesTotalBelowItsRowsIsLeftOut() throws IOException {
        // an accounting export's invoices by customer, its total on the last line with no customer and no date
        String invoices = "\"Date\",\"Name\",\"Amount\"\n\"2024-01-01\",\"A\",\"1,000.00\"\n\"2024-01-01\",\"B\",\"20.00\"\n"
                + "\"2024-01-02\",\"A\",\"3.00\"\n\"2024-01-02\",\"B\",\"40.00\"\n\"TOTAL\",\"\",\"1,063.00\"\n";
        SeriesData d = read(write("invoices.csv", invoices));
        assertEquals(List.of("A", "B"), d.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{1000, 3}, d.series().get(0).values(), 0);
        assertTrue(d.notes().contains("left out line 6 below the table ('TOTAL'), not a row of it"), d.notes().toString());
        // a row after it: a subtotal within the table, left out with a note, the rows after it read
        SeriesData more = read(write("inv2.csv", invoices + "\"2024-01-03\",\"A\",\"5.00\"\n"));
        assertArrayEquals(new double[]{1000, 3, 5}, more.series().get(0).values(), 0);
        assertTrue(more.notes().contains("left out line 6, a total within the table ('TOTAL'), as a pivot table writes "
                + "its subtotals"), more.notes().toString());
        // a pivot table exported long: each region's subtotal under its rows, the grand total last
        SeriesData pivot = read(write("pivot.csv", "Region,Month,Sales\nNorth,2023-01,10\nNorth,2023-02,11\n"
                + "North,2023-03,12\nNorth Total,,33\nSouth,2023-01,20\nSouth,2023-02,21\nSouth,2023-03,22\n"
                + "South Total,,63\nGrand Total,,96\n"));
        assertEquals(List.of("North", "South"), pivot.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{20, 21, 22}, pivot.series().get(1).values(), 0);
        // but a line that is no total's (an empty id) with a row after it is the error it is
        DataException e = assertThrows(DataException.class, () -> read(write("inv3.csv", invoices.replace("TOTAL",
                "Balance") + "\"2024-01-03\",\"A\",\"5.00\"\n")));
        assertEquals("inv3.csv:6: column 'Name' (the series id) is empty", e.getMessage());
    }

    @Test
    void aLongFileOfSeveralMeasuresIsReadAsOne() throws IOException {
        // a country's debt and income a year, as R writes a tsibble of two measures: every column repeats its
        // times read as a wide file's series, so the column of names names the series, and each column of numbers
        // is a series of every country, named by both
        String budget = "Country,Year,Debt,Income\nAustralia,2001,1,10\nAustralia,2002,2,20\nAustralia,2003,3,30\n"
                + "Canada,2001,4,40\nCanada,2002,5,50\nCanada,2003,6,60\n";
        SeriesData d = read(write("budget.csv", budget));
        assertEquals(SeriesData.Layout.LONG, d.layout());
        assertEquals("Country/measure", d.idColumn());
        assertEquals(List.of("Australia / Debt", "Australia / Income", "Canada / Debt", "Canada / Income"),
                d.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{40, 50, 60}, d.series().get(3).values(), 0);
        assertEquals(2003, d.series().get(3).step(2));
        assertEquals("read column 'Country' as the series' id and each of the columns 'Debt' and 'Income' as a series "
                + "of every id (each column's times repeat; --value-column reads one)", d.notes().get(0));
        // the same columns given: the same series
        SeriesData given = new CsvSeriesReader(CsvOptions.defaults().withColumns("Country", null, "Debt,Income"))
                .read(write("budget2.csv", budget));
        assertEquals(d.series().stream().map(TimeSeries::id).toList(),
                given.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(d.series().get(2).values(), given.series().get(2).values(), 0);
        // weekly deaths by sex and age: the first column of labels repeats the times too, the first two do not; an
        // age band (0-14) is a label, not a number
        StringBuilder deaths = new StringBuilder("Week,Sex,Age,Deaths,Rate\n");
        for (String sex : new String[]{"female", "male"}) {
            for (String age : new String[]{"0-14", "15-64", "65+"}) {
                for (int w = 1; w <= 4; w++) {
                    deaths.append("2024-01-0").append(w).append(',').append(sex).append(',').append(age).append(',')
                            .append(w + age.length()).append(",0.").append(w).append('\n');
                }
            }
        }
        SeriesData byTwo = read(write("deaths.csv", deaths.toString()));
        assertEquals("Sex/Age/measure", byTwo.idColumn());
        assertEquals(12, byTwo.series().size());
        assertEquals("male / 65+ / Rate", byTwo.series().get(11).id());
        assertArrayEquals(new double[]{0.1, 0.2, 0.3, 0.4}, byTwo.series().get(11).values(), 1e-12);
        assertEquals("read columns 'Sex' and 'Age' as the series' id and each of the columns 'Deaths' and 'Rate' as a "
                + "series of every id (each column's times repeat; --value-column reads one)", byTwo.notes().get(0));
        // Olympic finals by distance and sex: the labels (sex) are not enough, a column of numbers (the distance)
        // names the series with them, and the other (the time) is their values, every 4 years
        StringBuilder finals = new StringBuilder("Year,Length,Sex,Time\n");
        for (int length : new int[]{100, 200}) {
            for (String sex : new String[]{"men", "women"}) {
                for (int y = 2000; y <= 2016; y += 4) {
                    finals.append(y).append(',').append(length).append(',').append(sex).append(',')
                            .append(length / 10.0 - (y - 2000) / 100.0).append('\n');
                }
            }
        }
        SeriesData runs = read(write("finals.csv", finals.toString()));
        assertEquals(List.of("men / 100", "women / 100", "men / 200", "women / 200"),
                runs.series().stream().map(TimeSeries::id).toList());
        assertEquals(2020, runs.series().get(0).step(5));
        assertEquals("read columns 'Sex' and 'Length' as the series' id and 'Time' as their values (each column's "
                + "times repeat; --value-column reads one)", runs.notes().get(0));
        // a winner's name beside each year names no series: the fewest columns that name them do, the rest unread
        SeriesData winners = read(write("winners.csv", "Event,Year,Champion,Time\nmen,2001,Ann,100\nmen,2002,Bo,99\n"
                + "men,2003,Cy,98\nwomen,2001,Di,110\nwomen,2002,Ed,109\nwomen,2003,Di,108\n"));
        assertEquals(List.of("men", "women"), winners.series().stream().map(TimeSeries::id).toList());
        assertTrue(winners.notes().contains("ignored column Champion"), winners.notes().toString());
        // rows of transactions (two amounts at one time, no column of names): no id makes series of them, and the
        // file's problem stands, the same as before
        DataException till = assertThrows(DataException.class, () -> read(write("till.csv",
                "time,amount,items\n2024-01-01 09:00,5,1\n2024-01-01 09:00,7,2\n2024-01-01 10:00,3,1\n")));
        assertEquals("till.csv: none of the 2 series could be read; their times repeat: till.csv:3: duplicate time in "
                + "series 'amount' (also on line 2)", till.getMessage());
    }

    /**
     * A till's export summed per day: the value is its {@code Amount}, not the transaction's type (a label, which
     * stopped every customer's series with "'Payment' is not a number") nor the invoice's {@code Num} (summed into a
     * series of its own in a file with no customer, whose types now name its series as a store would). A column named as a document's number is no series of a wide
     * file, where another is left; a poll's {@code No} and a count's {@code Number} are. {@code --no-id} reads the
     * rows of every customer, or every bike, as one series.
     */
    @Test
    void aTillsAmountIsSummedNotItsTypeNorItsNumbers() throws IOException {
        StringBuilder named = new StringBuilder("\"Date\",\"Transaction Type\",\"Num\",\"Name\",\"Amount\"\n");
        StringBuilder plain = new StringBuilder("Date,Type,Num,Amount\n");
        double[] perDay = new double[4];
        double[] custOne = new double[4];
        int num = 1000;
        for (int day = 0; day < 4; day++) {
            for (int k = 0; k < 3; k++) {
                double amount = 10 * day + k + 0.25;
                String cust = (k == 1 ? "Cust 2" : "Cust 1");
                String type = k == 2 ? "Payment" : "Invoice";
                named.append(String.format(java.util.Locale.ROOT, "\"2024-01-0%d\",\"%s\",\"%d\",\"%s\",\"%,.2f\"\n", day + 1, type, num, cust,
                        amount * 100));
                plain.append(String.format(java.util.Locale.ROOT, "2024-01-0%d,%s,%d,%.2f\n", day + 1, type, num, amount * 100));
                perDay[day] += amount * 100;
                custOne[day] += cust.equals("Cust 1") ? amount * 100 : 0;
                num++;
            }
        }
        CsvSeriesReader summed = new CsvSeriesReader(CsvOptions.defaults()).withAggregation(Aggregation.SUM);
        SeriesData byCustomer = summed.read(write("till-named.csv", named.toString()));
        assertEquals(SeriesData.Layout.LONG, byCustomer.layout());
        assertEquals("Amount", byCustomer.valueColumn());
        assertEquals(List.of("Cust 1", "Cust 2"), byCustomer.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(custOne, byCustomer.series().get(0).values(), 1e-9);
        assertTrue(byCustomer.notes().contains("ignored columns Transaction Type, Num"), byCustomer.notes()::toString);
        assertTrue(byCustomer.notes().contains("read a series for each value of column 'Name' (the series' id by its "
                + "name); --no-id aggregates all the rows as one series"), byCustomer.notes()::toString);

        // no customer: a series of each type, as of each store (rowKeysNameNoSeries), the number no series
        SeriesData byType = summed.read(write("till.csv", plain.toString()));
        assertEquals(SeriesData.Layout.LONG, byType.layout());
        assertEquals(List.of("Invoice", "Payment"), byType.series().stream().map(TimeSeries::id).toList());
        assertEquals("Amount", byType.valueColumn());
        // --value-column reads the number all the same
        SeriesData numbers = new CsvSeriesReader(CsvOptions.defaults().withColumns(null, null, "Num"))
                .withAggregation(Aggregation.MAX).read(write("till3.csv", plain.toString()));
        assertArrayEquals(new double[]{1002, 1005, 1008, 1011}, numbers.series().get(0).values(), 0);

        // one row a day, an invoice's number beside its amount: a single series of the amounts
        SeriesData invoices = read(write("inv.csv", "Date,Invoice #,Amount\n2024-01-01,17,5\n2024-01-02,18,6\n"
                + "2024-01-03,19,4\n"));
        assertEquals(SeriesData.Layout.SINGLE, invoices.layout());
        assertArrayEquals(new double[]{5, 6, 4}, invoices.series().get(0).values(), 0);
        assertTrue(invoices.notes().contains("read no series from column Invoice # (a document's number by its name); "
                + "--value-column names the value column"), invoices.notes()::toString);
        SeriesData poll = read(write("poll.csv", "Date,Yes,No\n2024-01-01,17,5\n2024-01-02,18,6\n"));
        assertEquals(List.of("Yes", "No"), poll.series().stream().map(TimeSeries::id).toList());
        SeriesData benchmark = read(write("ref.csv", "Date,Actual,Reference\n2024-01-01,17,5\n2024-01-02,18,6\n"));
        assertEquals(List.of("Actual", "Reference"), benchmark.series().stream().map(TimeSeries::id).toList());
        SeriesData births = read(write("births.csv", "Year,Number,Rate\n2001,17,5\n2002,18,6\n"));
        assertEquals(List.of("Number", "Rate"), births.series().stream().map(TimeSeries::id).toList());
        // a file of only the number keeps it
        SeriesData only = read(write("only.csv", "Date,Num\n2024-01-01,17\n2024-01-02,18\n"));
        assertArrayEquals(new double[]{17, 18}, only.series().get(0).values(), 0);

        // no id: the customers' amounts summed together, the bikes' trips counted together
        CsvSeriesReader noId = new CsvSeriesReader(CsvOptions.defaults().withNoId(true));
        SeriesData all = noId.withAggregation(Aggregation.SUM).read(write("till4.csv", named.toString()));
        assertEquals(SeriesData.Layout.SINGLE, all.layout());
        assertArrayEquals(perDay, all.series().get(0).values(), 1e-9);
        assertTrue(all.notes().contains("read no series from columns Transaction Type, Num, Name (a document's number by "
                + "its name; labels, which name no series with --no-id); --value-column names the value column"),
                all.notes()::toString);
        SeriesData total = new CsvSeriesReader(CsvOptions.defaults().withNoId(true)).withAggregation(Aggregation.SUM)
                .read(write("till6.csv", plain.toString()));
        assertEquals(SeriesData.Layout.SINGLE, total.layout());
        assertEquals("Amount", total.valueColumn());
        assertArrayEquals(perDay, total.series().get(0).values(), 1e-9);
        String bikes = "bike_id,start_time,stop_time\n17,2024-01-01 08:00,2024-01-01 08:20\n"
                + "18,2024-01-01 09:00,2024-01-01 09:20\n17,2024-01-02 08:00,2024-01-02 08:20\n";
        assertEquals(2, new CsvSeriesReader(CsvOptions.defaults().withFrequency(Frequency.DAILY))
                .withAggregation(Aggregation.COUNT).read(write("bikes.csv", bikes)).series().size());
        SeriesData trips = new CsvSeriesReader(CsvOptions.defaults().withFrequency(Frequency.DAILY).withNoId(true))
                .withAggregation(Aggregation.COUNT).read(write("bikes2.csv", bikes));
        assertArrayEquals(new double[]{2, 1}, trips.series().get(0).values(), 0);
        assertFalse(trips.notes().stream().anyMatch(n -> n.contains("--no-id")), trips.notes()::toString);
        // not aggregated, the rows of one time are an error of the one series, which names no column as its id
        DataException e = assertThrows(DataException.class, () -> noId.read(write("till5.csv", named.toString())));
        assertFalse(e.getMessage().contains("give the id column"), e.getMessage());
    }

    @Test
    void singleSeriesMonthlyDates() throws IOException {
        SeriesData d = read(write("air.csv", "date,value\n1949-01-01,112\n1949-02-01,118\n1949-03-01,132\n"));
        assertEquals(SeriesData.Layout.SINGLE, d.layout());
        assertEquals(Frequency.MONTHLY, d.frequency());
        TimeSeries s = d.series().get(0);
        assertEquals(LocalDateTime.of(1949, 4, 1, 0, 0), s.time(3));
        assertEquals("1949-04-01", d.timeFormat().format(s.time(3)));
    }

    @Test
    void wideFormatSemicolonsAndBom() throws IOException {
        Path p = dir.resolve("wide.csv");
        byte[] body = "time;a;b\n2024-01-01 00:00;1;10\n2024-01-01 01:00;2;20\n2024-01-01 02:00;3;NA\n"
                .getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(p, bytes);
        SeriesData d = read(p);
        assertEquals(SeriesData.Layout.WIDE, d.layout());
        assertEquals(Frequency.HOURLY, d.frequency());
        assertEquals("b", d.series().get(1).id());
        // a column that ends early is a series that ends there, not one with a missing value to fill
        assertArrayEquals(new double[]{10, 20}, d.series().get(1).values());
        assertTrue(d.notes().isEmpty(), d.notes().toString());
        assertEquals("2024-01-01 03:00", d.timeFormat().format(d.series().get(0).time(3)));
        assertEquals("2024-01-01 02:00", d.timeFormat().format(d.series().get(1).time(2)));
    }

    /**
     * The World Bank's download as it comes: two lines of a key and its value above the table, each after an empty
     * line, then series in rows named by four columns (country name and code, indicator name and code), the years
     * across the header, a trailing comma on every line and the last year empty. It stopped the run ("cannot
     * recognise the time 'Last Updated Date'"); without the empty lines, the first line stays the header.
     */
    @Test
    void theWorldBanksDownloadIsRead() throws IOException {
        StringBuilder csv = new StringBuilder("\ufeff\"Data Source\",\"World Development Indicators\",\n\n"
                + "\"Last Updated Date\",\"2024-06-28\",\n\n\"Country Name\",\"Country Code\",\"Indicator Name\","
                + "\"Indicator Code\"");
        for (int y = 1960; y <= 2023; y++) {
            csv.append(",\"").append(y).append('"');
        }
        csv.append(",\n");
        for (String[] c : new String[][]{{"Aruba", "ABW"}, {"Germany", "DEU"}}) {
            csv.append('"').append(c[0]).append("\",\"").append(c[1]).append("\",\"Inflation, consumer prices (annual %)\","
                    + "\"FP.CPI.TOTL.ZG\"");
            for (int y = 1960; y <= 2023; y++) {
                csv.append(",\"").append(y < 1970 && c[1].equals("ABW") || y == 2023 ? "" : String.valueOf(y - 1900))
                        .append('"');
            }
            csv.append(",\n");
        }
        SeriesData d = read(write("API_FP.CPI.TOTL.ZG_DS2_en_csv_v2.csv", csv.toString()));
        assertEquals(SeriesData.Layout.ROWS, d.layout());
        assertEquals(List.of("Aruba / ABW / Inflation, consumer prices (annual %) / FP.CPI.TOTL.ZG",
                "Germany / DEU / Inflation, consumer prices (annual %) / FP.CPI.TOTL.ZG"),
                d.series().stream().map(TimeSeries::id).toList());
        TimeSeries aruba = d.series().get(0);
        assertEquals(1970, aruba.step(0));
        assertEquals(53, aruba.length());
        assertEquals(122, aruba.values()[52]);
        assertEquals(63, d.series().get(1).length());
        assertTrue(d.notes().contains("2 lines above the table (a title or a note) left out"), d.notes().toString());
        // the same lines straight above the header, with no empty line: not taken for lines above a table
        DataException e = assertThrows(DataException.class, () -> read(write("tight.csv",
                csv.toString().replace(",\n\n", ",\n"))));
        assertTrue(e.getMessage().startsWith("tight.csv:"), e.getMessage());
    }

    /**
     * The Time Series Data Library's Melbourne temperatures as first published: a few readings with a question mark
     * before them ({@code ?0.2}), the number they show, with a note; a lone {@code ?} stays a missing value. They
     * stopped the run ("'?0.2' is not a number").
     */
    @Test
    void aReadingWithAQuestionMarkBeforeItIsItsNumber() throws IOException {
        SeriesData d = read(write("daily-minimum-temperatures-in-me.csv", "\"Date\",\"Daily minimum temperatures in "
                + "Melbourne, Australia, 1981-1990\"\n\"1981-01-01\",20.7\n\"1981-01-02\",?0.2\n\"1981-01-03\",?\n"
                + "\"1981-01-04\",?0.1\n\"1981-01-05\",15.8\n"));
        assertArrayEquals(new double[]{20.7, 0.2, 0.15, 0.1, 15.8}, d.series().get(0).values(), 1e-12);
        assertTrue(d.notes().contains("read values with a question mark before them ('?0.2' on line 3, as the Time "
                + "Series Data Library marks doubtful readings) as their numbers"), d.notes().toString());
    }

    /**
     * Eurostat's bulk TSV: dimensions joined by commas in the first column ({@code freq,unit,geo\\TIME_PERIOD}), the
     * periods across the header with a space after each ({@code 2019Q1 }), values with a flag after them
     * ({@code 380320.3 p}, {@code 187456.3 e}) and missing ones written {@code :} or {@code : c}: read as series in rows,
     * each value its number, with a note; a letter that is no flag stays an error. Flagged values stopped the run.
     */
    @Test
    void eurostatsFlaggedValuesAreTheirNumbers() throws IOException {
        SeriesData d = read(write("namq.tsv", "freq,unit,geo\\TIME_PERIOD\t2019Q1 \t2019Q2 \t2019Q3 \t2019Q4 \t2020Q1 \n"
                + "Q,CP_MEUR,AT\t97.5 \t99.1 \t101.2 p\t102.0 \t95.4 p\nQ,CP_MEUR,EL\t: \t45.1 \t: c\t47.0 e\t43.9 bep\n"));
        assertEquals(Frequency.QUARTERLY, d.frequency());
        assertEquals(List.of("Q,CP_MEUR,AT", "Q,CP_MEUR,EL"), d.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{97.5, 99.1, 101.2, 102.0, 95.4}, d.series().get(0).values(), 1e-12);
        assertArrayEquals(new double[]{45.1, 46.05, 47.0, 43.9}, d.series().get(1).values(), 1e-12);
        assertTrue(d.notes().contains("read values with a flag after them ('101.2 p' on line 2, as Eurostat marks "
                + "provisional and estimated values) as their numbers"), d.notes().toString());
        DataException e = assertThrows(DataException.class, () -> read(write("k.csv", "date,v\n2024-01-01,5 k\n")));
        assertEquals("k.csv:2: column 'v': '5 k' is not a number", e.getMessage());
    }

    /**
     * SDMX-CSV, as Eurostat, the ECB, the IMF and the OECD export it: the time {@code TIME_PERIOD}, the value
     * {@code OBS_VALUE}, constant columns first (DATAFLOW, LAST UPDATE, freq, unit), the series named by a later
     * column that changes (geo), or by the ECB's KEY. Eurostat's stopped the run ("cannot recognise the time
     * 'ESTAT:NAMQ_10_GDP(1.0)'"), the ECB's too ("no time column recognised").
     */
    @Test
    void sdmxCsvIsRead() throws IOException {
        StringBuilder csv = new StringBuilder("DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n");
        for (String geo : List.of("AT", "BE", "DE")) {
            for (int i = 0; i < 8; i++) {
                csv.append("ESTAT:NAMQ_10_GDP(1.0),12/01/24 23:00:00,Q,CP_MEUR,").append(geo).append(',')
                        .append(2022 + i / 4).append("-Q").append(i % 4 + 1).append(',').append(100 * geo.charAt(0) + i)
                        .append(i == 7 ? ",p" : ",").append('\n');
            }
        }
        SeriesData d = read(write("namq_10_gdp.csv", csv.toString()));
        assertEquals(Frequency.QUARTERLY, d.frequency());
        assertEquals("geo", d.idColumn());
        assertEquals(List.of("AT", "BE", "DE"), d.series().stream().map(TimeSeries::id).toList());
        assertEquals(100 * 'B' + 7, d.series().get(1).values()[7]);
        assertEquals("read column 'geo' as the series' id (read as one series, the file's times repeat)",
                d.notes().get(0));
        SeriesData ecb = read(write("exr.csv", "KEY,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE,OBS_STATUS\n"
                + "EXR.M.USD.EUR.SP00.A,M,U2,2023-01,1.0785,A\nEXR.M.USD.EUR.SP00.A,M,U2,2023-02,1.0711,A\n"
                + "EXR.M.USD.EUR.SP00.A,M,U2,2023-03,1.0706,A\n"));
        assertEquals(Frequency.MONTHLY, ecb.frequency());
        assertEquals("EXR.M.USD.EUR.SP00.A", ecb.series().get(0).id());
        assertArrayEquals(new double[]{1.0785, 1.0711, 1.0706}, ecb.series().get(0).values(), 1e-12);
    }

    /**
     * The UK statistics office's series download: lines of a key and its value ({@code "Title"}, {@code "CDID"}, ...),
     * then with no header the series' yearly, quarterly and monthly rows: read as its finest rows, its value column its CDID,
     * with a note; a bad value names its own line. It stopped the run ("cannot recognise the time 'CDID'").
     */
    @Test
    void theUkStatisticsOfficesSeriesIsReadAtItsFinestRows() throws IOException {
        StringBuilder csv = new StringBuilder("\"Title\",\"CPI ANNUAL RATE 00: ALL ITEMS 2015=100\"\n\"CDID\",\"D7G7\"\n"
                + "\"Source dataset ID\",\"MM23\"\n\"PreUnit\",\"\"\n\"Unit\",\"%\"\n\"Release date\",\"17-01-2024\"\n"
                + "\"Next release\",\"14 February 2024\"\n\"Important notes\",\"\"\n");
        StringBuilder quarters = new StringBuilder();
        StringBuilder months = new StringBuilder();
        String[] names = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
        for (int y = 2021; y <= 2023; y++) {
            csv.append('"').append(y).append("\",\"").append(y - 2018).append(".0\"\n");
            for (int q = 1; q <= 4; q++) {
                quarters.append('"').append(y).append(" Q").append(q).append("\",\"").append(q).append(".5\"\n");
            }
            for (int m = 0; m < 12; m++) {
                months.append('"').append(y).append(' ').append(names[m]).append("\",\"").append(10 * (y - 2021) + m)
                        .append("\"\n");
            }
        }
        SeriesData d = read(write("series-170124.csv", csv.toString() + quarters + months));
        assertEquals(Frequency.MONTHLY, d.frequency());
        assertEquals("D7G7", d.valueColumn());
        TimeSeries s = d.series().get(0);
        assertEquals(36, s.length());
        assertEquals(LocalDateTime.of(2021, 1, 1, 0, 0), s.time(0));
        assertEquals(31, s.values()[35]);
        assertEquals("2024 JAN", d.timeFormat().format(d.frequency().add(s.time(35), 1)));
        assertEquals("read the UK statistics office's series 'D7G7' (CPI ANNUAL RATE 00: ALL ITEMS 2015=100): its 36 "
                + "monthly rows; its 3 yearly and 12 quarterly rows of the same series left out", d.notes().get(0));
        // with no monthly rows, the quarters; a bad value is named on its own line (the file's 8 lines, 3 years, then
        // the second quarter)
        SeriesData q = read(write("q.csv", csv.toString() + quarters));
        assertEquals(Frequency.QUARTERLY, q.frequency());
        assertEquals(12, q.series().get(0).length());
        DataException e = assertThrows(DataException.class, () -> read(write("bad.csv", csv.toString()
                + quarters.toString().replace("\"2021 Q2\",\"2.5\"", "\"2021 Q2\",\"x\""))));
        assertTrue(e.getMessage().startsWith("bad.csv:13: "), e.getMessage());
    }

    /**
     * A year, then a month's name ({@code 2015 JAN}, as the UK's statistics office labels months; {@code 2015-Jan}):
     * read as months, the future written as the first value was, in capitals where it was. Each stopped the run
     * ("cannot recognise the time").
     */
    @Test
    void aYearThenAMonthsNameIsAMonth() throws IOException {
        for (String[] c : new String[][]{{" ", "JAN", "FEB", "MAR", "2015 APR"}, {"-", "Jan", "Feb", "Mar", "2015-Apr"},
            {" ", "January", "February", "March", "2015 April"}}) {
            SeriesData d = read(write("ym.csv", "date,v\n2015" + c[0] + c[1] + ",1\n2015" + c[0] + c[2] + ",2\n2015"
                    + c[0] + c[3] + ",3\n"));
            assertEquals(Frequency.MONTHLY, d.frequency(), c[1]);
            assertEquals(LocalDateTime.of(2015, 3, 1, 0, 0), d.series().get(0).time(2), c[1]);
            assertEquals(c[4], d.timeFormat().format(d.frequency().add(d.series().get(0).time(2), 1)), c[1]);
        }
    }

    /**
     * A value written below a bound, as Google Trends writes a share below 1 ({@code <1}) in its download (under a
     * title line and an empty one): half the bound, with a note naming the first; a bound that is not a positive
     * number stays an error. It stopped the run ("'<1' is not a number").
     */
    @Test
    void aValueBelowABoundIsHalfTheBound() throws IOException {
        SeriesData d = read(write("multiTimeline.csv", "Category: All categories\n\nWeek,forecasting: (Worldwide)\n"
                + "2024-01-07,12\n2024-01-14,<1\n2024-01-21,9\n2024-01-28,< 0.2\n"));
        assertArrayEquals(new double[]{12, 0.5, 9, 0.1}, d.series().get(0).values(), 1e-12);
        assertTrue(d.notes().contains("read values written below a bound ('<1' on line 5, as Google Trends writes a share "
                + "below 1 and laboratories a level below what they detect) as half the bound: 0.5"), d.notes().toString());
        DataException e = assertThrows(DataException.class, () -> read(write("neg.csv", "date,v\n2024-01-01,1\n"
                + "2024-01-02,<-3\n")));
        assertEquals("neg.csv:3: column 'v': '<-3' is not a number", e.getMessage());
    }

    /**
     * A call centre's counts every 5 minutes from 07:00 to 21:00 on weekdays (as the fpp3 package's {@code bank_calls}
     * come): read at those opening hours, so the nights and weekends are no gaps (60% of the 5-minute steps of the
     * calendar were filled in, then forecast); a weekday without rows (a holiday) is one open day of gap, filled with
     * the season's pattern, and the series' times step from a Friday's 21:00 to the Monday's 07:00.
     */
    @Test
    void aCallCentresCountsKeepItsOpeningHours() throws IOException {
        StringBuilder csv = new StringBuilder("DateTime,Calls\n");
        java.time.LocalDate monday = java.time.LocalDate.of(2003, 3, 3);
        int rows = 0;
        for (int d = 0; d < 28; d++) {
            java.time.LocalDate day = monday.plusDays(d);
            if (day.getDayOfWeek().getValue() > 5 || d == 15) {
                continue;   // the weekends, and Tuesday 18 March as a holiday
            }
            for (int k = 0; k < 169; k++) {
                csv.append(day.atTime(7, 0).plusMinutes(5L * k).toString().replace('T', ' ')).append(',')
                        .append(100 + (k * 7 + d * 3) % 50).append('\n');
                rows++;
            }
        }
        SeriesData d = read(write("calls.csv", csv.toString()));
        assertEquals("5-minute, 07:00 to 21:00 on weekdays", d.frequency().toString());
        dev.recur.engine.series.TimeSeries s = d.series().get(0);
        assertEquals(rows + 169, s.length());
        assertEquals(LocalDateTime.of(2003, 3, 7, 21, 0), s.time(5 * 169 - 1));
        assertEquals(LocalDateTime.of(2003, 3, 10, 7, 0), s.time(5 * 169));
        assertEquals(java.util.List.of("series 'series': interpolated 169 gap steps (first before line "
                + (1 + 11 * 169 + 1) + ") with the season's pattern"), d.notes());
        assertEquals(169, d.frequency().defaultSeason());

        // a shop open 09:00 to 17:00 on weekdays for two years, then 08:00 to 18:00: the hours inferred from the first
        // 2,000 times are widened to the later ones (a misfit of every later row before), the early years' 08:00 and
        // 18:00 gaps
        StringBuilder shop = new StringBuilder("time,sales\n");
        int early = 0;
        int late = 0;
        for (int k = 0; k < 800; k++) {
            java.time.LocalDate day = monday.plusDays(k);
            if (day.getDayOfWeek().getValue() > 5) {
                continue;
            }
            boolean longer = k >= 730;
            for (int h = longer ? 8 : 9; h <= (longer ? 18 : 17); h++) {
                shop.append(day.atTime(h, 0).toString().replace('T', ' ')).append(',').append(20 + h % 5).append('\n');
            }
            early += longer ? 0 : 1;
            late += longer ? 1 : 0;
        }
        SeriesData s2 = read(write("shop.csv", shop.toString()));
        assertEquals("hourly, 08:00 to 18:00 on weekdays", s2.frequency().toString());
        // the series starts at its first row (09:00), so the first day's 08:00 is no gap
        assertEquals(11 * (early + late) - 1, s2.series().get(0).length());
        assertEquals(java.util.List.of("series 'series': interpolated " + (2 * early - 1) + " gap steps (first before "
                + "line 11) with the season's pattern"), s2.notes());
    }

    /**
     * The missing-value marks of the sources analysts download from: FRED's {@code .} (a holiday of a daily rate), the
     * World Bank's {@code ..}, Eurostat's {@code :}, a spreadsheet's {@code #N/A} and the time series data library's
     * {@code ?}: missing values, filled as the policy says with a note. Each stopped the run ("'.' is not a number").
     */
    @Test
    void theMissingMarksOfStatisticalSourcesAreMissingValues() throws IOException {
        for (String mark : new String[]{".", "..", ":", "#N/A", "?"}) {
            SeriesData d = read(write("fred.csv", "observation_date,DGS10\n2024-01-01," + mark + "\n2024-01-02,3.95\n"
                    + "2024-01-03,3.91\n2024-01-04," + mark + "\n2024-01-05,4.05\n"));
            // the series starts at its first value, as every series does
            assertArrayEquals(new double[]{3.95, 3.91, 3.98, 4.05}, d.series().get(0).values(), 1e-12, mark);
            assertEquals(LocalDateTime.of(2024, 1, 2, 0, 0), d.series().get(0).time(0), mark);
            assertEquals(java.util.List.of("series 'series': interpolated 1 missing value (first on line 5)"),
                    d.notes(), mark);
        }
    }

    /**
     * A monthly series with a December peak that lost its last December but one: the straight line between November
     * and January put it near the other months (about 180 where the Decembers are near 250); it is filled with the
     * season's pattern, as R's {@code na.interp} fills it, and the note says so. A covariate's gap stays a straight
     * line, and a series with no more than two seasons of values present is interpolated linearly, as R does.
     */
    @Test
    void aSeasonalSeriesGapIsFilledWithTheSeasonsPattern() throws IOException {
        StringBuilder b = new StringBuilder("month,sales,price\n");
        double[] truth = new double[48];
        for (int t = 0; t < 48; t++) {
            truth[t] = 150 + t + (t % 12 == 11 ? 70 : 0) + 3 * Math.sin(t);
            LocalDateTime m = LocalDateTime.of(2020, 1, 1, 0, 0).plusMonths(t);
            b.append(m.toLocalDate()).append(',').append(t == 35 ? "" : String.format(java.util.Locale.ROOT, "%.4f",
                    truth[t])).append(',').append(t == 20 ? "" : Integer.toString(10 + t)).append('\n');
        }
        SeriesData d = new CsvSeriesReader(CsvOptions.defaults().withCovariates(java.util.List.of("price")))
                .read(write("peaks.csv", b.toString()));
        TimeSeries s = d.series().get(0);
        double line = (truth[34] + truth[36]) / 2;
        assertTrue(Math.abs(s.values()[35] - truth[35]) < 0.1 * Math.abs(line - truth[35]),
                "filled " + s.values()[35] + ", true " + truth[35] + ", a straight line " + line);
        assertEquals(30.0, s.covariates().get("price")[20], 1e-12);
        assertTrue(d.notes().contains("series 'series': interpolated 1 missing value (first on line 37) with the "
                + "season's pattern"), d.notes().toString());
        // 24 months present of 25: not more than two seasons, a straight line
        StringBuilder c = new StringBuilder("month,sales\n");
        for (int t = 0; t < 25; t++) {
            c.append(LocalDateTime.of(2020, 1, 1, 0, 0).plusMonths(t).toLocalDate()).append(',')
                    .append(t == 11 ? "" : Double.toString(truth[t])).append('\n');
        }
        SeriesData few = read(write("few.csv", c.toString()));
        assertEquals((truth[10] + truth[12]) / 2, few.series().get(0).values()[11], 1e-9);
        assertEquals(java.util.List.of("series 'series': interpolated 1 missing value (first on line 13)"),
                few.notes());
    }

    /**
     * A file of integer steps has no season of its own, so its gaps get a straight line; with the season its user gives
     * (the command line's {@code --season}) they get the season's pattern, as R's {@code na.interp} gives them for a
     * series of that frequency. A series of another frequency in a dated file keeps its own frequency's season.
     */
    @Test
    void theSeasonGivenFillsTheGapsOfAFileOfSteps() throws IOException {
        StringBuilder b = new StringBuilder("t,y\n");
        double[] truth = new double[60];
        double[] gappy = new double[60];
        for (int t = 0; t < 60; t++) {
            truth[t] = 200 + 2 * t + (t % 12 == 6 ? 60 : 0) + 4 * Math.cos(1.7 * t);
            gappy[t] = t == 42 ? Double.NaN : truth[t];
            b.append(t + 1).append(',').append(t == 42 ? "" : String.format(java.util.Locale.ROOT, "%.6f", truth[t]))
                    .append('\n');
        }
        Path file = write("steps.csv", b.toString());
        SeriesData plain = read(file);
        assertEquals(Frequency.STEPS, plain.frequency());
        assertEquals((truth[41] + truth[43]) / 2, plain.series().get(0).values()[42], 1e-5);
        SeriesData monthly = new CsvSeriesReader(CsvOptions.defaults().withSeason(12)).read(file);
        double filled = monthly.series().get(0).values()[42];
        double line = (truth[41] + truth[43]) / 2;
        assertTrue(Math.abs(filled - truth[42]) < 0.1 * Math.abs(line - truth[42]),
                "filled " + filled + ", true " + truth[42] + ", a straight line " + line);
        double[] expected = dev.recur.engine.cleaning.MissingValues.filled(gappy, 12).values();
        assertEquals(expected[42], filled, 1e-5 * Math.abs(expected[42]));
        assertEquals(java.util.List.of("series 'series': interpolated 1 missing value (first on line 44) with the "
                + "season's pattern"), monthly.notes());
        assertThrows(IllegalArgumentException.class, () -> CsvOptions.defaults().withSeason(-1));
        // a season given is the data's frequency's: a quarterly series among monthly ones is filled at 4, not at 6
        StringBuilder m = new StringBuilder("id,date,v\n");
        double[] q = new double[20];
        for (int t = 0; t < 40; t++) {
            m.append("m,").append(java.time.LocalDate.of(2015, 1, 1).plusMonths(t)).append(',').append(100 + t).append('\n');
        }
        for (int t = 0; t < 20; t++) {
            q[t] = 50 + t + (t % 4 == 1 ? 30 : 0) + Math.sin(t);
            m.append("q,").append(java.time.LocalDate.of(2015, 1, 1).plusMonths(3L * t)).append(',')
                    .append(t == 13 ? "" : String.format(java.util.Locale.ROOT, "%.6f", q[t])).append('\n');
        }
        SeriesData mixed = new CsvSeriesReader(CsvOptions.defaults().withSeason(6)).withOwnFrequencies(true)
                .read(write("mixed-gap.csv", m.toString()));
        TimeSeries quarterly = mixed.series().get(1);
        assertEquals(Frequency.QUARTERLY, quarterly.frequency());
        double[] qGappy = q.clone();
        qGappy[13] = Double.NaN;
        assertEquals(dev.recur.engine.cleaning.MissingValues.filled(qGappy, 4).values()[13], quarterly.values()[13], 1e-5);
        assertTrue(Math.abs(quarterly.values()[13] - q[13]) < 0.2 * Math.abs((q[12] + q[14]) / 2 - q[13]),
                "filled " + quarterly.values()[13] + ", true " + q[13]);
    }

    /**
     * A wide file of series that start and end at different times: each runs from its first value to its last, with
     * its own start time, and only the empty cells between are missing values. The leading ones were filled with the
     * first value before: a product launched in the file's last year got years of made-up flat history.
     */
    @Test
    void aWideFilesSeriesRunFromTheirFirstValueToTheirLast() throws IOException {
        SeriesData d = read(write("mixed.csv", "month,old,young,ended\n2020-01-01,1,,5\n2020-02-01,2,,6\n"
                + "2020-03-01,3,NA,\n2020-04-01,4,7,8\n2020-05-01,5,,\n2020-06-01,6,9,\n"));
        assertArrayEquals(new double[]{1, 2, 3, 4, 5, 6}, d.series().get(0).values());
        TimeSeries young = d.series().get(1);
        assertArrayEquals(new double[]{7, 8, 9}, young.values(), 1e-12);
        assertEquals(LocalDateTime.of(2020, 4, 1, 0, 0), young.time(0));
        TimeSeries ended = d.series().get(2);
        assertArrayEquals(new double[]{5, 6, 7, 8}, ended.values(), 1e-12);
        assertEquals(LocalDateTime.of(2020, 5, 1, 0, 0), ended.time(4));
        assertEquals(java.util.List.of("series 'young': interpolated 1 missing value (first on line 6)",
                "series 'ended': interpolated 1 missing value (first on line 4)"), d.notes());
        // the other policies see the same series
        SeriesData dropped = new CsvSeriesReader(CsvOptions.defaults().withMissing(MissingPolicy.DROP))
                .read(dir.resolve("mixed.csv"));
        assertArrayEquals(new double[]{7, 9}, dropped.series().get(1).values());
        assertEquals(LocalDateTime.of(2020, 4, 1, 0, 0), dropped.series().get(1).time(0));
        SeriesData ffill = new CsvSeriesReader(CsvOptions.defaults().withMissing(MissingPolicy.FORWARD_FILL))
                .read(dir.resolve("mixed.csv"));
        assertArrayEquals(new double[]{5, 6, 6, 8}, ffill.series().get(2).values());
    }

    /**
     * A spreadsheet's export in much of Europe: semicolons between fields, decimal commas (here with a tab and a
     * bar as delimiters too, and a wide file): read as numbers, not refused.
     */
    @Test
    void decimalCommasInFilesNotSeparatedByCommas() throws IOException {
        SeriesData d = read(write("eu.csv", "datum;umsatz\n2020-01-01;10,5\n2020-02-01;-1,25\n2020-03-01;12\n"
                + "2020-04-01;,5\n2020-05-01;1,5e3\n"));
        assertArrayEquals(new double[]{10.5, -1.25, 12, 0.5, 1500}, d.series().get(0).values(), 0);
        assertArrayEquals(new double[]{3.25, 4}, read(write("tab.csv", "date\tvalue\n2020-01-01\t3,25\n2020-01-02\t4\n"))
                .series().get(0).values(), 0);
        assertArrayEquals(new double[]{0.1, 0.2}, read(write("bar.csv", "date|value\n2020-01-01|0,1\n2020-01-02|0,2\n"))
                .series().get(0).values(), 0);
        SeriesData wide = read(write("wide-eu.csv", "month;a;b\n2020-01;1,5;2\n2020-02;2,5;NA\n2020-03;3;4,75\n"));
        assertArrayEquals(new double[]{1.5, 2.5, 3}, wide.series().get(0).values(), 0);
        assertEquals(4.75, wide.series().get(1).values()[2], 0);
    }

    /**
     * Numbers as a spreadsheet displays them, saved as CSV: thousands separators, currency and percent signs,
     * negatives in parentheses or with the typographic minus. Each
     * value is read as its number, alone in a one-series file between commas (quoted where it holds a comma) or
     * between semicolons, and the note names the first.
     */
    @ParameterizedTest
    @MethodSource("displayedNumbers")
    void numbersAsSpreadsheetsDisplayThemAreRead(String delimiter, String shown, double expected) throws IOException {
        String field = delimiter.equals(",") && shown.contains(",") ? '"' + shown + '"' : shown;
        SeriesData d = read(write("shown.csv", "date" + delimiter + "sales\n2024-01-01" + delimiter + field
                + "\n2024-02-01" + delimiter + "7\n"));
        assertEquals(expected, d.series().get(0).values()[0], 1e-9, shown);
        assertTrue(d.notes().stream().anyMatch(n -> n.startsWith("read numbers as a spreadsheet displays them "
                + "(thousands separators, currency and percent signs dropped): '" + shown.strip() + "' on line 2 as ")),
                d.notes().toString());
    }

    static Stream<Arguments> displayedNumbers() {
        return Stream.of(
                Arguments.of(",", "1,234.50", 1234.5),
                Arguments.of(",", "1,234", 1234),
                Arguments.of(",", "12,345,678", 12345678),
                Arguments.of(",", "-1,234.5", -1234.5),
                Arguments.of(",", "$1,234.50", 1234.5),
                Arguments.of(",", "-$1,234", -1234),
                Arguments.of(",", "$-12.5", -12.5),
                Arguments.of(",", "$1234", 1234),
                Arguments.of(",", "£12.99", 12.99),
                Arguments.of(",", "12.5%", 12.5),
                Arguments.of(",", "-0.75%", -0.75),
                Arguments.of(",", "1'234.50", 1234.5),
                Arguments.of(",", "1 234 567", 1234567),
                Arguments.of(";", "1.234,50", 1234.5),
                Arguments.of(";", "1.234.567", 1234567),
                Arguments.of(";", "1 234,50", 1234.5),
                Arguments.of(";", "1\u00a0234,5", 1234.5),
                Arguments.of(";", "12,50 €", 12.5),
                Arguments.of(";", "€ 1.234,50", 1234.5),
                Arguments.of(";", "3,5 %", 3.5),
                // negatives as accountants display them (Excel's accounting and currency formats), and with the
                // typographic minus
                Arguments.of(",", "(1,234)", -1234),
                Arguments.of(",", "($1,234.50)", -1234.5),
                Arguments.of(",", "$(12.00)", -12),
                Arguments.of(",", "(98.86)", -98.86),
                Arguments.of(",", "\u22125.53", -5.53),
                Arguments.of(";", "(1.234,50 €)", -1234.5));
    }

    /**
     * What a displayed number is not: groups other than threes, a decimal comma between commas (as for plain
     * numbers), two currency signs, text; each stays "not a number", naming the line. A plain number is read without
     * a note, and a displayed one's decimal mark counts as the file's as any other's.
     */
    @Test
    void notEveryValueWithSeparatorsIsANumber() throws IOException {
        for (String bad : List.of("\"12,34,567\"", "1.2.3", "\"(1,23)4\"", "()", "(-5)", "\"1,5\"", "\"1.234,50\"", "$$5", "12 apples",
                "\"1,2345\"", "1'23", "%")) {
            String csv = "unique_id,ds,y\ns,2024-01-01," + bad + "\ns,2024-02-01,7\nt,2024-01-01,1\nt,2024-02-01,2\n";
            SeriesData d = read(write("bad.csv", csv));
            assertEquals(List.of("t"), d.series().stream().map(TimeSeries::id).toList(), bad);
            assertTrue(d.skipped().get(0).reason().startsWith("bad.csv:2: column 'y': ")
                    && d.skipped().get(0).reason().endsWith(" is not a number"), d.skipped().toString());
        }
        assertTrue(read(write("plain.csv", "date,y\n2024-01-01,1234.5\n2024-02-01,7\n")).notes().isEmpty());
        assertEquals("mark.csv:3: column 'y': '2,5' has a decimal comma, but '1,234.5' on line 2 has a decimal point: "
                        + "a file takes one decimal mark",
                assertThrows(DataException.class, () -> read(write("mark.csv",
                        "date;y\n2024-01-01;1,234.5\n2024-02-01;2,5\n"))).getMessage());
    }

    /**
     * Dates written day first with dots (01.02.2024, 1.2.2024, with a time or without), as German, Russian, Polish or
     * Nordic spreadsheets export them, are recognised without a pattern, and future times are written as the first.
     */
    @Test
    void dottedDayFirstDatesAreRecognised() throws IOException {
        SeriesData d = read(write("de.csv", "Datum;Umsatz\n01.11.2023;10,5\n01.12.2023;11\n01.01.2024;12,25\n"));
        assertEquals(Frequency.MONTHLY, d.frequency());
        assertArrayEquals(new double[]{10.5, 11, 12.25}, d.series().get(0).values(), 0);
        assertEquals("01.02.2024", d.timeFormat().format(LocalDateTime.of(2024, 2, 1, 0, 0)));
        SeriesData unpadded = read(write("ru.csv", "date;value\n9.1.2024;1\n10.1.2024;2\n11.1.2024;3\n"));
        assertEquals(Frequency.DAILY, unpadded.frequency());
        assertEquals("5.2.2024", unpadded.timeFormat().format(LocalDateTime.of(2024, 2, 5, 0, 0)));
        SeriesData hourly = read(write("h.csv", "zeit;wert\n31.12.2023 23:00;1\n01.01.2024 00:00;2\n01.01.2024 01:00;3\n"));
        assertEquals(Frequency.HOURLY, hourly.frequency());
        assertEquals("01.01.2024 02:00", hourly.timeFormat().format(LocalDateTime.of(2024, 1, 1, 2, 0)));
        // a day that does not exist is an error naming the line, as for any time
        assertEquals("bad.csv:3: column 'date': '32.01.2024' is not a time in the format of the first rows "
                + "(pattern d.M.yyyy)",
                assertThrows(DataException.class, () -> read(write("bad.csv",
                        "date;value\n31.01.2024;1\n32.01.2024;2\n"))).getMessage());
        // so is a month that does not exist in a pattern without days (a fiscal year 2016-19 read as yyyy-M, found by
        // the fuzz test): it was an exception that named no file nor line, 'Invalid value for MonthOfYear'
        assertEquals("m19.csv:4: column 't': '2016-19' is not a time in the format of the first rows (pattern yyyy-M)",
                assertThrows(DataException.class, () -> new CsvSeriesReader(CsvOptions.defaults()
                        .withTimeFormat(TimeFormat.parseOption("yyyy-M"))).read(write("m19.csv",
                        "t,v\n2016-7,5\n2016-8,6\n2016-19,7\n"))).getMessage());
    }

    /**
     * Dates with slashes are read without a pattern where the first value shows the order (13/01/2024 is day first,
     * 1/13/2024 month first), and written back as the first value was.
     */
    @Test
    void slashedDatesWhoseFirstValueShowsTheOrder() throws IOException {
        SeriesData uk = read(write("uk.csv", "date,value\n31/12/2023,1\n01/01/2024,2\n02/01/2024,3\n"));
        assertEquals(Frequency.DAILY, uk.frequency());
        assertEquals(LocalDateTime.of(2024, 1, 2, 0, 0), uk.series().get(0).time(2));
        assertEquals("03/01/2024", uk.timeFormat().format(LocalDateTime.of(2024, 1, 3, 0, 0)));
        SeriesData us = read(write("us.csv", "date,value\n1/31/24,1\n2/29/24,2\n3/31/24,3\n"));
        assertEquals(Frequency.MONTHLY.atMonthEnds(), us.frequency());
        assertEquals("4/30/24", us.timeFormat().format(LocalDateTime.of(2024, 4, 30, 0, 0)));
        // an ambiguous first date takes the order the file's first rows show: daily data from 1 January, either way
        StringBuilder dayFirst = new StringBuilder("date,value\n");
        StringBuilder monthFirst = new StringBuilder("date,value\n");
        for (int i = 0; i < 20; i++) {
            java.time.LocalDate d = java.time.LocalDate.of(2024, 1, 1).plusDays(i);
            dayFirst.append(String.format(java.util.Locale.ROOT, "%02d/%02d/%d,%d%n", d.getDayOfMonth(),
                    d.getMonthValue(), d.getYear(), i));
            monthFirst.append(String.format(java.util.Locale.ROOT, "%02d/%02d/%d,%d%n", d.getMonthValue(),
                    d.getDayOfMonth(), d.getYear(), i));
        }
        for (StringBuilder file : java.util.List.of(dayFirst, monthFirst)) {
            SeriesData d = read(write("d.csv", file.toString()));
            assertEquals(Frequency.DAILY, d.frequency());
            assertEquals(LocalDateTime.of(2024, 1, 20, 0, 0), d.series().get(0).time(19));
        }
        // where no number is above 12, the day is the number that never changes: months and quarters on a fixed day,
        // as British and American spreadsheets write them; a note says so and how to say otherwise
        SeriesData ukMonths = read(write("m.csv", "date,value\n01/01/2024,1\n01/02/2024,2\n01/03/2024,3\n"));
        assertEquals(Frequency.MONTHLY, ukMonths.frequency());
        assertEquals(LocalDateTime.of(2024, 3, 1, 0, 0), ukMonths.series().get(0).time(2));
        assertEquals("01/04/2024", ukMonths.timeFormat().format(LocalDateTime.of(2024, 4, 1, 0, 0)));
        assertTrue(ukMonths.notes().contains("dates read day first (dd/MM/yyyy), the day being the number that never "
                + "changes in the first rows; if not, give --time-format MM/dd/yyyy"), ukMonths.notes().toString());
        SeriesData usMonths = read(write("m.csv", "date,value\n1/1/24,1\n2/1/24,2\n3/1/24,3\n"));
        assertEquals(Frequency.MONTHLY, usMonths.frequency());
        assertEquals("4/1/24", usMonths.timeFormat().format(LocalDateTime.of(2024, 4, 1, 0, 0)));
        assertTrue(usMonths.notes().stream().anyMatch(n -> n.startsWith("dates read month first (MM/dd/yy)")));
        SeriesData usQuarters = read(write("q.csv", "date,a,b\n10/1/2023,1,2\n1/1/2024,2,3\n4/1/2024,3,4\n"));
        assertEquals(Frequency.QUARTERLY, usQuarters.frequency());
        assertEquals(LocalDateTime.of(2024, 4, 1, 0, 0), usQuarters.series().get(1).time(2));
        SeriesData years = read(write("y.csv", "date,value\n01/01/2022,1\n01/01/2023,2\n01/01/2024,3\n"));
        assertEquals(Frequency.YEARLY, years.frequency());
        assertTrue(years.notes().stream().noneMatch(n -> n.startsWith("dates read")), "the same dates either way");
        // an order neither a day above 12 nor a fixed day shows is asked for
        for (String file : java.util.List.of("date,value\n01/02/2024,1\n02/03/2024,2\n",
                "date,value\n03/01/2022,1\n03/01/2023,2\n")) {
            assertTrue(assertThrows(DataException.class, () -> read(write("a.csv", file))).getMessage()
                    .endsWith("give its pattern (dd/MM/yyyy where the day comes first, MM/dd/yyyy where the month does)"));
        }
        // the order shown by a day above 12 is no judgement: no note
        assertTrue(uk.notes().stream().noneMatch(n -> n.startsWith("dates read")));
    }

    /**
     * Dates with dashes and the year last (31-01-2024, as Indian and Dutch exports write them; 01-31-2024) are read as
     * dates with slashes are; so are times of the 12-hour clock (01/31/2024 01:00:00 PM, as SQL Server and .NET
     * exports write them), and dates with the year first and dots or a time (2024.01.31, 2024/01/31 13:00). Hourly
     * date-times of the first twelve days of a month show the order by their times: the number that changes after
     * each day's times is the day (it was read as months on a fixed day).
     */
    @Test
    void datesWithDashesAndTwelveHourClocksAreRead() throws IOException {
        StringBuilder india = new StringBuilder("date,sales\n");
        StringBuilder us = new StringBuilder("date,sales\n");
        for (int i = 0; i < 40; i++) {
            java.time.LocalDate d = java.time.LocalDate.of(2024, 1, 1).plusDays(i);
            india.append(String.format(java.util.Locale.ROOT, "%02d-%02d-%d,%d%n", d.getDayOfMonth(), d.getMonthValue(),
                    d.getYear(), i));
            us.append(String.format(java.util.Locale.ROOT, "%02d-%02d-%d,%d%n", d.getMonthValue(), d.getDayOfMonth(),
                    d.getYear(), i));
        }
        for (String[] f : new String[][]{{india.toString(), "10-02-2024"}, {us.toString(), "02-10-2024"}}) {
            SeriesData d = read(write("d.csv", f[0]));
            assertEquals(Frequency.DAILY, d.frequency());
            assertEquals(LocalDateTime.of(2024, 2, 9, 0, 0), d.series().get(0).time(39));
            assertEquals(f[1], d.timeFormat().format(LocalDateTime.of(2024, 2, 10, 0, 0)));
        }
        SeriesData months = read(write("m.csv", "date,sales\n01-01-2024,1\n01-02-2024,2\n01-03-2024,3\n"));
        assertEquals(Frequency.MONTHLY, months.frequency());
        assertTrue(months.notes().contains("dates read day first (dd-MM-yyyy), the day being the number that never "
                + "changes in the first rows; if not, give --time-format MM-dd-yyyy"), months.notes().toString());
        // a two-digit year after dashes could be a year first (24-01-31): not guessed
        assertThrows(DataException.class, () -> read(write("y.csv", "date,sales\n31-01-24,1\n01-02-24,2\n")));

        // hours of the 12-hour clock, over the first two days only (no day above 12 in the first rows)
        StringBuilder clock = new StringBuilder("time,load\n");
        StringBuilder excel = new StringBuilder("time,load\n");
        for (int i = 0; i < 48; i++) {
            LocalDateTime t = LocalDateTime.of(2024, 1, 1, 0, 0).plusHours(i);
            clock.append(t.format(java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a",
                    java.util.Locale.ENGLISH))).append(',').append(i).append('\n');
            excel.append(t.format(java.time.format.DateTimeFormatter.ofPattern("M/d/yyyy H:mm", java.util.Locale.ROOT)))
                    .append(',').append(i).append('\n');
        }
        SeriesData hours = read(write("h.csv", clock.toString()));
        assertEquals(Frequency.HOURLY, hours.frequency());
        assertEquals(48, hours.series().get(0).length());
        assertEquals(LocalDateTime.of(2024, 1, 2, 13, 0), hours.series().get(0).time(37));
        assertEquals("01/03/2024 01:00:00 PM", hours.timeFormat().format(LocalDateTime.of(2024, 1, 3, 13, 0)));
        assertTrue(hours.notes().contains("dates read month first (MM/dd/yyyy), the day being the number that changes "
                + "after each day's times in the first rows; if not, give --time-format dd/MM/yyyy"), hours.notes().toString());
        SeriesData excelHours = read(write("e.csv", excel.toString()));
        assertEquals(Frequency.HOURLY, excelHours.frequency());
        assertEquals(48, excelHours.series().get(0).length());
        assertEquals("1/3/2024 0:00", excelHours.timeFormat().format(LocalDateTime.of(2024, 1, 3, 0, 0)));
        SeriesData noon = read(write("n.csv", "time,load\n1/31/2024 11:00 AM,1\n1/31/2024 12:00 PM,2\n1/31/2024 1:00 PM,3\n"));
        assertEquals(LocalDateTime.of(2024, 1, 31, 12, 0), noon.series().get(0).time(1));
        assertEquals("1/31/2024 2:00 PM", noon.timeFormat().format(LocalDateTime.of(2024, 1, 31, 14, 0)));

        // the year first, with dots or with a time
        SeriesData dots = read(write("p.csv", "date,sales\n2024.01.30,1\n2024.01.31,2\n2024.02.01,3\n"));
        assertEquals(Frequency.DAILY, dots.frequency());
        assertEquals("2024.02.02", dots.timeFormat().format(LocalDateTime.of(2024, 2, 2, 0, 0)));
        SeriesData japan = read(write("j.csv", "time,load\n2024/01/31 22:00,1\n2024/01/31 23:00,2\n2024/02/01 00:00,3\n"));
        assertEquals(Frequency.HOURLY, japan.frequency());
        assertEquals("2024/02/01 01:00", japan.timeFormat().format(LocalDateTime.of(2024, 2, 1, 1, 0)));
    }

    static Stream<Arguments> periodLabels() {
        return Stream.of(
                Arguments.of("2023-Q4", "2024-Q1", "2024-Q2", Frequency.QUARTERLY, "2024-Q3"),
                Arguments.of("2023Q4", "2024Q1", "2024Q2", Frequency.QUARTERLY, "2024Q3"),
                Arguments.of("2023 q4", "2024 q1", "2024 Q2", Frequency.QUARTERLY, "2024 Q3"),
                Arguments.of("Q4 2023", "Q1 2024", "Q2 2024", Frequency.QUARTERLY, "Q3 2024"),
                Arguments.of("Q4/2023", "Q1/2024", "Q2/2024", Frequency.QUARTERLY, "Q3/2024"),
                Arguments.of("2023/11", "2023/12", "2024/01", Frequency.MONTHLY, "2024/02"),
                Arguments.of("2023M11", "2023M12", "2024M01", Frequency.MONTHLY, "2024M02"),
                Arguments.of("Nov 2023", "Dec 2023", "JAN 2024", Frequency.MONTHLY, "Feb 2024"),
                Arguments.of("November 2023", "December 2023", "January 2024", Frequency.MONTHLY, "February 2024"),
                Arguments.of("Nov-2023", "Dec-2023", "Jan-2024", Frequency.MONTHLY, "Feb-2024"),
                Arguments.of("2020-W52", "2020-W53", "2021-W01", Frequency.WEEKLY, "2021-W02"),
                Arguments.of("2023W51", "2023W52", "2024W01", Frequency.WEEKLY, "2024W02"),
                Arguments.of("202311", "202312", "202401", Frequency.MONTHLY, "202402"),
                Arguments.of("2024-01-01 00:00:00 UTC", "2024-02-01 00:00:00 UTC", "2024-03-01 00:00:00 UTC",
                        Frequency.MONTHLY, "2024-04-01 00:00:00 UTC"),
                Arguments.of("2024-02-01T00:00 UTC", "2024-03-01T00:00 UTC", "2024-04-01T00:00 UTC", Frequency.MONTHLY,
                        "2024-05-01T00:00 UTC"),
                Arguments.of("20231230", "20231231", "20240101", Frequency.DAILY, "20240102"),
                // months as spreadsheets show them, two-digit years as spreadsheets read them (Dec-99 before Jan-00)
                Arguments.of("Nov-23", "Dec-23", "Jan-24", Frequency.MONTHLY, "Feb-24"),
                Arguments.of("Nov 99", "Dec 99", "jan 00", Frequency.MONTHLY, "Feb 00"),
                Arguments.of("11-2023", "12-2023", "01-2024", Frequency.MONTHLY, "02-2024"),
                Arguments.of("2023/11/01", "2023/12/01", "2024/01/01", Frequency.MONTHLY, "2024/02/01"),
                Arguments.of("01-Nov-2023", "01-Dec-2023", "01-Jan-2024", Frequency.MONTHLY, "01-Feb-2024"),
                Arguments.of("1 November 2023", "1 December 2023", "1 January 2024", Frequency.MONTHLY,
                        "1 February 2024"),
                // quarters and years as finance reports label them, two-digit years as spreadsheets read them
                Arguments.of("3Q23", "4Q23", "1q24", Frequency.QUARTERLY, "2Q24"),
                Arguments.of("3Q2023", "4Q2023", "1Q2024", Frequency.QUARTERLY, "2Q2024"),
                Arguments.of("Q3 99", "Q4 99", "Q1 00", Frequency.QUARTERLY, "Q2 00"),
                Arguments.of("Q3/23", "Q4/23", "Q1/24", Frequency.QUARTERLY, "Q2/24"),
                Arguments.of("23-Q3", "23-Q4", "24-Q1", Frequency.QUARTERLY, "24-Q2"),
                Arguments.of("FY2023 Q3", "FY2023 Q4", "fy2024 q1", Frequency.QUARTERLY, "FY2024 Q2"),
                Arguments.of("Q3 FY23", "Q4 FY23", "Q1 FY24", Frequency.QUARTERLY, "Q2 FY24"),
                Arguments.of("FY2022", "FY2023", "FY2024", Frequency.YEARLY, "FY2025"),
                Arguments.of("FY 22", "FY 23", "FY 24", Frequency.YEARLY, "FY 25"),
                // fiscal years as governments label them, a year and the next; where the second could be a month
                // (2010-11), the first rows decide: every label a year and the next (2011-12 after 2010-11) or months
                Arguments.of("2021-22", "2022-23", "2023-24", Frequency.YEARLY, "2024-25"),
                Arguments.of("1998-99", "1999-00", "2000-01", Frequency.YEARLY, "2001-02"),
                Arguments.of("2009/10", "2010/11", "2011/12", Frequency.YEARLY, "2012/13"),
                Arguments.of("2022-2023", "2023-2024", "2024-2025", Frequency.YEARLY, "2025-2026"),
                Arguments.of("2010-11", "2010-12", "2011-01", Frequency.MONTHLY, "2011-02"),
                Arguments.of("2023 W51", "2023 W52", "2024 W01", Frequency.WEEKLY, "2024 W02"),
                // ISO week codes written by hand (one digit), and weeks as reports label them: read as ISO weeks
                // (2020 has 53), written as the file wrote them, padded where the first rows are
                Arguments.of("2020-W52", "2020-W53", "2021-W1", Frequency.WEEKLY, "2021-W02"),
                Arguments.of("Week 52 2020", "Week 53 2020", "week 1 2021", Frequency.WEEKLY, "Week 2 2021"),
                Arguments.of("2020 Week 52", "2020 Week 53", "2021 WEEK 1", Frequency.WEEKLY, "2021 Week 2"),
                Arguments.of("\"W52, 2020\"", "\"W53, 2020\"", "\"W1, 2021\"", Frequency.WEEKLY, "W2, 2021"),
                Arguments.of("wk08/2021", "wk09/2021", "wk10/2021", Frequency.WEEKLY, "wk11/2021"),
                Arguments.of("2021 wk 8", "2021 wk 9", "2021 wk 10", Frequency.WEEKLY, "2021 wk 11"),
                // a month's name and its year with nothing between
                Arguments.of("Nov2023", "Dec2023", "jan2024", Frequency.MONTHLY, "Feb2024"),
                Arguments.of("November2023", "December2023", "January2024", Frequency.MONTHLY, "February2024"));
    }

    /**
     * Periods written as labels, as statistics offices, spreadsheets and pandas write them (quarters, months by
     * number or English name, ISO weeks), and the period keys of databases (202401, 20240131), are recognised
     * without a pattern: each is its period's first day (an ISO week its Monday), and future times are written as
     * the input wrote them. A six- or eight-digit integer that is no date of 1900 to 2100 stays an integer step.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("periodLabels")
    void periodLabelsAreRecognised(String a, String b, String c, Frequency frequency, String next) throws IOException {
        SeriesData d = read(write("p.csv", "period,value\n" + a + ",1\n" + b + ",2\n" + c + ",3\n"));
        assertEquals(frequency, d.frequency());
        assertArrayEquals(new double[]{1, 2, 3}, d.series().get(0).values(), 0);
        TimeSeries t = d.series().get(0);
        LocalDateTime last = t.time(2);
        assertEquals(next, d.timeFormat().format(frequency.add(last, 1)));
        assertEquals(1, frequency == Frequency.WEEKLY ? last.getDayOfWeek().getValue() : last.getDayOfMonth());
    }

    /**
     * Dates as spreadsheets display them and write them to CSV: day, month name and year (31-Jan-2024, 31-Jan-24),
     * month name, day and year (January 31, 2024), a date with its time (1/31/2024 0:00), the year first with
     * slashes (2024/01/31); each read at its frequency (month ends here) and written back as the file wrote it.
     */
    @Test
    void datesAsSpreadsheetsDisplayThemAreRead() throws IOException {
        String[][] files = {
            {"31-Jan-2024", "29-Feb-2024", "31-Mar-2024", "30-Apr-2024"},
            {"31-Jan-24", "29-Feb-24", "31-Mar-24", "30-Apr-24"},
            {"\"January 31, 2024\"", "\"February 29, 2024\"", "\"March 31, 2024\"", "April 30, 2024"},
            {"\"Jan 31, 2024\"", "\"Feb 29, 2024\"", "\"Mar 31, 2024\"", "Apr 30, 2024"},
            {"1/31/2024 0:00", "2/29/2024 0:00", "3/31/2024 0:00", "4/30/2024 0:00"},
            {"2024/01/31", "2024/02/29", "2024/03/31", "2024/04/30"}};
        for (String[] f : files) {
            SeriesData d = read(write("s.csv", "date,sales\n" + f[0] + ",1\n" + f[1] + ",2\n" + f[2] + ",3\n"));
            assertEquals(Frequency.MONTHLY.atMonthEnds(), d.frequency(), f[0]);
            assertEquals(LocalDateTime.of(2024, 3, 31, 0, 0), d.series().get(0).time(2), f[0]);
            assertEquals(f[3], d.timeFormat().format(LocalDateTime.of(2024, 4, 30, 0, 0)), f[0]);
        }
        // a full month name after an abbreviation (May is both), and a date-time with its hours
        SeriesData may = read(write("m.csv", "date,sales\n31-May-2024,1\n30-June-2024,2\n31-July-2024,3\n"));
        assertEquals(3, may.series().get(0).length());
        SeriesData hours = read(write("h.csv", "time,load\n1/31/2024 22:00,1\n1/31/2024 23:00,2\n2/1/2024 0:00,3\n"));
        assertEquals(Frequency.HOURLY, hours.frequency());
        assertEquals("2/1/2024 1:00", hours.timeFormat().format(LocalDateTime.of(2024, 2, 1, 1, 0)));
    }

    /**
     * Month names of every width in one file (May, June, Sept, September; any case) are read in every month-name
     * form, and the future is written as the first value was: a full name where it was one, else the three-letter
     * abbreviation (Sept is written Sep). A word that is no month is still not a time.
     */
    @Test
    void monthNamesOfEveryWidthAreRead() throws IOException {
        String[][] files = {
            {"May 2024", "June 2024", "July 2024", "Aug 2024", "Sept 2024", "Oct 2024", "Nov 2024"},
            {"May-24", "Jun-24", "July-24", "August-24", "SEPT-24", "Oct-24", "Nov-24"},
            {"31-May-2024", "30-June-2024", "31-Jul-2024", "31-Aug-2024", "30-Sept-2024", "31-Oct-2024",
                "30-Nov-2024"},
            {"June 2024", "July 2024", "August 2024", "Sept 2024", "October 2024", "November 2024", "December 2024"}};
        for (String[] f : files) {
            StringBuilder csv = new StringBuilder("month,sales\n");
            for (int i = 0; i < 6; i++) {
                csv.append(f[i].contains(",") ? "\"" + f[i] + "\"" : f[i]).append(',').append(i + 1).append('\n');
            }
            SeriesData d = read(write("m.csv", csv.toString()));
            TimeSeries s = d.series().get(0);
            assertEquals(6, s.length(), f[0]);
            assertEquals(d.frequency().add(s.time(4), 1), s.time(5), f[0]);
            assertEquals(f[6], d.timeFormat().format(d.frequency().add(s.time(5), 1)), f[0]);
        }
        assertEquals("Sep 2024", read(write("s.csv", "month,sales\nSept 2024,1\nOct 2024,2\n")).timeFormat()
                .format(LocalDateTime.of(2024, 9, 1, 0, 0)));
        DataException e = assertThrows(DataException.class,
                () -> read(write("x.csv", "month,sales\nMay 2024,1\nJunk 2024,2\n")));
        assertTrue(e.getMessage().contains("Junk 2024"), e.getMessage());
    }

    /**
     * A year and a number unpadded or after a dot ({@code 2018-1}, {@code 2018/1}, {@code 2018.01}): months where a
     * number passes 4, quarters where none does and the year turns after a 4 (with a note), refused where the first
     * rows cannot tell (four months of one year) with both patterns named; the future written as the first value
     * was. Each stopped the run with "cannot recognise the time".
     */
    @Test
    void yearAndNumberLabelsAreMonthsOrQuarters() throws IOException {
        String[][] cases = {{"-", "", "2019-3", "2019-4"}, {"/", "", "2019/3", "2019/4"}, {".", "0", "2019.03", "2019.04"}};
        for (String[] c : cases) {
            StringBuilder csv = new StringBuilder("month,sales\n");
            for (int i = 0; i < 15; i++) {
                int m = i % 12 + 1;
                csv.append(2018 + i / 12).append(c[0]).append(m < 10 ? c[1] : "").append(m).append(',').append(i)
                        .append('\n');
            }
            SeriesData d = read(write("m.csv", csv.toString()));
            TimeSeries s = d.series().get(0);
            assertEquals(Frequency.MONTHLY, d.frequency(), c[0]);
            assertEquals(15, s.length(), c[0]);
            assertEquals(LocalDateTime.of(2019, 3, 1, 0, 0), s.time(14), c[0]);
            assertEquals(c[3], d.timeFormat().format(d.frequency().add(s.time(14), 1)), c[0]);
            assertTrue(d.notes().isEmpty(), d.notes().toString());
        }
        StringBuilder quarters = new StringBuilder("quarter,sales\n");
        for (int i = 0; i < 9; i++) {
            quarters.append(2015 + i / 4).append('-').append(i % 4 + 1).append(',').append(i).append('\n');
        }
        SeriesData q = read(write("q.csv", quarters.toString()));
        assertEquals(Frequency.QUARTERLY, q.frequency());
        assertEquals(LocalDateTime.of(2017, 1, 1, 0, 0), q.series().get(0).time(8));
        assertEquals("2017-2", q.timeFormat().format(q.frequency().add(q.series().get(0).time(8), 1)));
        assertTrue(q.notes().stream().anyMatch(n -> n.contains("quarters")), q.notes().toString());
        DataException e = assertThrows(DataException.class,
                () -> read(write("few.csv", "month,sales\n2018-1,1\n2018-2,2\n2018-3,3\n")));
        assertTrue(e.getMessage().contains("yyyy-M for months, yyyy-Q for quarters"), e.getMessage());
        // single digits after a dot that never reach 10 may be decimal numbers
        assertThrows(DataException.class, () -> read(write("dec.csv", "t,sales\n2018.1,1\n2018.2,2\n2018.3,3\n"
                + "2018.4,4\n2018.5,5\n")));
    }

    /**
     * R's decimal times turned into dates (lubridate's {@code date_decimal}, {@code as.Date} of a ts' time): a day or
     * two off each month's first day, as the jj and uschange exports have them (1960-07-02 for 1960.5, 1959-01-31
     * for 1959 + 1/12); read as quarters and months on their first days, with a note; each stopped the run (the
     * quarters read as "the 13-week frequency"). Daily dates near months' first days are left as they are.
     */
    @Test
    void datesADayOffTheirMonthsFirstDaysAreReadAsMonthsOrQuarters() throws IOException {
        for (int per : new int[]{3, 1}) {
            StringBuilder csv = new StringBuilder("\"date\",\"Consumption\",\"Income\"\n");
            for (int i = 0; i < 24; i++) {
                int year = 1959 + i * per / 12;
                double fraction = (i * per % 12) / 12.0;
                java.time.LocalDate d = java.time.LocalDate.of(year, 1, 1).plusDays(
                        (long) Math.floor(fraction * java.time.Year.of(year).length() + 1e-9));
                csv.append('"').append(d).append("\",").append(i).append(',').append(2 * i).append('\n');
            }
            SeriesData r = read(write("r.csv", csv.toString()));
            assertEquals(per == 3 ? Frequency.QUARTERLY : Frequency.MONTHLY, r.frequency(), csv.toString());
            assertEquals(2, r.series().size());
            for (int i = 0; i < 24; i++) {
                assertEquals(LocalDateTime.of(1959 + i * per / 12, i * per % 12 + 1, 1, 0, 0), r.series().get(1).time(i));
            }
            assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("moved ") && n.endsWith("as R's decimal times "
                    + "turned into dates give them: read as " + r.frequency())), r.notes().toString());
        }
        SeriesData days = read(write("days.csv", "date,v\n2024-01-30,1\n2024-01-31,2\n2024-02-01,3\n2024-02-02,4\n"));
        assertEquals(Frequency.DAILY, days.frequency());
        assertEquals(LocalDateTime.of(2024, 1, 30, 0, 0), days.series().get(0).time(0));
        assertTrue(days.notes().isEmpty(), days.notes().toString());
    }

    /**
     * ISO dates with the month or the day unpadded ({@code 1986-1-01}, the catfish sales; {@code 2024-3-5}): read,
     * and the future written as the first value was. Each stopped the run with "cannot recognise the time".
     */
    @Test
    void isoDatesWithAnUnpaddedMonthOrDayAreRead() throws IOException {
        StringBuilder monthly = new StringBuilder("Date,Total\n");
        for (int i = 0; i < 15; i++) {
            monthly.append(1986 + i / 12).append('-').append(i % 12 + 1).append("-01,").append(9000 + i).append('\n');
        }
        SeriesData m = read(write("catfish.csv", monthly.toString()));
        assertEquals(Frequency.MONTHLY, m.frequency());
        assertEquals(LocalDateTime.of(1986, 10, 1, 0, 0), m.series().get(0).time(9));
        assertEquals("1987-4-01", m.timeFormat().format(m.frequency().add(m.series().get(0).time(14), 1)));
        SeriesData d = read(write("days.csv", "date,v\n2024-3-5,1\n2024-3-6,2\n2024-3-7,3\n2024-3-8,4\n"));
        assertEquals(Frequency.DAILY, d.frequency());
        assertEquals("2024-3-9", d.timeFormat().format(d.frequency().add(d.series().get(0).time(3), 1)));
        assertThrows(DataException.class, () -> read(write("bad.csv", "date,v\n2024-13-5,1\n2024-14-5,2\n")));
    }

    /**
     * Months of years numbered from 1 ({@code 1-01} to {@code 3-12}, the textbooks' shampoo sales): read as months of
     * the years they are, with a note, the future written so ({@code 4-01}); a long file whose series each start at
     * {@code 1-01} too; refused with the pattern named where the first rows never turn a year, or where a number
     * after the dash passes 12 (days, not months). Each stopped the run with "cannot recognise the time".
     */
    @Test
    void monthsOfYearsNumberedFromOneAreRead() throws IOException {
        StringBuilder csv = new StringBuilder("\"Month\",\"Sales\"\n");
        StringBuilder wide = new StringBuilder("store,month,sales\n");
        for (int i = 0; i < 36; i++) {
            String t = (1 + i / 12) + "-" + String.format(java.util.Locale.ROOT, "%02d", i % 12 + 1);
            csv.append('"').append(t).append("\",").append(100 + i).append(".5\n");
        }
        for (String store : List.of("a", "b")) {
            for (int i = 0; i < 14; i++) {
                wide.append(store).append(',').append(1 + i / 12).append('-')
                        .append(String.format(java.util.Locale.ROOT, "%02d", i % 12 + 1)).append(',').append(i).append('\n');
            }
        }
        SeriesData d = read(write("shampoo.csv", csv.toString()));
        TimeSeries s = d.series().get(0);
        assertEquals(Frequency.MONTHLY, d.frequency());
        assertEquals(36, s.length());
        assertEquals(LocalDateTime.of(1, 1, 1, 0, 0), s.time(0));
        assertEquals(LocalDateTime.of(3, 12, 1, 0, 0), s.time(35));
        assertEquals(135.5, s.values()[35]);
        assertEquals("4-01", d.timeFormat().format(d.frequency().add(s.time(35), 1)));
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("months of years numbered from 1 (y-MM")),
                d.notes().toString());
        SeriesData two = read(write("stores.csv", wide.toString()));
        assertEquals(2, two.series().size());
        assertEquals(LocalDateTime.of(2, 2, 1, 0, 0), two.series().get(1).time(13));

        DataException few = assertThrows(DataException.class,
                () -> read(write("few.csv", "month,sales\n1-01,1\n1-02,2\n1-03,3\n")));
        assertTrue(few.getMessage().contains("cannot recognise the time '1-01'; give its pattern (y-MM where they are "
                + "months of years numbered from 1)"), few.getMessage());
        StringBuilder days = new StringBuilder("day,sales\n");
        for (int i = 0; i < 40; i++) {
            days.append(1 + i / 28).append('-').append(String.format(java.util.Locale.ROOT, "%02d", i % 28 + 1)).append(",1\n");
        }
        assertThrows(DataException.class, () -> read(write("days.csv", days.toString())));
    }

    /**
     * A weekday's name before a date, as a spreadsheet's long date ({@code "Monday, January 1, 2024"}) and
     * JavaScript's date string ({@code Mon Jan 01 2024}) write it: read as the date, and the future written with its
     * weekday. Both stopped the run with "cannot recognise the time".
     */
    @Test
    void weekdayNamesBeforeDatesAreRead() throws IOException {
        SeriesData js = read(write("js.csv", "date,visits\nMon Jan 01 2024,1\nTue Jan 02 2024,2\nWed Jan 03 2024,3\n"));
        TimeSeries s = js.series().get(0);
        assertEquals(Frequency.DAILY, js.frequency());
        assertEquals(LocalDateTime.of(2024, 1, 3, 0, 0), s.time(2));
        assertEquals("Thu Jan 04 2024", js.timeFormat().format(js.frequency().add(s.time(2), 1)));
        SeriesData excel = read(write("x.csv", "Date,Visits\n\"Sunday, December 31, 2023\",1\n"
                + "\"Monday, January 1, 2024\",2\n"));
        assertEquals("Tuesday, January 2, 2024",
                excel.timeFormat().format(excel.frequency().add(excel.series().get(0).time(1), 1)));
        DataException e = assertThrows(DataException.class,
                () -> read(write("bad.csv", "date,visits\nMon Jan 01 2024,1\nJan 02 2024,2\n")));
        assertTrue(e.getMessage().contains("Jan 02 2024"), e.getMessage());
    }

    /**
     * A header of two or three rows as pandas writes columns of two levels ({@code df.pivot(index="date",
     * columns="store")} then {@code to_csv}): one measure's series named by the second row, several measures'
     * by measure and label, the third row naming the time; the forecasts' id column named by the second level.
     * It stopped with "column 'sales' appears twice in the header". A repeated name over a row of numbers is still
     * that error.
     */
    @Test
    void headersOfTwoLevelsAreReadAsPandasWritesThem() throws IOException {
        SeriesData three = read(write("p3.csv", ",sales,sales,units,units\nstore,A,B,A,B\ndate,,,,\n"
                + "2024-01-01,1,2,3,4\n2024-01-02,2,3,4,5\n2024-01-03,3,4,5,6\n"));
        assertEquals(List.of("sales / A", "sales / B", "units / A", "units / B"),
                three.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{4, 5, 6}, three.series().get(3).values(), 0);
        assertEquals("date", three.timeColumn());
        assertEquals(LocalDateTime.of(2024, 1, 3, 0, 0), three.series().get(0).time(2));
        assertTrue(three.notes().stream().anyMatch(n -> n.contains("header of three rows")), three.notes().toString());
        SeriesData two = read(write("p2.csv", ",sales,sales\nstore,A,B\n2024-01-01,1,2\n2024-01-02,2,3\n"));
        assertEquals(List.of("A", "B"), two.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{2, 3}, two.series().get(1).values(), 0);
        assertEquals("store", two.idColumn());
        DataException e = assertThrows(DataException.class,
                () -> read(write("d.csv", "date,sales,sales\n2024-01-01,1,2\n2024-01-02,2,3\n")));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }

    /**
     * Times as R writes a ts' ({@code data.frame(time = time(x), value = x)}: 1949, 1949.08333333333, ...; quarterly
     * 1949.25, ...): the first day of each period, with a note, the future written the same way. They stopped with
     * "'1949.08333333333' is not a time in the format of the first rows (steps)". Whole years alone stay steps.
     */
    @Test
    void timesAsRWritesThemAreRead() throws IOException {
        StringBuilder monthly = new StringBuilder("\"time\",\"value\"\n");
        for (int i = 2; i < 30; i++) {
            monthly.append(new java.math.BigDecimal(1949 + i / 12.0).round(new java.math.MathContext(15))
                    .stripTrailingZeros().toPlainString()).append(',').append(100 + i).append('\n');
        }
        SeriesData m = read(write("r.csv", monthly.toString()));
        TimeSeries s = m.series().get(0);
        assertEquals(Frequency.MONTHLY, m.frequency());
        assertEquals(LocalDateTime.of(1949, 3, 1, 0, 0), s.time(0));
        assertEquals(LocalDateTime.of(1951, 6, 1, 0, 0), s.time(27));
        assertEquals("1951.5", m.timeFormat().format(m.frequency().add(s.time(27), 1)));
        assertEquals("1951.58333333333", m.timeFormat().format(LocalDateTime.of(1951, 8, 1, 0, 0)));
        assertEquals("1952", m.timeFormat().format(LocalDateTime.of(1952, 1, 1, 0, 0)));
        assertTrue(m.notes().stream().anyMatch(n -> n.contains("12 periods a year")), m.notes().toString());
        SeriesData q = read(write("q.csv", "time,value\n1960,1\n1960.25,2\n1960.5,3\n1960.75,4\n1961,5\n"));
        assertEquals(Frequency.QUARTERLY, q.frequency());
        assertEquals(LocalDateTime.of(1960, 10, 1, 0, 0), q.series().get(0).time(3));
        assertEquals("1961.25", q.timeFormat().format(q.frequency().add(q.series().get(0).time(4), 1)));
        assertTrue(read(write("y.csv", "time,value\n1960,1\n1961,2\n1962,3\n")).timeFormat().isSteps());
    }

    /**
     * A row of units under the header ({@code ,USD,count} under {@code date,sales,visits}), as statistics exports
     * write them: left out with a note; it stopped with "column 'date' is empty" on line 2. A row with no time whose
     * fields are numbers is still that error.
     */
    @Test
    void aRowOfUnitsUnderTheHeaderIsLeftOut() throws IOException {
        SeriesData d = read(write("u.csv", "date,revenue,visits\n,USD,count\n2024-01-01,1,2\n2024-01-02,3,4\n"
                + "2024-01-03,5,6\n"));
        assertEquals(List.of("revenue", "visits"), d.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{2, 4, 6}, d.series().get(1).values(), 0);
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("row of units")), d.notes().toString());
        SeriesData one = read(write("u1.csv", "date,sales\n,%\n2024-01-01,1\n2024-01-02,3\n"));
        assertArrayEquals(new double[]{1, 3}, one.series().get(0).values(), 0);
        DataException e = assertThrows(DataException.class,
                () -> read(write("e.csv", "date,sales,visits\n,1,2\n2024-01-01,1,2\n2024-01-02,3,4\n")));
        assertTrue(e.getMessage().contains("is empty"), e.getMessage());
    }

    /**
     * A long file's time column named as a time beyond the usual names (order_date, OrderDate, ts, created_ts,
     * week_ending) is found; it stopped with "no time column recognised". A wide file's series named Update stays
     * a series.
     */
    @Test
    void timeColumnsNamedAsTimesAreFound() throws IOException {
        for (String time : List.of("order_date", "OrderDate", "ts", "created_ts", "week_ending", "Invoice Date")) {
            SeriesData d = read(write("t.csv", "store_id," + time + ",amount\na,2024-01-01,1\nb,2024-01-01,2\n"
                    + "a,2024-01-02,3\nb,2024-01-02,4\n"));
            assertEquals(SeriesData.Layout.LONG, d.layout(), time);
            assertArrayEquals(new double[]{2, 4}, d.series().get(1).values(), 0, time);
        }
        SeriesData wide = read(write("w.csv", "when,Update,Other\n2024-01-01,1,2\n2024-01-02,3,4\n"));
        assertEquals(List.of("Update", "Other"), wide.series().stream().map(TimeSeries::id).toList());
    }

    /**
     * Lines above a CSV file's table, as reports export them (a title, the date it was made, Excel's {@code sep=;}
     * line): lines whose only text is in their first field before the header are left out with a note, and every
     * later line keeps its number in messages. A header whose first field alone is empty (pandas' index) stays the
     * header; a file of one column is no table with a title.
     */
    @Test
    void titleLinesAboveACsvTableAreLeftOut() throws IOException {
        SeriesData titled = read(write("t.csv", "Monthly sales report\nGenerated 2024-04-05\n\nmonth,sales\n"
                + "2024-01,1\n2024-02,2\n2024-03,3\n"));
        assertArrayEquals(new double[]{1, 2, 3}, titled.series().get(0).values(), 0);
        assertEquals("2 lines above the table (a title or a note) left out", titled.notes().get(0));
        SeriesData wide = read(write("w.csv", "\"Sales, by region\",,\n,,\nmonth,north,south\n2024-01,1,2\n2024-02,3,4\n"));
        assertEquals(List.of("north", "south"), wide.series().stream().map(TimeSeries::id).toList());
        SeriesData sep = read(write("s.csv", "sep=;\nmonth;sales\n2024-01;1,5\n2024-02;2,5\n"));
        assertArrayEquals(new double[]{1.5, 2.5}, sep.series().get(0).values(), 0);
        assertEquals("t.csv:6: column 'sales': 'x' is not a number", assertThrows(DataException.class,
                () -> read(write("t.csv", "Report\n\nmonth,sales\n2024-01,1\n2024-02,2\n2024-03,x\n"))).getMessage());
        SeriesData pandas = read(write("p.csv", ",sales\n2024-01-01,5\n2024-01-02,6\n"));
        assertTrue(pandas.notes().stream().noneMatch(n -> n.contains("above the table")), pandas.notes().toString());
        assertArrayEquals(new double[]{5, 6}, pandas.series().get(0).values(), 0);
        assertTrue(assertThrows(DataException.class, () -> read(write("one.csv", "sales\n1\n2\n3\n"))).getMessage()
                .startsWith("one.csv:1: expected at least a time and a value column"));
    }

    /**
     * A bike share's trips, as Citi Bike and Divvy export them: no column is named as a time, so the first whose first
     * value is a date is the time (a duration, a number, never is), with a note; counted per day, the rows need no
     * value column (each counts once), and the other columns are left unread; a till's export counted per customer
     * the same, its transaction type not taken for a value. A file of one other column keeps it as the value counted.
     */
    @Test
    void tripsAreCountedByTheFirstColumnOfDates() throws IOException {
        String citi = "\"tripduration\",\"starttime\",\"stoptime\",\"bikeid\",\"usertype\"\n"
                + "634,\"2024-01-01 00:09:00\",\"2024-01-01 00:19:34\",17,\"Subscriber\"\n"
                + "1200,\"2024-01-01 08:00:00\",\"2024-01-01 08:20:00\",18,\"Customer\"\n"
                + "95,\"2024-01-02 10:00:00\",\"2024-01-02 10:01:35\",17,\"Subscriber\"\n"
                + "300,\"2024-01-03 23:55:00\",\"2024-01-04 00:00:00\",19,\"Subscriber\"\n"
                + "310,\"2024-01-03 23:55:00\",\"2024-01-04 00:00:10\",20,\"Subscriber\"\n"
                + "45,\"2024-01-03 23:57:00\",\"2024-01-03 23:57:45\",21,\"Customer\"\n";
        SeriesData trips = new CsvSeriesReader(CsvOptions.defaults().withFrequency(Frequency.DAILY))
                .withAggregation(Aggregation.COUNT).read(write("citibike.csv", citi));
        assertEquals(SeriesData.Layout.SINGLE, trips.layout());
        assertEquals("starttime", trips.timeColumn());
        assertArrayEquals(new double[]{2, 1, 3}, trips.series().get(0).values(), 0);
        assertTrue(trips.notes().contains("read column 'starttime' as the time: no column is named as one, and its "
                + "values are the first that are dates (--time-column names another)"), trips.notes().toString());
        // not counted, two trips start in the same minute: an error that says so (the command line adds how to
        // aggregate)
        DataException e = assertThrows(DataException.class, () -> read(write("citibike2.csv", citi)));
        assertTrue(e.getMessage().contains("their times repeat: citibike2.csv:6: duplicate time"), e.getMessage());

        // a ride's id, each on one row, is a row's key, not a series' id
        StringBuilder divvy = new StringBuilder("ride_id,rideable_type,started_at,ended_at,member_casual\n");
        for (int i = 0; i < 12; i++) {
            divvy.append("A").append(i).append(i % 2 == 0 ? ",classic_bike," : ",electric_bike,")
                    .append(String.format("2024-05-0%d %02d:00:00,2024-05-0%d %02d:30:00", 1 + i / 5, 6 + i, 1 + i / 5,
                            6 + i)).append(",member\n");
        }
        SeriesData rides = new CsvSeriesReader(CsvOptions.defaults().withFrequency(Frequency.DAILY))
                .withAggregation(Aggregation.COUNT).read(write("divvy.csv", divvy.toString()));
        assertEquals("started_at", rides.timeColumn());
        assertEquals(1, rides.series().size());
        // the rides end at 17:00 on the last day, a part of it, which is left out as every aggregation's is
        assertArrayEquals(new double[]{5, 5}, rides.series().get(0).values(), 0);
        assertTrue(rides.notes().stream().anyMatch(n -> n.startsWith("left out the last period")), rides.notes()::toString);

        String till = "\"Date\",\"Transaction Type\",\"Num\",\"Name\",\"Amount\"\n"
                + "\"2024-01-01\",\"Invoice\",\"1000\",\"Cust 1\",\"3,656.78\"\n"
                + "\"2024-01-01\",\"Invoice\",\"1001\",\"Cust 1\",\"455.97\"\n"
                + "\"2024-01-02\",\"Payment\",\"1002\",\"Cust 2\",\"12.00\"\n"
                + "\"2024-01-02\",\"Invoice\",\"1003\",\"Cust 1\",\"7.00\"\n"
                + "\"2024-01-03\",\"Invoice\",\"1004\",\"Cust 2\",\"8.00\"\n"
                + "\"2024-01-04\",\"Invoice\",\"1005\",\"Cust 1\",\"1.00\"\n";
        SeriesData invoices = new CsvSeriesReader(CsvOptions.defaults()).withAggregation(Aggregation.COUNT)
                .read(write("till.csv", till));
        assertEquals(List.of("Cust 1", "Cust 2"), invoices.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{2, 1, 0, 1}, invoices.series().get(0).values(), 0);

        // events at no regular step (five sales over a day, two a minute apart) are not read as a minutely series
        // of 1,440 steps nearly all filled in: the message says to count or sum them per period
        e = assertThrows(DataException.class, () -> read(write("sales.csv", "time,amount\n2024-01-01 00:00,5\n"
                + "2024-01-01 00:01,7\n2024-01-01 03:17,1\n2024-01-01 11:45,2\n2024-01-01 23:59,3\n")));
        assertEquals("sales.csv:2: series 'series' has times at no regular step: at minutely steps it would be "
                + "forecast from 1435 filled gap steps among its 5 values; count or sum its rows per period (--aggregate "
                + "with --frequency)", e.getMessage());

        // a travel time in minutes is a number, not the time: the arrival's date is
        SeriesData legs = read(write("legs.csv", "travel_time,arrival_time,km\n12,2024-02-01 08:00,3\n"
                + "30,2024-02-02 08:00,9\n25,2024-02-03 08:00,7\n"));
        assertEquals("arrival_time", legs.timeColumn());
        assertEquals(Frequency.DAILY, legs.frequency());
        assertEquals(List.of("travel_time", "km"), legs.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{12, 30, 25}, legs.series().get(0).values(), 0);
    }

    /**
     * {@code --aggregate}: the rows of a series in one period become one value. Transactions summed per day (rows at
     * one time combined; a day without rows is 0), per month with the frequency given (a last month that the rows
     * end within is left out: its sum would be part of one), counted, averaged (a month without rows is then a
     * missing value, filled by the policy), the last of each week (ISO weeks, from Monday), per series of a long
     * file; missing values are left out of each period's value.
     */
    @Test
    void rowsAreAggregatedPerPeriod() throws IOException {
        Path tx = write("tx.csv", "date,amount\n2024-01-01,5\n2024-01-01,7\n2024-01-02,1\n2024-01-04,2\n"
                + "2024-01-04,NA\n2024-01-04,3\n");
        SeriesData daily = new CsvSeriesReader(CsvOptions.defaults()).withAggregation(Aggregation.SUM).read(tx);
        assertEquals(Frequency.DAILY, daily.frequency());
        assertArrayEquals(new double[]{12, 1, 0, 5}, daily.series().get(0).values(), 0);
        assertEquals("aggregated 6 rows of 1 series into 3 sums (one per time); 1 period without rows made 0",
                daily.notes().get(0));
        SeriesData counts = new CsvSeriesReader(CsvOptions.defaults()).withAggregation(Aggregation.COUNT).read(tx);
        assertArrayEquals(new double[]{2, 1, 0, 2}, counts.series().get(0).values(), 0);

        StringBuilder days = new StringBuilder("store,date,sales\n");
        for (String store : List.of("a", "b")) {
            for (java.time.LocalDate d = java.time.LocalDate.of(2024, 1, 1); d.isBefore(java.time.LocalDate.of(2024,
                    store.equals("a") ? 4 : 5, store.equals("a") ? 1 : 10)); d = d.plusDays(1)) {
                if (d.getMonthValue() != 2) {   // no rows in February
                    days.append(store).append(',').append(d).append(",1\n");
                }
            }
        }
        Path panel = write("days.csv", days.toString());
        // the rows of every time repeat (per store): the store column is given, as aggregation leaves no repeat
        SeriesData monthly = new CsvSeriesReader(CsvOptions.defaults().withColumns("store", null, null)
                .withFrequency(Frequency.MONTHLY)).withAggregation(Aggregation.SUM).read(panel);
        assertArrayEquals(new double[]{31, 0, 31}, monthly.series().get(0).values(), 0);
        assertArrayEquals(new double[]{31, 0, 31, 30}, monthly.series().get(1).values(), 0);   // 1-9 May left out
        assertEquals(LocalDateTime.of(2024, 4, 1, 0, 0), monthly.series().get(1).time(3));
        assertTrue(monthly.notes().contains("left out the last period of 1 series, which their rows end within "
                + "(series 'b': rows end 2024-05-09, in the period from 2024-05-01): its sum would count only part of "
                + "it, and the forecast starts there"), monthly.notes().toString());
        SeriesData means = new CsvSeriesReader(CsvOptions.defaults().withColumns("store", null, null)
                .withFrequency(Frequency.MONTHLY)).withAggregation(Aggregation.MEAN).read(panel);
        assertArrayEquals(new double[]{1, 1, 1}, means.series().get(0).values(), 0);   // February interpolated
        assertTrue(means.notes().stream().anyMatch(n -> n.contains("interpolated 1 gap step")), means.notes().toString());
        assertEquals(5, means.series().get(1).length(), "a mean of part of a month stays");

        SeriesData weeks = new CsvSeriesReader(CsvOptions.defaults().withFrequency(Frequency.WEEKLY))
                .withAggregation(Aggregation.LAST).read(write("w.csv", "date,stock\n2024-01-03,5\n2024-01-07,4\n"
                        + "2024-01-08,9\n2024-01-12,8\n2024-01-16,7\n"));
        assertArrayEquals(new double[]{4, 8, 7}, weeks.series().get(0).values(), 0);
        assertEquals(LocalDateTime.of(2024, 1, 1, 0, 0), weeks.series().get(0).time(0));   // the ISO week's Monday
        // weekly rows summed per week: the last week is whole (what is left of it after its row is one spacing)
        SeriesData weekly = new CsvSeriesReader(CsvOptions.defaults().withFrequency(Frequency.WEEKLY))
                .withAggregation(Aggregation.SUM).read(write("w.csv", "date,sales\n2024-01-01,1\n2024-01-08,2\n"
                        + "2024-01-15,3\n"));
        assertArrayEquals(new double[]{1, 2, 3}, weekly.series().get(0).values(), 0);
        SeriesData max = new CsvSeriesReader(CsvOptions.defaults().withFrequency(Frequency.WEEKLY))
                .withAggregation(Aggregation.MAX).read(write("w.csv", "date,t\n2024-01-03,5\n2024-01-07,4\n"
                        + "2024-01-08,9\n"));
        assertArrayEquals(new double[]{5, 9}, max.series().get(0).values(), 0);
        assertThrows(IllegalArgumentException.class, () -> Aggregation.parse("total"));
        assertEquals(LocalDateTime.of(2024, 4, 1, 0, 0), Aggregation.periodStart(LocalDateTime.of(2024, 6, 30, 23, 59),
                Frequency.QUARTERLY));
        assertEquals(LocalDateTime.of(2024, 6, 30, 0, 0), Aggregation.periodStart(LocalDateTime.of(2024, 5, 2, 8, 0),
                Frequency.QUARTERLY.atMonthEnds()));
        assertEquals(LocalDateTime.of(2024, 1, 1, 13, 45), Aggregation.periodStart(LocalDateTime.of(2024, 1, 1, 13, 59),
                Frequency.parse("15min")));
    }

    @Test
    void integersThatAreNoDateStayIntegerSteps() throws IOException {
        for (String first : new String[]{"100001", "202413", "12345678", "20240230"}) {
            long k = Long.parseLong(first);
            SeriesData d = read(write("s.csv", "t,y\n" + k + ",1\n" + (k + 1) + ",2\n"));
            assertEquals(Frequency.STEPS, d.frequency(), first);
        }
    }

    /**
     * Month-end dates are read as monthly data at month ends, also where --frequency says monthly, and a gap is
     * filled with the missing month's last day; a series on the first of each month in the same file does not fit.
     */
    @Test
    void monthEndDatesAreRead() throws IOException {
        Path p = write("eom.csv", "unique_id,ds,y\na,2023-11-30,1\na,2023-12-31,2\na,2024-01-31,3\na,2024-03-31,5\n"
                + "b,2023-12-01,1\nb,2024-01-01,2\n");
        for (SeriesData d : java.util.List.of(read(p), new CsvSeriesReader(CsvOptions.defaults()
                .withFrequency(Frequency.MONTHLY)).read(p))) {
            assertEquals(Frequency.MONTHLY.atMonthEnds(), d.frequency());
            TimeSeries a = d.series().get(0);
            assertArrayEquals(new double[]{1, 2, 3, 4, 5}, a.values(), 1e-12);   // 29 February filled
            assertEquals(LocalDateTime.of(2024, 2, 29, 0, 0), a.time(3));
            assertEquals("2024-04-30", d.timeFormat().format(d.frequency().add(a.time(4), 1)));
            assertEquals(java.util.List.of(new SeriesData.Skipped("b", "eom.csv:7: series 'b': the time does not fit "
                    + "the monthly at month ends frequency of the data (expected 2024-01-31)")), d.skipped());
        }
    }

    /**
     * A column named as an id ({@code store_id}, {@code StoreID}, {@code productId}) names the series; a file read
     * as one series whose times repeat is read again by the columns left unread (the first, else the first two or
     * three), and where none names the series, says which column may; {@code --id-column} may list several.
     */
    @Test
    void idLikeColumnsNameTheSeries() throws IOException {
        for (String id : new String[]{"store_id", "StoreID", "productId"}) {
            SeriesData d = read(write("s.csv", id + ",date,sales\n1,2024-01-01,5\n2,2024-01-01,7\n1,2024-01-02,6\n"
                    + "2,2024-01-02,8\n"));
            assertEquals(SeriesData.Layout.LONG, d.layout(), id);
            assertEquals(id, d.idColumn());
            assertArrayEquals(new double[]{7, 8}, d.series().get(1).values(), 0);
        }
        // a column not named as an id: the file read as one series repeats its times, so the column left unread
        // names the series, and a note says so
        SeriesData stores = read(write("store.csv", "store,date,sales\nNorth,2024-01-01,5\nSouth,2024-01-01,7\n"
                + "North,2024-01-02,6\nSouth,2024-01-02,8\nNorth,2024-01-03,7\nSouth,2024-01-03,9\n"));
        assertEquals(SeriesData.Layout.LONG, stores.layout());
        assertEquals("store", stores.idColumn());
        assertEquals(List.of("North", "South"), stores.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{7, 8, 9}, stores.series().get(1).values(), 0);
        assertEquals("read column 'store' as the series' id (read as one series, the file's times repeat)",
                stores.notes().get(0));
        // where that column does not name the series either (two rows of one store at one time), the rows are
        // transactions, said with no remedy (a front end says how to combine them), not that the column may name the
        // series; and a stream, which cannot be read twice, keeps the hint
        String twice = "store,date,sales\n1,2024-01-01,5\n1,2024-01-01,7\n";
        DataException e = assertThrows(DataException.class, () -> read(write("twice.csv", twice)));
        assertEquals("twice.csv:3: duplicate time in series 'series' (also on line 2); the times repeat within column "
                + "'store' too", e.getMessage());
        assertNull(e.remedy());
        DataException s = assertThrows(DataException.class, () -> new CsvSeriesReader(CsvOptions.defaults()).read(
                new java.io.ByteArrayInputStream("store,date,sales\n1,2024-01-01,5\n2,2024-01-01,7\n"
                        .getBytes(StandardCharsets.UTF_8)), "stdin"));
        assertEquals("stdin:3: duplicate time in series 'series' (also on line 2); if column 'store' names the "
                + "series, give the id column", s.getMessage());
        // "Madrid" is a series of a wide file, not an id
        assertEquals(SeriesData.Layout.WIDE, read(write("w.csv", "date,Madrid,Paris\n2024-01-01,1,2\n2024-01-02,3,4\n"))
                .layout());
        // series named by two columns (a store and an item, as Kaggle's store-item demand file): where the times
        // repeat by the first unread column too, by the first two, joined as series in rows are
        StringBuilder items = new StringBuilder("date,store,item,sales\n");
        for (int day = 1; day <= 3; day++) {
            for (int store = 1; store <= 2; store++) {
                for (int item = 1; item <= 3; item++) {
                    items.append("2024-01-0").append(day).append(',').append(store).append(',').append(item).append(',')
                            .append(100 * store + 10 * item + day).append('\n');
                }
            }
        }
        SeriesData pairs = read(write("items.csv", items.toString()));
        assertEquals(SeriesData.Layout.LONG, pairs.layout());
        assertEquals("store/item", pairs.idColumn());
        assertEquals(List.of("1 / 1", "1 / 2", "1 / 3", "2 / 1", "2 / 2", "2 / 3"),
                pairs.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{221, 222, 223}, pairs.series().get(4).values(), 0);
        assertEquals("read columns 'store' and 'item' as the series' id (read as one series, the file's times repeat)",
                pairs.notes().get(0));
        // a store's rows at one time told apart by a measure (a price, one of them the same every day) are no series
        // of store and price (most would have one value): the error stands
        StringBuilder priced = new StringBuilder("date,store,price,sales\n");
        for (int day = 1; day <= 6; day++) {
            for (int store = 1; store <= 2; store++) {
                priced.append("2024-01-0").append(day).append(',').append(store).append(",9.").append(store)
                        .append(",1\n").append("2024-01-0").append(day).append(',').append(store).append(",8.")
                        .append(day).append(store).append(",2\n");
            }
        }
        DataException byPrice = assertThrows(DataException.class, () -> read(write("priced.csv", priced.toString())));
        assertEquals("priced.csv:3: duplicate time in series 'series' (also on line 2); if column 'store' names the "
                + "series, give the id column", byPrice.getMessage());
        assertEquals(DataException.Remedy.ID_COLUMN, byPrice.remedy());
        // the same rows with an order number: the way back to that column as the id ends where the option goes,
        // named once
        StringBuilder ordered = new StringBuilder("order_id,");
        String[] lines = priced.toString().split("\n");
        ordered.append(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            ordered.append(1000 + i).append(',').append(lines[i]).append('\n');
        }
        DataException byOrder = assertThrows(DataException.class, () -> read(write("ordered.csv", ordered.toString())));
        assertEquals("ordered.csv:3: duplicate time in series 'series' (also on line 2); if column 'store' names the "
                + "series, give the id column; column 'order_id', each of whose values is on one row, was not read as "
                + "the series' id: if it is, give it", byOrder.getMessage());
        assertEquals(DataException.Remedy.ID_COLUMN, byOrder.remedy());
        // rows of transactions whose times repeat within the first three unread columns (a till's sales: branch,
        // city and customer type beside each sale)
        StringBuilder sales = new StringBuilder("branch,city,customer,date,total\n");
        for (int i = 0; i < 12; i++) {
            sales.append("A,Yangon,Member,2019-01-0").append(1 + i / 4).append(',').append(10 + i).append('\n');
        }
        Path tillFile = write("till.csv", sales.toString());
        DataException till = assertThrows(DataException.class, () -> new CsvSeriesReader(CsvOptions.defaults()
                .withColumns(null, null, "total")).read(tillFile));
        assertEquals("till.csv:3: duplicate time in series 'series' (also on line 2); the times repeat within columns "
                + "'branch', 'city' and 'customer' too", till.getMessage());
        assertNull(till.remedy());
        // given: --id-column store,item, the value the first other column
        SeriesData given = new CsvSeriesReader(CsvOptions.defaults().withColumns("store,item", null, null))
                .read(write("given.csv", "store,item,date,qty\na,x,2024-01-01,1\na,y,2024-01-01,2\na,x,2024-01-02,3\n"
                        + "a,y,2024-01-02,4\n"));
        assertEquals(List.of("a / x", "a / y"), given.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{2, 4}, given.series().get(1).values(), 0);
        DataException none = assertThrows(DataException.class, () -> new CsvSeriesReader(CsvOptions.defaults()
                .withColumns("store,aisle", null, null)).read(write("given.csv", "store,item,date,qty\na,x,2024-01-01,1\n")));
        assertTrue(none.getMessage().contains("no id column 'aisle'"), none.getMessage());
        DataException empty = assertThrows(DataException.class, () -> new CsvSeriesReader(CsvOptions.defaults()
                .withColumns("store,item", null, null)).read(write("given.csv", "store,item,date,qty\na,,2024-01-01,1\n")));
        assertEquals("given.csv:2: column 'item' (a part of the series id) is empty", empty.getMessage());
    }

    /**
     * A column named as an id each of whose values is on one row ({@code order_id} in a file of transactions) is a
     * row's key, not a series' name: the file is read as if it did not have it, with a note; where that reading
     * fails, its problem says how to give the column as the id after all.
     */
    @Test
    void rowKeysNameNoSeries() throws IOException {
        StringBuilder orders = new StringBuilder("order_id,order_date,store,amount\n");
        StringBuilder single = new StringBuilder("order_id,order_date,amount\n");
        double[] north = new double[4];
        double[] all = new double[4];
        int id = 5001;
        for (int day = 1; day <= 4; day++) {
            for (int k = 0; k < 4; k++, id++) {
                String store = k % 2 == 0 ? "north" : "south";
                double amount = 10 * day + k + 0.5;
                orders.append(id).append(",2024-01-0").append(day).append(',').append(store).append(',').append(amount)
                        .append('\n');
                single.append(id).append(",2024-01-0").append(day).append(',').append(amount).append('\n');
                north[day - 1] += store.equals("north") ? amount : 0;
                all[day - 1] += amount;
            }
        }
        CsvSeriesReader summing = new CsvSeriesReader(CsvOptions.defaults()).withAggregation(Aggregation.SUM);
        String note = "column 'order_id' is not the series' id: each of its values is on one row (a row's key, as an "
                + "order number); read without it";
        SeriesData byStore = summing.read(write("orders.csv", orders.toString()));
        assertEquals(SeriesData.Layout.LONG, byStore.layout());
        assertEquals("store", byStore.idColumn());
        assertEquals(List.of("north", "south"), byStore.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(north, byStore.series().get(0).values(), 1e-9);
        assertEquals(note, byStore.notes().get(0));
        SeriesData one = summing.read(write("single.csv", single.toString()));
        assertEquals(SeriesData.Layout.SINGLE, one.layout());
        assertEquals(1, one.series().size());
        assertArrayEquals(all, one.series().get(0).values(), 1e-9);
        assertEquals(note, one.notes().get(0));
        assertFalse(one.notes().stream().anyMatch(n -> n.startsWith("ignored column")), one.notes().toString());
        // not aggregated, the orders of a day repeat its time: that problem, and how to read the column as the id
        DataException rows = assertThrows(DataException.class, () -> read(write("single.csv", single.toString())));
        assertTrue(rows.getMessage().startsWith("single.csv:3: duplicate time in series 'series' (also on line 2); "
                + "column 'order_id', each of whose values is on one row, was not read as the series' id: if it is, "
                + "give it with --id-column"), rows.getMessage());
        // given as the id, a column is the id; a stream, read once, keeps the id its name says; and a short file's
        // (fewer than ten rows) unique ids are ids
        SeriesData given = new CsvSeriesReader(CsvOptions.defaults().withFrequency(Frequency.DAILY)
                .withColumns("order_id", null, null)).read(write("single.csv", single.toString()));
        assertEquals(16, given.series().size());
        SeriesData stream = new CsvSeriesReader(CsvOptions.defaults().withFrequency(Frequency.DAILY)).read(
                new java.io.ByteArrayInputStream(single.toString().getBytes(StandardCharsets.UTF_8)), "stdin");
        assertEquals(16, stream.series().size());
        String shortFile = single.substring(0, single.indexOf("5010,"));
        assertEquals(9, new CsvSeriesReader(CsvOptions.defaults().withFrequency(Frequency.DAILY))
                .read(write("short.csv", shortFile)).series().size());
    }

    /**
     * Series in rows, times across the header, as reports and pivot tables have them and as the forecasting
     * competitions ship their files: dates or period labels after one to three label columns, or a header that
     * counts steps (V1,V2,... over ids that are no times; id,1,2,...). A shorter series' row ends in empty fields; a
     * row with a value that is no number loses its series, not the file; a wide file stays wide.
     */
    @Test
    void seriesInRowsWithTimesAcrossTheHeader() throws IOException {
        SeriesData d = read(write("report.csv", "store,2024-01,2024-02,2024-03,2024-04,2024-05,2024-06\n"
                + "North,10,12,13,12,14,15\nSouth,,5,6,7,,9\nEast,1,2,3,4,x,6\nWest,3,4,5,,,\n"));
        assertEquals(SeriesData.Layout.ROWS, d.layout());
        assertEquals(Frequency.MONTHLY, d.frequency());
        assertEquals("store", d.idColumn());
        assertEquals(List.of("North", "South", "West"), d.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{10, 12, 13, 12, 14, 15}, d.series().get(0).values(), 0);
        // South starts in February; its missing May is a gap, filled as any
        assertEquals(LocalDateTime.of(2024, 2, 1, 0, 0), d.series().get(1).time(0));
        assertArrayEquals(new double[]{5, 6, 7, 8, 9}, d.series().get(1).values(), 1e-12);
        assertArrayEquals(new double[]{3, 4, 5}, d.series().get(2).values(), 0);
        assertEquals(List.of("East"), d.skipped().stream().map(SeriesData.Skipped::id).toList());
        assertTrue(d.skipped().get(0).reason().startsWith("report.csv:4: column '2024-05': "), d.skipped().toString());
        assertEquals("read one series per row, the times across the header ('2024-01' to '2024-06')", d.notes().get(0));
        assertEquals("2024-07", d.timeFormat().format(LocalDateTime.of(2024, 7, 1, 0, 0)));

        SeriesData pivot = read(write("pivot.csv", "region,store,Q1 2024,Q2 2024,Q3 2024\nEast,North,1,2,3\n"
                + "West,North,4,5,6\n"));
        assertEquals(Frequency.QUARTERLY, pivot.frequency());
        assertEquals("region/store", pivot.idColumn());
        assertEquals(List.of("East / North", "West / North"), pivot.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{4, 5, 6}, pivot.series().get(1).values(), 0);

        // the competitions' files: V1 names the series, V2.. count steps; rows end early where a series does
        SeriesData m4 = read(write("m4.csv", "\"V1\",\"V2\",\"V3\",\"V4\",\"V5\"\n\"Y1\",5172.1,5133.5,5186.9,"
                + "5084.6\n\"Y2\",2070,2104,,\n"));
        assertEquals(SeriesData.Layout.ROWS, m4.layout());
        assertTrue(m4.timeFormat().isSteps());
        assertEquals(List.of("Y1", "Y2"), m4.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{2070, 2104}, m4.series().get(1).values(), 0);
        assertEquals(3, m4.series().get(1).step(1));
        SeriesData ids = read(write("ids.csv", "id,1,2,3\na,1,2,3\nb,4,5,6\n"));
        assertEquals(SeriesData.Layout.ROWS, ids.layout());
        assertArrayEquals(new double[]{4, 5, 6}, ids.series().get(1).values(), 0);

        // series named by numbers in a wide file, and a wide file of integer steps, stay wide
        assertEquals(SeriesData.Layout.WIDE, read(write("w.csv", "date,2019,2020\n2024-01-01,1,2\n2024-01-02,3,4\n"))
                .layout());
        assertEquals(SeriesData.Layout.WIDE, read(write("w.csv", "t,s1,s2\n1,1,2\n2,3,4\n")).layout());
    }

    /**
     * A year and a period in two columns, as statistics offices publish them (year,month,sales with month numbers or
     * names; Year,Quarter with Q1; store,year,week,units): the time is the two together, written back as an ISO
     * month, quarter label or ISO week; a column named as part of a time never becomes a series id.
     */
    @Test
    void aYearAndAPeriodInTwoColumnsMakeTheTime() throws IOException {
        StringBuilder ym = new StringBuilder("year,month,sales\n");
        StringBuilder names = new StringBuilder("Year,Month,Sales\n");
        String[] months = {"January", "Feb", "March", "Apr", "May", "June", "July", "Aug", "Sept", "October", "Nov",
                "December"};
        for (int i = 0; i < 24; i++) {
            ym.append(2022 + i / 12).append(',').append(i % 12 + 1).append(',').append(100 + i).append('\n');
            names.append(2022 + i / 12).append(',').append(months[i % 12]).append(',').append(100 + i).append('\n');
        }
        for (String file : List.of(ym.toString(), names.toString())) {
            SeriesData d = read(write("ym.csv", file));
            assertEquals(SeriesData.Layout.SINGLE, d.layout());
            assertEquals(Frequency.MONTHLY, d.frequency());
            assertEquals(24, d.series().get(0).length());
            assertEquals(LocalDateTime.of(2023, 12, 1, 0, 0), d.series().get(0).time(23));
            assertEquals("2024-01", d.timeFormat().format(LocalDateTime.of(2024, 1, 1, 0, 0)));
        }
        SeriesData q = read(write("q.csv", "Year,Quarter,north,south\n2023,Q3,1,2\n2023,Q4,3,4\n2024,Q1,5,6\n"));
        assertEquals(SeriesData.Layout.WIDE, q.layout());
        assertEquals(Frequency.QUARTERLY, q.frequency());
        assertEquals(List.of("north", "south"), q.series().stream().map(TimeSeries::id).toList());
        assertEquals(LocalDateTime.of(2024, 1, 1, 0, 0), q.series().get(1).time(2));
        StringBuilder weeks = new StringBuilder("store,year,week,units\n");
        for (String store : List.of("a", "b")) {
            for (int i = 0; i < 60; i++) {
                weeks.append(store).append(',').append(2023 + i / 52).append(',').append(i % 52 + 1).append(',')
                        .append(10 + i % 5).append('\n');
            }
        }
        SeriesData w = read(write("w.csv", weeks.toString()));
        assertEquals(Frequency.WEEKLY, w.frequency());
        assertEquals(List.of("a", "b"), w.series().stream().map(TimeSeries::id).toList());
        assertEquals(60, w.series().get(1).length());
        // two columns besides the time, one of names: the names are the series, the other their values
        SeriesData units = read(write("u.csv", "date,region,units\n2024-01-01,east,1\n2024-01-01,west,2\n"
                + "2024-02-01,east,3\n2024-02-01,west,4\n2024-03-01,east,5\n2024-03-01,west,6\n"));
        assertEquals(SeriesData.Layout.LONG, units.layout());
        assertEquals(List.of("east", "west"), units.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{2, 4, 6}, units.series().get(1).values(), 0);
        assertEquals("read column 'region' as the series' id (its values are names, not numbers) and 'units' as their "
                + "values", units.notes().get(0));
        // a wide file of two measures stays wide, a number written 1e3 included
        SeriesData measures = read(write("m2.csv", "date,units,revenue\n2024-01-01,1e3,2\n2024-02-01,3,4\n"));
        assertEquals(SeriesData.Layout.WIDE, measures.layout());
        assertEquals(2, measures.series().size());
        // a month that is no month is named, with its year
        assertEquals("m.csv:3: column 'month': '2024 13' is not a time in the format of the first rows (month)",
                assertThrows(DataException.class, () -> read(write("m.csv",
                        "year,month,sales\n2024,1,5\n2024,13,6\n2024,2,7\n"))).getMessage());
        // day beside year is no series id: the repeated times stay an error
        String dayMessage = assertThrows(DataException.class, () -> read(write("d.csv", "year,day,sales\n2024,1,5\n"
                + "2024,2,6\n2025,1,7\n"))).getMessage();
        assertTrue(dayMessage.startsWith("d.csv:3: duplicate time in series 'series'"), dayMessage);
    }

    /**
     * What spreadsheets and downloaded statistics put around a table: empty fields at the end of every line (columns
     * once used), and lines below it (a source, a note, a total) that are not rows of it, left out with a note while
     * no row follows them; a mistaken row at the end is still an error.
     */
    @Test
    void emptyColumnsAndLinesBelowTheTableAreLeftOut() throws IOException {
        StringBuilder body = new StringBuilder();
        StringBuilder paddedBody = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            String row = String.format(java.util.Locale.ROOT, "2024-%02d-01,%d", i + 1, 100 + i);
            body.append(row).append('\n');
            paddedBody.append(row).append(",,,\n");
        }
        SeriesData padded = read(write("padded.csv", "date,sales,,,\n" + paddedBody));
        assertEquals(12, padded.series().get(0).length());
        assertEquals(SeriesData.Layout.SINGLE, padded.layout());
        String rows = body.toString();
        SeriesData sourced = read(write("sourced.csv", "date,sales\n" + rows + "\nSource: sales system, "
                + "extracted 2025-01-05\nNote: provisional\n"));
        assertEquals(12, sourced.series().get(0).length());
        assertTrue(sourced.notes().contains("left out 2 lines from line 15 below the table ('Source: sales system'), "
                + "not rows of it"), sourced.notes().toString());
        SeriesData total = read(write("total.csv", "date,north,south\n2024-01-01,1,2\n2024-02-01,3,4\n"
                + "2024-03-01,5,6\nTotal,9,12\n"));
        assertEquals(3, total.series().get(0).length());
        assertTrue(total.notes().contains("left out line 5 below the table ('Total'), not a row of it"),
                total.notes().toString());
        // in a long file, lines of another width below the rows
        SeriesData longSourced = read(write("long.csv", "unique_id,ds,y\na,2024-01-01,1\na,2024-02-01,2\n"
                + "b,2024-01-01,3\nb,2024-02-01,4\n\nSource: x\n"));
        assertEquals(2, longSourced.series().size());
        assertTrue(longSourced.notes().contains("left out line 7 below the table ('Source: x'), not a row of it"),
                longSourced.notes().toString());
        // a total with rows below it is a subtotal, left out with a note; a row below other lines makes them an error;
        // so does a mistaken date with its value
        SeriesData subtotal = read(write("sub.csv", "date,north,south\n2024-01-01,1,2\n2024-02-01,3,4\n"
                + "Total,4,6\n2024-03-01,5,6\n"));
        assertArrayEquals(new double[]{1, 3, 5}, subtotal.series().get(0).values(), 0);
        assertEquals("late.csv:4: column 'date': 'Source: x' is not a time in the format of the first rows (date)",
                assertThrows(DataException.class, () -> read(write("late.csv", "date,north,south\n2024-01-01,1,2\n"
                        + "2024-02-01,3,4\nSource: x,,\n2024-03-01,5,6\n"))).getMessage());
        assertEquals("typo.csv:4: column 'date': '2024-13-01' is not a time in the format of the first rows (date)",
                assertThrows(DataException.class, () -> read(write("typo.csv", "date,north,south\n2024-01-01,1,2\n"
                        + "2024-02-01,3,4\n2024-13-01,5,6\n"))).getMessage());
    }

    /**
     * A column named as a date whose values are whole numbers of 20000 to 80000 holds a spreadsheet's serial dates
     * (cells that lost their date format on the way to the file): read as those dates, with a note, and the forecasts
     * dated as ISO dates; other whole numbers, other columns' and a given --time-format steps stay steps.
     */
    @Test
    void spreadsheetSerialDatesAreReadAsDates() throws IOException {
        StringBuilder serial = new StringBuilder("Date,Sales\n");
        StringBuilder steps = new StringBuilder("step,Sales\n");
        for (int i = 0; i < 24; i++) {
            long days = java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.of(1899, 12, 30),
                    java.time.LocalDate.of(2022, 1, 1).plusMonths(i));
            serial.append(days).append(',').append(100 + i).append('\n');
            steps.append(44562 + i).append(',').append(100 + i).append('\n');
        }
        SeriesData d = read(write("serial.csv", serial.toString()));
        assertEquals(Frequency.MONTHLY, d.frequency());
        assertEquals(LocalDateTime.of(2022, 1, 1, 0, 0), d.series().get(0).time(0));
        assertEquals(LocalDateTime.of(2023, 12, 1, 0, 0), d.series().get(0).time(23));
        assertEquals("2024-01-01", d.timeFormat().format(Frequency.MONTHLY.add(d.series().get(0).time(23), 1)));
        assertTrue(d.notes().contains("read the whole numbers of column 'Date' as a spreadsheet's serial dates (44562 "
                + "is 2022-01-01), the forecasts dated yyyy-MM-dd; if they are steps, give --time-format steps"),
                d.notes().toString());
        assertTrue(read(write("steps.csv", steps.toString())).timeFormat().isSteps());
        String daily = "date,sales\n45292,5\n45293,6\n45294,7\n";
        assertEquals(Frequency.DAILY, read(write("daily.csv", daily)).frequency());
        assertTrue(new CsvSeriesReader(CsvOptions.defaults().withTimeFormat(TimeFormat.parseOption("steps")))
                .read(write("daily.csv", daily)).timeFormat().isSteps());
        assertTrue(read(write("small.csv", "date,sales\n1,5\n2,6\n3,7\n")).timeFormat().isSteps());
    }

    /** A --time-format pattern without a day (a month, a quarter) names the period's first day. */
    @Test
    void patternsWithoutADayNameThePeriodsFirstDay() throws IOException {
        Path p = write("q.csv", "period,value\nFY2023 quarter 4,1\nFY2024 quarter 1,2\nFY2024 quarter 2,3\n");
        SeriesData d = new CsvSeriesReader(CsvOptions.defaults().withTimeFormat(TimeFormat.parseOption(
                "'FY'yyyy 'quarter' Q"))).read(p);
        assertEquals(Frequency.QUARTERLY, d.frequency());
        assertEquals(LocalDateTime.of(2024, 4, 1, 0, 0), d.series().get(0).time(2));
        assertEquals("FY2024 quarter 3", d.timeFormat().format(LocalDateTime.of(2024, 7, 1, 0, 0)));
        // letters in quotes are text, not a time of day ('h' of 'Month')
        SeriesData m = new CsvSeriesReader(CsvOptions.defaults().withTimeFormat(TimeFormat.parseOption(
                "'Month' MM 'of' yyyy"))).read(write("m.csv", "period,value\nMonth 11 of 2023,1\nMonth 12 of 2023,2\n"));
        assertEquals(Frequency.MONTHLY, m.frequency());
        assertEquals("Month 01 of 2024", m.timeFormat().format(LocalDateTime.of(2024, 1, 1, 0, 0)));
        // a quarter that does not exist names the line
        assertEquals("bad.csv:3: column 'period': '2024-Q5' is not a time in the format of the first rows "
                + "(pattern yyyy'-Q'Q)", assertThrows(DataException.class, () -> read(write("bad.csv",
                "period,value\n2024-Q1,1\n2024-Q5,2\n"))).getMessage());
    }

    /**
     * A file takes one decimal mark: a value with the other one is refused, naming both lines, in either order,
     * never read as another number ({@code 1.234} may mean 1234 where commas are decimal); commas stay refused
     * where they separate the fields, and a thousands separator that is the file's decimal mark.
     */
    @Test
    void oneDecimalMarkPerFile() throws IOException {
        DataException e = assertThrows(DataException.class,
                () -> read(write("mixed.csv", "date;value\n2020-01-01;10,5\n2020-01-02;7\n2020-01-03;1.234\n")));
        assertEquals("mixed.csv:4: column 'value': '1.234' has a decimal point, but '10,5' on line 2 has a decimal "
                + "comma: a file takes one decimal mark", e.getMessage());
        e = assertThrows(DataException.class,
                () -> read(write("mixed2.csv", "date;value\n2020-01-01;1.5\n2020-01-02;2,5\n")));
        assertEquals("mixed2.csv:3: column 'value': '2,5' has a decimal comma, but '1.5' on line 2 has a decimal "
                + "point: a file takes one decimal mark", e.getMessage());
        e = assertThrows(DataException.class,
                () -> read(write("quoted.csv", "date,value\n2020-01-01,\"10,5\"\n")));
        assertEquals("quoted.csv:2: column 'value': '10,5' is not a number", e.getMessage());
        // thousands separators are read (numbersAsSpreadsheetsDisplayThemAreRead), but never the file's decimal mark
        e = assertThrows(DataException.class,
                () -> read(write("thousands.csv", "date;value\n2020-01-01;2,5\n2020-01-02;1,234,567\n")));
        assertEquals("thousands.csv:3: column 'value': '1,234,567' is not a number", e.getMessage());
        e = assertThrows(DataException.class,
                () -> read(write("points.csv", "date;value\n2020-01-01;2.5\n2020-01-02;1.234.567\n")));
        assertEquals("points.csv:3: column 'value': '1.234.567' is not a number", e.getMessage());
    }

    @Test
    void utf16AndGzip() throws IOException {
        Path u = dir.resolve("u16.csv");
        byte[] text = "date,value\n2020-01-06,1\n2020-01-07,2\n2020-01-08,3\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] b = new byte[text.length + 2];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xFE;
        System.arraycopy(text, 0, b, 2, text.length);
        Files.write(u, b);
        assertArrayEquals(new double[]{1, 2, 3}, read(u).series().get(0).values());
        Path g = dir.resolve("s.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(g))) {
            o.write("unique_id,ds,y\na,1,5\na,2,6\n".getBytes(StandardCharsets.UTF_8));
        }
        assertArrayEquals(new double[]{5, 6}, read(g).series().get(0).values());
    }

    @Test
    void timesOfEveryKind() throws IOException {
        assertEquals(Frequency.DAILY, read(write("e.csv", "t,v\n1700000000,1\n1700086400,2\n1700172800,3\n")).frequency());
        assertEquals(Frequency.DAILY, read(write("ms.csv", "t,v\n1700000000000,1\n1700086400000,2\n")).frequency());
        SeriesData z = read(write("z.csv", "t,v\n2024-03-01T10:00:00+02:00,1\n2024-03-01T11:00:00+02:00,2\n"));
        assertEquals("2024-03-01T12:00:00+02:00", z.timeFormat().format(z.series().get(0).time(2)));
        SeriesData q = read(write("q.csv", "date,value\n2020-01-01,1\n2020-04-01,2\n2020-07-01,3\n"));
        assertEquals(Frequency.QUARTERLY, q.frequency());
        SeriesData b = read(write("b.csv", "date,value\n2024-01-04,1\n2024-01-05,2\n2024-01-08,3\n2024-01-09,4\n"));
        assertEquals(Frequency.BUSINESS_DAILY, b.frequency());
        assertEquals(LocalDateTime.of(2024, 1, 10, 0, 0), b.series().get(0).time(4));
        SeriesData p = new CsvSeriesReader(CsvOptions.defaults().withTimeFormat(TimeFormat.pattern("dd/MM/yyyy")))
                .read(write("p.csv", "date,value\n31/01/2024,1\n01/02/2024,2\n"));
        assertEquals(Frequency.DAILY, p.frequency());
    }

    @Test
    void unsortedRowsAreSortedAndReported() throws IOException {
        SeriesData d = read(write("u.csv", "date,value\n2024-01-03,3\n2024-01-01,1\n2024-01-02,2\n"));
        assertArrayEquals(new double[]{1, 2, 3}, d.series().get(0).values());
        assertTrue(d.notes().contains("sorted the rows of 1 series by time"), d.notes().toString());
    }

    @Test
    void gapsFollowThePolicy() throws IOException {
        Path p = write("gap.csv", "date,value\n2024-01-01,1\n2024-01-02,2\n2024-01-05,5\n2024-01-06,6\n");
        assertArrayEquals(new double[]{1, 2, 3, 4, 5, 6}, read(p).series().get(0).values());
        assertArrayEquals(new double[]{1, 2, 2, 2, 5, 6}, new CsvSeriesReader(CsvOptions.defaults()
                .withMissing(MissingPolicy.FORWARD_FILL)).read(p).series().get(0).values());
        assertArrayEquals(new double[]{1, 2, 5, 6}, new CsvSeriesReader(CsvOptions.defaults()
                .withMissing(MissingPolicy.DROP)).read(p).series().get(0).values());
        DataException e = assertThrows(DataException.class, () -> new CsvSeriesReader(CsvOptions.defaults()
                .withMissing(MissingPolicy.ERROR)).read(p));
        assertEquals("gap.csv:4: series 'series' has 2 gap steps (first before line 4); choose how to fill missing values: interpolate, ffill or drop",
                e.getMessage());
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("empty.csv", "", "empty.csv: the file is empty"),
                Arguments.of("header.csv", "date,value\n", "header.csv: the file has a header but no data rows"),
                Arguments.of("onecol.csv", "value\n1\n", "onecol.csv:1: expected at least a time and a value column, found one column 'value'"),
                Arguments.of("semi.csv", "date;value\n2020-01-01;1\n2020-01-02;2\n", null),
                Arguments.of("text.csv", "date,value\n2020-01-01,1\n2020-01-02,abc\n", "text.csv:3: column 'value': 'abc' is not a number"),
                Arguments.of("inf.csv", "date,value\n2020-01-01,1\n2020-01-02,Infinity\n", "inf.csv:3: column 'value': 'Infinity' is infinite"),
                Arguments.of("ragged.csv", "date,value\n2020-01-01,1\n2020-01-02,2,3\n", "ragged.csv:3: expected 2 fields as in the header, found 3"),
                Arguments.of("short.csv", "unique_id,ds,y\na,1,2\na,2\n", "short.csv:3: expected 3 fields as in the header, found 2"),
                Arguments.of("badtime.csv", "date,value\n2020-01-01,1\n2020-13-45,2\n", "badtime.csv:3: column 'date': '2020-13-45' is not a time in the format of the first rows (date)"),
                Arguments.of("unknowntime.csv", "date,value\nyesterday,1\n", "unknowntime.csv:2: column 'date': cannot recognise the time 'yesterday'; give its pattern (e.g. dd/MM/yyyy)"),
                Arguments.of("slashes.csv", "date,value\n01/02/2024,1\n", "slashes.csv:2: column 'date': cannot recognise the time '01/02/2024'; give its pattern (dd/MM/yyyy where the day comes first, MM/dd/yyyy where the month does)"),
                Arguments.of("emptytime.csv", "date,value\n,1\n", "emptytime.csv:2: column 'date' is empty"),
                Arguments.of("dup.csv", "date,value\n2020-01-01,1\n2020-01-02,2\n2020-01-01,3\n", "dup.csv:4: duplicate time in series 'series' (also on line 2)"),
                Arguments.of("dupid.csv", "unique_id,ds,y\na,1,1\nb,1,1\na,1,2\n", "dupid.csv:4: duplicate time in series 'a' (also on line 2)"),
                Arguments.of("emptyid.csv", "unique_id,ds,y\n,1,1\n", "emptyid.csv:2: column 'unique_id' (the series id) is empty"),
                Arguments.of("dupcol.csv", "date,value,Value\n2020-01-01,1,2\n", "dupcol.csv:1: column 'Value' appears twice in the header"),
                Arguments.of("allmissing.csv", "date,value\n2020-01-01,NA\n2020-01-02,\n", "allmissing.csv: series 'series' has no values in column 'value'"),
                Arguments.of("offgrid.csv", "date,value\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n2020-03-15,4\n", "offgrid.csv:5: series 'series': the time does not fit the monthly frequency of the data (expected 2020-04-01)"),
                Arguments.of("single.csv", "date,value\n2020-01-01,1\n", "single.csv: cannot infer the frequency: every series has a single time; give the frequency"),
                Arguments.of("quote.csv", "date,value\n\"2020-01-01,1\n", null),
                Arguments.of("notime.csv", "unique_id,foo,y\na,1,2\n", "notime.csv:1: no time column recognised among [unique_id, foo, y]; name the time column"),
                Arguments.of("steps.csv", "unique_id,ds,y\na,1,1\na,2,2\na,2.5,3\n", "steps.csv:4: column 'ds': '2.5' is not a time in the format of the first rows (steps)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badInputGivesOneLineNamingFileAndLine(String name, String content, String expected) throws IOException {
        Path p = write(name, content);
        java.util.function.Function<Path, SeriesData> strict = f -> new CsvSeriesReader(CsvOptions.defaults()
                .withStrict(true)).read(f);
        if (expected == null) {
            // semi.csv is fine (delimiter detected); quote.csv must fail clearly
            if (name.equals("semi.csv")) {
                assertEquals(2, read(p).series().get(0).length());
                return;
            }
            DataException e = assertThrows(DataException.class, () -> read(p));
            assertTrue(e.getMessage().startsWith(name + ": malformed CSV"), e.getMessage());
            return;
        }
        DataException e = assertThrows(DataException.class, () -> strict.apply(p));
        assertEquals(expected, e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
        // a file of one series fails the same way when bad series are skipped: there is nothing else to read
        if (!name.equals("dupid.csv")) {
            assertEquals(expected, assertThrows(DataException.class, () -> read(p)).getMessage());
        }
    }

    /** A good series 'ok' of six months, then a series 'bad' with one problem of its own. */
    static Stream<Arguments> oneBadSeries() {
        String ok = "unique_id,ds,y\nok,2020-01-01,1\nok,2020-02-01,2\nok,2020-03-01,3\nok,2020-04-01,4\n"
                + "ok,2020-05-01,5\nok,2020-06-01,6\n";
        return Stream.of(
                Arguments.of(ok + "bad,2020-01-01,1\nbad,2020-02-01,abc\n", "f.csv:9: column 'y': 'abc' is not a number"),
                Arguments.of(ok + "bad,2020-01-01,1\nbad,2020-02-01,-Infinity\n", "f.csv:9: column 'y': '-Infinity' is infinite"),
                Arguments.of(ok + "bad,2020-01-01,NA\nbad,2020-02-01,\n", "f.csv: series 'bad' has no values in column 'y'"),
                Arguments.of(ok + "bad,2020-01-01,1\nbad,2020-01-01,2\n", "f.csv:9: duplicate time in series 'bad' (also on line 8)"),
                Arguments.of(ok + "bad,2020-01-01,1\nbad,2020-01-15,2\n", "f.csv:9: series 'bad': the time does not fit the monthly frequency of the data (expected 2020-02-01)"),
                Arguments.of(ok + "bad,2020-01-01,1\nbad,2020-99-01,2\n", "f.csv:9: column 'ds': '2020-99-01' is not a time in the format of the first rows (date)"),
                Arguments.of(ok + "bad,2020-01-01,1\nbad,,2\n", "f.csv:9: column 'ds' is empty"),
                // the bad row comes first, and the series' later rows are ignored
                Arguments.of("unique_id,ds,y\nbad,2020-01-01,x\nok,2020-01-01,1\nbad,2020-02-01,1\nok,2020-02-01,2\n"
                        + "ok,2020-03-01,3\nok,2020-04-01,4\nok,2020-05-01,5\nok,2020-06-01,6\n",
                        "f.csv:2: column 'y': 'x' is not a number"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("oneBadSeries")
    void aBadSeriesIsLeftOutAndListedAndTheOthersAreRead(String content, String reason) throws IOException {
        Path p = write("f.csv", content);
        SeriesData d = read(p);
        assertEquals(1, d.series().size());
        assertEquals("ok", d.series().get(0).id());
        assertArrayEquals(new double[]{1, 2, 3, 4, 5, 6}, d.series().get(0).values());
        assertEquals(Frequency.MONTHLY, d.frequency());
        assertEquals(java.util.List.of(new SeriesData.Skipped("bad", reason)), d.skipped());
        // strict: the same problem stops the reading, with the same message
        DataException e = assertThrows(DataException.class,
                () -> new CsvSeriesReader(CsvOptions.defaults().withStrict(true)).read(p));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void aSeriesSpacedMoreWidelyThanTheDataIsLeftOutNotFilled() throws IOException {
        // a daily series of 60 days, a monthly one of 4 months (92 days of 2020, 88 of them gaps), and a daily one
        // closed for 30 of its 50 days
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        java.time.LocalDate start = java.time.LocalDate.of(2020, 1, 1);
        for (int i = 0; i < 60; i++) {
            csv.append("day,").append(start.plusDays(i)).append(',').append(i).append('\n');
        }
        for (int i = 0; i < 4; i++) {
            csv.append("month,").append(start.plusMonths(i)).append(',').append(100 + i).append('\n');
        }
        for (int i = 0; i < 50; i++) {
            if (i < 10 || i >= 40) {
                csv.append("closed,").append(start.plusDays(i)).append(',').append(i).append('\n');
            }
        }
        Path p = write("mixed.csv", csv.toString());
        SeriesData d = read(p);
        assertEquals(Frequency.DAILY, d.frequency());
        assertEquals(java.util.List.of("day", "closed"), d.series().stream().map(TimeSeries::id).toList());
        // the closed days are filled as before: its own spacing is the data's
        assertEquals(50, d.series().get(1).length());
        assertEquals(20.0, d.series().get(1).values()[20], 1e-12);
        String reason = "mixed.csv:62: series 'month' is spaced as monthly data, not at the data's daily frequency; it "
                + "would be forecast from 88 filled gap steps among its 4 values: forecast it separately";
        assertEquals(java.util.List.of(new SeriesData.Skipped("month", reason)), d.skipped());
        assertEquals(reason, assertThrows(DataException.class,
                () -> new CsvSeriesReader(CsvOptions.defaults().withStrict(true)).read(p)).getMessage());
        // the frequency given, the same: a monthly series is not daily data because the user says the file is
        assertEquals(java.util.List.of(new SeriesData.Skipped("month", reason)), new CsvSeriesReader(CsvOptions.defaults()
                .withFrequency(Frequency.DAILY)).read(p).skipped());
    }

    /**
     * Asked to (as {@code recur forecast} does), the reader reads a series regular at another frequency than the
     * file's at its own: a quarterly series whose first rows have no value (the reading at the file's monthly
     * frequency moves a series' values up in place; the reading at its own starts again from the rows as read), a
     * yearly one, and in a quarterly file a monthly one; a series regular at no frequency is still left out.
     */
    @Test
    void seriesOfAnotherFrequencyAreReadAtTheirOwnWhenAsked() throws IOException {
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        java.time.LocalDate start = java.time.LocalDate.of(2020, 1, 1);
        for (int i = 0; i < 24; i++) {
            csv.append("month,").append(start.plusMonths(i)).append(',').append(i).append('\n');
        }
        csv.append("quarter,2019-01-01,\nquarter,2019-04-01,\n");
        for (int i = 0; i < 8; i++) {
            csv.append("quarter,").append(start.plusMonths(3L * i)).append(',').append(50 + i).append('\n');
        }
        for (int i = 0; i < 5; i++) {
            csv.append("year,").append(start.plusYears(i)).append(',').append(900 + i).append('\n');
        }
        for (int d : new int[]{0, 3, 40, 41, 200, 203, 300}) {
            csv.append("odd,").append(start.plusDays(d)).append(',').append(d).append('\n');
        }
        Path p = write("mix.csv", csv.toString());
        SeriesData plain = read(p);
        assertEquals(java.util.List.of("month"), plain.series().stream().map(TimeSeries::id).toList());
        assertEquals(java.util.List.of("quarter", "year", "odd"), plain.skipped().stream().map(SeriesData.Skipped::id)
                .toList());

        SeriesData d = new CsvSeriesReader(CsvOptions.defaults()).withOwnFrequencies(true).read(p);
        assertEquals(Frequency.MONTHLY, d.frequency());
        assertEquals(java.util.List.of("month", "quarter", "year"), d.series().stream().map(TimeSeries::id).toList());
        assertEquals(java.util.List.of(Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.YEARLY),
                d.series().stream().map(TimeSeries::frequency).toList());
        assertArrayEquals(new double[]{50, 51, 52, 53, 54, 55, 56, 57}, d.series().get(1).values());
        assertEquals(java.time.LocalDateTime.of(2020, 1, 1, 0, 0), d.series().get(1).time(0));
        assertEquals(java.time.LocalDateTime.of(2022, 1, 1, 0, 0), d.series().get(1).time(8));
        assertArrayEquals(new double[]{900, 901, 902, 903, 904}, d.series().get(2).values());
        assertEquals(java.time.LocalDateTime.of(2025, 1, 1, 0, 0), d.series().get(2).time(5));
        assertEquals(java.util.List.of("odd"), d.skipped().stream().map(SeriesData.Skipped::id).toList());
        assertEquals(plain.skipped().get(2), d.skipped().get(0));
        assertTrue(d.notes().contains("1 series is quarterly ('quarter') and 1 yearly ('year'), not monthly as the "
                + "others: each read at its own frequency"), d.notes().toString());

        // a monthly series in a quarterly file: its times do not fit the file's
        StringBuilder q = new StringBuilder("unique_id,ds,y\n");
        for (int i = 0; i < 12; i++) {
            q.append("q,").append(start.plusMonths(3L * i)).append(',').append(i).append('\n');
        }
        for (int i = 0; i < 10; i++) {
            q.append("m,").append(start.plusMonths(i)).append(',').append(10 + i).append('\n');
        }
        Path qp = write("q.csv", q.toString());
        assertEquals(java.util.List.of("m"), read(qp).skipped().stream().map(SeriesData.Skipped::id).toList());
        SeriesData qd = new CsvSeriesReader(CsvOptions.defaults()).withOwnFrequencies(true).read(qp);
        assertEquals(Frequency.QUARTERLY, qd.frequency());
        assertEquals(Frequency.MONTHLY, qd.series().get(1).frequency());
        assertEquals(10, qd.series().get(1).length());
        assertTrue(qd.skipped().isEmpty());
        assertEquals(java.util.List.of("1 series is monthly ('m'), not quarterly as the others: read at "
                + "its own frequency"), qd.notes());
    }

    /**
     * Hourly (or quarter-hourly) data in local time without an offset: the clocks going back repeat an hour, whose
     * two rows are averaged (with a note), and the clocks going forward skip one, which is a gap filled as any.
     * A repeated time that is no clock change stays a duplicate time: in the afternoon, in daily data, three rows at
     * one time, two repeated hours a month apart.
     */
    @Test
    void theRepeatedHourOfAClockChangeIsAveraged() throws IOException {
        java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
        java.time.format.DateTimeFormatter local = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        for (int minutes : new int[]{60, 15}) {
            StringBuilder csv = new StringBuilder("unique_id,time,load\n");
            java.time.Instant start = java.time.Instant.parse("2024-03-30T12:00:00Z");
            int steps = 220 * 24 * 60 / minutes;
            for (int i = 0; i < steps; i++) {
                java.time.LocalDateTime at = start.plusSeconds(60L * minutes * i).atZone(berlin).toLocalDateTime();
                csv.append("a,").append(at.format(local)).append(',').append(i).append('\n');
            }
            SeriesData d = read(write("dst.csv", csv.toString()));
            TimeSeries a = d.series().get(0);
            // the hour skipped in March is filled, the one repeated in October is one hour: as many as the steps
            assertEquals(steps, a.length(), "every " + minutes + " minutes");
            int perHour = 60 / minutes;
            java.time.LocalDateTime repeated = java.time.LocalDateTime.of(2024, 10, 27, 2, 0);
            int at = (int) (java.time.Duration.between(a.time(0), repeated).toMinutes() / minutes);
            assertEquals(repeated, a.time(at));
            // the repeated 02:00 was written at steps k (summer time) and k + perHour (winter time)
            long k = java.time.Duration.between(start, repeated.atZone(berlin).withEarlierOffsetAtOverlap()
                    .toInstant()).toMinutes() / minutes;
            assertEquals(k + perHour / 2.0, a.values()[at], 1e-9);
            assertEquals(k + 2 * perHour, a.values()[at + perHour], 1e-9);
            assertTrue(d.notes().contains("averaged the two rows of each repeated hour of a change of the clocks (local "
                    + "times without an offset) in 1 series, the first 'a' at 2024-10-27 02:00"), d.notes().toString());
        }
        String hourly = "unique_id,time,y\n";
        for (String bad : java.util.List.of("a,2024-10-27 14:00,1\na,2024-10-27 14:00,2\na,2024-10-27 15:00,3\n",
                "a,2024-10-27 01:00,1\na,2024-10-27 02:00,2\na,2024-10-27 02:00,3\na,2024-10-27 02:00,4\n"
                        + "a,2024-10-27 03:00,5\n",
                "a,2024-10-27 01:00,1\na,2024-10-27 02:00,2\na,2024-10-27 02:00,3\na,2024-11-27 01:00,4\n"
                        + "a,2024-11-27 02:00,5\na,2024-11-27 02:00,6\na,2024-11-27 03:00,7\n",
                "a,2024-10-26 00:00,1\na,2024-10-27 00:00,2\na,2024-10-27 00:00,3\na,2024-10-28 00:00,4\n")) {
            SeriesData d = read(write("dup.csv", hourly + bad + "b,2024-10-27 01:00,1\nb,2024-10-27 02:00,2\n"));
            assertEquals(java.util.List.of("b"), d.series().stream().map(TimeSeries::id).toList(), bad);
            assertTrue(d.skipped().get(0).reason().contains(": duplicate time in series 'a' (also on line "),
                    d.skipped().toString());
        }
    }

    @Test
    void aWideFileLeavesOutTheColumnWithABadValue() throws IOException {
        SeriesData d = read(write("w.csv", "month,a,b,c\n2020-01-01,1,2,3\n2020-02-01,2,oops,4\n2020-03-01,3,5,5\n"));
        assertEquals(java.util.List.of("a", "c"), d.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{3, 4, 5}, d.series().get(1).values());
        assertEquals(java.util.List.of(new SeriesData.Skipped("b", "w.csv:3: column 'b': 'oops' is not a number")),
                d.skipped());
        // a wide file's time belongs to every series: an unreadable one stops the reading
        assertEquals("w2.csv:3: column 'month': '2020-99-01' is not a time in the format of the first rows (date)",
                assertThrows(DataException.class, () -> read(write("w2.csv",
                        "month,a,b\n2020-01-01,1,2\n2020-99-01,2,3\n"))).getMessage());
    }

    @Test
    void aFrequencyThatCannotBeInferredIsNamedAsSuch() throws IOException {
        // a month apart, then two weeks apart: no spacing is the majority (it said "every series has a single time")
        assertEquals("irr.csv: cannot infer the frequency: the times are not spaced regularly enough; give the frequency",
                assertThrows(DataException.class, () -> read(write("irr.csv", "unique_id,ds,y\na,2020-01-01,1\n"
                        + "a,2020-02-01,2\na,2020-03-01,3\nb,2020-01-01,1\nb,2020-01-15,2\n"))).getMessage());
    }

    @Test
    void aFileWithNoReadableSeriesFailsNamingTheFirstProblem() throws IOException {
        Path p = write("all.csv", "unique_id,ds,y\na,1,x\na,2,1\nb,1,NA\nb,2,NA\n");
        DataException e = assertThrows(DataException.class, () -> read(p));
        assertEquals("all.csv: none of the 2 series could be read; the first: all.csv:2: column 'y': 'x' is not a number",
                e.getMessage());
        // the columns of a table whose times repeat (rows of transactions, read as a wide file): that problem, the
        // file's, rather than the first column's words
        DataException rows = assertThrows(DataException.class, () -> read(write("sales.csv", "branch,city,date,total\n"
                + "A,Yangon,2019-01-01,5\nA,Yangon,2019-01-01,7\nA,Yangon,2019-01-02,6\n")));
        assertEquals("sales.csv: none of the 3 series could be read; their times repeat: sales.csv:3: duplicate time "
                + "in series 'total' (also on line 2)", rows.getMessage());
        assertNull(rows.remedy());
        // the problems of the file itself stop the reading whatever the series
        assertEquals("r.csv:3: expected 3 fields as in the header, found 2", assertThrows(DataException.class,
                () -> read(write("r.csv", "unique_id,ds,y\na,1,1\nb,1\n"))).getMessage());
        assertEquals("m.csv:3: series 'a' has 1 missing value (first on line 3); choose how to fill missing values: "
                + "interpolate, ffill or drop", assertThrows(DataException.class, () -> new CsvSeriesReader(
                CsvOptions.defaults().withMissing(MissingPolicy.ERROR)).read(write("m.csv",
                "unique_id,ds,y\na,1,1\na,2,NA\na,3,3\nb,1,1\nb,2,2\n"))).getMessage());
    }

    /**
     * An Excel workbook, {@code .xlsx} or Excel 97–2003's {@code .xls} (made here with Apache POI), is read from its
     * first sheet: date cells as dates, numbers shown
     * with thousands separators and two decimals by their full value, a formula by its result, a cell of text that
     * is no number named by its row; an empty row between is no row; a long sheet with an id column too; the
     * second sheet is not read.
     */
    @Test
    void excelWorkbooksAreReadFromTheirFirstSheet() throws IOException {
        for (String kind : java.util.List.of("xlsx", "xls")) {
            excelWorkbookIsRead(kind);
        }
    }

    /**
     * An OpenDocument spreadsheet ({@code .ods}, as LibreOffice saves one) is read from its first sheet as its CSV
     * would be: a title above the table left out, date cells as dates, currency cells at their full value whatever
     * their display, a formula by its result, a comment in a cell left out, runs of repeated cells and the million
     * empty rows and thousand empty columns a sheet ends with; the note names the sheet; a damaged one is refused in one
     * line.
     */
    @Test
    void openDocumentSpreadsheetsAreReadFromTheirFirstSheet() throws IOException {
        String ns = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                + "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
                + "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
                + "xmlns:of=\"urn:oasis:names:tc:opendocument:xmlns:of:1.2\"";
        StringBuilder rows = new StringBuilder()
                .append("<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Monthly sales, "
                        + "<text:span>all stores</text:span></text:p></table:table-cell>"
                        + "<table:table-cell table:number-columns-repeated=\"1023\"/></table:table-row>")
                .append("<table:table-row table:number-rows-repeated=\"2\"><table:table-cell "
                        + "table:number-columns-repeated=\"1024\"/></table:table-row>")
                .append("<table:table-row><table:table-cell office:value-type=\"string\"><text:p>Month</text:p>"
                        + "</table:table-cell><table:table-cell office:value-type=\"string\"><text:p>North"
                        + "<text:s text:c=\"2\"/>store</text:p></table:table-cell><table:table-cell "
                        + "office:value-type=\"string\"><text:p>South</text:p></table:table-cell>"
                        + "<table:table-cell table:number-columns-repeated=\"1021\"/></table:table-row>");
        for (int i = 0; i < 6; i++) {
            String date = java.time.LocalDate.of(2024, i + 1, 1) + (i == 2 ? "T00:00:00" : "");
            double north = 1234.5678 + 1000 * i;
            String southCells = i == 4
                    // the same value twice: one cell repeated, with a comment
                    ? "<table:table-cell office:value-type=\"float\" office:value=\"" + north + "\" "
                    + "table:number-columns-repeated=\"2\"><office:annotation><text:p>checked</text:p>"
                    + "</office:annotation><text:p>" + north + "</text:p></table:table-cell>"
                    : "<table:table-cell office:value-type=\"currency\" office:currency=\"EUR\" office:value=\""
                    + north + "\"><text:p>" + String.format(java.util.Locale.ROOT, "%,.2f €", north)
                    + "</text:p></table:table-cell>"
                    + (i == 5 ? "<table:table-cell table:formula=\"of:=[.B5]+[.B6]\" office:value-type=\"float\" "
                    + "office:value=\"5469.1356\"><text:p>5469.14</text:p></table:table-cell>"
                    : "<table:table-cell office:value-type=\"float\" office:value=\"" + (500 + i) + "\"><text:p>"
                    + (500 + i) + "</text:p></table:table-cell>");
            rows.append("<table:table-row><table:table-cell office:value-type=\"date\" office:date-value=\"")
                    .append(date).append("\"><text:p>01/0").append(i + 1).append("/2024</text:p></table:table-cell>")
                    .append(southCells).append("<table:table-cell table:number-columns-repeated=\"1021\"/>")
                    .append("</table:table-row>");
        }
        rows.append("<table:table-row table:number-rows-repeated=\"1048565\"><table:table-cell "
                + "table:number-columns-repeated=\"1024\"/></table:table-row>");
        String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content " + ns + ">"
                + "<office:body><office:spreadsheet><table:table table:name=\"Sales 2024\"><table:table-column "
                + "table:number-columns-repeated=\"1024\"/>" + rows + "</table:table><table:table "
                + "table:name=\"Notes\"><table:table-row><table:table-cell office:value-type=\"string\"><text:p>not "
                + "read</text:p></table:table-cell><table:table-cell office:value-type=\"string\"><text:p>at all"
                + "</text:p></table:table-cell></table:table-row></table:table><table:table table:name=\"Budget\">"
                + "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>month</text:p>"
                + "</table:table-cell><table:table-cell office:value-type=\"string\"><text:p>budget</text:p>"
                + "</table:table-cell></table:table-row>" + budgetRows() + "</table:table></office:spreadsheet>"
                + "</office:body></office:document-content>";
        Path book = dir.resolve("sales.ods");
        writeOpenDocument(book, content);
        SeriesData d = read(book);
        assertEquals("read sheet 'Sales 2024' of the OpenDocument spreadsheet sales.ods (its rows as lines; 1 row "
                + "above the table (a title or a note) left out)", d.notes().get(0));
        assertEquals(Frequency.MONTHLY, d.frequency());
        assertEquals(List.of("North  store", "South"), d.series().stream().map(TimeSeries::id).toList());
        assertEquals(LocalDateTime.of(2024, 6, 1, 0, 0), d.series().get(0).time(5));
        assertArrayEquals(new double[]{1234.5678, 2234.5678, 3234.5678, 4234.5678, 5234.5678, 6234.5678},
                d.series().get(0).values(), 1e-9);
        assertArrayEquals(new double[]{500, 501, 502, 503, 5234.5678, 5469.1356}, d.series().get(1).values(), 1e-9);
        // the third sheet, by name or number; a CSV file has no sheets
        for (String wanted : List.of("BUDGET", "3")) {
            SeriesData budget = new CsvSeriesReader(CsvOptions.defaults()).withSheet(wanted).read(book);
            assertEquals("read sheet 'Budget' of the OpenDocument spreadsheet sales.ods (its rows as lines)",
                    budget.notes().get(0));
            assertArrayEquals(new double[]{10, 11, 12, 13}, budget.series().get(0).values(), 0);
        }
        assertEquals("sales.ods: no sheet '4'; its sheets are 'Sales 2024', 'Notes', 'Budget' (give a name or a number "
                + "from 1)", assertThrows(DataException.class, () -> new CsvSeriesReader(CsvOptions.defaults())
                .withSheet("4").read(book)).getMessage());
        Path csv = write("plain.csv", "date,value\n2024-01-01,1\n2024-02-01,2\n");
        assertEquals("plain.csv: a sheet ('Budget') was asked for, but the file is no workbook (.xlsx, .xls or .ods)",
                assertThrows(DataException.class, () -> new CsvSeriesReader(CsvOptions.defaults()).withSheet("Budget")
                        .read(csv)).getMessage());

        // not well-formed: one line, naming the file and what to do
        Path broken = dir.resolve("broken.ods");
        writeOpenDocument(broken, content.substring(0, content.length() / 2));
        DataException e = assertThrows(DataException.class, () -> read(broken));
        assertTrue(e.getMessage().startsWith("broken.ods: cannot be read as an OpenDocument spreadsheet ("),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("); save its sheet as CSV and forecast that file"), e.getMessage());
        assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
    }

    /** Four months of a budget as OpenDocument rows: a date cell and a number each. */
    private static String budgetRows() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            b.append("<table:table-row><table:table-cell office:value-type=\"date\" office:date-value=\"2024-0")
                    .append(i + 1).append("-01\"/><table:table-cell office:value-type=\"float\" office:value=\"")
                    .append(10 + i).append("\"/></table:table-row>");
        }
        return b.toString();
    }

    /** An OpenDocument spreadsheet's zip: its media type first, stored, then its content. */
    static void writeOpenDocument(Path file, String content) throws IOException {
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
            byte[] type = "application/vnd.oasis.opendocument.spreadsheet".getBytes(StandardCharsets.US_ASCII);
            java.util.zip.ZipEntry mimetype = new java.util.zip.ZipEntry("mimetype");
            mimetype.setMethod(java.util.zip.ZipEntry.STORED);
            mimetype.setSize(type.length);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(type);
            mimetype.setCrc(crc.getValue());
            zip.putNextEntry(mimetype);
            zip.write(type);
            zip.closeEntry();
            zip.putNextEntry(new java.util.zip.ZipEntry("content.xml"));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    private void excelWorkbookIsRead(String kind) throws IOException {
        Path book = dir.resolve("sales." + kind);
        try (org.apache.poi.ss.usermodel.Workbook wb = kind.equals("xls")
                ? new org.apache.poi.hssf.usermodel.HSSFWorkbook() : new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            org.apache.poi.ss.usermodel.CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            org.apache.poi.ss.usermodel.CellStyle money = wb.createCellStyle();
            money.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("#,##0.00"));
            org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("Sales 2024");
            org.apache.poi.ss.usermodel.Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("Month");
            header.createCell(1).setCellValue("Sales");
            for (int i = 0; i < 6; i++) {
                // row 4 (the fourth line) left empty
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(i < 2 ? i + 1 : i + 2);
                org.apache.poi.ss.usermodel.Cell d = row.createCell(0);
                d.setCellValue(java.time.LocalDate.of(2024, i + 1, 1));
                d.setCellStyle(date);
                org.apache.poi.ss.usermodel.Cell v = row.createCell(1);
                if (i == 5) {
                    v.setCellFormula("B2+B3");
                } else {
                    v.setCellValue(1234.5678 + 1000 * i);
                }
                v.setCellStyle(money);
            }
            wb.createSheet("Notes").createRow(0).createCell(0).setCellValue("not read");
            org.apache.poi.ss.usermodel.FormulaEvaluator ev = wb.getCreationHelper().createFormulaEvaluator();
            ev.evaluateAll();
            try (OutputStream out = Files.newOutputStream(book)) {
                wb.write(out);
            }
        }
        SeriesData d = read(book);
        assertEquals(Frequency.MONTHLY, d.frequency());
        assertEquals(LocalDateTime.of(2024, 1, 1, 0, 0), d.series().get(0).time(0));
        assertArrayEquals(new double[]{1234.5678, 2234.5678, 3234.5678, 4234.5678, 5234.5678, 3469.1356},
                d.series().get(0).values(), 1e-9);
        assertEquals("read sheet 'Sales 2024' of the Excel workbook sales." + kind + " (its rows as lines)",
                d.notes().get(0));
        assertEquals("Sales", d.valueColumn());
        // another sheet by its name in any case or its number; a sheet it has not is named with those it has
        for (String wanted : List.of("sales 2024", "1")) {
            assertArrayEquals(d.series().get(0).values(), new CsvSeriesReader(CsvOptions.defaults()).withSheet(wanted)
                    .read(book).series().get(0).values(), 0);
        }
        assertEquals("sales." + kind + ": no sheet 'Budget'; its sheets are 'Sales 2024', 'Notes' (give a name or a "
                + "number from 1)", assertThrows(DataException.class, () -> new CsvSeriesReader(CsvOptions.defaults())
                .withSheet("Budget").read(book)).getMessage());

        Path longBook = dir.resolve("long." + kind);
        try (org.apache.poi.ss.usermodel.Workbook wb = kind.equals("xls")
                ? new org.apache.poi.hssf.usermodel.HSSFWorkbook() : new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet();
            String[][] rows = {{"store_id", "week", "units"}, {"north", "1", "5"}, {"north", "2", "6"},
                    {"south", "1", "7"}, {"south", "2", "lots"}, {"south", "3", "9"}};
            for (int r = 0; r < rows.length; r++) {
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(r);
                for (int c = 0; c < 3; c++) {
                    if (r > 0 && c > 0 && !rows[r][c].equals("lots")) {
                        row.createCell(c).setCellValue(Double.parseDouble(rows[r][c]));
                    } else {
                        row.createCell(c).setCellValue(rows[r][c]);
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(longBook)) {
                wb.write(out);
            }
        }
        SeriesData l = read(longBook);
        assertEquals(java.util.List.of("north"), l.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{5, 6}, l.series().get(0).values(), 0);
        assertEquals(java.util.List.of(new SeriesData.Skipped("south", "long." + kind + ":5: column 'units': 'lots' is "
                + "not a number")), l.skipped());

        // a report sheet: a title and a note above the table, a blank row, the header on row 4; the last column's
        // empty cells, which a sheet leaves out at a row's end, are missing values
        Path report = dir.resolve("report." + kind);
        try (org.apache.poi.ss.usermodel.Workbook wb = kind.equals("xls")
                ? new org.apache.poi.hssf.usermodel.HSSFWorkbook() : new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("Report");
            sheet.createRow(0).createCell(0).setCellValue("Monthly sales");
            sheet.createRow(1).createCell(1).setCellValue("Source: ERP export");
            org.apache.poi.ss.usermodel.Row header = sheet.createRow(3);
            for (String c : new String[]{"month", "north", "south"}) {
                header.createCell(header.getPhysicalNumberOfCells()).setCellValue(c);
            }
            for (int i = 0; i < 6; i++) {
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(4 + i);
                row.createCell(0).setCellValue("2024-0" + (i + 1));
                row.createCell(1).setCellValue(10 + i);
                if (i != 2 && i != 3) {
                    row.createCell(2).setCellValue(20 + i);
                }
            }
            try (OutputStream out = Files.newOutputStream(report)) {
                wb.write(out);
            }
        }
        SeriesData r = read(report);
        assertEquals(java.util.List.of("north", "south"), r.series().stream().map(TimeSeries::id).toList());
        assertArrayEquals(new double[]{20, 21, 22, 23, 24, 25}, r.series().get(1).values(), 1e-12);
        assertEquals("read sheet 'Report' of the Excel workbook report." + kind + " (its rows as lines; 2 rows above "
                + "the table (a title or a note) left out)", r.notes().get(0));
        assertTrue(r.notes().contains("series 'south': interpolated 2 missing values (first on line 7)"),
                r.notes().toString());
    }

    /** Empty lines above the header are skipped, and the header's messages name its line. */
    @Test
    void emptyLinesAboveTheHeaderAreSkipped() throws IOException {
        SeriesData d = read(write("top.csv", "\n\r\n\ndate,value\n2024-01-01,1\n2024-02-01,2\n"));
        assertArrayEquals(new double[]{1, 2}, d.series().get(0).values(), 0);
        assertEquals("top2.csv:3: no value column 'v'; the header has [date, value]", assertThrows(DataException.class,
                () -> new CsvSeriesReader(CsvOptions.defaults().withColumns(null, null, "v")).read(write("top2.csv",
                        "\n\ndate,value\n2024-01-01,1\n"))).getMessage());
        assertEquals("top3.csv:6: column 'value': 'x' is not a number", assertThrows(DataException.class,
                () -> read(write("top3.csv", "\n\n\ndate,value\n2024-01-01,1\n2024-02-01,x\n"))).getMessage());
        assertEquals("blank.csv:1: the header line is empty", assertThrows(DataException.class,
                () -> read(write("blank.csv", "\n\n\n"))).getMessage());
    }

    @Test
    void missingFilesFoldersBinaryAndUnknownColumns() throws IOException {
        assertEquals(dir.resolve("nope.csv") + ": no such file",
                assertThrows(DataException.class, () -> read(dir.resolve("nope.csv"))).getMessage());
        assertEquals(dir + ": is a folder, not a CSV file", assertThrows(DataException.class, () -> read(dir)).getMessage());
        Path bin = dir.resolve("bin.csv");
        Files.write(bin, new byte[]{1, 2, 0, 3, 4});
        assertEquals("bin.csv:1: does not look like a CSV text file (a NUL byte: binary data)",
                assertThrows(DataException.class, () -> read(bin)).getMessage());
        // workbooks: a real .xlsx (a zip archive, made here) and the first bytes of an .xls
        Path xlsx = dir.resolve("sales.xlsx");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(xlsx))) {
            z.putNextEntry(new java.util.zip.ZipEntry("[Content_Types].xml"));
            z.write("<Types/>".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("sales.xlsx: an Excel workbook (.xlsx), not CSV text; save its sheet as CSV (in a spreadsheet: "
                + "Save As, CSV) and forecast that file", assertThrows(DataException.class, () -> read(xlsx)).getMessage());
        // a zip archive of a CSV file (as data sets are shipped) is read, a gzipped one in it too
        Path zipped = dir.resolve("data.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zipped))) {
            z.putNextEntry(new java.util.zip.ZipEntry("data/"));
            z.putNextEntry(new java.util.zip.ZipEntry("data/README"));
            z.write("about".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new java.util.zip.ZipEntry("data/sales.csv"));
            z.write("date,value\n2020-01-01,1\n2020-01-02,2\n2020-01-03,x\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("data.zip/data/sales.csv:4: column 'value': 'x' is not a number",
                assertThrows(DataException.class, () -> read(zipped)).getMessage());
        Path zippedGz = dir.resolve("gz.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zippedGz))) {
            z.putNextEntry(new java.util.zip.ZipEntry("sales.csv.gz"));
            java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
            try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
                g.write("date,value\n2020-01-01,1\n2020-01-02,2\n".getBytes(StandardCharsets.UTF_8));
            }
            z.write(gz.toByteArray());
        }
        SeriesData fromZip = read(zippedGz);
        assertArrayEquals(new double[]{1, 2}, fromZip.series().get(0).values(), 0);
        assertEquals("read sales.csv.gz from the zip archive gz.zip", fromZip.notes().get(0));
        Path noCsv = dir.resolve("none.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(noCsv))) {
            z.putNextEntry(new java.util.zip.ZipEntry("notes.pdf"));
            z.write(1);
        }
        assertEquals("none.zip: a zip archive with no CSV file in it (it holds [notes.pdf])",
                assertThrows(DataException.class, () -> read(noCsv)).getMessage());
        Path xls = dir.resolve("old.xls");
        Files.write(xls, new byte[]{(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
                (byte) 0xE1, 0, 0});
        // a damaged .xls: POI's reason, and what to do
        String damaged = assertThrows(DataException.class, () -> read(xls)).getMessage();
        assertTrue(damaged.startsWith("old.xls: cannot be read as an Excel workbook (") && damaged.endsWith("); save "
                + "its sheet as CSV and forecast that file"), damaged);
        // from a stream, which has no file for POI to read, a workbook is refused with what to do
        assertEquals("old.xls: an Excel 97-2003 workbook (.xls), not CSV text; save its sheet as CSV (in a "
                + "spreadsheet: Save As, CSV) and forecast that file", assertThrows(DataException.class,
                () -> new CsvSeriesReader(CsvOptions.defaults()).read(Files.newInputStream(xls), "old.xls"))
                .getMessage());
        Path ok = write("ok.csv", "date,value\n2020-01-01,1\n2020-01-02,2\n");
        assertEquals("ok.csv:1: no value column 'sales'; the header has [date, value]",
                assertThrows(DataException.class, () -> new CsvSeriesReader(CsvOptions.defaults()
                        .withColumns(null, null, "sales")).read(ok)).getMessage());
    }

    @Test
    void namedColumnsOverrideRecognition() throws IOException {
        Path p = write("c.csv", "store,when,units,price\ns1,2024-01-01,5,1.5\ns1,2024-01-02,6,1.6\n");
        SeriesData d = new CsvSeriesReader(CsvOptions.defaults().withColumns("store", "when", "units")).read(p);
        assertEquals(SeriesData.Layout.LONG, d.layout());
        assertArrayEquals(new double[]{5, 6}, d.series().get(0).values());
        assertTrue(d.notes().contains("ignored column price"), d.notes().toString());
    }

    @Test
    void covariateColumnsAreReadSortedAndFilledWithTheValues() throws Exception {
        Path p = dir.resolve("cov.csv");
        java.nio.file.Files.writeString(p, String.join("\n",
                "unique_id,ds,y,price,promo,comment",
                "a,3,12,1.5,0,x",
                "a,1,10,1.0,1,x",
                "a,2,11,,0,x",
                "a,5,14,2.5,1,x",
                "b,1,20,3.0,0,x",
                "b,2,21,3.5,1,x",
                "b,3,22,4.0,0,x", ""));
        SeriesData d = new CsvSeriesReader(CsvOptions.defaults().withCovariates(java.util.List.of("price", "PROMO"))).read(p);
        dev.recur.engine.series.TimeSeries a = d.series().get(0);
        assertArrayEquals(new double[]{10, 11, 12, 13, 14}, a.values(), 1e-12);
        // sorted with the values; the empty price and the gap at step 4 are interpolated
        assertArrayEquals(new double[]{1.0, 1.25, 1.5, 2.0, 2.5}, a.covariates().get("price"), 1e-12);
        assertArrayEquals(new double[]{1, 0, 0, 0.5, 1}, a.covariates().get("promo"), 1e-12);
        assertEquals(java.util.List.of("price", "promo"), java.util.List.copyOf(a.covariates().keySet()));
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("covariate 'price'")), d.notes().toString());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("ignored column comment")), d.notes().toString());
        DataException e = assertThrows(DataException.class,
                () -> new CsvSeriesReader(CsvOptions.defaults().withCovariates(java.util.List.of("cost"))).read(p));
        assertTrue(e.getMessage().contains("cov.csv:1: no covariate column 'cost'"), e.getMessage());
        DataException strict = assertThrows(DataException.class, () -> new CsvSeriesReader(CsvOptions.defaults()
                .withCovariates(java.util.List.of("price")).withMissing(dev.recur.connectors.MissingPolicy.ERROR)).read(p));
        assertTrue(strict.getMessage().contains("missing"), strict.getMessage());
    }

    @Test
    void futureRowsCarryTheKnownCovariatesOfTheHorizon() throws Exception {
        Path p = write("future.csv", String.join("\n",
                "unique_id,ds,y,price,promo",
                "a,1,10,1.0,0", "a,2,,1.0,1", "a,3,12,1.2,0", "a,4,13,1.3,1",
                "a,5,,1.4,0", "a,6,,1.5,1",
                "b,1,20,2.0,0", "b,2,21,2.1,0", "b,3,22,2.2,1",
                "b,4,,,1", "b,5,,,0", ""));
        SeriesData d = new CsvSeriesReader(CsvOptions.defaults().withCovariates(java.util.List.of("price"))
                .withFutureCovariates(java.util.List.of("promo"))).read(p);
        TimeSeries a = d.series().get(0);
        assertArrayEquals(new double[]{10, 11, 12, 13}, a.values(), 1e-12);   // the inner gap is interpolated
        assertArrayEquals(new double[]{0, 1, 0, 1}, a.covariates().get("promo"), 1e-12);
        assertArrayEquals(new double[]{0, 1}, a.future().get("promo"), 1e-12);
        assertEquals(java.util.Set.of("promo"), a.future().keySet());
        TimeSeries b = d.series().get(1);
        assertEquals(3, b.length());
        assertArrayEquals(new double[]{1, 0}, b.future().get("promo"), 1e-12);
        // without --future-covariates the empty values after the last are not part of the series: it ends at its
        // last value (they were filled with it, a made-up flat end)
        SeriesData plain = new CsvSeriesReader(CsvOptions.defaults().withCovariates(java.util.List.of("promo"))).read(p);
        assertEquals(4, plain.series().get(0).length());
        assertEquals(3, plain.series().get(1).length());
    }
}
