package dev.recur.plugin.cli;

import dev.recur.engine.io.Checksums;
import dev.recur.engine.codec.protos.ForecasterModelProto;
import dev.recur.engine.codec.protos.NetworkProto;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a careless or hostile user can do to a run: outputs over inputs or over each other, crafted and
 * damaged model files, absurd sizes, unwritable folders, failures half-way, huge lines and values, control
 * characters. Each case fails with one line and exit 2 (or works), and loses nothing.
 */
class ReliabilityTest {

    @TempDir
    static Path shared;
    static Path model;
    static Path air;

    @BeforeAll
    static void trainOnce() throws IOException {
        air = RecurCliTest.resource(shared, "air-passengers.csv");
        model = shared.resolve("air.recur");
        RecurCliTest.Run t = RecurCliTest.run("train", "--input", air.toString(), "--horizon", "6", "--hidden", "4",
                "--epochs", "1", "--seed", "1", "--save", model.toString(), "--quiet");
        assertEquals(0, t.code(), t.err());
    }

    /** One line on standard error, starting "recur: ", no stack trace, at most a few hundred characters. */
    static void oneLineError(RecurCliTest.Run r, String expected) {
        assertEquals(2, r.code(), r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.startsWith("recur: "), err);
        assertFalse(err.contains("\tat "), err);
        assertTrue(err.length() < 600, "short: " + err.length() + " characters");
        assertTrue(err.contains(expected), err);
    }

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void predictRefusesToWriteOverTheModelFile(@TempDir Path dir) throws IOException {
        Path m = Files.copy(model, dir.resolve("m.recur"));
        byte[] before = Files.readAllBytes(m);
        RecurCliTest.Run r = RecurCliTest.run("predict", "--model-file", m.toString(), "--input", air.toString(),
                "--output", m.toString(), "--quiet");
        oneLineError(r, "is the --model-file");
        assertArrayEquals(before, Files.readAllBytes(m));
        // the same file through another path: a symbolic link
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), m);
        r = RecurCliTest.run("predict", "--model-file", m.toString(), "--input", air.toString(), "--output",
                link.toString(), "--quiet");
        oneLineError(r, "refusing to overwrite an input");
        assertArrayEquals(before, Files.readAllBytes(m));
    }

    @Test
    void twoOutputsOfOneRunMayNotNameTheSameFile(@TempDir Path dir) throws IOException {
        Path same = dir.resolve("same.csv");
        RecurCliTest.Run r = RecurCliTest.run("forecast", air.toString(), "--horizon", "6", "--model", "snaive",
                "--output", same.toString(), "--report", dir.resolve(".").resolve("same.csv").toString(), "--quiet");
        oneLineError(r, "is the same file as --output");
        r = RecurCliTest.run("forecast", air.toString(), "--horizon", "6", "--model", "gru", "--output",
                dir.resolve("e.csv").toString(), "--export-onnx", dir.resolve("e.csv").toString(), "--quiet");
        oneLineError(r, "is the same file as --output");
        assertEquals(List.of(), files(dir), "nothing written");
    }

    /** The model file with its first network changed by {@code edit} and a valid checksum, as a crafter would. */
    static Path crafted(Path dir, String name, UnaryOperator<ForecasterModelProto.Builder> edit) throws IOException {
        ForecasterModelProto p = ForecasterModelProto.parseFrom(Files.readAllBytes(model));
        ForecasterModelProto changed = edit.apply(p.toBuilder().clearChecksum()).build();
        Path f = dir.resolve(name);
        Files.write(f, Checksums.seal(changed.toByteArray()));
        return f;
    }

    static ForecasterModelProto.Builder network(ForecasterModelProto.Builder b, UnaryOperator<NetworkProto.Builder> edit) {
        return b.setNetworks(0, edit.apply(b.getNetworks(0).toBuilder()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"layers-max", "layers-10M", "hidden-max", "season-max", "window-max", "horizon-max", "params"})
    void craftedModelFilesAreRefusedBeforeAllocation(String what, @TempDir Path dir) throws IOException {
        Path f = crafted(dir, what + ".recur", b -> switch (what) {
            case "layers-max" -> network(b, n -> n.setNumLayers(Integer.MAX_VALUE));
            case "layers-10M" -> network(b, n -> n.setNumLayers(10_000_000));
            case "hidden-max" -> network(b, n -> n.setHiddenSize(Integer.MAX_VALUE));
            case "season-max" -> b.setSeason(Integer.MAX_VALUE);
            case "window-max" -> b.setWindow(Integer.MAX_VALUE);
            case "horizon-max" -> b.setHorizon(Integer.MAX_VALUE);
            default -> network(b, n -> n.addParameters(1f));
        });
        RecurCliTest.Run p = RecurCliTest.run("predict", "--model-file", f.toString(), "--input", air.toString(),
                "--output", dir.resolve("p.csv").toString(), "--quiet");
        oneLineError(p, "corrupt model");
        assertFalse(p.err().contains("-21474"), "no overflowed products: " + p.err());
        RecurCliTest.Run e = RecurCliTest.run("export-onnx", "--model-file", f.toString(), "--output",
                dir.resolve("m.onnx").toString());
        oneLineError(e, "corrupt model");
        assertFalse(Files.exists(dir.resolve("m.onnx")));
        assertFalse(Files.exists(dir.resolve("p.csv")));
    }

    @Test
    void theSeasonMustFitTheWindowOfASeasonalResidualModel(@TempDir Path dir) throws IOException {
        ForecasterModelProto p = ForecasterModelProto.parseFrom(Files.readAllBytes(model));
        Path f = crafted(dir, "s.recur", b -> b.setResidual(true).setSeason(p.getWindow() + 1));
        oneLineError(RecurCliTest.run("predict", "--model-file", f.toString(), "--input", air.toString(), "--output",
                dir.resolve("p.csv").toString(), "--quiet"), "seasonal residual");
    }

    @Test
    void flippedBytesInTheWeightsAreDetected(@TempDir Path dir) throws IOException {
        byte[] b = Files.readAllBytes(model);
        ForecasterModelProto p = ForecasterModelProto.parseFrom(b);
        assertTrue(p.hasChecksum(), "a new model file has a checksum");
        // flip a bit in the middle of the file: inside the networks' float weights
        for (int at : new int[]{b.length / 2, b.length / 3, b.length - Checksums.TRAILER - 1}) {
            byte[] c = b.clone();
            c[at] ^= 0x10;
            Path f = dir.resolve("flipped-" + at + ".recur");
            Files.write(f, c);
            RecurCliTest.Run r = RecurCliTest.run("predict", "--model-file", f.toString(), "--input", air.toString(),
                    "--output", dir.resolve("p.csv").toString(), "--quiet");
            oneLineError(r, f.getFileName().toString());
            assertFalse(Files.exists(dir.resolve("p.csv")));
        }
    }

    /**
     * The default on one file of series in every odd shape: constant, all zero, negative, in units of 1e15 and 1e-13,
     * intermittent, and of 1, 2 and 5 values. Every series gets a finite forecast in its own units, with intervals
     * within ten times its size (a series in units of 1e-13 was once forecast at a billion times its values, and
     * the constant series' intervals reached 1e10).
     */
    @Test
    void theDefaultForecastsSeriesOfAnyUnitsAndShapeInOneFile(@TempDir Path dir) throws IOException {
        java.util.Random r = new java.util.Random(1);
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        java.util.Map<String, double[]> series = new java.util.LinkedHashMap<>();
        double[] wave = new double[40];
        for (int t = 0; t < wave.length; t++) {
            wave[t] = 10 + Math.sin(t * 0.8) + 0.1 * r.nextGaussian();
        }
        series.put("const", scaled(wave, 0, 5));
        series.put("zeros", scaled(wave, 0, 0));
        series.put("neg", scaled(wave, -10, 0));
        series.put("huge", scaled(wave, 1e14, 0));
        series.put("tiny", scaled(wave, 1e-13, 0));
        series.put("vast", scaled(wave, 1e299, 0));
        double[] inter = new double[40];
        for (int t = 0; t < inter.length; t++) {
            inter[t] = r.nextInt(4) == 0 ? 3 : 0;
        }
        series.put("inter", inter);
        series.put("one", new double[]{7});
        series.put("two", new double[]{1, 2});
        series.put("five", new double[]{0, 2, 4, 6, 8});
        for (java.util.Map.Entry<String, double[]> e : series.entrySet()) {
            for (int t = 0; t < e.getValue().length; t++) {
                csv.append(e.getKey()).append(',').append(t + 1).append(',').append(e.getValue()[t]).append('\n');
            }
        }
        Path in = Files.writeString(dir.resolve("odd.csv"), csv);
        Path out = dir.resolve("f.csv");
        RecurCliTest.Run run = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "6", "--season", "4",
                "--epochs", "3", "--hidden", "8", "--output", out.toString(), "--quiet");
        assertEquals(0, run.code(), run.err());
        List<String> rows = Files.readAllLines(out);
        assertEquals("unique_id,ds,forecast,lower_80,upper_80,lower_95,upper_95,model", rows.get(0));
        assertEquals(1 + 6 * series.size(), rows.size());
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            // 8 significant digits, an exponent beyond 1e15: never hundreds of digits
            assertTrue(Arrays.stream(f).allMatch(x -> x.length() <= 16), row);
            double[] y = series.get(f[0]);
            double size = Arrays.stream(y).map(Math::abs).max().orElse(0);
            size = size > 0 ? size : 1;   // the all-zero series: units of 1
            double point = Double.parseDouble(f[2]);
            double lo = Double.parseDouble(f[5]);
            double hi = Double.parseDouble(f[6]);
            assertTrue(Double.isFinite(point) && Math.abs(point) < 2 * size, row);
            assertTrue(Double.isFinite(lo) && Double.isFinite(hi) && hi - lo < 10 * size, row);
            if (f[0].equals("tiny")) {
                assertTrue(point > 0.5 * y[y.length - 1] && point < 2 * y[y.length - 1], row);
            }
        }
        assertTrue(rows.stream().anyMatch(x -> x.startsWith("one,") && x.endsWith(",naive")), String.join("\n", rows));
        assertTrue(rows.stream().anyMatch(x -> x.startsWith("five,") && x.endsWith(",comb")), String.join("\n", rows));
    }

    @Test
    void forecastsAreWrittenWithEightDigitsAndAnExponentOnlyBeyondPlainRange() {
        assertEquals("123.45679", ForecastCsv.number(123.456789));
        assertEquals("-0.0012345679", ForecastCsv.number(-0.00123456789));
        assertEquals("100", ForecastCsv.number(100.0));
        assertEquals("123456790000000", ForecastCsv.number(123456789012345.0));
        assertEquals("1.2345679E+15", ForecastCsv.number(1234567890123456.0));
        assertEquals("-1.3583332E+300", ForecastCsv.number(-1.35833321e300));
        assertEquals("1.5E-7", ForecastCsv.number(1.5e-7));
        assertEquals("0.0000015", ForecastCsv.number(1.5e-6));
        assertEquals("0", ForecastCsv.number(0.0));
        assertEquals("NaN", ForecastCsv.number(Double.NaN));
        for (double v : new double[]{1.35833321e300, -4.9e-324, 9.99999999e14, 1e15, 2.5e-9}) {
            assertEquals(v, Double.parseDouble(ForecastCsv.number(v)), Math.abs(v) * 1e-7);
        }
    }

    private static double[] scaled(double[] y, double unit, double flat) {
        double[] out = new double[y.length];
        for (int t = 0; t < y.length; t++) {
            out[t] = unit == 0 ? flat : unit * y[t];
        }
        return out;
    }

    @Test
    void aHugeHorizonIsRefusedAtOnce() {
        for (String m : new String[]{"snaive", "ets", "ensemble", "gru"}) {
            oneLineError(RecurCliTest.run("forecast", air.toString(), "--horizon", "100000000", "--model", m,
                    "--output", shared.resolve("h.csv").toString(), "--quiet"), "--horizon must be between 1 and 100000");
        }
        oneLineError(RecurCliTest.run("train", air.toString(), "--horizon", "100000000", "--save",
                shared.resolve("h.recur").toString(), "--quiet"), "--horizon must be between 1 and 100000");
        assertFalse(Files.exists(shared.resolve("h.csv")));
    }

    @Test
    void anUnwritableOutputSaysWhyWithExitTwo(@TempDir Path dir) {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux's /proc");
        RecurCliTest.Run r = RecurCliTest.run("forecast", air.toString(), "--horizon", "6", "--model", "snaive",
                "--output", "/proc/x.csv", "--quiet");
        oneLineError(r, "cannot write in the folder /proc (");
        r = RecurCliTest.run("forecast", air.toString(), "--horizon", "6", "--model", "snaive",
                "--output", dir.resolve("no/such/folder/x.csv").toString(), "--quiet");
        oneLineError(r, "does not exist");
    }

    @Test
    void aFailedRunLeavesNoOutputAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path charts = Files.createDirectory(dir.resolve("charts"));
        // the chart of series H1 cannot be written: a folder has its name
        Files.createDirectory(charts.resolve("H1.png"));
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (String id : new String[]{"H1", "H2"}) {
            for (int t = 1; t <= 60; t++) {
                csv.append(id).append(',').append(t).append(',').append(t % 24 + id.length()).append('\n');
            }
        }
        Path in = Files.writeString(dir.resolve("two.csv"), csv);
        Path out = dir.resolve("out.csv");
        RecurCliTest.Run r = RecurCliTest.run("forecast", in.toString(), "--horizon", "6", "--model", "snaive",
                "--output", out.toString(), "--charts", charts.toString(), "--season", "24", "--quiet");
        oneLineError(r, "H1.png: a folder has that name");
        assertFalse(Files.exists(out), "the forecast CSV is not left behind");
        assertEquals(List.of(charts.resolve("H1.png")), files(charts), "no chart, no temporary file");
        assertEquals(List.of(charts, in), files(dir));
    }

    @Test
    void aVeryLongSeriesIdGetsAChartWithAShortName(@TempDir Path dir) throws IOException {
        String id = "s".repeat(10_000);
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (int t = 1; t <= 30; t++) {
            csv.append(id).append(',').append(t).append(',').append(10 + t % 7).append('\n');
        }
        Path in = Files.writeString(dir.resolve("long-id.csv"), csv);
        Path charts = Files.createDirectory(dir.resolve("charts"));
        RecurCliTest.Run r = RecurCliTest.run("forecast", in.toString(), "--horizon", "3", "--model", "snaive",
                "--season", "7", "--output", dir.resolve("f.csv").toString(), "--charts", charts.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        List<Path> written = files(charts);
        assertEquals(1, written.size());
        assertTrue(written.get(0).getFileName().toString().length() <= ChartFiles.MAX_STEM + 4, written.toString());
    }

    @Test
    void staleTemporaryFilesOfAKilledRunAreRemoved(@TempDir Path dir) throws IOException {
        Path stale = Files.writeString(dir.resolve(".out.csv.recur-123456789.tmp"), "half a file");
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 2 * 86_400_000L));
        Path fresh = Files.writeString(dir.resolve(".other.csv.recur-987654321.tmp"), "a run now in progress");
        Path foreign = Files.writeString(dir.resolve(".out.csv.12345.tmp"), "not ours");
        Files.setLastModifiedTime(foreign, FileTime.fromMillis(System.currentTimeMillis() - 2 * 86_400_000L));
        RecurCliTest.Run r = RecurCliTest.run("forecast", air.toString(), "--horizon", "6", "--model", "snaive",
                "--output", dir.resolve("out.csv").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("removed 1 temporary file older than a day"), r.err());
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh));
        assertTrue(Files.exists(foreign));
    }

    @Test
    void aWideFileOf25000SeriesReads(@TempDir Path dir) throws IOException {
        int n = 25_000;
        StringBuilder csv = new StringBuilder("time");
        for (int s = 0; s < n; s++) {
            csv.append(",sku_").append(s);
        }
        csv.append('\n');
        for (int t = 1; t <= 8; t++) {
            csv.append(t);
            for (int s = 0; s < n; s++) {
                csv.append(',').append((s + t * 3) % 11);
            }
            csv.append('\n');
        }
        assertTrue(csv.indexOf("\n") > 65_536, "the header is longer than 64 KiB");
        Path in = Files.writeString(dir.resolve("wide.csv"), csv);
        RecurCliTest.Run r = RecurCliTest.run("forecast", in.toString(), "--horizon", "2", "--model", "naive",
                "--output", dir.resolve("f.csv").toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        try (Stream<String> lines = Files.lines(dir.resolve("f.csv"))) {
            assertEquals(1 + 2L * n, lines.count());
        }
    }

    @Test
    void aFiveMegabyteBadValueIsQuotedShort(@TempDir Path dir) throws IOException {
        String huge = "x".repeat(5_000_000);
        Path in = Files.writeString(dir.resolve("big.csv"), "date,value\n2020-01-01,1\n2020-01-02," + huge + "\n");
        RecurCliTest.Run r = RecurCliTest.run("forecast", in.toString(), "--horizon", "1", "--output",
                dir.resolve("f.csv").toString(), "--quiet");
        oneLineError(r, "big.csv:3");
        assertTrue(r.err().contains("…"), r.err());
    }

    @Test
    void controlCharactersInIdsAreEscaped(@TempDir Path dir) throws IOException {
        String id = "bad\nid\u001b[31mred";
        Path in = Files.writeString(dir.resolve("ids.csv"), "unique_id,ds,y\n\"" + id + "\",1,5\n\"" + id + "\",1,6\n");
        RecurCliTest.Run r = RecurCliTest.run("forecast", in.toString(), "--horizon", "1", "--output",
                dir.resolve("f.csv").toString(), "--quiet");
        oneLineError(r, "bad\\nid\\u001b[31mred");
        assertFalse(r.err().contains("\u001b"), "no raw escape reaches the terminal");
    }

    @Test
    void aNulByteIsReportedByLine(@TempDir Path dir) throws IOException {
        Path in = dir.resolve("nul.csv");
        Files.write(in, "date,value\n2020-01-01,1\n2020-01-02,\u00002\n".getBytes(StandardCharsets.UTF_8));
        oneLineError(RecurCliTest.run("forecast", in.toString(), "--horizon", "1", "--output",
                dir.resolve("f.csv").toString(), "--quiet"), "nul.csv:3: does not look like a CSV text file");
    }

    @Test
    void sizesAreNotSilentlyChanged() {
        oneLineError(RecurCliTest.run("forecast", air.toString(), "--horizon", "6", "--model", "gru", "--window", "1",
                "--output", shared.resolve("w.csv").toString(), "--quiet"), "--window must be 0");
        oneLineError(RecurCliTest.run("forecast", air.toString(), "--horizon", "6", "--levels", "50,50",
                "--output", shared.resolve("w.csv").toString(), "--quiet"), "--levels lists 50 twice");
        assertFalse(Files.exists(shared.resolve("w.csv")));
    }

    @Test
    void aMistypedH2PathCreatesNoDatabase(@TempDir Path dir) throws IOException {
        Path db = dir.resolve("typo");
        RecurCliTest.Run r = RecurCliTest.run("forecast", "--jdbc-url", "jdbc:h2:" + db, "--table", "sales",
                "--time-column", "ds", "--value-column", "y", "--horizon", "3", "--output", dir.resolve("f.csv").toString(), "--quiet");
        oneLineError(r, "no such H2 database");
        assertEquals(List.of(), files(dir), "no database file created: " + Arrays.toString(dir.toFile().list()));
    }

    @Test
    void theLibraryNamesTheFixAndTheCommandLineItsFlag(@TempDir Path dir) throws IOException {
        Path in = Files.writeString(dir.resolve("gap.csv"), "date,value\n2020-01-01,1\n2020-02-01,2\n2020-04-01,3\n2020-05-01,4\n2020-06-01,5\n2020-07-01,6\n");
        RecurCliTest.Run r = RecurCliTest.run("forecast", in.toString(), "--horizon", "1", "--missing", "error",
                "--output", dir.resolve("f.csv").toString(), "--quiet");
        oneLineError(r, "choose how to fill missing values: interpolate, ffill or drop with --missing");
        r = RecurCliTest.run("forecast", air.toString(), "--horizon", "6", "--model", "gru", "--epochs", "0",
                "--output", dir.resolve("f.csv").toString(), "--quiet");
        oneLineError(r, "--epochs must be at least 1, got 0");
    }
}
