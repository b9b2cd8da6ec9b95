package dev.recur.plugin.cli;

import dev.recur.engine.forecast.EnsembleForecaster;
import dev.recur.engine.forecast.Forecast;
import dev.recur.engine.forecast.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * The forecasts of a file's series in the file's order: a model's where it forecast a series, and where it did not
 * (a series too short for it, say), the statistical fallback's ({@link EnsembleForecaster#statisticalFallback}:
 * comb, naive below 3 values), as {@code recur forecast --model M} and {@code recur predict} both give them.
 */
final class WithFallback {

    private WithFallback() {
    }

    /**
     * The merged forecasts, the method of each (the CSV's model column) and how many series got the fallback.
     */
    record Merged(List<Forecast> forecasts, List<String> models, int fallbacks) {
    }

    /**
     * Merges a model's forecasts with the fallback's.
     *
     * @param all     the file's series
     * @param byModel one entry per series of {@code all}: the model's forecast, or null where it gave none
     * @param model   the model's name for the model column
     * @param levels  the interval levels of the model's forecasts, the fallback's calibrated alike
     */
    static Merged merge(List<TimeSeries> all, List<Forecast> byModel, String model, int horizon, int season,
                        int[] levels) {
        List<TimeSeries> others = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (byModel.get(i) == null) {
                others.add(all.get(i));
            }
        }
        List<Forecast> fallback = List.of();
        List<String> fallbackModels = List.of();
        if (!others.isEmpty()) {
            EnsembleForecaster.Result r = EnsembleForecaster.statisticalFallback(others, all, horizon, season, levels);
            fallback = r.forecasts();
            fallbackModels = r.labels();
        }
        List<Forecast> forecasts = new ArrayList<>(all.size());
        List<String> models = new ArrayList<>(all.size());
        int b = 0;
        for (Forecast f : byModel) {
            forecasts.add(f != null ? f : fallback.get(b));
            models.add(f != null ? model : fallbackModels.get(b++));
        }
        return new Merged(forecasts, models, others.size());
    }
}
