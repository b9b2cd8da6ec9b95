package dev.recur.engine.bench;

import dev.recur.engine.data.SequenceDataset;
import dev.recur.engine.kernel.Kernels;
import dev.recur.engine.loss.MseLoss;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.nn.GradientComputer;
import dev.recur.engine.nn.NetworkSpec;
import dev.recur.engine.nn.RecurrentNetwork;
import dev.recur.engine.train.Optimizer;
import dev.recur.engine.train.OptimizerType;

import java.lang.management.ManagementFactory;
import java.util.Random;

/**
 * Training throughput of the engine on the network of {@code shared/bench/torch_rnn_train.py}: a
 * many-to-one RNN/LSTM/GRU with input size 1, a dense head to {@code horizon} outputs, MSE loss and Adam
 * (lr 1e-3), float32, on one fixed random batch. Times {@code steps} full training steps (forward,
 * backward, Adam) after warm-up.
 */
public final class TrainingBenchmark {

    /**
     * The measurement.
     *
     * @param samplesPerSecond sequences trained per second
     * @param stepMillis       milliseconds per training step
     * @param gflops           matrix-product GFLOP/s (forward and backward products, see {@link #flopsPerStep})
     * @param allocatedBytesPerStep heap bytes allocated per steady-state step by the training threads, or
     *                         -1 where the JVM cannot tell
     */
    public record Result(String cell, int hidden, int layers, int seq, int batch, int horizon, int steps, int threads,
                         String kernels, double samplesPerSecond, double stepMillis, double gflops,
                         long allocatedBytesPerStep) {

        /** One line, ending in {@code samples_per_s=N} like the PyTorch script's. */
        public String line() {
            return String.format(java.util.Locale.ROOT,
                    "engine=recur kernels=%s cell=%s hidden=%d layers=%d seq=%d batch=%d horizon=%d threads=%d "
                            + "step_ms=%.2f gflops=%.1f alloc_bytes_per_step=%d samples_per_s=%.0f",
                    kernels, cell, hidden, layers, seq, batch, horizon, threads, stepMillis, gflops,
                    allocatedBytesPerStep, samplesPerSecond);
        }
    }

    private TrainingBenchmark() {
    }

    /**
     * Matrix-product floating-point operations of one training step (2 per multiply-add): the input and
     * recurrent products forward, their three gradient products backward (input gradients from layer 1
     * up), and the head.
     */
    public static double flopsPerStep(NetworkSpec spec, int seq, int batch) {
        double tb = (double) seq * batch;
        int g = spec.gateWidth();
        int h = spec.hiddenSize();
        double f = 0;
        for (int l = 0; l < spec.numLayers(); l++) {
            int in = spec.layerInputSize(l);
            double perDir = 2 * tb * g * (in + h) // forward
                    + 2 * tb * g * h * 2 // backward: dh, dW_hh
                    + 2 * tb * g * in * (l > 0 ? 2 : 1); // backward: dW_ih, and dX above layer 0
            f += perDir * spec.directions();
        }
        f += 3 * 2.0 * batch * spec.layerOutputSize() * spec.outputSize();
        return f;
    }

    /** Runs the benchmark. */
    public static Result run(String cellName, int hidden, int layers, int seq, int batch, int horizon, int steps,
                             int threads) {
        CellType cell = CellType.parse(cellName);
        NetworkSpec spec = NetworkSpec.builder().cell(cell).inputSize(1).hiddenSize(hidden).numLayers(layers)
                .outputSize(horizon).build();
        RecurrentNetwork net = new RecurrentNetwork(spec, 0);
        Random r = new Random(0);
        float[][] x = new float[batch][seq];
        float[][] y = new float[batch][horizon];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < seq; t++) {
                x[b][t] = (float) r.nextGaussian();
            }
            for (int j = 0; j < horizon; j++) {
                y[b][j] = (float) r.nextGaussian();
            }
        }
        SequenceDataset data = new SequenceDataset(x, y, 1, horizon, false);
        int[] order = new int[batch];
        for (int i = 0; i < batch; i++) {
            order[i] = i;
        }
        Optimizer opt = new Optimizer(OptimizerType.ADAM, net.parameterCount(), 0.9f, 0.999f, 1e-8f, 0f, false, 0f);
        try (GradientComputer gc = new GradientComputer(net, new MseLoss(), batch, seq, 0, threads)) {
            // Warm up until the JIT has compiled the kernels: at least 10 steps and 3 seconds.
            long warmStart = System.nanoTime();
            for (int i = 0; i < 10 || System.nanoTime() - warmStart < 3_000_000_000L; i++) {
                step(gc, data, order, batch, opt, net);
            }
            long[] ids = trainingThreads();
            long alloc0 = allocatedBytes(ids);
            long t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step(gc, data, order, batch, opt, net);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            long alloc1 = allocatedBytes(ids);
            long perStep = alloc0 < 0 || alloc1 < 0 ? -1 : (alloc1 - alloc0) / steps;
            double flops = flopsPerStep(spec, seq, batch);
            return new Result(cell.name().toLowerCase(java.util.Locale.ROOT), hidden, layers, seq, batch, horizon,
                    steps, threads, Kernels.get().name(), steps * (double) batch / seconds, 1000 * seconds / steps,
                    flops * steps / seconds / 1e9, perStep);
        }
    }

    private static void step(GradientComputer gc, SequenceDataset data, int[] order, int batch, Optimizer opt,
                             RecurrentNetwork net) {
        gc.compute(data, order, 0, batch, 0);
        opt.step(net.parameters(), gc.gradient(), 1e-3f);
        net.parametersChanged();
    }

    /** Ids of the calling thread and the engine's worker threads. */
    static long[] trainingThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t == Thread.currentThread() || t.getName().startsWith("recur-worker"))
                .mapToLong(Thread::getId).toArray();
    }

    /** Bytes allocated so far by the given threads, or -1 where the JVM cannot tell. */
    static long allocatedBytes(long[] ids) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!(mx instanceof com.sun.management.ThreadMXBean)) {
            return -1;
        }
        com.sun.management.ThreadMXBean sun = (com.sun.management.ThreadMXBean) mx;
        if (!sun.isThreadAllocatedMemorySupported() || !sun.isThreadAllocatedMemoryEnabled()) {
            return -1;
        }
        long total = 0;
        for (long b : sun.getThreadAllocatedBytes(ids)) {
            total += Math.max(0, b);
        }
        return total;
    }
}
