package dev.recur.engine.statistical;

import dev.recur.engine.decomposition.Seasonality;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.numeric.ExtremeUnits;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The classic benchmark methods: naive, seasonal naive, drift, mean and M4's Naive2 (naive on the
 * seasonally adjusted series). Each forecasts every series on its own.
 */
public final class Baselines {

    private Baselines() {
    }

    /** A forecaster from a per-series function. */
    abstract static class Local implements Forecaster {
        private final String name;

        Local(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        abstract double[] one(double[] y, int horizon, int season);

        @Override
        public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
            if (horizon < 1) {
                throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
            }
            List<double[]> out = new ArrayList<>(history.size());
            for (TimeSeries s : history) {
                if (s.length() < minimumLength(horizon, season)) {
                    throw new IllegalArgumentException("series " + Shorten.quoted(s.id()) + " has " + s.length() + " values; "
                            + name + " needs at least " + minimumLength(horizon, season));
                }
                out.add(ExtremeUnits.forecast(s.values(), y -> one(y, horizon, season)));
            }
            return out;
        }
    }

    /** The last value, repeated. */
    public static Forecaster naive() {
        return new Local("naive") {
            @Override
            double[] one(double[] y, int h, int m) {
                double[] f = new double[h];
                java.util.Arrays.fill(f, y[y.length - 1]);
                return f;
            }
        };
    }

    /** The last season, repeated (naive when the history is shorter than a season). */
    public static Forecaster seasonalNaive() {
        return new Local("snaive") {
            @Override
            double[] one(double[] y, int h, int m) {
                int season = m >= 1 && y.length >= m ? m : 1;
                double[] f = new double[h];
                for (int i = 0; i < h; i++) {
                    f[i] = y[y.length - season + i % season];
                }
                return f;
            }
        };
    }

    /** The last value plus the average change per step. */
    public static Forecaster drift() {
        return new Local("drift") {
            @Override
            double[] one(double[] y, int h, int m) {
                double slope = y.length > 1 ? (y[y.length - 1] - y[0]) / (y.length - 1) : 0;
                double[] f = new double[h];
                for (int i = 0; i < h; i++) {
                    f[i] = y[y.length - 1] + slope * (i + 1);
                }
                return f;
            }
        };
    }

    /** The mean of the history. */
    public static Forecaster mean() {
        return new Local("mean") {
            @Override
            double[] one(double[] y, int h, int m) {
                double s = 0;
                for (double v : y) {
                    s += v;
                }
                double[] f = new double[h];
                java.util.Arrays.fill(f, s / y.length);
                return f;
            }
        };
    }

    /**
     * M4's Naive2: if the series passes the 90% seasonality test, divide out classical multiplicative
     * seasonal indices, forecast the last adjusted value, and multiply the indices back.
     */
    public static Forecaster naive2() {
        return new Local("naive2") {
            @Override
            double[] one(double[] y, int h, int m) {
                double[] si = Seasonality.multiplicativeIndices(y, m);
                int n = y.length;
                double last = si == null ? y[n - 1] : y[n - 1] / si[(n - 1) % m];
                double[] f = new double[h];
                for (int i = 0; i < h; i++) {
                    f[i] = si == null ? last : last * si[(n + i) % m];
                }
                return f;
            }
        };
    }

    /**
     * A baseline by name: {@code naive}, {@code snaive}, {@code drift}, {@code mean}, {@code naive2}.
     *
     * @throws IllegalArgumentException for another name
     */
    public static Forecaster byName(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "naive":
                return naive();
            case "snaive":
            case "seasonal-naive":
                return seasonalNaive();
            case "drift":
                return drift();
            case "mean":
                return mean();
            case "naive2":
                return naive2();
            case "ets":
                return new ExponentialSmoothing();
            case "theta":
                return new Theta();
            case "dotm":
                return new DynamicOptimisedTheta();
            case "arima":
                return new Arima();
            case "comb":
                return Combination.standard();
            default:
                throw new IllegalArgumentException("unknown baseline " + Shorten.quoted(name));
        }
    }
}
