package dev.recur.engine.tribuo;

import org.tribuo.MutableDataset;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.Example;
import org.tribuo.sequence.MutableSequenceDataset;
import org.tribuo.sequence.SequenceExample;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic windowed and sequence data for the Tribuo tests. */
final class TribuoTestData {

    static final RegressionFactory FACTORY = new RegressionFactory();

    private TribuoTestData() {
    }

    /** A noisy seasonal series (period 12) with a trend, length n. */
    static double[] seasonal(int n, long seed) {
        Random r = new Random(seed);
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 50 + 0.05 * t + 10 * Math.sin(2 * Math.PI * t / 12) + 4 * Math.cos(2 * Math.PI * t / 6)
                    + r.nextGaussian();
        }
        return y;
    }

    /**
     * Windowed examples of {@code y}: features {@code y@t-0 … y@t-(window-1)}, outputs {@code y@t+1 … y@t+h},
     * in time order, from {@code from} (inclusive) to {@code to} (exclusive) forecast origins.
     */
    static List<Example<Regressor>> windows(double[] y, int window, int horizon, int from, int to) {
        List<Example<Regressor>> out = new ArrayList<>();
        String[] dims = new String[horizon];
        for (int k = 0; k < horizon; k++) {
            dims[k] = "y@t+" + (k + 1);
        }
        for (int origin = Math.max(from, window - 1); origin < to && origin + horizon < y.length; origin++) {
            double[] target = new double[horizon];
            for (int k = 0; k < horizon; k++) {
                target[k] = y[origin + 1 + k];
            }
            ArrayExample<Regressor> e = new ArrayExample<>(new Regressor(dims, target));
            for (int lag = 0; lag < window; lag++) {
                e.add(WindowLayout.featureName("y", lag), y[origin - lag]);
            }
            out.add(e);
        }
        return out;
    }

    static MutableDataset<Regressor> dataset(List<Example<Regressor>> examples, String name) {
        SimpleDataSourceProvenance p = new SimpleDataSourceProvenance(name, OffsetDateTime.parse("2026-01-01T00:00Z"),
                FACTORY);
        return new MutableDataset<>(new ListDataSource<>(examples, FACTORY, p));
    }

    /**
     * Two random input channels x and z; the target is {@code 2·x@t-0 − x@t-1}, so z is irrelevant and x's
     * latest value matters most.
     */
    static List<Example<Regressor>> relevance(int n, int window, long seed) {
        Random r = new Random(seed);
        List<Example<Regressor>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[window];
            double[] z = new double[window];
            ArrayExample<Regressor> e = null;
            for (int lag = 0; lag < window; lag++) {
                x[lag] = r.nextGaussian();
                z[lag] = r.nextGaussian();
            }
            e = new ArrayExample<>(new Regressor("target", 2 * x[0] - x[1]));
            for (int lag = 0; lag < window; lag++) {
                e.add("x@t-" + lag, x[lag]);
                e.add("z@t-" + lag, z[lag]);
            }
            out.add(e);
        }
        return out;
    }

    /**
     * Sequences of a random input u with two per-step targets: a leaky accumulator
     * {@code s_t = 0.6·s_{t−1} + u_t} and the previous input {@code u_{t−1}} (0 at the first step). Lengths
     * vary from 8 to 24.
     */
    static MutableSequenceDataset<Regressor> sequences(int n, long seed) {
        Random r = new Random(seed);
        MutableSequenceDataset<Regressor> data = new MutableSequenceDataset<>(
                new SimpleDataSourceProvenance("sequences-" + seed, OffsetDateTime.parse("2026-01-01T00:00Z"), FACTORY),
                FACTORY);
        for (int i = 0; i < n; i++) {
            int len = 8 + r.nextInt(17);
            List<Example<Regressor>> steps = new ArrayList<>();
            double s = 0;
            double prev = 0;
            for (int t = 0; t < len; t++) {
                double u = r.nextGaussian();
                s = 0.6 * s + u;
                ArrayExample<Regressor> e = new ArrayExample<>(new Regressor(new String[]{"acc", "prev"},
                        new double[]{s, prev}));
                e.add("u", u);
                e.add("bias", 1.0);
                steps.add(e);
                prev = u;
            }
            data.add(new SequenceExample<>(steps));
        }
        return data;
    }
}
