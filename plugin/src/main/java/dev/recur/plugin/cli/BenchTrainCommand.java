package dev.recur.plugin.cli;

import dev.recur.engine.bench.TrainingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code recur bench-train}: training throughput on the same network and arguments as the PyTorch
 * reference script {@code torch_rnn_train.py}.
 */
@Command(name = "bench-train",
        mixinStandardHelpOptions = true,
        description = {
            "Measures training speed: a many-to-one network (input size 1, dense head to HORIZON outputs, "
                + "MSE, Adam, float32) trained on one random batch. Same arguments as the PyTorch reference "
                + "script torch_rnn_train.py; the last line ends in samples_per_s=N."},
        footer = {"", "Examples:",
            "  recur bench-train lstm 64 2 168 64 48",
            "  recur bench-train gru 256 2 168 64 48 20 2"})
public final class BenchTrainCommand implements Callable<Integer> {

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Parameters(index = "0", paramLabel = "CELL", description = "rnn, lstm or gru")
    String cell;
    @Parameters(index = "1", paramLabel = "HIDDEN", description = "hidden units")
    int hidden;
    @Parameters(index = "2", paramLabel = "LAYERS", description = "stacked layers")
    int layers;
    @Parameters(index = "3", paramLabel = "SEQ", description = "sequence length")
    int seq;
    @Parameters(index = "4", paramLabel = "BATCH", description = "sequences per step")
    int batch;
    @Parameters(index = "5", paramLabel = "HORIZON", description = "outputs of the dense head")
    int horizon;
    @Parameters(index = "6", paramLabel = "STEPS", arity = "0..1", defaultValue = "50", description = "timed steps (default ${DEFAULT-VALUE})")
    int steps;
    @Parameters(index = "7", paramLabel = "THREADS", arity = "0..1", description = "threads (default: all cores)")
    Integer threads;

    /** Creates the command. */
    public BenchTrainCommand() {
    }

    @Override
    public Integer call() {
        for (int[] check : new int[][]{{hidden, 1}, {layers, 1}, {seq, 1}, {batch, 1}, {horizon, 1}, {steps, 1}}) {
            if (check[0] < check[1]) {
                throw new IllegalArgumentException("HIDDEN, LAYERS, SEQ, BATCH, HORIZON and STEPS must be positive");
            }
        }
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) {
            throw new IllegalArgumentException("THREADS must be positive, got " + t);
        }
        TrainingBenchmark.Result r = TrainingBenchmark.run(cell, hidden, layers, seq, batch, horizon, steps, t);
        System.out.println(r.line());
        return 0;
    }
}
