/**
 * JFreeChart charts of forecasts, training curves, residuals and model comparisons, drawn to SVG with
 * JFreeSVG (for the HTML report) or to PNG, in colour-blind-safe colours (Okabe and Ito's palette).
 */
package dev.recur.plugin.chart;
