package dev.recur.engine.numeric;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * BFGS against R's {@code optim(method = "BFGS")}: {@code r-reference/bfgs-r.csv} holds what R 4.x returned on four
 * test functions (written by {@code r-reference/bfgs-r.R}): the point, the value and the counts of evaluations and
 * gradients. The same algorithm takes the same path, so the counts agree exactly and the points to rounding.
 */
class QuasiNewtonTest {

    private static final Map<String, ToDoubleFunction<double[]>> FUNCTIONS = new HashMap<>();

    static {
        FUNCTIONS.put("rosenbrock", x -> 100 * sq(x[1] - sq(x[0])) + sq(1 - x[0]));
        FUNCTIONS.put("wood", x -> 100 * sq(x[1] - sq(x[0])) + sq(1 - x[0]) + 90 * sq(x[3] - sq(x[2])) + sq(1 - x[2])
                + 10.1 * (sq(x[1] - 1) + sq(x[3] - 1)) + 19.8 * (x[1] - 1) * (x[3] - 1));
        // +∞ outside the positive quadrant: the first steps overshoot into it and must be shortened
        FUNCTIONS.put("barrier", x -> x[0] <= 0 || x[1] <= 0 ? Double.POSITIVE_INFINITY
                : -Math.log(x[0]) - 2 * Math.log(x[1]) + x[0] + x[1] + 0.5 * x[0] * x[1]);
        // as the R script writes it, term by term, so that both round alike
        FUNCTIONS.put("quadratic3", x -> {
            double d1 = x[0] - 1;
            double d2 = x[1] + 2;
            double d3 = x[2] - 0.5;
            return d1 * (4 * d1 + 1 * d2 + 0.5 * d3) + d2 * (1 * d1 + 3 * d2 + 0.2 * d3)
                    + d3 * (0.5 * d1 + 0.2 * d2 + 2 * d3)
                    + 0.1 * (x[0] * x[0] * x[0] * x[0] + x[1] * x[1] * x[1] * x[1] + x[2] * x[2] * x[2] * x[2]);
        });
    }

    private static double sq(double v) {
        return v * v;
    }

    @Test
    void followsRsBfgsToTheSameMinimaWithTheSameCounts() throws IOException {
        List<String> lines;
        try (InputStream in = QuasiNewtonTest.class.getResourceAsStream("/r-reference/bfgs-r.csv")) {
            assertNotNull(in);
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
        }
        assertEquals(FUNCTIONS.size(), lines.size());
        for (String line : lines) {
            String[] f = line.split(",");
            double[] start = numbers(f[1]);
            double[] expected = numbers(f[2]);
            QuasiNewton.Result r = QuasiNewton.minimise(FUNCTIONS.get(f[0]), start);
            assertNotNull(r, f[0]);
            assertArrayEquals(expected, r.point(), 1e-9, f[0] + " point");
            assertEquals(Double.parseDouble(f[3]), r.value(), 1e-12 * Math.max(1, Math.abs(r.value())), f[0]);
            assertEquals(Integer.parseInt(f[4]), r.evaluations(), f[0] + " evaluations");
            assertEquals(Integer.parseInt(f[5]), r.gradients(), f[0] + " gradients");
            assertEquals(0, Integer.parseInt(f[6]), f[0] + ": R converged");
            assertTrue(r.converged(), f[0] + " converged");
        }
    }

    @Test
    void theStartIsNotModifiedAndAnInfiniteStartHasNoMinimum() {
        double[] start = {-1.2, 1};
        QuasiNewton.Result r = QuasiNewton.minimise(FUNCTIONS.get("rosenbrock"), start);
        assertArrayEquals(new double[]{-1.2, 1}, start);
        assertTrue(r.value() < 1e-6, "Rosenbrock's minimum is 0: " + r.value());
        assertNull(QuasiNewton.minimise(FUNCTIONS.get("barrier"), new double[]{-1, 1}));
        QuasiNewton.Result none = QuasiNewton.minimise(x -> 3.5, new double[0]);
        assertEquals(3.5, none.value());
        assertEquals(0, none.point().length);
    }

    @Test
    void stopsAtTheGradientLimit() {
        QuasiNewton.Result r = QuasiNewton.minimise(FUNCTIONS.get("rosenbrock"), new double[]{-1.2, 1},
                QuasiNewton.TOLERANCE, QuasiNewton.GRADIENT_STEP, 5);
        assertEquals(5, r.gradients());
        assertTrue(r.value() > 1e-3, "five gradients are not enough to reach the minimum: " + r.value());
        // R: optim(c(-1.2, 1), rosenbrock, method = "BFGS", control = list(maxit = 5)): counts 16 and 5,
        // convergence 1
        assertArrayEquals(new double[]{-0.59872274454629648, 0.4108768516645776}, r.point(), 1e-9);
        assertEquals(2.8305734933655939, r.value(), 1e-12);
        assertEquals(16, r.evaluations());
        assertFalse(r.converged(), "the gradient limit ended it");
    }

    private static double[] numbers(String s) {
        String[] p = s.trim().split(" ");
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Double.parseDouble(p[i]);
        }
        return out;
    }
}
