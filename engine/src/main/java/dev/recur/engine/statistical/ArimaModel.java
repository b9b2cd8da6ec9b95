package dev.recur.engine.statistical;

/**
 * The parameterisation of one ARIMA model ({@link Arima}): optimiser coordinates to coefficients and the expanded
 * polynomials, and the objectives its fits minimise (the conditional sum of squares and the exact Gaussian likelihood
 * by a Kalman filter over the state-space form).
 */
final class ArimaModel {

    final int p;
    final int q;
    final int bp;
    final int bq;
    final int m;
    final boolean constant;

    /**
     * The last argument and value of {@code tanh} per coordinate: a numerical gradient moves one coordinate at a
     * time, so most evaluations would recompute {@link Math#tanh} (not a JIT intrinsic) of unchanged coordinates.
     * The values are the same either way. A model is fitted on one thread, so the cache is not shared.
     */
    private final double[] tanhArgument;
    private final double[] tanhValue;

    ArimaModel(int p, int q, int bp, int bq, int m, boolean constant) {
        this.p = p;
        this.q = q;
        this.bp = bp;
        this.bq = bq;
        this.m = m;
        this.constant = constant;
        this.tanhArgument = new double[p + q + bp + bq];
        this.tanhValue = new double[tanhArgument.length];
        java.util.Arrays.fill(tanhArgument, Double.NaN);
        java.util.Arrays.fill(tanhValue, Double.NaN);
    }

    /** phi, theta, Phi, Theta (AR parts made stationary by the partial-autocorrelation map), then the mean. */
    double[] coefficients(double[] u) {
        double[] c = u.clone();
        System.arraycopy(ArmaPolynomials.pacfToAr(partials(u, 0, p)), 0, c, 0, p);
        System.arraycopy(ArmaPolynomials.pacfToAr(partials(u, p + q, bp)), 0, c, p + q, bp);
        return c;
    }

    /** The partial autocorrelations {@code tanh(u[off..off + order))}, from the cache where u did not move. */
    private double[] partials(double[] u, int off, int order) {
        double[] out = new double[order];
        for (int k = 0; k < order; k++) {
            int i = off + k;
            if (Double.doubleToRawLongBits(u[i]) != Double.doubleToRawLongBits(tanhArgument[i])) {
                tanhArgument[i] = u[i];
                tanhValue[i] = Math.tanh(u[i]);
            }
            out[k] = tanhValue[i];
        }
        return out;
    }

    /** The expanded AR polynomial's coefficients phi_1..phi_{p + mP} (y_t = Σ phi_i y_{t-i} + ...). */
    double[] ar(double[] c) {
        double[] out = new double[p + m * bp];
        for (int i = 0; i < p; i++) {
            out[i] += c[i];
        }
        for (int j = 0; j < bp; j++) {
            double bj = c[p + q + j];
            out[(j + 1) * m - 1] += bj;
            for (int i = 0; i < p; i++) {
                out[(j + 1) * m + i] -= c[i] * bj;
            }
        }
        return out;
    }

    /** The expanded MA polynomial's coefficients theta_1..theta_{q + mQ} (+ Σ theta_j e_{t-j}). */
    double[] ma(double[] c) {
        double[] out = new double[q + m * bq];
        for (int i = 0; i < q; i++) {
            out[i] += c[p + i];
        }
        for (int j = 0; j < bq; j++) {
            double bj = c[p + q + bp + j];
            out[(j + 1) * m - 1] += bj;
            for (int i = 0; i < q; i++) {
                out[(j + 1) * m + i] += c[p + i] * bj;
            }
        }
        return out;
    }

    double mean(double[] c) {
        return constant ? c[c.length - 1] : 0;
    }

    /**
     * Half the log of the conditional mean squared residual, the CSS objective, of the coefficients themselves
     * (phi, theta, Phi, Theta, the mean; no map keeps the AR parts stationary, as in R's arima).
     */
    double cssOfCoefficients(double[] w, double[] c) {
        double[] r = cssFullOfCoefficients(w, c);
        return r == null ? Double.POSITIVE_INFINITY : 0.5 * Math.log(r[0]);
    }

