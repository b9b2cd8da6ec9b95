package dev.recur.engine.numeric;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * One Nelder-Mead run of commons-math3 that keeps the lowest point it evaluated, also when it runs out of
 * evaluations (commons-math then throws, and its own answer is lost). ETS and the dynamic optimised Theta model fit
 * with it, and restart it from its end, since the simplex often stops short of the minimum.
 */
public final class SimplexSearch {

    /** The lowest value a run found, and where. */
    public record Minimum(double value, double[] point) {
    }

    private SimplexSearch() {
    }

    /**
     * Nelder-Mead from {@code start} with initial steps {@code steps}, stopping when the best value changes by less
     * than {@code relative} of itself or {@code absolute}, or after {@code evaluations}: the lowest point evaluated, or
     * null when no value is finite.
     */
    public static Minimum minimise(MultivariateFunction f, double[] start, double[] steps, double relative, double absolute,
                            int evaluations) {
        double[] bestValue = {Double.POSITIVE_INFINITY};
        double[][] bestPoint = {start.clone()};
        MultivariateFunction tracked = u -> {
            double v = f.value(u);
            if (v < bestValue[0]) {
                bestValue[0] = v;
                bestPoint[0] = u.clone();
            }
            return v;
        };
        try {
            new SimplexOptimizer(relative, absolute).optimize(new MaxEval(evaluations), new ObjectiveFunction(tracked),
                    GoalType.MINIMIZE, new InitialGuess(start), new NelderMeadSimplex(steps));
        } catch (TooManyEvaluationsException e) {
            // keep the best point seen
        }
        return Double.isFinite(bestValue[0]) ? new Minimum(bestValue[0], bestPoint[0]) : null;
    }
}
