package dev.recur.plugin.cli;

import dev.recur.engine.onnxruntime.OnnxPredictor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train, predict, export-onnx, backtest and report, and the help of every subcommand. */
class SubcommandsTest {

    @TempDir
    Path dir;

    Path air() throws IOException {
        return Files.move(RecurCliTest.resource(dir, "air-passengers.csv"), dir.resolve("air.csv"));
    }

    @Test
    void trainThenPredictGivesWhatForecastPrints() throws Exception {
        Path in = air();
        String[] net = {"--hidden", "8", "--layers", "1", "--epochs", "4", "--seed", "3", "--model", "lstm"};
        RecurCliTest.Run f = RecurCliTest.run(concat(new String[]{"forecast", "--input", in.toString(), "--horizon", "12",
                "--output", dir.resolve("forecast.csv").toString(), "--quiet"}, net));
        assertEquals(0, f.code(), f.err());
        Path model = dir.resolve("air.recur");
        RecurCliTest.Run t = RecurCliTest.run(concat(new String[]{"train", "--input", in.toString(), "--horizon", "12",
                "--save", model.toString(), "--quiet"}, net));
        assertEquals(0, t.code(), t.err());
        RecurCliTest.Run p = RecurCliTest.run("predict", "--model-file", model.toString(), "--input", in.toString(),
                "--output", dir.resolve("predict.csv").toString(), "--quiet");
        assertEquals(0, p.code(), p.err());
        // Training is deterministic, so the saved model forecasts exactly what forecast printed.
        assertEquals(Files.readAllLines(dir.resolve("forecast.csv")), Files.readAllLines(dir.resolve("predict.csv")));

        Path onnx = dir.resolve("air.onnx");
        RecurCliTest.Run e = RecurCliTest.run("export-onnx", "--model-file", model.toString(), "--output", onnx.toString());
        assertEquals(0, e.code(), e.err());
        List<String> rows = Files.readAllLines(in);
        List<String> predicted = Files.readAllLines(dir.resolve("predict.csv"));
        ai.onnx.proto.OnnxMl.ModelProto proto = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(Files.readAllBytes(onnx));
        int window = proto.getMetadataPropsList().stream().filter(m -> m.getKey().equals("recur.window"))
                .mapToInt(m -> Integer.parseInt(m.getValue())).findFirst().orElseThrow();
        float[] last = new float[window];
        for (int i = 0; i < window; i++) {
            last[i] = Float.parseFloat(rows.get(rows.size() - window + i).split(",")[1]);
        }
        try (OnnxPredictor o = OnnxPredictor.load(onnx, OnnxPredictor.DeviceChoice.CPU, 1, w -> { })) {
            float[] fc = o.run(last, 1, window, 1).get("forecast").values();
            for (int h = 0; h < 12; h++) {
                double expected = Double.parseDouble(predicted.get(1 + h).split(",")[1]);
                assertEquals(expected, fc[h], 1e-4 * expected);
            }
        }
    }

