package dev.recur.connectors.series;

import dev.recur.connectors.DataException;

import java.util.Arrays;

/**
 * One series being read, in file order: its values (8 bytes each), and its times and line numbers as
 * arithmetic runs (a regular series in consecutive lines is one run of each, whatever its length).
 */
final class SeriesRows {
    final String id;
    RunLengthLongs t = new RunLengthLongs();
    double[] v = new double[64];
    /** Covariate values, one array per covariate, as long as {@code v}. */
    double[][] cov;
    RunLengthLongs lines = new RunLengthLongs();
    int n;
    /** Why the series cannot be read, or null. */
    DataException problem;

    SeriesRows(String id, int covariates) {
        this.id = id;
        this.cov = new double[covariates][64];
    }

    void add(long time, double value, double[] covs, int ln) {
        if (n == v.length) {
            v = Arrays.copyOf(v, n + (n >> 1));
            for (int j = 0; j < cov.length; j++) {
                cov[j] = Arrays.copyOf(cov[j], v.length);
            }
        }
        t.add(time);
        v[n] = value;
        for (int j = 0; j < cov.length; j++) {
            cov[j][n] = covs == null ? Double.NaN : covs[j];
        }
        lines.add(ln);
        n++;
    }

    long t(int i) {
        return t.get(i);
    }

    /** Lets go of the values of a series that will be left out. */
    void release() {
        t = new RunLengthLongs();
        v = new double[0];
        cov = null;
        lines = new RunLengthLongs();
        n = 0;
    }

    int line(int i) {
        return (int) lines.get(i);
    }
}
