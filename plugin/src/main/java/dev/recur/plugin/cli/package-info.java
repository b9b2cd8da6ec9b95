/**
 * The {@code recur} command line (picocli): one class per subcommand, the options they share as mixins
 * ({@link dev.recur.plugin.cli.InputOptions}, {@link dev.recur.plugin.cli.ModelOptions},
 * {@link dev.recur.plugin.cli.ConsoleOptions}), the plan of a run's output files
 * ({@link dev.recur.plugin.cli.OutputPlan}), size limits, and the exit codes and one-line errors
 * ({@link dev.recur.plugin.cli.RecurCli}).
 *
 * <p>May depend on everything below it: the connectors, the engine, {@code plugin.chart} and {@code plugin.report}.
 */
package dev.recur.plugin.cli;
