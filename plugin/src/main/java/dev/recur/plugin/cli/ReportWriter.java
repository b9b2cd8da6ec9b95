package dev.recur.plugin.cli;

import dev.recur.connectors.series.SeriesData;
import dev.recur.engine.forecast.AutoForecaster;
import dev.recur.engine.forecast.Backtest;
import dev.recur.engine.forecast.EnsembleForecaster;
import dev.recur.engine.kernel.Kernels;
import dev.recur.engine.neural.FittedForecaster;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Baselines;
import dev.recur.engine.statistical.Combination;
import dev.recur.engine.train.TrainingHistory;
import dev.recur.plugin.report.ForecastReport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs the report's backtests and writes the HTML report of a {@code recur forecast} run. */
final class ReportWriter {

    /** Baselines every report compares the method with. */
    static final List<String> BASELINES = List.of("snaive", "naive", "ets", "theta");

    /**
     * What the forecast run produced.
     *
     * @param data      the series as read
     * @param source    the input's display name
     * @param file      the input file, or null for a database
     * @param method    the method used (auto's choice when auto), or null when only its forecasts are known
     * @param methodName the method's name
     * @param why       why that method
     * @param horizon   steps
     * @param season    seasonal period
     * @param levels    interval levels
     * @param forecasts the forecasts
     * @param windows   backtest origins
     * @param nonNegative whether the backtests floor at zero the forecasts of never-negative series, as the
     *                  forecasts were
     * @param seed      the neural seed
     * @param command   the command-line arguments
     * @param seconds   time so far
     */
    record Run(SeriesData data, String source, Path file, Forecaster method, String methodName, String why, int horizon, int season,
               int[] levels, List<Forecast> forecasts, int windows, boolean nonNegative, long seed, String command,
               double seconds) {
    }

    private ReportWriter() {
    }

    static void write(OutputPlan plan, Run run, Path target, ConsoleProgress progress) throws Exception {
        write(plan, run, List.of(), target, progress);
    }

