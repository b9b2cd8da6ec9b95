/** The self-contained HTML forecast report. */
package dev.recur.plugin.report;
