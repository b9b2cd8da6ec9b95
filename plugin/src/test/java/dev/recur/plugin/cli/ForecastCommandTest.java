package dev.recur.plugin.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code recur forecast} and {@code recur evaluate} end to end, and their handling of bad input. */
class ForecastCommandTest {

    @TempDir
    Path dir;

    Path air() throws IOException {
        return Files.move(RecurCliTest.resource(dir, "air-passengers.csv"), dir.resolve("air.csv"));
    }

    /**
     * A spreadsheet's file from much of Europe (semicolons, decimal commas, dates day first with dots) gets its
     * forecasts written the same way, so that the spreadsheet opens them; the numbers are those of the same data
     * written with commas and points.
     */
    @Test
    void aFileOfDecimalCommasGetsItsForecastsInItsOwnDialect() throws IOException {
        List<String> air = Files.readAllLines(air());
        StringBuilder eu = new StringBuilder("Monat;Passagiere\n");
        StringBuilder plain = new StringBuilder("date,value\n");
        for (String row : air.subList(1, air.size())) {
            String[] f = row.split(",");
            java.time.LocalDate d = java.time.LocalDate.parse(f[0]);
            String v = f[1] + ".25";
            eu.append(String.format(java.util.Locale.ROOT, "%02d.%02d.%d", d.getDayOfMonth(), d.getMonthValue(),
                    d.getYear())).append(';').append(v.replace('.', ',')).append('\n');
            plain.append(f[0]).append(',').append(v).append('\n');
        }
        Path euIn = Files.writeString(dir.resolve("eu.csv"), eu);
        Path plainIn = Files.writeString(dir.resolve("plain.csv"), plain);
        for (String model : new String[]{"snaive", "theta"}) {
            Path euOut = dir.resolve("eu-" + model + ".csv");
            Path plainOut = dir.resolve("plain-" + model + ".csv");
            assertEquals(0, RecurCliTest.run("forecast", euIn.toString(), "--horizon", "12", "--model", model,
                    "--output", euOut.toString(), "--quiet").code());
            assertEquals(0, RecurCliTest.run("forecast", plainIn.toString(), "--horizon", "12", "--model", model,
                    "--output", plainOut.toString(), "--quiet").code());
            List<String> e = Files.readAllLines(euOut);
            List<String> p = Files.readAllLines(plainOut);
            assertEquals("Monat;forecast;lower_80;upper_80;lower_95;upper_95;model", e.get(0));
            assertEquals("01.01.1961", e.get(1).split(";")[0]);
            assertEquals(p.size(), e.size());
            for (int i = 1; i < p.size(); i++) {
                String[] pf = p.get(i).split(",");
                String[] ef = e.get(i).split(";");
                for (int k = 1; k < pf.length - 1; k++) {
                    assertEquals(pf[k].replace('.', ','), ef[k], model + " line " + i);
                }
                assertTrue(e.get(i).contains(","), e.get(i));
            }
        }
    }

