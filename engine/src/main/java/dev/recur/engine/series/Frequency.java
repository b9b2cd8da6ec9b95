package dev.recur.engine.series;

import dev.recur.engine.io.Shorten;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The spacing of a regular time series: a number of minutes, hours, days, business days, weeks, months,
 * quarters or years, or plain integer steps. Knows how to step forward, how to infer itself from
 * timestamps, and its usual seasonal period.
 */
public final class Frequency {

    /** The unit of a frequency. */
    public enum Unit {
        /** Integer steps without a calendar. */
        STEP,
        /** Minutes. */
        MINUTE,
        /** Hours. */
        HOUR,
        /** Calendar days. */
        DAY,
        /** Monday to Friday. */
        BUSINESS_DAY,
        /** Weeks. */
        WEEK,
        /** Calendar months. */
        MONTH,
        /** Quarters (three months). */
        QUARTER,
        /** Years. */
        YEAR
    }

    /** Integer steps. */
    public static final Frequency STEPS = new Frequency(Unit.STEP, 1);
    /** Hourly. */
    public static final Frequency HOURLY = new Frequency(Unit.HOUR, 1);
    /** Daily. */
    public static final Frequency DAILY = new Frequency(Unit.DAY, 1);
    /** Business days. */
    public static final Frequency BUSINESS_DAILY = new Frequency(Unit.BUSINESS_DAY, 1);
    /** Weekly. */
    public static final Frequency WEEKLY = new Frequency(Unit.WEEK, 1);
    /** Monthly. */
    public static final Frequency MONTHLY = new Frequency(Unit.MONTH, 1);
    /** Quarterly. */
    public static final Frequency QUARTERLY = new Frequency(Unit.QUARTER, 1);
    /** Yearly. */
    public static final Frequency YEARLY = new Frequency(Unit.YEAR, 1);

    private final Unit unit;
    private final int multiple;
    /** For months, quarters and years: every time is its month's last day (31 Jan, 28 Feb, 31 Mar, ...). */
    private final boolean monthEnds;

    /**
     * Creates a frequency of {@code multiple} units, e.g. 15 minutes.
     *
     * @throws IllegalArgumentException unless {@code multiple} is positive
     */
    public Frequency(Unit unit, int multiple) {
        this(unit, multiple, false);
    }

    private Frequency(Unit unit, int multiple, boolean monthEnds) {
        if (multiple < 1) {
            throw new IllegalArgumentException("frequency multiple must be positive, got " + multiple);
        }
        this.unit = Objects.requireNonNull(unit);
        this.multiple = multiple;
        this.monthEnds = monthEnds;
    }

    /**
     * This frequency of months, quarters or years with every time on its month's last day, as month-end and
     * quarter-end dates are written (2024-01-31, 2024-02-29, 2024-03-31): a step lands on the last day of its month,
     * where adding a month to 31 January would give 29 February and then the 29th of every later month.
     *
     * @throws IllegalArgumentException for a unit finer than a month
     */
    public Frequency atMonthEnds() {
        if (unit != Unit.MONTH && unit != Unit.QUARTER && unit != Unit.YEAR) {
            throw new IllegalArgumentException(this + " data have no month ends");
        }
        return new Frequency(unit, multiple, true);
    }

    /** Whether every time is its month's last day ({@link #atMonthEnds}). */
    public boolean monthEnds() {
        return monthEnds;
    }

    /** The unit. */
    public Unit unit() {
        return unit;
    }

    /** Units per step. */
    public int multiple() {
        return multiple;
    }

    /** Whether this is plain integer steps. */
    public boolean isSteps() {
        return unit == Unit.STEP;
    }

    /** The timestamp {@code k} steps after {@code t} (k may be negative for whole calendar units). */
    public LocalDateTime add(LocalDateTime t, long k) {
        long n = k * multiple;
        switch (unit) {
            case MINUTE:
                return t.plusMinutes(n);
            case HOUR:
                return t.plusHours(n);
            case DAY:
                return t.plusDays(n);
            case BUSINESS_DAY:
                return addBusinessDays(t, n);
            case WEEK:
                return t.plusWeeks(n);
            case MONTH:
                return monthEnd(t.plusMonths(n));
            case QUARTER:
                return monthEnd(t.plusMonths(3 * n));
            case YEAR:
                return monthEnd(t.plusYears(n));
            default:
                throw new IllegalStateException("integer steps have no timestamps");
        }
    }

    private LocalDateTime monthEnd(LocalDateTime t) {
        return monthEnds ? t.with(java.time.temporal.TemporalAdjusters.lastDayOfMonth()) : t;
    }

    private static LocalDateTime addBusinessDays(LocalDateTime t, long n) {
        LocalDateTime r = t;
        long step = n >= 0 ? 1 : -1;
        for (long i = 0; i != n; i += step) {
            do {
                r = r.plusDays(step);
            } while (r.getDayOfWeek() == DayOfWeek.SATURDAY || r.getDayOfWeek() == DayOfWeek.SUNDAY);
        }
        return r;
    }

    /**
     * The usual seasonal period: 24 for hourly, 7 for daily, 5 for business days, 52 for weekly, 12 for
     * monthly, 4 for quarterly, 1 (none) for yearly and integer steps; a day's worth for minutes.
     */
    public int defaultSeason() {
        switch (unit) {
            case MINUTE:
                return 1440 % multiple == 0 ? 1440 / multiple : 1;
            case HOUR:
                return 24 % multiple == 0 ? 24 / multiple : 1;
            case DAY:
                return multiple == 1 ? 7 : 1;
            case BUSINESS_DAY:
                return multiple == 1 ? 5 : 1;
            case WEEK:
                return multiple == 1 ? 52 : 1;
            case MONTH:
                return 12 % multiple == 0 ? 12 / multiple : 1;
            case QUARTER:
                return 4 % multiple == 0 ? 4 / multiple : 1;
            default:
                return 1;
        }
    }

