package dev.recur.engine.cleaning;

import dev.recur.engine.decomposition.Stl;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Fills the missing values (NaN) of a series as R's {@code forecast::na.interp} does. A series with no season, or
 * with no more than two seasons of values present, is interpolated linearly between its neighbours (the ends take
 * the nearest value). A seasonal one gets the season's pattern in its gaps, where a straight line would cut across
 * it (a missing December of a retail series filled halfway between November and January): a first fill from a
 * regression on Fourier terms of the season (at most 5 pairs) and a polynomial trend (degree n/10, 1 to 6), then a
 * robust STL decomposition of that filled series ({@link Stl#decompose(double[], int, boolean)}), and each missing
 * value is the linear interpolation of the seasonally adjusted values present plus the seasonal component there.
 * When that puts any value more than half the series' range beyond it, the linear fill is used instead, as R does.
 */
public final class MissingValues {

    /**
     * A filled series.
     *
     * @param values   the values, none missing
     * @param seasonal whether the season's pattern filled them (else a straight line)
     */
    public record Filled(double[] values, boolean seasonal) {
    }

    private MissingValues() {
    }

    /**
     * {@code y} with its missing values filled (a copy; {@code y} as it is when none is missing).
     *
     * @param season the series' season (1 or less: none)
     * @throws IllegalArgumentException when every value is missing
     */
    public static Filled filled(double[] y, int season) {
        int n = y.length;
        int present = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : y) {
            if (!Double.isNaN(v)) {
                present++;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (present == 0) {
            throw new IllegalArgumentException("every value is missing");
        }
        if (present == n) {
            return new Filled(y, false);
        }
        double range = max - min;
        if (season <= 1 || present <= 2 * season || !(range > 0) || Double.isInfinite(range)) {
            // no season, too few seasons, or a constant series (whose every seasonal fill R finds out of its range of
            // 0): a straight line
            return new Filled(linear(y), false);
        }
        // worked out on the values centred on the middle of their range and divided by it, so that sums and squares
        // stay far from overflow whatever the series' units (every step is equivariant: the same fill, scaled back)
        double centre = min + range / 2;
        double unit = range;
        double[] z = new double[n];
        for (int t = 0; t < n; t++) {
            z[t] = (y[t] - centre) / unit;
        }
        double[] x = z.clone();
        double[] first = regression(z, season);
        for (int t = 0; t < n; t++) {
            if (Double.isNaN(x[t])) {
                x[t] = first[t];
            }
        }
        Stl.Decomposition fit = Stl.decompose(x, season, true);
        double[] adjusted = new double[n];
        for (int t = 0; t < n; t++) {
            adjusted[t] = Double.isNaN(z[t]) ? Double.NaN : x[t] - fit.seasonal()[t];
        }
        double[] line = linear(adjusted);
        double[] out = y.clone();
        for (int t = 0; t < n; t++) {
            if (Double.isNaN(out[t])) {
                double v = line[t] + fit.seasonal()[t];
                // beyond half the range either side (in these units, the range is 1 from −0.5 to 0.5), or not a
                // number at all: the straight line, as R
                if (!(Math.abs(v) <= 1.0)) {
                    return new Filled(linear(y), false);
                }
                out[t] = centre + unit * v;
            }
        }
        return new Filled(out, true);
    }

    /**
     * The least-squares fit, at every time, of the values present on an intercept, {@code min(season / 2, 5)} pairs of
     * Fourier terms of the season (the sine of period 2 left out: it is 0 at every whole time) and the powers 1 to
     * {@code min(max(n / 10, 1), 6)} of the time (as R's {@code poly}, whose orthogonal columns span the same space;
     * here the time is scaled to [−1, 1], so that its powers stay well conditioned). A minimum-norm solution where the
     * columns are not independent.
     */
    static double[] regression(double[] y, int season) {
        int n = y.length;
        int pairs = Math.min(season / 2, 5);
        int degree = Math.min(Math.max(n / 10, 1), 6);
        int columns = 1 + 2 * pairs - (season % 2 == 0 && pairs == season / 2 ? 1 : 0) + degree;
        double[][] all = new double[n][columns];
        for (int t = 0; t < n; t++) {
            int c = 0;
            all[t][c++] = 1;
            for (int k = 1; k <= pairs; k++) {
                double angle = 2 * Math.PI * k * (t + 1) / season;
                if (2 * k != season) {
                    all[t][c++] = Math.sin(angle);
                }
                all[t][c++] = Math.cos(angle);
            }
            double u = n == 1 ? 0 : 2.0 * t / (n - 1) - 1;
            double p = 1;
            for (int d = 1; d <= degree; d++) {
                p *= u;
                all[t][c++] = p;
            }
        }
        int present = 0;
        for (double v : y) {
            if (!Double.isNaN(v)) {
                present++;
            }
        }
        double[][] rows = new double[present][];
        double[] target = new double[present];
        for (int t = 0, r = 0; t < n; t++) {
            if (!Double.isNaN(y[t])) {
                rows[r] = all[t];
                target[r++] = y[t];
            }
        }
        RealVector beta = leastSquares(new Array2DRowRealMatrix(rows, false), new ArrayRealVector(target, false));
        double[] fit = new double[n];
        for (int t = 0; t < n; t++) {
            double v = 0;
            for (int c = 0; c < columns; c++) {
                v += all[t][c] * beta.getEntry(c);
            }
            fit[t] = v;
        }
        return fit;
    }

    /**
     * The least-squares coefficients of {@code b} on the columns of {@code a}: by Householder QR (as R's {@code lm}), 5 to
     * 15 times faster than the SVD on these tall matrices; where a column is (nearly) a combination of the others, QR
     * cannot tell its coefficient and the SVD's minimum-norm solution is taken.
     */
    static RealVector leastSquares(Array2DRowRealMatrix a, ArrayRealVector b) {
        // the columns' norms are about the square root of the rows (values within [-1, 1]): a diagonal element of R
        // below 1e-10 of that is a column that the others already span
        double threshold = 1e-10 * Math.sqrt(a.getRowDimension());
        try {
            return new QRDecomposition(a, threshold).getSolver().solve(b);
        } catch (SingularMatrixException e) {
            return new SingularValueDecomposition(a).getSolver().solve(b);
        }
    }

    /** Linear interpolation between the values present; before the first and after the last, the nearest. */
    public static double[] linear(double[] y) {
        double[] v = y.clone();
        int n = v.length;
        int prev = -1;
        for (int i = 0; i < n; i++) {
            if (!Double.isNaN(v[i])) {
                if (prev < 0) {
                    java.util.Arrays.fill(v, 0, i, v[i]);
                } else if (i - prev > 1) {
                    for (int j = prev + 1; j < i; j++) {
                        v[j] = v[prev] + (v[i] - v[prev]) * (j - prev) / (i - prev);
                    }
                }
                prev = i;
            }
        }
        if (prev >= 0 && prev < n - 1) {
            java.util.Arrays.fill(v, prev + 1, n, v[prev]);
        }
        return v;
    }
}
