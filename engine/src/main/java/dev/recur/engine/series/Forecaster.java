package dev.recur.engine.series;

import java.util.List;

/**
 * A forecasting method: given the histories of one or many series, the point forecasts of each for the
 * next {@code horizon} steps. Local methods (the baselines) treat each series alone; global ones (the
 * recurrent networks) learn across all series at once.
 */
public interface Forecaster {

    /** The longest horizon any method forecasts. */
    int MAX_HORIZON = 100_000;

    /**
     * Checks a horizon before anything is allocated for it.
     *
     * @throws IllegalArgumentException if it is below 1 or above {@link #MAX_HORIZON}
     */
    static void checkHorizon(int horizon) {
        if (horizon < 1 || horizon > MAX_HORIZON) {
            throw new IllegalArgumentException("horizon must be between 1 and " + MAX_HORIZON + ", got " + horizon);
        }
    }

    /** A short name, e.g. {@code snaive} or {@code lstm}. */
    String name();

    /**
     * Forecasts every series.
     *
     * @param history  the series, each at least {@link #minimumLength} long
     * @param horizon  steps ahead, at least 1
     * @param season   seasonal period (1 for none)
     * @param progress where long work reports progress
     * @return one array of {@code horizon} values per series, in the order given
     */
    List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress);

    /** The shortest history this method accepts for a horizon and season. */
    default int minimumLength(int horizon, int season) {
        return 1;
    }

    /**
     * Whether this method can forecast {@code series}: by default, whether it has the {@link #minimumLength}. A
     * method with other limits (the networks' float32 range) says so too.
     */
    default boolean takes(TimeSeries series, int horizon, int season) {
        return series.length() >= minimumLength(horizon, season);
    }

    /**
     * The method as it forecasts series of this season, under the name it has there: itself, unless it is another
     * method at some seasons (the standard combination's Theta member, {@code statistical.Combination.SeasonalTheta}, is
     * {@code dotm} at a season of 1). A method that compares or labels methods ({@code auto}) asks for it, so that what
     * it reports is what forecast.
     */
    default Forecaster atSeason(int season) {
        return this;
    }

    /** Progress reporting for long work; {@link #NONE} ignores everything. */
    interface Progress {
        /** Ignores everything. */
        Progress NONE = new Progress() {
            @Override
            public void message(String line) {
            }
        };

        /** A line of progress, e.g. {@code "epoch 3/40 loss 0.0213 (1m12s left)"}. */
        void message(String line);

        /** A transient status that the next call replaces (a progress bar); defaults to a message. */
        default void status(String line) {
            message(line);
        }
    }
}