    /** {residual variance, residuals used} of the conditional fit of the coefficients; null if it blows up. */
    double[] cssFullOfCoefficients(double[] w, double[] c) {
        double[] phi = ar(c);
        double[] theta = ma(c);
        double mu = mean(c);
        int n = w.length;
        int start = phi.length;
        if (start >= n) {
            return null;
        }
        // a seasonal model's expanded polynomials are mostly zeros (an AR(1)(1) of season 52 has 2 of 53 lags):
        // only the lags that are not zero are visited, in the same order, so the sums are the same to the bit
        int[] arLags = ArmaPolynomials.nonZero(phi);
        int[] maLags = ArmaPolynomials.nonZero(theta);
        double[] wc = new double[n];
        for (int t = 0; t < n; t++) {
            wc[t] = w[t] - mu;
        }
        double[] e = new double[n];
        double ssq = 0;
        for (int t = start; t < n; t++) {
            double v = wc[t];
            for (int i : arLags) {
                v -= phi[i] * wc[t - 1 - i];
            }
            for (int j : maLags) {
                if (j >= t) {
                    break;
                }
                v -= theta[j] * e[t - 1 - j];
            }
            e[t] = v;
            ssq += v * v;
        }
        int used = n - start;
        double s2 = ssq / used;
        if (!Double.isFinite(s2) || s2 <= 0) {
            return s2 == 0 ? new double[]{1e-300, used} : null;
        }
        return new double[]{s2, used};
    }

    /**
     * The one-step variance, in units of the innovations', from which R's {@code ARIMA_Like} leaves an observation
     * out of the likelihood.
     */
    static final double UNUSED_GAIN = 1e4;

    /**
     * R's −2 log-likelihood of {@code n} observations from {@link #exact}'s result: twice the objective (per
     * observation the likelihood used) times all of them, plus the constants, as R's {@code arima} reports it.
     * The exact Gaussian likelihood when every observation was used.
     */
    static double minusTwoLogLikelihood(double[] exact, int n) {
        return n * (Math.log(2 * Math.PI * exact[0]) + 1 + exact[1] / exact[2]);
    }

    /** The concentrated exact negative log-likelihood per observation used (up to constants). */
    double exactObjective(double[] w, double[] u) {
        double[] r = exact(w, u, null);
        if (r == null) {
            return Double.POSITIVE_INFINITY;
        }
        return 0.5 * (Math.log(r[0]) + r[1] / r[2]);
    }

    /**
     * Kalman filter of the state-space ARMA over {@code w}: {sigma², Σ log F_t, observations used}; when
     * {@code state} is given (length r), it receives the filtered state after the last observation. Null if the
     * filter fails. As R's {@code arima}, an observation whose one-step variance F_t is {@value #UNUSED_GAIN}
     * times the innovations' or more updates the state but is left out of the likelihood (there for the diffuse
     * states of the differences; here, as there, the first observations of a nearly non-stationary AR part), and
     * sigma² is the mean of the others' squared standardised residuals.
     */
    double[] exact(double[] w, double[] u, double[] state) {
        double[] c = coefficients(u);
        double[] phi = ar(c);
        double[] theta = ma(c);
        double mu = mean(c);
        int r = Math.max(phi.length, theta.length + 1);
        double[] ph = new double[r];
        System.arraycopy(phi, 0, ph, 0, phi.length);
        // a seasonal model's AR polynomial is mostly zeros: T times a vector visits only its other lags
        int[] lags = ArmaPolynomials.nonZero(ph);
        // the state's stationary covariance P_0; only its first column is needed
        double[] pc = ArmaPolynomials.stationaryFirstRow(phi, theta, r);
        if (pc == null) {
            return null;
        }
        // Chandrasekhar recursions (Morf, Sidhu and Kailath 1974): from the stationary start, each step's change of
        // the predicted covariance, P_{t+1} − P_t, has rank one, m g g', and the filter needs P's first column only,
        // so a step costs O(r) where the Riccati update of the whole P costs O(r²). The first change is
        // −K K' / F with the gain K = T P_0 e1; then g_{t+1} = T (g_t − P_{t+1} e1 · g_t[0] / F_{t+1}) and
        // m_{t+1} = m_t F_{t+1} / F_t.
        double[] g = new double[r];
        double[] scratch = new double[r];
        shift(pc, ph, lags, g);
        double f = pc[0];
        double m = -1 / f;
        double[] a = new double[r];
        double ssq = 0;
        double sumLogF = 0;
        int used = 0;
        int n = w.length;
        // once no entry of P moves by more than 1e-9 F in a step, the filter is in its steady state (the Riccati
        // recursion at its fixed point): P is no longer updated
        boolean steady = false;
        for (int t = 0; t < n; t++) {
            // update with observation t (the state is predicted for t)
            if (!steady) {
                f = pc[0];
                if (!(f > 0) || !Double.isFinite(f)) {
                    return null;
                }
            }
            double v = w[t] - mu - a[0];
            for (int i = 0; i < r; i++) {
                a[i] += pc[i] * v / f;
            }
            if (f < UNUSED_GAIN) {
                ssq += v * v / f;
                sumLogF += Math.log(f);
                used++;
            }
            if (t == n - 1) {
                break;
            }
            // predict the state: a = T a
            shift(a, ph, lags, a);
            if (!steady) {
                steady = !predictCovariance(pc, g, m, ph, lags, f, scratch);
                m *= pc[0] / f;
            }
        }
        if (state != null) {
            System.arraycopy(a, 0, state, 0, r);
        }
        if (used == 0) {
            return null;
        }
        double s2 = ssq / used;
        if (!(s2 > 0) || !Double.isFinite(s2)) {
            return s2 == 0 ? new double[]{1e-300, sumLogF, used} : null;
        }
        return new double[]{s2, sumLogF, used};
    }

