/**
 * Series from JDBC databases (a table or a parameterised query) and forecasts written back to a table, in
 * one transaction per run, re-runnable by run id.
 *
 * <p>May depend on {@code connectors} and {@code connectors.series}.
 */
package dev.recur.connectors.jdbc;
