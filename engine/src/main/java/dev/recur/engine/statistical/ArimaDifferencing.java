package dev.recur.engine.statistical;

import dev.recur.engine.decomposition.Stl;

/**
 * The differences of ARIMA ({@link Arima}): how many the series needs (non-seasonal ones by repeated KPSS tests, as R's
 * {@code ndiffs}; a seasonal one by the seasonal strength, as R's {@code nsdiffs(test = "seas")}), taking them, and
 * undoing them on a forecast of the differenced series.
 */
final class ArimaDifferencing {

    private ArimaDifferencing() {
    }

    /** Whether every value of {@code y} is its first. */
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

    /** {@code y} differenced {@code bigD} times at lag {@code m}, then {@code d} times at lag 1. */
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
