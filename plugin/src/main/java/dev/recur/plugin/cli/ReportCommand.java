package dev.recur.plugin.cli;

import dev.recur.connectors.DataException;
import dev.recur.connectors.MissingPolicy;
import dev.recur.connectors.csv.CsvOptions;
import dev.recur.connectors.csv.CsvSeriesReader;
import dev.recur.connectors.jdbc.JdbcSource;
import dev.recur.connectors.series.SeriesData;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code recur report}: the HTML report from saved results (the history and a forecast CSV). */
@Command(name = "report",
        mixinStandardHelpOptions = true,
        description = {"Writes the HTML report from saved results: the history (--input) and the forecast CSV that "
                + "`recur forecast` or `recur predict` wrote. Baselines are backtested on the history for comparison "
                + "when --backtest-windows is above 0."},
        footer = {"", "Examples:",
            "  recur report --input sample-data/air-passengers.csv --forecasts air-forecast.csv --output air.html"})
public final class ReportCommand implements Callable<Integer> {

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Mixin
    InputOptions in = new InputOptions();

    @Mixin
    NegativeForecastOptions negative = new NegativeForecastOptions();

    @Option(names = "--forecasts", required = true, paramLabel = "FILE.csv", description = "Forecast CSV (forecast, lower_L, upper_L columns).")
    Path forecasts;

    @Option(names = "--output", required = true, paramLabel = "FILE.html", description = "Where to write the report.")
    Path output;

    @Option(names = "--season", paramLabel = "M", description = "Seasonal period (default: from the frequency).")
    Integer season;

    @Option(names = "--method", paramLabel = "NAME", defaultValue = "saved forecasts", description = "Name of the method that made the forecasts (default: ${DEFAULT-VALUE}).")
    String methodName;

    @Option(names = "--backtest-windows", paramLabel = "N", defaultValue = "0", description = "Backtest origins for the baselines (default ${DEFAULT-VALUE}).")
    int backtestWindows;

    @Spec
    CommandSpec spec;

    /** Creates the command. */
    public ReportCommand() {
    }

    @Override
    public Integer call() throws Exception {
        ConsoleProgress progress = console.progress();
        in.checkSource();
        if (backtestWindows < 0) {
            throw new IllegalArgumentException("--backtest-windows must be 0 or more, got " + backtestWindows);
        }
        try (OutputPlan plan = new OutputPlan(progress)) {
            in.declareInputs(plan);
            plan.input(forecasts, "--forecasts file").file("--output", output);
            report(plan, progress);
        }
        return 0;
    }

    private void report(OutputPlan plan, ConsoleProgress progress) throws Exception {
        long start = System.nanoTime();
        JdbcSource db = in.database();
        SeriesData data = in.read(db, progress, true, season);
        CsvOptions base = CsvOptions.defaults().withMissing(MissingPolicy.ERROR).withStrict(true);
        SeriesData fc = new CsvSeriesReader(base.withColumns(null, null, "forecast")).withOwnFrequencies(true).read(forecasts);
        List<Integer> levelList = EvaluateCommand.intervalLevels(forecasts);
        Map<Integer, SeriesData[]> bounds = new LinkedHashMap<>();
        for (int level : levelList) {
            bounds.put(level, new SeriesData[]{
                new CsvSeriesReader(base.withColumns(null, null, "lower_" + level)).withOwnFrequencies(true).read(forecasts),
                new CsvSeriesReader(base.withColumns(null, null, "upper_" + level)).withOwnFrequencies(true).read(forecasts)});
        }
        Map<String, Integer> index = new HashMap<>();
        for (int s = 0; s < fc.series().size(); s++) {
            index.put(fc.series().get(s).id(), s);
        }
        List<Forecast> list = new ArrayList<>();
        int horizon = -1;
        for (TimeSeries h : data.series()) {
            Integer s = index.get(h.id());
            if (s == null && fc.series().size() == 1 && data.series().size() == 1) {
                s = 0;
            }
            if (s == null) {
                throw new DataException(forecasts.getFileName() + ": has no forecast for series " + Shorten.quoted(h.id()));
            }
            double[] point = fc.series().get(s).values();
            if (horizon >= 0 && point.length != horizon) {
                throw new DataException(forecasts.getFileName() + ": series " + Shorten.quoted(h.id()) + " has " + point.length
                        + " forecast steps, the others " + horizon);
            }
            horizon = point.length;
            Map<Integer, double[][]> intervals = new HashMap<>();
            for (var e : bounds.entrySet()) {
                intervals.put(e.getKey(), new double[][]{e.getValue()[0].series().get(s).values(),
                        e.getValue()[1].series().get(s).values()});
            }
            list.add(new Forecast(h.id(), point, intervals));
        }
        int[] lv = levelList.stream().mapToInt(Integer::intValue).toArray();
        // a source of several frequencies: each frequency's series a part of the report, at its own season (the
        // data's own with --season)
        List<List<Integer>> groups = ForecastCommand.byFrequency(data.series(), data.frequency());
        List<ReportWriter.Run> runs = new ArrayList<>();
        String command = String.join(" ", spec.commandLine().getParseResult().originalArgs());
        double seconds = (System.nanoTime() - start) / 1e9;
        for (int g = 0; g < groups.size(); g++) {
            List<Integer> group = groups.get(g);
            Frequency f = data.series().get(group.get(0)).frequency();
            SeriesData part = groups.size() == 1 ? data : data.withSeries(ForecastCommand.at(data.series(), group), f);
            int m = g == 0 && season != null ? season : part.frequency().defaultSeason();
            runs.add(new ReportWriter.Run(part, in.from(db), in.input, null, methodName,
                    "Forecasts read from " + forecasts.getFileName() + ".", horizon, m, lv,
                    ForecastCommand.at(list, group), backtestWindows, negative.nonNegative(), 0, command, seconds));
        }
        ReportWriter.write(plan, runs.get(0), runs.subList(1, runs.size()), output, progress);
        plan.commit();
    }
}