    /**
     * {@code recur train} on a file of monthly, quarterly and yearly series trains a network per frequency that has
     * series long enough for one (not the yearly, whose series is too short), saved in one file; {@code recur predict}
     * forecasts each frequency's series with its own network, exactly as a model trained on that frequency's series
     * alone does, the yearly series with comb; a file of quarterly series alone gets the quarterly network;
     * {@code recur export-onnx} exports the first network, or another by --frequency, and names what the file holds.
     */
    @Test
    void aFileOfSeveralFrequenciesTrainsANetworkPerFrequency() throws Exception {
        java.util.Random rnd = new java.util.Random(5);
        java.time.LocalDate start = java.time.LocalDate.of(2010, 1, 1);
        String header = "unique_id,ds,y\n";
        StringBuilder monthly = new StringBuilder();
        StringBuilder quarterly = new StringBuilder();
        for (int s = 0; s < 3; s++) {
            for (int i = 0; i < 60; i++) {
                monthly.append(String.format(java.util.Locale.ROOT, "m%d,%s,%.3f%n", s, start.plusMonths(i),
                        100 + 20 * s + i + 10 * Math.sin(i * Math.PI / 6) + rnd.nextDouble()));
            }
            for (int i = 0; i < 40; i++) {
                quarterly.append(String.format(java.util.Locale.ROOT, "q%d,%s,%.3f%n", s, start.plusMonths(3L * i),
                        50 + 10 * s + 2 * i + (i % 4 == 3 ? 8 : 0) + rnd.nextDouble()));
            }
        }
        String yearly = "y1,2014-01-01,300\ny1,2015-01-01,310\ny1,2016-01-01,322\ny1,2017-01-01,330\n";
        Path in = Files.writeString(dir.resolve("mix.csv"), header + monthly + quarterly + yearly);
        String[] net = {"--hidden", "8", "--layers", "1", "--epochs", "3", "--seed", "3", "--ensemble", "2"};
        Path model = dir.resolve("mix.recur");
        RecurCliTest.Run t = RecurCliTest.run(concat(new String[]{"train", "--input", in.toString(), "--horizon", "6",
                "--save", model.toString()}, net));
        assertEquals(0, t.code(), t.err());
        assertTrue(t.err().contains("3 quarterly series: a network of their own, season 4, horizon 6 quarterly steps"),
                t.err());
        assertTrue(t.err().contains("warning: no yearly series has the "), t.err());
        assertTrue(t.err().contains("saved gru (monthly window "), t.err());
        Path predicted = dir.resolve("mix-predict.csv");
        RecurCliTest.Run p = RecurCliTest.run("predict", "--model-file", model.toString(), "--input", in.toString(),
                "--output", predicted.toString());
        assertEquals(0, p.code(), p.err());
        List<String> rows = Files.readAllLines(predicted);
        assertEquals(1 + 7 * 6, rows.size());
        assertTrue(rows.stream().filter(r -> r.startsWith("q")).allMatch(r -> r.endsWith(",gru")), rows.toString());
        assertTrue(rows.stream().filter(r -> r.startsWith("y1,")).allMatch(r -> r.endsWith(",comb")), rows.toString());
        assertTrue(p.err().contains("1 of 7 series forecast with comb"), p.err());
        for (StringBuilder part : List.of(monthly, quarterly)) {
            Path alone = Files.writeString(dir.resolve("alone.csv"), header + part);
            Path aloneModel = dir.resolve("alone.recur");
            RecurCliTest.Run ta = RecurCliTest.run(concat(new String[]{"train", "--input", alone.toString(),
                    "--horizon", "6", "--save", aloneModel.toString(), "--quiet"}, net));
            assertEquals(0, ta.code(), ta.err());
            // the network of the mixed file for these series, and the one trained on them alone, on a file of them
            for (Path m : List.of(model, aloneModel)) {
                Path out = dir.resolve("alone-predict.csv");
                RecurCliTest.Run pa = RecurCliTest.run("predict", "--model-file", m.toString(), "--input",
                        alone.toString(), "--output", out.toString(), "--quiet");
                assertEquals(0, pa.code(), pa.err());
                List<String> aloneRows = Files.readAllLines(out).subList(1, 1 + 3 * 6);
                assertTrue(aloneRows.stream().allMatch(r -> r.endsWith(",gru")), aloneRows.toString());
                assertTrue(rows.containsAll(aloneRows), aloneRows + " in " + rows);
            }
        }
        RecurCliTest.Run e = RecurCliTest.run("export-onnx", "--model-file", model.toString(), "--output",
                dir.resolve("m.onnx").toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.err().contains("holds networks for monthly, quarterly data: exporting the monthly one"), e.err());
        RecurCliTest.Run eq = RecurCliTest.run("export-onnx", "--model-file", model.toString(), "--frequency",
                "quarterly", "--output", dir.resolve("q.onnx").toString());
        assertEquals(0, eq.code(), eq.err());
        ai.onnx.proto.OnnxMl.ModelProto proto = ai.onnx.proto.OnnxMl.ModelProto.parseFrom(
                Files.readAllBytes(dir.resolve("q.onnx")));
        assertTrue(proto.getMetadataPropsList().stream().anyMatch(m -> m.getKey().equals("recur.frequency")
                && m.getValue().equals("quarterly")), proto.getMetadataPropsList().toString());
        // the exported quarterly network forecasts what recur predict printed for a quarterly series
        int window = proto.getMetadataPropsList().stream().filter(m -> m.getKey().equals("recur.window"))
                .mapToInt(m -> Integer.parseInt(m.getValue())).findFirst().orElseThrow();
        List<String> q0 = quarterly.toString().lines().filter(l -> l.startsWith("q0,")).toList();
        float[] last = new float[window];
        for (int i = 0; i < window; i++) {
            last[i] = Float.parseFloat(q0.get(q0.size() - window + i).split(",")[2]);
        }
        List<String> q0Predicted = rows.stream().filter(r -> r.startsWith("q0,")).toList();
        try (OnnxPredictor o = OnnxPredictor.load(dir.resolve("q.onnx"), OnnxPredictor.DeviceChoice.CPU, 1, w -> { })) {
            float[] fc = o.run(last, 1, window, 1).get("forecast").values();
            for (int h = 0; h < 6; h++) {
                double expected = Double.parseDouble(q0Predicted.get(h).split(",")[2]);
                assertEquals(expected, fc[h], 1e-4 * Math.abs(expected), "step " + h);
            }
        }
        RecurCliTest.Run ey = RecurCliTest.run("export-onnx", "--model-file", model.toString(), "--frequency",
                "yearly", "--output", dir.resolve("y.onnx").toString());
        assertEquals(2, ey.code(), ey.err());
        assertTrue(ey.err().contains("holds no network for yearly data (it holds monthly, quarterly)"), ey.err());
        assertFalse(Files.exists(dir.resolve("y.onnx")));
    }

