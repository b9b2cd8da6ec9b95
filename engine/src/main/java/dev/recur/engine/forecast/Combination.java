package dev.recur.engine.forecast;

import dev.recur.engine.io.Shorten;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The mean of several local methods' forecasts, series by series: the forecast combination that beats
 * each of its members on most competition panels (the "comb" of ETS, Theta and ARIMA in the M3 and
 * tourism literature). A member that needs more history than a series has sits that series out.
 */
public final class Combination implements Forecaster {

    private final String name;
    private final List<Forecaster> members;

    /**
     * Creates the combination.
     *
     * @param name    its name, e.g. {@code comb}
     * @param members the methods to average (local methods: each series is forecast on its own)
     */
    public Combination(String name, List<Forecaster> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a combination needs at least one member");
        }
        this.name = name;
        this.members = List.copyOf(members);
    }

    /** The mean of ETS, Theta and ARIMA. */
    public static Combination standard() {
        return new Combination("comb", List.of(new ExponentialSmoothing(), new Theta(), new Arima()));
    }

    /** The members. */
    public List<Forecaster> members() {
        return members;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int minimumLength(int horizon, int season) {
        int min = Integer.MAX_VALUE;
        for (Forecaster f : members) {
            min = Math.min(min, f.minimumLength(horizon, season));
        }
        return min;
    }

    @Override
    public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be at least 1, got " + horizon);
        }
        List<double[]> sum = new ArrayList<>(history.size());
        int[] count = new int[history.size()];
        for (int s = 0; s < history.size(); s++) {
            sum.add(new double[horizon]);
        }
        for (Forecaster f : members) {
            int need = f.minimumLength(horizon, season);
            List<TimeSeries> fit = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            for (int s = 0; s < history.size(); s++) {
                if (history.get(s).length() >= need) {
                    fit.add(history.get(s));
                    at.add(s);
                }
            }
            if (fit.isEmpty()) {
                continue;
            }
            List<double[]> out = f.forecast(fit, horizon, season, progress);
            for (int i = 0; i < out.size(); i++) {
                double[] acc = sum.get(at.get(i));
                double[] v = out.get(i);
                for (int h = 0; h < horizon; h++) {
                    acc[h] += v[h];
                }
                count[at.get(i)]++;
            }
        }
        for (int s = 0; s < history.size(); s++) {
            if (count[s] == 0) {
                throw new IllegalArgumentException("series " + Shorten.quoted(history.get(s).id()) + " has "
                        + history.get(s).length() + " values; " + name + " needs at least " + minimumLength(horizon, season));
            }
            double[] acc = sum.get(s);
            for (int h = 0; h < horizon; h++) {
                acc[h] /= count[s];
            }
        }
        return sum;
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", name + "(", ")");
        for (Forecaster f : members) {
            j.add(f.name());
        }
        return j.toString();
    }
}
