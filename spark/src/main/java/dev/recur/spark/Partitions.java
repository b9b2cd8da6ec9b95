package dev.recur.spark;

import dev.recur.connectors.series.TimeFormat;
import dev.recur.engine.forecast.EnsembleForecaster;
import dev.recur.engine.forecast.NonNegativity;
import dev.recur.engine.forecast.StatisticalFallback;
import dev.recur.engine.intervals.LocalIntervals;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.neural.FittedForecaster;
import dev.recur.engine.neural.ForecasterFiles;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Baselines;
import dev.recur.engine.statistical.Combination;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** The functions that run on the executors, one partition at a time (package-private: see {@link SparkForecaster}). */
final class Partitions {

    private Partitions() {
    }

    /**
     * Rows for a series' forecast: one per step; floored at zero for a never-negative series unless the spec allows
     * negative forecasts ({@link NonNegativity}).
     */
    static void rows(List<Row> out, String id, TimeSeries s, Forecast forecast, ForecastSpec spec, String model,
                     TimeFormat tf) {
        int[] levels = spec.levels();
        Forecast f = spec.allowNegative() ? forecast : NonNegativity.apply(s, forecast);
        int horizon = f.point().length;
        for (int h = 0; h < horizon; h++) {
            Object[] v = new Object[width(levels)];
            int k = 0;
            v[k++] = id;
            v[k++] = SeriesReading.timeAfter(s, h + 1, tf);
            v[k++] = f.point()[h];
            for (int l : levels) {
                v[k++] = f.lower(l)[h];
                v[k++] = f.upper(l)[h];
            }
            v[k] = model;
            out.add(RowFactory.create(v));
        }
    }

    /** The fields of a row of {@link SparkForecaster#outputSchema}. */
    private static int width(int[] levels) {
        return 4 + 2 * levels.length + 3;
    }

    /** The row of a series without a forecast. */
    static Row problem(String id, String why, int[] levels) {
        return problem(id, why, null, levels);
    }

    /**
     * The row of a series that could not be read: its problem, and for a series of another frequency than the
     * run's, that frequency, which marks it for a run of its own ({@link SeriesReading.Item#other()}).
     */
    static Row problem(SeriesReading.Item item, int[] levels) {
        return problem(item.id(), item.problem(), item.other(), levels);
    }

    private static Row problem(String id, String why, String otherFrequency, int[] levels) {
        Object[] v = new Object[width(levels)];
        v[0] = id;
        v[v.length - 3] = why;
        v[v.length - 1] = otherFrequency;
        return RowFactory.create(v);
    }

    /**
     * The series of a batch that the model forecasts; a row to {@code out} for each of the others: the problem of a
     * series that could not be read, or the mark of one the model does not forecast ({@link #unreached}).
     */
    static List<TimeSeries> reached(List<SeriesReading.Item> batch, Reach reach, int[] levels, List<Row> out) {
        List<TimeSeries> ok = new ArrayList<>();
        for (SeriesReading.Item item : batch) {
            if (item.problem() != null) {
                out.add(problem(item, levels));
            } else {
                String why = reach.cannot(item.series());
                if (why == null) {
                    ok.add(item.series());
                } else {
                    out.add(unreached(item.id(), why, levels));
                }
            }
        }
        return ok;
    }

    /** The row that marks a series the model does not forecast, and why: the fallback's pass forecasts it. */
    static Row unreached(String id, String why, int[] levels) {
        Object[] v = new Object[width(levels)];
        v[0] = id;
        v[v.length - 2] = why;
        return RowFactory.create(v);
    }

    /**
     * Items cut into batches ({@code together} says whether the next item joins the current batch), each turned
     * into rows when it is reached: a partition is never held in memory whole.
     */
    static Iterator<Row> batches(Iterator<SeriesReading.Item> items, BiPredicate<List<SeriesReading.Item>, SeriesReading.Item> together,
                                 Function<List<SeriesReading.Item>, List<Row>> work) {
        return new Iterator<>() {
            private final ArrayDeque<Row> ready = new ArrayDeque<>();
            private SeriesReading.Item pending = items.hasNext() ? items.next() : null;

            @Override
            public boolean hasNext() {
                while (ready.isEmpty() && pending != null) {
                    List<SeriesReading.Item> batch = new ArrayList<>();
                    batch.add(pending);
                    pending = null;
                    while (items.hasNext()) {
                        SeriesReading.Item next = items.next();
                        if (!together.test(batch, next)) {
                            pending = next;
                            break;
                        }
                        batch.add(next);
                    }
                    ready.addAll(work.apply(batch));
                }
                return !ready.isEmpty();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return ready.poll();
            }
        };
    }