    /**
     * Writes the report of a run whose source mixes frequencies: {@code run} holds the data's own frequency's
     * series (its data's notes and left-out series are the whole source's), each of {@code others} another
     * frequency's series, forecast apart at its own season. Each part gets its own backtests.
     */
    static void write(OutputPlan plan, Run run, List<Run> others, Path target, ConsoleProgress progress)
            throws Exception {
        // The final model, before the backtests refit the method on shorter histories.
        RecurrentForecaster network = network(run);
        FittedForecaster fitted = network != null ? network.fitted() : null;
        long backtestStart = System.nanoTime();
        List<ForecastReport.Part> parts = new ArrayList<>();
        parts.add(part(run, "report", progress));
        for (Run other : others) {
            parts.add(part(other, "report, " + other.data().frequency() + " series", progress));
        }
        double backtestSeconds = (System.nanoTime() - backtestStart) / 1e9;
        Map<String, String> card = new LinkedHashMap<>();
        card.put("Method", run.methodName());
        card.put("Hyperparameters", network != null ? network.settings().toString()
                : run.method() == null ? "not known: the report was made from saved forecasts"
                : "fitted per series by " + run.methodName());
        if (fitted != null) {
            card.put("Window", Integer.toString(fitted.window()));
            card.put("Ensemble members", Integer.toString(fitted.networks().size()));
            card.put("Parameters per member", Integer.toString(fitted.networks().get(0).parameterCount()));
        }
        card.put("Seed", Long.toString(run.seed()));
        card.put("Horizon", Integer.toString(run.horizon()));
        card.put("Season", Integer.toString(run.season()));
        for (Run other : others) {
            RecurrentForecaster n = network(other);
            card.put(capitalised(other.data().frequency().toString()) + " series", String.format(Locale.ROOT,
                    "%d, %s, season %d%s", other.data().series().size(), other.methodName(), other.season(),
                    n == null ? "" : ", window " + n.fitted().window() + ", " + n.fitted().networks().size()
                            + " members"));
        }
        card.put("Data", run.source() + (run.file() != null ? " (SHA-256 " + sha256(run.file()) + ")" : ""));
        card.put("Command", "recur " + run.command());
        card.put("Duration", String.format(Locale.ROOT, "reading and forecasting %.1f s; report backtests %.1f s",
                run.seconds(), backtestSeconds));
        card.put("Created", OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        card.put("Recur version", version());
        card.put("Java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        card.put("Tribuo", org.tribuo.Tribuo.VERSION);
        card.put("Kernels", Kernels.get().name());
        SeriesData d = run.data();
        ForecastReport.Content content = new ForecastReport.Content(run.source(), run.command(),
                d.layout().name().toLowerCase(Locale.ROOT), run.horizon(), run.levels(), d.notes(), parts, card,
                d.valueColumn() == null ? "value" : d.valueColumn(),
                d.timeFormat() == null ? null : t -> d.timeFormat().format(t),
                d.skipped().stream().map(k -> k.id() + ": " + k.reason()).toList());
        String html = ForecastReport.html(content);
        plan.stageText(target, w -> w.write(html));
        progress.message(String.format(Locale.ROOT, "wrote report %s (%.1f MB)", target, html.length() / 1e6));
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The run's network, when its method is one (or auto chose one), else null. */
    private static RecurrentForecaster network(Run run) {
        return run.method() instanceof RecurrentForecaster rf ? rf
                : run.method() instanceof AutoForecaster.Chosen c ? c.network() : null;
    }

    /**
     * Backtests a run's method beside the baselines over the run's series and gathers the part of the report that
     * shows them; {@code label} begins its log lines.
     */
    private static ForecastReport.Part part(Run run, String label, ConsoleProgress progress) {
        List<TimeSeries> series = run.data().series();
        RecurrentForecaster network = network(run);
        FittedForecaster fitted = network != null ? network.fitted() : null;
        Board board = run.windows() > 0 ? board(run, series, label, progress) : new Board(null, new ArrayList<>());
        Backtest.Result chosen = board.chosen();
        List<ForecastReport.SeriesResult> results = new ArrayList<>();
        for (int s = 0; s < series.size(); s++) {
            TimeSeries ts = series.get(s);
            List<Forecast> bt = new ArrayList<>();
            int[] origins = new int[chosen == null ? 0 : chosen.origins()[s]];
            for (int k = 0; k < origins.length; k++) {
                bt.add(chosen.forecasts().get(k).get(s));
                origins[k] = ts.length() - chosen.windows().get(k).cut();
            }
            results.add(new ForecastReport.SeriesResult(ts, run.forecasts().get(s), bt, origins,
                    chosen == null ? Double.NaN : chosen.seriesMase()[s],
                    chosen == null ? Double.NaN : chosen.seriesSmape()[s]));
        }
        List<TrainingHistory> training = fitted != null ? fitted.histories() : List.of();
        return new ForecastReport.Part(run.data().frequency().toString(), run.season(), run.methodName(), run.why(),
                results, chosen, board.results(), training);
    }

    /**
     * The report's comparison of methods.
     *
     * @param chosen  the run's method's backtest, or null when it has none
     * @param results every method's backtest, by MASE
     */
    private record Board(Backtest.Result chosen, List<Backtest.Result> results) {
    }

    /**
     * Every method compared over the same series and origins, those every one of them affords (where no series affords
     * them all, each method on the origins it affords alone): the run's method, then the baselines.
     */
    private static Board board(Run run, List<TimeSeries> series, String label, ConsoleProgress progress) {
        Backtest.Result chosen = null;
        List<Backtest.Result> board = new ArrayList<>();
        List<Forecaster> baselines = new ArrayList<>();
        for (String name : BASELINES) {
            if (!name.equals(run.methodName())) {
                baselines.add(baseline(run.method(), run.season(), name));
            }
        }
        List<Forecaster> compared = new ArrayList<>(baselines);
        if (run.method() != null) {
            compared.add(0, run.method());
        }
        int[] shared = Backtest.affordable(compared, series, run.horizon(), run.season(), run.horizon(), run.windows());
        boolean any = java.util.Arrays.stream(shared).anyMatch(o -> o > 0);
        java.util.function.Function<Forecaster, int[]> origins = f -> any ? shared
                : Backtest.affordable(List.of(f), series, run.horizon(), run.season(), run.horizon(), run.windows());
        if (run.method() != null) {
            progress.message(label + ": backtesting " + run.method().name() + " over up to " + run.windows()
                    + " origin" + (run.windows() == 1 ? "" : "s"));
            try {
                chosen = Backtest.run(run.method(), series, run.horizon(), run.season(), origins.apply(run.method()),
                        run.horizon(), run.levels(), true, run.nonNegative(), progress);
                board.add(chosen);
                if (!chosen.leftOut().isEmpty()) {
                    progress.warning(label + ": " + leftOutNote(chosen, series.size()));
                }
            } catch (IllegalArgumentException e) {
                progress.warning(label + ": no backtest: " + e.getMessage());
            }
        }
        for (Forecaster baseline : baselines) {
            try {
                progress.status(label + ": backtesting " + baseline.name());
                board.add(Backtest.run(baseline, series, run.horizon(), run.season(), origins.apply(baseline),
                        run.horizon(), new int[0], true, run.nonNegative(), Forecaster.Progress.NONE));
            } catch (IllegalArgumentException e) {
                progress.warning(label + ": " + baseline.name() + " not compared: " + e.getMessage());
            }
        }
        board.sort(Comparator.comparingDouble(Backtest.Result::mase));
        return new Board(chosen, board);
    }

    /**
     * The baseline of this name: where the run's method is the default, its combination's member of that name at the
     * run's {@code season} (ETS, and Theta at a season above 1), whose fits the combination keeps ({@link
     * dev.recur.engine.statistical.FitMemory}), so that the comparison fits none of the histories again that the
     * default's backtest fitted; else a new one.
     */
    static Forecaster baseline(Forecaster method, int season, String name) {
        if (method instanceof EnsembleForecaster e && e.statistics().atSeason(season) instanceof Combination c) {
            for (Forecaster m : c.members()) {
                if (m.name().equals(name)) {
                    return m;
                }
            }
        }
        return Baselines.byName(name);
    }

    /**
     * One line naming the series that a backtest left out as too short for one origin: how many, up to five ids,
     * and why ({@code 2 of 30 series too short for one origin, left out of the backtest of ets: 'a', 'b'}).
     */
    static String leftOutNote(Backtest.Result r, int of) {
        List<String> ids = r.leftOut();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(5, ids.size()); i++) {
            b.append(i > 0 ? ", " : "").append('\'').append(dev.recur.engine.io.Shorten.value(ids.get(i))).append('\'');
        }
        return String.format(Locale.ROOT, "%d of %d series too short for one origin, left out of the backtest of %s: "
                + "%s%s", ids.size(), of, r.model(), b, ids.size() > 5 ? ", ..." : "");
    }

    static String version() {
        String v = ReportWriter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
