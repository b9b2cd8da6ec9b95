package dev.recur.plugin.cli;

import dev.recur.connectors.DataException;
import dev.recur.engine.io.Shorten;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code recur} command line. Exit codes: 0 success, 2 bad usage or bad input, 1 anything else.
 * Errors are one line on standard error; {@code --verbose} adds the stack trace.
 */
@Command(name = "recur",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Time-series forecasting with recurrent neural networks (RNN, LSTM, GRU).",
        subcommands = {ForecastCommand.class, EvaluateCommand.class, BacktestCommand.class, TrainCommand.class,
                PredictCommand.class, ExportOnnxCommand.class, ReportCommand.class, BenchTrainCommand.class,
                BenchInferCommand.class, BenchReadCommand.class,
            CommandLine.HelpCommand.class})
public final class RecurCli {

    /** Exit code for bad usage or bad input. */
    public static final int EXIT_USAGE = 2;
    /** Exit code for any other failure. */
    public static final int EXIT_FAILURE = 1;

    private RecurCli() {
    }

    /** Builds the command line with Recur's error handling. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new RecurCli());
        cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException
                || e instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_FAILURE);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> report(e, cmd, parsed));
        // picocli hands a command's exceptions to the handler above but lets an Error through to the JVM, which
        // would print its stack trace: running out of heap is a limit of the machine, not a fault to debug
        cl.setExecutionStrategy(parsed -> {
            try {
                return new CommandLine.RunLast().execute(parsed);
            } catch (OutOfMemoryError | StackOverflowError e) {
                return report(e, lastCommand(parsed), parsed);
            }
        });
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("recur: " + Shorten.line(e.getMessage()));
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
            return EXIT_USAGE;
        });
        return cl;
    }

    /** Prints an error as one line (its stack trace too with --verbose) and gives the exit code it calls for. */
    private static int report(Throwable e, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean verbose = cmd.getMixins().get(ConsoleOptions.MIXIN) instanceof ConsoleOptions console
                ? console.verbose : parsed.originalArgs().contains("--verbose");
        cmd.getErr().println("recur: " + Shorten.line(message(e)));
        if (verbose) {
            e.printStackTrace(cmd.getErr());
        }
        return e instanceof IllegalArgumentException ? EXIT_USAGE : EXIT_FAILURE;
    }

    /** The command that ran: the last subcommand the command line names, else the top one. */
    private static CommandLine lastCommand(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult p = parsed;
        while (p.subcommand() != null) {
            p = p.subcommand();
        }
        return p.commandSpec().commandLine();
    }

    /** An error in words: a file system error names the file and the reason. */
    static String message(Throwable e) {
        if (e instanceof java.nio.file.FileSystemException fs) {
            return (fs.getFile() == null ? "" : fs.getFile() + ": ") + OutputPlan.reason(fs);
        }
        if (e instanceof OutOfMemoryError) {
            return String.format(java.util.Locale.ROOT, "out of memory (the heap's limit is %d MB); raise it with -Xmx in "
                    + "RECUR_JAVA_OPTS (e.g. RECUR_JAVA_OPTS=-Xmx8g) or give the run less data",
                    Runtime.getRuntime().maxMemory() >> 20);
        }
        if (e instanceof StackOverflowError) {
            return "internal error: the stack overflowed (run with --verbose for where, and please report it)";
        }
        if (e instanceof DataException de && de.remedy() != null) {
            return de.getMessage() + " with " + flag(de.remedy());
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The option that sets what a library error says would fix it. */
    static String flag(DataException.Remedy r) {
        return switch (r) {
            case FREQUENCY -> "--frequency";
            case MISSING -> "--missing";
            case DELIMITER -> "--delimiter";
            case ID_COLUMN -> "--id-column";
            case TIME_COLUMN -> "--time-column";
            case VALUE_COLUMN -> "--value-column";
            case TIME_FORMAT -> "--time-format";
            case AGGREGATE -> "--aggregate sum|mean|count|min|max|last";
        };
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