    /**
     * Which series the model of the run forecasts: the others are marked by its pass ({@link #unreached}) and get the
     * statistical fallback ({@link Fallback}), as on the command line. The same predicate decides in every pass, so
     * that each series is forecast exactly once.
     */
    interface Reach extends Serializable {
        /** Why the model does not forecast {@code series}, or null when it does. */
        String cannot(TimeSeries series);
    }

    /** A saved (or driver-trained) network's reach: {@link FittedForecaster#cannotForecast}. */
    record SavedReach(Broadcast<byte[]> bytes, String key, String name) implements Reach {
        @Override
        public String cannot(TimeSeries series) {
            return ModelCache.get(key, bytes, name).fitted().cannotForecast(series);
        }
    }

    /** The reach of a model that forecasts every series that can be read (the default model). */
    record Everything() implements Reach {
        @Override
        public String cannot(TimeSeries series) {
            return null;
        }
    }

    /**
     * The reach decided by the model's own pass, for the fallback's passes over the rows of the series it marked
     * ({@link #unreached}), taken out by a join on their ids: the model forecasts none of them. The pass of one
     * network per group knows only after training which series its group's network forecasts (those it trained on:
     * {@link RecurrentForecaster#forecastTrainingSeries}), so the fallback follows its marks; a join, not a set of
     * ids on every executor, so that millions of marked series cost no memory on the driver.
     */
    record MarkedRows() implements Reach {
        @Override
        public String cannot(TimeSeries series) {
            return "marked by the model's pass";
        }
    }

    /**
     * A method's reach by length ({@link Forecaster#minimumLength}), and for a network trained on the executors also
     * by range ({@link RecurrentForecaster#inRange}).
     *
     * @param need   the fewest values
     * @param range  whether values must be within the network's float32 range
     * @param what   the method's name in the reason
     * @param horizon the forecast steps
     */
    record LengthReach(int need, boolean range, String what, int horizon) implements Reach {
        @Override
        public String cannot(TimeSeries series) {
            String id = "series " + Shorten.quoted(series.id());
            if (series.length() < need) {
                return id + " has " + series.length() + " values; " + what + " needs at least " + need + " for horizon "
                        + horizon;
            }
            if (range && !RecurrentForecaster.inRange(series.values())) {
                return id + " has values beyond " + RecurrentForecaster.RANGE + ", the network's float32 range";
            }
            return null;
        }
    }

    /**
     * The series the model does not forecast, each as on the command line
     * ({@link StatisticalFallback#forecast}): the standard combination, naive below 3 values, with the
     * intervals {@code q} calibrated on the driver.
     */
    static final class Fallback implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final ForecastSpec spec;
        private final SeriesReading reading;
        private final int season;
        private final Reach reach;
        private final double[][] q;

