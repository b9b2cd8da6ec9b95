package dev.recur.plugin.report;

import dev.recur.plugin.cli.RecurCliTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML report rendered by a real browser: its DOM holds the charts and tables, scripts run without a
 * console message, and a screenshot is saved to {@code target/report-screenshots}.
 */
class ReportBrowserTest {

    static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void theHarnessSeesConsoleErrors(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.html"),
                "<!DOCTYPE html><html><body><script>notDefinedAnywhere();</script></body></html>");
        Chromium.Page page = Chromium.load(bad, dir);
        assertFalse(page.console().isEmpty(), "an uncaught error must show up");
        assertTrue(page.console().get(0).contains("notDefinedAnywhere"), page.console().toString());
    }

    @Test
    void multiSeriesReportRendersWithChartsTablesAndNoConsoleMessages(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("m4.csv");
        Files.copy(Path.of("../sample-data/m4-hourly-20.csv"), input);
        Path html = dir.resolve("report.html");
        RecurCliTest.Run r = RecurCliTest.run("forecast", "--input", input.toString(), "--horizon", "48", "--season", "24", "--model",
                "snaive", "--output", dir.resolve("f.csv").toString(), "--report", html.toString(),
                "--backtest-windows", "2", "--quiet");
        assertEquals(0, r.code(), r.err());
        Chromium.Page page = Chromium.load(html, dir);
        assertTrue(page.console().isEmpty(), "console: " + page.console());
        String dom = page.dom();
        // 20 forecast charts + 20 residual and 20 autocorrelation charts + the methods chart.
        assertEquals(61, count(dom, "<svg[ >]"), "SVG charts in the DOM");
        assertEquals(20, count(dom, "<section class=\"one\""));
        assertTrue(dom.contains("id=\"index\""), "series index");
        assertEquals(20, count(dom.substring(dom.indexOf("id=\"index\""), dom.indexOf("</table>", dom.indexOf("id=\"index\""))),
                "<tr><td><a href=\"#s"));
        for (String id : new String[]{"summary", "data", "methods", "coverage", "training", "model-card", "series"}) {
            assertTrue(dom.contains("<section id=\"" + id + "\""), id);
        }
        Path shots = Path.of("target", "report-screenshots");
        Files.createDirectories(shots);
        Path png = shots.resolve("m4-hourly-20.png");
        Chromium.Page shot = Chromium.screenshot(html, dir, png, 1280, 2400);
        assertTrue(shot.console().isEmpty(), "console: " + shot.console());
        assertTrue(Files.size(png) > 10_000, "screenshot written");
    }
}
