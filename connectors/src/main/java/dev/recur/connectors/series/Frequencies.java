package dev.recur.connectors.series;

import dev.recur.engine.series.Frequency;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The frequency of a source's series: inferred from their times, a series' own where it differs from the others',
 * R's decimal times turned into dates snapped to their months' first days, the season a series is filled at, and
 * the steps of a frequency's grid.
 */
final class Frequencies {

    private Frequencies() {
    }

    /** Whether a frequency counts months (months, quarters, years). */
    static boolean ofMonths(Frequency f) {
        return f != null && (f.unit() == Frequency.Unit.MONTH || f.unit() == Frequency.Unit.QUARTER
                || f.unit() == Frequency.Unit.YEAR);
    }

    /**
     * Dates a day or two off their months' first days, as R's decimal times turned into dates give them (1960.5, the
     * third quarter, becomes 1960-07-02; 1960 + 1/12 becomes 1960-01-31): where every time is a date within two days
     * of a month's first day, not all of them on one day of the month, fewer than a quarter of them in a month's last
     * two days (month-end data are dated so), and moved to those first days they are regular months, quarters or
     * years in each series, they are moved (the note that says so returned); else the times are left as they are and
     * null returned.
     */
    static String snapToMonthStarts(List<SeriesRows> readable, TimeFormat tf) {
        if (tf == null || tf.isSteps() || readable.isEmpty()) {
            return null;
        }
        // a first pass that allocates nothing (most files' dates are on one day, or spread over the month)
        int day = -1;
        boolean oneDay = true;
        int late = 0;
        int all = 0;
        java.util.Set<Long> moved = new java.util.HashSet<>();
        String first = null;
        List<LocalDateTime> sample = new ArrayList<>();
        for (SeriesRows a : readable) {
            long previous = Long.MIN_VALUE;
            for (int i = 0; i < a.n; i++) {
                LocalDateTime t = TimeFormat.toDateTime(a.t(i));
                java.time.LocalDate start = monthStart(t);
                if (start == null) {
                    return null;
                }
                java.time.LocalDate d = t.toLocalDate();
                day = day < 0 ? d.getDayOfMonth() : day;
                oneDay &= d.getDayOfMonth() == day;
                late += d.getDayOfMonth() >= d.lengthOfMonth() - 1 ? 1 : 0;
                all++;
                if (!start.equals(d)) {
                    moved.add(a.t(i));
                    first = first != null ? first : d + " to " + start;
                }
                long key = TimeFormat.toKey(start.atStartOfDay());
                if (key <= previous) {
                    return null;
                }
                previous = key;
                if (a.n >= 2 && i < 2000 && sample.size() < 2000) {
                    sample.add(start.atStartOfDay());
                }
            }
        }
        if (moved.isEmpty() || oneDay || 4 * late >= all) {
            return null;   // on the 2nd of every month, or at month ends (as month-end data are dated): as they are
        }
        Frequency f = Frequency.infer(sample);
        if (!ofMonths(f) || f.monthEnds()) {
            return null;
        }
        for (SeriesRows a : readable) {
            long[] s = new long[a.n];
            for (int i = 0; i < a.n; i++) {
                s[i] = TimeFormat.toKey(monthStart(TimeFormat.toDateTime(a.t(i))).atStartOfDay());
            }
            a.t = RunLengthLongs.of(s);
        }
        return "moved " + moved.size() + " dates within two days of a month's first day to it (the first: " + first
                + "), as R's decimal times turned into dates give them: read as " + f;
    }

