package dev.recur.plugin.cli;

import dev.recur.engine.forecast.NonNegativity;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.TimeSeries;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --allow-negative} option of the commands that output or score forecasts: by default the forecasts
 * of a series that has never been negative are floored at zero ({@link NonNegativity}).
 */
public final class NegativeForecastOptions {

    @Option(names = "--allow-negative", description = "Let the forecasts and interval bounds of series that have "
            + "never been negative go below zero (by default they are floored at 0: sales, counts and prices stay "
            + "non-negative).")
    boolean allowNegative;

    /** Creates the options. */
    public NegativeForecastOptions() {
    }

    /** Whether forecasts are floored at zero for never-negative series. */
    boolean nonNegative() {
        return !allowNegative;
    }

    /** The forecasts as output: floored at zero for the never-negative series unless negatives are allowed. */
    List<Forecast> apply(List<TimeSeries> history, List<Forecast> forecasts) {
        return allowNegative ? forecasts : NonNegativity.apply(history, forecasts);
    }
}
