/**
 * Prediction intervals by split-conformal calibration: the finite-sample conformal quantile and the networks'
 * widths on calibration windows ({@link dev.recur.engine.intervals.ConformalCalibration}); the half-widths of each
 * horizon step from scaled errors, with normal-theory widths where a step has too few errors
 * ({@link dev.recur.engine.intervals.ErrorQuantiles}); and the intervals of a forecast from the errors of backtests
 * spread over each history, scaled per series ({@link dev.recur.engine.intervals.LocalIntervals}).
 * <p>Uses {@code series} and commons-math3; knows no method: the forecaster whose errors calibrate is given.
 */
package dev.recur.engine.intervals;
