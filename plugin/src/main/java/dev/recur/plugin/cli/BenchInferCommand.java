package dev.recur.plugin.cli;

import dev.recur.engine.nn.CellType;
import dev.recur.engine.onnxruntime.InferenceBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code recur bench-infer}: forecasts per second, Java engine against ONNX Runtime on the CPU. */
@Command(name = "bench-infer",
        mixinStandardHelpOptions = true,
        description = {
            "Measures inference speed side by side in one process: the Java engine and ONNX Runtime (CPU, "
                + "through DJL) on the same exported network and windows, one thread each. Prints one line per "
                + "batch size with forecasts per second and their ratio."},
        footer = {"", "Examples:",
            "  recur bench-infer",
            "  recur bench-infer --cell lstm --hidden 64 --batches 1,64,1024 --seconds 4"})
public final class BenchInferCommand implements Callable<Integer> {

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Option(names = "--cell", defaultValue = "gru", description = "rnn, lstm or gru (default ${DEFAULT-VALUE})")
    String cell;
    @Option(names = "--hidden", defaultValue = "128", description = "hidden units (default ${DEFAULT-VALUE})")
    int hidden;
    @Option(names = "--layers", defaultValue = "2", description = "layers (default ${DEFAULT-VALUE})")
    int layers;
    @Option(names = "--window", defaultValue = "168", description = "window length (default ${DEFAULT-VALUE})")
    int window;
    @Option(names = "--horizon", defaultValue = "48", description = "outputs (default ${DEFAULT-VALUE})")
    int horizon;
    @Option(names = "--batches", split = ",", defaultValue = "1,64,1024", description = "batch sizes (default ${DEFAULT-VALUE})")
    int[] batches;
    @Option(names = "--seconds", defaultValue = "3", description = "timed seconds per side and batch (default ${DEFAULT-VALUE})")
    double seconds;

    /** Creates the command. */
    public BenchInferCommand() {
    }

    @Override
    public Integer call() throws Exception {
        if (hidden < 1 || layers < 1 || window < 1 || horizon < 1 || !(seconds > 0)) {
            throw new IllegalArgumentException("--hidden, --layers, --window, --horizon and --seconds must be positive");
        }
        for (int b : batches) {
            if (b < 1) {
                throw new IllegalArgumentException("--batches must be positive, got " + b);
            }
        }
        InferenceBenchmark.run(CellType.parse(cell), hidden, layers, window, horizon, batches, seconds, System.out::println);
        return 0;
    }
}
