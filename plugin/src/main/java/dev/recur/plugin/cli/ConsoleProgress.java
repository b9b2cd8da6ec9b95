package dev.recur.plugin.cli;

import dev.recur.engine.series.Forecaster;

import java.io.PrintStream;

/**
 * Progress on standard error: lines for milestones, and a status line that rewrites itself in place
 * (epoch, loss, time left) when standard error is a terminal, or is printed every few seconds when it is
 * not. Silent when quiet.
 */
final class ConsoleProgress implements Forecaster.Progress {

    private final PrintStream err;
    private final boolean quiet;
    private final boolean terminal;
    private boolean statusShown;
    private long lastStatus;
    /** The lines {@link #message} printed, so that {@link #summary} does not repeat one. */
    private final java.util.Set<String> said = new java.util.HashSet<>();

    ConsoleProgress(PrintStream err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
        this.terminal = System.console() != null;
    }

    @Override
    public synchronized void message(String line) {
        if (quiet) {
            return;
        }
        clearStatus();
        err.println(line);
        said.add(line);
    }

    /**
     * A run's closing summary: printed as a message unless the same line was already printed (the default's
     * choice for a file of one group of series is its whole summary, and was said when it was made).
     */
    synchronized void summary(String line) {
        if (!said.contains(line)) {
            message(line);
        }
    }

    @Override
    public synchronized void status(String line) {
        if (quiet) {
            return;
        }
        if (terminal) {
            err.print("\r\033[2K" + line);
            err.flush();
            statusShown = true;
        } else {
            long now = System.nanoTime();
            if (now - lastStatus > 5_000_000_000L) {
                err.println(line);
                lastStatus = now;
            }
        }
    }

    /** A warning about the data, silenced by --quiet like progress. */
    synchronized void note(String line) {
        if (!quiet) {
            warning(line);
        }
    }

    /** Prints a warning, even when quiet. */
    synchronized void warning(String line) {
        clearStatus();
        err.println("recur: warning: " + line);
    }

    synchronized void clearStatus() {
        if (statusShown) {
            err.print("\r\033[2K");
            err.flush();
            statusShown = false;
        }
    }
}
