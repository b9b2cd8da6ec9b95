package dev.recur.engine.tribuo;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Per-channel affine scaling, {@code scaled = (raw − shift) / scale}: the standardisation a recurrent model
 * learns its inputs and outputs in. Immutable.
 */
public final class AffineScaling implements Serializable {

    private static final long serialVersionUID = 1L;

    private final float[] shift;
    private final float[] scale;

    /**
     * Creates a scaling.
     *
     * @throws IllegalArgumentException if the arrays differ in length or a scale is not positive
     */
    public AffineScaling(float[] shift, float[] scale) {
        if (shift.length != scale.length) {
            throw new IllegalArgumentException(shift.length + " shifts but " + scale.length + " scales");
        }
        for (float s : scale) {
            if (!(s > 0f) || !Float.isFinite(s)) {
                throw new IllegalArgumentException("scales must be positive and finite, got " + s);
            }
        }
        this.shift = shift.clone();
        this.scale = scale.clone();
    }

    /** The identity scaling of {@code n} channels. */
    public static AffineScaling identity(int n) {
        float[] one = new float[n];
        Arrays.fill(one, 1f);
        return new AffineScaling(new float[n], one);
    }

    /**
     * Mean and standard deviation per channel of interleaved rows ({@code rows[i][k·n + c]} is channel
     * {@code c}); a channel constant up to rounding (a standard deviation of at most
     * {@link dev.recur.engine.neural.Scaling#DEGENERATE} of its largest absolute value) gets scale 1, so a
     * channel in tiny units is standardised by its own spread like any other. Computed in double.
     */
    public static AffineScaling standardising(float[][] rows, int n) {
        double[] sum = new double[n];
        long[] count = new long[n];
        for (float[] row : rows) {
            for (int k = 0; k < row.length; k++) {
                sum[k % n] += row[k];
                count[k % n]++;
            }
        }
        double[] mean = new double[n];
        for (int c = 0; c < n; c++) {
            mean[c] = count[c] == 0 ? 0 : sum[c] / count[c];
        }
        double[] sq = new double[n];
        double[] largest = new double[n];
        for (float[] row : rows) {
            for (int k = 0; k < row.length; k++) {
                double d = row[k] - mean[k % n];
                sq[k % n] += d * d;
                largest[k % n] = Math.max(largest[k % n], Math.abs(row[k]));
            }
        }
        float[] shift = new float[n];
        float[] scale = new float[n];
        for (int c = 0; c < n; c++) {
            double sd = count[c] < 2 ? 0 : Math.sqrt(sq[c] / (count[c] - 1));
            shift[c] = (float) mean[c];
            scale[c] = !dev.recur.engine.neural.Scaling.flat(sd, largest[c]) && Double.isFinite(sd) ? (float) sd : 1f;
        }
        return new AffineScaling(shift, scale);
    }

    /** Number of channels. */
    public int size() {
        return shift.length;
    }

    /** The shift of channel {@code c}. */
    public float shift(int c) {
        return shift[c];
    }

    /** The scale of channel {@code c}. */
    public float scale(int c) {
        return scale[c];
    }

    /** Scales interleaved values in place. */
    public void apply(float[] row) {
        int n = shift.length;
        for (int k = 0; k < row.length; k++) {
            row[k] = (row[k] - shift[k % n]) / scale[k % n];
        }
    }

    /** Inverts the scaling of interleaved values, into doubles. */
    public double[] invert(float[] row) {
        int n = shift.length;
        double[] out = new double[row.length];
        for (int k = 0; k < row.length; k++) {
            out[k] = (double) row[k] * scale[k % n] + shift[k % n];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AffineScaling a && Arrays.equals(shift, a.shift) && Arrays.equals(scale, a.scale);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shift) + Arrays.hashCode(scale);
    }
}
