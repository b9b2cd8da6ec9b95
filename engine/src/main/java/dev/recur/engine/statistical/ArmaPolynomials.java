package dev.recur.engine.statistical;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;

/**
 * The AR and MA polynomials of ARIMA ({@link Arima}): whether their roots lie outside the unit circle (stationary,
 * invertible), MA roots reflected outside it and the partial autocorrelations that keep an AR part stationary during
 * a fit and back, as R's {@code arima} computes them; and the autocovariances of an ARMA process and the first row of
 * the stationary covariance that starts the Kalman filter, by Durbin's step-down (R solves for the whole covariance).
 */
final class ArmaPolynomials {

    private ArmaPolynomials() {
    }

    /**
     * Whether 1 + sign·Σ c_i z^i has all its roots outside the circle of radius 1.01: the eigenvalues of the
     * companion matrix of the reversed polynomial (the roots' reciprocals) all lie inside 1/1.01.
     */
    static boolean rootsOutside(double[] c, int sign) {
        return rootsOutside(c, sign, 1);
    }

    /**
     * Whether 1 + sign·Σ c_i z^(i·power) has all its roots outside the circle of radius 1.01: the power-th roots of
     * the roots of 1 + sign·Σ c_i w^i, so each of those of modulus |w| counts with |w|^(1/power).
     */
    static boolean rootsOutside(double[] c, int sign, int power) {
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
            double modulus = Math.hypot(lambda[0][i], lambda[1][i]);
            if ((power == 1 ? modulus : Math.pow(modulus, 1.0 / power)) > 1 / 1.01) {
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
        double[] gamma = autocovariances(phi, theta, r);
        if (gamma == null) {
            return null;
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

    /**
     * The autocovariances γ(0..maxLag) of the ARMA {@code y_t = Σ phi_i y_{t-i} + e_t + Σ theta_j e_{t-j}} with unit
     * innovation variance, in O(p² + maxLag·(p + q)) where solving the first p + 1 Yule–Walker equations costs
     * O(p³) (a weekly model's expanded AR part has up to 110 coefficients). The AR part alone, x = e / phi(B): its
     * partial autocorrelations α_k by Durbin's step-down (the inverse of Durbin–Levinson), which give each order's
     * predictor φ^(k), the autocorrelations ρ(k) = Σ_{i ≤ k} φ^(k)_i ρ(k − i) and the variance γ_x(0) = 1 / Π (1 −
     * α_k²); beyond p, ρ(k) = Σ phi_i ρ(k − i). Then y = theta(B) x: γ(k) = Σ_j Σ_l theta_j theta_l γ_x(k + l − j).
     * Null when the AR part is not stationary (a partial autocorrelation of modulus 1 or more).
     */
    static double[] autocovariances(double[] phi, double[] theta, int maxLag) {
        int p = order(phi);
        // theta's lags that are not zero, after theta_0 = 1: a seasonal model's expanded MA part is mostly zeros
        int[] nonZeroMa = nonZero(theta);
        int nMa = nonZeroMa.length + 1;
        int[] maLags = new int[nMa];
        double[] maCoefs = new double[nMa];
        maCoefs[0] = 1;
        for (int j = 1; j < nMa; j++) {
            maLags[j] = nonZeroMa[j - 1] + 1;
            maCoefs[j] = theta[nonZeroMa[j - 1]];
        }
        int span = maLags[nMa - 1];
        double[] rho = new double[maxLag + span + 1];
        rho[0] = 1;
        double variance = 1;
        if (p > 0) {
            double[][] predictors = stepDown(phi, 0, p, Double.POSITIVE_INFINITY);
            for (int k = p; k >= 1; k--) {
                double a = predictors[k - 1][k - 1];
                if (!(Math.abs(a) < 1)) {
                    return null;
                }
                variance *= 1 - a * a;
            }
            if (!(variance > 0)) {
                return null;
            }
            variance = 1 / variance;
            for (int k = 1; k < rho.length; k++) {
                double[] pred = predictors[Math.min(k, p) - 1];
                double v = 0;
                for (int i = 0; i < pred.length; i++) {
                    v += pred[i] * rho[k - 1 - i];
                }
                rho[k] = v;
            }
        }
        double[] gamma = new double[maxLag + 1];
        for (int k = 0; k <= maxLag; k++) {
            double v = 0;
            for (int j = 0; j < nMa; j++) {
                for (int l = 0; l < nMa; l++) {
                    v += maCoefs[j] * maCoefs[l] * rho[Math.abs(k + maLags[l] - maLags[j])];
                }
            }
            gamma[k] = v * variance;
        }
        for (double g : gamma) {
            if (!Double.isFinite(g)) {
                return null;
            }
        }
        return gamma;
    }

    /** Inverse of {@link #pacfToAr}: writes atanh of the partial autocorrelations into {@code u}. */
    static void arToPacf(double[] c, int off, int order, double[] u) {
        double[][] predictors = stepDown(c, off, order, 0.9999999999);
        for (int k = 0; k < order; k++) {
            double a = predictors[k][k];
            u[off + k] = 0.5 * Math.log((1 + a) / (1 - a));
        }
    }

    /**
     * Durbin's step-down, the inverse of Durbin–Levinson: from the AR coefficients {@code c[off..off + order)}, the
     * best linear predictor of each lower order, {@code [k - 1]} holding order k's, whose last coefficient is the
     * partial autocorrelation α_k, held within ±{@code bound} before the lower orders are computed from it (the
     * optimiser's coordinates stay finite at a unit root).
     */
    private static double[][] stepDown(double[] c, int off, int order, double bound) {
        double[][] predictors = new double[order][];
        for (int k = order; k >= 1; k--) {
            double[] cur = k == order ? java.util.Arrays.copyOfRange(c, off, off + order) : predictors[k - 1];
            double a = Math.max(-bound, Math.min(bound, cur[k - 1]));
            cur[k - 1] = a;
            predictors[k - 1] = cur;
            if (k > 1) {
                double den = 1 - a * a;
                double[] lower = new double[k - 1];
                for (int i = 0; i < k - 1; i++) {
                    lower[i] = (cur[i] + a * cur[k - 2 - i]) / den;
                }
                predictors[k - 2] = lower;
            }
        }
        return predictors;
    }

    /** The indices of the coefficients that are not zero, in increasing order. */
    static int[] nonZero(double[] c) {
        int[] at = new int[c.length];
        int k = 0;
        for (int i = 0; i < c.length; i++) {
            if (c[i] != 0) {
                at[k++] = i;
            }
        }
        return java.util.Arrays.copyOf(at, k);
    }
}
