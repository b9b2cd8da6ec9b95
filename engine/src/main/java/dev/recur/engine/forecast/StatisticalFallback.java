package dev.recur.engine.forecast;

import dev.recur.engine.intervals.LocalIntervals;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Combination;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The statistical default for the series of a file that a model does not forecast (too short for a network, say):
 * the standard combination, naive below 3 values, its intervals calibrated on the file's series where those series
 * have too few backtests of their own ({@link #forecast}); and a file's forecasts merged from a model's and this
 * fallback's ({@link #merged}), as {@code recur forecast --model M}, {@code recur predict}, a network's backtests and
 * the Spark job give them.
 */
public final class StatisticalFallback {

    private StatisticalFallback() {
    }

    /**
     * The statistical default for {@code part} of a file's series {@code all} (series too short for the method
     * chosen for the others): the standard combination, naive below 3 values, with intervals calibrated on the
     * part's own backtests, or, when it has none or only a few from short histories
     * ({@link LocalIntervals#fewestForConformal}), on the combination's backtests over the file's series
     * that it fits (of a large file, a sample of about {@value LocalIntervals#BUDGET}, {@link LocalIntervals#origins},
     * so that a few young series never cost a refit of every series).
     *
     * @param part series of {@code all}, in any order
     * @return one forecast per series of {@code part}, in its order
     */
    public static EnsembleForecaster.Result forecast(List<TimeSeries> part, List<TimeSeries> all, int horizon,
                                                     int season, int[] levels) {
        Combination comb = Combination.standard();
        EnsembleForecaster.Result own = new EnsembleForecaster(comb, null).forecast(part, horizon, season, levels,
                Forecaster.Progress.NONE, false);
        if (finite(own.forecasts())) {
            return own;
        }
        int need = comb.minimumLength(horizon, season);
        List<TimeSeries> fits = all.stream().filter(s -> s.length() >= need).toList();
        double[][] q = LocalIntervals.backtestQuantiles(comb, fits, horizon, season, levels, true);
        List<Forecast> forecasts = new ArrayList<>(part.size());
        for (int i = 0; i < part.size(); i++) {
            Forecast f = own.forecasts().get(i);
            forecasts.add(LocalIntervals.apply(f.id(), f.point(),
                    LocalIntervals.intervalScale(part.get(i).values(), season), q, levels));
        }
        String why = own.explanation();
        if (finite(forecasts) && why.contains(EnsembleForecaster.UNCALIBRATED)) {
            why = why.substring(0, why.indexOf(EnsembleForecaster.UNCALIBRATED)) + "; intervals calibrated on the file's series";
        }
        return new EnsembleForecaster.Result(List.copyOf(forecasts), own.methods(), own.labels(), why);
    }

    /** A file's forecasts with the fallback's in place ({@link #merged}), and each series' method. */
    public record Merged(List<Forecast> forecasts, List<String> labels, int fallbacks) {
    }

    /**
     * The forecasts of a file's series in its order: a model's where it forecast a series, and where it did not (a
     * series too short for it, say), {@link #forecast}'s, as {@code recur forecast --model M}, {@code recur
     * predict} and a network's backtests give them.
     *
     * @param byModel one entry per series of {@code all}: the model's forecast, or null where it gave none
     * @param model   the model's name for the labels
     * @param levels  the interval levels of the model's forecasts, the fallback's calibrated alike
     */
    public static Merged merged(List<TimeSeries> all, List<Forecast> byModel, String model, int horizon,
                                int season, int[] levels) {
        List<TimeSeries> others = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (byModel.get(i) == null) {
                others.add(all.get(i));
            }
        }
        EnsembleForecaster.Result fallback = others.isEmpty() ? null : forecast(others, all, horizon, season, levels);
        List<Forecast> forecasts = new ArrayList<>(all.size());
        List<String> labels = new ArrayList<>(all.size());
        int b = 0;
        for (Forecast f : byModel) {
            forecasts.add(f != null ? f : fallback.forecasts().get(b));
            labels.add(f != null ? model : fallback.labels().get(b++));
        }
        return new Merged(forecasts, labels, others.size());
    }

    /** Reasons listed by {@link #note}. */
    public static final int LISTED_REASONS = 3;

    /**
     * The warning for {@code count} of {@code total} series that a saved model cannot forecast and that get
     * {@link #forecast} instead, with the first of the reasons {@code why} (in the order given).
     */
    public static String note(long count, long total, List<String> why) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "%d of %d series forecast with comb (naive below 3 values), as the model cannot forecast them: ",
                count, total));
        for (int i = 0; i < Math.min(LISTED_REASONS, why.size()); i++) {
            s.append(i > 0 ? "; " : "").append(why.get(i));
        }
        return s.append(count > Math.min(LISTED_REASONS, why.size()) ? "; ..." : "").toString();
    }

    private static boolean finite(List<Forecast> forecasts) {
        for (Forecast f : forecasts) {
            for (double[][] band : f.intervals().values()) {
                for (double[] side : band) {
                    for (double v : side) {
                        if (!Double.isFinite(v)) {
                            return false;
                        }
                    }
                }
            }
        }
        return true;
    }
}