    @Test
    void forecastsAMonthlySeriesWithIntervals() throws IOException {
        Path in = air();
        Path out = dir.resolve("f.csv");
        RecurCliTest.Run r = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "12", "--model", "snaive",
                "--output", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("date,forecast,lower_80,upper_80,lower_95,upper_95,model", lines.get(0));
        assertEquals(13, lines.size());
        assertTrue(lines.get(1).endsWith(",snaive"), lines.get(1));
        assertTrue(lines.get(1).startsWith("1961-01-01,417,"), lines.get(1));
        assertTrue(lines.get(12).startsWith("1961-12-01,432,"), lines.get(12));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double point = Double.parseDouble(f[1]);
            assertTrue(Double.parseDouble(f[4]) <= Double.parseDouble(f[2]) && Double.parseDouble(f[2]) <= point
                    && point <= Double.parseDouble(f[3]) && Double.parseDouble(f[3]) <= Double.parseDouble(f[5]), line);
        }
    }

    /**
     * A file of one series constant for five years: the default and an explicit {@code ets} give it intervals of no
     * width, with no warning (it had NaN intervals and a warning that the series was too short to backtest), and
     * {@code recur backtest} counts them as covering its constant test values (50% before: ETS forecasts
     * 6.999999999999997).
     */
    @Test
    void aConstantSeriesGetsIntervalsOfNoWidthAndTheyCover() throws IOException {
        StringBuilder csv = new StringBuilder("date,value\n");
        for (int i = 0; i < 60; i++) {
            csv.append(String.format(java.util.Locale.ROOT, "%d-%02d-01,7\n", 2000 + i / 12, i % 12 + 1));
        }
        Path in = Files.writeString(dir.resolve("constant.csv"), csv);
        for (String model : new String[]{"ensemble", "ets"}) {
            Path out = dir.resolve("constant-" + model + ".csv");
            RecurCliTest.Run r = RecurCliTest.run("forecast", in.toString(), "--horizon", "3", "--model", model,
                    "--output", out.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(!r.err().contains("no prediction intervals"), r.err());
            List<String> lines = Files.readAllLines(out);
            assertEquals(4, lines.size());
            for (String line : lines.subList(1, 4)) {
                assertTrue(line.matches("200\\d-\\d\\d-01,7,7,7,7,7,\\w+"), line);
            }
        }
        RecurCliTest.Run b = RecurCliTest.run("backtest", "--input", in.toString(), "--horizon", "3", "--model", "ets",
                "--windows", "2");
        assertEquals(0, b.code(), b.err());
        String said = b.out() + b.err();
        assertTrue(said.contains("coverage 80%: 100.0%") && said.contains("coverage 95%: 100.0%"), said);
    }

    @Test
    void aLongFileOfMeasuresEveryFourYearsIsForecastAtItsOwnYears() throws IOException {
        // Olympic finals by sex, two measures a games (a tsibble as R writes it): every measure of every sex is a
        // series, and its forecasts go on from the last games by four years
        StringBuilder csv = new StringBuilder("\"Year\",\"Sex\",\"Time\",\"Entrants\"\n");
        for (String sex : new String[]{"men", "women"}) {
            for (int y = 1948; y <= 2016; y += 4) {
                csv.append(y).append(",\"").append(sex).append("\",").append(10 + (2016 - y) / 40.0 + sex.length() / 10.0)
                        .append(',').append(8 + y % 3).append('\n');
            }
        }
        Path in = Files.writeString(dir.resolve("finals.csv"), csv);
        Path out = dir.resolve("finals-forecast.csv");
        RecurCliTest.Run r = RecurCliTest.run("forecast", in.toString(), "--horizon", "2", "--model", "naive",
                "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("read column 'Sex' as the series' id and each of the columns 'Time' and 'Entrants' "
                + "as a series of every id"), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("Sex/measure,Year,forecast,lower_80,upper_80,lower_95,upper_95,model", lines.get(0));
        assertEquals(9, lines.size());
        assertTrue(lines.get(1).startsWith("men / Time,2020,10.3,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("men / Time,2024,10.3,"), lines.get(2));
        assertTrue(lines.get(8).startsWith("women / Entrants,2024,8,"), lines.get(8));
    }

    @Test
    void theInputFileMayBeGivenWithoutItsOption() throws IOException {
        Path in = air();
        Path named = dir.resolve("named.csv");
        Path bare = dir.resolve("bare.csv");
        RecurCliTest.Run r = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "12", "--model", "ets",
                "--output", named.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        r = RecurCliTest.run("forecast", in.toString(), "--horizon", "12", "--model", "ets", "--output", bare.toString(),
                "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(named), Files.readString(bare));
        // without --output the forecasts go beside the input
        r = RecurCliTest.run("forecast", in.toString(), "--horizon", "12", "--model", "ets", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(named), Files.readString(dir.resolve("air-forecast.csv")));
        // the same file twice is one input; two different files are an error, with nothing written
        r = RecurCliTest.run("forecast", in.toString(), "--input", in.toString(), "--horizon", "12", "--model", "ets",
                "--output", dir.resolve("twice.csv").toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        Path other = Files.copy(in, dir.resolve("other.csv"));
        Path never = dir.resolve("never.csv");
        r = RecurCliTest.run("forecast", in.toString(), "--input", other.toString(), "--horizon", "12", "--output",
                never.toString());
        assertEquals(2, r.code());
        assertEquals("recur: two input files: " + in + " and --input " + other + "; give one", r.err().strip());
        assertFalse(Files.exists(never));
    }

    @Test
    void reportIsSelfContainedAndEscapesUserText() throws IOException {
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        String[] ids = {"<script>alert('x')</script>", "a&b \"quoted\""};
        for (String id : ids) {
            for (int t = 1; t <= 120; t++) {
                csv.append('"').append(id.replace("\"", "\"\"")).append("\",").append(t).append(',')
                        .append(100 + 10 * Math.sin(t / 3.0) + t % 7).append('\n');
            }
        }
        Path in = Files.writeString(dir.resolve("odd <names>.csv"), csv);
        Path html = dir.resolve("r.html");
        RecurCliTest.Run r = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "6", "--season", "7",
                "--model", "theta", "--output", dir.resolve("f.csv").toString(), "--report", html.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        String page = Files.readString(html);
        assertFalse(page.contains("<script>alert"), "series ids are escaped");
        assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assertTrue(page.contains("a&amp;b &quot;quoted&quot;"));
        assertTrue(page.contains("odd &lt;names&gt;.csv"));
        assertFalse(page.matches("(?s).*(src|href)\\s*=\\s*[\"']?(https?:)?//.*"), "no external resources");
        assertFalse(page.contains("@import") || page.contains("url(http"), "no external styles");
        assertEquals(1, page.split("<script>", -1).length - 1, "only the report's own inline script");
        for (String section : new String[]{"summary", "data", "methods", "coverage", "training", "model-card", "series"}) {
            assertTrue(page.contains("<section id=\"" + section + "\">"), section);
        }
        assertTrue(page.contains("theta (used)"), "leaderboard marks the method used");
        String coverage = page.substring(page.indexOf("<section id=\"coverage\">"));
        coverage = coverage.substring(0, coverage.indexOf("</section>"));
        assertTrue(coverage.contains("<th>MSIS</th>"), coverage);
        assertTrue(coverage.matches("(?s).*<td>80%</td><td>[0-9.]+%</td><td>[0-9.]+</td>.*"), coverage);
    }

    @Test
    void covariatesFromACsvColumnReachTheNetworkAndItsExport() throws Exception {
        java.util.Random r = new java.util.Random(8);
        StringBuilder csv = new StringBuilder("unique_id,ds,y,driver\n");
        for (String id : new String[]{"a", "b"}) {
            double prev = 0;
            for (int t = 1; t <= 150; t++) {
                double x = r.nextGaussian();
                csv.append(id).append(',').append(t).append(',').append(30 + 3 * prev).append(',').append(x).append('\n');
                prev = x;
            }
        }
        Path in = Files.writeString(dir.resolve("cov.csv"), csv);
        Path onnx = dir.resolve("cov.onnx");
        RecurCliTest.Run run = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "1", "--model", "gru",
                "--hidden", "8", "--layers", "1", "--epochs", "2", "--window", "12", "--covariates", "driver",
                "--output", dir.resolve("f.csv").toString(), "--export-onnx", onnx.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("covariates driver"), run.err());
        ai.onnx.proto.OnnxMl.ModelProto model = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertTrue(model.getMetadataPropsList().stream().anyMatch(e -> e.getKey().equals("recur.channels")
                && e.getValue().equals("2")));
        RecurCliTest.Run bad = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "1", "--model",
                "snaive", "--covariates", "price", "--output", dir.resolve("g.csv").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("no covariate column 'price'"), bad.err());
    }

    @Test
    void plannedPromotionsAsFutureRows() throws Exception {
        java.util.Random r = new java.util.Random(3);
        StringBuilder csv = new StringBuilder("unique_id,ds,y,promo\n");
        for (String id : new String[]{"a", "b", "c"}) {
            for (int t = 1; t <= 204; t++) {
                int promo = r.nextDouble() < 0.25 ? 1 : 0;
                String y = t <= 200 ? Double.toString(50 * (1 + 0.8 * promo) + r.nextGaussian()) : "";
                csv.append(id).append(',').append(t).append(',').append(y).append(',').append(promo).append('\n');
            }
        }
        Path in = Files.writeString(dir.resolve("promo.csv"), csv);
        Path out = dir.resolve("f.csv");
        Path onnx = dir.resolve("promo.onnx");
        RecurCliTest.Run run = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "4", "--model", "gru",
                "--hidden", "8", "--layers", "1", "--epochs", "3", "--window", "12", "--future-covariates", "promo",
                "--output", out.toString(), "--export-onnx", onnx.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("known ahead: promo"), run.err());
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.get(1).startsWith("a,201,"), lines.get(1));
        assertEquals(1 + 3 * 4, lines.size());
        ai.onnx.proto.OnnxMl.ModelProto model = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(onnx));
        assertTrue(model.getMetadataPropsList().stream().anyMatch(e -> e.getKey().equals("recur.steps")
                && e.getValue().equals("16")), "window 12 + horizon 4");
        RecurCliTest.Run tooFar = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "6", "--model",
                "gru", "--hidden", "8", "--layers", "1", "--epochs", "1", "--window", "12", "--future-covariates", "promo",
                "--output", dir.resolve("g.csv").toString());
        assertEquals(2, tooFar.code());
        assertTrue(tooFar.err().contains("needs 6 future values of 'promo'"), tooFar.err());
        assertFalse(Files.exists(dir.resolve("g.csv")));

        // the same rows from a database table (future rows with a NULL value) give the same forecasts
        String url = "jdbc:h2:mem:recur_promo;DB_CLOSE_DELAY=-1";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
             java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE promo_sales (unique_id VARCHAR(10), ds BIGINT, y DOUBLE PRECISION, promo INTEGER)");
            try (java.sql.PreparedStatement ins = c.prepareStatement("INSERT INTO promo_sales VALUES (?, ?, ?, ?)")) {
                for (String line : Files.readAllLines(in).subList(1, 1 + 3 * 204)) {
                    String[] f = line.split(",", -1);
                    ins.setString(1, f[0]);
                    ins.setLong(2, Long.parseLong(f[1]));
                    if (f[2].isEmpty()) {
                        ins.setNull(3, java.sql.Types.DOUBLE);
                    } else {
                        ins.setDouble(3, Double.parseDouble(f[2]));
                    }
                    ins.setInt(4, Integer.parseInt(f[3]));
                    ins.executeUpdate();
                }
            }
            Path fromDb = dir.resolve("f-db.csv");
            RecurCliTest.Run db = RecurCliTest.run("forecast", "--jdbc-url", url, "--jdbc-user", "sa", "--table",
                    "promo_sales", "--id-column", "unique_id", "--time-column", "ds", "--value-column", "y",
                    "--horizon", "4", "--model", "gru", "--hidden", "8", "--layers", "1", "--epochs", "3", "--window",
                    "12", "--future-covariates", "promo", "--output", fromDb.toString());
            assertEquals(0, db.code(), db.err());
            assertTrue(db.err().contains("known ahead: PROMO"), db.err());
            List<String> dbLines = Files.readAllLines(fromDb);
            assertEquals(lines.subList(1, lines.size()), dbLines.subList(1, dbLines.size()));
        }
    }

    @Test
    void quantileIntervalsFromTheCommandLine() throws IOException {
        Path in = air();
        Path out = dir.resolve("q.csv");
        RecurCliTest.Run r = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "12", "--model", "gru",
                "--hidden", "8", "--layers", "1", "--epochs", "3", "--intervals", "quantile", "--output", out.toString(),
                "--quiet");
        assertEquals(0, r.code(), r.err());
        for (String line : Files.readAllLines(out).subList(1, 13)) {
            String[] f = line.split(",");
            double[] v = new double[5];
            for (int k = 0; k < 5; k++) {
                v[k] = Double.parseDouble(f[k + 1]);
            }
            // forecast, lower_80, upper_80, lower_95, upper_95
            assertTrue(v[3] <= v[1] && v[1] <= v[0] && v[0] <= v[2] && v[2] <= v[4], line);
        }
        RecurCliTest.Run bad = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "12", "--intervals",
                "bayes", "--output", dir.resolve("b.csv").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("expected conformal or quantile"), bad.err());
    }

    /**
     * {@code --retrain}: a single series is few windows, so the default retrains the network on all of them (its
     * file is {@code on}'s to the byte), {@code off} keeps the early-stopped network's other forecasts, and a
     * value that is neither is a one-line usage error.
     */
    @Test
    void retrainFromTheCommandLine() throws IOException {
        Path in = air();
        java.util.Map<String, List<String>> files = new java.util.HashMap<>();
        for (String when : new String[]{"auto", "on", "off"}) {
            Path out = dir.resolve("retrain-" + when + ".csv");
            RecurCliTest.Run r = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "12", "--model",
                    "gru", "--hidden", "8", "--layers", "1", "--epochs", "3", "--retrain", when, "--output",
                    out.toString(), "--quiet");
            assertEquals(0, r.code(), r.err());
            files.put(when, Files.readAllLines(out));
        }
        assertEquals(files.get("on"), files.get("auto"));
        assertNotEquals(files.get("on"), files.get("off"));
        RecurCliTest.Run bad = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "12", "--retrain",
                "sometimes", "--output", dir.resolve("b.csv").toString());
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("--retrain sometimes: expected auto, on or off"), bad.err());
    }

    /**
     * {@code --window-weights}: the default is {@code alternate} (its file is {@code alternate}'s to the byte), the
     * other three train other networks (air passengers is few windows, so an ensemble of five), and a value that is
     * none of them is a one-line usage error.
     */
    @Test
    void windowWeightsFromTheCommandLine() throws IOException {
        Path in = air();
        java.util.Map<String, List<String>> files = new java.util.HashMap<>();
        String[] kinds = {"default", "alternate", "equal", "mase", "both"};
        for (String how : kinds) {
            Path out = dir.resolve("weights-" + how + ".csv");
            List<String> args = new java.util.ArrayList<>(List.of("forecast", "--input", in.toString(), "--horizon", "12",
                    "--model", "gru", "--hidden", "8", "--layers", "1", "--epochs", "3", "--output", out.toString(),
                    "--quiet"));
            if (!how.equals("default")) {
                args.addAll(List.of("--window-weights", how));
            }
            RecurCliTest.Run r = RecurCliTest.run(args.toArray(new String[0]));
            assertEquals(0, r.code(), r.err());
            files.put(how, Files.readAllLines(out));
        }
        assertEquals(files.get("alternate"), files.get("default"));
        for (int i = 1; i < kinds.length; i++) {
            for (int j = i + 1; j < kinds.length; j++) {
                assertNotEquals(files.get(kinds[i]), files.get(kinds[j]), kinds[i] + " and " + kinds[j]);
            }
        }
        RecurCliTest.Run bad = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "12",
                "--window-weights", "heavy", "--output", dir.resolve("w.csv").toString());
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("--window-weights heavy: expected equal, mase, both or alternate"), bad.err());
    }

    @Test
    void encodingAndQuoteOptions() throws IOException {
        StringBuilder csv = new StringBuilder("date;value\n");
        for (int m = 0; m < 36; m++) {
            csv.append(String.format("'%d-%02d-01';%d%n", 2020 + m / 12, m % 12 + 1, 100 + m % 12));
        }
        Path in = dir.resolve("latin1.csv");
        // A Latin-1 header ("ventes d'été") and quoted dates with ' as the quote character.
        Files.write(in, csv.toString().replace("value", "ventes \u00e9t\u00e9").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Path out = dir.resolve("f.csv");
        RecurCliTest.Run r = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "3", "--model", "snaive",
                "--encoding", "ISO-8859-1", "--quote", "'", "--output", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        // written as the input: semicolons
        assertTrue(Files.readAllLines(out).get(1).startsWith("2023-01-01;100;"), Files.readAllLines(out).toString());
        RecurCliTest.Run bad = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "3", "--model",
                "snaive", "--encoding", "NOPE-1", "--output", dir.resolve("g.csv").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("unknown character encoding"), bad.err());
    }

    @Test
    void pngChartsPerSeries() throws IOException {
        Path in = Files.writeString(dir.resolve("two.csv"), "unique_id,ds,y\n" + series("a/b", 60) + series("a b", 60));
        Path charts = Files.createDirectories(dir.resolve("charts"));
        RecurCliTest.Run r = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "6", "--season", "12",
                "--model", "snaive", "--output", dir.resolve("f.csv").toString(), "--charts", charts.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        for (String name : new String[]{"a_b.png", "a_b-2.png"}) {
            byte[] png = Files.readAllBytes(charts.resolve(name));
            assertTrue(png.length > 5000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', name);
        }
        RecurCliTest.Run missing = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "6", "--model",
                "snaive", "--output", dir.resolve("g.csv").toString(), "--charts", dir.resolve("none").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such folder"), missing.err());
    }

    static String series(String id, int n) {
        StringBuilder b = new StringBuilder();
        for (int t = 1; t <= n; t++) {
            b.append('"').append(id).append("\",").append(t).append(',').append(50 + 10 * Math.sin(t * Math.PI / 6)).append('\n');
        }
        return b.toString();
    }

    @Test
    void reportIsNotWrittenWhenTheInputIsBad() throws IOException {
        Path in = Files.writeString(dir.resolve("bad.csv"), "date,value\n2020-01-01,1\n2020-02-01,x\n");
        Path html = dir.resolve("r.html");
        RecurCliTest.Run r = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "2", "--model",
                "naive", "--output", dir.resolve("f.csv").toString(), "--report", html.toString());
        assertEquals(2, r.code());
        assertFalse(Files.exists(html));
        RecurCliTest.Run same = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "2", "--report",
                in.toString());
        assertEquals(2, same.code());
        assertTrue(same.err().contains("refusing to overwrite"), same.err());
    }

    @Test
    void exportedOnnxReproducesTheForecastCsv() throws Exception {
        Path in = air();
        Path out = dir.resolve("f.csv");
        Path onnx = dir.resolve("air.onnx");
        RecurCliTest.Run r = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "12", "--model", "lstm",
                "--hidden", "8", "--layers", "1", "--epochs", "3", "--ensemble", "3", "--output", out.toString(),
                "--export-onnx", onnx.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("exported lstm"), r.err());
        ai.onnx.proto.OnnxMl.ModelProto model = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(onnx));
        int window = model.getMetadataPropsList().stream().filter(e -> e.getKey().equals("recur.window"))
                .mapToInt(e -> Integer.parseInt(e.getValue())).findFirst().orElseThrow();
        List<String> rows = Files.readAllLines(in);
        float[] last = new float[window];
        for (int i = 0; i < window; i++) {
            last[i] = Float.parseFloat(rows.get(rows.size() - window + i).split(",")[1]);
        }
        List<String> lines = Files.readAllLines(out);
        try (dev.recur.engine.onnxruntime.OnnxPredictor p = dev.recur.engine.onnxruntime.OnnxPredictor.load(onnx,
                dev.recur.engine.onnxruntime.OnnxPredictor.DeviceChoice.CPU, 1, w -> { })) {
            var result = p.run(last, 1, window, 1);
            for (int h = 0; h < 12; h++) {
                String[] f = lines.get(1 + h).split(",");
                // The CSV prints about 6 significant digits.
                assertEquals(Double.parseDouble(f[1]), result.get("forecast").values()[h], 1e-4 * Double.parseDouble(f[1]));
                assertEquals(Double.parseDouble(f[4]), result.get("lower_95").values()[h], 1e-4 * Double.parseDouble(f[4]));
            }
        }
        RecurCliTest.Run bad = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "12", "--model", "ets",
                "--output", dir.resolve("g.csv").toString(), "--export-onnx", dir.resolve("g.onnx").toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--export-onnx needs a neural model"), bad.err());
        assertFalse(Files.exists(dir.resolve("g.csv")));
    }

    @Test
    void neuralForecastOfLongFormatWithIntegerStepsAndEvaluation() throws IOException {
        StringBuilder train = new StringBuilder("unique_id,ds,y\n");
        StringBuilder test = new StringBuilder("unique_id,ds,y\n");
        for (String id : new String[]{"a", "b", "c"}) {
            double level = id.equals("a") ? 100 : id.equals("b") ? 50 : 10;
            for (int t = 1; t <= 240; t++) {
                double y = level * (1 + 0.3 * Math.sin(2 * Math.PI * t / 24)) + t * 0.01 * level;
                (t <= 216 ? train : test).append(id).append(',').append(t).append(',').append(y).append('\n');
            }
        }
        Path tr = Files.writeString(dir.resolve("train.csv"), train);
        Path te = Files.writeString(dir.resolve("test.csv"), test);
        Path out = dir.resolve("f.csv");
        RecurCliTest.Run r = RecurCliTest.run("forecast", "--input", tr.toString(), "--horizon", "24", "--season", "24",
                "--model", "gru", "--hidden", "16", "--layers", "1", "--epochs", "20", "--window", "72", "--output",
                out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("unique_id,ds,forecast,lower_80,upper_80,lower_95,upper_95,model", lines.get(0));
        assertTrue(lines.get(1).startsWith("a,217,") && lines.get(1).endsWith(",gru"), lines.get(1));
        assertEquals(1 + 3 * 24, lines.size());
        RecurCliTest.Run e = RecurCliTest.run("evaluate", "--actuals", te.toString(), "--forecasts", out.toString(),
                "--history", tr.toString(), "--season", "24");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("series 3, horizon 24"), e.out());
        double smape = Double.parseDouble(e.out().replaceAll("(?s).*sMAPE ([0-9.]+).*", "$1"));
        assertTrue(smape < 15, "a smooth seasonal series is forecast sanely (a flat forecast scores ~30): sMAPE " + smape);
        assertTrue(e.out().contains("coverage 80%"), e.out());
        double msis = Double.parseDouble(e.out().replaceAll("(?s).*coverage 95%[^\\n]*MSIS ([0-9.]+).*", "$1"));
        assertTrue(msis > 0 && msis < 50, e.out());
    }

    /** Twelve sales of a till, four a day, each on a row of its own invoice number, after {@code header}. */
    static String till(String header, String middle) {
        StringBuilder csv = new StringBuilder(header).append('\n');
        for (int i = 0; i < 12; i++) {
            csv.append(1001 + i).append(middle).append("2020-01-0").append(1 + i / 4).append(',').append(5 + i)
                    .append('\n');
        }
        return csv.toString();
    }

    static Stream<Arguments> badInput() {
        return Stream.of(
                Arguments.of("empty.csv", "", new String[0], "recur: empty.csv: the file is empty"),
                Arguments.of("header.csv", "date,value\n", new String[0], "recur: header.csv: the file has a header but no data rows"),
                Arguments.of("text.csv", "date,value\n2020-01-01,1\n2020-02-01,x\n", new String[0], "recur: text.csv:3: column 'value': 'x' is not a number"),
                Arguments.of("inf.csv", "date,value\n2020-01-01,1\n2020-02-01,-Infinity\n", new String[0], "recur: inf.csv:3: column 'value': '-Infinity' is infinite"),
                Arguments.of("dup.csv", "date,value\n2020-01-01,1\n2020-01-01,2\n", new String[0], "recur: dup.csv:3: duplicate time in series 'series' (also on line 2); to combine a time's rows "
                        + "(transactions), say how with --aggregate sum|mean|count|min|max|last"),
                Arguments.of("till.csv", till("invoice_id,branch,city,date,total", ",A,Yangon,"), new String[0],
                        "recur: till.csv: none of the 3 series could be read; their times repeat: till.csv:3: duplicate "
                        + "time in series 'total' (also on line 2); column 'invoice_id', each of whose values is on one "
                        + "row, was not read as the series' id: if it is, give it with --id-column; to combine a time's "
                        + "rows (transactions), say how with --aggregate sum|mean|count|min|max|last"),
                Arguments.of("total.csv", till("invoice_id,branch,date,total", ",A,"), new String[]{"--value-column",
                        "total"}, "recur: total.csv:3: duplicate time in series 'series' (also on line 2); the times repeat "
                        + "within column 'branch' too; column 'invoice_id', each of whose values is on one row, was not "
                        + "read as the series' id: if it is, give it with --id-column; to combine a time's rows "
                        + "(transactions), say how with --aggregate sum|mean|count|min|max|last"),
                Arguments.of("badtime.csv", "date,value\n2020-01-01,1\n2020-01-xx,2\n", new String[0], "recur: badtime.csv:3: column 'date': '2020-01-xx' is not a time in the format of the first rows (date)"),
                Arguments.of("ragged.csv", "date,value\n2020-01-01,1,5\n", new String[0], "recur: ragged.csv:2: expected 2 fields as in the header, found 3"),
                Arguments.of("short.csv", "date,value\n2020-01-01,1\n2020-02-01,2\n2020-03-01,3\n", new String[]{"--model", "gru"}, "recur: short.csv: no series has the 33 values that gru needs for horizon 12 (the longest has 3); the default model, ensemble, forecasts every series"),
                Arguments.of("ok1.csv", "date,value\n2020-01-01,1\n2020-02-01,2\n", new String[]{"--model", "prophet"}, "recur: unknown model 'prophet': expected ensemble, auto, gru, lstm, rnn, naive, snaive, drift, mean, naive2, ets, theta, dotm, arima or comb"),
                Arguments.of("ok2.csv", "date,value\n2020-01-01,1\n2020-02-01,2\n", new String[]{"--horizon", "0"}, "recur: --horizon must be between 1 and 100000, got 0"),
                Arguments.of("ok3.csv", "date,value\n2020-01-01,1\n2020-02-01,2\n", new String[]{"--levels", "80,100"}, "recur: --levels must be between 1 and 99, got 100"),
                Arguments.of("ok4.csv", "date,value\n2020-01-01,1\n2020-02-01,2\n", new String[]{"--ema-decay", "1"}, "recur: --ema-decay must be in [0, 1), got 1.0"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("badInput")
    void badInputExitsTwoWithOneLineAndNoOutput(String name, String content, String[] extra, String expected) throws IOException {
        Path in = Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
        Path out = dir.resolve("out.csv");
        String[] base = {"forecast", "--input", in.toString(), "--output", out.toString(), "--quiet"};
        String[] horizon = List.of(extra).contains("--horizon") ? new String[0] : new String[]{"--horizon", "12"};
        String[] args = Stream.of(Stream.of(base), Stream.of(horizon), Stream.of(extra)).flatMap(x -> x)
                .toArray(String[]::new);
        RecurCliTest.Run r = RecurCliTest.run(args);
        assertEquals(2, r.code(), r.err());
        assertEquals(expected, r.err().strip());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        assertFalse(Files.exists(out), "no output file");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left");
        }
        assertEquals(content, Files.readString(in), "input untouched");
    }

    @Test
    void missingFileFolderAndOverwritingTheInput() throws IOException {
        RecurCliTest.Run r = RecurCliTest.run("forecast", "--input", dir.resolve("none.csv").toString(), "--horizon", "3");
        assertEquals(2, r.code());
        assertEquals("recur: " + dir.resolve("none.csv") + ": no such file", r.err().strip());
        r = RecurCliTest.run("forecast", "--input", dir.toString(), "--horizon", "3");
        assertEquals(2, r.code());
        assertEquals("recur: " + dir + ": is a folder, not a CSV file", r.err().strip());
        Path in = air();
        String before = Files.readString(in);
        r = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "3", "--model", "naive", "--output",
                in.toString(), "--quiet");
        assertEquals(2, r.code());
        assertEquals("recur: --output " + in + " is the input file; refusing to overwrite an input", r.err().strip());
        assertEquals(before, Files.readString(in));
        r = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("recur: Missing required parameter for option '--horizon'"), r.err());
    }

    /**
     * A table of two measures a row (units and visits of each store): {@code --value-column units,visits} forecasts
     * each as a series of every store, named by both in the output file and in the forecasts' table.
     */
    @Test
    void severalValueColumnsOfATableAreEachASeriesOfEveryId(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:mem:recur_measures;DB_CLOSE_DELAY=-1";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
             java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE store_days (store VARCHAR(10), sale_date DATE, units DOUBLE PRECISION, visits INT)");
            java.time.LocalDate d0 = java.time.LocalDate.of(2024, 1, 1);
            for (String store : new String[]{"s1", "s2"}) {
                for (int i = 0; i < 28; i++) {
                    st.execute("INSERT INTO store_days VALUES ('" + store + "', DATE '" + d0.plusDays(i) + "', "
                            + (10 + i % 7) + ", " + (100 + 3 * (i % 7)) + ")");
                }
            }
            Path out = dir.resolve("f.csv");
            RecurCliTest.Run r = RecurCliTest.run("forecast", "--jdbc-url", url, "--jdbc-user", "sa", "--table",
                    "store_days", "--id-column", "store", "--time-column", "sale_date", "--value-column", "units,visits",
                    "--horizon", "7", "--model", "snaive", "--output", out.toString(), "--output-table", "kpi_forecast",
                    "--quiet");
            assertEquals(0, r.code(), r.err());
            List<String> lines = Files.readAllLines(out);
            assertTrue(lines.get(0).startsWith("STORE/measure,SALE_DATE,forecast"), lines.get(0));
            assertEquals(List.of("s1 / UNITS", "s1 / VISITS", "s2 / UNITS", "s2 / VISITS"), lines.stream().skip(1)
                    .map(l -> l.substring(0, l.indexOf(','))).distinct().toList());
            // seasonal naive: a week on, the visits of 29 January are those of 22 January (100)
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("s1 / VISITS,2024-01-29,100")), lines.toString());
            try (java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(DISTINCT series_id), MAX(forecast) FROM kpi_forecast "
                    + "WHERE series_id LIKE '% / VISITS'")) {
                rs.next();
                assertEquals(2, rs.getInt(1));
                assertEquals(118.0, rs.getDouble(2), 1e-12);
            }
        }
    }

    @Test
    void readsFromAndWritesToADatabase() throws Exception {
        String url = "jdbc:h2:mem:recur_cli;DB_CLOSE_DELAY=-1";
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "");
             java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE sales (store VARCHAR(10), sale_date DATE, units DOUBLE PRECISION)");
            java.time.LocalDate d0 = java.time.LocalDate.of(2024, 1, 1);
            for (String store : new String[]{"s1", "s2"}) {
                for (int i = 0; i < 60; i++) {
                    st.execute("INSERT INTO sales VALUES ('" + store + "', DATE '" + d0.plusDays(i) + "', " + (10 + i % 7) + ")");
                }
            }
            String[] args = {"forecast", "--jdbc-url", url, "--jdbc-user", "sa", "--table", "sales", "--id-column", "store",
                "--time-column", "sale_date", "--value-column", "units", "--horizon", "7", "--model", "snaive",
                "--output-table", "sales_forecast", "--quiet"};
            RecurCliTest.Run r = RecurCliTest.run(args);
            assertEquals(0, r.code(), r.err());
            r = RecurCliTest.run(args);
            assertEquals(0, r.code(), r.err());
            try (java.sql.ResultSet rs = st.executeQuery("SELECT COUNT(*), MIN(ts), MAX(forecast), MIN(run_id) FROM sales_forecast")) {
                rs.next();
                assertEquals(14, rs.getInt(1), "a re-run replaces its rows");
                assertEquals(java.time.LocalDateTime.of(2024, 3, 1, 0, 0), rs.getObject(2, java.time.LocalDateTime.class));
                assertEquals(16.0, rs.getDouble(3), 1e-12);
                assertEquals("snaive-h7-s42", rs.getString(4));
            }
        }
        RecurCliTest.Run r = RecurCliTest.run("forecast", "--jdbc-url", url, "--table", "sales", "--horizon", "7",
                "--time-column", "sale_date", "--value-column", "units");
        assertEquals(2, r.code());
        assertEquals("recur: give --output FILE.csv or --output-table TABLE for the forecasts", r.err().strip());
        r = RecurCliTest.run("forecast", "--jdbc-url", url, "--input", "x.csv", "--horizon", "7");
        assertEquals("recur: give the input: a CSV file (FILE or --input FILE) or a database (--jdbc-url URL)", r.err().strip());
        r = RecurCliTest.run("forecast", "--jdbc-url", url, "--table", "sales", "--horizon", "7", "--output-table", "f");
        assertEquals("recur: with --jdbc-url name the columns: --time-column and --value-column (and --id-column for many series)",
                r.err().strip());
    }

    @Test
    void missingValuesAreInterpolatedWithAWarning() throws IOException {
        Path in = Files.writeString(dir.resolve("m.csv"), "date,value\n2020-01-01,1\n2020-01-02,NA\n2020-01-03,3\n"
                + "2020-01-04,4\n2020-01-06,6\n2020-01-07,7\n");
        RecurCliTest.Run r = RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "2", "--model", "drift",
                "--season", "1", "--levels", "80", "--output", dir.resolve("o.csv").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("recur: warning: series 'series': interpolated 1 missing value and 1 gap step (first on line 3)"),
                r.err());
        assertTrue(Files.readString(dir.resolve("o.csv")).startsWith("date,forecast,lower_80,upper_80,model\n2020-01-08,8,"));
    }

    /**
     * A file of integer steps (the competitions' files) says nothing of its season: with {@code --season} its gaps are
     * filled with the season's pattern, and a seasonal naive forecast of the missing step's season is that fill, near
     * the peak the series has there every season, not the straight line between its neighbours.
     */
    @Test
    void theSeasonGivenFillsTheGapsOfAFileOfSteps() throws IOException {
        StringBuilder b = new StringBuilder("t,y\n");
        double[] truth = new double[60];
        for (int t = 0; t < 60; t++) {
            truth[t] = 300 + 3 * t + (t % 12 == 7 ? 90 : 0) + 5 * Math.sin(1.3 * t);
            b.append(t + 1).append(',').append(t == 55 ? "" : String.format(java.util.Locale.ROOT, "%.4f", truth[t]))
                    .append('\n');
        }
        Path in = Files.writeString(dir.resolve("steps-gap.csv"), b);
        Path out = dir.resolve("steps-gap-out.csv");
        RecurCliTest.Run r = RecurCliTest.run("forecast", in.toString(), "--horizon", "12", "--season", "12", "--model",
                "snaive", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("recur: warning: series 'series': interpolated 1 missing value (first on line 57) "
                + "with the season's pattern"), r.err());
        // step 56 is missing; its season's next step, 68, is the 8th of the forecast
        String[] row = Files.readAllLines(out).get(8).split(",");
        assertEquals("68", row[0]);
        double forecast = Double.parseDouble(row[1]);
        double line = (truth[54] + truth[56]) / 2;
        assertTrue(Math.abs(forecast - truth[55]) < 0.1 * Math.abs(line - truth[55]),
                "forecast " + forecast + ", the step's true value " + truth[55] + ", a straight line " + line);
        // a season that is none is the option's error, before the file is read, in forecast and in evaluate
        for (String[] args : List.of(new String[]{"forecast", in.toString(), "--horizon", "12", "--season", "-3",
                "--output", dir.resolve("none.csv").toString()}, new String[]{"evaluate", "--actuals", in.toString(),
                "--forecasts", out.toString(), "--history", in.toString(), "--season", "-3"})) {
            RecurCliTest.Run bad = RecurCliTest.run(args);
            assertEquals(2, bad.code(), bad.err());
            assertEquals("recur: --season must be between 1 and 100000, got -3", bad.err().strip());
        }
        assertFalse(Files.exists(dir.resolve("none.csv")));
    }

    /**
     * A value typed with an extra digit is named, with its time, in the log and in the report's data notes, and the
     * run goes on with the data as it is; the same series without it, and its regular seasonal peaks, are not named.
     */
    @Test
    void aValueFarOutsideItsSeriesIsNamed() throws IOException {
        List<String> lines = Files.readAllLines(air());
        Path clean = Files.write(dir.resolve("clean.csv"), lines);
        String[] row = lines.get(100).split(",");
        assertEquals("1957-04-01", row[0]);
        lines.set(100, row[0] + "," + Integer.parseInt(row[1]) * 10);
        Path typo = Files.write(dir.resolve("typo.csv"), lines);
        for (Path in : List.of(clean, typo)) {
            Path report = dir.resolve("r.html");
            RecurCliTest.Run r = RecurCliTest.run("forecast", in.toString(), "--horizon", "12", "--model", "snaive",
                    "--output", dir.resolve("o.csv").toString(), "--report", report.toString(), "--backtest-windows", "0");
            assertEquals(0, r.code(), r.err());
            boolean named = r.err().contains("recur: warning: the value " + Integer.parseInt(row[1]) * 10
                    + " at 1957-04-01 stands out from its neighbours by ");
            assertEquals(in == typo, named, r.err());
            assertEquals(in == typo, r.err().contains("correct it in the input, or give --replace-spikes"), r.err());
            assertEquals(in == typo, Files.readString(report).contains("at 1957-04-01 stands out from its neighbours"));
        }
    }

    /**
     * A last value typed with an extra digit is named in a warning and the report, and forecast from as it is, also
     * with {@code --replace-spikes} (nothing after it tells an error from a change that has just begun).
     */
    @Test
    void aLastValueFarOutsideItsSeriesIsNamedAndKept() throws IOException {
        List<String> lines = Files.readAllLines(air());
        int lastRow = lines.size() - 1;
        String[] row = lines.get(lastRow).split(",");
        assertEquals("1960-12-01", row[0]);
        lines.set(lastRow, row[0] + "," + Integer.parseInt(row[1]) * 10);
        Path typo = Files.write(dir.resolve("last.csv"), lines);
        for (boolean replace : new boolean[]{false, true}) {
            Path report = dir.resolve("last.html");
            Path out = dir.resolve("last-" + replace + ".csv");
            List<String> args = new java.util.ArrayList<>(List.of("forecast", typo.toString(), "--horizon", "12",
                    "--model", "snaive", "--output", out.toString(), "--report", report.toString(),
                    "--backtest-windows", "0"));
            if (replace) {
                args.add("--replace-spikes");
            }
            RecurCliTest.Run r = RecurCliTest.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().contains("recur: warning: the last value, " + Integer.parseInt(row[1]) * 10
                    + " at 1960-12-01, stands out from the one before it by "), r.err());
            assertTrue(r.err().contains("correct it in the input (it is never replaced"), r.err());
            assertTrue(Files.readString(report).contains("at 1960-12-01, stands out from the one before it"));
            // seasonal naive's December is the typed value, with the flag or without
            String december = Files.readAllLines(out).get(12);
            assertTrue(december.startsWith("1961-12-01,"), december);
            assertEquals(Integer.parseInt(row[1]) * 10, Double.parseDouble(december.split(",")[1]), 1e-9);
        }
    }

    /**
     * With {@code --replace-spikes} a value typed with an extra digit in the last year is forecast from as what its
     * neighbours and the season say (the seasonal naive forecast of its month is that value), and the log says from
     * what; without it, from the typed value.
     */
    @Test
    void replaceSpikesForecastsFromWhatTheNeighboursSay() throws IOException {
        List<String> lines = Files.readAllLines(air());
        String[] row = lines.get(136).split(",");
        assertEquals("1960-04-01", row[0]);
        double truth = Double.parseDouble(row[1]);
        lines.set(136, row[0] + "," + Integer.parseInt(row[1]) * 10);
        Path typo = Files.write(dir.resolve("typo.csv"), lines);
        for (boolean replace : new boolean[]{false, true}) {
            Path out = dir.resolve("o-" + replace + ".csv");
            List<String> args = new java.util.ArrayList<>(List.of("forecast", typo.toString(), "--horizon", "12",
                    "--model", "snaive", "--output", out.toString()));
            if (replace) {
                args.add("--replace-spikes");
            }
            RecurCliTest.Run r = RecurCliTest.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            String april = Files.readAllLines(out).get(4);
            assertTrue(april.startsWith("1961-04-01,"), april);
            double f = Double.parseDouble(april.split(",")[1]);
            if (replace) {
                assertTrue(Math.abs(f - truth) < 0.1 * truth, f + " against the true " + truth);
                assertTrue(r.err().contains("at 1960-04-01 stands out") && r.err().contains("instead (--replace-spikes)"),
                        r.err());
            } else {
                assertEquals(10 * truth, f, 1e-9);
            }
        }
    }

    /** A CSV header and a series 'long' of 120 steps: a trend, a season of 4 and noise from {@code seed}. */
    private static StringBuilder longQuarterlySeries(long seed) {
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        java.util.Random rnd = new java.util.Random(seed);
        for (int t = 1; t <= 120; t++) {
            csv.append("long,").append(t).append(',').append(100 + t + 10 * Math.sin(t * Math.PI / 2) + rnd.nextGaussian()).append('\n');
        }
        return csv;
    }

    /**
     * The default's choice is said once: for a file of one group of series it is the run's whole summary, which the
     * command line printed a second time at the end; with several groups the summary, which joins them, is printed
     * at the end.
     */
    @Test
    void theDefaultsChoiceIsSaidOnce() throws IOException {
        StringBuilder csv = longQuarterlySeries(9);
        Path one = Files.writeString(dir.resolve("one-group.csv"), csv);
        Path two = Files.writeString(dir.resolve("two-groups.csv"), csv + "new,1,5\nnew,2,6\n");
        for (Path in : List.of(one, two)) {
            RecurCliTest.Run r = RecurCliTest.run("forecast", in.toString(), "--horizon", "4", "--season", "4",
                    "--hidden", "8", "--layers", "1", "--epochs", "2", "--output", dir.resolve("said.csv").toString());
            assertEquals(0, r.code(), r.err());
            List<String> choices = r.err().lines().filter(l -> l.startsWith("ensemble: 1 series of at least")).toList();
            // one group: its choice, said when made, is the summary; two: the choice, then the summary that joins
            assertEquals(in == one ? 1 : 2, choices.size(), r.err());
            assertTrue(choices.get(choices.size() - 1).endsWith(in == one ? ")"
                    : "; 1 series of fewer than 3 values: naive"), r.err());
        }
    }

    /**
     * The default model on a panel of one long, one short and one two-value series: every series is forecast,
     * the model column and the log say by what, and a method that needs more history than a series has leaves that
     * series to the combination instead of failing the run.
     */
    @Test
    void everySeriesGetsAForecastWhateverItsLength() throws IOException {
        StringBuilder csv = longQuarterlySeries(4);
        for (int t = 1; t <= 9; t++) {
            csv.append("young,").append(t).append(',').append(20 + 2 * t).append('\n');
        }
        csv.append("new,1,5\nnew,2,6\n");
        Path in = Files.writeString(dir.resolve("mixed.csv"), csv);
        Path out = dir.resolve("mixed-forecast.csv");
        RecurCliTest.Run r = RecurCliTest.run("forecast", in.toString(), "--horizon", "4", "--season", "4",
                "--hidden", "8", "--layers", "1", "--epochs", "2", "--output", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(1 + 3 * 4, lines.size());
        assertTrue(lines.get(1).startsWith("long,121,"), lines.get(1));
        String longModel = lines.get(1).substring(lines.get(1).lastIndexOf(',') + 1);
        assertTrue(List.of("gru", "comb", "gru+comb").contains(longModel), lines.get(1));
        assertTrue(lines.get(5).startsWith("young,10,") && lines.get(5).endsWith(",comb"), lines.get(5));
        assertTrue(lines.get(9).startsWith("new,3,6,") && lines.get(9).endsWith(",naive"), lines.get(9));
        assertTrue(r.err().contains("ensemble: 1 series of at least"), r.err());
        assertTrue(r.err().contains("1 series of fewer than 3 values: naive"), r.err());

        // an explicit model too demanding for some series: those get the combination, listed, and the run succeeds
        RecurCliTest.Run g = RecurCliTest.run("forecast", in.toString(), "--horizon", "4", "--season", "4",
                "--model", "ets", "--output", out.toString());
        assertEquals(0, g.code(), g.err());
        assertTrue(g.err().contains("1 series shorter than the 4 values ets needs ('new'): forecast with comb"), g.err());
        lines = Files.readAllLines(out);
        assertTrue(lines.get(1).endsWith(",ets") && lines.get(9).endsWith(",naive"), lines.get(9));

        // every series at the explicit model's minimum, too short to backtest it: the run succeeds, and the
        // intervals are calibrated on comb's backtests, or absent (NaN) where comb cannot be backtested either
        Path four = Files.writeString(dir.resolve("four.csv"), "unique_id,ds,y\na,1,12\na,2,14\na,3,13\na,4,15\n"
                + "b,1,40\nb,2,38\nb,3,45\nb,4,41\n");
        RecurCliTest.Run e = RecurCliTest.run("forecast", four.toString(), "--horizon", "3", "--model", "ets",
                "--output", out.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.err().contains("warning: the intervals of 2 series are calibrated on comb's backtests: the series "
                + "are too short to backtest ets (that needs 5 values)"), e.err());
        lines = Files.readAllLines(out);
        assertEquals(1 + 2 * 3, lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertEquals("ets", f[7], line);
            double point = Double.parseDouble(f[2]);
            assertTrue(Double.parseDouble(f[5]) < Double.parseDouble(f[3]) && Double.parseDouble(f[3]) < point
                    && point < Double.parseDouble(f[4]) && Double.parseDouble(f[4]) < Double.parseDouble(f[6]), line);
        }
        Path three = Files.writeString(dir.resolve("three.csv"), "unique_id,ds,y\na,1,5\na,2,6\na,3,8\n");
        RecurCliTest.Run c = RecurCliTest.run("forecast", three.toString(), "--horizon", "2", "--model", "comb",
                "--output", out.toString());
        assertEquals(0, c.code(), c.err());
        assertTrue(c.err().contains("warning: no prediction intervals for 1 series: the series are too short to "
                + "backtest comb (that needs 4 values)"), c.err());
        lines = Files.readAllLines(out);
        assertTrue(lines.get(1).matches("a,4,[0-9.]+,NaN,NaN,NaN,NaN,comb"), lines.get(1));
    }
    /**
     * A report's layout, one series per row with the months across the header (shorter series' rows ending early),
     * is forecast exactly as the same series in the long layout.
     */
    @Test
    void seriesInRowsAreForecastAsInTheLongLayout() throws IOException {
        java.util.Random rnd = new java.util.Random(5);
        java.time.LocalDate start = java.time.LocalDate.of(2019, 1, 1);
        int months = 40;
        StringBuilder longCsv = new StringBuilder("unique_id,ds,y\n");
        StringBuilder rows = new StringBuilder("unique_id");
        for (int t = 0; t < months; t++) {
            rows.append(',').append(start.plusMonths(t));
        }
        rows.append('\n');
        for (String id : List.of("north", "south", "east")) {
            int from = id.equals("east") ? 12 : 0;
            rows.append(id);
            for (int t = 0; t < months; t++) {
                double y = 100 + t + 10 * Math.sin(t * Math.PI / 6) + rnd.nextDouble();
                String v = t < from ? "" : String.format(java.util.Locale.ROOT, "%.3f", y);
                rows.append(',').append(v);
                if (t >= from) {
                    longCsv.append(id).append(',').append(start.plusMonths(t)).append(',').append(v).append('\n');
                }
            }
            rows.append('\n');
        }
        Path inLong = Files.writeString(dir.resolve("long.csv"), longCsv);
        Path inRows = Files.writeString(dir.resolve("rows.csv"), rows);
        Path outLong = dir.resolve("long-forecast.csv");
        Path outRows = dir.resolve("rows-forecast.csv");
        RecurCliTest.Run l = RecurCliTest.run("forecast", inLong.toString(), "--horizon", "6", "--model", "comb",
                "--output", outLong.toString());
        assertEquals(0, l.code(), l.err());
        RecurCliTest.Run r = RecurCliTest.run("forecast", inRows.toString(), "--horizon", "6", "--model", "comb",
                "--output", outRows.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("read 3 series (rows, monthly)"), r.err());
        List<String> a = Files.readAllLines(outLong);
        List<String> b = Files.readAllLines(outRows);
        assertEquals(1 + 3 * 6, b.size());
        assertEquals(a.subList(1, a.size()), b.subList(1, b.size()));
    }

    /**
     * Transactions (several rows a day, days without any) are forecast as monthly totals with {@code --frequency
     * monthly --aggregate sum}: the same forecasts as the file of those totals, the partial last month left out and
     * forecast; without {@code --aggregate} the repeated days are an error; an unknown aggregation is a usage error.
     */
    @Test
    void transactionsAreForecastAsTotalsPerPeriod() throws IOException {
        StringBuilder tx = new StringBuilder("order_date,amount\n");
        java.util.Map<java.time.YearMonth, Double> totals = new java.util.TreeMap<>();
        java.util.Random random = new java.util.Random(9);
        for (java.time.LocalDate d = java.time.LocalDate.of(2021, 1, 1); d.isBefore(java.time.LocalDate.of(2024, 3, 11));
             d = d.plusDays(1)) {
            for (int k = random.nextInt(4); k > 0; k--) {
                int amount = 5 + random.nextInt(50) + (d.getMonthValue() == 12 ? 30 : 0);
                tx.append(d).append(',').append(amount).append('\n');
                totals.merge(java.time.YearMonth.from(d), (double) amount, Double::sum);
            }
        }
        Path orders = Files.writeString(dir.resolve("orders.csv"), tx);
        Path out = dir.resolve("orders-forecast.csv");
        RecurCliTest.Run run = RecurCliTest.run("forecast", orders.toString(), "--horizon", "6", "--model", "ets",
                "--frequency", "monthly", "--aggregate", "sum", "--output", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("aggregated "), run.err());
        assertTrue(run.err().contains("left out the last period of 1 series"), run.err());
        StringBuilder monthly = new StringBuilder("order_date,amount\n");
        totals.forEach((m, v) -> {
            if (m.isBefore(java.time.YearMonth.of(2024, 3))) {
                monthly.append(m.atDay(1)).append(',').append(v).append('\n');
            }
        });
        Path summed = Files.writeString(dir.resolve("monthly.csv"), monthly);
        Path expected = dir.resolve("monthly-forecast.csv");
        assertEquals(0, RecurCliTest.run("forecast", summed.toString(), "--horizon", "6", "--model", "ets",
                "--output", expected.toString(), "--quiet").code());
        assertEquals(Files.readString(expected), Files.readString(out));
        assertTrue(Files.readAllLines(out).get(1).startsWith("2024-03-01,"));
        // the same transactions as a shop's export has them, each with its order number: the number names no series
        List<String> lines = Files.readAllLines(orders);
        StringBuilder numbered = new StringBuilder("order_id,").append(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            numbered.append(70000 + i).append(',').append(lines.get(i)).append('\n');
        }
        Path withIds = Files.writeString(dir.resolve("orders-with-ids.csv"), numbered);
        Path outIds = dir.resolve("orders-with-ids-forecast.csv");
        RecurCliTest.Run ids = RecurCliTest.run("forecast", withIds.toString(), "--horizon", "6", "--model", "ets",
                "--frequency", "monthly", "--aggregate", "sum", "--output", outIds.toString());
        assertEquals(0, ids.code(), ids.err());
        assertTrue(ids.err().contains("column 'order_id' is not the series' id"), ids.err());
        assertEquals(Files.readString(expected), Files.readString(outIds));
        RecurCliTest.Run repeated = RecurCliTest.run("forecast", orders.toString(), "--horizon", "6");
        assertEquals(2, repeated.code());
        assertTrue(repeated.err().contains("duplicate time") && repeated.err().contains("say how with --aggregate "),
                repeated.err());
        assertEquals(2, RecurCliTest.run("forecast", orders.toString(), "--horizon", "6", "--aggregate", "total").code());
        // timestamped transactions at irregular times need the period: the line says so
        Path stamped = Files.writeString(dir.resolve("stamped.csv"), "ts,amount\n2024-01-01 09:13,5\n"
                + "2024-01-01 17:40,7\n2024-01-02 08:02,1\n2024-01-02 08:59,4\n2024-01-04 13:30,2\n");
        RecurCliTest.Run irregular = RecurCliTest.run("forecast", stamped.toString(), "--horizon", "2", "--aggregate",
                "sum");
        assertEquals(2, irregular.code());
        assertTrue(irregular.err().endsWith("; rows at irregular times are aggregated per period: give the period with "
                + "--frequency\n"), irregular.err());
        assertEquals(0, RecurCliTest.run("forecast", stamped.toString(), "--horizon", "2", "--aggregate", "sum",
                "--frequency", "daily", "--model", "naive", "--output", dir.resolve("s.csv").toString(), "--quiet").code());
        // an accounting export of the same sales, each with its invoice's number and customer: with --no-id the
        // customers' amounts are summed together, as the file of totals; an id given beside it is a usage error
        StringBuilder till = new StringBuilder("Date,Num,Name,Amount\n");
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            till.append(f[0]).append(',').append(1000 + i).append(",Cust ").append(i % 7).append(',').append(f[1])
                    .append('\n');
        }
        Path book = Files.writeString(dir.resolve("till.csv"), till);
        Path outTill = dir.resolve("till-forecast.csv");
        RecurCliTest.Run total = RecurCliTest.run("forecast", book.toString(), "--horizon", "6", "--model", "ets",
                "--frequency", "monthly", "--aggregate", "sum", "--no-id", "--output", outTill.toString());
        assertEquals(0, total.code(), total.err());
        assertTrue(total.err().contains("read no series from columns Num, Name"), total.err());
        assertEquals(Files.readString(expected).replace("order_date", "Date"), Files.readString(outTill));
        RecurCliTest.Run both = RecurCliTest.run("forecast", book.toString(), "--horizon", "6", "--aggregate", "sum",
                "--frequency", "monthly", "--no-id", "--id-column", "Name");
        assertEquals(2, both.code());
        assertEquals("recur: give either --id-column or --no-id\n", both.err());
    }

    /**
     * An OpenDocument spreadsheet of air passengers, made by LibreOffice Calc 7.4 from the CSV file
     * ({@code soffice --headless --convert-to ods air-passengers.csv}: months as date cells), is forecast as the CSV
     * file is, to every digit, into {@code air-passengers-forecast.csv} beside it by default.
     */
    @Test
    void anOpenDocumentSpreadsheetIsForecastAsItsCsv() throws IOException {
        Path csv = air();
        Path book = RecurCliTest.resource(dir, "air-passengers.ods");
        RecurCliTest.Run fromBook = RecurCliTest.run("forecast", book.toString(), "--horizon", "12", "--model", "ets");
        assertEquals(0, fromBook.code(), fromBook.err());
        assertTrue(fromBook.err().startsWith("recur: warning: read sheet 'air-passengers' of the OpenDocument "
                + "spreadsheet air-passengers.ods (its rows as lines)\n"), fromBook.err());
        Path out = dir.resolve("air-passengers-forecast.csv");
        assertTrue(Files.exists(out));
        RecurCliTest.Run fromCsv = RecurCliTest.run("forecast", csv.toString(), "--horizon", "12", "--model", "ets",
                "--output", dir.resolve("csv-forecast.csv").toString());
        assertEquals(0, fromCsv.code(), fromCsv.err());
        assertEquals(Files.readString(dir.resolve("csv-forecast.csv")), Files.readString(out));
        // --sheet names the sheet: by name the same forecasts; one it has not, and a CSV input, are one-line errors
        Path named = dir.resolve("named.csv");
        assertEquals(0, RecurCliTest.run("forecast", book.toString(), "--sheet", "AIR-PASSENGERS", "--horizon", "12",
                "--model", "ets", "--output", named.toString(), "--quiet").code());
        assertEquals(Files.readString(out), Files.readString(named));
        RecurCliTest.Run missing = RecurCliTest.run("forecast", book.toString(), "--sheet", "2", "--horizon", "12");
        assertEquals(2, missing.code());
        assertEquals("recur: air-passengers.ods: no sheet '2'; its sheets are 'air-passengers' (give a name or a "
                + "number from 1)\n", missing.err());
        RecurCliTest.Run plain = RecurCliTest.run("forecast", csv.toString(), "--sheet", "2", "--horizon", "12");
        assertEquals(2, plain.code());
        assertEquals("recur: air.csv: a sheet ('2') was asked for, but the file is no workbook (.xlsx, .xls or .ods)\n",
                plain.err());
    }

    /**
     * An Excel workbook of air passengers (made here with Apache POI, months as date cells shown as "Jan 1949"):
     * forecast as the CSV file is, to every digit, into {@code air-forecast.csv} beside it by default, and nothing
     * but Recur's own lines on the terminal (POI's logging goes nowhere).
     */
    @Test
    void anExcelWorkbookIsForecastAsItsCsv() throws IOException {
        Path csv = air();
        Path book = dir.resolve("air.xlsx");
        List<String> lines = Files.readAllLines(csv);
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            org.apache.poi.ss.usermodel.CellStyle month = wb.createCellStyle();
            month.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("mmm yyyy"));
            org.apache.poi.ss.usermodel.Sheet sheet = wb.createSheet("Passengers");
            for (int r = 0; r < lines.size(); r++) {
                String[] f = lines.get(r).split(",");
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(r);
                if (r == 0) {
                    row.createCell(0).setCellValue(f[0]);
                    row.createCell(1).setCellValue(f[1]);
                    continue;
                }
                org.apache.poi.ss.usermodel.Cell c = row.createCell(0);
                c.setCellValue(java.time.LocalDate.parse(f[0]));
                c.setCellStyle(month);
                row.createCell(1).setCellValue(Double.parseDouble(f[1]));
            }
            try (java.io.OutputStream out = Files.newOutputStream(book)) {
                wb.write(out);
            }
        }
        RecurCliTest.Run fromBook = RecurCliTest.run("forecast", book.toString(), "--horizon", "12", "--model", "ets");
        assertEquals(0, fromBook.code(), fromBook.err());
        assertTrue(fromBook.err().startsWith("recur: warning: read sheet 'Passengers' of the Excel workbook air.xlsx "
                + "(its rows as lines)\n"), fromBook.err());
        assertFalse(fromBook.err().toLowerCase(java.util.Locale.ROOT).contains("log4j"), fromBook.err());
        Path out = dir.resolve("air-forecast.csv");
        assertTrue(Files.exists(out));
        String fromWorkbook = Files.readString(out);
        RecurCliTest.Run fromCsv = RecurCliTest.run("forecast", csv.toString(), "--horizon", "12", "--model", "ets",
                "--output", dir.resolve("csv-forecast.csv").toString());
        assertEquals(0, fromCsv.code(), fromCsv.err());
        assertEquals(Files.readString(dir.resolve("csv-forecast.csv")), fromWorkbook);
    }

    /**
     * A file of monthly, quarterly and yearly series: every series is forecast, each frequency's series together
     * with its own season and dates, exactly as a file of that frequency's series alone; the report shows every
     * series and compares the methods on each frequency's as on a file of them alone; {@code recur evaluate} scores
     * the forecast file.
     */
    @Test
    void aFileOfSeveralFrequenciesHasEverySeriesForecastAtItsOwn() throws IOException {
        java.util.Random rnd = new java.util.Random(11);
        java.time.LocalDate start = java.time.LocalDate.of(2015, 1, 1);
        StringBuilder monthly = new StringBuilder();
        StringBuilder quarterly = new StringBuilder();
        StringBuilder yearly = new StringBuilder();
        StringBuilder future = new StringBuilder("unique_id,ds,y\n");
        for (String id : List.of("m1", "m2")) {
            for (int i = 0; i < 52; i++) {
                String row = id + "," + start.plusMonths(i) + "," + (100 + i + 10 * Math.sin(i * Math.PI / 6)
                        + rnd.nextDouble()) + "\n";
                (i < 48 ? monthly : future).append(row);
            }
        }
        for (String id : List.of("q1", "q2")) {
            for (int i = 0; i < 24; i++) {
                String row = id + "," + start.plusMonths(3L * i) + "," + (50 + 2 * i + 8 * (i % 4 == 3 ? 1 : 0)
                        + rnd.nextDouble()) + "\n";
                (i < 20 ? quarterly : future).append(row);
            }
        }
        for (int i = 0; i < 14; i++) {
            String row = "y1," + start.plusYears(i - 10) + "," + (300 + 5 * i + rnd.nextDouble()) + "\n";
            (i < 10 ? yearly : future).append(row);
        }
        String header = "unique_id,ds,y\n";
        Path in = Files.writeString(dir.resolve("mix.csv"), header + monthly + quarterly + yearly);
        Path out = dir.resolve("mix-forecast.csv");
        Path report = dir.resolve("mix.html");
        RecurCliTest.Run r = RecurCliTest.run("forecast", in.toString(), "--horizon", "4", "--model", "comb",
                "--output", out.toString(), "--report", report.toString(), "--backtest-windows", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: 2 series are quarterly ('q1', 'q2') and 1 yearly ('y1'), not monthly as "
                + "the others: each read at its own frequency"), r.err());
        assertTrue(r.err().contains("read 5 series (long, monthly; 3 of another frequency)"), r.err());
        assertTrue(r.err().contains("2 quarterly series, forecast apart from the monthly ones: season 4, horizon 4 "
                + "quarterly steps"), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(1 + 5 * 4, lines.size());
        assertTrue(lines.get(9).startsWith("q1,2020-01-01,") && lines.get(10).startsWith("q1,2020-04-01,"),
                lines.toString());
        assertTrue(lines.get(17).startsWith("y1,2015-01-01,") && lines.get(20).startsWith("y1,2018-01-01,"),
                lines.toString());
        // each frequency's rows are those of its series forecast alone
        for (StringBuilder part : List.of(monthly, quarterly, yearly)) {
            Path alone = Files.writeString(dir.resolve("alone.csv"), header + part);
            Path aloneOut = dir.resolve("alone-forecast.csv");
            RecurCliTest.Run a = RecurCliTest.run("forecast", alone.toString(), "--horizon", "4", "--model", "comb",
                    "--output", aloneOut.toString(), "--quiet");
            assertEquals(0, a.code(), a.err());
            List<String> rows = Files.readAllLines(aloneOut).subList(1, 1 + (part == yearly ? 1 : 2) * 4);
            assertTrue(lines.containsAll(rows), rows + " in " + lines);
        }
        // the report: every series, and each other frequency's series in a part of their own, backtested at their
        // season as a file of them alone is
        String html = Files.readString(report);
        assertEquals(5, occurrences(html, "<section class=\"one\""), "a section per series");
        assertTrue(html.contains("<tr><td><a href=\"#s2\">q1</a></td><td>quarterly</td>"), "the index names frequencies");
        assertTrue(html.contains("<th>Frequency</th><td>monthly (and 2 quarterly and 1 yearly series)</td>"), html);
        assertTrue(html.contains("<th>Season</th><td>12 (4 for the quarterly, 1 for the yearly series)</td>"), html);
        assertTrue(html.contains("<section id=\"part-1\"><h2>Quarterly series</h2>")
                && html.contains("<section id=\"part-2\"><h2>Yearly series</h2>"), "a part per other frequency");
        java.util.Set<String> ids = new java.util.HashSet<>();
        java.util.regex.Matcher id = java.util.regex.Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
        while (id.find()) {
            assertTrue(ids.add(id.group(1)), "element id used twice: " + id.group(1));
        }
        String[] partOf = {"", "<section id=\"part-1\">", "<section id=\"part-2\">"};
        StringBuilder[] parts = {monthly, quarterly, yearly};
        for (int k = 0; k < 3; k++) {
            Path file = Files.writeString(dir.resolve("alone.csv"), header + parts[k]);
            Path aloneReport = dir.resolve("alone.html");
            RecurCliTest.Run a = RecurCliTest.run("forecast", file.toString(), "--horizon", "4", "--model", "comb",
                    "--output", dir.resolve("alone-forecast.csv").toString(), "--report", aloneReport.toString(),
                    "--backtest-windows", "1", "--quiet");
            assertEquals(0, a.code(), a.err());
            String expected = methodsTable(Files.readString(aloneReport), "<section id=\"methods\">");
            assertEquals(expected, methodsTable(html, k == 0 ? "<section id=\"methods\">" : partOf[k]),
                    "the methods compared on the " + parts[k].substring(0, 2) + " series");
        }
        // `recur report` from the saved forecasts shows the same parts
        Path fromSaved = dir.resolve("mix-saved.html");
        RecurCliTest.Run rs = RecurCliTest.run("report", "--input", in.toString(), "--forecasts", out.toString(),
                "--output", fromSaved.toString(), "--backtest-windows", "1", "--quiet");
        assertEquals(0, rs.code(), rs.err());
        String savedHtml = Files.readString(fromSaved);
        assertEquals(5, occurrences(savedHtml, "<section class=\"one\""), "a section per series");
        assertTrue(savedHtml.contains("<section id=\"part-2\"><h2>Yearly series</h2>"), "a part per other frequency");

        Path actuals = Files.writeString(dir.resolve("actuals.csv"), future.toString());
        RecurCliTest.Run e = RecurCliTest.run("evaluate", "--actuals", actuals.toString(), "--forecasts",
                out.toString(), "--history", in.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().startsWith("series 5, horizon 4\n"), e.out());

        // the default model on the same file: every series forecast
        RecurCliTest.Run d = RecurCliTest.run("forecast", in.toString(), "--horizon", "4", "--hidden", "8",
                "--layers", "1", "--epochs", "2", "--output", out.toString(), "--export-onnx",
                dir.resolve("mix.onnx").toString());
        assertEquals(0, d.code(), d.err());
        assertEquals(1 + 5 * 4, Files.readAllLines(out).size());
        assertTrue(d.err().contains("warning: not exported to ONNX: the file's series of 3 frequencies were forecast by "
                + "one model each (`recur train` saves a network per frequency"), d.err());
        assertFalse(Files.exists(dir.resolve("mix.onnx")));

        // `recur backtest` backtests each frequency's series at their own season: a block per frequency, each what
        // the frequency's series alone print
        RecurCliTest.Run b = RecurCliTest.run("backtest", in.toString(), "--horizon", "4", "--model", "comb",
                "--windows", "2", "--quiet");
        assertEquals(0, b.code(), b.err());
        StringBuilder blocks = new StringBuilder();
        for (StringBuilder part : List.of(monthly, quarterly, yearly)) {
            Path alone = Files.writeString(dir.resolve("alone.csv"), header + part);
            RecurCliTest.Run a = RecurCliTest.run("backtest", alone.toString(), "--horizon", "4", "--model", "comb",
                    "--windows", "2", "--quiet");
            assertEquals(0, a.code(), a.err());
            String frequency = part == monthly ? "monthly" : part == quarterly ? "quarterly" : "yearly";
            blocks.append(part == monthly ? "" : "\n").append(frequency).append(" series (")
                    .append(part == yearly ? 1 : 2).append(" of 5):\n").append(a.out());
        }
        assertEquals(blocks.toString(), b.out());
        assertTrue(b.out().contains("comb on 2 series, horizon 4, season 4\n"), b.out());

        // `recur predict` with the networks trained on the file (one for its monthly series, one for its quarterly
        // ones; the yearly series is too short for one): the yearly series gets comb at its own season, the points
        // of `recur forecast --model comb`
        Path saved = dir.resolve("mix.recur");
        RecurCliTest.Run t = RecurCliTest.run("train", in.toString(), "--horizon", "4", "--model", "gru", "--hidden",
                "8", "--layers", "1", "--epochs", "2", "--save", saved.toString(), "--quiet");
        assertEquals(0, t.code(), t.err());
        Path predicted = dir.resolve("mix-predicted.csv");
        RecurCliTest.Run p = RecurCliTest.run("predict", in.toString(), "--model-file", saved.toString(), "--output",
                predicted.toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.err().contains("1 of 5 series forecast with comb (naive below 3 values), as the model cannot "
                + "forecast them: series 'y1' is yearly data, the file's others monthly, and the model holds no network "
                + "for it"), p.err());
        List<String> byNetwork = Files.readAllLines(predicted);
        assertEquals(1 + 5 * 4, byNetwork.size());
        Path combOut = dir.resolve("mix-comb.csv");
        assertEquals(0, RecurCliTest.run("forecast", in.toString(), "--horizon", "4", "--model", "comb", "--output",
                combOut.toString(), "--quiet").code());
        List<String> byComb = Files.readAllLines(combOut);
        for (int i = 1; i < byNetwork.size(); i++) {
            String[] pr = byNetwork.get(i).split(",");
            String[] cr = byComb.get(i).split(",");
            assertEquals(cr[0] + "," + cr[1], pr[0] + "," + pr[1]);
            if (!pr[0].startsWith("y")) {
                assertEquals("gru", pr[pr.length - 1]);
            } else {
                assertEquals("comb", pr[pr.length - 1]);
                assertEquals(cr[2], pr[2], "point forecast of " + pr[0] + " at " + pr[1]);
            }
        }
    }

    private static int occurrences(String s, String part) {
        int n = 0;
        for (int at = s.indexOf(part); at >= 0; at = s.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    /** The first table after {@code from} in a report: its methods compared. */
    private static String methodsTable(String html, String from) {
        int at = html.indexOf("<table class=\"grid\">", html.indexOf(from));
        return html.substring(at, html.indexOf("</table>", at));
    }

    /**
     * A series that cannot be read (a value that is not a number, no values at all) is left out with a warning that
     * says why, listed in the report, and the others are forecast with exit code 0; {@code --strict} makes it an
     * error of the run, with nothing written; a file none of whose series can be read fails.
     */
    @Test
    void aBadSeriesIsLeftOutWithAWarningAndTheOthersAreForecast() throws IOException {
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (int t = 1; t <= 24; t++) {
            csv.append("good,").append(t).append(',').append(10 + t % 4).append('\n');
            csv.append("typo,").append(t).append(',').append(t == 7 ? "1O" : Integer.toString(t)).append('\n');
            csv.append("empty,").append(t).append(",NA\n");
        }
        Path in = Files.writeString(dir.resolve("panel.csv"), csv);
        Path out = dir.resolve("f.csv");
        Path report = dir.resolve("r.html");
        RecurCliTest.Run r = RecurCliTest.run("forecast", in.toString(), "--horizon", "4", "--season", "4", "--model",
                "snaive", "--output", out.toString(), "--report", report.toString(), "--backtest-windows", "0", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals("recur: warning: series 'typo' left out: panel.csv:21: column 'y': '1O' is not a number\n"
                + "recur: warning: series 'empty' left out: panel.csv: series 'empty' has no values in column 'y'",
                r.err().strip());
        List<String> lines = Files.readAllLines(out);
        assertEquals(1 + 4, lines.size());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith("good,")), lines.toString());
        String html = Files.readString(report);
        assertTrue(html.contains("1 (and 2 left out, unreadable)"), "data table");
        assertTrue(html.contains("<li>typo: panel.csv:21: column &#39;y&#39;: &#39;1O&#39; is not a number</li>"),
                "skipped list");

        Files.delete(out);
        RecurCliTest.Run strict = RecurCliTest.run("forecast", in.toString(), "--horizon", "4", "--season", "4",
                "--model", "snaive", "--output", out.toString(), "--strict", "--quiet");
        assertEquals(2, strict.code(), strict.err());
        assertEquals("recur: panel.csv:21: column 'y': '1O' is not a number", strict.err().strip());
        assertFalse(Files.exists(out));

        Path none = Files.writeString(dir.resolve("none.csv"), "unique_id,ds,y\na,1,x\na,2,1\nb,1,NA\nb,2,NA\n");
        RecurCliTest.Run nothing = RecurCliTest.run("forecast", none.toString(), "--horizon", "2", "--output",
                out.toString(), "--quiet");
        assertEquals(2, nothing.code(), nothing.err());
        assertEquals("recur: none.csv: none of the 2 series could be read; the first: none.csv:2: column 'y': 'x' is "
                + "not a number", nothing.err().strip());
        assertFalse(Files.exists(out));
    }

    @Test
    void autoChoosesByLengthGroupAndLabelsEverySeries() throws IOException {
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        java.util.Random r = new java.util.Random(5);
        for (int s = 0; s < 34; s++) {
            int n = s < 30 ? 40 : 9;
            for (int t = 0; t < n; t++) {
                csv.append(String.format(java.util.Locale.ROOT, "%s%d,%d,%.3f%n", n == 40 ? "L" : "S", s, t + 1,
                        100 + 10 * Math.sin(2 * Math.PI * t / 4) + 0.5 * t + r.nextGaussian()));
            }
        }
        Path in = Files.writeString(dir.resolve("panel.csv"), csv);
        Path out = dir.resolve("auto.csv");
        RecurCliTest.Run run = RecurCliTest.run("forecast", in.toString(), "--horizon", "4", "--season", "4", "--model", "auto",
                "--auto-windows", "2", "--hidden", "8", "--layers", "1", "--epochs", "1", "--samples-per-epoch", "200", "--ensemble", "1",
                "--output", out.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("auto chose"), run.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(1 + 34 * 4, lines.size());
        java.util.Set<String> longLabels = new java.util.HashSet<>();
        for (String line : lines.subList(1, lines.size())) {
            String label = line.substring(line.lastIndexOf(',') + 1);
            if (line.startsWith("L")) {
                longLabels.add(label);
            } else {
                // the 4 short series are too few for a group of their own: the statistical combination
                assertEquals("comb", label, line);
            }
        }
        assertEquals(1, longLabels.size(), "one choice for the 30 long series: " + longLabels);
        assertTrue(java.util.List.of("gru", "ets", "theta", "arima", "comb", "snaive").containsAll(longLabels), longLabels.toString());
    }

    /**
     * Sales that fall towards zero: drift forecasts them below zero. By default every forecast and bound of that
     * never-negative series is the allowed one floored at zero, and the series that once went below zero keeps its
     * negative forecasts; {@code recur backtest} scores the floored forecasts (a lower MASE than allowed ones).
     */
    @Test
    void neverNegativeSeriesAreForecastAtOrAboveZeroUnlessNegativesAreAllowed() throws IOException {
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (int t = 0; t < 40; t++) {
            csv.append("falling,").append(t + 1).append(',').append(Math.max(0, 150 - 4 * t)).append('\n');
        }
        for (int t = 0; t < 40; t++) {
            csv.append("signed,").append(t + 1).append(',').append(t == 2 ? -1 : 80 - 2 * t).append('\n');
        }
        Path in = Files.writeString(dir.resolve("sales.csv"), csv);
        Path floored = dir.resolve("floored.csv");
        Path allowed = dir.resolve("allowed.csv");
        for (Path out : List.of(floored, allowed)) {
            List<String> args = new java.util.ArrayList<>(List.of("forecast", in.toString(), "--horizon", "12",
                    "--model", "drift", "--output", out.toString(), "--quiet"));
            if (out == allowed) {
                args.add("--allow-negative");
            }
            RecurCliTest.Run r = RecurCliTest.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
        }
        List<String> a = Files.readAllLines(allowed);
        List<String> f = Files.readAllLines(floored);
        assertEquals(a.size(), f.size());
        boolean belowZero = false;
        for (int i = 1; i < a.size(); i++) {
            String[] x = a.get(i).split(",");
            String[] y = f.get(i).split(",");
            for (int c = 2; c <= 6; c++) {
                double allowedValue = Double.parseDouble(x[c]);
                double flooredValue = Double.parseDouble(y[c]);
                if (x[0].equals("falling")) {
                    belowZero |= allowedValue < 0;
                    assertEquals(Math.max(0, allowedValue), flooredValue, 0, f.get(i));
                } else {
                    assertEquals(allowedValue, flooredValue, 0, f.get(i));
                }
            }
        }
        assertTrue(belowZero, "drift must forecast the falling series below zero for this test");
        assertTrue(f.stream().anyMatch(l -> l.startsWith("signed,") && l.split(",")[2].startsWith("-")), f.toString());

        double[] mase = new double[2];
        for (int k = 0; k < 2; k++) {
            List<String> args = new java.util.ArrayList<>(List.of("backtest", in.toString(), "--horizon", "12",
                    "--model", "drift", "--windows", "2"));
            if (k == 1) {
                args.add("--allow-negative");
            }
            RecurCliTest.Run r = RecurCliTest.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            mase[k] = Double.parseDouble(r.out().replaceAll("(?s).*overall: MASE ([0-9.]+).*", "$1"));
        }
        assertTrue(mase[0] < mase[1], "floored " + mase[0] + " vs allowed " + mase[1]);
    }
}
