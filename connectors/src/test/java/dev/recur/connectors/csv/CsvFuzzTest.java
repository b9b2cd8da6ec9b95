package dev.recur.connectors.csv;

import dev.recur.connectors.series.SeriesData;
import dev.recur.connectors.DataException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A seeded fuzz test of the CSV reader: mutations of valid files of every layout (long, single, wide, a calendar's
 * grid, straight and transposed, and a pivot table with their totals, a bike share's trips, a long file of several
 * measures, the M5 file's series in rows, fiscal years, month-end closes, a till's export; dates, date-times, steps;
 * quotes, BOMs, gzip, UTF-16), every third counted per day as transactions are, every sixth summed with no id, every
 * other read from a file (with the readings again that name its series by its columns), are either read or refused
 * with one {@link DataException} of one bounded line; no other exception escapes, nothing runs out of memory, nothing hangs.
 */
class CsvFuzzTest {

    static final List<String> SEEDS = List.of(
            "unique_id,ds,y\nH1,1,605\nH1,2,586\nH1,3,586\nH2,1,3\nH2,2,4\nH2,3,5\n",
            "date,value\n1949-01-01,112\n1949-02-01,118\n1949-03-01,132\n1949-04-01,129\n1949-05-01,121\n",
            "time;a;b;c\n2024-01-01T00:00;1;2;3\n2024-01-01T01:00;4;5;6\n2024-01-01T02:00;7;;9\n",
            "\uFEFF\"id\",\"ds\",\"y\",\"price\"\n\"a, b\",2020-01-06,1.5,3\n\"a, b\",2020-01-13,2.5,4\n\"a, b\",2020-01-20,NaN,5\n",
            "ds\ty\n2020-01-01 00:00:00+01:00\t1e3\n2020-01-01 01:00:00+01:00\t-2.5E-3\n2020-01-01 02:00:00+01:00\t7\n",
            "Region,Year,Q1,Q2,Q3,Q4\nNorth,2022,1,2,3,4\nNorth,2023,5,6,7,\nNorth Total,,6,8,10,4\nSouth,2022,9,10,11,12\n"
                    + "Grand Total,,10,12,14,16\nSource: office\n",
            "Region,Month,Sales\nNorth,2023-01,10\nNorth,2023-02,11\nNorth Total,,21\nSouth,2023-01,20\n"
                    + "South,2023-02,21\nGrand Total,,62\n",
            "\"tripduration\",\"starttime\",\"stoptime\",\"bikeid\"\n634,\"2024-01-01 00:09:00\",\"2024-01-01 00:19:34\",17\n"
                    + "95,\"2024-01-02 10:00:00\",\"2024-01-02 10:01:35\",18\n300,\"2024-01-03 23:55:00\",\"2024-01-04 00:00:00\",17\n",
            "Country,Year,Debt,Income\nAustralia,2001,1,10\nAustralia,2002,2,20\nAustralia,2003,3,30\nCanada,2001,4,40\n"
                    + "Canada,2002,5,50\nCanada,2003,6,60\n",
            "id,item_id,dept_id,d_1,d_2,d_3,d_4\nA_1,A,X,0,1,2,3\nB_2,B,Y,5,6,7,8\n",
            "Month,2022,2023,2024\nJan,1,13,25\nFeb,2,14,26\nMar,3,15,\nApr,4,16,\nMay,5,17,\nJun,6,18,\nJul,7,19,\n"
                    + "Aug,8,20,\nSep,9,21,\nOct,10,22,\nNov,11,23,\nDec,12,24,\nAnnual,78,234,\n",
            "Year,Exports\n2016-17,5\n2017-18,6\n2018-19,7\n2019-20,6\n",
            "date,close\n2019-01-31,10\n2019-02-28,11\n2019-03-29,12\n2019-04-30,13\n2019-05-31,12\n",
            "\"Date\",\"Transaction Type\",\"Num\",\"Name\",\"Amount\"\n\"01/02/2024\",\"Invoice\",\"1000\",\"Cust 8\","
                    + "\"3,656.78\"\n\"01/02/2024\",\"Payment\",\"1001\",\"Cust 1\",\"455.97\"\n\"01/03/2024\",\"Invoice\","
                    + "\"1002\",\"Cust 8\",\"(12.00)\"\n\"01/04/2024\",\"Invoice\",\"1003\",\"Cust 1\",\"7.00\"\n");

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void mutatedFilesAreReadOrRefusedWithOneShortLine() throws Exception {
        java.nio.file.Path file = dir.resolve("fuzz.csv");
        SplittableRandom rng = new SplittableRandom(23);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int i = 0;
        int refused = 0;
        for (; i < 20_000 && System.nanoTime() < deadline; i++) {
            byte[] seed = SEEDS.get(rng.nextInt(SEEDS.size())).getBytes(StandardCharsets.UTF_8);
            byte[] b = mutate(seed, rng);
            switch (rng.nextInt(10)) {
                case 0 -> b = gzip(b);
                case 1 -> b = ("\uFEFF" + new String(b, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_16LE);
                default -> {
                }
            }
            try {
                // every third file's rows counted per day, as transactions are; every sixth after the first summed
                // per day, with no column naming series
                CsvSeriesReader reader = i % 3 == 0
                        ? new CsvSeriesReader(CsvOptions.defaults().withFrequency(dev.recur.engine.series.Frequency.DAILY))
                        .withAggregation(dev.recur.connectors.series.Aggregation.COUNT)
                        : i % 6 == 1
                        ? new CsvSeriesReader(CsvOptions.defaults().withFrequency(dev.recur.engine.series.Frequency.DAILY)
                        .withNoId(true)).withAggregation(dev.recur.connectors.series.Aggregation.SUM)
                        : new CsvSeriesReader(CsvOptions.defaults());
                // and every other one read from a file, as the command line reads it: with the second readings that
                // name a file's series by its columns, read its measures, and leave out a row's key
                SeriesData d;
                if (i % 2 == 1) {
                    java.nio.file.Files.write(file, b);
                    d = reader.read(file);
                } else {
                    d = reader.read(new ByteArrayInputStream(b), "fuzz.csv");
                }
                assertTrue(d.series().size() > 0, "read, but no series");
            } catch (DataException e) {
                refused++;
                String shown = dev.recur.engine.io.Shorten.value(e.getMessage());
                assertFalse(e.getMessage().contains("\n"), shown);
                assertTrue(e.getMessage().length() < 1000, e.getMessage().length() + " characters: " + shown
                        + " ... " + e.getMessage().substring(Math.max(0, e.getMessage().length() - 200)));
                assertTrue(e.getMessage().startsWith("fuzz.csv"), shown);
            } catch (Throwable t) {
                fail("iteration " + i + " on " + Arrays.toString(b) + ": " + t, t);
            }
        }
        assertTrue(i >= 1000, i + " iterations");
        assertTrue(refused > 0 && refused < i, refused + " of " + i + " refused");
    }

    static byte[] mutate(byte[] seed, SplittableRandom rng) {
        byte[] b = seed.clone();
        int n = 1 + rng.nextInt(3);
        final byte[] interesting = {',', ';', '"', '\n', '\r', '\t', '-', '.', 'e', '0', '9', ' ', 0, (byte) 0xff, (byte) 0xc3};
        for (int k = 0; k < n && b.length > 0; k++) {
            int at = rng.nextInt(b.length);
            switch (rng.nextInt(6)) {
                case 0 -> b[at] = interesting[rng.nextInt(interesting.length)];
                case 1 -> b[at] = (byte) rng.nextInt(256);
                case 2 -> b = Arrays.copyOf(b, at);
                case 3 -> {  // a line or a cell repeated
                    int len = Math.min(1 + rng.nextInt(20), b.length - at);
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at + len);
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    b = c;
                }
                case 4 -> {  // bytes deleted
                    int len = Math.min(1 + rng.nextInt(8), b.length - at);
                    byte[] c = new byte[b.length - len];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + len, c, at, b.length - at - len);
                    b = c;
                }
                default -> {  // a long run of one character: a huge cell or line
                    byte[] run = new byte[1 + rng.nextInt(100_000)];
                    Arrays.fill(run, interesting[rng.nextInt(interesting.length)]);
                    byte[] c = new byte[b.length + run.length];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(run, 0, c, at, run.length);
                    System.arraycopy(b, at, c, at + run.length, b.length - at);
                    b = c;
                }
            }
        }
        return b;
    }

    static byte[] gzip(byte[] b) throws java.io.IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }
}
