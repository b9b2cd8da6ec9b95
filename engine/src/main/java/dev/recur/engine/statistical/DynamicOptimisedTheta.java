package dev.recur.engine.statistical;

import dev.recur.engine.decomposition.Seasonality;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.numeric.SimplexSearch;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.analysis.MultivariateFunction;

/**
 * The dynamic optimised Theta model (DOTM) of Fiorucci, Pellegrini, Louzada, Petropoulos and Koehler (2016, "Models
 * for optimising the theta method and their relationship to state space models"): the Theta method as a state space
 * model whose trend line is refitted by least squares at every step on the values seen so far (the dynamic part),
 * and whose theta coefficient, smoothing parameter and initial level are chosen by the in-sample one-step squared
 * error (the optimised part), where {@link Theta} fixes theta at 2 and draws one line through the whole history.
 *
 * <p>With level {@code ℓ}, running mean {@code ȳ} and the least-squares line {@code A + B·t} of the values up to
 * step {@code t} (counted from 0), the one-step forecast of step {@code t} is
 * {@code μ_t = ℓ_{t−1} + (1 − 1/θ)·(A_{t−1}(1 − α)^t + B_{t−1}(1 − (1 − α)^{t+1})/α)}; then
 * {@code ℓ_t = α y_t + (1 − α) ℓ_{t−1}}, {@code B_t = ((t − 1) B_{t−1} + 6 (y_t − ȳ_{t−1})/(t + 1))/(t + 2)},
 * {@code ȳ_t} the mean of {@code y_0..y_t} and {@code A_t = ȳ_t − (t + 2) B_t / 2}, from {@code ℓ_0 = α y_0 + (1 − α)
 * ℓ_init}, {@code A_0 = y_0}, {@code B_0 = 0}. Forecasts run the same recursion with each forecast in place of the
 * value. The parameters minimise the sum of squared one-step errors from the fourth value on, by Nelder-Mead from
 * {@code ℓ_init = y_0/2}, {@code α = 0.5}, {@code θ = 2}, within {@code 0.1 ≤ α ≤ 0.99} and {@code θ ≥ 1} (the start
 * and bounds of Nixtla's statsforecast implementation, which reproduces the paper's M3 results). A series that passes the 90% seasonality test is first adjusted by
 * classical multiplicative decomposition and the season restored afterwards, as {@link Theta} does. As ETS and ARIMA
 * do, it fits the last {@value RecentHistory#MOST} values of a longer series ({@link RecentHistory}): every
 * evaluation of the fit runs the whole series, and a fit takes thousands.
 *
 * <p>On the four panels without a seasonal period that we have (tourism and M1 yearly, M3 yearly and other) it
 * forecast better than {@link Theta} on both sMAPE and MASE, alone and in the mean with ETS and ARIMA. In the
 * combination on quarterly and monthly panels it did worse on both measures on three of five (M1 and M3 quarterly,
 * tourism monthly) and split the other two (tourism quarterly, M1 monthly). So the standard combination uses it in Theta's place for series forecast
 * with a season of 1 ({@link Combination#standard()}).
 */
public final class DynamicOptimisedTheta implements Forecaster {

    /** Values before the one-step errors that the fit counts (the model's three parameters' worth). */
    static final int BURN_IN = 3;
    /** Smallest smoothing parameter. */
    static final double MIN_ALPHA = 0.1;
    /** Largest smoothing parameter. */
    static final double MAX_ALPHA = 0.99;
    /** Smallest theta: 1 is simple exponential smoothing. */
    static final double MIN_THETA = 1;
    /** Most objective evaluations of one fit. */
    static final int MAX_EVALUATIONS = 2000;
    /** Most restarts of the simplex from the best point found. */
    static final int RESTARTS = 5;

    /** Creates the method. */
    public DynamicOptimisedTheta() {
    }

    @Override
    public String name() {
        return "dotm";
    }

    @Override
    public int minimumLength(int horizon, int season) {
        return BURN_IN + 1;
    }

    /** A fitted model's parameters. */
    record Parameters(double initialLevel, double alpha, double theta) {
    }

