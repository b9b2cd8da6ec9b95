package dev.recur.connectors.series;

import dev.recur.engine.io.Shorten;
import dev.recur.engine.series.Frequency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Series made one value per period from their rows (transactions made daily sums, readings made hourly means):
 * the rows of a period combined, the periods without rows made 0 for sums and counts, and a last period that the
 * rows end within left out.
 */
final class PeriodAggregation {

    private final Aggregation aggregation;
    /** The periods' frequency, or null for one value per time. */
    private final Frequency frequency;

    /** Aggregation {@code how} per period of {@code frequency} (null: per time). */
    PeriodAggregation(Aggregation how, Frequency frequency) {
        this.aggregation = how;
        this.frequency = frequency;
    }

    /**
     * Makes each series one value per period ({@link SeriesAssembler#aggregate(Aggregation)}): its rows grouped by period, in
     * time order within each, combined; for sums and counts the periods without rows between a series' first and
     * last made 0, and a last period that its rows end within (a month of daily rows that ends on the 12th) left out
     * with a note, since its sum would be only part of one: the forecast starts with that period.
     */
    void aggregate(Iterable<SeriesRows> accs, TimeFormat tf, List<String> notes) {
        long rowsIn = 0;
        long periods = 0;
        int seriesCount = 0;
        String partial = null;
        int partials = 0;
        for (SeriesRows a : accs) {
            if (a.problem != null || a.n == 0) {
                continue;
            }
            seriesCount++;
            rowsIn += a.n;
            String cut = aggregateSeries(a, tf);
            if (cut != null) {
                partials++;
                partial = partial != null ? partial : cut;
            }
            periods += a.n;
        }
        long zeros = aggregation.emptyIsZero() ? zerosFilled(accs, tf) : 0;
        String what = aggregation.plural();
        notes.add(String.format(java.util.Locale.ROOT, "aggregated %d rows of %d series into %d %s %s", rowsIn,
                seriesCount, periods, frequency == null ? "" : frequency.toString(), what).replace("  ", " ")
                + (frequency == null ? " (one per time)" : "")
                + (zeros > 0 ? "; " + zeros + " period" + (zeros == 1 ? "" : "s") + " without rows made 0" : ""));
        if (partials > 0) {
            notes.add("left out the last period of " + partials + " series, which their rows end within (" + partial
                    + (partials > 1 ? "; ..." : "") + "): its " + aggregation.name().toLowerCase(java.util.Locale.ROOT)
                    + " would count only part of it, and the forecast starts there");
        }
    }

    /**
     * Makes series {@code a} one value per period, in place; what to say of its last period where that was left out
     * as one its rows end within, else null.
     */
    private String aggregateSeries(SeriesRows a, TimeFormat tf) {
        String cut = null;
        int n = a.n;
        long[] t = a.t.toArray();
        long[] key = new long[n];
        for (int i = 0; i < n; i++) {
            key[i] = periodOf(t[i], tf);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // in time order, and so by period, a period's start never decreasing with the time
        Arrays.sort(order, (x, y) -> Long.compare(t[x], t[y]));
        long[] lines = a.lines.toArray();
        long[] k2 = new long[n];
        double[] v2 = new double[n];
        long[] l2 = new long[n];
        double[][] c2 = new double[a.cov.length][n];
        double[] group = new double[n];
        int m = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            long line = Long.MAX_VALUE;
            while (j < n && key[order[j]] == key[order[i]]) {
                group[j - i] = a.v[order[j]];
                line = Math.min(line, lines[order[j]]);
                j++;
            }
            k2[m] = key[order[i]];
            v2[m] = aggregation.combine(group, 0, j - i);
            l2[m] = line;
            for (int c = 0; c < c2.length; c++) {
                for (int r = i; r < j; r++) {
                    group[r - i] = a.cov[c][order[r]];
                }
                c2[c][m] = Aggregation.MEAN.combine(group, 0, j - i);
            }
            m++;
            i = j;
        }
        if (frequency != null && aggregation.emptyIsZero() && !tf.isSteps() && m > 1) {
            cut = partialLastPeriod(a.id, t, order, k2[m - 1], tf);
            if (cut != null) {
                // a sum of part of a period would be taken for a fall: the period is forecast instead
                m--;
            }
        }
        a.t = RunLengthLongs.of(Arrays.copyOf(k2, m));
        a.v = Arrays.copyOf(v2, Math.max(m, 1));
        a.lines = RunLengthLongs.of(Arrays.copyOf(l2, m));
        for (int c = 0; c < c2.length; c++) {
            c2[c] = Arrays.copyOf(c2[c], Math.max(m, 1));
        }
        a.cov = c2;
        a.n = m;
        return cut;
    }

