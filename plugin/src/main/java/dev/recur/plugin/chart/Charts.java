package dev.recur.plugin.chart;

import dev.recur.engine.forecast.Backtest;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.train.EpochResult;
import dev.recur.engine.train.TrainingHistory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.DateTickUnit;
import org.jfree.chart.axis.DateTickUnitType;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DateFormat;
import java.text.FieldPosition;
import java.text.ParsePosition;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * The report's charts. Every method returns a {@link JFreeChart}; {@link #svg} and {@link #png} draw it.
 * Time axes show dates in the series' own frequency (UTC, so no daylight-saving shifts); integer-step
 * series get a plain step axis.
 */
public final class Charts {

    /** Okabe–Ito colours, safe for the common forms of colour blindness. */
    public static final Color BLACK = new Color(0x000000);
    /** Okabe–Ito blue. */
    public static final Color BLUE = new Color(0x0072B2);
    /** Okabe–Ito vermillion. */
    public static final Color VERMILLION = new Color(0xD55E00);
    /** Okabe–Ito orange. */
    public static final Color ORANGE = new Color(0xE69F00);
    /** Okabe–Ito sky blue. */
    public static final Color SKY = new Color(0x56B4E9);
    /** Okabe–Ito bluish green. */
    public static final Color GREEN = new Color(0x009E73);
    /** Okabe–Ito reddish purple. */
    public static final Color PURPLE = new Color(0xCC79A7);

    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    private static double x(TimeSeries s, int i) {
        if (s.isSteps()) {
            return s.step(i);
        }
        LocalDateTime t = s.time(i).plusYears(shiftYears(s));
        return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /**
     * Years added to a series' times before they are drawn: 0 from the year 1600 on; before it (a textbook's
     * {@code 1-01}, year 1 month 1) the multiple of 400 that brings the first time past 1600. JFreeChart places
     * ticks with {@link java.util.GregorianCalendar}, which counts days by the Julian calendar before 1582, so
     * unshifted the months of year 1 were ticked two days early and named {@code Dec 0001} (the December of 1 BC);
     * 400 years are a whole Gregorian cycle, so months, weekdays and leap days fall as they did, and the tick
     * labels ({@link TickFormat}) take the years off again.
     */
    static long shiftYears(TimeSeries s) {
        if (s.isSteps() || s.length() == 0) {
            return 0;
        }
        int year = s.time(0).getYear();
        return year >= 1600 ? 0 : 400L * ((1600 - year + 399) / 400);
    }

    private static ValueAxis timeAxis(TimeSeries s) {
        if (s.isSteps()) {
            NumberAxis a = new NumberAxis("step");
            a.setAutoRangeIncludesZero(false);
            a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            return style(a);
        }
        // weeks and fortnights ticked on the series' own weekday for weekly data (its Sundays, say), Mondays otherwise
        LocalDateTime first = s.time(0).plusYears(shiftYears(s));
        java.time.DayOfWeek weekday = s.frequency().unit() == Frequency.Unit.WEEK ? first.getDayOfWeek()
                : java.time.DayOfWeek.MONDAY;
        long anchor = first.toLocalDate().with(java.time.temporal.TemporalAdjusters.previousOrSame(weekday)).toEpochDay();
        DateAxis a = new CalendarDateAxis(anchor);
        a.setTimeZone(TimeZone.getTimeZone("UTC"));
        a.setStandardTickUnits(CalendarDateAxis.tickUnits());
        String pattern = switch (s.frequency().unit()) {
            case YEAR -> "uuuu";
            case QUARTER, MONTH -> "MMM uuuu";
            case WEEK, DAY, BUSINESS_DAY -> "d MMM uuuu";
            default -> "d MMM HH:mm";
        };
        a.setDateFormatOverride(new TickFormat(DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH), shiftYears(s)));
        return style(a);
    }

