/**
 * JFreeChart charts of forecasts, training curves, residuals and model comparisons, drawn to SVG with
 * JFreeSVG (for the HTML report) or to PNG, in colour-blind-safe colours (Okabe and Ito's palette).
 *
 * <p>May depend on the engine's {@code series}, {@code forecast} and {@code train}.
 */
package dev.recur.plugin.chart;
