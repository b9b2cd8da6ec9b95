/**
 * What a series' values need before a method sees them: missing values and gaps filled with the season's pattern as
 * R's {@code na.interp} fills them ({@link dev.recur.engine.cleaning.MissingValues}), and values that stand out of
 * their series, found, named and, on request, replaced ({@link dev.recur.engine.cleaning.Spikes}).
 * <p>Uses {@code decomposition} and commons-math3.
 */
package dev.recur.engine.cleaning;
