package dev.recur.engine.series;

import dev.recur.engine.io.Shorten;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One regular time series: an identifier, its values (finite, in time order, no gaps) and where they
 * sit in time: either timestamps with a {@link Frequency}, or integer steps from a first step. It may carry
 * past covariates: other observed quantities, one value per point, aligned with the values.
 */
public final class TimeSeries {

    private final String id;
    private final double[] values;
    private final Frequency frequency;
    private final LocalDateTime start;
    private final long startStep;
    private final java.util.Map<String, double[]> covariates;
    private final java.util.Map<String, double[]> future;

    private TimeSeries(String id, double[] values, Frequency frequency, LocalDateTime start, long startStep) {
        this(id, values, frequency, start, startStep, java.util.Map.of(), java.util.Map.of());
    }

    private TimeSeries(String id, double[] values, Frequency frequency, LocalDateTime start, long startStep,
                       java.util.Map<String, double[]> covariates, java.util.Map<String, double[]> future) {
        this.id = Objects.requireNonNull(id, "id");
        this.values = Objects.requireNonNull(values, "values");
        this.frequency = Objects.requireNonNull(frequency, "frequency");
        this.start = start;
        this.startStep = startStep;
        this.covariates = covariates;
        this.future = future;
        for (java.util.Map.Entry<String, double[]> e : future.entrySet()) {
            if (!covariates.containsKey(e.getKey())) {
                throw new IllegalArgumentException("series " + Shorten.quoted(id) + ": future values of " + Shorten.quoted(e.getKey())
                        + ", which is not one of its covariates " + covariates.keySet());
            }
            for (int i = 0; i < e.getValue().length; i++) {
                if (!Double.isFinite(e.getValue()[i])) {
                    throw new IllegalArgumentException("series " + Shorten.quoted(id) + ": future value " + i + " of " + Shorten.quoted(e.getKey())
                            + " is " + e.getValue()[i]);
                }
            }
        }
        for (java.util.Map.Entry<String, double[]> e : covariates.entrySet()) {
            double[] c = e.getValue();
            if (c.length != values.length) {
                throw new IllegalArgumentException("series " + Shorten.quoted(id) + ": covariate " + Shorten.quoted(e.getKey()) + " has " + c.length
                        + " values for " + values.length + " points");
            }
            for (int i = 0; i < c.length; i++) {
                if (!Double.isFinite(c[i])) {
                    throw new IllegalArgumentException("series " + Shorten.quoted(id) + ": covariate " + Shorten.quoted(e.getKey()) + " value " + i
                            + " is " + c[i]);
                }
            }
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("series " + Shorten.quoted(id) + ": value " + i + " is " + values[i]);
            }
        }
    }

    /** A series on integer steps, the first value at step {@code startStep}. */
    public static TimeSeries ofSteps(String id, double[] values, long startStep) {
        return new TimeSeries(id, values, Frequency.STEPS, null, startStep);
    }

    /**
     * A series on integer steps of {@code steps}' multiple (every 4 steps: Olympic years), the first value at step
     * {@code startStep}.
     *
     * @throws IllegalArgumentException where {@code steps} is no frequency of integer steps
     */
    public static TimeSeries ofSteps(String id, double[] values, long startStep, Frequency steps) {
        if (!steps.isSteps()) {
            throw new IllegalArgumentException("integer steps need a frequency of steps, not " + steps);
        }
        return new TimeSeries(id, values, steps, null, startStep);
    }

    /** A series of timestamps: the first value at {@code start}, one per {@code frequency} step. */
    public static TimeSeries ofTimes(String id, double[] values, LocalDateTime start, Frequency frequency) {
        if (frequency.isSteps()) {
            throw new IllegalArgumentException("timestamps need a calendar frequency");
        }
        return new TimeSeries(id, values, frequency, Objects.requireNonNull(start, "start"), 0);
    }

    /** The identifier. */
    public String id() {
        return id;
    }

    /** The values (the live array). */
    public double[] values() {
        return values;
    }

    /** Number of values. */
    public int length() {
        return values.length;
    }

    /** The spacing. */
    public Frequency frequency() {
        return frequency;
    }

    /** Whether the series is on integer steps. */
    public boolean isSteps() {
        return frequency.isSteps();
    }

    /** Timestamp of value {@code i} ({@code i} may be past the end: future timestamps). */
    public LocalDateTime time(int i) {
        if (isSteps()) {
            throw new IllegalStateException("series " + Shorten.quoted(id) + " is on integer steps");
        }
        return frequency.add(start, i);
    }

    /** Step number of value {@code i} (integer-step series; steps of several apart, as its frequency has them). */
    public long step(int i) {
        if (!isSteps()) {
            throw new IllegalStateException("series " + Shorten.quoted(id) + " has timestamps");
        }
        return startStep + (long) i * frequency.multiple();
    }

    /** The past covariates by name, in column order (empty when there are none; the live arrays). */
    public java.util.Map<String, double[]> covariates() {
        return covariates;
    }

    /**
     * The same series with past covariates, one array per name, each as long as the values.
     *
     * @throws IllegalArgumentException for a length that differs or a value that is not finite
     */
    public TimeSeries withCovariates(java.util.Map<String, double[]> covs) {
        return new TimeSeries(id, values, frequency, start, startStep,
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(covs)), java.util.Map.of());
    }

    /**
     * Known-future covariates: for some of the covariates, their values at the points after the last value
     * (the forecast horizon), known in advance (prices, promotions, holidays).
     *
     * @throws IllegalArgumentException for a name that is not a covariate, or a value that is not finite
     */
    public TimeSeries withFuture(java.util.Map<String, double[]> futureValues) {
        return new TimeSeries(id, values, frequency, start, startStep, covariates,
                java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(futureValues)));
    }

    /** The known-future covariates' values after the last point, by name (empty when there are none). */
    public java.util.Map<String, double[]> future() {
        return future;
    }

    /**
     * The first {@code n} values (and covariate values) as a new series; a known-future covariate's values
     * after point {@code n} become its future values.
     */
    public TimeSeries head(int n) {
        java.util.Map<String, double[]> c = new java.util.LinkedHashMap<>();
        covariates.forEach((k, v) -> c.put(k, java.util.Arrays.copyOf(v, n)));
        java.util.Map<String, double[]> f = new java.util.LinkedHashMap<>();
        future.forEach((k, v) -> {
            double[] hist = covariates.get(k);
            double[] joined = new double[hist.length - n + v.length];
            System.arraycopy(hist, n, joined, 0, hist.length - n);
            System.arraycopy(v, 0, joined, hist.length - n, v.length);
            f.put(k, joined);
        });
        return new TimeSeries(id, java.util.Arrays.copyOf(values, n), frequency, start, startStep,
                java.util.Collections.unmodifiableMap(c), java.util.Collections.unmodifiableMap(f));
    }

    /**
     * The same series, covariates and known-future values with corrected values, as many as before (a value typed
     * wrongly, replaced).
     *
     * @throws IllegalArgumentException for another number of values or a value that is not finite
     */
    public TimeSeries withCorrectedValues(double[] v) {
        if (v.length != values.length) {
            throw new IllegalArgumentException("series " + Shorten.quoted(id) + ": " + v.length + " corrected values for "
                    + values.length);
        }
        return new TimeSeries(id, v.clone(), frequency, start, startStep, covariates, future);
    }

    /** The same identifier and start with other values (and no covariates). */
    public TimeSeries withValues(double[] v) {
        return new TimeSeries(id, v, frequency, start, startStep);
    }

    @Override
    public String toString() {
        return "TimeSeries{" + id + ", " + values.length + " values, " + frequency + "}";
    }
}