    /**
     * One step of the Chandrasekhar recursions, in place: P's first column {@code pc} moves by its rank-one change
     * {@code m g g'} (its first entry becomes F_{t+1}) and {@code g} becomes the next change's direction; whether an
     * entry of P moved by more than 1e-9 {@code f} (once none does, the filter is in its steady state; a NaN moves).
     */
    private static boolean predictCovariance(double[] pc, double[] g, double m, double[] ph, int[] lags, double f,
                                             double[] scratch) {
        int r = pc.length;
        double g0 = g[0];
        double largest = 0;
        for (int i = 0; i < r; i++) {
            pc[i] += m * g0 * g[i];
            largest = Math.max(largest, g[i] * g[i]);
        }
        // g − P_{t+1} e1 · g[0] / F_{t+1}, then T times it
        double ratio = g0 / pc[0];
        for (int i = 0; i < r; i++) {
            scratch[i] = g[i] - pc[i] * ratio;
        }
        shift(scratch, ph, lags, g);
        return !(Math.abs(m) * largest <= 1e-9 * f);
    }

    /**
     * {@code out = T x} for the companion T with {@code ph} in its first column, whose entries are zero but at
     * {@code lags}; {@code out} may be {@code x}. The same values as the dense product: ph_i x_0 + x_{i+1}, with
     * the products of the zero entries left out.
     */
    static void shift(double[] x, double[] ph, int[] lags, double[] out) {
        int r = x.length;
        double x0 = x[0];
        System.arraycopy(x, 1, out, 0, r - 1);
        out[r - 1] = 0;
        for (int i : lags) {
            out[i] += ph[i] * x0;
        }
    }

    /**
     * Whether the expanded AR and MA polynomials of the coefficients have every root outside 1.01, as R's
     * {@code auto.arima} checks a candidate. An expanded polynomial is the product of its non-seasonal and seasonal
     * parts, so its roots are theirs: those of the part in z and the m-th roots of those of the part in z^m. The
     * parts are checked (companion matrices of at most 5 and 2 rows where a weekly model's expanded polynomial has up
     * to 110); the expanded polynomial itself only when its last coefficient is below R's 1e-8 and R checks the
     * polynomial without it.
     */
    boolean rootsOkOfCoefficients(double[] c) {
        return rootsOk(c, 0, p, p + q, bp, ar(c), -1) && rootsOk(c, p, q, p + q + bp, bq, ma(c), 1);
    }

    private boolean rootsOk(double[] c, int from, int order, int seasonalFrom, int seasonalOrder, double[] expanded,
                            int sign) {
        if (expanded.length == 0) {
            return true;
        }
        if (seasonalOrder == 0 || Math.abs(expanded[expanded.length - 1]) < 1e-8) {
            return ArmaPolynomials.rootsOutside(expanded, sign);
        }
        return ArmaPolynomials.rootsOutside(java.util.Arrays.copyOfRange(c, from, from + order), sign, 1)
                && ArmaPolynomials.rootsOutside(
                        java.util.Arrays.copyOfRange(c, seasonalFrom, seasonalFrom + seasonalOrder), sign, m);
    }

    /**
     * Whether the non-seasonal and the seasonal AR polynomials of the coefficients each have every root strictly
     * outside the unit circle (R's {@code arCheck}).
     */
    boolean stationaryAr(double[] c) {
        return ArmaPolynomials.stationary(java.util.Arrays.copyOfRange(c, 0, p))
                && ArmaPolynomials.stationary(java.util.Arrays.copyOfRange(c, p + q, p + q + bp));
    }

    /** The coefficients with each MA part's roots inside the unit circle reflected outside ({@link ArmaPolynomials#maInvert}). */
    double[] maInverted(double[] c) {
        double[] out = c.clone();
        System.arraycopy(ArmaPolynomials.maInvert(java.util.Arrays.copyOfRange(c, p, p + q)), 0, out, p, q);
        System.arraycopy(ArmaPolynomials.maInvert(java.util.Arrays.copyOfRange(c, p + q + bp, p + q + bp + bq)), 0, out,
                p + q + bp, bq);
        return out;
    }

    /** Optimiser coordinates of the coefficients: the AR parts as atanh of their partial autocorrelations. */
    double[] coordinates(double[] c) {
        double[] u = c.clone();
        ArmaPolynomials.arToPacf(c, 0, p, u);
        ArmaPolynomials.arToPacf(c, p + q, bp, u);
        return u;
    }
}
