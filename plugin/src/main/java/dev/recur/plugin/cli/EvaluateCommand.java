package dev.recur.plugin.cli;

import dev.recur.connectors.DataException;
import dev.recur.connectors.MissingPolicy;
import dev.recur.connectors.csv.CsvOptions;
import dev.recur.connectors.csv.CsvSeriesReader;
import dev.recur.connectors.series.SeriesData;
import dev.recur.connectors.series.TimeFormat;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.Metrics;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Baselines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code recur evaluate}: scores a forecast file against actual values, as the M4 competition does:
 * sMAPE, and with the training history MASE and OWA (relative to Naive2 on the same history).
 */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {"Scores forecasts against actual values: sMAPE, and with --history also MASE and OWA "
                + "(relative to M4's Naive2 forecast from the same history), and when the forecast file has "
                + "lower_L/upper_L columns interval coverage, mean width and (with --history) the scaled interval "
                + "score MSIS, M4's interval measure: lower is better. Metrics are computed per series and averaged."},
        footer = {"", "Examples:",
            "  recur evaluate --actuals test.csv --forecasts forecast.csv --history train.csv --season 24"})
public final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Option(names = "--actuals", required = true, paramLabel = "FILE", description = "CSV of the actual values (same layout as the input).")
    Path actuals;

    @Option(names = "--forecasts", required = true, paramLabel = "FILE", description = "CSV written by recur forecast.")
    Path forecasts;

    @Option(names = "--history", paramLabel = "FILE", description = "CSV of the training history, for MASE and OWA.")
    Path history;

    @Option(names = "--season", paramLabel = "M", description = "Seasonal period for MASE and Naive2 (default: from the frequency; in a file of "
            + "several frequencies, series of another frequency than the first series' always take their own's); the "
            + "history's gaps are filled at it as recur forecast fills them.")
    Integer season;

    @Option(names = "--missing", paramLabel = "POLICY", description = "Missing values and gaps: interpolate, ffill, drop "
            + "or error, for the history and the actuals (default: the history's interpolated, as recur forecast "
            + "reads it, so that MASE is scaled on the series the forecast was made from; a gap in the actuals is "
            + "an error).")
    String missing;

    @Option(names = "--time-format", paramLabel = "FORMAT", description = "How the files' times are written, as for "
            + "recur forecast (default: recognised; where the first rows of the actuals or the forecasts cannot show "
            + "it, as a few labels such as 3-07 cannot, the history's).")
    String timeFormat;

    /** Creates the command. */
    public EvaluateCommand() {
    }

    @Override
    public Integer call() {
        if (season != null) {
            Limits.season(season);
        }
        CsvOptions base = CsvOptions.defaults().withMissing(MissingPolicy.ERROR).withStrict(true);
        if (timeFormat != null) {
            base = base.withTimeFormat(TimeFormat.parseOption(timeFormat));
        }
        // the history's gaps filled as recur forecast fills them, at the season given
        SeriesData past = history == null ? null : history(base.withMissing(missing == null
                ? MissingPolicy.INTERPOLATE : MissingPolicy.parse(missing)).withSeason(season == null ? 0 : season));
        TimeFormat known = past == null ? null : past.timeFormat();
        SeriesData act = read(actuals, missing == null ? base : base.withMissing(MissingPolicy.parse(missing)), known);
        SeriesData fc = read(forecasts, base.withColumns(null, null, "forecast"), known);
        Map<String, TimeSeries> actualById = byId(act);
        Map<String, TimeSeries> historyById = past == null ? Map.of() : byId(past);
        Map<Integer, SeriesData[]> bounds = new LinkedHashMap<>();
        for (int level : intervalLevels(forecasts)) {
            SeriesData lo = read(forecasts, base.withColumns(null, null, "lower_" + level), known);
            SeriesData hi = read(forecasts, base.withColumns(null, null, "upper_" + level), known);
            bounds.put(level, new SeriesData[]{lo, hi});
        }
        Scores scores = new Scores();
        Forecaster naive2 = Baselines.naive2();
        for (int s = 0; s < fc.series().size(); s++) {
            TimeSeries f = fc.series().get(s);
            TimeSeries a = actualById.get(f.id());
            if (a == null) {
                throw new DataException(forecasts.getFileName() + ": series " + Shorten.quoted(f.id()) + " is not in " + actuals.getFileName());
            }
            // --season is that of the file's frequency; a series of another frequency takes its own's
            int m = season != null && a.frequency().equals(act.frequency()) ? season : a.frequency().defaultSeason();
            double[] y = aligned(a, f, actuals.getFileName().toString());
            TimeSeries h = history == null ? null : historyById.get(f.id());
            if (history != null && h == null) {
                throw new DataException(history.getFileName() + ": has no series " + Shorten.quoted(f.id()));
            }
            scores.add(y, f.values(), h, m, naive2, bounds, s);
        }
        scores.print(history != null);
        return 0;
    }

    /** The scores summed over the series, printed as their means. */
    private static final class Scores {
        double smape;
        double mase;
        double n2Smape;
        double n2Mase;
        /** Per level: coverage, width, and with the history the scaled interval score (MSIS). */
        final Map<Integer, double[]> coverage = new LinkedHashMap<>();
        int count;
        int horizon = -1;

        /**
         * Adds the series {@code s} of the forecasts file: its actuals {@code y}, forecast {@code p}, history
         * {@code h} (null without one) and season {@code m}; its intervals' bounds are its series in {@code bounds}.
         */
        void add(double[] y, double[] p, TimeSeries h, int m, Forecaster naive2, Map<Integer, SeriesData[]> bounds,
                 int s) {
            horizon = p.length;
            smape += Metrics.smape(y, p);
            if (h != null) {
                mase += Metrics.mase(h.values(), y, p, m);
                double[] n2 = naive2.forecast(List.of(h), p.length, m, Forecaster.Progress.NONE).get(0);
                n2Smape += Metrics.smape(y, n2);
                n2Mase += Metrics.mase(h.values(), y, n2, m);
            }
            for (var e : bounds.entrySet()) {
                double[] lo = e.getValue()[0].series().get(s).values();
                double[] hi = e.getValue()[1].series().get(s).values();
                double[] c = coverage.computeIfAbsent(e.getKey(), k -> new double[3]);
                c[0] += Metrics.coverage(y, lo, hi);
                c[1] += Metrics.width(lo, hi);
                if (h != null) {
                    c[2] += Metrics.msis(h.values(), y, lo, hi, e.getKey(), m);
                }
            }
            count++;
        }

        /** Prints the means: sMAPE, and with a history MASE and OWA; each level's coverage, width and MSIS. */
        void print(boolean withHistory) {
            System.out.printf(Locale.ROOT, "series %d, horizon %d%n", count, horizon);
            System.out.printf(Locale.ROOT, "sMAPE %.3f%n", smape / count);
            if (withHistory) {
                System.out.printf(Locale.ROOT, "MASE %.3f%n", mase / count);
                System.out.printf(Locale.ROOT, "OWA %.3f   (Naive2 on the same history: sMAPE %.3f, MASE %.3f)%n",
                        Metrics.owa(smape / count, mase / count, n2Smape / count, n2Mase / count), n2Smape / count,
                        n2Mase / count);
            }
            for (var e : coverage.entrySet()) {
                System.out.printf(Locale.ROOT, "coverage %d%%: %.1f%% (mean width %.4g%s)%n", e.getKey(),
                        100 * e.getValue()[0] / count, e.getValue()[1] / count, !withHistory ? ""
                                : String.format(Locale.ROOT, ", MSIS %.3f", e.getValue()[2] / count));
            }
        }
    }

    /**
     * A file read with {@code options}; where its first rows cannot show how its times are written (a few labels,
     * 3-07 to 3-12, which may be months or days), read as the history's ({@code known}) were, unless given.
     */
    private static SeriesData read(Path file, CsvOptions options, TimeFormat known) {
        try {
            return new CsvSeriesReader(options).withOwnFrequencies(true).read(file);
        } catch (DataException e) {
            if (e.remedy() != DataException.Remedy.TIME_FORMAT || known == null || options.timeFormat() != null) {
                throw e;
            }
            return new CsvSeriesReader(options.withTimeFormat(known)).withOwnFrequencies(true).read(file);
        }
    }

    /** The history, its filled gaps said as warnings (as {@code recur forecast} says them). */
    private SeriesData history(CsvOptions options) {
        SeriesData h = new CsvSeriesReader(options).withOwnFrequencies(true).read(history);
        ConsoleProgress progress = console.progress();
        for (String note : h.notes()) {
            progress.note(note);
        }
        return h;
    }

    /** The levels L for which the forecast file's header has both lower_L and upper_L. */
    static java.util.List<Integer> intervalLevels(Path file) {
        String header;
        try (java.io.BufferedReader r = java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            header = r.readLine();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return java.util.List.of();
        }
        java.util.List<Integer> levels = new java.util.ArrayList<>();
        if (header == null) {
            return levels;
        }
        java.util.Set<String> cols = new java.util.HashSet<>(java.util.Arrays.asList(header.replace("\"", "").split(",")));
        for (String c : cols) {
            if (c.matches("lower_\\d{1,2}") && cols.contains("upper_" + c.substring(6))) {
                levels.add(Integer.parseInt(c.substring(6)));
            }
        }
        java.util.Collections.sort(levels);
        return levels;
    }

    private static Map<String, TimeSeries> byId(SeriesData d) {
        Map<String, TimeSeries> m = new HashMap<>();
        for (TimeSeries s : d.series()) {
            m.put(s.id(), s);
        }
        return m;
    }

    /** The actual values at the forecast's times. */
    private static double[] aligned(TimeSeries actual, TimeSeries forecast, String file) {
        double[] y = new double[forecast.length()];
        int offset = -1;
        for (int i = 0; i < actual.length() && offset < 0; i++) {
            boolean same = forecast.isSteps() ? actual.step(i) == forecast.step(0) : actual.time(i).equals(forecast.time(0));
            if (same) {
                offset = i;
            }
        }
        if (offset < 0 || offset + forecast.length() > actual.length()) {
            throw new DataException(file + ": series " + Shorten.quoted(forecast.id()) + " does not cover the forecast's "
                    + forecast.length() + " times");
        }
        System.arraycopy(actual.values(), offset, y, 0, y.length);
        return y;
    }
}