        Fallback(ForecastSpec spec, SeriesReading reading, int season, Reach reach, double[][] q) {
            this.spec = spec;
            this.reading = reading;
            this.season = season;
            this.reach = reach;
            this.q = q;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            Forecaster comb = Combination.standard();
            int need = comb.minimumLength(spec.horizon(), season);
            TimeFormat tf = reading.format();
            int[] levels = spec.levels();
            return batches(reading.items(input), (batch, next) -> false, batch -> {
                SeriesReading.Item item = batch.get(0);
                List<Row> out = new ArrayList<>();
                if (item.problem() == null && reach.cannot(item.series()) != null) {
                    TimeSeries s = item.series();
                    double[] y = s.values();
                    double[] point;
                    String label;
                    if (s.length() >= need) {
                        point = comb.forecast(List.of(s), spec.horizon(), season, Forecaster.Progress.NONE).get(0);
                        label = comb.name();
                    } else {
                        point = new double[spec.horizon()];
                        java.util.Arrays.fill(point, y[y.length - 1]);
                        label = "naive";
                    }
                    Forecast fc = LocalIntervals.apply(s.id(), point, LocalIntervals.intervalScale(y, season), q, levels);
                    rows(out, s.id(), s, fc, spec, label, tf);
                }
                return out;
            });
        }
    }

    /** Loaded models by the SHA-256 of their bytes: one instance per executor JVM, shared by its task threads. */
    static final class ModelCache {
        private static final Map<String, ForecasterFiles.Loaded> MODELS = new LinkedHashMap<>();
        private static final int MAX = 8;

        private ModelCache() {
        }

        static synchronized ForecasterFiles.Loaded get(String key, Broadcast<byte[]> bytes, String name) {
            ForecasterFiles.Loaded m = MODELS.get(key);
            if (m == null) {
                try {
                    m = ForecasterFiles.load(bytes.value(), name);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (MODELS.size() >= MAX) {
                    MODELS.remove(MODELS.keySet().iterator().next());
                }
                MODELS.put(key, m);
            }
            return m;
        }

        /** The keys of the models this JVM holds (for tests). */
        static synchronized java.util.Set<String> keys() {
            return java.util.Set.copyOf(MODELS.keySet());
        }
    }

    /** Scores with a saved (or driver-trained) network, {@code batchSize} series per call. */
    static final class Network implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final ForecastSpec spec;
        private final SeriesReading reading;
        private final Broadcast<byte[]> bytes;
        private final String key;
        private final String name;

        Network(ForecastSpec spec, SeriesReading reading, Broadcast<byte[]> bytes, String key, String name) {
            this.spec = spec;
            this.reading = reading;
            this.bytes = bytes;
            this.key = key;
            this.name = name;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            ForecasterFiles.Loaded loaded = ModelCache.get(key, bytes, name);
            FittedForecaster model = loaded.fitted();
            Reach reach = new SavedReach(bytes, key, name);
            String label = loaded.metadata().getOrDefault("model", "model");
            TimeFormat tf = reading.format();
            int[] levels = spec.levels();
            return batches(reading.items(input), (batch, next) -> batch.size() < spec.batchSize(), batch -> {
                List<Row> out = new ArrayList<>();
                List<TimeSeries> ok = reached(batch, reach, levels, out);
                if (ok.isEmpty()) {
                    return out;
                }
                List<Forecast> fc;
                try {
                    fc = model.forecast(ok);
                } catch (IllegalArgumentException one) {
                    // find the series at fault; the others keep their forecasts
                    fc = new ArrayList<>();
                    List<TimeSeries> good = new ArrayList<>();
                    for (TimeSeries s : ok) {
                        try {
                            fc.add(model.forecast(List.of(s)).get(0));
                            good.add(s);
                        } catch (IllegalArgumentException e) {
                            out.add(problem(s.id(), Shorten.line(e.getMessage()), levels));
                        }
                    }
                    ok = good;
                }
                for (int i = 0; i < ok.size(); i++) {
                    rows(out, ok.get(i).id(), ok.get(i), fc.get(i), spec, label, tf);
                }
                return out;
            });
        }
    }

    /**
     * A model run on each group: a partition's consecutive rows of one group value (all of them where there is no
     * group column), read as series and forecast together by {@link #forecastGroup}.
     */
    abstract static class Grouped implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        final ForecastSpec spec;
        final SeriesReading reading;
        final int season;
        private final Reach reach;

        Grouped(ForecastSpec spec, SeriesReading reading, int season, Reach reach) {
            this.spec = spec;
            this.reading = reading;
            this.season = season;
            this.reach = reach;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            TimeFormat tf = reading.format();
            return batches(reading.items(input), (batch, next) -> Objects.equals(batch.get(0).group(), next.group()), batch -> {
                List<Row> out = new ArrayList<>();
                List<TimeSeries> ok = reached(batch, reach, spec.levels(), out);
                if (!ok.isEmpty()) {
                    forecastGroup(ok, batch.get(0).group(), tf, out);
                }
                return out;
            });
        }

        /** Adds the rows of the group's series {@code ok} (those its reach takes) to {@code out}. */
        abstract void forecastGroup(List<TimeSeries> ok, String group, TimeFormat tf, List<Row> out);
    }

    /** One network per group, trained on the executor on the group's series. */
    static final class PerGroup extends Grouped {
        private static final long serialVersionUID = 1L;
        private final ModelChoice.NetworkOptions network;

        PerGroup(ForecastSpec spec, SeriesReading reading, int season, ModelChoice.NetworkOptions network, Reach reach) {
            super(spec, reading, season, reach);
            this.network = network;
        }

        @Override
        void forecastGroup(List<TimeSeries> ok, String group, TimeFormat tf, List<Row> out) {
            RecurrentForecaster f = network.forecaster();
            // as recur forecast --model gru: trained on the group's series that hold its full window, it
            // forecasts those; the others are marked for the fallback
            List<Forecast> fc = f.forecastTrainingSeries(ok, spec.horizon(), season, spec.levels(),
                    Forecaster.Progress.NONE);
            String label = f.name() + "[" + group + "]";
            for (int i = 0; i < ok.size(); i++) {
                if (fc.get(i) != null) {
                    rows(out, ok.get(i).id(), ok.get(i), fc.get(i), spec, label, tf);
                } else {
                    out.add(unreached(ok.get(i).id(), f.whyNotTrainedOn(ok.get(i), spec.horizon(), season),
                            spec.levels()));
                }
            }
        }
    }

    /**
     * The command line's default model on each group ({@link ModelChoice.Ensemble}): a group's series forecast
     * together as {@code recur forecast} forecasts a file of them, each series labelled with the method it got (and
     * its group, where there is a column).
     */
    static final class EnsembleGroups extends Grouped {
        private static final long serialVersionUID = 1L;
        private final ModelChoice.Ensemble model;

        EnsembleGroups(ForecastSpec spec, SeriesReading reading, int season, ModelChoice.Ensemble model) {
            super(spec, reading, season, new Everything());
            this.model = model;
        }

        @Override
        void forecastGroup(List<TimeSeries> ok, String group, TimeFormat tf, List<Row> out) {
            EnsembleForecaster.Result r = model.forecaster().forecast(ok, spec.horizon(), season, spec.levels(),
                    Forecaster.Progress.NONE);
            String suffix = model.column() == null ? "" : "[" + group + "]";
            for (int i = 0; i < ok.size(); i++) {
                rows(out, ok.get(i).id(), ok.get(i), r.forecasts().get(i), spec, r.labels().get(i) + suffix, tf);
            }
        }
    }

    /**
     * When each series that gives a backtest ends ({@link LocalIntervals#end}): one row per series of at least
     * {@code atLeast} values and what the method needs, so that the driver counts them and sees whether they end
     * together ({@link LocalIntervals#endTogether}), as on one machine.
     */
    static final class SeriesEnds implements MapPartitionsFunction<Row, String> {
        private static final long serialVersionUID = 1L;
        private final SeriesReading reading;
        private final ForecastSpec spec;
        private final int season;
        private final String method;
        private final int atLeast;
        private final Reach unreachedBy;
        private final boolean varyingOnly;

        /**
         * The ends of the series of at least {@code atLeast} values, and at least what the method needs; with
         * {@code unreachedBy}, only of the series that it does not forecast (null: every series).
         */
        SeriesEnds(SeriesReading reading, ForecastSpec spec, int season, String method, int atLeast, Reach unreachedBy) {
            this(reading, spec, season, method, atLeast, unreachedBy, false);
        }

        /**
         * As {@link #SeriesEnds(SeriesReading, ForecastSpec, int, String, int, Reach)}; with {@code varyingOnly}, only
         * of the series whose intervals need calibrating ({@link LocalIntervals#varying}).
         */
        SeriesEnds(SeriesReading reading, ForecastSpec spec, int season, String method, int atLeast, Reach unreachedBy,
                   boolean varyingOnly) {
            this.reading = reading;
            this.spec = spec;
            this.season = season;
            this.method = method;
            this.atLeast = atLeast;
            this.unreachedBy = unreachedBy;
            this.varyingOnly = varyingOnly;
        }

        @Override
        public Iterator<String> call(Iterator<Row> input) {
            int need = Math.max(atLeast, Baselines.byName(method).minimumLength(spec.horizon(), season));
            List<String> ends = new ArrayList<>();
            for (Iterator<SeriesReading.Item> it = reading.items(input); it.hasNext(); ) {
                SeriesReading.Item item = it.next();
                if (item.series() != null && item.series().length() >= need
                        && (unreachedBy == null || unreachedBy.cannot(item.series()) != null)
                        && (!varyingOnly || LocalIntervals.intervalScale(item.series().values(), season) != 0)) {
                    ends.add(LocalIntervals.end(item.series()));
                }
            }
            return ends.iterator();
        }
    }

    /**
     * The notes of the series a run forecasts, one row {@code (id, note)} per line ({@link SeriesReading.Item#notes()}):
     * what was done to each series as it was read (gaps filled, repeated hours averaged) and the values that stand out
     * from it, as the command line's warnings say them. A series of another frequency has its notes from that
     * frequency's run, and one that cannot be read is a problem instead.
     */
    static final class Notes implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final SeriesReading reading;

        Notes(SeriesReading reading) {
            this.reading = reading;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            // a series at a time: a partition's notes are never held whole
            return batches(reading.items(input, true), (batch, next) -> false, batch -> {
                SeriesReading.Item item = batch.get(0);
                List<Row> out = new ArrayList<>();
                if (item.series() != null) {
                    for (String note : item.notes()) {
                        out.add(RowFactory.create(item.id(), note));
                    }
                }
                return out;
            });
        }
    }

    /**
     * The scaled backtest errors of a statistical method, one row {@code (step, error)} per step and origin reached:
     * {@link LocalIntervals#seriesErrors}, or with {@code shortHistory} (for a panel where those give none)
     * {@link LocalIntervals#shortHistoryErrors}.
     */
    static final class Errors implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final ForecastSpec spec;
        private final SeriesReading reading;
        private final int season;
        private final String method;
        private final boolean shortHistory;
        private final long eligible;
        private final boolean endTogether;
        private final Reach unreachedBy;

        /**
         * @param eligible the series that give a backtest ({@link LocalIntervals#calibrationLength}): each is
         *                 backtested from {@link LocalIntervals#origins} origins (of more than 400, a sample once),
         *                 as on one machine
         * @param endTogether whether those series end together ({@link LocalIntervals#endTogether}), which moves
         *                 their backtests to the part of the season the forecast is in ({@link LocalIntervals#phase})
         * @param unreachedBy with it, only the series that it does not forecast are backtested (null: every series)
         */
        Errors(ForecastSpec spec, SeriesReading reading, int season, String method, boolean shortHistory,
               long eligible, boolean endTogether, Reach unreachedBy) {
            this.spec = spec;
            this.reading = reading;
            this.season = season;
            this.method = method;
            this.shortHistory = shortHistory;
            this.eligible = eligible;
            this.endTogether = endTogether;
            this.unreachedBy = unreachedBy;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            Forecaster f = Baselines.byName(method);
            int need = f.minimumLength(spec.horizon(), season);
            return batches(reading.items(input), (batch, next) -> false, batch -> {
                SeriesReading.Item item = batch.get(0);
                List<Row> out = new ArrayList<>();
                TimeSeries series = item.series();
                int origins = series == null || series.length() < need
                        || (unreachedBy != null && unreachedBy.cannot(series) == null)
                        ? 0 : LocalIntervals.origins(series.id(), eligible);
                if (origins > 0) {
                    double[][] rows = shortHistory
                            ? LocalIntervals.shortHistoryErrors(f, series, spec.horizon(), season, origins, endTogether)
                            : LocalIntervals.seriesErrors(f, series, spec.horizon(), season, origins, endTogether);
                    for (double[] row : rows) {
                        for (int h = 0; h < row.length; h++) {
                            if (!Double.isNaN(row[h])) {
                                out.add(RowFactory.create(h, row[h]));
                            }
                        }
                    }
                }
                return out;
            });
        }
    }

    /** A statistical method per series, with intervals from the pooled quantiles. */
    static final class Local implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final ForecastSpec spec;
        private final SeriesReading reading;
        private final int season;
        private final String method;
        private final Reach reach;
        private final double[][] q;

        Local(ForecastSpec spec, SeriesReading reading, int season, String method, Reach reach, double[][] q) {
            this.spec = spec;
            this.reading = reading;
            this.season = season;
            this.method = method;
            this.reach = reach;
            this.q = q;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            Forecaster f = Baselines.byName(method);
            TimeFormat tf = reading.format();
            int[] levels = spec.levels();
            return batches(reading.items(input), (batch, next) -> false, batch -> {
                SeriesReading.Item item = batch.get(0);
                List<Row> out = new ArrayList<>();
                String why = item.problem() != null ? null : reach.cannot(item.series());
                if (item.problem() != null) {
                    out.add(problem(item, levels));
                } else if (why != null) {
                    out.add(unreached(item.id(), why, levels));
                } else {
                    TimeSeries s = item.series();
                    try {
                        double[] point = f.forecast(List.of(s), spec.horizon(), season, Forecaster.Progress.NONE).get(0);
                        Forecast fc = LocalIntervals.apply(s.id(), point, LocalIntervals.intervalScale(s.values(), season),
                                q, levels);
                        rows(out, s.id(), s, fc, spec, f.name(), tf);
                    } catch (IllegalArgumentException e) {
                        out.add(problem(item.id(), Shorten.line(e.getMessage()), levels));
                    }
                }
                return out;
            });
        }
    }
}
