package dev.recur.engine.forecast;

import dev.recur.engine.io.Shorten;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Exponential smoothing (Holt-Winters and its family, in Hyndman et al.'s state-space form): level, trend
 * none / additive / damped, season none / additive / multiplicative, errors additive or multiplicative.
 * Each series gets every admissible model fitted by maximum likelihood (commons-math3's Nelder-Mead over
 * the smoothing parameters and the initial level and trend), and the one with the lowest AICc is used,
 * as R's {@code forecast::ets} does. Additive errors with a multiplicative season are excluded (they are
 * numerically unstable); multiplicative parts need positive data.
 */
public final class ExponentialSmoothing implements Forecaster {

    /** Trend component. */
    public enum Trend {
        /** No trend. */
        NONE,
        /** Additive trend. */
        ADDITIVE,
        /** Additive damped trend. */
        DAMPED
    }

    /** Seasonal component. */
    public enum Season {
        /** No season. */
        NONE,
        /** Additive season. */
        ADDITIVE,
        /** Multiplicative season. */
        MULTIPLICATIVE
    }

    /**
     * A fitted model.
     *
     * @param multiplicativeError whether errors are relative
     * @param aicc                the corrected Akaike information criterion of the fit
     * @param params              alpha, beta, gamma, phi, initial level, initial trend
     */
    public record Fit(boolean multiplicativeError, Trend trend, Season season, double aicc, double[] params,
                      double[] seasonInit, int period) {
        /** The model's name in ETS notation, e.g. {@code ETS(M,Ad,M)}. */
        public String label() {
            return "ETS(" + (multiplicativeError ? "M" : "A") + "," + (trend == Trend.NONE ? "N" : trend == Trend.ADDITIVE ? "A" : "Ad")
                    + "," + (season == Season.NONE ? "N" : season == Season.ADDITIVE ? "A" : "M") + ")";
        }
    }

    private final Trend onlyTrend;
    private final Season onlySeason;

    /** Automatic model selection over the whole family. */
    public ExponentialSmoothing() {
        this(null, null);
    }

    /**
     * A restricted family: {@code trend} and/or {@code season} fixed (null: choose).
     */
    public ExponentialSmoothing(Trend trend, Season season) {
        this.onlyTrend = trend;
        this.onlySeason = season;
    }

    @Override
    public String name() {
        return "ets";
    }

    @Override
    public int minimumLength(int horizon, int season) {
        return 4;
    }

