package dev.recur.spark;

import dev.recur.connectors.MissingPolicy;
import dev.recur.connectors.csv.NumberFields;
import dev.recur.connectors.series.Aggregation;
import dev.recur.connectors.series.SeriesAssembler;
import dev.recur.connectors.series.SeriesData;
import dev.recur.connectors.series.SpikeNotes;
import dev.recur.connectors.series.TimeFormat;
import dev.recur.connectors.series.TimeFormatDetection;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * How the rows of one series become a {@link TimeSeries} on an executor: the command line's
 * {@link SeriesAssembler} (sorting, duplicate times refused, gaps and missing values by the policy), one series
 * at a time so that a bad series is a problem of its own. Rows arrive as {@code (group, id, time, value)} with
 * the time as text, grouped by series (and by group first); a value as text (a CSV file's column) is read as the
 * command line reads a file's ({@link NumberFields}: missing values' marks, flagged, bounded and displayed numbers),
 * and one that is no number is its series' problem.
 *
 * @param timeFormat  the {@code --time-format} option, or null
 * @param firstTime   the input's first time value, from which the format is recognised when there is no option
 * @param timeSample  the input's first time values, one a line, which show the order of day and month where the
 *                    first value does not ({@link dev.recur.connectors.series.TimeFormatDetection#detect(String, CharSequence)})
 * @param unit        the frequency's unit, or null to infer each series' own
 * @param multiple    the frequency's multiple
 * @param monthEnds   whether its times are month ends ({@link Frequency#atMonthEnds})
 * @param openingHours its opening hours ({@link Frequency#openingHours}), or null for whole days
 * @param missing     the missing-value policy's option
 * @param ownFrequencies whether a series regular at another frequency than {@code unit}'s (a quarterly series among
 *                    monthly ones) is read at its own, as the command line reads it, and marked as such ({@link
 *                    Item#other()}) for a run at that frequency; otherwise (a frequency given by its user, or a run
 *                    already at the other frequency) it is a problem of that series
 * @param aggregate   the {@code --aggregate} option (the rows of a series in one period made one value), or null
 * @param replaceSpikes with {@code --replace-spikes}, whether the values that stand out as isolated spikes are
 *                    replaced ({@link SpikeNotes}, as the command line does); otherwise the values are read as they are
 *                    (the default, and a sample read only for its frequency)
 * @param season      the run's season for the series at {@code unit}'s frequency, at which a seasonal series' gaps are
 *                    filled with its season's pattern ({@link SeriesAssembler#season}), as the command line fills
 *                    them, and at which values that stand out are looked for; 0 for the frequency's usual season (a
 *                    series of another frequency is read at its own)
 */
record SeriesReading(String timeFormat, String firstTime, String timeSample, String unit, int multiple,
                     boolean monthEnds, String openingHours, String missing, boolean ownFrequencies, String aggregate, boolean replaceSpikes,
                     int season)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Column positions of the normalised rows. */
    static final int GROUP = 0;
    static final int ID = 1;
    static final int TIME = 2;
    static final int VALUE = 3;

    /**
     * One series read, or why it could not be.
     *
     * @param group   its group (null without one)
     * @param id      its id (null for rows without one)
     * @param series  the series, or null
     * @param problem what is wrong, or null
     * @param other   for a series regular at another frequency than the run's (read with {@code ownFrequencies}),
     *                that frequency ({@link #key}), with {@code problem} saying so; else null
     * @param notes   what was done to the series or stands out in it, one line each (read with notes), else empty
     */
    record Item(String group, String id, TimeSeries series, String problem, String other, List<String> notes) {
        Item(String group, String id, TimeSeries series, String problem) {
            this(group, id, series, problem, null, List.of());
        }

        Item(String group, String id, TimeSeries series, String problem, String other) {
            this(group, id, series, problem, other, List.of());
        }
    }

    /**
     * A frequency as one string, {@code MONTH:3:false} (unit, multiple, month ends), then any opening hours
     * ({@code MINUTE:5:false:07:00-21:00 weekdays}): {@link #at} reads it.
     */
    static String key(Frequency f) {
        return f.unit().name() + ":" + f.multiple() + ":" + f.monthEnds()
                + (f.openingHours() == null ? "" : ":" + f.openingHours());
    }

    /** This reading at the frequency of {@code key} ({@link #key}), its series of other frequencies problems. */
    SeriesReading at(String key) {
        String[] k = key.split(":", 4);
        return new SeriesReading(timeFormat, firstTime, timeSample, k[0], Integer.parseInt(k[1]),
                Boolean.parseBoolean(k[2]), k.length > 3 ? k[3] : null, missing, false, aggregate, replaceSpikes, 0);
    }

    TimeFormat format() {
        TimeFormat tf = timeFormat != null ? TimeFormat.parseOption(timeFormat) : TimeFormatDetection.detect(firstTime, timeSample);
        if (tf == null) {
            throw new IllegalArgumentException("cannot recognise the time " + Shorten.quoted(firstTime)
                    + "; give the time format");
        }
        return tf;
    }

    /** The frequency, or null (inferred per series) when there is no unit. */
    Frequency frequency() {
        if (unit == null) {
            return null;
        }
        Frequency f = new Frequency(Frequency.Unit.valueOf(unit), multiple);
        return monthEnds ? f.atMonthEnds() : openingHours != null ? f.withOpeningHours(openingHours) : f;
    }

    /**
     * The frequency of a sample of series (rows grouped by series): each series' own, as the command line infers
     * it, and the most common of those; series that cannot be read are left out (they are reported later).
     */
    static Frequency infer(List<Row> rows, String timeFormat, String firstTime, String timeSample, String missing,
                           String aggregate) {
        java.util.Map<Frequency, Integer> votes = new java.util.LinkedHashMap<>();
        for (Iterator<Item> it = new SeriesReading(timeFormat, firstTime, timeSample, null, 0, false, null, missing, false, aggregate, false, 0).items(rows.iterator()); it.hasNext(); ) {
            Item item = it.next();
            if (item.series() != null) {
                votes.merge(item.series().frequency(), 1, Integer::sum);
            }
        }
        return votes.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey)
                .orElseThrow(() -> new IllegalArgumentException("cannot infer the frequency from a sample of the series;"
                        + " give the frequency"));
    }

    /** The series of a partition, one at a time (without their notes). */
    Iterator<Item> items(Iterator<Row> rows) {
        return items(rows, false);
    }

    /**
     * The series of a partition, one at a time; with {@code withNotes}, each with the lines that say what was done to
     * it or stands out in it, as the command line's warnings say them ({@link Item#notes()}): its gaps filled, its
     * values read from a mark ({@link NumberFields#notes}), the values that stand out as isolated spikes ({@link
     * SpikeNotes}, at the run's season) and whether they were replaced.
     */
    Iterator<Item> items(Iterator<Row> rows, boolean withNotes) {
        TimeFormat tf = format();
        Frequency f = frequency();
        MissingPolicy policy = MissingPolicy.parse(missing);
        Aggregation how = aggregate == null ? null : Aggregation.parse(aggregate);
        return new Iterator<>() {
            private Row next = rows.hasNext() ? rows.next() : null;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Item next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                String group = next.isNullAt(GROUP) ? null : next.getString(GROUP);
                String id = next.isNullAt(ID) ? null : next.getString(ID);
                List<Row> mine = new ArrayList<>();
                while (next != null && java.util.Objects.equals(id, next.isNullAt(ID) ? null : next.getString(ID))
                        && java.util.Objects.equals(group, next.isNullAt(GROUP) ? null : next.getString(GROUP))) {
                    mine.add(next);
                    next = rows.hasNext() ? rows.next() : null;
                }
                return read(group, id, mine, tf, f, policy, ownFrequencies, how, replaceSpikes, season, withNotes);
            }
        };
    }

    private static Item read(String group, String id, List<Row> rows, TimeFormat tf, Frequency f, MissingPolicy policy,
                             boolean own, Aggregation how, boolean replaceSpikes, int season, boolean withNotes) {
        if (id == null) {
            return new Item(group, null, null, rows.size() + " row" + (rows.size() == 1 ? " has" : "s have") + " no series id");
        }
        String label = "series " + Shorten.quoted(id);
        try {
            // a table's rows have no order: taken in time order, so that a row is named by its time
            long[] keys = new long[rows.size()];
            for (int i = 0; i < keys.length; i++) {
                if (rows.get(i).isNullAt(TIME)) {
                    return new Item(group, id, null, label + ", row " + (i + 1) + ": no time");
                }
                keys[i] = tf.parse(rows.get(i).getString(TIME));
            }
            Integer[] order = timeOrder(keys);
            SeriesAssembler a = new SeriesAssembler(label, new TimeLocator(label, rows, order), policy, f)
                    .ownFrequencies(own && f != null).aggregate(how).season(f == null ? 0 : season);
            NumberFields numbers = null;
            for (int k = 0; k < order.length; k++) {
                Row row = rows.get(order[k]);
                double v;
                if (row.isNullAt(VALUE)) {
                    v = Double.NaN;
                } else if (row.get(VALUE) instanceof String text) {
                    numbers = numbers != null ? numbers : new NumberFields(false);
                    v = numbers.value(text.strip(), () -> label + ", time " + Shorten.quoted(row.getString(TIME)));
                } else {
                    v = row.getDouble(VALUE);
                }
                if (Double.isInfinite(v)) {
                    return new Item(group, id, null, label + ", time " + Shorten.quoted(row.getString(TIME)) + ": the value is "
                            + v + "; values must be finite");
                }
                a.add(id, keys[order[k]], v, k + 1);
            }
            List<String> read = new ArrayList<>();
            TimeSeries s = a.finish(SeriesData.Layout.LONG, "id", "time", "value", tf, read).series().get(0);
            if (f != null && !s.frequency().equals(f)) {
                return new Item(group, id, null, label + " is " + s.frequency() + " data, not " + f + " as the others",
                        key(s.frequency()));
            }
            List<String> notes = withNotes ? readingNotes(id, read, numbers) : new ArrayList<>();
            if (replaceSpikes || withNotes) {
                int m = season > 0 && f != null ? season : Math.max(1, s.frequency().defaultSeason());
                TimeSeries checked = s;
                SpikeNotes.Checked c = SpikeNotes.check(s, m, replaceSpikes, label + ": ",
                        i -> checked.isSteps() ? "step " + checked.step(i) : tf.format(checked.time(i)));
                s = c.series();
                notes.addAll(c.lines());
            }
            return new Item(group, id, s, null, null, List.copyOf(notes));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return new Item(group, id, null, Shorten.line(e.getMessage()));
        }
    }

    /** The rows' indices in the order of their times {@code keys} (a sort that keeps equal times in row order). */
    private static Integer[] timeOrder(long[] keys) {
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Long.compare(keys[x], keys[y]));
        return order;
    }

    /**
     * What the reading did to series {@code id}, from the reading's notes {@code read} (gaps filled, repeated hours
     * averaged, a last part-period left out; a note of the whole reading, rows sorted or aggregated, is the run's, not
     * the series'), and the values read from a mark (a flag after them, a bound before them, a displayed form), named
     * by time.
     */
    private static List<String> readingNotes(String id, List<String> read, NumberFields numbers) {
        List<String> notes = new ArrayList<>();
        for (String note : read) {
            if (note.contains(Shorten.quoted(id))) {
                notes.add(note);
            }
        }
        if (numbers != null) {
            notes.addAll(numbers.notes());
        }
        return notes;
    }

    /** Names the k-th row of a series in time order (from 1) by its time, as the table has it. */
    private record TimeLocator(String label, List<Row> rows, Integer[] order) implements SeriesAssembler.Locator {
        @Override
        public String at(int row) {
            return label + ", " + within(row);
        }

        @Override
        public String within(int row) {
            return row >= 1 && row <= order.length ? "time " + Shorten.quoted(rows.get(order[row - 1]).getString(TIME))
                    : "row " + row;
        }
    }

    /** The time {@code steps} after the last of a series, as the input wrote times. */
    static String timeAfter(TimeSeries s, int steps, TimeFormat tf) {
        if (s.isSteps()) {
            return Long.toString(s.step(s.length() - 1 + steps));
        }
        LocalDateTime t = s.time(s.length() - 1 + steps);
        return tf.format(t);
    }
}
