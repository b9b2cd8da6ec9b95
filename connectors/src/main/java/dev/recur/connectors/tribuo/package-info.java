/**
 * Tribuo data sources of windowed series, from CSV files or databases, for Recur's Tribuo trainers.
 *
 * <p>May depend on {@code connectors}, {@code connectors.csv}, {@code connectors.jdbc}, {@code connectors.series} and the engine's {@code series}.
 */
package dev.recur.connectors.tribuo;
