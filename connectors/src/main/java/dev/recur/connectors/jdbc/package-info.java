/**
 * Series from JDBC databases (a table or a parameterised query) and forecasts written back to a table, in
 * one transaction per run, re-runnable by run id.
 *
 * <p>May depend on {@code connectors}, {@code connectors.series} and the engine's {@code series}.
 */
package dev.recur.connectors.jdbc;