    /**
     * A UTC time axis whose month and year ticks fall on the calendar's own multiples: January and July for
     * half-years, the quarters' first months, 1950, 1955 and 1960 for five years; and whose week and fortnight ticks
     * fall on one weekday, every other one from a given day on. JFreeChart's axis steps from the month, year or day
     * before the axis' start, so a chart starting in January was ticked in December and June, and a daily one starting
     * on Wednesday 6 March 2024 on Thursdays every week, or every 15 days on every weekday in turn (Fri 15 Mar, Sat
     * 30 Mar, Sun 14 Apr).
     */
    static final class CalendarDateAxis extends DateAxis {
        private static final long serialVersionUID = 1L;
        private static final long DAY_MS = 86_400_000L;
        private final long anchorDay;

        /** An axis whose week ticks fall on the weekday of {@code anchorDay} (days since 1970-01-01), a tick itself. */
        CalendarDateAxis(long anchorDay) {
            super(null);
            this.anchorDay = anchorDay;
        }

        /**
         * JFreeChart's standard units with two weeks for its 15 days, which no calendar repeats: a tick every 15 days
         * fell on every weekday and day of the month in turn.
         */
        static org.jfree.chart.axis.TickUnitSource tickUnits() {
            org.jfree.chart.axis.TickUnits standard = (org.jfree.chart.axis.TickUnits) createStandardDateTickUnits();
            org.jfree.chart.axis.TickUnits units = new org.jfree.chart.axis.TickUnits();
            for (int i = 0; i < standard.size(); i++) {
                DateTickUnit u = (DateTickUnit) standard.get(i);
                units.add(u.getUnitType() == DateTickUnitType.DAY && u.getMultiple() == 15
                        ? new DateTickUnit(DateTickUnitType.DAY, 14) : u);
            }
            return units;
        }

