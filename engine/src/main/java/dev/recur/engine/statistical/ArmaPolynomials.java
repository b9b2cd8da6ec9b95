package dev.recur.engine.statistical;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;

/**
 * The AR and MA polynomials of ARIMA ({@link Arima}): whether their roots lie outside the unit circle (stationary,
 * invertible), MA roots reflected outside it, the partial autocorrelations that keep an AR part stationary during a
 * fit and back, and the stationary covariance of an ARMA process that starts the Kalman filter, as R's {@code arima}
 * computes them.
 */
final class ArmaPolynomials {

    private ArmaPolynomials() {
    }

    /**
     * Whether 1 + sign·Σ c_i z^i has all its roots outside the circle of radius 1.01: the eigenvalues of the
     * companion matrix of the reversed polynomial (the roots' reciprocals) all lie inside 1/1.01.
     */
    static boolean rootsOutside(double[] c, int sign) {
        int k = c.length;
        while (k > 0 && Math.abs(c[k - 1]) < 1e-8) {
            k--;
        }
        if (k == 0) {
            return true;
        }
        double[][] lambda = reciprocalRoots(c, sign, k);
        if (lambda == null) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            if (Math.hypot(lambda[0][i], lambda[1][i]) > 1 / 1.01) {
                return false;
            }
        }
        return true;
    }

    /**
     * The reciprocals of the roots of {@code 1 + sign·Σ_{i ≤ k} c_i z^i}, {real parts, imaginary parts}: the
     * eigenvalues of the companion matrix of the reversed polynomial. Null when they cannot be computed.
     */
    private static double[][] reciprocalRoots(double[] c, int sign, int k) {
        double[][] comp = new double[k][k];
        for (int i = 0; i < k; i++) {
            comp[0][i] = -sign * c[i];
            if (i > 0) {
                comp[i][i - 1] = 1;
            }
        }
        try {
            EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(comp, false));
            return new double[][]{e.getRealEigenvalues(), e.getImagEigenvalues()};
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The order up to the last coefficient that is not exactly zero. */
    private static int order(double[] c) {
        int k = c.length;
        while (k > 0 && c[k - 1] == 0) {
            k--;
        }
        return k;
    }

    /**
     * Whether {@code 1 − Σ ar_i z^i} has every root strictly outside the unit circle: a stationary AR polynomial, as
     * R's {@code arima} checks the AR parts of its conditional-sum-of-squares fit before the exact one. A root on
     * the circle up to rounding (1 − 0.5z − 0.5z² has the root 1) is not outside.
     */
    static boolean stationary(double[] ar) {
        int k = order(ar);
        if (k == 0) {
            return true;
        }
        double[][] lambda = reciprocalRoots(ar, -1, k);
        if (lambda == null) {
            return false;
        }
        for (int i = 0; i < k; i++) {
            if (!(Math.hypot(lambda[0][i], lambda[1][i]) < 1 - 1e-12)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The MA polynomial {@code 1 + Σ ma_i z^i} with each root inside the unit circle replaced by its reciprocal,
     * as R's {@code arima} does ({@code maInvert}): the same autocorrelations, so the same exact likelihood, and an
     * invertible model. The coefficients unchanged when no root is inside.
     */
    static double[] maInvert(double[] ma) {
        int k = order(ma);
        if (k == 0) {
            return ma.clone();
        }
        double[][] lambda = reciprocalRoots(ma, 1, k);
        if (lambda == null) {
            return ma.clone();
        }
        boolean any = false;
        for (int i = 0; i < k; i++) {
            any |= Math.hypot(lambda[0][i], lambda[1][i]) > 1;
        }
        if (!any) {
            return ma.clone();
        }
        double[] out = new double[ma.length];
        if (k == 1) {
            out[0] = 1 / ma[0];
            return out;
        }
        // the product of (1 − mu z) over the reciprocal roots mu, those outside the unit circle inverted
        double[] re = new double[k + 1];
        double[] im = new double[k + 1];
        re[0] = 1;
        for (int i = 0; i < k; i++) {
            double a = lambda[0][i];
            double b = lambda[1][i];
            double mod2 = a * a + b * b;
            if (Math.sqrt(mod2) > 1) {
                a = a / mod2;
                b = -b / mod2;
            }
            for (int j = i + 1; j >= 1; j--) {
                double pr = re[j - 1];
                double pi = im[j - 1];
                re[j] -= a * pr - b * pi;
                im[j] -= a * pi + b * pr;
            }
        }
        System.arraycopy(re, 1, out, 0, k);
        return out;
    }

    /** Durbin-Levinson: AR coefficients from partial autocorrelations. */
    static double[] pacfToAr(double[] partial) {
        int order = partial.length;
        double[] phi = new double[order];
        double[] prev = new double[order];
        for (int k = 0; k < order; k++) {
            double a = partial[k];
            System.arraycopy(phi, 0, prev, 0, k);
            phi[k] = a;
            for (int j = 0; j < k; j++) {
                phi[j] = prev[j] - a * prev[k - 1 - j];
            }
        }
        return phi;
    }

    /**
     * The first row (and column) of the stationary covariance (unit innovation variance) of the Harvey state of an
     * ARMA with these coefficients, from the autocovariances and the psi weights: all the Kalman filter's
     * Chandrasekhar recursions need of it. Null when the AR part is not stationary.
     */
    static double[] stationaryFirstRow(double[] phi, double[] theta, int r) {
        int p = phi.length;
        int q = theta.length;
        double[] ph = new double[r + 1];
        System.arraycopy(phi, 0, ph, 0, p);
        double[] th = new double[r + 1];
        th[0] = 1;
        System.arraycopy(theta, 0, th, 1, q);
        // psi weights up to r
        double[] psi = new double[r + 1];
        for (int j = 0; j <= r; j++) {
            double v = j <= q ? th[j] : 0;
            for (int i = 1; i <= Math.min(j, p); i++) {
                v += phi[i - 1] * psi[j - i];
            }
            psi[j] = v;
        }
        // autocovariances gamma(0..r): solve the first p + 1 equations, then recurse
        double[] gamma = new double[r + 2];
        if (p > 0) {
            double[][] a = new double[p + 1][p + 1];
            double[] b = new double[p + 1];
            for (int k = 0; k <= p; k++) {
                a[k][k] += 1;
                for (int i = 1; i <= p; i++) {
                    a[k][Math.abs(k - i)] -= phi[i - 1];
                }
                double rhs = 0;
                for (int j = k; j <= q; j++) {
                    rhs += th[j] * psi[j - k];
                }
                b[k] = rhs;
            }
            try {
                RealVector g = new LUDecomposition(new Array2DRowRealMatrix(a, false), 1e-12).getSolver()
                        .solve(new ArrayRealVector(b, false));
                for (int k = 0; k <= p; k++) {
                    gamma[k] = g.getEntry(k);
                }
            } catch (RuntimeException e) {
                return null;
            }
            if (!(gamma[0] > 0) || !Double.isFinite(gamma[0])) {
                return null;
            }
        }
        for (int k = (p > 0 ? p + 1 : 0); k <= r + 1; k++) {
            double v = 0;
            for (int i = 1; i <= p; i++) {
                v += phi[i - 1] * gamma[Math.abs(k - i)];
            }
            for (int j = k; j <= q; j++) {
                v += th[j] * psi[j - k];
            }
            gamma[k] = v;
        }
        // first row: P[0][k] = Cov(y_t, a_t[k]), a_t[k] = Σ_{j≥k} (phi_{j+1} y_{t-1-(j-k)} + theta_j e_{t-(j-k)})
        double[] row = new double[r];
        for (int k = 0; k < r; k++) {
            double v = 0;
            for (int j = k; j < r; j++) {
                v += ph[j] * gamma[j - k + 1] + th[j] * psi[j - k];
            }
            row[k] = v;
        }
        return row;
    }

    /** Inverse of {@link #pacfToAr}: writes atanh of the partial autocorrelations into {@code u}. */
    static void arToPacf(double[] c, int off, int order, double[] u) {
        double[] phi = new double[order];
        System.arraycopy(c, off, phi, 0, order);
        for (int k = order - 1; k >= 0; k--) {
            double a = Math.max(-0.9999999999, Math.min(0.9999999999, phi[k]));
            u[off + k] = 0.5 * Math.log((1 + a) / (1 - a));
            double[] prev = new double[k];
            double den = 1 - a * a;
            for (int j = 0; j < k; j++) {
                prev[j] = (phi[j] + a * phi[k - 1 - j]) / den;
            }
            System.arraycopy(prev, 0, phi, 0, k);
        }
    }
}
