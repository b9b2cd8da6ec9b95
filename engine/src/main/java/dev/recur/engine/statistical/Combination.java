package dev.recur.engine.statistical;

import dev.recur.engine.io.Shorten;
import dev.recur.engine.numeric.Signs;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The mean of several local methods' forecasts, series by series: the forecast combination that beats
 * each of its members on most competition panels (the "comb" of ETS, Theta and ARIMA in the M3 and
 * tourism literature). A member that needs more history than a series has sits that series out, and so does, of a
 * series with no value at or below 0, a member that forecasts 0 or below while another stays above.
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

    /**
     * The mean of ETS, Theta and ARIMA, where Theta is {@link Theta} (R's {@code thetaf}) for a seasonal period and
     * {@link DynamicOptimisedTheta} for a season of 1 ({@link SeasonalTheta}). Its members share a {@link FitMemory}
     * of their own, so that a history they have forecast (at a backtest's origin, say) is not fitted again (for the
     * intervals' backtests, say).
     */
    public static Combination standard() {
        FitMemory memory = new FitMemory();
        return new Combination("comb", List.of(memory.remembering(new ExponentialSmoothing()),
                memory.remembering(new SeasonalTheta()), memory.remembering(new Arima())));
    }

    /**
     * The standard combination's Theta member, named {@code theta}: {@link Theta} (R's {@code thetaf}) when the
     * series are forecast with a seasonal period, the dynamic optimised Theta model ({@link DynamicOptimisedTheta})
     * when the season is 1 (yearly data, or data given no season). Over the panels without a season (tourism and M1
     * yearly, M3 yearly and other) the combination with the dynamic model had a lower sMAPE and MASE on each; over
     * the quarterly and monthly ones it had a higher error on both measures on three of five (and split the other
     * two), also on the series that fail the seasonality test, so they keep {@code thetaf}. In {@code auto}, where the members are candidates too, each
     * candidate is taken {@link #atSeason at the file's season}, so there it is backtested, chosen and named as
     * {@code dotm} at a season of 1.
     */
    public static final class SeasonalTheta implements Forecaster {
        private final Theta seasonal = new Theta();
        private final DynamicOptimisedTheta nonSeasonal = new DynamicOptimisedTheta();

        /** Creates the member. */
        public SeasonalTheta() {
        }

        @Override
        public String name() {
            return seasonal.name();
        }

        @Override
        public int minimumLength(int horizon, int season) {
            return atSeason(season).minimumLength(horizon, season);
        }

        @Override
        public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
            return atSeason(season).forecast(history, horizon, season, progress);
        }

        /** {@code thetaf} above a season of 1, {@code dotm} at 1: the same two objects every time. */
        @Override
        public Forecaster atSeason(int season) {
            return season > 1 ? seasonal : nonSeasonal;
        }
    }

    /**
     * This combination with each member as it forecasts series of this season ({@link Forecaster#atSeason}): itself
     * when no member changes, else a combination of the same name over the members' {@code atSeason} objects.
     */
    @Override
    public Forecaster atSeason(int season) {
        List<Forecaster> at = new ArrayList<>(members.size());
        boolean same = true;
        for (Forecaster f : members) {
            Forecaster g = f.atSeason(season);
            same &= g == f;
            at.add(g);
        }
        return same ? this : new Combination(name, at);
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
        List<List<double[]>> byMember = new ArrayList<>(history.size());
        for (int s = 0; s < history.size(); s++) {
            byMember.add(new ArrayList<>(members.size()));
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
            List<double[]> out = f.forecast(fit, horizon, season, progress);
            for (int i = 0; i < out.size(); i++) {
                byMember.get(at.get(i)).add(out.get(i));
            }
        }
        List<double[]> mean = new ArrayList<>(history.size());
        for (int s = 0; s < history.size(); s++) {
            List<double[]> forecasts = byMember.get(s);
            if (forecasts.isEmpty()) {
                throw new IllegalArgumentException("series " + Shorten.quoted(history.get(s).id()) + " has "
                        + history.get(s).length() + " values; " + name + " needs at least " + minimumLength(horizon, season));
            }
            mean.add(mean(counted(history.get(s).values(), forecasts), horizon));
        }
        return mean;
    }

    /**
     * The members' forecasts that the mean counts: of a series with no value at or below 0, those that stay above 0
     * over the horizon where one does (a member that runs a positive series below zero does not describe it, as ETS
     * leaves such models out of its own combination); else all.
     */
    private static List<double[]> counted(double[] history, List<double[]> forecasts) {
        if (!Signs.allPositive(history)) {
            return forecasts;
        }
        List<double[]> above = new ArrayList<>(forecasts.size());
        for (double[] f : forecasts) {
            if (Signs.allPositive(f)) {
                above.add(f);
            }
        }
        return above.isEmpty() ? forecasts : above;
    }

    private static double[] mean(List<double[]> forecasts, int horizon) {
        double[] acc = new double[horizon];
        for (double[] v : forecasts) {
            for (int h = 0; h < horizon; h++) {
                acc[h] += v[h];
            }
        }
        for (int h = 0; h < horizon; h++) {
            acc[h] /= forecasts.size();
        }
        return acc;
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
