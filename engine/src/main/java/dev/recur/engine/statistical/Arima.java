package dev.recur.engine.statistical;

import dev.recur.engine.numeric.QuasiNewton;
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
 * Kalman filter over the state-space form, started from the stationary covariance and run by the Chandrasekhar
 * recursions), both minimised as R minimises
 * them: by BFGS with numerical gradients and R's tolerances ({@link QuasiNewton}), on R's objective values and
 * with R's scale for the mean; the likelihood leaves out, as R's, observations whose one-step variance is 10⁴
 * times the innovations' or more (the first of a nearly non-stationary AR part). Between the two, as R's
 * {@code arima}: a conditional fit stopped by the gradient limit leaves the exact fit to begin where it began, a
 * conditional fit with a non-stationary AR part rejects the model, and MA roots inside the unit
 * circle are reflected outside ({@link ArmaPolynomials#maInvert}), there and after the exact fit. The search uses the conditional fit alone for long series ({@code n > 150}) or long
 * seasons ({@code m > 12}), and refits the winner exactly, as R does, up to a season of
 * {@value #MAX_EXACT_PERIOD}. Models whose AR or MA roots come within 1.01 of the unit circle are rejected. A
 * series longer than 1,000 values is fitted on its last 1,000, where the oldest values carry next to no weight
 * and would make each likelihood evaluation slow.
 */
public final class Arima extends Baselines.Local {

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
     * Longest seasonal period whose winner is refitted by exact likelihood: weekly data (m = 52). The Kalman
     * filter's state has at least m + 1 values; its Chandrasekhar recursions cost O(state) a step, but the stationary
     * start solves for the autocovariances of an AR part of order up to 2m + 5, so beyond this period (an hourly
     * series' week, m = 168) the conditional-sum-of-squares fit of the search is kept (R's {@code method = "CSS"}).
     */
    static final int MAX_EXACT_PERIOD = 52;

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
        if (ArimaDifferencing.isConstant(y)) {
            return new Fit(0, 0, 0, 0, 0, 0, m, true, new double[]{y[0]}, 0, Double.NEGATIVE_INFINITY);
        }
        int bigD = m > 1 && n > 2 * m ? ArimaDifferencing.seasonalDifferences(y, m) : 0;
        double[] x = bigD == 1 ? ArimaDifferencing.diff(y, m) : y;
        int d = ArimaDifferencing.differences(x);
        if (bigD + d > 0 && ArimaDifferencing.isConstant(ArimaDifferencing.diffAll(y, d, bigD, m))) {
            // a perfectly regular series: differencing leaves a constant
            double[] w = ArimaDifferencing.diffAll(y, d, bigD, m);
            boolean drift = w[0] != 0 && d + bigD == 1;
            return new Fit(0, d, 0, 0, bigD, 0, m, drift, new double[]{drift ? w[0] : 0}, 0, Double.NEGATIVE_INFINITY);
        }
        int used = n - d - bigD * m;
        if (used < 2) {
            // too short for anything but a random walk (or white noise around the mean)
            return fixedFallback(y, m);
        }
        Search search = new Search(ArimaDifferencing.diffAll(y, d, bigD, m), d, bigD, m, n);
        search.start();
        search.stepwise();
        if (search.best == null) {
            return fixedFallback(y, m);
        }
        return search.approximate && m <= MAX_EXACT_PERIOD ? search.exactBest() : search.best;
    }

    private static Fit fixedFallback(double[] y, int m) {
        int n = y.length;
        if (n >= 2) {
            return new Fit(0, 1, 0, 0, 0, 0, m, false, new double[]{0}, 0, Double.NaN);
        }
        return new Fit(0, 0, 0, 0, 0, 0, m, true, new double[]{y[0]}, 0, Double.NaN);
    }

    /**
     * The stepwise search of Hyndman and Khandakar (R's {@code auto.arima(stepwise = TRUE)}) over the orders of an ARMA
     * model of the differenced series {@code w}: the models fitted so far, the best of them, and the search's position
     * (p, q, P, Q, constant), which moves with each improvement.
     */
    private static final class Search {
        /** The neighbours of a position tried in turn, seasonal orders first: (Δp, Δq, ΔP, ΔQ). */
        private static final int[][] MOVES = {
            {0, 0, -1, 0}, {0, 0, 0, -1}, {0, 0, 1, 0}, {0, 0, 0, 1}, {0, 0, -1, -1}, {0, 0, -1, 1},
            {0, 0, 1, -1}, {0, 0, 1, 1},
            {-1, 0, 0, 0}, {0, -1, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0}, {-1, -1, 0, 0}, {-1, 1, 0, 0},
            {1, -1, 0, 0}, {1, 1, 0, 0}};

        final double[] w;
        final int d;
        final int bigD;
        final int m;
        /** Whether models are compared by their conditional-sum-of-squares fits, as R does on long series. */
        final boolean approximate;
        final int n;
        final int maxP;
        final int maxQ;
        final int maxBigP;
        final int maxBigQ;
        final boolean allowConstant;
        final Set<String> seen = new HashSet<>();
        final List<Fit> fitted = new ArrayList<>();
        int tried;
        Fit best;
        int p;
        int q;
        int bp;
        int bq;
        boolean c;

        Search(double[] w, int d, int bigD, int m, int n) {
            this.w = w;
            this.d = d;
            this.bigD = bigD;
            this.m = m;
            this.n = n;
            this.approximate = n > 150 || m > 12;
            this.allowConstant = d + bigD <= 1;
            int most = Math.min(MAX_P, n / 3);
            int seasonal = m > 1 ? Math.min(MAX_SEASONAL, n / 3 / m) : 0;
            if (m > 1 && seasonal > 0) {
                most = Math.min(most, m - 1);
            }
            this.maxP = most;
            this.maxQ = most;
            this.maxBigP = seasonal;
            this.maxBigQ = seasonal;
        }

        /**
         * R's starting models: (2, 2)(1, 1) (smaller for fewer than 10 values), the mean alone, (1, 0)(1, 0) and
         * (0, 1)(0, 1) within the bounds, then without the constant; like R's stepwise search, the constant stays
         * where it was when the model without it wins the start.
         */
        void start() {
            p = Math.min(n < 10 ? 1 : 2, maxP);
            q = Math.min(n < 10 ? 1 : 2, maxQ);
            bp = Math.min(n < 10 ? 0 : 1, maxBigP);
            bq = Math.min(n < 10 ? 0 : 1, maxBigQ);
            c = allowConstant;
            tryModel(p, q, bp, bq, c);
            if (tryModel(0, 0, 0, 0, c)) {
                p = q = bp = bq = 0;
            }
            if (maxP > 0 || maxBigP > 0) {
                int p1 = maxP > 0 ? 1 : 0;
                int bp1 = maxBigP > 0 ? 1 : 0;
                if (tryModel(p1, 0, bp1, 0, c)) {
                    p = p1;
                    bp = bp1;
                    q = bq = 0;
                }
            }
            if (maxQ > 0 || maxBigQ > 0) {
                int q1 = maxQ > 0 ? 1 : 0;
                int bq1 = maxBigQ > 0 ? 1 : 0;
                if (tryModel(0, q1, 0, bq1, c)) {
                    q = q1;
                    bq = bq1;
                    p = bp = 0;
                }
            }
            if (c && tryModel(0, 0, 0, 0, false)) {
                p = q = bp = bq = 0;
            }
        }

        /**
         * From the position, the first neighbour ({@link #MOVES}) that improves becomes the position, then the
         * constant toggled where nothing does, until neither improves or {@value Arima#MAX_MODELS} models were tried.
         */
        void stepwise() {
            boolean improved = true;
            while (improved && tried < MAX_MODELS) {
                improved = false;
                for (int[] mv : MOVES) {
                    int np = p + mv[0];
                    int nq = q + mv[1];
                    int nbp = bp + mv[2];
                    int nbq = bq + mv[3];
                    // R's max.order (p + q + P + Q at most 5) bounds only its exhaustive search, not the stepwise one
                    if (np < 0 || nq < 0 || nbp < 0 || nbq < 0 || np > maxP || nq > maxQ || nbp > maxBigP
                            || nbq > maxBigQ) {
                        continue;
                    }
                    if (tryModel(np, nq, nbp, nbq, c)) {
                        p = np;
                        q = nq;
                        bp = nbp;
                        bq = nbq;
                        improved = true;
                        break;
                    }
                }
                if (!improved && allowConstant && tryModel(p, q, bp, bq, !c)) {
                    c = !c;
                    improved = true;
                }
            }
        }

        /**
         * The best model refitted by exact likelihood, after an approximate search; where that fit fails, the first of
         * the others, in order of their approximate AICc, whose exact fit succeeds; else the approximate best.
         */
        Fit exactBest() {
            Fit exact = fit(w, best.p(), d, best.q(), best.bigP(), bigD, best.bigQ(), m, best.constant(), false, n);
            if (exact != null) {
                return exact;
            }
            List<Fit> ordered = new ArrayList<>(fitted);
            ordered.sort((a, bb) -> Double.compare(a.aicc(), bb.aicc()));
            for (Fit f : ordered) {
                exact = fit(w, f.p(), d, f.q(), f.bigP(), bigD, f.bigQ(), m, f.constant(), false, n);
                if (exact != null) {
                    return exact;
                }
            }
            return best;
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
        ScaledSeries sw = ScaledSeries.of(w);
        ArimaModel model = new ArimaModel(p, q, bp, bq, m, constant);
        double[] start = new double[k];
        if (constant) {
            start[k - 1] = sw.mean() / sw.scale();
        }
        // the objectives are those of the scaled series; R's are of w itself, log(scale) more. The optimiser's
        // stopping rule is relative to the objective's size, so the searches minimise R's values, to stop where R does
        double offset = Math.log(sw.scale());
        // and, as R's optim(parscale) does, the mean is searched in units of 10 standard errors of the sample mean
        double meanUnit = constant ? meanUnit(sw.sd(), nu, sw.scale()) : 1;
        // conditional sum of squares over the coefficients themselves, the AR parts unconstrained, as R's arima
        double[] cssCoef;
        if (k == 0) {
            cssCoef = start;
        } else {
            QuasiNewton.Result css = minimise(c -> model.cssOfCoefficients(sw.values(), c) + offset, start, meanUnit);
            if (css == null) {
                return null;
            }
            // as R's arima (method "CSS-ML"): a conditional fit stopped by the gradient limit leaves the exact fit to
            // start where the conditional one did; the approximation (method "CSS") keeps it all the same
            cssCoef = css.converged() || cssOnly ? css.point() : start;
        }
        Likelihood fitted = cssOnly ? conditional(model, sw.values(), cssCoef)
                : exact(model, sw.values(), cssCoef, offset, meanUnit);
        if (fitted == null || !Double.isFinite(fitted.m2ll()) || !model.rootsOkOfCoefficients(fitted.coef())) {
            return null;
        }
        return inOriginalUnits(fitted, sw.scale(), p, d, q, bp, bigD, bq, m, constant, nu, n);
    }

    /**
     * A differenced series divided by its standard deviation (by the mean's size, at least 1e-8, when that is 0), the
     * units the fits work in.
     *
     * @param values the series divided by {@code scale}
     * @param mean   the series' mean
     * @param sd     its standard deviation (divided by the count)
     * @param scale  the divisor
     */
    private record ScaledSeries(double[] values, double mean, double sd, double scale) {

        static ScaledSeries of(double[] w) {
            int nu = w.length;
            double mean = 0;
            for (double v : w) {
                mean += v;
            }
            mean /= nu;
            double sd = 0;
            for (double v : w) {
                sd += (v - mean) * (v - mean);
            }
            sd = Math.sqrt(sd / nu);
            double scale = sd > 0 ? sd : Math.max(1e-8, Math.abs(mean));
            double[] ws = new double[nu];
            for (int i = 0; i < nu; i++) {
                ws[i] = w[i] / scale;
            }
            return new ScaledSeries(ws, mean, sd, scale);
        }
    }

    /**
     * A fitted model in the scaled series' units.
     *
     * @param m2ll   minus twice the log-likelihood
     * @param sigma2 the innovations' variance
     * @param coef   the coefficients (AR, MA, seasonal AR, seasonal MA, then the mean when there is one)
     */
    private record Likelihood(double m2ll, double sigma2, double[] coef) {
    }

    /**
     * The approximation of R's method "CSS": the conditional fit's coefficients, with every model's criterion over
     * the same count of observations; null when it fails.
     */
    private static Likelihood conditional(ArimaModel model, double[] ws, double[] cssCoef) {
        double[] r = model.cssFullOfCoefficients(ws, cssCoef);
        if (r == null) {
            return null;
        }
        double sigma2 = r[0];
        return new Likelihood(ws.length * (Math.log(2 * Math.PI * sigma2) + 1), sigma2, cssCoef.clone());
    }

    /**
     * The exact maximum-likelihood fit from the conditional one, as R's method "CSS-ML"; null when the conditional
     * fit's AR part is not stationary or the exact likelihood fails.
     */
    private static Likelihood exact(ArimaModel model, double[] ws, double[] cssCoef, double offset, double meanUnit) {
        // a non-stationary AR part from CSS rejects the model, and MA parts with a root inside the unit circle have it
        // reflected outside, the same likelihood, before the exact fit
        if (!model.stationaryAr(cssCoef)) {
            return null;
        }
        double[] cssPoint = model.coordinates(model.maInverted(cssCoef));
        double[] point = cssPoint;
        if (cssCoef.length > 0) {
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
        // as R's arima: the squared standardised residuals' sum over all the observations
        return new Likelihood(ArimaModel.minusTwoLogLikelihood(r, ws.length), r[0] * r[2] / ws.length,
                model.coefficients(point));
    }

    /** The fit of {@code w} itself, {@code scale} times the scaled series, with its AICc (AIC for the shortest series). */
    private static Fit inOriginalUnits(Likelihood fitted, double scale, int p, int d, int q, int bp, int bigD, int bq,
                                       int m, boolean constant, int nu, int n) {
        int k = p + q + bp + bq + (constant ? 1 : 0);
        double[] coef = fitted.coef();
        if (constant) {
            coef[k - 1] *= scale;
        }
        // back to the original scale: the likelihood of w = scale·ws
        double m2ll = fitted.m2ll() + 2 * nu * Math.log(scale);
        double sigma2 = fitted.sigma2() * scale * scale;
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

    // ---------------------------------------------------------------- forecasting

    /** Forecasts {@code horizon} steps of {@code y} from a model selected on it. */
    public static double[] forecast(double[] y, Fit fit, int horizon) {
        int m = fit.period();
        double[] w = ArimaDifferencing.diffAll(y, fit.d(), fit.bigD(), m);
        double[] wf = new double[horizon];
        int k = fit.p() + fit.q() + fit.bigP() + fit.bigQ();
        double mu = fit.constant() ? fit.coef()[fit.coef().length - 1] : 0;
        if (k == 0 || w.length == 0) {
            java.util.Arrays.fill(wf, mu);
        } else {
            ArimaModel model = new ArimaModel(fit.p(), fit.q(), fit.bigP(), fit.bigQ(), m, fit.constant());
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
                int[] lags = ArmaPolynomials.nonZero(ph);
                // the filtered state predicts the next value: a_{t+1} = T a_t, as the filter predicts it
                for (int h = 0; h < horizon; h++) {
                    ArimaModel.shift(state, ph, lags, state);
                    wf[h] = state[0] + mu;
                }
            }
        }
        return ArimaDifferencing.integrate(y, wf, fit.d(), fit.bigD(), m);
    }
}