    /**
     * Month ends dated by the last business day before them where they fall on a weekend or a holiday, as markets'
     * month-end closes are (2019-03-29, a Friday, for March): where every time is a weekday at midnight within
     * {@value #MONTH_END_SLACK} days of its month's last day, not all of them on it nor on one day of the month, and moved to those last days they
     * are regular months, quarters or years at month ends, they are moved (the note that says so returned); else the
     * times are left as they are and null returned.
     */
    static String snapToMonthEnds(List<SeriesRows> readable, TimeFormat tf) {
        if (tf == null || tf.isSteps() || readable.isEmpty()) {
            return null;
        }
        int moved = 0;
        int day = -1;
        boolean oneDay = true;
        String first = null;
        List<LocalDateTime> sample = new ArrayList<>();
        long[][] ends = new long[readable.size()][];
        for (int k = 0; k < readable.size(); k++) {
            SeriesRows a = readable.get(k);
            ends[k] = new long[a.n];
            long previous = Long.MIN_VALUE;
            for (int i = 0; i < a.n; i++) {
                LocalDateTime t = TimeFormat.toDateTime(a.t(i));
                java.time.LocalDate d = t.toLocalDate();
                java.time.LocalDate end = d.withDayOfMonth(d.lengthOfMonth());
                if (!t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) || d.getDayOfWeek().getValue() > 5
                        || end.toEpochDay() - d.toEpochDay() > MONTH_END_SLACK) {
                    return null;
                }
                day = day < 0 ? d.getDayOfMonth() : day;
                oneDay &= d.getDayOfMonth() == day;
                if (!end.equals(d)) {
                    moved++;
                    first = first != null ? first : d + " to " + end;
                }
                long key = TimeFormat.toKey(end.atStartOfDay());
                if (key <= previous) {
                    return null;
                }
                previous = key;
                ends[k][i] = key;
                if (a.n >= 2 && i < 2000 && sample.size() < 2000) {
                    sample.add(end.atStartOfDay());
                }
            }
        }
        if (moved == 0 || oneDay) {
            return null;   // on the 28th of every month: as they are
        }
        Frequency f = Frequency.infer(sample);
        if (!ofMonths(f) || !f.monthEnds()) {
            return null;
        }
        for (int k = 0; k < readable.size(); k++) {
            readable.get(k).t = RunLengthLongs.of(ends[k]);
        }
        return "moved " + moved + " dates to their months' last days (the first: " + first + "), month ends dated by "
                + "the last business day before a weekend or holiday: read as " + f;
    }

    /** Most days a month-end business day falls before its month's last day (a Friday before a Monday holiday: 3). */
    private static final int MONTH_END_SLACK = 3;

    /** The first day of the month a date at midnight is within two days of (forward or back), or null. */
    private static java.time.LocalDate monthStart(LocalDateTime t) {
        if (!t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)) {
            return null;
        }
        java.time.LocalDate d = t.toLocalDate();
        return d.getDayOfMonth() <= 3 ? d.withDayOfMonth(1)
                : d.getDayOfMonth() >= d.lengthOfMonth() - 1 ? d.plusMonths(1).withDayOfMonth(1) : null;
    }

    /**
     * The frequency of the series' times: integer steps of the most common difference, or the frequency inferred
     * from the first 2,000 times of the series of two times or more; null where none can be inferred.
     */
    static Frequency infer(Iterable<SeriesRows> accs, TimeFormat tf) {
        if (tf.isSteps()) {
            Map<Long, Integer> diffs = new HashMap<>();
            for (SeriesRows a : accs) {
                long prev = a.n > 0 ? a.t(0) : 0;
                for (int i = 1; i < a.n; i++) {
                    long cur = a.t(i);
                    diffs.merge(cur - prev, 1, Integer::sum);
                    prev = cur;
                }
            }
            return steps(diffs);
        }
        List<LocalDateTime> sample = new ArrayList<>();
        for (SeriesRows a : accs) {
            if (a.n >= 2) {
                for (int i = 0; i < Math.min(a.n, 2000); i++) {
                    sample.add(TimeFormat.toDateTime(a.t(i)));
                }
                if (sample.size() >= 2000) {
                    break;
                }
            }
        }
        Frequency f = Frequency.infer(sample);
        return f == null || f.openingHours() == null ? f : coveringEveryTime(f, accs);
    }

    /**
     * Opening hours inferred from the sample widened to every row's time of day and weekday ({@link
     * Frequency#covering}): hours that grew later in a series' history are kept, not a misfit of the reading.
     */
    private static Frequency coveringEveryTime(Frequency f, Iterable<SeriesRows> accs) {
        java.time.LocalTime earliest = java.time.LocalTime.MAX;
        java.time.LocalTime latest = java.time.LocalTime.MIN;
        boolean weekend = false;
        for (SeriesRows a : accs) {
            for (int i = 0; i < a.n; i++) {
                LocalDateTime t = TimeFormat.toDateTime(a.t(i));
                java.time.LocalTime time = t.toLocalTime();
                earliest = time.isBefore(earliest) ? time : earliest;
                latest = time.isAfter(latest) ? time : latest;
                weekend |= t.getDayOfWeek().getValue() > 5;
            }
        }
        return f.covering(earliest, latest, weekend);
    }

    /** Integer steps of the most common difference between consecutive steps (the smaller of a tie), or null. */
    private static Frequency steps(Map<Long, Integer> diffs) {
        long best = diffs.entrySet().stream().max(Map.Entry.<Long, Integer>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(-1L);
        return best <= 0 ? null : new Frequency(Frequency.Unit.STEP, (int) Math.min(Integer.MAX_VALUE, best));
    }

    /**
     * The frequency of one series' own times from its first value on (at most its first 2,000), as the file's is
     * inferred: a series whose gaps on the file's frequency outnumber its values is checked against it, since a
     * monthly series in a file of daily ones would otherwise be forecast as daily data from its interpolated days.
     */
    static Frequency ownFrequency(SeriesRows a, int from, TimeFormat tf) {
        int to = Math.min(a.n, from + 2000);
        if (tf.isSteps()) {
            Map<Long, Integer> diffs = new HashMap<>();
            for (int i = from + 1; i < to; i++) {
                diffs.merge(a.t(i) - a.t(i - 1), 1, Integer::sum);
            }
            return steps(diffs);
        }
        List<LocalDateTime> times = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            times.add(TimeFormat.toDateTime(a.t(i)));
        }
        return Frequency.infer(times);
    }

    /** The season at which a series of this frequency is filled when no season is given: none for integer steps. */
    static int usualSeason(Frequency f) {
        return f.isSteps() ? 1 : f.defaultSeason();
    }

    /** The time key one step of {@code f} after {@code key}. */
    static long next(long key, Frequency f, TimeFormat tf) {
        if (f.isSteps()) {
            return key + f.multiple();
        }
        return TimeFormat.toKey(f.add(TimeFormat.toDateTime(key), 1));
    }

    /** A time key as its format writes it (a step as its number). */
    static String describe(long key, TimeFormat tf) {
        return tf.isSteps() ? Long.toString(key) : tf.format(TimeFormat.toDateTime(key));
    }
}
