package dev.recur.plugin.cli;

import picocli.CommandLine.Option;

/**
 * The console options every command shares (a picocli mixin, named {@value #MIXIN}): {@code --quiet} silences
 * progress, {@code --verbose} adds stack traces to errors (and the launcher then keeps the JVM's own warnings).
 */
final class ConsoleOptions {

    /** The name commands give the mixin's field, by which the error handler finds it. */
    static final String MIXIN = "console";

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = "--verbose", description = "Print stack traces of errors (and the JVM's own warnings).")
    boolean verbose;

    /** Progress on standard error, silent with --quiet. */
    ConsoleProgress progress() {
        return new ConsoleProgress(System.err, quiet);
    }
}
