package dev.recur.spark;

import dev.recur.connectors.series.Aggregation;
import dev.recur.engine.series.Forecaster;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * What to forecast and how, for {@link SparkForecaster}: the input's column names, the horizon, season and
 * interval levels, the model, and how times and missing values are read (the command line's options of the
 * same names). Immutable and serializable (it travels to the executors); change it with the {@code with...}
 * methods.
 *
 * @param idColumn     the series identifier column (any type; read as text), or several that together name a series,
 *                     comma-separated ({@code store,item}: ids {@code 1 / 7}, output column {@code store/item})
 * @param timeColumn   the time column: a timestamp, date, integer steps or text the command line reads
 * @param valueColumn  the value column (numeric, or text read as the command line reads a file's values); null values
 *                     are missing; or several, comma-separated ({@code debt,income}), each a series of every id
 *                     ({@code Australia / debt}, output column {@code country/measure})
 * @param horizon      steps to forecast
 * @param season       the seasonal period, or 0 for the frequency's default (as {@code --season})
 * @param levels       interval levels in percent (as {@code --levels}; may be empty)
 * @param model        the model (see {@link ModelChoice})
 * @param frequency    as {@code --frequency}, or null to infer it on the driver from a sample of series
 * @param timeFormat   as {@code --time-format}, or null to recognise it from the first time value
 * @param missing      as {@code --missing}: interpolate, ffill, drop or error
 * @param batchSize    series forecast together by one network call on an executor
 * @param modelColumn  the output column naming each series' method
 * @param lowerPrefix  output columns {@code <lowerPrefix><level>}
 * @param upperPrefix  output columns {@code <upperPrefix><level>}
 * @param forecastColumn the output column of point forecasts
 * @param allowNegative as {@code --allow-negative}: false floors at zero the forecasts and interval bounds of the
 *                     series that have never been negative ({@link dev.recur.engine.forecast.NonNegativity})
 * @param aggregate    as {@code --aggregate}: how the rows of a series in one period (of the frequency) are made one
 *                     value, sum, mean, count, min, max or last; null for one row per time
 * @param replaceSpikes as {@code --replace-spikes}: replaces each value that stands out of its series as an isolated
 *                     spike ({@link dev.recur.engine.cleaning.Spikes}) before forecasting, as the command line does
 */
public record ForecastSpec(String idColumn, String timeColumn, String valueColumn, int horizon, int season,
                           int[] levels, ModelChoice model, String frequency, String timeFormat, String missing,
                           int batchSize, String forecastColumn, String lowerPrefix, String upperPrefix,
                           String modelColumn, boolean allowNegative, String aggregate, boolean replaceSpikes)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Most series per network call. */
    public static final int MAX_BATCH = 1 << 16;

    /** Validates. */
    public ForecastSpec {
        Objects.requireNonNull(idColumn, "idColumn");
        Objects.requireNonNull(timeColumn, "timeColumn");
        Objects.requireNonNull(valueColumn, "valueColumn");
        Objects.requireNonNull(model, "model");
        Forecaster.checkHorizon(horizon);
        if (season < 0) {
            throw new IllegalArgumentException("season must be 0 (the frequency's default) or more, got " + season);
        }
        levels = levels.clone();
        for (int i = 0; i < levels.length; i++) {
            if (levels[i] <= 0 || levels[i] >= 100) {
                throw new IllegalArgumentException("levels must be between 1 and 99, got " + levels[i]);
            }
            for (int j = 0; j < i; j++) {
                if (levels[j] == levels[i]) {
                    throw new IllegalArgumentException("levels lists " + levels[i] + " twice");
                }
            }
        }
        Arrays.sort(levels);
        if (aggregate != null) {
            Aggregation.parse(aggregate);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("batchSize must be between 1 and " + MAX_BATCH + ", got " + batchSize);
        }
    }

    /**
     * The command line's defaults: columns {@code unique_id, ds, y}, the frequency's season, levels 80 and 95,
     * times and frequency recognised, missing values interpolated, output columns {@code forecast},
     * {@code lower_<L>}, {@code upper_<L>} and {@code model}, and never-negative series' forecasts floored at zero.
     */
    public static ForecastSpec of(int horizon, ModelChoice model) {
        return new ForecastSpec("unique_id", "ds", "y", horizon, 0, new int[]{80, 95}, model, null, null,
                "interpolate", 512, "forecast", "lower_", "upper_", "model", false, null, false);
    }

    @Override
    public int[] levels() {
        return levels.clone();
    }

    /** With other input column names. */
    public ForecastSpec withColumns(String id, String time, String value) {
        return new ForecastSpec(id, time, value, horizon, season, levels, model, frequency, timeFormat, missing,
                batchSize, forecastColumn, lowerPrefix, upperPrefix, modelColumn, allowNegative, aggregate, replaceSpikes);
    }

    /** With a season (0 for the frequency's default). */
    public ForecastSpec withSeason(int m) {
        return new ForecastSpec(idColumn, timeColumn, valueColumn, horizon, m, levels, model, frequency, timeFormat,
                missing, batchSize, forecastColumn, lowerPrefix, upperPrefix, modelColumn, allowNegative, aggregate, replaceSpikes);
    }

    /** With interval levels (percent). */
    public ForecastSpec withLevels(int... lv) {
        return new ForecastSpec(idColumn, timeColumn, valueColumn, horizon, season, lv, model, frequency, timeFormat,
                missing, batchSize, forecastColumn, lowerPrefix, upperPrefix, modelColumn, allowNegative, aggregate, replaceSpikes);
    }

    /** With a model. */
    public ForecastSpec withModel(ModelChoice m) {
        return new ForecastSpec(idColumn, timeColumn, valueColumn, horizon, season, levels, m, frequency, timeFormat,
                missing, batchSize, forecastColumn, lowerPrefix, upperPrefix, modelColumn, allowNegative, aggregate, replaceSpikes);
    }

    /** With how times are read: {@code frequency} and {@code timeFormat} as the command line's options (null: inferred). */
    public ForecastSpec withTimes(String freq, String format) {
        return new ForecastSpec(idColumn, timeColumn, valueColumn, horizon, season, levels, model, freq, format,
                missing, batchSize, forecastColumn, lowerPrefix, upperPrefix, modelColumn, allowNegative, aggregate, replaceSpikes);
    }

    /** With a missing-value policy (interpolate, ffill, drop or error). */
    public ForecastSpec withMissing(String policy) {
        return new ForecastSpec(idColumn, timeColumn, valueColumn, horizon, season, levels, model, frequency,
                timeFormat, policy, batchSize, forecastColumn, lowerPrefix, upperPrefix, modelColumn, allowNegative, aggregate, replaceSpikes);
    }

    /** With series per network call. */
    public ForecastSpec withBatchSize(int n) {
        return new ForecastSpec(idColumn, timeColumn, valueColumn, horizon, season, levels, model, frequency,
                timeFormat, missing, n, forecastColumn, lowerPrefix, upperPrefix, modelColumn, allowNegative, aggregate, replaceSpikes);
    }

    /** With other output column names. */
    public ForecastSpec withOutputColumns(String forecast, String lower, String upper, String modelName) {
        return new ForecastSpec(idColumn, timeColumn, valueColumn, horizon, season, levels, model, frequency,
                timeFormat, missing, batchSize, forecast, lower, upper, modelName, allowNegative, aggregate, replaceSpikes);
    }

    /** With rows per period made one value (as {@code --aggregate}: sum, mean, count, min, max or last; null: none). */
    public ForecastSpec withAggregate(String how) {
        return new ForecastSpec(idColumn, timeColumn, valueColumn, horizon, season, levels, model, frequency,
                timeFormat, missing, batchSize, forecastColumn, lowerPrefix, upperPrefix, modelColumn, allowNegative, how, replaceSpikes);
    }

    /** Whether values that stand out as isolated spikes are replaced before forecasting (as {@code --replace-spikes}). */
    public ForecastSpec withReplacedSpikes(boolean replace) {
        return new ForecastSpec(idColumn, timeColumn, valueColumn, horizon, season, levels, model, frequency,
                timeFormat, missing, batchSize, forecastColumn, lowerPrefix, upperPrefix, modelColumn, allowNegative,
                aggregate, replace);
    }

    /** Whether the forecasts of never-negative series may go below zero (as {@code --allow-negative}). */
    public ForecastSpec withNegativeForecasts(boolean allow) {
        return new ForecastSpec(idColumn, timeColumn, valueColumn, horizon, season, levels, model, frequency,
                timeFormat, missing, batchSize, forecastColumn, lowerPrefix, upperPrefix, modelColumn, allow, aggregate, replaceSpikes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ForecastSpec s && s.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "ForecastSpec[" + idColumn + ", " + timeColumn + ", " + valueColumn + ", horizon " + horizon + ", season "
                + season + ", levels " + Arrays.toString(levels) + ", " + model + ", frequency " + frequency
                + ", time format " + timeFormat + ", missing " + missing + ", batch " + batchSize
                + (allowNegative ? ", negative forecasts allowed" : "") + (aggregate != null ? ", aggregate " + aggregate : "")
                + "]";
    }
}
