/**
 * What every connector shares: {@link dev.recur.connectors.DataException}, the one-line error of unusable input
 * (with the setting that would fix it, which a front end names in its own terms), and the missing-value
 * policy.
 *
 * <p>May depend on the engine's {@code io}.
 */
package dev.recur.connectors;
