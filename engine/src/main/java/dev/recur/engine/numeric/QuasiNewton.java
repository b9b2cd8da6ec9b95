package dev.recur.engine.numeric;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Unconstrained minimisation by the BFGS variable-metric method with numerical gradients, the method R's
 * {@code arima} fits with ({@code optim(method = "BFGS")}, Nash's variable-metric algorithm 21, 1990): from the
 * identity, the inverse Hessian is updated by BFGS after each step; the step along {@code −H g} is found by
 * backtracking from 1 by a factor 0.2 until it lowers the function by at least 10⁻⁴ of the decrease the slope
 * predicts; when a step no longer lowers the function by a relative {@code tolerance}, or cannot go downhill, the
 * metric is reset to the identity, and when that happens from the identity itself the search ends. The metric is
 * also reset every 2n + 1 gradients, and when a step's curvature is not positive. Gradients are central differences
 * with a fixed step (one-sided where the other side is not finite); a step to a non-finite value is rejected.
 *
 * <p>On the smooth likelihoods of ARIMA with a handful of coefficients it needs a fraction of the evaluations of
 * a Nelder-Mead simplex driven to a comparable precision. No well-kept Java library has it: commons-math3 offers
 * Nelder-Mead, BOBYQA, CMA-ES and nonlinear conjugate gradients, but no quasi-Newton method.
 */
public final class QuasiNewton {

    /** R's {@code reltol}: the square root of the double precision. */
    public static final double TOLERANCE = 1.490116119384765625e-8;
    /** R's {@code ndeps}: the central differences' step. */
    public static final double GRADIENT_STEP = 1e-3;
    /** R's {@code maxit} for BFGS: most gradients. */
    public static final int GRADIENTS = 100;

    /** The fraction of the predicted decrease an accepted step achieves (Armijo). */
    private static final double ACCEPT = 1e-4;
    /** How much a rejected step shrinks. */
    private static final double SHRINK = 0.2;
    /** A coordinate x is unmoved when {@code UNMOVED + x} is the same double after the step. */
    private static final double UNMOVED = 10.0;

    /**
     * Where a search ended.
     *
     * @param point       the lowest point found
     * @param value       the function there
     * @param evaluations function evaluations besides the gradients' (as R's {@code counts["function"]})
     * @param gradients   gradients computed, each 2n evaluations (as R's {@code counts["gradient"]})
     * @param converged   whether it stopped before the gradient limit (R's {@code convergence} 0; 1 when the limit
     *                    ended it)
     */
    public record Result(double[] point, double value, int evaluations, int gradients, boolean converged) {
    }

    private QuasiNewton() {
    }

    /** {@link #minimise(ToDoubleFunction, double[], double, double, int)} with R's defaults. */
    public static Result minimise(ToDoubleFunction<double[]> f, double[] start) {
        return minimise(f, start, TOLERANCE, GRADIENT_STEP, GRADIENTS);
    }

    /**
     * The minimum found from {@code start}; null when the function is not finite there.
     *
     * @param f          the function; +∞ or NaN marks a point outside its domain
     * @param start      the starting point (not modified)
     * @param tolerance  relative decrease below which a step counts as no progress
     * @param gradStep   the central differences' step
     * @param gradients  most gradients
     */
    public static Result minimise(ToDoubleFunction<double[]> f, double[] start, double tolerance, double gradStep,
                           int gradients) {
        int n = start.length;
        double[] x = start.clone();
        double fx = f.applyAsDouble(x);
        if (!Double.isFinite(fx)) {
            return null;
        }
        int evaluations = 1;
        if (n == 0) {
            return new Result(x, fx, evaluations, 0, true);
        }
        double[] g = gradient(f, x, gradStep);
        if (g == null) {
            return new Result(x, fx, evaluations, 1, 1 < gradients);
        }
        int computed = 1;
        // the inverse Hessian's lower triangle (h[i][j], j <= i)
        double[][] h = new double[n][];
        for (int i = 0; i < n; i++) {
            h[i] = new double[i + 1];
        }
        double[] d = new double[n];
        double[] from = new double[n];
        double[] hy = new double[n];
        double[] y = new double[n];
        int sinceReset = 0;
        boolean reset = true;
        while (true) {
            if (reset) {
                for (int i = 0; i < n; i++) {
                    Arrays.fill(h[i], 0);
                    h[i][i] = 1;
                }
                sinceReset = 0;
                reset = false;
            }
            double slope = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s -= (j <= i ? h[i][j] : h[j][i]) * g[j];
                }
                d[i] = s;
                slope += s * g[i];
            }
            boolean progress = false;
            if (slope < 0) {
                System.arraycopy(x, 0, from, 0, n);
                double step = 1;
                double ft = Double.NaN;
                boolean accepted = false;
                while (true) {
                    int unmoved = 0;
                    for (int i = 0; i < n; i++) {
                        x[i] = from[i] + step * d[i];
                        if (UNMOVED + from[i] == UNMOVED + x[i]) {
                            unmoved++;
                        }
                    }
                    if (unmoved == n) {
                        break;
                    }
                    ft = f.applyAsDouble(x);
                    evaluations++;
                    if (Double.isFinite(ft) && ft <= fx + slope * step * ACCEPT) {
                        accepted = true;
                        break;
                    }
                    step *= SHRINK;
                }
                // a step that lowers the function by too little ends the stretch (it is kept all the same); as in
                // R, a last rejected trial that close to the current value becomes the value to beat
                boolean within = Double.isFinite(ft) && Math.abs(ft - fx) <= tolerance * (Math.abs(fx) + tolerance);
                progress = accepted && !within;
                if (accepted || within) {
                    fx = ft;
                }
                if (progress) {
                    double[] gn = gradient(f, x, gradStep);
                    computed++;
                    if (gn == null) {
                        return new Result(x, fx, evaluations, computed, computed < gradients);
                    }
                    sinceReset++;
                    // BFGS: s = step·d, y = the gradient's change
                    double sy = 0;
                    for (int i = 0; i < n; i++) {
                        d[i] *= step;
                        y[i] = gn[i] - g[i];
                        sy += d[i] * y[i];
                    }
                    g = gn;
                    if (sy > 0) {
                        double yhy = 0;
                        for (int i = 0; i < n; i++) {
                            double v = 0;
                            for (int j = 0; j < n; j++) {
                                v += (j <= i ? h[i][j] : h[j][i]) * y[j];
                            }
                            hy[i] = v;
                            yhy += v * y[i];
                        }
                        double c = 1 + yhy / sy;
                        for (int i = 0; i < n; i++) {
                            for (int j = 0; j <= i; j++) {
                                h[i][j] += (c * d[i] * d[j] - hy[i] * d[j] - d[i] * hy[j]) / sy;
                            }
                        }
                    } else {
                        reset = true;
                    }
                }
            }
            if (!progress) {
                // from the identity (steepest descent) that is the minimum; otherwise the metric starts afresh
                if (sinceReset == 0) {
                    return new Result(x, fx, evaluations, computed, computed < gradients);
                }
                reset = true;
            }
            if (computed >= gradients) {
                return new Result(x, fx, evaluations, computed, computed < gradients);
            }
            if (sinceReset > 2 * n) {
                reset = true;
            }
        }
    }

    /** Central differences, one-sided where the other side is not finite; null when neither side is. */
    private static double[] gradient(ToDoubleFunction<double[]> f, double[] x, double step) {
        int n = x.length;
        double[] g = new double[n];
        double[] p = x.clone();
        double centre = Double.NaN;
        for (int i = 0; i < n; i++) {
            p[i] = x[i] + step;
            double up = f.applyAsDouble(p);
            p[i] = x[i] - step;
            double down = f.applyAsDouble(p);
            p[i] = x[i];
            if (Double.isFinite(up) && Double.isFinite(down)) {
                g[i] = (up - down) / (2 * step);
            } else {
                if (Double.isNaN(centre)) {
                    centre = f.applyAsDouble(x);
                }
                if (Double.isFinite(up)) {
                    g[i] = (up - centre) / step;
                } else if (Double.isFinite(down)) {
                    g[i] = (centre - down) / step;
                } else {
                    return null;
                }
            }
        }
        return g;
    }
}