    /**
     * A panel scored with a saved model: the series the model cannot forecast (shorter than its window) get the
     * statistical combination, or naive below 3 values, with a warning; the others get exactly the model's forecast;
     * a panel where the model forecasts no series is a one-line error.
     */
    @Test
    void seriesTheModelCannotForecastGetCombAndTheOthersTheModel() throws Exception {
        Path in = air();
        Path model = dir.resolve("air.recur");
        RecurCliTest.Run t = RecurCliTest.run("train", "--input", in.toString(), "--horizon", "12", "--model", "gru",
                "--hidden", "8", "--layers", "1", "--epochs", "2", "--seed", "5", "--save", model.toString(), "--quiet");
        assertEquals(0, t.code(), t.err());
        List<String> air = Files.readAllLines(in).subList(1, 145);
        StringBuilder panel = new StringBuilder("unique_id,date,value\n");
        StringBuilder young = new StringBuilder("date,value\n");
        for (String row : air) {
            panel.append("air,").append(row).append('\n');
        }
        for (String row : air.subList(134, 144)) {
            panel.append("young,").append(row).append('\n');
            young.append(row).append('\n');
        }
        panel.append("baby,1960-11-01,390\nbaby,1960-12-01,432\n");
        // long enough for the network (33 values) but not for its full window (55): trained on, it would shorten the
        // window of every series
        for (String row : air.subList(104, 144)) {
            panel.append("mid,").append(row).append('\n');
        }
        Path panelFile = Files.writeString(dir.resolve("panel.csv"), panel);
        Path youngFile = Files.writeString(dir.resolve("young.csv"), young);

        RecurCliTest.Run alone = RecurCliTest.run("predict", "--model-file", model.toString(), "--input", in.toString(),
                "--output", dir.resolve("alone.csv").toString(), "--quiet");
        assertEquals(0, alone.code(), alone.err());
        RecurCliTest.Run p = RecurCliTest.run("predict", "--model-file", model.toString(), "--input", panelFile.toString(),
                "--output", dir.resolve("panel-forecast.csv").toString());
        assertEquals(0, p.code(), p.err());
        assertTrue(p.err().contains("2 of 4 series forecast with comb (naive below 3 values), as the model cannot forecast"
                + " them: series 'young' has 10 values; the model reads windows of 24; series 'baby' has 2 values"),
                p.err());
        assertFalse(p.err().contains("Exception"), p.err());
        assertTrue(p.err().contains("wrote 4 forecasts of 12 steps (gru from air.recur; 2 with comb or naive)"), p.err());
        // trained on the panel, the young series are left out of training, not fatal to it: the same model
        Path panelModel = dir.resolve("panel.recur");
        RecurCliTest.Run tp = RecurCliTest.run("train", "--input", panelFile.toString(), "--horizon", "12", "--model",
                "gru", "--hidden", "8", "--layers", "1", "--epochs", "2", "--seed", "5", "--save", panelModel.toString());
        assertEquals(0, tp.code(), tp.err());
        // as the default model's network, only series that hold the full window: the same model as on air alone
        assertTrue(tp.err().contains("3 of 4 series left out of training: the network trains, as the default model's "
                + "does, on the series that hold its full window (55 values for horizon 12)"), tp.err());
        assertTrue(tp.err().contains("'young' (10 values), 'baby' (2 values), 'mid' (40 values)"), tp.err());
        assertTrue(tp.err().contains("window 24"), tp.err());
        RecurCliTest.Run again = RecurCliTest.run("predict", "--model-file", panelModel.toString(), "--input",
                in.toString(), "--output", dir.resolve("again.csv").toString(), "--quiet");
        assertEquals(0, again.code(), again.err());
        RecurCliTest.Run comb = RecurCliTest.run("forecast", youngFile.toString(), "--horizon", "12", "--model", "comb",
                "--output", dir.resolve("young-comb.csv").toString(), "--quiet");
        assertEquals(0, comb.code(), comb.err());

        List<String[]> rows = Files.readAllLines(dir.resolve("panel-forecast.csv")).stream().skip(1)
                .map(l -> l.split(",")).toList();
        List<String[]> own = Files.readAllLines(dir.resolve("alone.csv")).stream().skip(1).map(l -> l.split(",")).toList();
        assertEquals(Files.readAllLines(dir.resolve("alone.csv")), Files.readAllLines(dir.resolve("again.csv")));
        List<String[]> combOwn = Files.readAllLines(dir.resolve("young-comb.csv")).stream().skip(1)
                .map(l -> l.split(",")).toList();
        List<String[]> airRows = rows.stream().filter(r -> r[0].equals("air")).toList();
        List<String[]> youngRows = rows.stream().filter(r -> r[0].equals("young")).toList();
        List<String[]> babyRows = rows.stream().filter(r -> r[0].equals("baby")).toList();
        assertEquals(12, airRows.size());
        assertEquals(12, youngRows.size());
        assertEquals(12, babyRows.size());
        assertEquals(12, rows.stream().filter(r -> r[0].equals("mid") && r[r.length - 1].equals("gru")).count(),
                "a series that holds the window gets the model");
        for (int h = 0; h < 12; h++) {
            // the model's series: the same forecast and intervals as scored alone
            assertEquals(own.get(h).length + 1, airRows.get(h).length);
            for (int k = 1; k < own.get(h).length; k++) {
                assertEquals(own.get(h)[k], airRows.get(h)[k + 1], "air step " + h + " column " + k);
            }
            // the young series: comb's forecast, with finite ordered intervals
            String[] y = youngRows.get(h);
            assertEquals("comb", y[y.length - 1]);
            assertEquals(Double.parseDouble(combOwn.get(h)[1]), Double.parseDouble(y[2]), 1e-6 * Double.parseDouble(y[2]));
            double lo95 = Double.parseDouble(y[5]);
            double lo80 = Double.parseDouble(y[3]);
            double hi80 = Double.parseDouble(y[4]);
            double hi95 = Double.parseDouble(y[6]);
            assertTrue(lo95 <= lo80 && lo80 < Double.parseDouble(y[2]) && Double.parseDouble(y[2]) < hi80 && hi80 <= hi95,
                    String.join(",", y));
            // two values: naive
            assertEquals("naive", babyRows.get(h)[babyRows.get(h).length - 1]);
            assertEquals(432, Double.parseDouble(babyRows.get(h)[2]), 0);
        }

        Path onlyShort = Files.writeString(dir.resolve("short.csv"), "unique_id,date,value\n"
                + panel.substring(panel.indexOf("young,"), panel.indexOf("mid,")));
        RecurCliTest.Run none = RecurCliTest.run("predict", "--model-file", model.toString(), "--input",
                onlyShort.toString(), "--output", dir.resolve("none.csv").toString(), "--quiet");
        assertEquals(2, none.code(), none.err());
        assertTrue(none.err().contains("the model cannot forecast any of the 2 series"), none.err());
        assertEquals(1, none.err().strip().lines().count(), none.err());
        assertFalse(Files.exists(dir.resolve("none.csv")));
    }

