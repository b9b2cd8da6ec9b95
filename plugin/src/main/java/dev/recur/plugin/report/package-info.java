/**
 * The self-contained HTML forecast report: inline SVG charts, escaped user text, no network requests.
 *
 * <p>May depend on {@code plugin.chart} and the engine's {@code series}, {@code forecast} and {@code train}.
 */
package dev.recur.plugin.report;
