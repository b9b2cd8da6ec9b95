package dev.recur.engine.statistical;

import java.util.Arrays;

/**
 * The part of a long history that ETS, ARIMA and the dynamic optimised Theta model estimate their parameters on:
 * the last {@value #MOST} values.
 *
 * <p>All three fit by optimising an objective whose every evaluation runs the whole series, and ARIMA's search fits
 * dozens of models, so their cost grows with the length of the series: on daily or weekly series of several
 * thousand values a single forecast takes seconds, and the backtests that calibrate intervals repeat it. Values
 * further back than a few years of daily data (or many seasons of any data) carry almost no weight in an
 * exponential-smoothing or ARIMA forecast of a few steps, while the process that made them has often changed.
 * {@value #MOST} values are still 19 years of weekly data, 41 days of hourly data and 83 years of monthly data;
 * no series of the tourism, M1 or M3 panels and none of M4 Hourly's is longer.
 */
final class RecentHistory {

    /** Most values a fit sees. */
    static final int MOST = 1000;

    private RecentHistory() {
    }

    /** The last {@value #MOST} values of {@code y}, or {@code y} itself when it is no longer. */
    static double[] of(double[] y) {
        return y.length <= MOST ? y : Arrays.copyOfRange(y, y.length - MOST, y.length);
    }
}
