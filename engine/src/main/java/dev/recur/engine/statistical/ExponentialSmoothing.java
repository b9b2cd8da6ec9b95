package dev.recur.engine.statistical;

import dev.recur.engine.decomposition.Seasonality;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.numeric.ExtremeUnits;
import dev.recur.engine.numeric.Signs;
import dev.recur.engine.numeric.SimplexSearch;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import org.apache.commons.math3.analysis.MultivariateFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Exponential smoothing (Holt-Winters and its family, in Hyndman et al.'s state-space form): level, trend
 * none / additive / damped, season none / additive / multiplicative, errors additive or multiplicative.
 * Each series gets every admissible model fitted by maximum likelihood (commons-math3's Nelder-Mead over
 * the smoothing parameters and all the initial states: level, trend and the seasonal states, which start from a
 * classical decomposition and keep summing to 0 or to the period, as in R's {@code forecast::ets}). Additive errors
 * with a multiplicative season are excluded (they are numerically unstable); multiplicative parts need positive
 * data. The forecast combines the fitted models with Akaike weights ({@link #forecast(double[], List, int)}) rather
 * than taking the one with the lowest AICc as R does: on the tourism and M1 panels the weights beat the single
 * choice on all six yearly, quarterly and monthly sets, by sMAPE and by MASE. {@link #fit} still gives the single
 * best model.
 * {@link #forecast(List, int, int, Progress)} fits a series longer than 1,000 values on its last 1,000, where the
 * oldest values carry next to no weight and would make each likelihood evaluation slow.
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
     * @param trend               the trend component
     * @param season              the seasonal component
     * @param aicc                the corrected Akaike information criterion of the fit (R's plus {@code n·ln n})
     * @param params              alpha, beta, gamma, phi, initial level, initial trend
     * @param seasonInit          the initial seasonal states, the one for value {@code i} at {@code i % period}
     * @param period              the season's length (1 without a season)
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
            out.add(ExtremeUnits.forecast(RecentHistory.of(s.values()), y -> forecast(y, fits(y, season), horizon)));
        }
        return out;
    }

    /**
     * The forecast of several fitted models combined with Akaike weights: each model's weight is
     * {@code exp(−ΔAICc / 2)}, where ΔAICc is how far its AICc is above the lowest (Kolassa, "Combining exponential
     * smoothing forecasts using Akaike weights", IJF 2011). Models within a few AICc units of the best share the
     * forecast; a clearly better one takes it alone. Of a series with no value at or below 0, the models that forecast
     * a value at or below 0 within the horizon are left out where another model is not: they do not describe a series
     * that is positive by nature (counts, sales, prices), as a multiplicative model does not describe one with zeros.
     * A trend that follows every last change (smoothing parameters near 1 for both level and trend) can fit a swinging
     * series' next values best one step ahead and still run far below zero over the horizon (the Canadian lynx
     * pelts, 19,140 the last year, forecast at -7,586 the second year ahead by ETS(A,Ad,N)).
     */
    public static double[] forecast(double[] y, List<Fit> fits, int horizon) {
        if (fits.isEmpty()) {
            throw new IllegalArgumentException("no fitted models to combine");
        }
        List<double[]> points = new ArrayList<>(fits.size());
        boolean[] kept = new boolean[fits.size()];
        boolean anyPositive = false;
        for (int i = 0; i < fits.size(); i++) {
            double[] p = forecast(y, fits.get(i), horizon);
            points.add(p);
            kept[i] = Signs.allPositive(p);
            anyPositive |= kept[i];
        }
        if (!anyPositive || !Signs.allPositive(y)) {
            java.util.Arrays.fill(kept, true);
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < fits.size(); i++) {
            if (kept[i]) {
                best = Math.min(best, fits.get(i).aicc());
            }
        }
        double[] out = new double[horizon];
        double total = 0;
        for (int i = 0; i < fits.size(); i++) {
            if (!kept[i]) {
                continue;
            }
            double w = Math.exp(-0.5 * (fits.get(i).aicc() - best));
            double[] p = points.get(i);
            for (int h = 0; h < horizon; h++) {
                out[h] += w * p[h];
            }
            total += w;
        }
        for (int h = 0; h < horizon; h++) {
            out[h] /= total;
        }
        return out;
    }

    /** Fits every admissible model to {@code y} and returns the best by AICc. */
    public Fit fit(double[] y, int period) {
        List<Fit> all = fits(y, period);
        Fit best = null;
        for (Fit f : all) {
            if (best == null || f.aicc() < best.aicc()) {
                best = f;
            }
        }
        return best;
    }

    /** Fits every admissible model to {@code y} (at least one). */
    public List<Fit> fits(double[] y, int period) {
        List<Fit> all = new ArrayList<>();
        boolean positive = true;
        for (double v : y) {
            positive &= v > 0;
        }
        boolean seasonalOk = period > 1 && period <= MAX_SEASON && y.length >= 2 * period + 2;
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
                    if (f != null) {
                        all.add(f);
                    }
                }
            }
        }
        if (all.isEmpty()) {
            Fit simple = fitOne(y, false, Trend.NONE, Season.NONE, 1);
            if (simple == null) {
                throw new IllegalArgumentException("ets: no model has a finite likelihood on these values");
            }
            all.add(simple);
        }
        return all;
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

    /**
     * The longest season modelled (R's ets stops at 24 too): a weekly season's 51 free initial states make
     * the likelihood too flat and too slow to optimise; longer seasons get the non-seasonal models.
     */
    static final int MAX_SEASON = 24;

    private static final double LN2 = Math.log(2);

    /** Most likelihood evaluations per model and optimiser run. */
    static final int MAX_EVALUATIONS = 4000;

    /**
     * A simplex stops when its best -2 log-likelihood falls by less than this times the number of values: a tolerance
     * of the likelihood itself, the same in any unit (close to the tolerance of 1e-9 of the value in the series' own
     * units that it replaces, for values in the thousands).
     */
    static final double TOLERANCE_PER_VALUE = 2e-8;

    private Fit fitOne(double[] y, boolean mult, Trend t, Season s, int m) {
        int n = y.length;
        Start init = start(y, t, s, m);
        double scale = Math.max(1e-9, meanAbs(y));
        // the seasonal states are free but for the last, which keeps them summing to 0 (additive) or m
        // (multiplicative), as R's ets does; steps are in units of the season's own amplitude
        int free = s == Season.NONE ? 0 : m - 1;
        double seasonUnit = 0;
        if (free > 0) {
            for (double v : init.season) {
                seasonUnit += Math.abs(s == Season.ADDITIVE ? v : v - 1) / m;
            }
            seasonUnit = Math.max(seasonUnit, s == Season.ADDITIVE ? 0.01 * scale : 0.01);
        }
        final double unit = seasonUnit;
        // -2 log-likelihood of the series in units of its mean magnitude (that of y itself less 2n·ln(scale), for
        // additive and multiplicative errors alike): the same value whatever unit the series comes in, and small, so
        // that the simplex sees the same values and stops at the same point (TOLERANCE_PER_VALUE) in any unit
        final double shift = 2 * n * Math.log(scale);
        MultivariateFunction objective = u -> {
            double[] seas = season(init.season, u, s, m, unit);
            if (seas == null) {
                return Double.POSITIVE_INFINITY;
            }
            double[] p = smoothing(u, t, s);
            return run(y, mult, t, s, m, p, init.level + u[4] * scale, init.trend + u[5] * scale / n, seas, 0, null)[0]
                    - shift;
        };
        double[] start = new double[6 + free];
        start[0] = logit(0.3);
        start[1] = logit(0.2);
        start[2] = logit(0.2);
        start[3] = logit(0.5);
        double[] steps = new double[6 + free];
        java.util.Arrays.fill(steps, 0.1);
        steps[0] = steps[1] = steps[2] = steps[3] = 1;
        SimplexSearch.Minimum best = minimise(objective, start, steps, n);
        if (free > 0 && best != null) {
            // a second simplex from the first one's end: with a season's many states Nelder-Mead often stalls short
            // of the minimum (on the classic series R's fit of its chosen model was up to 10 AICc units better than
            // ours without it), and a fresh simplex moves on from there
            SimplexSearch.Minimum again = minimise(objective, best.point(), steps, n);
            if (again != null && again.value() < best.value()) {
                best = again;
            }
        }
        if (best == null) {
            return null;
        }
        int k = 1 + (t != Trend.NONE ? 1 : 0) + (s != Season.NONE ? 1 : 0) + (t == Trend.DAMPED ? 1 : 0)
                + 1 + (t != Trend.NONE ? 1 : 0) + free + 1;
        double aicc = best.value() + shift + 2 * k + (n - k - 1 > 0 ? 2.0 * k * (k + 1) / (n - k - 1) : 1e9);
        double[] p = smoothing(best.point(), t, s);
        double[] params = {p[0], p[1], p[2], p[3], init.level + best.point()[4] * scale,
                init.trend + best.point()[5] * scale / n};
        double[] seas = s == Season.NONE ? init.season : season(init.season, best.point(), s, m, unit);
        return new Fit(mult, t, s, aicc, params, seas, m);
    }

    /** Nelder-Mead from {@code start} on a series of {@code n} values, with ETS's tolerance ({@link SimplexSearch}). */
    private static SimplexSearch.Minimum minimise(MultivariateFunction f, double[] start, double[] steps, int n) {
        return SimplexSearch.minimise(f, start, steps, 0, TOLERANCE_PER_VALUE * n, MAX_EVALUATIONS);
    }

    /**
     * The seasonal states at optimiser coordinates {@code u}: the first {@code m − 1} moved from their start by
     * {@code u[6..]} times {@code unit}, the last one completing the sum; null when a multiplicative one is not
     * positive.
     */
    private static double[] season(double[] init, double[] u, Season s, int m, double unit) {
        if (s == Season.NONE) {
            return init;
        }
        double[] seas = new double[m];
        double sum = 0;
        for (int j = 0; j < m - 1; j++) {
            seas[j] = init[j] + u[6 + j] * unit;
            sum += seas[j];
        }
        seas[m - 1] = (s == Season.ADDITIVE ? 0 : m) - sum;
        if (s == Season.MULTIPLICATIVE) {
            for (double v : seas) {
                if (!(v > 0)) {
                    return null;
                }
            }
        }
        return seas;
    }

    /** Initial states before optimisation. */
    private record Start(double level, double trend, double[] season) {
    }

    /**
     * Initial states as R's ets makes them: the season from a classical decomposition of the first three seasons
     * (of all the values when there are fewer), then the level and trend from a straight line through the first
     * {@code max(10, 2m)} seasonally adjusted values (their mean without a trend).
     */
    private static Start start(double[] y, Trend t, Season s, int m) {
        int n = y.length;
        double[] s0 = new double[m];
        double[] adjusted = y;
        if (s != Season.NONE) {
            boolean mult = s == Season.MULTIPLICATIVE;
            s0 = Seasonality.indices(java.util.Arrays.copyOf(y, Math.min(n, 3 * m)), m, mult);
            if (s0 == null) {
                // a moving average that is not positive (only possible with non-positive values): a flat start
                s0 = new double[m];
                java.util.Arrays.fill(s0, mult ? 1 : 0);
            }
            if (mult) {
                double total = 0;
                for (int j = 0; j < m; j++) {
                    s0[j] = Math.max(s0[j], 1e-2);
                    total += s0[j];
                }
                for (int j = 0; j < m; j++) {
                    s0[j] *= m / total;
                }
            }
            adjusted = new double[n];
            for (int i = 0; i < n; i++) {
                adjusted[i] = mult ? y[i] / s0[i % m] : y[i] - s0[i % m];
            }
        }
        int span = Math.min(n, Math.max(10, 2 * m));
        double mean = 0;
        for (int i = 0; i < span; i++) {
            mean += adjusted[i];
        }
        mean /= span;
        if (t == Trend.NONE) {
            return new Start(mean, 0, s0);
        }
        // the least-squares line through times 1..span: its value at time 0 is the level before the first value
        double slope = Theta.slope(java.util.Arrays.copyOf(adjusted, span));
        return new Start(mean - slope * ((span + 1) / 2.0), slope, s0);
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
    static double[] run(double[] y, boolean mult, Trend t, Season s, int m, double[] p, double l0, double b0,
                                double[] s0, int horizon, double[] forecast) {
        double alpha = p[0];
        double beta = p[1];
        double gamma = p[2];
        double phi = p[3];
        double l = l0;
        double b = b0;
        double[] seas = s0.clone();
        double sse = 0;
        // the product of |mu| as a mantissa and a power of two (rescaled exactly, by powers of two, before it can
        // overflow or underflow): one logarithm per run instead of one per step (10 to 20% of ETS's time on the
        // monthly panels), with the same likelihood to within rounding
        double muProduct = 1;
        long muExponent = 0;
        int n = y.length;
        for (int i = 0, j = 0; i < n; i++, j = j + 1 == m ? 0 : j + 1) {
            // j is i % m
            double trendPart = t == Trend.NONE ? l : l + phi * b;
            double si = seas[j];
            double mu = s == Season.NONE ? trendPart : s == Season.ADDITIVE ? trendPart + si : trendPart * si;
            if (!Double.isFinite(mu) || (mult && mu <= 0)) {
                return new double[]{Double.POSITIVE_INFINITY, l, b};
            }
            double e = y[i] - mu;
            if (mult) {
                double rel = e / mu;
                sse += rel * rel;
                muProduct *= Math.abs(mu);
                int exp = Math.getExponent(muProduct);
                if (exp > 256 || exp < -256) {
                    muProduct = Math.scalb(muProduct, -exp);
                    muExponent += exp;
                }
            } else {
                sse += e * e;
            }
            double newL;
            if (s == Season.MULTIPLICATIVE) {
                newL = trendPart + alpha * e / si;
                if (t != Trend.NONE) {
                    b = phi * b + beta * e / si;
                }
                seas[j] = si + gamma * e / trendPart;
            } else {
                newL = trendPart + alpha * e;
                if (t != Trend.NONE) {
                    b = phi * b + beta * e;
                }
                if (s == Season.ADDITIVE) {
                    seas[j] = si + gamma * e;
                }
            }
            l = newL;
        }
        double logMu = mult ? Math.log(muProduct) + muExponent * LN2 : 0;
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