    /**
     * What to say of a series' last period, which starts at {@code last}, where its rows (times {@code t} in
     * {@code order}) end within it: where what is left of it after the last row is longer than two of their usual
     * spacings (daily rows to the 10th of a month; not transactions to the evening of its last day, nor weekly rows
     * summed per week); else null.
     */
    private String partialLastPeriod(String id, long[] t, Integer[] order, long last, TimeFormat tf) {
        // a period dated by its month end ends the day after
        long end = frequency.monthEnds() ? TimeFormat.toKey(TimeFormat.toDateTime(last).plusDays(1))
                : Frequencies.next(last, frequency, tf);
        long spacing = medianSpacing(t, order);
        long lastRow = t[order[order.length - 1]];
        if (spacing > 0 && end - lastRow > 2 * spacing) {
            return "series " + Shorten.quoted(id) + ": rows end " + TimeFormat.toDateTime(lastRow).toLocalDate()
                    + ", in the period from " + tf.format(TimeFormat.toDateTime(last));
        }
        return null;
    }

    /**
     * Makes 0 the periods without rows between each readable series' first and last (on the frequency given, else the
     * one the series show); how many.
     */
    private long zerosFilled(Iterable<SeriesRows> accs, TimeFormat tf) {
        long zeros = 0;
        List<SeriesRows> readable = new ArrayList<>();
        for (SeriesRows a : accs) {
            if (a.problem == null && a.n > 0) {
                readable.add(a);
            }
        }
        Frequency grid = frequency != null ? frequency : readable.isEmpty() ? null : Frequencies.infer(readable, tf);
        for (SeriesRows a : grid == null ? List.<SeriesRows>of() : readable) {
            zeros += fillEmptyPeriods(a, grid, tf);
        }
        return zeros;
    }

    /** The median of the positive differences of time keys {@code t} in {@code order}; 0 without any. */
    private static long medianSpacing(long[] t, Integer[] order) {
        long[] d = new long[order.length];
        int k = 0;
        for (int i = 1; i < order.length; i++) {
            long diff = t[order[i]] - t[order[i - 1]];
            if (diff > 0) {
                d[k++] = diff;
            }
        }
        if (k == 0) {
            return 0;
        }
        Arrays.sort(d, 0, k);
        return d[k / 2];
    }

    /** The key of the period of {@link #frequency} that holds time key {@code t} (the time itself without one). */
    private long periodOf(long t, TimeFormat tf) {
        if (frequency == null) {
            return t;
        }
        if (tf.isSteps()) {
            return Aggregation.periodStart(t, frequency.multiple());
        }
        return TimeFormat.toKey(Aggregation.periodStart(TimeFormat.toDateTime(t), frequency));
    }

    /**
     * Adds a 0 for each period of {@code grid} without rows between a series' first and last; none where its times
     * are off the grid or the gaps too long (the reading then says what is wrong, as without aggregation).
     * Returns how many were added.
     */
    private static int fillEmptyPeriods(SeriesRows a, Frequency grid, TimeFormat tf) {
        long[] t = a.t.toArray();
        long[] lines = a.lines.toArray();
        List<Long> keys = new ArrayList<>();
        int added = 0;
        int i = 0;
        long k = t[0];
        while (i < a.n) {
            if (k == t[i]) {
                keys.add(k);
                i++;
            } else if (k < t[i]) {
                keys.add(k);
                added++;
            } else {
                return 0;   // off the grid
            }
            if (added > Regularisation.MAX_GAP) {
                return 0;
            }
            if (i < a.n) {
                k = tf.isSteps() ? k + grid.multiple() : Frequencies.next(k, grid, tf);
            }
        }
        if (added == 0) {
            return 0;
        }
        long[] t2 = new long[keys.size()];
        double[] v2 = new double[keys.size()];
        long[] l2 = new long[keys.size()];
        double[][] c2 = new double[a.cov.length][keys.size()];
        int r = 0;
        for (int j = 0; j < t2.length; j++) {
            t2[j] = keys.get(j);
            boolean real = r < a.n && t[r] == t2[j];
            v2[j] = real ? a.v[r] : 0;
            l2[j] = real ? lines[r] : lines[Math.max(0, r - 1)];
            for (int c = 0; c < c2.length; c++) {
                c2[c][j] = real ? a.cov[c][r] : Double.NaN;
            }
            r += real ? 1 : 0;
        }
        a.t = RunLengthLongs.of(t2);
        a.v = v2;
        a.lines = RunLengthLongs.of(l2);
        a.cov = c2;
        a.n = t2.length;
        return added;
    }
}
