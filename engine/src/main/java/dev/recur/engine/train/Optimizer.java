package dev.recur.engine.train;

import dev.recur.engine.kernel.Kernels;

/**
 * The optimiser state for one flat parameter array and its update step. Follows PyTorch's
 * {@code torch.optim.Adam}, {@code AdamW} and {@code SGD} exactly, including their float32 order of
 * operations, so that the same gradients give the same weights.
 */
public final class Optimizer {

    private final OptimizerType type;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float momentum;
    private final boolean nesterov;
    private final float weightDecay;
    private final float[] m;
    private final float[] v;
    private long steps;

    /**
     * Creates the state for {@code size} parameters.
     *
     * @param momentum SGD momentum (ignored by Adam)
     * @param nesterov SGD Nesterov momentum (ignored by Adam)
     */
    public Optimizer(OptimizerType type, int size, float beta1, float beta2, float eps, float momentum,
                     boolean nesterov, float weightDecay) {
        this.type = type;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        this.m = new float[size];
        this.v = type == OptimizerType.SGD ? null : new float[size];
    }

    /** Creates the optimiser a training configuration asks for. */
    public static Optimizer of(TrainingConfig c, int size) {
        return new Optimizer(c.optimizer(), size, c.beta1(), c.beta2(), c.epsilon(), c.momentum(), c.nesterov(),
                c.weightDecay());
    }

    /** Number of steps taken. */
    public long steps() {
        return steps;
    }

    /** Applies one update to {@code params} from {@code grad} (which SGD with weight decay modifies). */
    public void step(float[] params, float[] grad, float lr) {
        steps++;
        Kernels k = Kernels.get();
        switch (type) {
            case ADAM:
            case ADAMW: {
                double bc1 = 1.0 - Math.pow(beta1, steps);
                double bc2 = 1.0 - Math.pow(beta2, steps);
                float stepSize = (float) (lr / bc1);
                float bc2Sqrt = (float) Math.sqrt(bc2);
                k.adam(params.length, params, grad, m, v, beta1, beta2, eps, lr, stepSize, bc2Sqrt, weightDecay,
                        type == OptimizerType.ADAMW);
                break;
            }
            default:
                sgd(params, grad, lr);
        }
    }

    private void sgd(float[] p, float[] g, float lr) {
        for (int i = 0; i < p.length; i++) {
            float gi = g[i];
            if (weightDecay != 0f) {
                gi += weightDecay * p[i];
            }
            if (momentum != 0f) {
                float buf = steps == 1 ? gi : momentum * m[i] + gi;
                m[i] = buf;
                gi = nesterov ? gi + momentum * buf : buf;
            }
            p[i] -= lr * gi;
        }
    }
}
