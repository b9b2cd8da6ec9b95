package dev.recur.plugin.cli;

import dev.recur.engine.neural.FittedForecaster;
import dev.recur.engine.series.Forecaster;

import java.util.Locale;

/**
 * Bounds on the sizes a user gives, checked before anything is allocated: a mistyped {@code --horizon
 * 100000000} gets a one-line error at once instead of growing the heap for a minute and dying.
 */
final class Limits {

    private Limits() {
    }

    /** {@code --horizon}: the engine's bound ({@link Forecaster#checkHorizon}), worded with the flag. */
    static void horizon(int h) {
        try {
            Forecaster.checkHorizon(h);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
    }

    /** {@code --season}: 1 to {@link FittedForecaster#MAX_WINDOW}. */
    static void season(int m) {
        if (m < 1 || m > FittedForecaster.MAX_WINDOW) {
            throw new IllegalArgumentException("--season must be between 1 and " + FittedForecaster.MAX_WINDOW
                    + ", got " + m);
        }
    }

    /**
     * The forecasts of {@code series} series fit in the heap: each holds the point and two bounds per level
     * for every step, as doubles, and the output rows are built from them.
     */
    static void outputs(int series, int horizon, int levels) {
        long bytes = 3L * series * horizon * (1 + 2L * levels) * Double.BYTES;
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap / 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%d series × horizon %d × %d interval "
                    + "bound%s need about %.1f GB of memory for the forecasts alone, more than half of the %.1f GB "
                    + "heap; forecast fewer steps or series per run, or raise the heap (-Xmx in RECUR_JAVA_OPTS)",
                    series, horizon, 2 * levels, levels == 0 ? "" : "s", bytes / 1e9, heap / 1e9));
        }
    }
}
