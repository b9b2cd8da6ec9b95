package dev.recur.connectors.series;

import dev.recur.engine.series.Frequency;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/**
 * How the rows of one series that fall in one period are made its value ({@code --aggregate}): transactions summed
 * or counted per day, daily values averaged per month, a stock's last level of each week. Missing values are left
 * out of each period's value; a period whose rows are all missing is missing (a count is 0). Covariates are
 * averaged. Periods without rows between a series' first and last are 0 for {@link #SUM} and {@link #COUNT} (no
 * sale is a sale of 0), and missing values for the others (filled by the missing-value policy).
 */
public enum Aggregation {
    /** The sum of the period's values. */
    SUM("sums"),
    /** Their mean. */
    MEAN("means"),
    /** How many values the period has. */
    COUNT("counts"),
    /** The smallest. */
    MIN("minima"),
    /** The largest. */
    MAX("maxima"),
    /** The last in time. */
    LAST("last values");

    private final String plural;

    Aggregation(String plural) {
        this.plural = plural;
    }

    /** What a period's values become, in the plural, for notes: {@code sums}, {@code last values}. */
    public String plural() {
        return plural;
    }

    /** The aggregation of an option's value: sum, mean, count, min, max or last. */
    public static Aggregation parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown aggregation " + s + "; use sum, mean, count, min, max or last");
        }
    }

    /** Whether a period without rows is 0 rather than a missing value. */
    public boolean emptyIsZero() {
        return this == SUM || this == COUNT;
    }

    /** The value of a period's values {@code v[from..to)} in time order (NaN for missing ones). */
    double combine(double[] v, int from, int to) {
        double acc = this == MIN ? Double.POSITIVE_INFINITY : this == MAX ? Double.NEGATIVE_INFINITY : 0;
        int n = 0;
        double last = Double.NaN;
        for (int i = from; i < to; i++) {
            double x = v[i];
            if (Double.isNaN(x)) {
                continue;
            }
            n++;
            last = x;
            switch (this) {
                case MIN -> acc = Math.min(acc, x);
                case MAX -> acc = Math.max(acc, x);
                default -> acc += x;
            }
        }
        if (this == COUNT) {
            return n;
        }
        if (n == 0) {
            return Double.NaN;
        }
        return switch (this) {
            case MEAN -> acc / n;
            case LAST -> last;
            default -> acc;
        };
    }

    /**
     * The start of the period of {@code frequency} that holds {@code t}: the minute, hour or day (of the
     * frequency's multiple, counted from midnight or from 1970-01-01), the ISO week's Monday, the month's, quarter's
     * or year's first day (for a frequency at month ends, the period's last day, as such series are dated).
     *
     * @throws IllegalArgumentException for business days, whose weekend rows belong to no period
     */
    public static LocalDateTime periodStart(LocalDateTime t, Frequency frequency) {
        int m = frequency.multiple();
        LocalDateTime start = switch (frequency.unit()) {
            case MINUTE -> t.truncatedTo(ChronoUnit.DAYS).plusMinutes(
                    Math.floorDiv(t.getHour() * 60 + t.getMinute(), m) * (long) m);
            case HOUR -> t.truncatedTo(ChronoUnit.DAYS).plusHours(Math.floorDiv(t.getHour(), m) * (long) m);
            case DAY -> LocalDateTime.of(1970, 1, 1, 0, 0).plusDays(
                    Math.floorDiv(ChronoUnit.DAYS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t.truncatedTo(ChronoUnit.DAYS)), m) * m);
            case WEEK -> t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1)
                    .withMonth(1 + (t.getMonthValue() - 1) / m * m);
            case QUARTER -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1)
                    .withMonth(1 + (t.getMonthValue() - 1) / (3 * m) * (3 * m));
            case YEAR -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1).withYear(Math.floorDiv(t.getYear(), m) * m);
            case BUSINESS_DAY -> throw new IllegalArgumentException("rows cannot be aggregated to business days (a "
                    + "weekend's rows belong to none); aggregate to daily or weekly");
            default -> throw new IllegalStateException("integer steps have no periods of a calendar");
        };
        if (!frequency.monthEnds()) {
            return start;
        }
        // a frequency at month ends dates each period by its last day
        LocalDateTime lastMonth = switch (frequency.unit()) {
            case MONTH -> start.plusMonths(m - 1L);
            case QUARTER -> start.plusMonths(3L * m - 1);
            case YEAR -> start.plusYears(m - 1L).withMonth(12);
            default -> start;
        };
        return lastMonth.with(TemporalAdjusters.lastDayOfMonth());
    }

    /** The first integer step of the period of {@code multiple} steps that holds {@code step}. */
    public static long periodStart(long step, int multiple) {
        return Math.floorDiv(step, multiple) * multiple;
    }
}
