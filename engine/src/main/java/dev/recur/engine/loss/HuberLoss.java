package dev.recur.engine.loss;

/**
 * Huber loss with threshold {@code delta}: {@code ½e²} when {@code |e| < delta}, else
 * {@code delta·(|e| − ½delta)} (PyTorch's {@code huber_loss}).
 */
public final class HuberLoss implements Loss {

    private final float delta;

    /**
     * Creates the loss.
     *
     * @throws IllegalArgumentException unless {@code delta} is positive and finite
     */
    public HuberLoss(float delta) {
        if (!(delta > 0f) || !Float.isFinite(delta)) {
            throw new IllegalArgumentException("huber delta must be positive, got " + delta);
        }
        this.delta = delta;
    }

    /** The threshold between the quadratic and linear parts. */
    public float delta() {
        return delta;
    }

    @Override
    public int outputsPerTarget() {
        return 1;
    }

    @Override
    public double row(float[] out, int outOff, float[] target, int tOff, int targets, float[] dOut, int dOff, float scale) {
        double sum = 0;
        for (int j = 0; j < targets; j++) {
            float e = out[outOff + j] - target[tOff + j];
            float a = Math.abs(e);
            if (a < delta) {
                sum += 0.5 * e * e;
                if (dOut != null) {
                    dOut[dOff + j] = e * scale;
                }
            } else {
                sum += delta * (a - 0.5 * delta);
                if (dOut != null) {
                    dOut[dOff + j] = delta * Math.signum(e) * scale;
                }
            }
        }
        return sum;
    }

    @Override
    public String name() {
        return "huber:" + delta;
    }
}
