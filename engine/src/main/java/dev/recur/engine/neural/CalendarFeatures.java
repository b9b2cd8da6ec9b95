package dev.recur.engine.neural;

import dev.recur.engine.series.Frequency;
import java.time.LocalDateTime;

/**
 * Calendar features derived from timestamps, as (sin, cos) pairs of the cycles that matter at a frequency, so
 * that a network sees where in the day, week or year each point lies: hour of day and day of week for
 * minute and hourly data, day of week and day of year for daily data, week of year for weekly data, month
 * of year for monthly data, quarter of year for quarterly data. Yearly data and integer steps have none.
 */
public final class CalendarFeatures {

    private CalendarFeatures() {
    }

    /** The cycles at a frequency: {@code {period}} pairs. */
    private static double[] periods(Frequency f) {
        return switch (f.unit()) {
            case MINUTE, HOUR -> new double[]{24, 7};
            case DAY, BUSINESS_DAY -> new double[]{7, 365.25};
            case WEEK -> new double[]{365.25 / 7};
            case MONTH -> new double[]{12};
            case QUARTER -> new double[]{4};
            default -> new double[0];
        };
    }

    /** Number of feature values per point at a frequency (two per cycle). */
    public static int count(Frequency f) {
        return 2 * periods(f).length;
    }

    /** A short description, e.g. "hour of day, day of week". */
    public static String describe(Frequency f) {
        return switch (f.unit()) {
            case MINUTE, HOUR -> "hour of day, day of week";
            case DAY, BUSINESS_DAY -> "day of week, day of year";
            case WEEK -> "week of year";
            case MONTH -> "month of year";
            case QUARTER -> "quarter of year";
            default -> "none";
        };
    }

    /** Writes the features of time {@code t} at {@code dst[off …]}. */
    public static void fill(LocalDateTime t, Frequency f, float[] dst, int off) {
        double[] periods = periods(f);
        for (int k = 0; k < periods.length; k++) {
            double phase = position(t, f, k) / periods[k];
            dst[off + 2 * k] = (float) Math.sin(2 * Math.PI * phase);
            dst[off + 2 * k + 1] = (float) Math.cos(2 * Math.PI * phase);
        }
    }

    /** Where {@code t} lies in cycle {@code k}, in the cycle's units (0 … period). */
    private static double position(LocalDateTime t, Frequency f, int k) {
        double hour = t.getHour() + t.getMinute() / 60.0;
        switch (f.unit()) {
            case MINUTE:
            case HOUR:
                return k == 0 ? hour : t.getDayOfWeek().getValue() - 1 + hour / 24;
            case DAY:
            case BUSINESS_DAY:
                return k == 0 ? t.getDayOfWeek().getValue() - 1 : t.getDayOfYear() - 1;
            case WEEK:
                return (t.getDayOfYear() - 1) / 7.0;
            case MONTH:
                return t.getMonthValue() - 1;
            case QUARTER:
                return (t.getMonthValue() - 1) / 3;
            default:
                return 0;
        }
    }
}
