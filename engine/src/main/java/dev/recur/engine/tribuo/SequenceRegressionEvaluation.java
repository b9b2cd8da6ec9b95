package dev.recur.engine.tribuo;

import dev.recur.engine.io.Shorten;
import java.util.List;

/**
 * Metrics of a sequence regressor: MAE, RMSE and R² per output dimension, per step position and overall.
 *
 * @param dimensions  output dimension names
 * @param overall     per dimension, over every step of every sequence
 * @param byStep      {@code byStep.get(t).get(d)}: dimension {@code d} at step {@code t} (0 = first step)
 * @param pooled      all dimensions and steps together (R² against the pooled mean)
 * @param sequences   sequences evaluated
 * @param steps       steps evaluated
 */
public record SequenceRegressionEvaluation(List<String> dimensions, List<Metrics> overall, List<List<Metrics>> byStep,
                                           Metrics pooled, int sequences, long steps) {

    /**
     * Error metrics of one cell.
     *
     * @param count values
     * @param mae   mean absolute error
     * @param rmse  root mean squared error
     * @param r2    coefficient of determination, {@code 1 − SSE/SST}; NaN when the actuals are constant
     */
    public record Metrics(long count, double mae, double rmse, double r2) {
    }

    /** Mean of the per-dimension R² values (Tribuo's macro average). */
    public double averageR2() {
        return overall.stream().mapToDouble(Metrics::r2).average().orElse(Double.NaN);
    }

    /** The overall metrics of a dimension. */
    public Metrics dimension(String name) {
        int i = dimensions.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("no dimension " + Shorten.quoted(name) + "; have " + dimensions);
        }
        return overall.get(i);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%d sequences, %d steps%n", sequences, steps));
        sb.append(String.format("%-20s %12s %12s %10s%n", "dimension", "MAE", "RMSE", "R2"));
        for (int d = 0; d < dimensions.size(); d++) {
            Metrics m = overall.get(d);
            sb.append(String.format("%-20s %12.6g %12.6g %10.4f%n", dimensions.get(d), m.mae(), m.rmse(), m.r2()));
        }
        sb.append(String.format("%-20s %12.6g %12.6g %10.4f%n", "(pooled)", pooled.mae(), pooled.rmse(), pooled.r2()));
        return sb.toString();
    }
}
