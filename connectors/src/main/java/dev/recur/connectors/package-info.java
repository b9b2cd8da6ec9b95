/**
 * Reading time series from CSV files and JDBC databases and writing forecasts back (in progress: see the
 * project's connectors issue). The module builds and ships with the others from the start.
 */
package dev.recur.connectors;
