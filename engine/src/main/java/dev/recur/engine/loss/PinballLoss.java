package dev.recur.engine.loss;

import java.util.Arrays;

/**
 * Pinball (quantile) loss over a set of quantiles: for error {@code e = y − ŷ_q},
 * {@code max(q·e, (q − 1)·e)}, averaged over targets and quantiles. The network predicts one output per
 * quantile for every target value.
 */
public final class PinballLoss implements Loss {

    private final float[] quantiles;

    /**
     * Creates the loss.
     *
     * @throws IllegalArgumentException if no quantile is given or one is outside (0, 1)
     */
    public PinballLoss(float... quantiles) {
        if (quantiles == null || quantiles.length == 0) {
            throw new IllegalArgumentException("pinball loss needs at least one quantile");
        }
        for (float q : quantiles) {
            if (!(q > 0f && q < 1f)) {
                throw new IllegalArgumentException("quantile must be in (0, 1), got " + q);
            }
        }
        this.quantiles = quantiles.clone();
    }

    /** The quantiles, in output order. */
    public float[] quantiles() {
        return quantiles.clone();
    }

    @Override
    public int outputsPerTarget() {
        return quantiles.length;
    }

    @Override
    public double row(float[] out, int outOff, float[] target, int tOff, int targets, float[] dOut, int dOff, float scale) {
        int nq = quantiles.length;
        double sum = 0;
        for (int j = 0; j < targets; j++) {
            float y = target[tOff + j];
            for (int q = 0; q < nq; q++) {
                int o = j * nq + q;
                float e = y - out[outOff + o];
                float qq = quantiles[q];
                sum += e >= 0 ? qq * e : (qq - 1f) * e;
                if (dOut != null) {
                    dOut[dOff + o] = (e > 0 ? -qq : (e < 0 ? 1f - qq : 0f)) * scale;
                }
            }
        }
        return sum;
    }

    @Override
    public String name() {
        return "pinball" + Arrays.toString(quantiles).replace(" ", "");
    }
}