    @Override
    public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
        Forecaster.checkHorizon(horizon);
        List<double[]> out = new ArrayList<>(history.size());
        for (TimeSeries s : history) {
            if (s.length() < minimumLength(horizon, season)) {
                throw new IllegalArgumentException("series " + Shorten.quoted(s.id()) + " has " + s.length()
                        + " values; dotm needs at least " + minimumLength(horizon, season));
            }
            double[] y = RecentHistory.of(s.values());
            int n = y.length;
            double[] si = season > 1 ? Seasonality.multiplicativeIndices(y, season) : null;
            double[] x = Seasonality.adjusted(y, si, season);
            double[] f = new double[horizon];
            run(x, fit(x), f);
            Seasonality.restore(f, si, n, season);
            out.add(f);
        }
        return out;
    }

    /**
     * The parameters that minimise the one-step squared error of {@code y}. The model is linear in the values and the
     * initial level together, so the search runs on the values divided by their mean absolute value, where the sum
     * of squares neither overflows (values of 1e200) nor underflows (values of 1e-200), and the initial level it finds
     * is scaled back.
     */
    static Parameters fit(double[] y) {
        double scale = 0;
        for (double v : y) {
            scale += Math.abs(v) / y.length;
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            scale = 1;
        }
        double[] x = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            x[i] = y[i] / scale;
        }
        double norm = x.length;
        // a point outside the bounds is evaluated at its projection onto them (as scipy's bounded Nelder-Mead does),
        // so that the simplex can slide along a bound where a wall of infinite values would make it collapse
        MultivariateFunction sse = p -> {
            double v = run(x, new Parameters(p[0], clampAlpha(p[1]), clampTheta(p[2])), null) / norm;
            return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
        };
        double[] start = {x[0] / 2, 0.5, 2};
        double[] steps = {x[0] == 0 ? 0.00025 : 0.05 * x[0] / 2, 0.025, 0.1};
        double[] best = start;
        double bestValue = sse.value(start);
        // commons-math's simplex stops on the first iteration that does not lower its best value, often short of the
        // minimum: restart it from the best point while a restart still lowers the value
        for (int restart = 0; restart <= RESTARTS; restart++) {
            double before = bestValue;
            double[] from = best.clone();
            from[1] = clampAlpha(from[1]);
            from[2] = clampTheta(from[2]);
            double[] step = {from[0] == 0 ? steps[0] : 0.05 * Math.abs(from[0]), steps[1], 0.05 * from[2]};
            SimplexSearch.Minimum found = SimplexSearch.minimise(sse, from, restart == 0 ? steps : step, 1e-10, 1e-14,
                    MAX_EVALUATIONS);
            if (found != null && found.value() < bestValue) {
                bestValue = found.value();
                best = found.point();
            }
            if (restart > 0 && !(bestValue < before * (1 - 1e-9))) {
                break;
            }
        }
        return new Parameters(best[0] * scale, clampAlpha(best[1]), clampTheta(best[2]));
    }

    private static double clampAlpha(double alpha) {
        return Math.min(MAX_ALPHA, Math.max(MIN_ALPHA, alpha));
    }

    private static double clampTheta(double theta) {
        return Math.max(MIN_THETA, theta);
    }

    /**
     * Runs the model over {@code x} with parameters {@code p}: the sum of squared one-step errors from value
     * {@value #BURN_IN} on, and, when {@code forecast} is not null, fills it with the forecasts that follow.
     */
    static double run(double[] x, Parameters p, double[] forecast) {
        int n = x.length;
        double alpha = p.alpha();
        double keep = 1 - alpha;
        double k = 1 - 1 / p.theta();
        double level = alpha * x[0] + keep * p.initialLevel();
        double mean = x[0];
        double a = x[0];
        double b = 0;
        double keepPow = 1;     // (1 − α)^i, i the step being forecast
        double sse = 0;
        int steps = n + (forecast == null ? 0 : forecast.length);
        for (int i = 1; i < steps; i++) {
            keepPow *= keep;
            double mu = level + k * (a * keepPow + b * (1 - keepPow * keep) / alpha);
            double v;
            if (i < n) {
                v = x[i];
                if (i >= BURN_IN) {
                    double e = v - mu;
                    sse += e * e;
                }
            } else {
                v = mu;
                forecast[i - n] = mu;
            }
            level = alpha * v + keep * level;
            double nextMean = (i * mean + v) / (i + 1);
            b = ((i - 1) * b + 6 * (v - mean) / (i + 1)) / (i + 2);
            a = nextMean - b * (i + 2) / 2;
            mean = nextMean;
        }
        return sse;
    }
}
