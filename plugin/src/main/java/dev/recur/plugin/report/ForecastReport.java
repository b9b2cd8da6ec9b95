package dev.recur.plugin.report;

import dev.recur.engine.forecast.Backtest;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.train.TrainingHistory;
import dev.recur.plugin.chart.Charts;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The single-file HTML forecast report: inline SVG charts and CSS and a few lines of inline script (sorting
 * and searching the series index), no external scripts, fonts or requests. Sections: summary, data,
 * methods compared (leaderboard from backtests), interval coverage, training curve, model card, then an
 * index of the series and a section per series with its chart, forecast table and (for up to
 * {@link #RESIDUAL_LIMIT} series) backtest residuals and their autocorrelation. A source of several frequencies
 * adds a section per other frequency ({@link Part}) with its method, methods compared and coverage, and its series
 * join the index. All user text is escaped.
 */
public final class ForecastReport {

    /** Series with residual charts in their sections; beyond this the report stays light. */
    public static final int RESIDUAL_LIMIT = 20;

    /**
     * One series' results.
     *
     * @param history   the series as read
     * @param forecast  its forecast
     * @param backtests forecasts of the chosen model at earlier origins, latest first (may be empty)
     * @param origins   index in {@code history} where each backtest forecast starts
     * @param mase      backtest MASE of the chosen model on this series, or NaN
     * @param smape     backtest sMAPE, or NaN
     */
    public record SeriesResult(TimeSeries history, Forecast forecast, List<Forecast> backtests, int[] origins,
                               double mase, double smape) {
    }

    /**
     * The series of one frequency and what forecast them: a file of several frequencies forecasts each frequency's
     * series apart, at its own season, and the report shows each such part with its own method and backtests.
     *
     * @param frequency   the series' frequency, in words
     * @param season      seasonal period
     * @param model       the method used
     * @param why         why that method (auto's explanation, or the option that chose it)
     * @param series      per-series results
     * @param chosen      the chosen method's backtest (with coverage), or null
     * @param leaderboard every backtested method, best first (may be empty)
     * @param training    training histories of the neural model (empty otherwise)
     */
    public record Part(String frequency, int season, String model, String why, List<SeriesResult> series,
                       Backtest.Result chosen, List<Backtest.Result> leaderboard, List<TrainingHistory> training) {
    }

    /**
     * Everything the report shows.
     *
     * @param source      where the series came from (file name or database)
     * @param command     the command line that made the report
     * @param layout      the input layout (single, long, wide, database)
     * @param horizon     forecast steps
     * @param levels      interval levels, percent
     * @param dataNotes   what was done about missing values, gaps and unsorted rows
     * @param parts       the series of each frequency, the data's own first (one part unless the source mixes
     *                    frequencies)
     * @param modelCard   name → value rows of the model card, in order
     * @param valueLabel  label of the values (the value column)
     * @param timeFormat  formats future times in the forecast tables (null for integer steps)
     * @param skipped     the series of the source that could not be read and have no forecast, each as
     *                    {@code id: reason}
     */
    public record Content(String source, String command, String layout, int horizon, int[] levels,
                          List<String> dataNotes, List<Part> parts, Map<String, String> modelCard, String valueLabel,
                          java.util.function.Function<LocalDateTime, String> timeFormat, List<String> skipped) {

        /** Checks that there is a part with a series. */
        public Content {
            if (parts.isEmpty() || parts.get(0).series().isEmpty()) {
                throw new IllegalArgumentException("a report needs a series");
            }
        }

        /** The data's own frequency's series and method. */
        public Part main() {
            return parts.get(0);
        }

        /** The series of every part, in the parts' order (the order of the report's index and sections). */
        public List<SeriesResult> series() {
            return parts.stream().flatMap(p -> p.series().stream()).toList();
        }
    }

    private ForecastReport() {
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String num(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        double a = Math.abs(v);
        String f = a >= 1e6 || (a > 0 && a < 1e-3) ? "%.4g" : a >= 100 ? "%.1f" : a >= 1 ? "%.3f" : "%.4f";
        return String.format(Locale.ROOT, f, v);
    }

    private static String pct(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", 100 * fraction) : "–";
    }

    /** The whole page. */
    public static String html(Content c) {
        StringBuilder h = new StringBuilder(1 << 20);
        String title = "Forecast of " + c.source();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<header><h1>").append(escape(title)).append("</h1>\n<nav>")
                .append("<a href=\"#summary\">Summary</a> <a href=\"#data\">Data</a> <a href=\"#methods\">Methods</a> ")
                .append("<a href=\"#coverage\">Coverage</a> ");
        for (int k = 1; k < c.parts().size(); k++) {
            h.append("<a href=\"#part-").append(k).append("\">").append(escape(partTitle(c.parts().get(k))))
                    .append("</a> ");
        }
        h.append("<a href=\"#training\">Training</a> ")
                .append("<a href=\"#model-card\">Model card</a> <a href=\"#series\">Series</a></nav></header>\n<main>\n");
        summary(h, c);
        data(h, c);
        h.append("<section id=\"methods\"><h2>Methods compared</h2>\n");
        methods(h, c, c.main(), "bars");
        h.append("</section>\n<section id=\"coverage\"><h2>Interval coverage</h2>\n");
        coverage(h, c.main());
        h.append("</section>\n");
        for (int k = 1; k < c.parts().size(); k++) {
            part(h, c, k);
        }
        h.append("<section id=\"training\"><h2>Training curve</h2>\n");
        training(h, c.main(), "train");
        h.append("\n</section>\n");
        modelCard(h, c);
        series(h, c);
        h.append("</main>\n<footer>Made by Recur ").append(escape(c.modelCard().getOrDefault("Recur version", "")))
                .append(".</footer>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    /** A part's heading: its frequency's series ({@code Quarterly series}). */
    private static String partTitle(Part p) {
        return Character.toUpperCase(p.frequency().charAt(0)) + p.frequency().substring(1) + " series";
    }

    private static void summary(StringBuilder h, Content c) {
        Part main = c.main();
        h.append("<section id=\"summary\"><h2>Summary</h2>\n<p>");
        reach(h, c, main);
        h.append(", with ").append(levelsText(c.levels())).append(" prediction intervals.</p>\n");
        method(h, main);
        if (c.parts().size() > 1) {
            h.append("<p>The source also holds series of other frequencies, each forecast apart at its own season: ");
            for (int k = 1; k < c.parts().size(); k++) {
                Part p = c.parts().get(k);
                h.append(k == 1 ? "" : k == c.parts().size() - 1 ? " and " : ", ").append("<a href=\"#part-")
                        .append(k).append("\">").append(p.series().size()).append(' ').append(escape(p.frequency()))
                        .append("</a> (").append(escape(p.model())).append(')');
            }
            h.append(".</p>\n");
        }
        h.append("</section>\n");
    }

    /** How many series of a part, from where, and how far ahead ({@code 2 series (monthly) from ..., to ...}). */
    private static void reach(StringBuilder h, Content c, Part p) {
        TimeSeries first = p.series().get(0).history();
        h.append(p.series().size()).append(" series (").append(escape(p.frequency())).append(") from <code>")
                .append(escape(c.source())).append("</code>, forecast ").append(c.horizon()).append(" steps ahead");
        if (!first.isSteps() && c.timeFormat() != null) {
            h.append(", to ").append(escape(c.timeFormat().apply(first.time(first.length() + c.horizon() - 1))));
        }
    }

    /** The method of a part, why, and its backtest. */
    private static void method(StringBuilder h, Part p) {
        h.append("<p>Method: <strong>").append(escape(p.model())).append("</strong>. ")
                .append(escape(p.why())).append("</p>\n");
        if (p.chosen() != null) {
            h.append("<p>Backtest of the method: MASE <strong>").append(num(p.chosen().mase()))
                    .append("</strong>, sMAPE ").append(num(p.chosen().smape())).append(" over ")
                    .append(p.chosen().complete() ? "" : "up to ")
                    .append(p.chosen().windows().size()).append(" origin").append(p.chosen().windows().size() == 1 ? "" : "s")
                    .append(p.chosen().leftOut().isEmpty() ? "" : " (" + p.chosen().leftOut().size()
                            + " series too short for one)")
                    .append(" (MASE below 1 beats the in-sample seasonal naive forecast).</p>\n");
        }
    }

    /** The section of a part after the first: its series, method, methods compared, coverage and training. */
    private static void part(StringBuilder h, Content c, int k) {
        Part p = c.parts().get(k);
        h.append("<section id=\"part-").append(k).append("\"><h2>").append(escape(partTitle(p))).append("</h2>\n<p>");
        reach(h, c, p);
        h.append(", season ").append(p.season()).append("; their forecasts are in the <a href=\"#series\">series</a> "
                + "below.</p>\n");
        method(h, p);
        h.append("<h3>Methods compared</h3>\n");
        methods(h, c, p, "bars" + k);
        h.append("<h3>Interval coverage</h3>\n");
        coverage(h, p);
        if (!p.training().isEmpty()) {
            h.append("<h3>Training curve</h3>\n");
            training(h, p, "train" + k);
        }
        h.append("</section>\n");
    }

    private static String levelsText(int[] levels) {
        if (levels.length == 0) {
            return "no";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < levels.length; i++) {
            b.append(i == 0 ? "" : i == levels.length - 1 ? " and " : ", ").append(levels[i]).append('%');
        }
        return b.toString();
    }

    private static void data(StringBuilder h, Content c) {
        int[] lengths = c.series().stream().mapToInt(s -> s.history().length()).sorted().toArray();
        StringBuilder frequency = new StringBuilder(c.main().frequency());
        StringBuilder season = new StringBuilder(Integer.toString(c.main().season()));
        for (int k = 1; k < c.parts().size(); k++) {
            Part p = c.parts().get(k);
            frequency.append(k == 1 ? " (and " : k == c.parts().size() - 1 ? " and " : ", ").append(p.series().size())
                    .append(' ').append(p.frequency()).append(k == c.parts().size() - 1 ? " series)" : "");
            season.append(k == 1 ? " (" : ", ").append(p.season()).append(" for the ").append(p.frequency())
                    .append(k == c.parts().size() - 1 ? " series)" : "");
        }
        h.append("<section id=\"data\"><h2>Data</h2>\n<table class=\"kv\">")
                .append(row("Source", c.source())).append(row("Layout", c.layout()))
                .append(row("Frequency", frequency.toString())).append(row("Season", season.toString()))
                .append(row("Series", lengths.length + (c.skipped().isEmpty() ? ""
                        : " (and " + c.skipped().size() + " left out, unreadable)")))
                .append(row("Length", lengths.length == 1 ? lengths[0] + " values"
                        : lengths[0] + " to " + lengths[lengths.length - 1] + " values (median "
                        + lengths[lengths.length / 2] + ")"))
                .append("</table>\n");
        if (c.dataNotes().isEmpty()) {
            h.append("<p>No missing values, gaps or unsorted rows.</p>\n");
        } else {
            h.append("<p>Missing values, gaps and what was done about them:</p>\n<ul>");
            for (String note : c.dataNotes()) {
                h.append("<li>").append(escape(note)).append("</li>");
            }
            h.append("</ul>\n");
        }
        if (!c.skipped().isEmpty()) {
            h.append("<p>Series left out, with no forecast, and why:</p>\n<ul class=\"skipped\">");
            for (String s : c.skipped()) {
                h.append("<li>").append(escape(s)).append("</li>");
            }
            h.append("</ul>\n");
        }
        h.append("</section>\n");
    }

    private static String row(String k, String v) {
        return "<tr><th>" + escape(k) + "</th><td>" + escape(v) + "</td></tr>";
    }

    private static void methods(StringBuilder h, Content c, Part p, String chartId) {
        if (p.leaderboard().isEmpty()) {
            h.append("<p>No backtest was run (use <code>--backtest-windows</code>).</p>\n");
            return;
        }
        Backtest.Result any = p.leaderboard().get(0);
        h.append("<p>Rolling-origin backtest: ").append(any.complete() ? "" : "up to ").append(any.windows().size())
                .append(" origin").append(any.windows().size() == 1 ? "" : "s").append(any.complete() ? "" : " a series")
                .append(", each ").append(c.horizon())
                .append(" steps before the next, every method refitted at each origin on the history before it");
        if (!any.complete()) {
            h.append("; a series takes part in as many origins as its length affords (");
            for (int k = 0; k < any.windows().size(); k++) {
                h.append(k > 0 ? ", " : "").append(k == 0 ? "the latest" : "origin " + (k + 1)).append(": ")
                        .append(any.windows().get(k).series()).append(" series");
            }
            h.append(")");
        }
        List<String> leftOut = any.leftOut();
        if (!leftOut.isEmpty()) {
            h.append("; ").append(leftOut.size()).append(" series too short for one origin are not in it (")
                    .append(escape(String.join(", ", leftOut.subList(0, Math.min(10, leftOut.size())))))
                    .append(leftOut.size() > 10 ? ", ..." : "").append(")");
        }
        h.append(".</p>\n")
                .append("<table class=\"grid\"><thead><tr><th>Method</th><th>MASE</th><th>sMAPE</th>");
        for (int l : c.levels()) {
            h.append("<th>").append(l).append("% coverage</th>");
        }
        h.append("</tr></thead><tbody>\n");
        for (Backtest.Result r : p.leaderboard()) {
            boolean chosen = p.chosen() != null && r.model().equals(p.chosen().model());
            h.append(chosen ? "<tr class=\"chosen\">" : "<tr>").append("<td>").append(escape(r.model()))
                    .append(chosen ? " (used)" : "").append("</td><td>").append(num(r.mase())).append("</td><td>")
                    .append(num(r.smape())).append("</td>");
            Map<Integer, Double> cov = chosen ? p.chosen().coverage() : r.coverage();
            for (int l : c.levels()) {
                h.append("<td>").append(cov.containsKey(l) ? pct(cov.get(l)) : "–").append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n<figure>")
                .append(Charts.svg(Charts.metricBars(p.leaderboard(), p.chosen() == null ? "" : p.chosen().model()),
                        720, 60 + 34 * p.leaderboard().size(), chartId))
                .append("</figure>\n");
    }

    private static void coverage(StringBuilder h, Part p) {
        if (p.chosen() == null || p.chosen().coverage().isEmpty()) {
            h.append("<p>Coverage is measured on backtests; none was run.</p>\n");
            return;
        }
        h.append("<p>Share of backtest actuals that fell inside the intervals the method gave at each origin, and the "
                + "intervals' scaled score (MSIS: the width plus 2/&alpha; times each miss, over the series' in-sample "
                + "MASE scale, averaged over series and origins; lower is better: it rewards intervals that are narrow "
                + "and still cover).</p>\n")
                .append("<table class=\"grid\"><thead><tr><th>Level</th><th>Observed coverage</th><th>MSIS</th></tr>"
                        + "</thead><tbody>");
        for (Map.Entry<Integer, Double> e : p.chosen().coverage().entrySet()) {
            Double msis = p.chosen().msis().get(e.getKey());
            h.append("<tr><td>").append(e.getKey()).append("%</td><td>").append(pct(e.getValue())).append("</td><td>")
                    .append(msis != null && Double.isFinite(msis) ? num(msis) : "–").append("</td></tr>");
        }
        h.append("</tbody></table>\n");
    }

    private static void training(StringBuilder h, Part p, String chartId) {
        if (p.training().isEmpty()) {
            h.append("<p>The method has no training curve: it is fitted directly, not trained by epochs.</p>");
        } else {
            h.append("<p>Loss per epoch on the training windows and on the held-out validation windows (the most recent"
                    + " windows of every series); training kept the weights of the best validation epoch.</p>\n<figure>")
                    .append(Charts.svg(Charts.trainingCurve(p.training()), 720, 320, chartId)).append("</figure>");
        }
    }

    private static void modelCard(StringBuilder h, Content c) {
        h.append("<section id=\"model-card\"><h2>Model card</h2>\n<table class=\"kv\">");
        for (Map.Entry<String, String> e : c.modelCard().entrySet()) {
            h.append(row(e.getKey(), e.getValue()));
        }
        h.append("</table>\n</section>\n");
    }

    private static void series(StringBuilder h, Content c) {
        List<SeriesResult> all = c.series();
        boolean mixed = c.parts().size() > 1;
        h.append("<section id=\"series\"><h2>Series</h2>\n");
        if (all.size() > 1) {
            h.append("<p><label>Search <input id=\"search\" type=\"search\" placeholder=\"series id\"></label> ")
                    .append("<span id=\"shown\">").append(all.size()).append(" of ").append(all.size())
                    .append(" shown</span>; click a heading to sort.</p>\n")
                    .append("<table class=\"grid\" id=\"index\"><thead><tr><th data-type=\"text\">Series</th>")
                    .append(mixed ? "<th data-type=\"text\">Frequency</th>" : "")
                    .append("<th data-type=\"num\">Length</th><th data-type=\"num\">Backtest MASE</th>")
                    .append("<th data-type=\"num\">Backtest sMAPE</th><th data-type=\"num\">Last value</th>")
                    .append("<th data-type=\"num\">Forecast, step 1</th></tr></thead><tbody>\n");
            int i = 0;
            for (Part p : c.parts()) {
                for (SeriesResult s : p.series()) {
                    double[] y = s.history().values();
                    h.append("<tr><td><a href=\"#s").append(i++).append("\">").append(escape(s.history().id()))
                            .append("</a></td>").append(mixed ? "<td>" + escape(p.frequency()) + "</td>" : "")
                            .append("<td>").append(y.length).append("</td><td>").append(num(s.mase()))
                            .append("</td><td>").append(num(s.smape())).append("</td><td>").append(num(y[y.length - 1]))
                            .append("</td><td>").append(num(s.forecast().point()[0])).append("</td></tr>\n");
                }
            }
            h.append("</tbody></table>\n");
        }
        int i = 0;
        for (Part p : c.parts()) {
            for (SeriesResult s : p.series()) {
                seriesSection(h, c, p.season(), s, i++, all.size() <= RESIDUAL_LIMIT);
            }
        }
        h.append("</section>\n");
    }

    private static void seriesSection(StringBuilder h, Content c, int season, SeriesResult s, int i,
                                      boolean residuals) {
        TimeSeries ts = s.history();
        h.append("<section class=\"one\" id=\"s").append(i).append("\"><h3>").append(escape(ts.id())).append("</h3>\n");
        if (Double.isFinite(s.mase())) {
            h.append("<p>Backtest MASE ").append(num(s.mase())).append(", sMAPE ").append(num(s.smape())).append(".</p>\n");
        }
        int historyPoints = Math.max(4 * c.horizon(), Math.min(ts.length(), 3 * season + c.horizon()));
        historyPoints = Math.min(historyPoints, Math.max(120, 4 * c.horizon()));
        h.append("<figure>").append(Charts.svg(Charts.forecast(ts, s.forecast(), c.levels(), s.backtests(),
                s.origins(), historyPoints, c.valueLabel()), 760, 340, "f" + i)).append("</figure>\n");
        if (residuals && !s.backtests().isEmpty()) {
            List<Integer> idx = new ArrayList<>();
            List<Double> res = new ArrayList<>();
            double[] y = ts.values();
            for (int k = s.backtests().size() - 1; k >= 0; k--) {
                double[] p = s.backtests().get(k).point();
                for (int j = 0; j < p.length && s.origins()[k] + j < y.length; j++) {
                    idx.add(s.origins()[k] + j);
                    res.add(y[s.origins()[k] + j] - p[j]);
                }
            }
            double[] r = res.stream().mapToDouble(Double::doubleValue).toArray();
            int[] at = idx.stream().mapToInt(Integer::intValue).toArray();
            h.append("<div class=\"pair\"><figure>")
                    .append(Charts.svg(Charts.residuals(ts, at, r, c.valueLabel()), 460, 260, "r" + i))
                    .append("</figure><figure>")
                    .append(Charts.svg(Charts.autocorrelation(r, Math.min(24, Math.max(1, r.length / 2))), 460, 260, "a" + i))
                    .append("</figure></div>\n");
        }
        h.append("<details><summary>Forecast table</summary><table class=\"grid\"><thead><tr><th>")
                .append(ts.isSteps() ? "step" : "time").append("</th><th>forecast</th>");
        for (int l : c.levels()) {
            h.append("<th>lower ").append(l).append("%</th><th>upper ").append(l).append("%</th>");
        }
        h.append("</tr></thead><tbody>");
        Forecast f = s.forecast();
        for (int k = 0; k < f.point().length; k++) {
            String t = ts.isSteps() || c.timeFormat() == null ? Long.toString(ts.step(ts.length() + k))
                    : c.timeFormat().apply(ts.time(ts.length() + k));
            h.append("<tr><td>").append(escape(t)).append("</td><td>").append(num(f.point()[k])).append("</td>");
            for (int l : c.levels()) {
                double[][] b = f.intervals().get(l);
                h.append("<td>").append(b == null ? "–" : num(b[0][k])).append("</td><td>")
                        .append(b == null ? "–" : num(b[1][k])).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table></details>\n</section>\n");
    }

    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#1a1a1a;background:#fff}",
            "header{background:#0b3d5c;color:#fff;padding:1rem 2rem}header h1{margin:0 0 .4rem;font-size:1.5rem}",
            "nav a{color:#cfe8ff;margin-right:1rem;text-decoration:none}nav a:hover{text-decoration:underline}",
            "main{max-width:1100px;margin:0 auto;padding:1rem 2rem}section{margin-bottom:2rem}",
            "h2{border-bottom:2px solid #0072B2;padding-bottom:.2rem}h3{margin-top:2rem}",
            "figure{margin:.5rem 0}svg{max-width:100%;height:auto}",
            ".pair{display:flex;flex-wrap:wrap;gap:1rem}.pair figure{flex:1 1 420px}",
            "table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.25rem .6rem;text-align:left}",
            "table.grid th,table.grid td{border-bottom:1px solid #ddd}table.grid td{font-variant-numeric:tabular-nums}",
            "table.kv th{color:#555;font-weight:600;padding-right:1.5rem}",
            "tr.chosen{background:#e8f3fb;font-weight:600}#index th{cursor:pointer;user-select:none}",
            "#index th.asc::after{content:' \\25B2'}#index th.desc::after{content:' \\25BC'}",
            "details{margin:.5rem 0}code{background:#f3f3f3;padding:0 .2rem}",
            "footer{color:#666;padding:1rem 2rem;border-top:1px solid #eee}", "");

    private static final String SCRIPT = String.join("\n",
            "(function(){",
            "  var table=document.getElementById('index');",
            "  if(!table){return;}",
            "  var body=table.tBodies[0];",
            "  var rows=Array.prototype.slice.call(body.rows);",
            "  var search=document.getElementById('search');",
            "  var shown=document.getElementById('shown');",
            "  search.addEventListener('input',function(){",
            "    var q=search.value.toLowerCase();var n=0;",
            "    rows.forEach(function(r){var ok=r.cells[0].textContent.toLowerCase().indexOf(q)>=0;",
            "      r.style.display=ok?'':'none';if(ok){n++;}});",
            "    shown.textContent=n+' of '+rows.length+' shown';",
            "  });",
            "  Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,col){",
            "    th.addEventListener('click',function(){",
            "      var asc=!th.classList.contains('asc');",
            "      Array.prototype.forEach.call(table.tHead.rows[0].cells,function(o){o.classList.remove('asc','desc');});",
            "      th.classList.add(asc?'asc':'desc');",
            "      var num=th.getAttribute('data-type')==='num';",
            "      var val=function(s){var f=parseFloat(s);return isNaN(f)?Infinity:f;};",
            "      rows.sort(function(a,b){var x=a.cells[col].textContent,y=b.cells[col].textContent;",
            "        var c=num?(val(x)-val(y)):x.localeCompare(y);",
            "        return asc?c:-c;});",
            "      rows.forEach(function(r){body.appendChild(r);});",
            "    });",
            "  });",
            "})();", "");
}
