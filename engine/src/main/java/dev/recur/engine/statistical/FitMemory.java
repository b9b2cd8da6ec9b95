package dev.recur.engine.statistical;

import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The forecasts that local methods made, kept so that the same method asked again for the same history gives them
 * back instead of fitting again. One run fits the same history many times over: {@code auto} backtests ETS, Theta
 * and ARIMA at origins that the chosen combination's interval backtests then start from again; a report backtests
 * the default at three origins, and each origin's forecast is a fit that the origin after it already made for its
 * intervals; the report's ETS and Theta are fitted at the origins where the combination's members were. A local
 * method fits each series from its values alone, deterministically, so a kept forecast is the one a new fit would
 * make, to the last bit.
 *
 * <p>A history is known by its values (compared in full, not by a hash), its horizon and its season; the method by
 * identity. The memory holds at most {@link #defaultCapacity()} history values by default (each history once, with
 * every method's forecast from it), and forgets the least recently used histories beyond that, so a file of a
 * million series costs no more memory than one of a few thousand. It is safe for concurrent use (the series of a
 * panel are fitted in parallel).
 */
public final class FitMemory {

    /**
     * The most history values kept by default (48 MB): every fit that a report or {@code auto} repeats on a few
     * thousand monthly or a few hundred long hourly series. A smaller heap keeps fewer ({@link #defaultCapacity}).
     */
    public static final long DEFAULT_VALUES = 6_000_000;

    /**
     * History values a new memory keeps: {@value #DEFAULT_VALUES}, or as many as fill a 32nd of the largest heap the
     * JVM may take where that is less (a Spark executor of 1 GB with four tasks at once, each with its combination's
     * memory, keeps at most an eighth of its heap in them).
     */
    public static long defaultCapacity() {
        return Math.min(DEFAULT_VALUES, Runtime.getRuntime().maxMemory() / 32 / Double.BYTES);
    }

    /** A history as the memory knows it: its values (compared in full), horizon and season. */
    private record Key(int horizon, int season, double[] values, int hash) {

        static Key of(int horizon, int season, double[] values) {
            return new Key(horizon, season, values, 31 * (31 * horizon + season) + Arrays.hashCode(values));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.horizon == horizon && k.season == season && k.hash == hash
                    && Arrays.equals(k.values, values);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private final long capacity;
    /** Per history (its own copy of the values), each method's forecast; the least recently used first. */
    private final LinkedHashMap<Key, Map<Forecaster, double[]>> kept = new LinkedHashMap<>(256, 0.75f, true);
    private final Map<Forecaster, Forecaster> wrappers = new IdentityHashMap<>();
    /** Per method, its form at each season, the first one it gave: the object its fits at that season are kept by. */
    private final Map<Forecaster, Map<Integer, Forecaster>> forms = new IdentityHashMap<>();
    private long held;
    private long hits;
    private long fits;

    /** A memory of {@link #defaultCapacity()} history values. */
    public FitMemory() {
        this(defaultCapacity());
    }

    /**
     * A memory of at most {@code capacity} history values.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public FitMemory(long capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("a fit memory holds 0 or more values, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * {@code method} forecasting through this memory: each series' forecast is the kept one when {@code method} has
     * forecast the same values at the same horizon and season before, else a new fit, then kept. The same object
     * for the same method every time, and its {@link Forecaster#atSeason} forms are remembered too. Only for local
     * methods (each series forecast from its own values alone, the same every time), never a network.
     */
    public synchronized Forecaster remembering(Forecaster method) {
        if (method instanceof Remembering r && r.memory() == this) {
            return r;
        }
        return wrappers.computeIfAbsent(method, m -> new Remembering(m, this));
    }

    /**
     * The object that {@code method}'s fits at {@code season} are kept by: its form at that season, the first one it
     * gave (a combination makes a new one each time it is asked), so that a method that changes with the season (the
     * combination's Theta member) and that form itself share their fits.
     */
    private synchronized Forecaster formAt(Forecaster method, int season) {
        return forms.computeIfAbsent(method, m -> new java.util.HashMap<>())
                .computeIfAbsent(season, method::atSeason);
    }

    /** How many forecasts were given back without a fit, and how many were fitted, since this memory was made. */
    public synchronized long[] counts() {
        return new long[]{hits, fits};
    }

    private synchronized double[] recall(Forecaster method, Key key) {
        Map<Forecaster, double[]> byMethod = kept.get(key);
        double[] f = byMethod == null ? null : byMethod.get(method);
        if (f != null) {
            hits++;
        }
        return f;
    }

    private synchronized void keep(Forecaster method, Key key, double[] forecast) {
        fits++;
        if (key.values().length > capacity) {
            return;
        }
        Map<Forecaster, double[]> byMethod = kept.get(key);
        if (byMethod == null) {
            // the memory's own copy: a caller's array may change after the call
            byMethod = new IdentityHashMap<>(4);
            kept.put(new Key(key.horizon(), key.season(), key.values().clone(), key.hash()), byMethod);
            held += key.values().length;
        }
        byMethod.put(method, forecast);
        Iterator<Map.Entry<Key, Map<Forecaster, double[]>>> oldest = kept.entrySet().iterator();
        while (held > capacity && oldest.hasNext()) {
            held -= oldest.next().getKey().values().length;
            oldest.remove();
        }
    }

    /** A local method whose forecasts go through the memory. */
    private record Remembering(Forecaster method, FitMemory memory) implements Forecaster {

        @Override
        public String name() {
            return method.name();
        }

        @Override
        public int minimumLength(int horizon, int season) {
            return method.minimumLength(horizon, season);
        }

        @Override
        public boolean takes(TimeSeries series, int horizon, int season) {
            return method.takes(series, horizon, season);
        }

        @Override
        public Forecaster atSeason(int season) {
            Forecaster at = memory.formAt(method, season);
            return at == method ? this : memory.remembering(at);
        }

        @Override
        public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
            Forecaster.checkHorizon(horizon);
            Forecaster known = memory.formAt(method, season);
            List<double[]> out = new ArrayList<>(history.size());
            for (TimeSeries s : history) {
                Key key = Key.of(horizon, season, s.values());
                double[] f = memory.recall(known, key);
                if (f == null) {
                    f = method.forecast(List.of(s), horizon, season, progress).get(0);
                    memory.keep(known, key, f.clone());
                } else {
                    f = f.clone();
                }
                out.add(f);
            }
            return out;
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return method.toString();
        }
    }
}