    /**
     * Infers the frequency of sorted, distinct timestamps from the most common spacing between them.
     *
     * @return the frequency, or null if fewer than two timestamps are given or the spacing fits no
     *         frequency
     */
    public static Frequency infer(List<LocalDateTime> sorted) {
        if (sorted.size() < 2) {
            return null;
        }
        java.util.Map<Long, Integer> minutes = new java.util.HashMap<>();
        java.util.Map<Long, Integer> months = new java.util.HashMap<>();
        boolean weekdaysOnly = true;
        int ends = 0;
        boolean oneDay = true;
        for (int i = 1; i < sorted.size(); i++) {
            LocalDateTime a = sorted.get(i - 1);
            LocalDateTime b = sorted.get(i);
            minutes.merge(Duration.between(a, b).toMinutes(), 1, Integer::sum);
            boolean sameDay = a.getDayOfMonth() == b.getDayOfMonth();
            oneDay &= sameDay;
            if ((sameDay || isMonthEnd(a) && isMonthEnd(b)) && a.toLocalTime().equals(b.toLocalTime())) {
                // month ends are whole months apart too: 31 January to 29 February is one month
                months.merge(ChronoUnit.MONTHS.between(a.withDayOfMonth(1), b.withDayOfMonth(1)), 1, Integer::sum);
            }
        }
        for (LocalDateTime t : sorted) {
            ends += isMonthEnd(t) ? 1 : 0;
        }
        for (LocalDateTime t : sorted) {
            if (t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY) {
                weekdaysOnly = false;
                break;
            }
        }
        long mode = mode(minutes);
        int half = (sorted.size() - 1) / 2;
        Long monthMode = months.isEmpty() ? null : mode(months);
        if (monthMode != null && monthMode > 0 && months.get(monthMode) > half) {
            Frequency f = monthMode % 12 == 0 ? new Frequency(Unit.YEAR, (int) (monthMode / 12))
                    : monthMode % 3 == 0 ? new Frequency(Unit.QUARTER, (int) (monthMode / 3))
                    : new Frequency(Unit.MONTH, (int) (long) monthMode);
            // month ends, when most times are and their days differ (31 December every year is plain yearly)
            return ends > sorted.size() / 2 && !oneDay ? f.atMonthEnds() : f;
        }
        if (mode <= 0) {
            return null;
        }
        if (mode % (7 * 1440) == 0) {
            return new Frequency(Unit.WEEK, (int) (mode / (7 * 1440)));
        }
        if (mode == 1440 && weekdaysOnly && minutes.getOrDefault(3L * 1440, 0) > 0) {
            return BUSINESS_DAILY;
        }
        if (mode % 1440 == 0) {
            return new Frequency(Unit.DAY, (int) (mode / 1440));
        }
        if (mode % 60 == 0) {
            return new Frequency(Unit.HOUR, (int) (mode / 60));
        }
        return new Frequency(Unit.MINUTE, (int) mode);
    }

    private static boolean isMonthEnd(LocalDateTime t) {
        return t.getDayOfMonth() == t.toLocalDate().lengthOfMonth();
    }

    private static long mode(java.util.Map<Long, Integer> counts) {
        long best = -1;
        int bestCount = -1;
        for (var e : counts.entrySet()) {
            if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    /**
     * Parses {@code steps}, {@code hourly}, {@code daily}, {@code business}, {@code weekly},
     * {@code monthly}, {@code quarterly}, {@code yearly} or {@code <n>min}, {@code <n>h}.
     */
    public static Frequency parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "steps":
            case "step":
            case "integer":
                return STEPS;
            case "hourly":
            case "h":
                return HOURLY;
            case "daily":
            case "d":
                return DAILY;
            case "business":
            case "b":
            case "business-daily":
                return BUSINESS_DAILY;
            case "weekly":
            case "w":
                return WEEKLY;
            case "monthly":
            case "m":
                return MONTHLY;
            case "quarterly":
            case "q":
                return QUARTERLY;
            case "yearly":
            case "annual":
            case "y":
                return YEARLY;
            default:
                if (v.matches("\\d+min")) {
                    return new Frequency(Unit.MINUTE, Integer.parseInt(v.substring(0, v.length() - 3)));
                }
                if (v.matches("\\d+h")) {
                    return new Frequency(Unit.HOUR, Integer.parseInt(v.substring(0, v.length() - 1)));
                }
                throw new IllegalArgumentException("unknown frequency " + Shorten.quoted(s)
                        + ": expected steps, hourly, daily, business, weekly, monthly, quarterly, yearly, <n>min or <n>h");
        }
    }

    @Override
    public String toString() {
        if (unit == Unit.STEP) {
            return multiple == 1 ? "integer steps" : "steps of " + multiple;
        }
        String[] names = {"", "minutely", "hourly", "daily", "business-daily", "weekly", "monthly", "quarterly", "yearly"};
        String[] units = {"", "minute", "hour", "day", "business-day", "week", "month", "quarter", "year"};
        return (multiple == 1 ? names[unit.ordinal()] : multiple + "-" + units[unit.ordinal()])
                + (monthEnds ? " at month ends" : "");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frequency && ((Frequency) o).unit == unit && ((Frequency) o).multiple == multiple
                && ((Frequency) o).monthEnds == monthEnds;
    }

    @Override
    public int hashCode() {
        return (unit.hashCode() * 31 + multiple) * 2 + (monthEnds ? 1 : 0);
    }
}
