package dev.recur.engine.loss;

/** Mean absolute error; the subgradient at zero error is 0, as in PyTorch. */
public final class MaeLoss implements Loss {

    /** Creates the loss. */
    public MaeLoss() {
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
            sum += Math.abs(e);
            if (dOut != null) {
                dOut[dOff + j] = Math.signum(e) * scale;
            }
        }
        return sum;
    }

    @Override
    public String name() {
        return "mae";
    }
}
