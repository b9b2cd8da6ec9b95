package dev.recur.engine.nn;

import dev.recur.engine.data.SequenceDataset;
import dev.recur.engine.kernel.Kernels;
import dev.recur.engine.loss.Loss;
import dev.recur.engine.parallel.WorkerPool;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Computes the loss and the parameter gradient of a network over a batch, in parallel.
 *
 * <p>A batch is cut into shards by a rule that depends only on the batch size (about 32 sequences each,
 * at least two when there are two sequences), never on the number of threads. Each shard runs forward
 * and backward through time in its own {@link Workspace} into its own gradient array, and the shard
 * gradients are added in shard order. So the result is bit-identical for any number of threads.
 *
 * <p>All buffers are allocated up front for the largest batch and longest sequence; a steady-state call
 * allocates nothing.
 */
public final class GradientComputer implements AutoCloseable {

    /** Target rows per shard. */
    static final int SHARD_ROWS = 32;

    private final RecurrentNetwork network;
    private final Loss loss;
    private final int truncation;
    private final WorkerPool pool;
    private final Workspace[] shards;
    private final float[][] shardGrads;
    private final double[] shardLoss;
    private final float[] grad;
    private final IntConsumer gradientTask = this::gradientShard;
    private final IntConsumer lossTask = this::lossShard;

    // arguments of the running batch, read by the shard tasks
    private SequenceDataset data;
    private int[] order;
    private int from;
    private int count;
    private int shardCount;
    private float scale;
    private double terms;
    private long dropoutSeed;

    /**
     * Allocates workspaces for batches of up to {@code maxBatch} sequences of up to {@code maxLength} steps.
     *
     * @param truncation truncated-BPTT length, 0 for full backpropagation through time
     */
    public GradientComputer(RecurrentNetwork network, Loss loss, int maxBatch, int maxLength, int truncation,
                            int threads) {
        NetworkSpec spec = network.spec();
        if (spec.outputSize() % loss.outputsPerTarget() != 0) {
            throw new IllegalArgumentException("loss " + loss.name() + " needs " + loss.outputsPerTarget()
                    + " outputs per target, but the network has " + spec.outputSize() + " outputs");
        }
        this.network = network;
        this.loss = loss;
        this.truncation = truncation;
        int maxShards = shardCount(maxBatch);
        int maxShardRows = (maxBatch + maxShards - 1) / maxShards;
        this.shards = new Workspace[maxShards];
        this.shardGrads = new float[maxShards][network.parameterCount()];
        for (int s = 0; s < maxShards; s++) {
            shards[s] = new Workspace(spec, maxLength, maxShardRows, true);
        }
        this.shardLoss = new double[maxShards];
        this.grad = new float[network.parameterCount()];
        this.pool = new WorkerPool(Math.max(1, Math.min(threads, maxShards)));
    }

    /** Number of shards a batch of {@code batch} sequences is cut into. */
    public static int shardCount(int batch) {
        if (batch < 2) {
            return 1;
        }
        return Math.max(2, (batch + SHARD_ROWS - 1) / SHARD_ROWS);
    }

    /**
     * Number of loss terms (the divisor of the mean) of the last {@link #compute} or {@link #evaluate}, each counted
     * with its example's weight when the dataset has weights.
     */
    public double lastTerms() {
        return terms;
    }

    /** The gradient left by the last {@link #compute} call (the live array). */
    public float[] gradient() {
        return grad;
    }

    /**
     * Number of loss terms of examples {@code order[from .. from+count)}, each times its example's weight if any: the
     * divisor of the (weighted) mean.
     */
    private double terms(SequenceDataset d, int[] order, int from, int count) {
        float[] w = d.weights();
        double rowsTerms = 0;
        int perRow = d.targetSize() * loss.outputsPerTarget();
        for (int i = 0; i < count; i++) {
            long t = d.perStep() ? (long) d.length(order[from + i]) * perRow : perRow;
            rowsTerms += w == null ? t : (double) w[order[from + i]] * t;
        }
        return rowsTerms;
    }

    /**
     * Computes the mean loss of the examples {@code order[from .. from+count)} and leaves its gradient in
     * {@link #gradient()}.
     *
     * @param dropoutSeed seed of this step's dropout masks
     * @return the mean loss
     */
    public double compute(SequenceDataset d, int[] order, int from, int count, long dropoutSeed) {
        prepare(d, order, from, count);
        this.dropoutSeed = dropoutSeed;
        pool.run(shardCount, gradientTask);
        Arrays.fill(grad, 0f);
        Kernels k = Kernels.get();
        double total = 0;
        for (int s = 0; s < shardCount; s++) {
            k.axpy(grad.length, 1f, shardGrads[s], 0, grad, 0);
            total += shardLoss[s];
        }
        return total * scale;
    }

    /** Mean loss of the examples without computing gradients (no dropout). */
    public double evaluate(SequenceDataset d, int[] order, int from, int count) {
        prepare(d, order, from, count);
        pool.run(shardCount, lossTask);
        double total = 0;
        for (int s = 0; s < shardCount; s++) {
            total += shardLoss[s];
        }
        return total * scale;
    }

    private void prepare(SequenceDataset d, int[] order, int from, int count) {
        if (count < 1 || count > shards.length * shards[0].maxRows()) {
            throw new IllegalArgumentException("batch of " + count + " does not fit this computer");
        }
        this.data = d;
        this.order = order;
        this.from = from;
        this.count = count;
        this.shardCount = shardCount(count);
        this.terms = terms(d, order, from, count);
        this.scale = (float) (1.0 / terms);
    }

    private int shardStart(int s) {
        return from + (int) ((long) count * s / shardCount);
    }

    private void gradientShard(int s) {
        int start = shardStart(s);
        int rows = shardStart(s + 1) - start;
        Workspace ws = shards[s];
        ws.load(data.inputs(), order, start, rows);
        boolean dropout = network.spec().dropout() > 0f;
        ws.forward(network, null, dropout, dropoutSeed * 0x9E3779B97F4A7C15L + s);
        shardLoss[s] = ws.loss(loss, data.targets(), data.weights(), order, start, scale, true);
        float[] g = shardGrads[s];
        Arrays.fill(g, 0f);
        ws.backward(network, g, truncation, null);
    }

    private void lossShard(int s) {
        int start = shardStart(s);
        int rows = shardStart(s + 1) - start;
        Workspace ws = shards[s];
        ws.load(data.inputs(), order, start, rows);
        ws.forward(network, null, false, 0L);
        shardLoss[s] = ws.loss(loss, data.targets(), data.weights(), order, start, scale, false);
    }

    @Override
    public void close() {
        pool.close();
    }
}
