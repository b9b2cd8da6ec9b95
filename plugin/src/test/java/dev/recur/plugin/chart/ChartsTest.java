package dev.recur.plugin.chart;

import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTick;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {

    /** The forecast chart's time-axis ticks as drawn at the given width: their labels and the times they stand at. */
    private static List<String[]> ticks(TimeSeries history, int width) {
        double[] point = new double[12];
        java.util.Arrays.fill(point, history.values()[history.length() - 1]);
        Forecast f = Forecast.of(history.id(), point);
        JFreeChart chart = Charts.forecast(history, f, new int[0], List.of(), new int[0], 120, "value");
        DateAxis axis = (DateAxis) ((XYPlot) chart.getPlot()).getDomainAxis();
        axis.setRange(((XYPlot) chart.getPlot()).getDataRange(axis));
        Graphics2D g = new BufferedImage(width, 300, BufferedImage.TYPE_INT_RGB).createGraphics();
        List<String[]> out = new ArrayList<>();
        for (Object t : axis.refreshTicks(g, new AxisState(), new Rectangle2D.Double(0, 0, width, 300),
                RectangleEdge.BOTTOM)) {
            DateTick d = (DateTick) t;
            LocalDateTime at = LocalDateTime.ofInstant(d.getDate().toInstant(), ZoneOffset.UTC)
                    .minusYears(Charts.shiftYears(history));
            out.add(new String[]{d.getText(), at.toString()});
        }
        g.dispose();
        return out;
    }

    private static TimeSeries monthly(LocalDateTime start, int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 100 + i + 10 * Math.sin(i * Math.PI / 6);
        }
        return TimeSeries.ofTimes("s", y, start, Frequency.MONTHLY);
    }

    @Test
    void monthTicksFallOnTheCalendarsOwnMonthsAndNameTheMonthTheyStandAt() {
        // At 1,500 pixels the axis ticks every 6 months, at 700 every year: JFreeChart's own axis stepped from the
        // month before the data (Dec and Jun) and, for a textbook's year 1 (1-01), named the December of 1 BC 0001.
        for (LocalDateTime start : new LocalDateTime[]{LocalDateTime.of(1949, 1, 1, 0, 0),
                LocalDateTime.of(1949, 4, 1, 0, 0), LocalDateTime.of(1, 1, 1, 0, 0)}) {
            for (int width : new int[]{1500, 700}) {
                List<String[]> ticks = ticks(monthly(start, 144), width);
                assertTrue(ticks.size() >= 4, start + " at " + width + ": " + ticks.size() + " ticks");
                for (String[] t : ticks) {
                    LocalDateTime at = LocalDateTime.parse(t[1]);
                    assertEquals(1, at.getDayOfMonth(), t[1]);
                    assertEquals(0, at.getHour(), t[1]);
                    assertTrue(at.getMonthValue() == 1 || at.getMonthValue() == 7,
                            start + " at " + width + ": a tick at " + t[1] + " (" + t[0] + ")");
                    String month = at.getMonth().getDisplayName(java.time.format.TextStyle.SHORT,
                            java.util.Locale.ENGLISH);
                    assertEquals(month + " " + String.format("%04d", at.getYear()), t[0]);
                    assertFalse(at.isBefore(start.minusMonths(6)), t[1]);
                }
            }
        }
        assertEquals("Jan 0001", ticks(monthly(LocalDateTime.of(1, 1, 1, 0, 0), 100), 1500).get(0)[0]);
    }

    @Test
    void yearTicksFallOnRoundYearsAndQuarterTicksOnTheQuartersFirstMonths() {
        double[] y = new double[100];
        for (int i = 0; i < y.length; i++) {
            y[i] = 500 + 3 * i;
        }
        List<String[]> years = ticks(TimeSeries.ofTimes("nile", y, LocalDateTime.of(1871, 1, 1, 0, 0),
                Frequency.YEARLY), 700);
        assertTrue(years.size() >= 4, years.size() + " ticks");
        int step = Integer.parseInt(years.get(1)[0]) - Integer.parseInt(years.get(0)[0]);
        for (String[] t : years) {
            assertEquals(0, Integer.parseInt(t[0]) % step, t[0] + " is no multiple of the step " + step);
            assertEquals(t[0] + "-01-01T00:00", t[1]);
        }
        // At every width the ticks of a quarterly series that starts in February stand on months that are multiples
        // of the step between them (every month, quarter, half-year or year, counted from January).
        double[] q = java.util.Arrays.copyOf(y, 40);
        java.util.Set<Integer> steps = new java.util.TreeSet<>();
        for (int width : new int[]{400, 700, 1200, 2400, 4800}) {
            List<String[]> quarters = ticks(TimeSeries.ofTimes("q", q, LocalDateTime.of(2015, 2, 1, 0, 0),
                    Frequency.QUARTERLY), width);
            assertTrue(quarters.size() >= 2, width + ": " + quarters.size() + " ticks");
            LocalDateTime a = LocalDateTime.parse(quarters.get(0)[1]);
            LocalDateTime b = LocalDateTime.parse(quarters.get(1)[1]);
            int months = (b.getYear() - a.getYear()) * 12 + b.getMonthValue() - a.getMonthValue();
            steps.add(months);
            for (String[] t : quarters) {
                LocalDateTime at = LocalDateTime.parse(t[1]);
                assertEquals(0, (at.getYear() * 12 + at.getMonthValue() - 1) % months,
                        width + " pixels, a step of " + months + " months: a tick at " + t[1] + " (" + t[0] + ")");
            }
        }
        assertTrue(steps.size() >= 2, "the widths gave one step only: " + steps);
    }

    /**
     * Daily data is ticked on Mondays, every week or every other week, and weekly data on its own weekday (a week's
     * Sunday, where its values stand): JFreeChart stepped 7 or 15 days from a day near the axis' start, so a daily
     * chart starting on a Wednesday had ticks on Thursdays, or every 15 days on every weekday in turn.
     */
    @Test
    void dayTicksFallOnMondaysAndWeekTicksOnTheSeriesOwnWeekday() {
        for (int n : new int[]{30, 60, 90}) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = 50 + Math.sin(i);
            }
            TimeSeries daily = TimeSeries.ofTimes("d", y, LocalDateTime.of(2024, 3, 6, 0, 0), Frequency.DAILY);
            List<String[]> ticks = ticks(daily, 900);
            assertTrue(ticks.size() >= 3, n + " days: " + ticks.size() + " ticks");
            LocalDateTime previous = null;
            for (String[] t : ticks) {
                LocalDateTime at = LocalDateTime.parse(t[1]);
                assertEquals(java.time.DayOfWeek.MONDAY, at.getDayOfWeek(), n + " days: " + t[0]);
                assertEquals(at.toLocalDate().atStartOfDay(), at);
                if (previous != null) {
                    long days = java.time.Duration.between(previous, at).toDays();
                    assertTrue(days == 7 || days == 14, n + " days: " + days + " days between ticks");
                }
                previous = at;
            }
        }
        double[] w = new double[10];
        for (int i = 0; i < w.length; i++) {
            w[i] = 20 + i;
        }
        // Sundays from 7 January 2024
        TimeSeries weekly = TimeSeries.ofTimes("w", w, LocalDateTime.of(2024, 1, 7, 0, 0), Frequency.WEEKLY);
        List<String[]> ticks = ticks(weekly, 900);
        assertTrue(ticks.size() >= 3, ticks.size() + " ticks");
        for (String[] t : ticks) {
            assertEquals(java.time.DayOfWeek.SUNDAY, LocalDateTime.parse(t[1]).getDayOfWeek(), t[0]);
        }
    }
}
