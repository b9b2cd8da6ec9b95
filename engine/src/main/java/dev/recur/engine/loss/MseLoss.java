package dev.recur.engine.loss;

/** Mean squared error. */
public final class MseLoss implements Loss {

    /** Creates the loss. */
    public MseLoss() {
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
            sum += (double) e * e;
            if (dOut != null) {
                dOut[dOff + j] = 2f * e * scale;
            }
        }
        return sum;
    }

    @Override
    public String name() {
        return "mse";
    }
}
