package dev.recur.plugin.cli;

import dev.recur.connectors.series.SeriesData;
import dev.recur.engine.series.Forecast;
import dev.recur.plugin.chart.Charts;
import org.jfree.chart.ChartUtils;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** PNG forecast charts, one file per series. */
final class ChartFiles {

    private ChartFiles() {
    }

    /** The longest file name stem taken from an id (file systems allow 255 bytes). */
    static final int MAX_STEM = 100;

    /**
     * A file name from a series id: letters, digits, dot, dash and underscore kept, the rest '_'; a long id cut
     * to {@value #MAX_STEM} characters and told apart by a hash of the whole id; unique.
     */
    static String fileName(String id, Set<String> used) {
        String base = id.replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.isEmpty() || base.startsWith(".")) {
            base = "series" + base;
        }
        if (base.length() > MAX_STEM) {
            base = base.substring(0, MAX_STEM - 9) + "-" + String.format("%08x", id.hashCode());
        }
        String name = base;
        for (int k = 2; !used.add(name); k++) {
            name = base + "-" + k;
        }
        return name + ".png";
    }

    static void writePngs(OutputPlan plan, Path dir, SeriesData data, List<Forecast> forecasts, int[] levels, int horizon, int season)
            throws IOException {
        Set<String> used = new HashSet<>();
        for (int s = 0; s < forecasts.size(); s++) {
            var ts = data.series().get(s);
            // a series of another frequency than the data's (a file that mixes them) at its own season
            int m = ts.frequency() == data.frequency() ? season : ts.frequency().defaultSeason();
            int history = Math.max(4 * horizon, Math.min(ts.length(), 3 * m + horizon));
            var chart = Charts.forecast(ts, forecasts.get(s), levels, List.of(), new int[0], Math.min(history, 500),
                    data.valueColumn() == null ? "value" : data.valueColumn());
            plan.stage(dir.resolve(fileName(ts.id(), used)), os -> ChartUtils.writeChartAsPNG(os, chart, 1000, 450));
        }
    }
}
