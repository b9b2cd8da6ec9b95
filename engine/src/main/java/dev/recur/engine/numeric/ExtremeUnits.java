package dev.recur.engine.numeric;

import java.util.function.UnaryOperator;

/**
 * Series in extreme units, forecast in ordinary ones. The statistical methods square values (variances,
 * likelihoods, autocorrelations), and a square overflows beyond about 1e154 and underflows below about 1e-154:
 * automatic ARIMA forecast zeros for a series of values near 1e-200 and was 10% off its forecast in ordinary units at
 * 1e160, ETS and Theta up to 2%. Every method is equivariant to the unit, so a series whose largest magnitude lies
 * outside 2<sup>±{@value #BOUND}</sup> is multiplied by the power of two that brings it into [1, 2), forecast, and
 * the forecast multiplied back. Multiplying by a power of two is exact in binary floating point (short of the
 * subnormal range), so nothing is lost either way; a series within the bound is left as it is, to the bit.
 */
public final class ExtremeUnits {

    /** Largest magnitudes within 2<sup>±BOUND</sup> (about 7.9e-31 to 1.3e30) are ordinary units. */
    public static final int BOUND = 100;

    private ExtremeUnits() {
    }

    /**
     * The power of two by which {@code y} is multiplied: 0 when its largest finite magnitude is within
     * 2<sup>±{@value #BOUND}</sup>, or when it has no finite value other than 0; else minus that magnitude's binary
     * exponent.
     */
    public static int exponent(double[] y) {
        return exponent(y, 0, y.length);
    }

    /** {@link #exponent(double[])} of {@code y[from, to)}. */
    public static int exponent(double[] y, int from, int to) {
        double largest = 0;
        for (int i = from; i < to; i++) {
            if (Double.isFinite(y[i])) {
                largest = Math.max(largest, Math.abs(y[i]));
            }
        }
        if (largest == 0) {
            return 0;
        }
        int e = Math.getExponent(largest);
        if (e == Double.MIN_EXPONENT - 1) {   // subnormal: getExponent says -1023 for all of them
            e = Math.getExponent(largest * 0x1p64) - 64;
        }
        return Math.abs(e) <= BOUND ? 0 : -e;
    }

    /**
     * {@code method}'s forecast of {@code y}, made in ordinary units ({@link #exponent}) and brought back to
     * {@code y}'s.
     */
    public static double[] forecast(double[] y, UnaryOperator<double[]> method) {
        int k = exponent(y);
        if (k == 0) {
            return method.apply(y);
        }
        double[] f = method.apply(scaled(y, k));
        for (int i = 0; i < f.length; i++) {
            f[i] = Math.scalb(f[i], -k);
        }
        return f;
    }

    /** {@code y} multiplied by 2<sup>k</sup>, in a new array. */
    public static double[] scaled(double[] y, int k) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = Math.scalb(y[i], k);
        }
        return out;
    }
}
