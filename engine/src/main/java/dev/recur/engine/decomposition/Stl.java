package dev.recur.engine.decomposition;

/**
 * Seasonal-trend decomposition by loess (Cleveland, Cleveland, McRae &amp; Terpenning 1990) with the defaults of R's
 * {@code stl(x, s.window = 11)} as {@code forecast::mstl} calls it, plain or robust:
 * seasonal smoother of degree 0 over 11 cycles, trend window the next odd integer above
 * {@code 1.5·m / (1 − 1.5/11)}, low-pass window the next odd integer above m, two inner passes, and loess
 * evaluated every {@code ceil(window/10)} points with linear interpolation between.
 */
public final class Stl {

    /**
     * A decomposition {@code y = trend + seasonal + remainder}.
     *
     * @param trend     the trend-cycle
     * @param seasonal  the seasonal component
     * @param remainder what is left
     */
    public record Decomposition(double[] trend, double[] seasonal, double[] remainder) {
    }

    private Stl() {
    }

    /** Decomposes {@code y} (more than two periods long) with seasonal period {@code period} (at least 2). */
    public static Decomposition decompose(double[] y, int period) {
        return decompose(y, period, false);
    }

    /**
     * Decomposes {@code y} as {@link #decompose(double[], int)}, or with {@code robust} as R's {@code stl(x, s.window =
     * 11, robust = TRUE)}: one inner pass, then 15 more, each with robustness weights from the last fit's remainders
     * (bisquare of the remainder over six times their median absolute value), which the seasonal and trend smoothers
     * take, so that a few wild values barely bend the seasonal and trend components.
     */
    public static Decomposition decompose(double[] y, int period, boolean robust) {
        return decompose(y, period, robust ? 1 : 2, robust ? 15 : 0);
    }

    /** {@link #decompose(double[], int, boolean)} with R's {@code inner} and {@code outer} passes. */
    static Decomposition decompose(double[] y, int period, int inner, int outer) {
        int n = y.length;
        if (period < 2 || n <= 2 * period) {
            throw new IllegalArgumentException("STL needs a period of at least 2 and more than two periods of data");
        }
        int sWindow = 11;
        int sDegree = 0;
        int tWindow = nextOdd(Math.ceil(1.5 * period / (1 - 1.5 / sWindow)));
        int lWindow = nextOdd(period);
        int tDegree = 1;
        int lDegree = 1;
        int sJump = (int) Math.ceil(sWindow / 10.0);
        int tJump = (int) Math.ceil(tWindow / 10.0);
        int lJump = (int) Math.ceil(lWindow / 10.0);
        double[] trend = new double[n];
        double[] season = new double[n];
        double[] detrended = new double[n];
        double[] cycle = new double[n + 2 * period];
        double[] rw = null;
        for (int step = 0; step <= outer; step++) {
            for (int pass = 0; pass < inner; pass++) {
                for (int i = 0; i < n; i++) {
                    detrended[i] = y[i] - trend[i];
                }
                subseriesSmooth(detrended, n, period, sWindow, sDegree, sJump, rw, cycle);
                double[] low = lowPass(cycle, n + 2 * period, period);
                double[] lowSmooth = new double[n];
                loess(low, n, lWindow, lDegree, lJump, null, lowSmooth);
                for (int i = 0; i < n; i++) {
                    season[i] = cycle[period + i] - lowSmooth[i];
                }
                double[] deseason = new double[n];
                for (int i = 0; i < n; i++) {
                    deseason[i] = y[i] - season[i];
                }
                loess(deseason, n, tWindow, tDegree, tJump, rw, trend);
            }
            if (step < outer) {
                rw = robustnessWeights(y, trend, season);
            }
        }
        double[] rem = new double[n];
        for (int i = 0; i < n; i++) {
            rem[i] = y[i] - trend[i] - season[i];
        }
        return new Decomposition(trend, season, rem);
    }