    /**
     * {@code recur forecast --model gru} on a panel with young series trains as {@code recur train} does, as the
     * default model's network, on the series that hold the network's full window (55 values for horizon 12), and
     * forecasts those with the numbers of {@code recur train} followed by {@code recur predict}; every other series
     * gets comb, with its reason. A young series used to shorten every series' window (here from 24 to 19), and the
     * network forecast every series of at least 33 values.
     */
    @Test
    void anExplicitNetworkTrainsAndForecastsAsTheDefaultsNetwork() throws Exception {
        List<String> air = Files.readAllLines(air()).subList(1, 145);
        StringBuilder panel = new StringBuilder("unique_id,date,value\n");
        for (String row : air) {
            panel.append("air,").append(row).append('\n');
        }
        // long enough for a network (33), not for its full window: comb
        for (String row : air.subList(94, 144)) {
            panel.append("mid,").append(row).append('\n');
        }
        for (String row : air.subList(134, 144)) {
            panel.append("young,").append(row).append('\n');
        }
        Path panelFile = Files.writeString(dir.resolve("panel3.csv"), panel);
        String[] net = {"--horizon", "12", "--model", "gru", "--hidden", "8", "--layers", "1", "--epochs", "2",
                "--seed", "5"};
        Path model = dir.resolve("panel3.recur");
        RecurCliTest.Run t = RecurCliTest.run(concat(new String[]{"train", "--input", panelFile.toString(), "--save",
                model.toString(), "--quiet"}, net));
        assertEquals(0, t.code(), t.err());
        RecurCliTest.Run p = RecurCliTest.run("predict", "--model-file", model.toString(), "--input",
                panelFile.toString(), "--output", dir.resolve("predicted.csv").toString(), "--quiet");
        assertEquals(0, p.code(), p.err());
        RecurCliTest.Run f = RecurCliTest.run(concat(new String[]{"forecast", panelFile.toString(), "--output",
                dir.resolve("forecast.csv").toString()}, net));
        assertEquals(0, f.code(), f.err());
        List<String> predicted = Files.readAllLines(dir.resolve("predicted.csv"));
        List<String> forecast = Files.readAllLines(dir.resolve("forecast.csv"));
        assertEquals(predicted.subList(0, 13), forecast.subList(0, 13), "air: the saved network's forecasts");
        assertTrue(f.err().contains("gru: 1 series, window 24"), f.err());
        assertTrue(f.err().contains("2 of 3 series forecast with comb (naive below 3 values), as gru trains on and "
                + "forecasts the series that hold its full window (55 values for horizon 12), in its range and not "
                + "constant, as the default model's network: series 'mid' has 50 values, fewer than the 55 of the "
                + "network's full window; series 'young' has 10 values; gru needs at least 33 for horizon 12"), f.err());
        List<String> models = forecast.stream().skip(1)
                .map(l -> l.substring(0, l.indexOf(',')) + ":" + l.substring(l.lastIndexOf(',') + 1)).distinct().toList();
        assertEquals(List.of("air:gru", "mid:comb", "young:comb"), models);
        RecurCliTest.Run comb = RecurCliTest.run("forecast", panelFile.toString(), "--horizon", "12", "--model", "comb",
                "--output", dir.resolve("comb.csv").toString(), "--quiet");
        assertEquals(0, comb.code(), comb.err());
        List<String> combRows = Files.readAllLines(dir.resolve("comb.csv"));
        for (int i = 13; i < 37; i++) {
            // the same point forecast as comb's own
            String[] ours = forecast.get(i).split(",");
            String[] theirs = combRows.get(i).split(",");
            assertEquals(theirs[0] + theirs[1] + theirs[2], ours[0] + ours[1] + ours[2]);
        }
    }

