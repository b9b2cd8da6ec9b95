package dev.recur.engine.neural;

import dev.recur.engine.io.Shorten;

import java.util.Locale;

/**
 * How much each training window of a {@link RecurrentForecaster} counts in its loss. A window is normalised
 * relative to its level (on logs) or its spread, so with equal weights the loss measures errors relative to each
 * window's level, much as sMAPE does, and a smooth series, whose small errors are large against its own
 * step-to-step changes, counts little. MASE measures errors in units of the series' mean absolute seasonal
 * difference; weighting each window by its normalisation scale over that difference (its own MASE scale) makes
 * the loss measure them that way.
 */
public enum WindowWeights {
    /** Every window counts once: errors relative to the window's level or spread. */
    EQUAL,
    /** Each window by its normalisation scale over its MASE scale (capped, mean 1): errors as MASE measures them. */
    MASE,
    /** The mean of {@link #EQUAL} and {@link #MASE}: half of each measure, as M4's OWA averages sMAPE and MASE. */
    BOTH,
    /**
     * The ensemble's members alternate: the first, third, ... {@link #EQUAL}, the second, fourth, ... {@link #MASE},
     * and the forecast is their median, so the ensemble is diverse in its losses as well as its seeds. A single
     * network is {@link #EQUAL}'s.
     */
    ALTERNATE;

    /**
     * Whether ensemble member {@code k} (from 0) trains with the windows' weights ({@link #MASE}'s, or {@link #BOTH}'s
     * half and half) rather than with every window weighing 1.
     */
    public boolean weighsWindows(int k) {
        return this == MASE || this == BOTH || (this == ALTERNATE && k % 2 == 1);
    }

    /** Parses a name in any case. */
    public static WindowWeights parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown window weights " + Shorten.quoted(s)
                    + ": expected equal, mase, both or alternate", e);
        }
    }
}
