package dev.recur.engine.forecast;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Automatic seasonal ARIMA, selected per series as Hyndman &amp; Khandakar (2008) describe it and R's
 * {@code forecast::auto.arima} does it: the seasonal difference D from the seasonal strength of the
 * series, the difference d by repeated KPSS tests (5%), then a stepwise search over (p,q)(P,Q) and the
 * constant that minimises the AICc (not bounded by p + q + P + Q, as R's stepwise search is not). Each candidate
 * is fitted by conditional sum of squares over its coefficients, then by exact Gaussian maximum likelihood (a
 * Kalman filter over the state-space form, started from the stationary covariance), both minimised as R minimises
 * them: by BFGS with numerical gradients and R's tolerances ({@link QuasiNewton}), on R's objective values and
 * with R's scale for the mean; the likelihood leaves out, as R's, observations whose one-step variance is 10⁴
 * times the innovations' or more (the first of a nearly non-stationary AR part). Between the two, as R's
 * {@code arima}: a conditional fit stopped by the gradient limit leaves the exact fit to begin where it began, a
 * conditional fit with a non-stationary AR part rejects the model, and MA roots inside the unit
 * circle are reflected outside ({@link #maInvert}), there and after the exact fit. The search uses the conditional fit alone for long series ({@code n > 150}) or long
 * seasons ({@code m > 12}), and refits the winner exactly, as R does, up to a season of
 * {@value #MAX_EXACT_PERIOD}. Models whose AR or MA roots come within 1.01 of the unit circle are rejected. A
 * series longer than 1,000 values is fitted on its last 1,000, where the oldest values carry next to no weight
 * and would make each likelihood evaluation slow.
 */
public final class Arima extends Baselines.Local {

    /** The kernels of the Kalman filter's covariance update (bit-identical in both implementations). */
    private static final dev.recur.engine.kernel.Kernels KERNELS = dev.recur.engine.kernel.Kernels.get();
    /** Largest p and q. */
    static final int MAX_P = 5;
    /** Largest P and Q. */
    static final int MAX_SEASONAL = 2;
    /**
     * Longest series selected by AIC instead of AICc. R's {@code auto.arima} switches at 3 values, where AICc's
     * correction divides by zero for a mean and a variance; at 4 its correction charges a mean 12 against 2 for none,
     * more than the mean's likelihood gains on most positive series, so it chooses a zero mean and forecasts 0 (R does
     * too). On ten panels cut to their last 4 values that made ARIMA the worst method on every one (tourism
     * quarterly sMAPE 98.9 against the mean's 26.9); by AIC it forecasts about the mean (26.8), and the combination
     * gained on 9 of 11 panels, lost on one (docs/accuracy-log.md, "Series of 3 to 12 values").
     */
    static final int SHORT_AIC = 4;
    /** Most models the stepwise search fits. */
    static final int MAX_MODELS = 94;
    /**
     * Longest seasonal period whose winner is refitted by exact likelihood. The Kalman filter's state has at least
     * m + 1 values and costs O(state²) a step, so a weekly model (m = 52) took seconds per fit and a panel of
     * long weekly series hours; beyond this period the conditional-sum-of-squares fit of the search is kept (R's
     * {@code method = "CSS"}).
     */
    static final int MAX_EXACT_PERIOD = 24;

    /**
     * An ARIMA(p,d,q)(P,D,Q)m model fitted to a series.
     *
     * @param p        non-seasonal AR order
     * @param d        non-seasonal differences
     * @param q        non-seasonal MA order
     * @param bigP     seasonal AR order
     * @param bigD     seasonal differences
     * @param bigQ     seasonal MA order
     * @param period   seasonal period m (1 for none)
     * @param constant whether the differenced series has a non-zero mean (a mean, or a drift when d + D = 1)
     * @param coef     phi (p), theta (q), Phi (P), Theta (Q), then the mean of the differenced series
     * @param sigma2   innovation variance
     * @param aicc     corrected Akaike information criterion (exact likelihood); for a series of at most
     *                 {@value #SHORT_AIC} values the uncorrected AIC, by which it was chosen there
     */
    public record Fit(int p, int d, int q, int bigP, int bigD, int bigQ, int period, boolean constant, double[] coef,
                      double sigma2, double aicc) {
        /**
         * The model in R's notation, e.g. {@code ARIMA(0,1,1)(0,1,1)[12]}; an undifferenced one " with non-zero mean"
         * or " with zero mean", a once differenced one with a constant " with drift".
         */
        public String label() {
            String s = String.format(Locale.ROOT, "ARIMA(%d,%d,%d)", p, d, q);
            if (period > 1 && bigP + bigD + bigQ > 0) {
                s += String.format(Locale.ROOT, "(%d,%d,%d)[%d]", bigP, bigD, bigQ, period);
            }
            if (constant) {
                s += d + bigD == 0 ? " with non-zero mean" : " with drift";
            } else if (d + bigD == 0) {
                s += " with zero mean";
            }
            return s;
        }
    }

    /** Creates the method. */
    public Arima() {
        super("arima");
    }

    @Override
    public int minimumLength(int horizon, int season) {
        return 3;
    }

    @Override
    double[] one(double[] y, int horizon, int season) {
        double[] recent = RecentHistory.of(y);
        return forecast(recent, select(recent, season), horizon);
    }

    // ---------------------------------------------------------------- selection

    /** Chooses and fits a model to {@code y} with seasonal period {@code m}. */
    public static Fit select(double[] y, int m) {
        int n = y.length;
        if (m < 1) {
            m = 1;
        }
        if (isConstant(y)) {
            return new Fit(0, 0, 0, 0, 0, 0, m, true, new double[]{y[0]}, 0, Double.NEGATIVE_INFINITY);
        }
        int bigD = m > 1 && n > 2 * m ? seasonalDifferences(y, m) : 0;
        double[] x = bigD == 1 ? diff(y, m) : y;
        int d = differences(x);
        if (bigD + d > 0 && isConstant(diffAll(y, d, bigD, m))) {
            // a perfectly regular series: differencing leaves a constant
            double[] w = diffAll(y, d, bigD, m);
            boolean drift = w[0] != 0 && d + bigD == 1;
            return new Fit(0, d, 0, 0, bigD, 0, m, drift, new double[]{drift ? w[0] : 0}, 0, Double.NEGATIVE_INFINITY);
        }
        int used = n - d - bigD * m;
        if (used < 2) {
            // too short for anything but a random walk (or white noise around the mean)
            return fixedFallback(y, m);
        }
        int maxP = Math.min(MAX_P, n / 3);
        int maxQ = maxP;
        int maxBigP = m > 1 ? Math.min(MAX_SEASONAL, n / 3 / m) : 0;
        int maxBigQ = maxBigP;
        if (m > 1 && maxBigP > 0) {
            maxP = Math.min(maxP, m - 1);
            maxQ = Math.min(maxQ, m - 1);
        }
        boolean approximate = n > 150 || m > 12;
        boolean allowConstant = d + bigD <= 1;
        double[] w = diffAll(y, d, bigD, m);

        Search search = new Search(w, d, bigD, m, approximate, n);
        // the search's position (p, q, P, Q, constant) moves with each improvement; like R's stepwise search, the
        // constant stays where it was when the model without it wins the start
        int p = Math.min(n < 10 ? 1 : 2, maxP);
        int q = Math.min(n < 10 ? 1 : 2, maxQ);
        int bp = Math.min(n < 10 ? 0 : 1, maxBigP);
        int bq = Math.min(n < 10 ? 0 : 1, maxBigQ);
        boolean c = allowConstant;
        search.tryModel(p, q, bp, bq, c);
        if (search.tryModel(0, 0, 0, 0, c)) {
            p = q = bp = bq = 0;
        }
        if (maxP > 0 || maxBigP > 0) {
            int p1 = maxP > 0 ? 1 : 0;
            int bp1 = maxBigP > 0 ? 1 : 0;
            if (search.tryModel(p1, 0, bp1, 0, c)) {
                p = p1;
                bp = bp1;
                q = bq = 0;
            }
        }
        if (maxQ > 0 || maxBigQ > 0) {
            int q1 = maxQ > 0 ? 1 : 0;
            int bq1 = maxBigQ > 0 ? 1 : 0;
            if (search.tryModel(0, q1, 0, bq1, c)) {
                q = q1;
                bq = bq1;
                p = bp = 0;
            }
        }
        if (c && search.tryModel(0, 0, 0, 0, false)) {
            p = q = bp = bq = 0;
        }
        int[][] moves = {
            {0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0, 0, -1, -1}, {0, 0, -1, 1},
            {0, 0, 1, -1}, {0, 0, 1, 1},
            {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {-1, -1, 0, 0}, {-1, 1, 0, 0},
            {1, -1, 0, 0}, {1, 1, 0, 0}};
        boolean improved = true;
        while (improved && search.tried < MAX_MODELS) {
            improved = false;
            for (int[] mv : moves) {
                int np = p + mv[0];
                int nq = q + mv[1];
                int nbp = bp + mv[2];
                int nbq = bq + mv[3];
                // R's max.order (p + q + P + Q at most 5) bounds only its exhaustive search, not the stepwise one
                if (np < 0 || nq < 0 || nbp < 0 || nbq < 0 || np > maxP || nq > maxQ || nbp > maxBigP
                        || nbq > maxBigQ) {
                    continue;
                }
                if (search.tryModel(np, nq, nbp, nbq, c)) {
                    p = np;
                    q = nq;
                    bp = nbp;
                    bq = nbq;
                    improved = true;
                    break;
                }
            }
            if (!improved && allowConstant && search.tryModel(p, q, bp, bq, !c)) {
                c = !c;
                improved = true;
            }
        }
        Fit best = search.best;
        if (best == null) {
            return fixedFallback(y, m);
        }
        if (approximate && m <= MAX_EXACT_PERIOD) {
            Fit exact = fit(w, best.p(), d, best.q(), best.bigP(), bigD, best.bigQ(), m, best.constant(), false, n);
            if (exact != null) {
                best = exact;
            } else {
                // the exact fit failed: try the others in order of their approximate AICc
                List<Fit> ordered = new ArrayList<>(search.fitted);
                ordered.sort((a, bb) -> Double.compare(a.aicc(), bb.aicc()));
                for (Fit f : ordered) {
                    exact = fit(w, f.p(), d, f.q(), f.bigP(), bigD, f.bigQ(), m, f.constant(), false, n);
                    if (exact != null) {
                        best = exact;
                        break;
                    }
                }
            }
        }
        return best;
    }

    private static Fit fixedFallback(double[] y, int m) {
        int n = y.length;
        if (n >= 2) {
            return new Fit(0, 1, 0, 0, 0, 0, m, false, new double[]{0}, 0, Double.NaN);
        }
        return new Fit(0, 0, 0, 0, 0, 0, m, true, new double[]{y[0]}, 0, Double.NaN);
    }

    /** The models fitted so far and the best of them. */
    private static final class Search {
        final double[] w;
        final int d;
        final int bigD;
        final int m;
        final boolean approximate;
        final int n;
        final Set<String> seen = new HashSet<>();
        final List<Fit> fitted = new ArrayList<>();
        int tried;
        Fit best;

        Search(double[] w, int d, int bigD, int m, boolean approximate, int n) {
            this.w = w;
            this.d = d;
            this.bigD = bigD;
            this.m = m;
            this.approximate = approximate;
            this.n = n;
        }

        /** Fits a model unless it was fitted before; true when it is the new best. */
        boolean tryModel(int p, int q, int bp, int bq, boolean c) {
            String key = p + "," + q + "," + bp + "," + bq + "," + c;
            if (!seen.add(key)) {
                return false;
            }
            tried++;
            Fit f = fit(w, p, d, q, bp, bigD, bq, m, c, approximate, n);
            if (f == null) {
                return false;
            }
            fitted.add(f);
            if (best == null || f.aicc() < best.aicc()) {
                best = f;
                return true;
            }
            return false;
        }
    }

    // ---------------------------------------------------------------- differencing and tests

    static boolean isConstant(double[] y) {
        for (double v : y) {
            if (v != y[0]) {
                return false;
            }
        }
        return true;
    }

    /** {@code y_t - y_{t-lag}}. */
    static double[] diff(double[] y, int lag) {
        double[] out = new double[Math.max(0, y.length - lag)];
        for (int i = 0; i < out.length; i++) {
            out[i] = y[i + lag] - y[i];
        }
        return out;
    }

    static double[] diffAll(double[] y, int d, int bigD, int m) {
        double[] x = y;
        for (int i = 0; i < bigD; i++) {
            x = diff(x, m);
        }
        for (int i = 0; i < d; i++) {
            x = diff(x, 1);
        }
        return x;
    }

    /**
     * The KPSS statistic for level stationarity (Kwiatkowski et al. 1992) with the Newey-West long-run
     * variance over {@code trunc(3·√n / 13)} lags, as R's {@code ndiffs} runs {@code urca::ur.kpss(type = "mu")}.
     */
    static double kpss(double[] x) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = x[i] - mean;
        }
        double s = 0;
        double eta = 0;
        for (int i = 0; i < n; i++) {
            s += e[i];
            eta += s * s;
        }
        eta /= (double) n * n;
        int lags = (int) Math.floor(3 * Math.sqrt(n) / 13);
        double s2 = 0;
        for (double v : e) {
            s2 += v * v;
        }
        double lrv = s2 / n;
        for (int k = 1; k <= lags && k < n; k++) {
            double acc = 0;
            for (int t = k; t < n; t++) {
                acc += e[t] * e[t - k];
            }
            lrv += 2.0 * (1 - k / (lags + 1.0)) * acc / n;
        }
        return lrv <= 0 ? 0 : eta / lrv;
    }

    /** KPSS 5% critical value for the level-stationary case. */
    static final double KPSS_CRITICAL_5 = 0.463;

    /** Non-seasonal differences (0 to 2) by repeated KPSS tests at 5%. */
    static int differences(double[] x) {
        int d = 0;
        double[] cur = x;
        while (d < 2) {
            if (cur.length < 3 || isConstant(cur)) {
                return d;
            }
            if (kpss(cur) <= KPSS_CRITICAL_5) {
                return d;
            }
            d++;
            cur = diff(cur, 1);
        }
        if (isConstant(cur) || cur.length < 3) {
            return d;
        }
        return d;
    }

    /**
     * Seasonal differences (0 or 1): 1 when the seasonal strength of the STL decomposition exceeds 0.64, as R's
     * {@code nsdiffs(test = "seas")} decides; series of at most two seasons are not differenced.
     */
    static int seasonalDifferences(double[] y, int m) {
        if (m <= 1 || y.length <= 2 * m || isConstant(y)) {
            return 0;
        }
        return Stl.seasonalStrength(y, m) > 0.64 ? 1 : 0;
    }

    // ---------------------------------------------------------------- estimation

    /**
     * Fits ARMA(p,q)(P,Q)m, with a mean when {@code constant}, to the differenced series {@code w}: conditional
     * sum of squares, then (unless {@code cssOnly}) exact maximum likelihood from there. Null when the fit fails,
     * when the conditional fit's AR part is not stationary before an exact fit, or when a root is too close to the
     * unit circle.
     */
    static Fit fit(double[] w, int p, int d, int q, int bp, int bigD, int bq, int m, boolean constant, boolean cssOnly,
                   int n) {
        int k = p + q + bp + bq + (constant ? 1 : 0);
        int nu = w.length;
        // AICc needs nu > k + 2; AIC, the criterion of the shortest series, nu > k (as R fits them)
        if ((n <= SHORT_AIC ? nu - k <= 0 : nu - k - 2 <= 0) || nu < 1) {
            return null;
        }
        double wMean = 0;
        for (double v : w) {
            wMean += v;
        }
        wMean /= nu;
        double sd = 0;
        for (double v : w) {
            sd += (v - wMean) * (v - wMean);
        }
        sd = Math.sqrt(sd / nu);
        double scale = sd > 0 ? sd : Math.max(1e-8, Math.abs(wMean));
        Model model = new Model(p, q, bp, bq, m, constant);
        double[] start = new double[k];
        if (constant) {
            start[k - 1] = wMean / scale;
        }
        double[] ws = new double[nu];
        for (int i = 0; i < nu; i++) {
            ws[i] = w[i] / scale;
        }
        // the objectives are those of the scaled series; R's are of w itself, log(scale) more. The optimiser's
        // stopping rule is relative to the objective's size, so the searches minimise R's values, to stop where R does
        double offset = Math.log(scale);
        // and, as R's optim(parscale) does, the mean is searched in units of 10 standard errors of the sample mean
        double meanUnit = constant ? meanUnit(sd, nu, scale) : 1;
        // conditional sum of squares over the coefficients themselves, the AR parts unconstrained, as R's arima
        double[] cssCoef;
        if (k == 0) {
            cssCoef = start;
        } else {
            QuasiNewton.Result css = minimise(c -> model.cssOfCoefficients(ws, c) + offset, start, meanUnit);
            if (css == null) {
                return null;
            }
            // as R's arima (method "CSS-ML"): a conditional fit stopped by the gradient limit leaves the exact fit to
            // start where the conditional one did; the approximation (method "CSS") keeps it all the same
            cssCoef = css.converged() || cssOnly ? css.point() : start;
        }
        double m2ll;
        double sigma2;
        double[] coef;
        if (cssOnly) {
            double[] r = model.cssFullOfCoefficients(ws, cssCoef);
            if (r == null) {
                return null;
            }
            sigma2 = r[0];
            // as R's approximation: every model's criterion over the same count of observations
            m2ll = nu * (Math.log(2 * Math.PI * sigma2) + 1);
            coef = cssCoef.clone();
        } else {
            // as R's arima (method "CSS-ML"): a non-stationary AR part from CSS rejects the model, and MA parts with
            // a root inside the unit circle have it reflected outside, the same likelihood, before the exact fit
            if (!model.stationaryAr(cssCoef)) {
                return null;
            }
            double[] cssPoint = model.coordinates(model.maInverted(cssCoef));
            double[] point = cssPoint;
            if (k > 0) {
                QuasiNewton.Result ml = minimise(u -> model.exactObjective(ws, u) + offset, cssPoint, meanUnit);
                if (ml != null && model.exactObjective(ws, ml.point()) <= model.exactObjective(ws, cssPoint)) {
                    point = ml.point();
                }
            }
            // and, as R's arima does after the fit, the MA roots reflected outside again (the same likelihood)
            point = model.coordinates(model.maInverted(model.coefficients(point)));
            double[] r = model.exact(ws, point, null);
            if (r == null) {
                return null;
            }
            m2ll = Model.minusTwoLogLikelihood(r, nu);
            // as R's arima: the squared standardised residuals' sum over all the observations
            sigma2 = r[0] * r[2] / nu;
            coef = model.coefficients(point);
        }
        if (!Double.isFinite(m2ll)) {
            return null;
        }
        if (!model.rootsOkOfCoefficients(coef)) {
            return null;
        }
        if (constant) {
            coef[k - 1] *= scale;
        }
        // back to the original scale: the likelihood of w = scale·ws
        m2ll += 2 * nu * Math.log(scale);
        sigma2 *= scale * scale;
        int npar = k + 1;
        double aic = m2ll + 2 * npar;
        double aicc = n <= SHORT_AIC ? aic
                : nu - npar - 1 > 0 ? aic + 2.0 * npar * (npar + 1) / (nu - npar - 1) : Double.POSITIVE_INFINITY;
        double[] full = new double[p + q + bp + bq + 1];
        System.arraycopy(coef, 0, full, 0, p + q + bp + bq);
        full[full.length - 1] = constant ? coef[k - 1] : 0;
        return new Fit(p, d, q, bp, bigD, bq, m, constant, full, sigma2, aicc);
    }

    /**
     * R's scale for a mean's coordinate ({@code parscale}: 10 standard errors of the mean of the {@code nu} differenced
     * values, population standard deviation {@code sd}) in units of the series' {@code scale}; 1 when it is not
     * positive.
     */
    static double meanUnit(double sd, int nu, double scale) {
        double unit = nu > 1 ? 10 * (sd * Math.sqrt(nu / (nu - 1.0)) / Math.sqrt(nu)) / scale : 1;
        return unit > 0 && Double.isFinite(unit) ? unit : 1;
    }

    /**
     * The minimum of {@code f} from {@code start} by BFGS with numerical gradients, as R's {@code arima} fits
     * ({@link QuasiNewton}, R's tolerances); null when {@code f} is not finite at {@code start}. The last coordinate
     * (a mean) is searched in units of {@code meanUnit}, as R's {@code optim} searches {@code par / parscale}; the
     * result's point is in {@code f}'s coordinates.
     */
    private static QuasiNewton.Result minimise(java.util.function.ToDoubleFunction<double[]> f, double[] start,
                                               double meanUnit) {
        if (meanUnit == 1) {
            return QuasiNewton.minimise(f, start);
        }
        int last = start.length - 1;
        double[] z0 = start.clone();
        z0[last] = start[last] / meanUnit;
        QuasiNewton.Result r = QuasiNewton.minimise(z -> {
            double[] u = z.clone();
            u[last] = z[last] * meanUnit;
            return f.applyAsDouble(u);
        }, z0);
        if (r == null) {
            return null;
        }
        double[] u = r.point().clone();
        u[last] = u[last] * meanUnit;
        return new QuasiNewton.Result(u, r.value(), r.evaluations(), r.gradients(), r.converged());
    }

    /** The parameterisation of one model: optimiser coordinates to coefficients and the expanded polynomials. */
    static final class Model {
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

        Model(int p, int q, int bp, int bq, int m, boolean constant) {
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
            System.arraycopy(pacfToAr(partials(u, 0, p)), 0, c, 0, p);
            System.arraycopy(pacfToAr(partials(u, p + q, bp)), 0, c, p + q, bp);
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
            int[] arLags = nonZero(phi);
            int[] maLags = nonZero(theta);
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
            double[] th = new double[r];
            th[0] = 1;
            System.arraycopy(theta, 0, th, 1, theta.length);
            double[][] pm = stationaryCovariance(phi, theta, r);
            if (pm == null) {
                return null;
            }
            double[] a = new double[r];
            double ssq = 0;
            double sumLogF = 0;
            int used = 0;
            int n = w.length;
            double[] pc = new double[r];
            // once the predicted covariance stops changing, the filter is in its steady state (the Riccati
            // recursion is at its fixed point): P is no longer updated, O(r) per step instead of O(r²)
            boolean steady = false;
            double f = pm[0][0];
            for (int t = 0; t < n; t++) {
                // update with observation t (the state is predicted for t)
                if (!steady) {
                    f = pm[0][0];
                    if (!(f > 0) || !Double.isFinite(f)) {
                        return null;
                    }
                    // P's first column; only its upper triangle is kept up to date
                    System.arraycopy(pm[0], 0, pc, 0, r);
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
                // predict t+1: a = T a with the companion T (phi in the first column)
                double a0 = a[0];
                for (int i = 0; i < r - 1; i++) {
                    a[i] = ph[i] * a0 + a[i + 1];
                }
                a[r - 1] = ph[r - 1] * a0;
                if (steady) {
                    continue;
                }
                // P = T (P − pc pc'/f) T' + R R'. The update leaves the first state (the observed one) exactly known,
                // so row and column 0 of P − pc pc'/f vanish and T(·)T' is a shift down and right by one:
                // P[i][j] = P[i+1][j+1] − pc[i+1] pc[j+1] / f + th_i th_j, in place in increasing order
                // steady once no entry moved by more than 1e-9 f (a NaN counts as moving); the last column, which has
                // no entry below and right of it, is peeled off so that the inner loop has no branch
                double tolerance = 1e-9 * f;
                boolean moving = false;
                for (int i = 0; i < r - 1; i++) {
                    double ci = pc[i + 1] / f;
                    double thi = th[i];
                    double[] row = pm[i];
                    double[] below = pm[i + 1];
                    moving |= KERNELS.kalmanCovarianceRow(thi, th, ci, pc, below, row, i, r - 1, tolerance);
                    double last = thi * th[r - 1];
                    moving |= !(Math.abs(last - row[r - 1]) <= tolerance);
                    row[r - 1] = last;
                }
                double corner = th[r - 1] * th[r - 1];
                moving |= !(Math.abs(corner - pm[r - 1][r - 1]) <= tolerance);
                pm[r - 1][r - 1] = corner;
                steady = !moving;
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

        /** The indices of the coefficients that are not zero, in increasing order. */
        private static int[] nonZero(double[] c) {
            int[] at = new int[c.length];
            int k = 0;
            for (int i = 0; i < c.length; i++) {
                if (c[i] != 0) {
                    at[k++] = i;
                }
            }
            return java.util.Arrays.copyOf(at, k);
        }

        /** Whether the expanded AR and MA polynomials of the coefficients have every root outside 1.01. */
        boolean rootsOkOfCoefficients(double[] c) {
            return rootsOutside(ar(c), -1) && rootsOutside(ma(c), 1);
        }

        /**
         * Whether the non-seasonal and the seasonal AR polynomials of the coefficients each have every root strictly
         * outside the unit circle (R's {@code arCheck}).
         */
        boolean stationaryAr(double[] c) {
            return stationary(java.util.Arrays.copyOfRange(c, 0, p))
                    && stationary(java.util.Arrays.copyOfRange(c, p + q, p + q + bp));
        }

        /** The coefficients with each MA part's roots inside the unit circle reflected outside ({@link #maInvert}). */
        double[] maInverted(double[] c) {
            double[] out = c.clone();
            System.arraycopy(maInvert(java.util.Arrays.copyOfRange(c, p, p + q)), 0, out, p, q);
            System.arraycopy(maInvert(java.util.Arrays.copyOfRange(c, p + q + bp, p + q + bp + bq)), 0, out,
                    p + q + bp, bq);
            return out;
        }

        /** Optimiser coordinates of the coefficients: the AR parts as atanh of their partial autocorrelations. */
        double[] coordinates(double[] c) {
            double[] u = c.clone();
            arToPacf(c, 0, p, u);
            arToPacf(c, p + q, bp, u);
            return u;
        }
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
     * The stationary covariance (unit innovation variance) of the Harvey state of an ARMA with these
     * coefficients: the first row from the autocovariances and the psi weights, the rest by the recursion
     * {@code P = T P T' + R R'} from the bottom right. Null when the AR part is not stationary.
     */
    static double[][] stationaryCovariance(double[] phi, double[] theta, int r) {
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
        double[][] pm = new double[r][r];
        for (int k = 0; k < r; k++) {
            double v = 0;
            for (int j = k; j < r; j++) {
                v += ph[j] * gamma[j - k + 1] + th[j] * psi[j - k];
            }
            pm[0][k] = v;
            pm[k][0] = v;
        }
        // the rest from P = T P T' + R R', i.e. P[i][j] = ph_i ph_j P00 + ph_i P[0][j+1] + ph_j P[i+1][0] + P[i+1][j+1]
        // + th_i th_j, filled from the bottom right
        for (int i = r - 1; i >= 1; i--) {
            for (int j = r - 1; j >= i; j--) {
                double v = ph[i] * ph[j] * pm[0][0] + th[i] * th[j];
                v += ph[i] * (j + 1 < r ? pm[0][j + 1] : 0);
                v += ph[j] * (i + 1 < r ? pm[i + 1][0] : 0);
                v += (i + 1 < r && j + 1 < r) ? pm[i + 1][j + 1] : 0;
                pm[i][j] = v;
                pm[j][i] = v;
            }
        }
        return pm;
    }

    // ---------------------------------------------------------------- forecasting

    /** Forecasts {@code horizon} steps of {@code y} from a model selected on it. */
    public static double[] forecast(double[] y, Fit fit, int horizon) {
        int m = fit.period();
        double[] w = diffAll(y, fit.d(), fit.bigD(), m);
        double[] wf = new double[horizon];
        int k = fit.p() + fit.q() + fit.bigP() + fit.bigQ();
        double mu = fit.constant() ? fit.coef()[fit.coef().length - 1] : 0;
        if (k == 0 || w.length == 0) {
            java.util.Arrays.fill(wf, mu);
        } else {
            Model model = new Model(fit.p(), fit.q(), fit.bigP(), fit.bigQ(), m, fit.constant());
            double[] c = fit.coef().clone();
            double[] phi = model.ar(c);
            double[] theta = model.ma(c);
            int r = Math.max(phi.length, theta.length + 1);
            // the model's coordinates: its coefficients, with the mean only when it has one
            double[] u = model.coordinates(fit.constant() ? c : java.util.Arrays.copyOf(c, k));
            double[] state = new double[r];
            double[] ws = new double[w.length];
            for (int i = 0; i < w.length; i++) {
                ws[i] = w[i] - mu;
            }
            double[] uu = u.clone();
            if (fit.constant()) {
                uu[uu.length - 1] = 0;
            }
            if (model.exact(ws, uu, state) == null) {
                java.util.Arrays.fill(wf, mu);
            } else {
                double[] ph = new double[r];
                System.arraycopy(phi, 0, ph, 0, phi.length);
                // the filtered state predicts the next value: a_{t+1} = T a_t
                for (int h = 0; h < horizon; h++) {
                    double a0 = state[0];
                    for (int i = 0; i < r - 1; i++) {
                        state[i] = ph[i] * a0 + state[i + 1];
                    }
                    state[r - 1] = ph[r - 1] * a0;
                    wf[h] = state[0] + mu;
                }
            }
        }
        return integrate(y, wf, fit.d(), fit.bigD(), m);
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

    /** Undoes the differencing: forecasts of {@code y} from forecasts of its differenced series. */
    static double[] integrate(double[] y, double[] wf, int d, int bigD, int m) {
        // differencing polynomial (1 - B)^d (1 - B^m)^D = 1 + Σ delta_k B^k
        double[] poly = {1};
        for (int i = 0; i < d; i++) {
            poly = multiply(poly, 1);
        }
        for (int i = 0; i < bigD; i++) {
            poly = multiply(poly, m);
        }
        int n = y.length;
        int h = wf.length;
        double[] ext = new double[n + h];
        System.arraycopy(y, 0, ext, 0, n);
        for (int t = n; t < n + h; t++) {
            double v = wf[t - n];
            for (int k = 1; k < poly.length; k++) {
                v -= poly[k] * ext[t - k];
            }
            ext[t] = v;
        }
        return java.util.Arrays.copyOfRange(ext, n, n + h);
    }

    private static double[] multiply(double[] poly, int lag) {
        double[] out = new double[poly.length + lag];
        for (int i = 0; i < poly.length; i++) {
            out[i] += poly[i];
            out[i + lag] -= poly[i];
        }
        return out;
    }
}
