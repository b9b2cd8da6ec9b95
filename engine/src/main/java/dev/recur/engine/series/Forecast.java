package dev.recur.engine.series;

import dev.recur.engine.io.Shorten;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The forecast of one series: point values for each horizon step and, per coverage level (e.g. 80, 95),
 * the lower and upper interval bounds.
 *
 * @param id        the series identifier
 * @param point     point forecast, one value per step
 * @param intervals per level in percent: {@code {lower[], upper[]}}
 */
public record Forecast(String id, double[] point, Map<Integer, double[][]> intervals) {

    /** A forecast without intervals. */
    public static Forecast of(String id, double[] point) {
        return new Forecast(id, point, Collections.emptyMap());
    }

    /** Creates a forecast; the intervals are copied into a map sorted by level. */
    public Forecast {
        intervals = Collections.unmodifiableMap(new TreeMap<>(intervals));
    }

    /** Lower bounds at a level. */
    public double[] lower(int level) {
        return bounds(level)[0];
    }

    /** Upper bounds at a level. */
    public double[] upper(int level) {
        return bounds(level)[1];
    }

    private double[][] bounds(int level) {
        double[][] b = intervals.get(level);
        if (b == null) {
            throw new IllegalArgumentException("no " + level + "% interval for series " + Shorten.quoted(id));
        }
        return b;
    }
}