        @Override
        protected Date previousStandardDate(Date date, DateTickUnit unit) {
            DateTickUnitType type = unit.getUnitType();
            int m = unit.getMultiple();
            if (type == DateTickUnitType.DAY && m > 0 && m % 7 == 0) {
                // the last tick of the grid anchorDay + k m days strictly before the date
                long ms = date.getTime();
                long tick = anchorDay + Math.floorDiv(Math.floorDiv(ms, DAY_MS) - anchorDay, m) * m;
                if (tick * DAY_MS >= ms) {
                    tick -= m;
                }
                return new Date(tick * DAY_MS);
            }
            if (type != DateTickUnitType.MONTH && type != DateTickUnitType.YEAR || m < 1) {
                return super.previousStandardDate(date, unit);
            }
            LocalDateTime t = LocalDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC);
            LocalDateTime tick;
            if (type == DateTickUnitType.MONTH) {
                long month = t.getYear() * 12L + t.getMonthValue() - 1;
                long start = 12 % m == 0 ? Math.floorDiv(month, m) * (long) m : month;
                tick = LocalDateTime.of((int) Math.floorDiv(start, 12), Math.floorMod(start, 12) + 1, 1, 0, 0);
                if (!tick.isBefore(t)) {
                    tick = tick.minusMonths(m);
                }
            } else {
                tick = LocalDateTime.of(Math.floorDiv(t.getYear(), m) * m, 1, 1, 0, 0);
                if (!tick.isBefore(t)) {
                    tick = tick.minusYears(m);
                }
            }
            return Date.from(tick.toInstant(ZoneOffset.UTC));
        }
    }

    /**
     * A time axis' tick labels, written by {@code java.time} (the proleptic Gregorian calendar the series' times are
     * in) from the UTC instant the axis holds, less the years {@link #shiftYears} added. Formats only.
     */
    static final class TickFormat extends DateFormat {
        private static final long serialVersionUID = 1L;
        private final DateTimeFormatter formatter;
        private final long shiftYears;

        TickFormat(DateTimeFormatter formatter, long shiftYears) {
            this.formatter = formatter;
            this.shiftYears = shiftYears;
            setCalendar(java.util.Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ENGLISH));
            setNumberFormat(java.text.NumberFormat.getIntegerInstance(Locale.ENGLISH));
        }

        @Override
        public StringBuffer format(Date date, StringBuffer to, FieldPosition position) {
            LocalDateTime t = LocalDateTime.ofInstant(date.toInstant(), ZoneOffset.UTC).minusYears(shiftYears);
            return to.append(formatter.format(t));
        }

        @Override
        public Date parse(String source, ParsePosition position) {
            throw new UnsupportedOperationException("tick labels are only written");
        }
    }

    private static <A extends ValueAxis> A style(A a) {
        a.setLabelFont(LABEL);
        a.setTickLabelFont(LABEL);
        return a;
    }

    private static JFreeChart finish(JFreeChart c) {
        c.setBackgroundPaint(Color.WHITE);
        if (c.getTitle() != null) {
            c.getTitle().setFont(TITLE);
        }
        LegendTitle legend = c.getLegend();
        if (legend != null) {
            legend.setItemFont(LABEL);
            legend.setPosition(RectangleEdge.BOTTOM);
        }
        if (c.getPlot() instanceof XYPlot p) {
            p.setBackgroundPaint(Color.WHITE);
            p.setDomainGridlinePaint(new Color(0xDDDDDD));
            p.setRangeGridlinePaint(new Color(0xDDDDDD));
        } else if (c.getPlot() instanceof CategoryPlot p) {
            p.setBackgroundPaint(Color.WHITE);
            p.setRangeGridlinePaint(new Color(0xDDDDDD));
        }
        return c;
    }

    /**
     * The forecast chart: the last {@code historyPoints} values, the forecast, an interval band per level
     * (widest palest) and, when given, the backtest forecasts drawn over the actuals they forecast.
     *
     * @param backtests forecasts made at earlier origins: {@code backtests.get(k)} starts at index
     *                  {@code origins[k]} of {@code history} (may be empty)
     * @param valueLabel the values' label (e.g. the value column and its units)
     */
    public static JFreeChart forecast(TimeSeries history, Forecast forecast, int[] levels, List<Forecast> backtests,
                                      int[] origins, int historyPoints, String valueLabel) {
        int n = history.length();
        int from = Math.max(0, n - historyPoints);
        XYSeriesCollection lines = new XYSeriesCollection();
        XYSeries hist = new XYSeries("history", false, false);
        double[] y = history.values();
        for (int i = from; i < n; i++) {
            hist.add(x(history, i), y[i]);
        }
        lines.addSeries(hist);
        XYSeries fc = new XYSeries("forecast", false, false);
        fc.add(x(history, n - 1), y[n - 1]);
        for (int h = 0; h < forecast.point().length; h++) {
            fc.add(x(history, n + h), forecast.point()[h]);
        }
        lines.addSeries(fc);
        XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
        lineRenderer.setDrawSeriesLineAsPath(true);  // one SVG path per line, not one element per segment
        lineRenderer.setSeriesPaint(0, BLACK);
        lineRenderer.setSeriesStroke(0, new BasicStroke(1.2f));
        lineRenderer.setSeriesPaint(1, BLUE);
        lineRenderer.setSeriesStroke(1, new BasicStroke(2f));
        for (int k = 0; k < backtests.size(); k++) {
            XYSeries b = new XYSeries(k == 0 ? "backtest forecasts" : "backtest " + (k + 1), false, false);
            for (int h = 0; h < backtests.get(k).point().length; h++) {
                b.add(x(history, origins[k] + h), backtests.get(k).point()[h]);
            }
            lines.addSeries(b);
            int idx = lines.getSeriesCount() - 1;
            lineRenderer.setSeriesPaint(idx, VERMILLION);
            lineRenderer.setSeriesStroke(idx, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[]{5f, 3f}, 0f));
            lineRenderer.setSeriesVisibleInLegend(idx, k == 0);
        }
        ValueAxis domain = timeAxis(history);
        NumberAxis range = style(new NumberAxis(valueLabel));
        range.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(lines, domain, range, lineRenderer);
        int[] sorted = levels.clone();
        java.util.Arrays.sort(sorted);
        for (int l = sorted.length - 1, d = 1; l >= 0; l--, d++) {
            int level = sorted[l];
            YIntervalSeriesCollection band = new YIntervalSeriesCollection();
            YIntervalSeries s = new YIntervalSeries(level + "% interval");
            s.add(x(history, n - 1), y[n - 1], y[n - 1], y[n - 1]);
            double[][] lu = forecast.intervals().get(level);
            for (int h = 0; h < forecast.point().length; h++) {
                s.add(x(history, n + h), forecast.point()[h], lu[0][h], lu[1][h]);
            }
            band.addSeries(s);
            DeviationRenderer r = new DeviationRenderer(false, false);
            float alpha = (float) Math.min(0.45, 0.15 * (sorted.length - l));
            r.setSeriesFillPaint(0, new Color(0x00, 0x72, 0xB2, Math.round(alpha * 255)));
            r.setSeriesPaint(0, new Color(0x00, 0x72, 0xB2, Math.round(alpha * 255)));
            r.setSeriesStroke(0, new BasicStroke(0f));
            r.setAlpha(1f);
            plot.setDataset(d, band);
            plot.setRenderer(d, r);
        }
        plot.setDatasetRenderingOrder(org.jfree.chart.plot.DatasetRenderingOrder.REVERSE);
        JFreeChart c = new JFreeChart(history.id(), TITLE, plot, true);
        return finish(c);
    }

    /** Training and calibration (validation) loss per epoch, one pair of lines per ensemble member. */
    public static JFreeChart trainingCurve(List<TrainingHistory> histories) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setDrawSeriesLineAsPath(true);
        int idx = 0;
        for (int m = 0; m < histories.size(); m++) {
            String suffix = histories.size() > 1 ? " (member " + (m + 1) + ")" : "";
            XYSeries train = new XYSeries("training loss" + suffix, false, false);
            XYSeries val = new XYSeries("validation loss" + suffix, false, false);
            for (EpochResult e : histories.get(m).epochs()) {
                train.add(e.epoch() + 1, e.trainLoss());
                if (Double.isFinite(e.validationLoss())) {
                    val.add(e.epoch() + 1, e.validationLoss());
                }
            }
            data.addSeries(train);
            r.setSeriesPaint(idx, BLUE);
            r.setSeriesVisibleInLegend(idx, m == 0);
            idx++;
            data.addSeries(val);
            r.setSeriesPaint(idx, ORANGE);
            r.setSeriesStroke(idx, new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[]{5f, 3f}, 0f));
            r.setSeriesVisibleInLegend(idx, m == 0);
            idx++;
        }
        NumberAxis epochs = style(new NumberAxis("epoch"));
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis loss = style(new NumberAxis("loss (normalised units)"));
        loss.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, epochs, loss, r);
        return finish(new JFreeChart("Training curve", TITLE, plot, true));
    }

    /** Backtest residuals (actual − forecast) over time. */
    public static JFreeChart residuals(TimeSeries history, int[] index, double[] residuals, String valueLabel) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries s = new XYSeries("residual", false, true);
        for (int i = 0; i < residuals.length; i++) {
            s.add(x(history, index[i]), residuals[i]);
        }
        data.addSeries(s);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setDrawSeriesLineAsPath(true);
        r.setSeriesPaint(0, VERMILLION);
        r.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        XYPlot plot = new XYPlot(data, timeAxis(history), style(new NumberAxis("actual − forecast (" + valueLabel + ")")), r);
        plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        JFreeChart c = new JFreeChart("Backtest residuals", TITLE, plot, false);
        return finish(c);
    }

    /** Sample autocorrelation of the residuals up to {@code maxLag}, with the ±1.96/√n band. */
    public static JFreeChart autocorrelation(double[] residuals, int maxLag) {
        double[] acf = acf(residuals, maxLag);
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries s = new XYSeries("autocorrelation");
        for (int k = 1; k < acf.length; k++) {
            s.add(k, acf[k]);
        }
        data.addSeries(s);
        XYBarRenderer r = new XYBarRenderer(0.6);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, BLUE);
        NumberAxis lags = style(new NumberAxis("lag"));
        lags.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis value = style(new NumberAxis("autocorrelation"));
        value.setRange(-1, 1);
        XYPlot plot = new XYPlot(data, lags, value, r);
        double band = 1.96 / Math.sqrt(Math.max(1, residuals.length));
        for (double b : new double[]{band, -band}) {
            plot.addRangeMarker(new ValueMarker(b, ORANGE, new BasicStroke(1f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[]{4f, 3f}, 0f)));
        }
        return finish(new JFreeChart("Residual autocorrelation", TITLE, plot, false));
    }

    /** Sample autocorrelation function, lags 0 … maxLag (at most n − 1). */
    public static double[] acf(double[] x, int maxLag) {
        int n = x.length;
        int lags = Math.max(0, Math.min(maxLag, n - 1));
        double mean = 0;
        for (double v : x) {
            mean += v / n;
        }
        double c0 = 0;
        for (double v : x) {
            c0 += (v - mean) * (v - mean);
        }
        double[] r = new double[lags + 1];
        for (int k = 0; k <= lags; k++) {
            double c = 0;
            for (int t = k; t < n; t++) {
                c += (x[t] - mean) * (x[t - k] - mean);
            }
            r[k] = c0 > 0 ? c / c0 : 0;
        }
        return r;
    }

    /** MASE (and sMAPE as a second bar) of each method from the backtests, best first. */
    public static JFreeChart metricBars(List<Backtest.Result> results, String highlight) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Backtest.Result r : results) {
            data.addValue(r.mase(), "MASE", r.model());
        }
        BarRenderer r = new BarRenderer() {
            @Override
            public java.awt.Paint getItemPaint(int row, int column) {
                return data.getColumnKey(column).equals(highlight) ? BLUE : SKY;
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        CategoryAxis methods = new CategoryAxis("method");
        methods.setTickLabelFont(LABEL);
        methods.setLabelFont(LABEL);
        NumberAxis value = style(new NumberAxis("backtest MASE (lower is better)"));
        CategoryPlot plot = new CategoryPlot(data, methods, value, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        return finish(new JFreeChart("Methods compared", TITLE, plot, false));
    }

    /**
     * Draws a chart as an SVG element.
     *
     * @param idPrefix prefix of the SVG's internal ids (clip paths, gradients), unique within a page
     */
    public static String svg(JFreeChart chart, int width, int height, String idPrefix) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(idPrefix);
        g.setGeomDoubleConverter(Charts::oneDecimal);
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGElement(idPrefix, true, new ViewBox(0, 0, width, height), null, null);
    }

    /** Coordinates to one decimal place: a tenth of a pixel is invisible and halves the SVG's size. */
    static String oneDecimal(double d) {
        if (!Double.isFinite(d)) {
            return "0";
        }
        long r = Math.round(Math.abs(d) * 10);
        String sign = d < 0 && r != 0 ? "-" : "";
        return r % 10 == 0 ? sign + (r / 10) : sign + (r / 10) + "." + (r % 10);
    }

    /** Writes a chart as a PNG file. */
    public static void png(JFreeChart chart, int width, int height, Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, width, height);
    }

    /** A label for the value axis: the value column, or "value". */
    public static String valueLabel(String column) {
        return column == null || column.isBlank() ? "value" : column;
    }
}
