package dev.recur.engine.series;

import dev.recur.engine.io.Shorten;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The spacing of a regular time series: a number of minutes, hours, days, business days, weeks, months,
 * quarters or years, or plain integer steps. Knows how to step forward, how to infer itself from
 * timestamps, and its usual seasonal period.
 *
 * <p>Minutes and hours may keep opening hours ({@link #within}): the steps of each day run from an opening time to a
 * closing time (the last step's), every day or Monday to Friday, and the step after the closing time is the next open
 * day's first, as a call centre's or a shop's counts come, where the nights and weekends are no gaps.
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
    /** For minutes and hours with opening hours: each open day's first step's time; null for the whole day. */
    private final LocalTime open;
    /** With opening hours: each open day's last step's time. */
    private final LocalTime close;
    /** With opening hours: whether Saturdays and Sundays are closed. */
    private final boolean weekdays;

    /**
     * Creates a frequency of {@code multiple} units, e.g. 15 minutes.
     *
     * @throws IllegalArgumentException unless {@code multiple} is positive
     */
    public Frequency(Unit unit, int multiple) {
        this(unit, multiple, false, null, null, false);
    }

    private Frequency(Unit unit, int multiple, boolean monthEnds, LocalTime open, LocalTime close, boolean weekdays) {
        if (multiple < 1) {
            throw new IllegalArgumentException("frequency multiple must be positive, got " + multiple);
        }
        this.unit = Objects.requireNonNull(unit);
        this.multiple = multiple;
        this.monthEnds = monthEnds;
        this.open = open;
        this.close = close;
        this.weekdays = weekdays;
    }

    /**
     * This frequency of minutes or hours with opening hours: each open day's steps run from {@code open} to
     * {@code close} (the last step's time, inclusive), every day or, with {@code weekdays}, Monday to Friday; the step
     * after a day's last is the next open day's first.
     *
     * @throws IllegalArgumentException for a unit other than minutes and hours, a closing time not after the opening
     *                                  time, or hours that are not a whole number of steps
     */
    public Frequency within(LocalTime open, LocalTime close, boolean weekdays) {
        if (unit != Unit.MINUTE && unit != Unit.HOUR) {
            throw new IllegalArgumentException(this + " data have no opening hours");
        }
        long span = Duration.between(open, close).toMinutes();
        if (span <= 0 || span % stepMinutes() != 0) {
            throw new IllegalArgumentException("opening hours " + open + " to " + close + " are not whole steps of "
                    + this);
        }
        return new Frequency(unit, multiple, false, open, close, weekdays);
    }

    /**
     * The opening hours as {@link #parse} reads them after the frequency ({@code 07:00-21:00}, with {@code weekdays}
     * where Saturdays and Sundays are closed), or null for a frequency without them.
     */
    public String openingHours() {
        return open == null ? null : open + "-" + close + (weekdays ? " weekdays" : "");
    }

    /**
     * This frequency's opening hours widened to cover times of day from {@code earliest} to {@code latest}, and
     * weekends where {@code weekend} (some time falls on one): itself where they already do; the whole day where the
     * wider hours would leave less than two steps closed or are not whole steps (then the closed hours are gaps, as
     * without opening hours). The hours are inferred from a sample of the times ({@link #infer}); a shop that opened
     * longer later in its history keeps its later hours this way.
     */
    public Frequency covering(LocalTime earliest, LocalTime latest, boolean weekend) {
        if (open == null || !earliest.isBefore(open) && !latest.isAfter(close) && (!weekend || !weekdays)) {
            return this;
        }
        LocalTime from = earliest.isBefore(open) ? earliest : open;
        LocalTime to = latest.isAfter(close) ? latest : close;
        Frequency whole = new Frequency(unit, multiple);
        return hoursOfWholeSteps(from, to, stepMinutes()) ? whole.within(from, to, weekdays && !weekend) : whole;
    }

    /**
     * Whether a daily window from {@code from} to {@code to} (its last step's time) is whole steps of {@code step}
     * minutes and leaves at least two steps of the day closed: the opening hours a frequency may keep.
     */
    private static boolean hoursOfWholeSteps(LocalTime from, LocalTime to, long step) {
        long span = Duration.between(from, to).toMinutes();
        return span > 0 && span % step == 0 && 1440 - span >= 2 * step;
    }

    /** With opening hours, the steps of an open day; 0 without them. */
    public int stepsPerOpenDay() {
        return open == null ? 0 : (int) (Duration.between(open, close).toMinutes() / stepMinutes()) + 1;
    }

    private long stepMinutes() {
        return unit == Unit.HOUR ? 60L * multiple : multiple;
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
        return new Frequency(unit, multiple, true, null, null, false);
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
        if (open != null) {
            return addOpen(t, k);
        }
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

    /** {@link #add} with opening hours: the step's place in its day, moved by {@code k} across open days. */
    private LocalDateTime addOpen(LocalDateTime t, long k) {
        long perDay = stepsPerOpenDay();
        long step = stepMinutes();
        long at = Math.floorDiv(Duration.between(open, t.toLocalTime()).toMinutes(), step) + k;
        long days = Math.floorDiv(at, perDay);
        LocalDateTime day = t.toLocalDate().atTime(open);
        day = weekdays ? addBusinessDays(day, days) : day.plusDays(days);
        return day.plusMinutes(Math.floorMod(at, perDay) * step);
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
            } while (isWeekend(r));
        }
        return r;
    }

    /**
     * The usual seasonal period: 24 for hourly, 7 for daily, 5 for business days, 52 for weekly, 12 for
     * monthly, 4 for quarterly, 1 (none) for yearly and integer steps; a day's worth for minutes; an open day's steps
     * with opening hours.
     */
    public int defaultSeason() {
        if (open != null) {
            return stepsPerOpenDay();
        }
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
            if (isWeekend(t)) {
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
        Frequency f = mode % 60 == 0 ? new Frequency(Unit.HOUR, (int) (mode / 60)) : new Frequency(Unit.MINUTE, (int) mode);
        return keepingOpeningHours(f, sorted, mode, weekdaysOnly);
    }

    /**
     * {@code f} with the opening hours its times keep, where they keep some: every time on the step grid of one daily
     * window from the earliest time of day to the latest, whole steps apart, that leaves at least two steps of the day
     * closed, and at least two nights where one day's last time is followed by a later day's first (a call centre's
     * counts from 07:00 to 21:00); Monday to Friday where no time falls on a weekend and some night spans one. Else
     * {@code f}: a series round the clock, with its gaps, keeps its whole days. {@code weekdaysOnly}: no time falls
     * on a weekend.
     */
    private static Frequency keepingOpeningHours(Frequency f, List<LocalDateTime> sorted, long step,
                                                 boolean weekdaysOnly) {
        LocalTime first = LocalTime.MAX;
        LocalTime last = LocalTime.MIN;
        for (LocalDateTime t : sorted) {
            LocalTime time = t.toLocalTime();
            first = time.isBefore(first) ? time : first;
            last = time.isAfter(last) ? time : last;
        }
        if (!hoursOfWholeSteps(first, last, step)) {
            return f;
        }
        int nights = 0;
        boolean overWeekend = false;
        for (int i = 0; i < sorted.size(); i++) {
            if (Duration.between(first, sorted.get(i).toLocalTime()).toMinutes() % step != 0) {
                return f;
            }
            if (i > 0) {
                LocalDateTime a = sorted.get(i - 1);
                LocalDateTime b = sorted.get(i);
                if (a.toLocalTime().equals(last) && b.toLocalTime().equals(first)
                        && b.toLocalDate().isAfter(a.toLocalDate())) {
                    nights++;
                    overWeekend |= a.getDayOfWeek() == DayOfWeek.FRIDAY && b.getDayOfWeek() == DayOfWeek.MONDAY;
                }
            }
        }
        return nights < 2 ? f : f.within(first, last, weekdaysOnly && overWeekend);
    }

    private static boolean isWeekend(LocalDateTime t) {
        return t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY;
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
     * {@code monthly}, {@code quarterly}, {@code yearly} or {@code <n>min}, {@code <n>h}; minutes or hours may be
     * followed by opening hours ({@link #within}): {@code 5min 07:00-21:00}, {@code hourly 09:00-17:00 weekdays}.
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
                if (v.matches("\\S+ +\\d\\d?:\\d\\d *- *\\d\\d?:\\d\\d( +weekdays)?")) {
                    return parseWithOpeningHours(v);
                }
                if (v.matches("\\d+min")) {
                    return new Frequency(Unit.MINUTE, Integer.parseInt(v.substring(0, v.length() - 3)));
                }
                if (v.matches("\\d+h")) {
                    return new Frequency(Unit.HOUR, Integer.parseInt(v.substring(0, v.length() - 1)));
                }
                throw new IllegalArgumentException("unknown frequency " + Shorten.quoted(s)
                        + ": expected steps, hourly, daily, business, weekly, monthly, quarterly, yearly, <n>min or <n>h,"
                        + " the last two with any opening hours ('5min 07:00-21:00 weekdays')");
        }
    }

    /** {@code 5min 07:00-21:00 weekdays}: the frequency before the first space, then its opening hours. */
    private static Frequency parseWithOpeningHours(String v) {
        int space = v.indexOf(' ');
        return parse(v.substring(0, space)).withOpeningHours(v.substring(space).trim());
    }

    /**
     * This frequency with the opening hours {@link #openingHours} writes: {@code 07:00-21:00}, {@code 9:00-17:30
     * weekdays}.
     *
     * @throws IllegalArgumentException where they cannot be read or kept ({@link #within})
     */
    public Frequency withOpeningHours(String hours) {
        String h = hours.trim().toLowerCase(Locale.ROOT);
        boolean weekdayOnly = h.endsWith("weekdays");
        String[] times = h.replace("weekdays", "").trim().split(" *- *");
        try {
            if (times.length != 2) {
                throw new java.time.format.DateTimeParseException("two times", h, 0);
            }
            return within(LocalTime.parse(pad(times[0])), LocalTime.parse(pad(times[1])), weekdayOnly);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("unknown opening hours " + Shorten.quoted(hours)
                    + ": expected e.g. 07:00-21:00 or 09:00-17:30 weekdays");
        }
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    @Override
    public String toString() {
        if (unit == Unit.STEP) {
            return multiple == 1 ? "integer steps" : "steps of " + multiple;
        }
        String[] names = {"", "minutely", "hourly", "daily", "business-daily", "weekly", "monthly", "quarterly", "yearly"};
        String[] units = {"", "minute", "hour", "day", "business-day", "week", "month", "quarter", "year"};
        return (multiple == 1 ? names[unit.ordinal()] : multiple + "-" + units[unit.ordinal()])
                + (monthEnds ? " at month ends" : "")
                + (open == null ? "" : ", " + open + " to " + close + (weekdays ? " on weekdays" : " every day"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frequency f && f.unit == unit && f.multiple == multiple && f.monthEnds == monthEnds
                && Objects.equals(f.open, open) && Objects.equals(f.close, close) && f.weekdays == weekdays;
    }

    @Override
    public int hashCode() {
        int h = (unit.hashCode() * 31 + multiple) * 2 + (monthEnds ? 1 : 0);
        return open == null ? h : h * 31 + Objects.hash(open, close, weekdays);
    }
}
