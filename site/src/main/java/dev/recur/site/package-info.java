/**
 * Builds the documentation website from {@code site/pages}: Markdown pages, the command-line reference
 * generated from the program's own option definitions, and the gallery.
 */
package dev.recur.site;
