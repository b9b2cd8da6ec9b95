package dev.recur.plugin.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line's exit codes, messages and the bench-train output format. */
public class RecurCliTest {

    public record Run(int code, String out, String err) {
    }

    /** Copies the test resource {@code name} (air-passengers.csv, ...) into {@code dir}, under the same name. */
    public static Path resource(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        try (InputStream in = RecurCliTest.class.getResourceAsStream("/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    public static Run run(String... args) {
        return run(RecurCli.commandLine(), args);
    }

    /** Runs {@code cl} (Recur's command line, perhaps with a subcommand added) as {@link #run(String...)} does. */
    static Run run(CommandLine cl, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        System.setOut(outStream);
        System.setErr(errStream);
        try {
            cl.setErr(new PrintWriter(errStream, true));
            int code = cl.execute(args);
            cl.getOut().flush();
            cl.getErr().flush();
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }

    /** A command that runs out of heap, or out of stack, as a run on too little memory would. */
    @CommandLine.Command(name = "exhaust")
    static final class Exhaust implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Option(names = "--stack")
        boolean stack;
        @CommandLine.Option(names = "--verbose")
        boolean verbose;

        @Override
        public Integer call() {
            if (stack) {
                throw new StackOverflowError();
            }
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void runningOutOfMemoryIsOneLineThatSaysHowToRaiseTheHeap() {
        Run r = run(RecurCli.commandLine().addSubcommand(new Exhaust()), "exhaust");
        assertEquals(RecurCli.EXIT_FAILURE, r.code());
        String heap = (Runtime.getRuntime().maxMemory() >> 20) + " MB";
        assertEquals("recur: out of memory (the heap's limit is " + heap + "); raise it with -Xmx in RECUR_JAVA_OPTS "
                + "(e.g. RECUR_JAVA_OPTS=-Xmx8g) or give the run less data\n", r.err().replace("\r\n", "\n"));
        Run s = run(RecurCli.commandLine().addSubcommand(new Exhaust()), "exhaust", "--stack");
        assertEquals(RecurCli.EXIT_FAILURE, s.code());
        assertEquals(1, s.err().strip().lines().count(), s.err());
        assertTrue(s.err().startsWith("recur: internal error: the stack overflowed"), s.err());
        Run v = run(RecurCli.commandLine().addSubcommand(new Exhaust()), "exhaust", "--verbose");
        assertTrue(v.err().contains("at dev.recur.plugin.cli.RecurCliTest$Exhaust.call"), v.err());
    }

    @Test
    void benchTrainPrintsSamplesPerSecondLast() {
        Run r = run("bench-train", "gru", "8", "1", "12", "4", "3", "2", "1");
        assertEquals(0, r.code(), r.err());
        String last = r.out().strip();
        assertTrue(last.matches("(?s).*cell=gru hidden=8 layers=1 seq=12 batch=4 horizon=3 threads=1 .*samples_per_s=\\d+$"), last);
    }

    @Test
    void badUsageExitsWithTwoAndOneLine() {
        Run r = run("bench-train", "lstm", "64");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("recur: Missing required parameters"), r.err());
        r = run("bench-train", "cnn", "8", "1", "12", "4", "3");
        assertEquals(2, r.code());
        assertEquals("recur: unknown cell 'cnn': expected rnn, rnn_relu, lstm or gru", r.err().strip());
        r = run("bench-train", "lstm", "0", "1", "12", "4", "3");
        assertEquals(2, r.code());
        assertFalse(r.err().contains("at dev.recur"), "no stack trace: " + r.err());
        r = run("no-such-command");
        assertEquals(2, r.code());
    }

    @Test
    void benchReadCountsRows(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve("s.csv"), "unique_id,ds,y\na,1,1\na,2,2\nb,1,3\nb,2,4\nb,3,5\n");
        Run r = run("bench-read", f.toString(), "--repeat", "2");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\\R");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].matches("file=s.csv series=2 rows=5 held_bytes_per_row=[0-9.-]+ peak_heap_bytes_per_row=[0-9.-]+"),
                r.out());
        assertTrue(lines[1].matches("file=s.csv series=2 rows=5 best_s=[0-9.]+ rows_per_s=\\d+"), r.out());
    }

    @Test
    void versionAndHelp() {
        Run r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("kernels: "), r.out());
        r = run("bench-train", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("samples_per_s"), r.out());
    }
}