    @Test
    void badModelFilesAndNonNeuralTrainingAreRefused() throws Exception {
        Path in = air();
        RecurCliTest.Run p = RecurCliTest.run("predict", "--model-file", in.toString(), "--input", in.toString(),
                "--output", dir.resolve("x.csv").toString());
        assertEquals(2, p.code());
        assertTrue(p.err().contains("not a Recur forecaster model"), p.err());
        assertFalse(Files.exists(dir.resolve("x.csv")));
        RecurCliTest.Run missing = RecurCliTest.run("export-onnx", "--model-file", dir.resolve("none.recur").toString(),
                "--output", dir.resolve("x.onnx").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such model file"), missing.err());
        RecurCliTest.Run t = RecurCliTest.run("train", "--input", in.toString(), "--horizon", "12", "--model", "ets",
                "--save", dir.resolve("m.recur").toString());
        assertEquals(2, t.code());
        assertTrue(t.err().contains("train saves neural models"), t.err());
    }

    @Test
    void backtestPrintsOriginsOverallAndCoverage() throws Exception {
        RecurCliTest.Run r = RecurCliTest.run("backtest", "--input", air().toString(), "--horizon", "12", "--model",
                "snaive", "--windows", "3", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("origin 3 (last 12 values held out)"), r.out());
        double mase = Double.parseDouble(r.out().replaceAll("(?s).*overall: MASE ([0-9.]+).*", "$1"));
        assertTrue(mase > 0 && mase < 5, r.out());
        assertTrue(r.out().contains("coverage 95%"), r.out());
        double msis80 = Double.parseDouble(r.out().replaceAll("(?s).*coverage 80%[^\\n]*MSIS ([0-9.]+).*", "$1"));
        double msis95 = Double.parseDouble(r.out().replaceAll("(?s).*coverage 95%[^\\n]*MSIS ([0-9.]+).*", "$1"));
        assertTrue(msis80 > 0 && msis95 > 0, r.out());
    }

    /**
     * A panel with a young series and one too short for any origin: the backtest still runs, every series at the
     * origins it affords, names the one left out, and the report compares the methods over those origins.
     */
    @Test
    void backtestAndReportTakeEachSeriesAtTheOriginsItAffords() throws Exception {
        List<String> air = Files.readAllLines(air());
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (int t = 1; t < air.size(); t++) {
            String v = air.get(t).split(",")[1];
            csv.append("long,").append(t).append(',').append(v).append('\n');
            if (t <= 28) {          // ETS needs 4 values before an origin: 28 = 4 + 2 horizons, two origins
                csv.append("young,").append(t).append(',').append(v).append('\n');
            }
            if (t <= 3) {
                csv.append("newborn,").append(t).append(',').append(v).append('\n');
            }
        }
        Path panel = Files.writeString(dir.resolve("panel.csv"), csv);
        RecurCliTest.Run r = RecurCliTest.run("backtest", "--input", panel.toString(), "--horizon", "12", "--season",
                "12", "--model", "ets", "--windows", "3", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("origin 1 (last 36 values held out)") && r.out().contains("(1 of 3 series long enough)")
                && r.out().contains("origin 3 (last 12 values held out)") && r.out().contains("(2 of 3 series long enough)"),
                r.out());
        assertTrue(r.err().contains("1 of 3 series too short for one origin, left out of the backtest of ets: 'newborn'"),
                r.err());

        Path html = dir.resolve("panel.html");
        RecurCliTest.Run f = RecurCliTest.run("forecast", "--input", panel.toString(), "--horizon", "12", "--season", "12",
                "--model", "ets", "--output", dir.resolve("panel-forecast.csv").toString(), "--report", html.toString(),
                "--backtest-windows", "3", "--quiet");
        assertEquals(0, f.code(), f.err());
        String page = Files.readString(html);
        assertTrue(page.contains("<td>snaive</td>") && page.contains("<td>ets (used)</td>"), "methods compared");
        assertTrue(page.contains("up to 3 origins a series") && page.contains("1 series too short for one origin are not "
                + "in it (newborn)"), "says which series the backtests cover");
    }

    @Test
    void backtestProgressNumbersTheOriginsAsItsTableDoes() throws Exception {
        RecurCliTest.Run r = RecurCliTest.run("backtest", "--input", air().toString(), "--horizon", "12", "--model",
                "snaive", "--windows", "3");
        assertEquals(0, r.code(), r.err());
        for (int k = 1; k <= 3; k++) {
            int cut = 12 * (4 - k);     // origin 1 is the earliest, 36 values before the end
            Matcher m = Pattern.compile("origin " + k + " \\(last " + cut
                    + " values held out\\): MASE ([0-9.]+)").matcher(r.out());
            assertTrue(m.find(), r.out());
            assertTrue(r.err().contains("backtest snaive, origin " + k + " of 3 (last " + cut + " values held out): MASE "
                    + m.group(1)), r.err());
        }
    }

    @Test
    void reportFromSavedForecasts() throws Exception {
        Path in = air();
        Path f = dir.resolve("f.csv");
        assertEquals(0, RecurCliTest.run("forecast", "--input", in.toString(), "--horizon", "12", "--model", "ets",
                "--output", f.toString(), "--quiet").code());
        Path html = dir.resolve("r.html");
        RecurCliTest.Run r = RecurCliTest.run("report", "--input", in.toString(), "--forecasts", f.toString(), "--output",
                html.toString(), "--method", "ets", "--backtest-windows", "2", "--quiet");
        assertEquals(0, r.code(), r.err());
        String page = Files.readString(html);
        assertTrue(page.contains("Forecasts read from f.csv."), "says where the forecasts came from");
        assertTrue(page.contains("<td>snaive</td>"), "baselines compared");
        assertTrue(page.contains("lower 95%"), "the forecast table has the intervals");
    }

    /**
     * {@code recur evaluate} reads a history with a missing month as {@code recur forecast} reads it (interpolated,
     * with the same warning), so that MASE is scaled on the series the forecast was made from; {@code --missing
     * error} refuses it, and a gap in the actuals is an error that names the option that fills it.
     */
    @Test
    void evaluateReadsAHistoryWithAGapAsForecastDoes() throws Exception {
        double[] y = new double[36];
        StringBuilder history = new StringBuilder("month,sales\n");
        for (int t = 0; t < 36; t++) {
            y[t] = 100 + 2 * t + 15 * Math.sin(2 * Math.PI * t / 12) + (t * 7 % 5);
            if (t != 20) {
                history.append(String.format(java.util.Locale.ROOT, "%d-%02d,%s%n", 2020 + t / 12, t % 12 + 1, y[t]));
            }
        }
        y[20] = (y[19] + y[21]) / 2;
        Path in = Files.writeString(dir.resolve("history.csv"), history);
        StringBuilder actual = new StringBuilder("month,sales\n");
        StringBuilder forecast = new StringBuilder("month,forecast\n");
        double error = 0;
        for (int k = 0; k < 6; k++) {
            double a = 180 + 3 * k;
            double f = 175 + 4 * k;
            error += Math.abs(a - f) / 6;
            actual.append(String.format(java.util.Locale.ROOT, "2023-%02d,%s%n", k + 1, a));
            forecast.append(String.format(java.util.Locale.ROOT, "2023-%02d,%s%n", k + 1, f));
        }
        double scale = 0;
        for (int t = 12; t < 36; t++) {
            scale += Math.abs(y[t] - y[t - 12]) / 24;
        }
        Path actuals = Files.writeString(dir.resolve("actuals.csv"), actual);
        Path forecasts = Files.writeString(dir.resolve("forecasts.csv"), forecast);

        RecurCliTest.Run f = RecurCliTest.run("forecast", in.toString(), "--horizon", "6", "--model", "snaive",
                "--output", dir.resolve("snaive.csv").toString());
        assertEquals(0, f.code(), f.err());
        RecurCliTest.Run e = RecurCliTest.run("evaluate", "--actuals", actuals.toString(), "--forecasts",
                forecasts.toString(), "--history", in.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains(String.format(java.util.Locale.ROOT, "MASE %.3f%n", error / scale)), e.out());
        String warning = "recur: warning: series 'series': interpolated 1 gap step (first before line 22)";
        assertTrue(f.err().contains(warning), f.err());
        assertTrue(e.err().contains(warning), e.err());

        RecurCliTest.Run strict = RecurCliTest.run("evaluate", "--actuals", actuals.toString(), "--forecasts",
                forecasts.toString(), "--history", in.toString(), "--missing", "error");
        assertEquals(2, strict.code(), strict.out());
        assertTrue(strict.err().contains("history.csv:22: series 'series' has 1 gap step"), strict.err());

        Files.writeString(actuals, actual.toString().replace("2023-03,186.0\n", ""));
        RecurCliTest.Run gap = RecurCliTest.run("evaluate", "--actuals", actuals.toString(), "--forecasts",
                forecasts.toString(), "--history", in.toString());
        assertEquals(2, gap.code(), gap.out());
        assertTrue(gap.err().contains("actuals.csv:4: series 'series' has 1 gap step"), gap.err());
        assertTrue(gap.err().endsWith(" with --missing\n"), gap.err());
    }

    /**
     * The textbooks' shampoo sales, months of years numbered from 1: forecast, then scored against its last six
     * months, whose six labels (3-07 to 3-12) cannot show alone that they are months: read as the history's were; and
     * without a history, with --time-format.
     */
    @Test
    void evaluateReadsAFewLabelsAsTheHistorysWere() throws Exception {
        StringBuilder history = new StringBuilder("\"Month\",\"Sales\"\n");
        StringBuilder actual = new StringBuilder("\"Month\",\"Sales\"\n");
        for (int i = 0; i < 36; i++) {
            String row = String.format(java.util.Locale.ROOT, "\"%d-%02d\",%d.5%n", 1 + i / 12, i % 12 + 1, 200 + 10 * i);
            (i < 30 ? history : actual).append(row);
        }
        Path in = Files.writeString(dir.resolve("shampoo.csv"), history);
        Path actuals = Files.writeString(dir.resolve("test.csv"), actual);
        Path out = dir.resolve("f.csv");
        RecurCliTest.Run f = RecurCliTest.run("forecast", in.toString(), "--horizon", "6", "--model", "naive",
                "--output", out.toString(), "--quiet");
        assertEquals(0, f.code(), f.err());
        assertEquals("3-07", Files.readAllLines(out).get(1).split(",")[0]);
        RecurCliTest.Run e = RecurCliTest.run("evaluate", "--actuals", actuals.toString(), "--forecasts",
                out.toString(), "--history", in.toString(), "--quiet");
        assertEquals(0, e.code(), e.err());
        // naive: 490.5 six times against 500.5 to 550.5; the history's seasonal steps are all 120
        assertTrue(e.out().contains(String.format(java.util.Locale.ROOT, "MASE %.3f%n", 35.0 / 120)), e.out());
        RecurCliTest.Run alone = RecurCliTest.run("evaluate", "--actuals", actuals.toString(), "--forecasts",
                out.toString());
        assertEquals(2, alone.code(), alone.out());
        assertTrue(alone.err().strip().endsWith("give its pattern (y-MM where they are months of years numbered from 1) "
                + "with --time-format"), alone.err());
        RecurCliTest.Run given = RecurCliTest.run("evaluate", "--actuals", actuals.toString(), "--forecasts",
                out.toString(), "--time-format", "y-MM");
        assertEquals(0, given.code(), given.err());
        assertTrue(given.out().startsWith("series 1, horizon 6\n"), given.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"forecast", "evaluate", "backtest", "train", "predict", "export-onnx", "report",
            "bench-train", "bench-infer"})
    void everySubcommandHasHelpWithExamples(String name) {
        RecurCliTest.Run r = RecurCliTest.run(name, "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Usage: recur " + name), r.out());
        assertTrue(r.out().contains("Examples:"), r.out());
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