    @Override
    public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
        }
        List<double[]> out = new ArrayList<>();
        for (TimeSeries s : history) {
            if (s.length() < minimumLength(horizon, season)) {
                throw new IllegalArgumentException("series " + Shorten.quoted(s.id()) + " has " + s.length() + " values; ets needs at least "
                        + minimumLength(horizon, season));
            }
            Fit f = fit(s.values(), season);
            out.add(forecast(s.values(), f, horizon));
        }
        return out;
    }

    /** Fits every admissible model to {@code y} and returns the best by AICc. */
    public Fit fit(double[] y, int period) {
        boolean positive = true;
        for (double v : y) {
            positive &= v > 0;
        }
        boolean seasonalOk = period > 1 && y.length >= 2 * period + 2;
        Fit best = null;
        for (boolean mult : positive ? new boolean[]{false, true} : new boolean[]{false}) {
            for (Trend t : Trend.values()) {
                if (onlyTrend != null && t != onlyTrend) {
                    continue;
                }
                for (Season s : Season.values()) {
                    if (onlySeason != null && s != onlySeason) {
                        continue;
                    }
                    if (s != Season.NONE && !seasonalOk) {
                        continue;
                    }
                    if (s == Season.MULTIPLICATIVE && (!positive || !mult)) {
                        continue;
                    }
                    if (t != Trend.NONE && y.length < 6) {
                        continue;
                    }
                    Fit f = fitOne(y, mult, t, s, s == Season.NONE ? 1 : period);
                    if (f != null && (best == null || f.aicc() < best.aicc())) {
                        best = f;
                    }
                }
            }
        }
        if (best == null) {
            best = fitOne(y, false, Trend.NONE, Season.NONE, 1);
        }
        return best;
    }

    private static double logistic(double u) {
        return 1 / (1 + Math.exp(-u));
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    /** Maps unconstrained optimiser coordinates to {alpha, beta, gamma, phi}. */
    private static double[] smoothing(double[] u, Trend t, Season s) {
        double alpha = 1e-4 + (0.9998) * logistic(u[0]);
        double beta = t == Trend.NONE ? 0 : 1e-4 + (alpha - 2e-4) * logistic(u[1]);
        double gamma = s == Season.NONE ? 0 : 1e-4 + (1 - alpha - 2e-4) * logistic(u[2]);
        double phi = t == Trend.DAMPED ? 0.8 + 0.18 * logistic(u[3]) : 1;
        return new double[]{alpha, beta, gamma, phi};
    }

    private Fit fitOne(double[] y, boolean mult, Trend t, Season s, int m) {
        int n = y.length;
        // heuristic initial states: level and trend from the first seasons, indices from the first cycles
        int span = Math.min(n, Math.max(m, 2));
        double l0 = 0;
        for (int i = 0; i < span; i++) {
            l0 += y[i];
        }
        l0 /= span;
        double b0 = 0;
        if (t != Trend.NONE) {
            if (n >= 2 * span) {
                double second = 0;
                for (int i = span; i < 2 * span; i++) {
                    second += y[i];
                }
                b0 = (second / span - l0) / span;
            } else {
                b0 = (y[n - 1] - y[0]) / (n - 1);
            }
        }
        double[] s0 = new double[m];
        if (s != Season.NONE) {
            int cycles = Math.max(1, Math.min(n / m, 3));
            for (int c = 0; c < cycles; c++) {
                double mean = 0;
                for (int i = 0; i < m; i++) {
                    mean += y[c * m + i];
                }
                mean /= m;
                for (int i = 0; i < m; i++) {
                    s0[i] += (s == Season.ADDITIVE ? y[c * m + i] - mean : y[c * m + i] / mean) / cycles;
                }
            }
        } else {
            java.util.Arrays.fill(s0, s == Season.MULTIPLICATIVE ? 1 : 0);
        }
        double scale = Math.max(1e-9, meanAbs(y));
        final double level0 = l0;
        final double trend0 = b0;
        MultivariateFunction objective = u -> {
            double[] p = smoothing(u, t, s);
            double[] r = run(y, mult, t, s, m, p, level0 + u[4] * scale, trend0 + u[5] * scale / n, s0, 0, null);
            return r[0];
        };
        double[] start = {logit(0.3), logit(0.2), logit(0.2), logit(0.5), 0, 0};
        double best;
        double[] point;
        try {
            SimplexOptimizer opt = new SimplexOptimizer(1e-9, 1e-9);
            PointValuePair r = opt.optimize(new MaxEval(4000), new ObjectiveFunction(objective), GoalType.MINIMIZE,
                    new InitialGuess(start), new NelderMeadSimplex(new double[]{1, 1, 1, 1, 0.1, 0.1}));
            best = r.getValue();
            point = r.getPoint();
        } catch (org.apache.commons.math3.exception.TooManyEvaluationsException e) {
            best = objective.value(start);
            point = start;
        }
        if (!Double.isFinite(best)) {
            return null;
        }
        int k = 1 + (t != Trend.NONE ? 1 : 0) + (s != Season.NONE ? 1 : 0) + (t == Trend.DAMPED ? 1 : 0)
                + 1 + (t != Trend.NONE ? 1 : 0) + (s != Season.NONE ? m - 1 : 0) + 1;
        double aicc = best + 2 * k + (n - k - 1 > 0 ? 2.0 * k * (k + 1) / (n - k - 1) : 1e9);
        double[] p = smoothing(point, t, s);
        double[] params = {p[0], p[1], p[2], p[3], l0 + point[4] * scale, b0 + point[5] * scale / n};
        return new Fit(mult, t, s, aicc, params, s0, m);
    }

    private static double meanAbs(double[] y) {
        double a = 0;
        for (double v : y) {
            a += Math.abs(v);
        }
        return a / y.length;
    }

    /**
     * Runs the recursion over {@code y}; returns {-2 log-likelihood (up to constants), final level, final
     * trend} and, when {@code forecast} is given, fills it with the forecasts after the data.
     */
    private static double[] run(double[] y, boolean mult, Trend t, Season s, int m, double[] p, double l0, double b0,
                                double[] s0, int horizon, double[] forecast) {
        double alpha = p[0];
        double beta = p[1];
        double gamma = p[2];
        double phi = p[3];
        double l = l0;
        double b = b0;
        double[] seas = s0.clone();
        double sse = 0;
        double logMu = 0;
        int n = y.length;
        for (int i = 0; i < n; i++) {
            double trendPart = t == Trend.NONE ? l : l + phi * b;
            double si = seas[i % m];
            double mu = s == Season.NONE ? trendPart : s == Season.ADDITIVE ? trendPart + si : trendPart * si;
            if (!Double.isFinite(mu) || (mult && mu <= 0)) {
                return new double[]{Double.POSITIVE_INFINITY, l, b};
            }
            double e = y[i] - mu;
            if (mult) {
                double rel = e / mu;
                sse += rel * rel;
                logMu += Math.log(Math.abs(mu));
            } else {
                sse += e * e;
            }
            double newL;
            if (s == Season.MULTIPLICATIVE) {
                newL = trendPart + alpha * e / si;
                if (t != Trend.NONE) {
                    b = phi * b + beta * e / si;
                }
                seas[i % m] = si + gamma * e / trendPart;
            } else {
                newL = trendPart + alpha * e;
                if (t != Trend.NONE) {
                    b = phi * b + beta * e;
                }
                if (s == Season.ADDITIVE) {
                    seas[i % m] = si + gamma * e;
                }
            }
            l = newL;
        }
        double lik = n * Math.log(Math.max(sse, 1e-300) / n) + 2 * logMu;
        if (forecast != null) {
            double damp = 0;
            double phiPow = 1;
            for (int h = 0; h < horizon; h++) {
                if (t == Trend.DAMPED) {
                    phiPow *= phi;
                    damp += phiPow;
                } else {
                    damp = h + 1;
                }
                double tr = t == Trend.NONE ? l : l + damp * b;
                double si = seas[(n + h) % m];
                forecast[h] = s == Season.NONE ? tr : s == Season.ADDITIVE ? tr + si : tr * si;
            }
        }
        return new double[]{lik, l, b};
    }

    /** Forecasts {@code horizon} steps from a fitted model. */
    public static double[] forecast(double[] y, Fit f, int horizon) {
        double[] out = new double[horizon];
        double[] p = f.params();
        run(y, f.multiplicativeError(), f.trend(), f.season(), f.period(), p, p[4], p[5], f.seasonInit(), horizon, out);
        return out;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ets(trend=%s, season=%s)", onlyTrend == null ? "auto" : onlyTrend,
                onlySeason == null ? "auto" : onlySeason);
    }
}
