package dev.recur.engine.onnxruntime;

import dev.recur.engine.nn.CellType;
import dev.recur.engine.onnx.NetworkOnnx;
import dev.recur.engine.onnx.OnnxExports;
import dev.recur.engine.nn.NetworkSpec;
import dev.recur.engine.nn.RecurrentNetwork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Inference throughput, side by side in one process: the Java engine and ONNX Runtime (CPU, through DJL)
 * on the same network, exported from the engine, over the same random windows, on one thread each. Each
 * side is warmed up, then timed alternately so machine noise hits both.
 */
public final class InferenceBenchmark {

    /**
     * One measurement.
     *
     * @param batch        windows per call
     * @param engineRate   Java engine forecasts per second
     * @param onnxRate     ONNX Runtime forecasts per second
     */
    public record Row(int batch, double engineRate, double onnxRate) {
        /** A printable line. */
        public String line() {
            return String.format(Locale.ROOT, "batch=%d engine_forecasts_per_s=%.1f onnxruntime_forecasts_per_s=%.1f"
                    + " engine/onnxruntime=%.2f", batch, engineRate, onnxRate, engineRate / onnxRate);
        }
    }

    private InferenceBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param seconds time per side and batch size (after as long again of warm-up)
     */
    public static List<Row> run(CellType cell, int hidden, int layers, int window, int horizon, int[] batches,
                                double seconds, Consumer<String> out) throws IOException {
        NetworkSpec spec = NetworkSpec.builder().cell(cell).inputSize(1).hiddenSize(hidden).numLayers(layers)
                .outputSize(horizon).build();
        RecurrentNetwork net = new RecurrentNetwork(spec, 1L);
        Path file = Files.createTempFile("recur-bench", ".onnx");
        List<Row> rows = new ArrayList<>();
        try {
            OnnxExports.write(NetworkOnnx.export(net, Map.of()), file);
            try (OnnxPredictor p = OnnxPredictor.load(file, OnnxPredictor.DeviceChoice.CPU, 1, out)) {
                SplittableRandom r = new SplittableRandom(3);
                for (int batch : batches) {
                    float[][] x = new float[batch][window];
                    float[] flat = new float[batch * window];
                    for (int b = 0; b < batch; b++) {
                        for (int t = 0; t < window; t++) {
                            x[b][t] = (float) r.nextGaussian();
                            flat[b * window + t] = x[b][t];
                        }
                    }
                    Runnable engine = () -> net.predict(x);
                    Runnable onnx = () -> p.run(flat, batch, window, 1);
                    time(engine, seconds);
                    time(onnx, seconds);
                    double e = 0;
                    double o = 0;
                    for (int round = 0; round < 2; round++) {
                        e += time(engine, seconds / 2);
                        o += time(onnx, seconds / 2);
                    }
                    Row row = new Row(batch, batch / (e / 2), batch / (o / 2));
                    out.accept(row.line());
                    rows.add(row);
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return rows;
    }

    /** Seconds per call, over calls for about {@code seconds}. */
    private static double time(Runnable call, double seconds) {
        long budget = (long) (seconds * 1e9);
        long start = System.nanoTime();
        int calls = 0;
        do {
            call.run();
            calls++;
        } while (System.nanoTime() - start < budget);
        return (System.nanoTime() - start) / 1e9 / calls;
    }
}