    /**
     * Seasonal strength {@code max(0, min(1, 1 − Var(R)/Var(S + R)))} of the STL decomposition (Wang, Smith
     * &amp; Hyndman 2006), as R's {@code forecast:::seas.heuristic}.
     */
    public static double seasonalStrength(double[] y, int period) {
        Decomposition d = decompose(y, period);
        int n = y.length;
        double[] sr = new double[n];
        for (int i = 0; i < n; i++) {
            sr[i] = d.remainder()[i] + d.seasonal()[i];
        }
        double vsr = variance(sr);
        return vsr <= 0 ? 0 : Math.max(0, Math.min(1, 1 - variance(d.remainder()) / vsr));
    }

    private static double variance(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return v.length > 1 ? s / (v.length - 1) : 0;
    }

    private static int nextOdd(double x) {
        int r = (int) Math.round(x);
        return r % 2 == 0 ? r + 1 : r;
    }

    /**
     * Bisquare robustness weights of the remainders {@code r = y − trend − season}: 1 up to a thousandth of
     * {@code h = 6·median|r|}, {@code (1 − (r/h)²)²} up to 0.999·h, 0 beyond (R's {@code stl}, Fortran {@code stlrwt};
     * its median of an even count is the mean of the two middle values, found as R finds them).
     */
    private static double[] robustnessWeights(double[] y, double[] trend, double[] season) {
        int n = y.length;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = Math.abs(y[i] - trend[i] - season[i]);
            if (Double.isNaN(r[i])) {
                // a fit that overflowed: no weights can be judged (and the partial sort needs ordered values)
                double[] ones = new double[n];
                java.util.Arrays.fill(ones, 1);
                return ones;
            }
        }
        // the "median" as R's stl takes it: a partial sort (ACM Algorithm 410) asked for the two middle positions,
        // the larger first; the algorithm expects them in ascending order, and so given, it sometimes leaves other
        // values there (a daily series of 140 values: 6 × 0.2582 where the sorted values give 6 × 0.2457). It is
        // followed here, so that the decomposition is R's to the last digits
        double[] partly = new double[n + 1];
        System.arraycopy(r, 0, partly, 1, n);
        int mid1 = n / 2 + 1;
        int mid2 = n - mid1 + 1;
        partialSort(partly, n, new int[]{0, mid1, mid2});
        double h = 3.0 * (partly[mid1] + partly[mid2]);
        double h9 = 0.999 * h;
        double h1 = 0.001 * h;
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            if (r[i] <= h1) {
                w[i] = 1;
            } else if (r[i] <= h9) {
                double u = r[i] / h;
                w[i] = (1 - u * u) * (1 - u * u);
            }
        }
        return w;
    }

    /**
     * Partial sorting (J. M. Chambers, CACM Algorithm 410, 1971): reorders {@code a[1..n]} (1-based; {@code a[0]}
     * unused) so that each position {@code ind[1..]} holds what a full sort would put there, when {@code ind} is
     * ascending. Quicksort partitions around the median of three, recursing (by an explicit stack) only into the
     * parts that hold a wanted position, and insertion sort for parts of at most 11 values. Written as a state machine
     * over the published algorithm's steps, so that it leaves every value where the original leaves it, also for the
     * descending {@code ind} R's {@code stl} gives it.
     */
    static void partialSort(double[] a, int n, int[] ind) {
        int ni = ind.length - 1;
        if (n < 2 || ni <= 0) {
            return;
        }
        int[] indu = new int[17];
        int[] indl = new int[17];
        int[] iu = new int[17];
        int[] il = new int[17];
        int jl = 1;
        int ju = ni;
        indl[1] = 1;
        indu[1] = ni;
        int i = 1;
        int j = n;
        int m = 1;
        int k = 0;
        int l = 0;
        double t;
        final int start = 0;
        final int pop = 1;
        final int check = 2;
        final int split = 3;
        final int small = 4;
        int step = start;
        while (true) {
            switch (step) {
                case start -> step = i < j ? split : pop;
                case pop -> {
                    m--;
                    if (m == 0) {
                        return;
                    }
                    i = il[m];
                    j = iu[m];
                    jl = indl[m];
                    ju = indu[m];
                    step = jl <= ju ? check : pop;
                }
                case check -> step = j - i > 10 ? split : small;
                case split -> {
                    k = i;
                    int ij = (i + j) / 2;
                    t = a[ij];
                    if (a[i] > t) {
                        a[ij] = a[i];
                        a[i] = t;
                        t = a[ij];
                    }
                    l = j;
                    if (a[j] < t) {
                        a[ij] = a[j];
                        a[j] = t;
                        t = a[ij];
                        if (a[i] > t) {
                            a[ij] = a[i];
                            a[i] = t;
                            t = a[ij];
                        }
                    }
                    while (true) {
                        l--;
                        if (a[l] <= t) {
                            double tt = a[l];
                            do {
                                k++;
                            } while (!(a[k] >= t));
                            if (k > l) {
                                break;
                            }
                            a[l] = a[k];
                            a[k] = tt;
                        }
                    }
                    indl[m] = jl;
                    indu[m] = ju;
                    int p = m;
                    m++;
                    step = check;
                    if (l - i <= j - k) {
                        il[p] = k;
                        iu[p] = j;
                        j = l;
                        while (true) {
                            if (jl > ju) {
                                step = pop;
                                break;
                            }
                            if (ind[ju] > j) {
                                ju--;
                            } else {
                                indl[p] = ju + 1;
                                break;
                            }
                        }
                    } else {
                        il[p] = i;
                        iu[p] = l;
                        i = k;
                        while (true) {
                            if (jl > ju) {
                                step = pop;
                                break;
                            }
                            if (ind[jl] < i) {
                                jl++;
                            } else {
                                indu[p] = jl - 1;
                                break;
                            }
                        }
                    }
                }
                default -> {
                    // small: insertion sort of a[i..j], a[i − 1] bounding it from below
                    if (i != 1) {
                        i--;
                        step = pop;
                        while (true) {
                            i++;
                            if (i == j) {
                                break;
                            }
                            t = a[i + 1];
                            if (a[i] > t) {
                                k = i;
                                do {
                                    a[k + 1] = a[k];
                                    k--;
                                } while (!(t >= a[k]));
                                a[k + 1] = t;
                            }
                        }
                    } else {
                        step = start;
                    }
                }
            }
        }
    }

    /**
     * Smooths each cycle-subseries, extended by one point at each end, into {@code out} (length n + 2·period), with
     * the robustness weights {@code rw} of its points (null: none).
     */
    private static void subseriesSmooth(double[] y, int n, int period, int window, int degree, int jump, double[] rw,
                                        double[] out) {
        for (int j = 0; j < period; j++) {
            int k = (n - j - 1) / period + 1;
            double[] sub = new double[k];
            double[] subWeights = rw == null ? null : new double[k];
            for (int i = 0; i < k; i++) {
                sub[i] = y[i * period + j];
                if (rw != null) {
                    subWeights[i] = rw[i * period + j];
                }
            }
            double[] smooth = new double[k + 2];
            double[] inner = new double[k];
            loess(sub, k, window, degree, jump, subWeights, inner);
            System.arraycopy(inner, 0, smooth, 1, k);
            double[] w = new double[k];
            double v = estimate(sub, k, window, degree, 0, 1, Math.min(window, k), subWeights, w);
            smooth[0] = Double.isNaN(v) ? smooth[1] : v;
            v = estimate(sub, k, window, degree, k + 1, Math.max(1, k - window + 1), k, subWeights, w);
            smooth[k + 1] = Double.isNaN(v) ? smooth[k] : v;
            for (int i = 0; i < k + 2; i++) {
                out[i * period + j] = smooth[i];
            }
        }
    }

    /** Moving averages of lengths period, period and 3: a series of {@code len − 2·period} values. */
    private static double[] lowPass(double[] x, int len, int period) {
        double[] a = movingAverage(x, len, period);
        double[] b = movingAverage(a, len - period + 1, period);
        return movingAverage(b, len - 2 * period + 2, 3);
    }

    private static double[] movingAverage(double[] x, int n, int len) {
        int out = n - len + 1;
        double[] ave = new double[out];
        double v = 0;
        for (int i = 0; i < len; i++) {
            v += x[i];
        }
        ave[0] = v / len;
        for (int j = 1; j < out; j++) {
            v = v - x[j - 1] + x[j + len - 1];
            ave[j] = v / len;
        }
        return ave;
    }

    /**
     * Loess of {@code y[0..n)} at every point (1-based positions), evaluated every {@code jump} points, each point
     * weighed by its robustness weight {@code rw} too (null: none).
     */
    private static void loess(double[] y, int n, int len, int degree, int jump, double[] rw, double[] ys) {
        if (n < 2) {
            ys[0] = y[0];
            return;
        }
        int newJump = Math.min(jump, n - 1);
        double[] w = new double[n];
        if (len >= n) {
            for (int i = 1; i <= n; i += newJump) {
                double v = estimate(y, n, len, degree, i, 1, n, rw, w);
                ys[i - 1] = Double.isNaN(v) ? y[i - 1] : v;
            }
        } else if (newJump == 1) {
            int half = (len + 1) / 2;
            int left = 1;
            int right = len;
            for (int i = 1; i <= n; i++) {
                if (i > half && right != n) {
                    left++;
                    right++;
                }
                double v = estimate(y, n, len, degree, i, left, right, rw, w);
                ys[i - 1] = Double.isNaN(v) ? y[i - 1] : v;
            }
        } else {
            int half = (len + 1) / 2;
            for (int i = 1; i <= n; i += newJump) {
                int left;
                int right;
                if (i < half) {
                    left = 1;
                    right = len;
                } else if (i >= n - half + 1) {
                    left = n - len + 1;
                    right = n;
                } else {
                    left = i - half + 1;
                    right = len + i - half;
                }
                double v = estimate(y, n, len, degree, i, left, right, rw, w);
                ys[i - 1] = Double.isNaN(v) ? y[i - 1] : v;
            }
        }
        if (newJump != 1) {
            for (int i = 1; i <= n - newJump; i += newJump) {
                double delta = (ys[i + newJump - 1] - ys[i - 1]) / newJump;
                for (int j = i + 1; j < i + newJump; j++) {
                    ys[j - 1] = ys[i - 1] + delta * (j - i);
                }
            }
            int k = ((n - 1) / newJump) * newJump + 1;
            if (k != n) {
                double v = estimate(y, n, len, degree, n, Math.max(1, n - len + 1), n, rw, w);
                ys[n - 1] = Double.isNaN(v) ? y[n - 1] : v;
                if (k != n - 1) {
                    double delta = (ys[n - 1] - ys[k - 1]) / (n - k);
                    for (int j = k + 1; j < n; j++) {
                        ys[j - 1] = ys[k - 1] + delta * (j - k);
                    }
                }
            }
        }
    }

    /**
     * The loess fit at position {@code xs} (1-based) from the points {@code left..right} with tricube weights (times
     * the robustness weights {@code rw}, when given), locally constant (degree 0) or linear (1); NaN when every weight
     * is zero.
     */
    private static double estimate(double[] y, int n, int len, int degree, double xs, int left, int right, double[] rw,
                                   double[] w) {
        double range = n - 1.0;
        double h = Math.max(xs - left, right - xs);
        if (len > n) {
            h += (len - n) / 2;
        }
        double h9 = 0.999 * h;
        double h1 = 0.001 * h;
        double a = 0;
        for (int j = left; j <= right; j++) {
            w[j - 1] = 0;
            double r = Math.abs(j - xs);
            if (r <= h9) {
                if (r <= h1) {
                    w[j - 1] = 1;
                } else {
                    double u = r / h;
                    u = 1 - u * u * u;
                    w[j - 1] = u * u * u;
                }
                if (rw != null) {
                    w[j - 1] *= rw[j - 1];
                }
                a += w[j - 1];
            }
        }
        if (a <= 0) {
            return Double.NaN;
        }
        for (int j = left; j <= right; j++) {
            w[j - 1] /= a;
        }
        if (h > 0 && degree > 0) {
            a = 0;
            for (int j = left; j <= right; j++) {
                a += w[j - 1] * j;
            }
            double b = xs - a;
            double c = 0;
            for (int j = left; j <= right; j++) {
                c += w[j - 1] * (j - a) * (j - a);
            }
            if (Math.sqrt(c) > 0.001 * range) {
                b /= c;
                for (int j = left; j <= right; j++) {
                    w[j - 1] *= b * (j - a) + 1;
                }
            }
        }
        double v = 0;
        for (int j = left; j <= right; j++) {
            v += w[j - 1] * y[j - 1];
        }
        return v;
    }
}
