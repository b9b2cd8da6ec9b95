package dev.recur.plugin.cli;

import dev.recur.connectors.series.SeriesData;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.TimeSeries;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The forecast CSV that forecast and predict write. */
final class ForecastCsv {

    private ForecastCsv() {
    }

    /** INPUT-forecast.csv beside the input. */
    static Path defaultOutput(Path in) {
        String f = in.getFileName().toString();
        String stem = f.replaceFirst("(\\.(csv|tsv|txt))?(\\.(gz|zip))?$", "").replaceFirst("\\.(xlsx?|ods)$", "");
        return in.resolveSibling(stem + "-forecast.csv");
    }

    /**
     * Writes forecasts as CSV: the input's id and time columns, forecast, then lower_L and upper_L per level, then
     * (when {@code models} is given) the method of each series in a column {@code model}; with the input file's
     * delimiter and decimal mark (a file of {@code 10,5} between semicolons gets its forecasts so).
     */
    static void write(OutputPlan plan, Path out, SeriesData data, List<Forecast> forecasts, List<String> models, int horizon, int[] lv)
            throws Exception {
        List<String> header = new ArrayList<>();
        boolean withId = data.layout() != SeriesData.Layout.SINGLE;
        String idName = data.idColumn() != null ? data.idColumn() : "series";
        if (withId) {
            header.add(idName);
        }
        header.add(data.timeColumn());
        header.add("forecast");
        for (int l : lv) {
            header.add("lower_" + l);
            header.add("upper_" + l);
        }
        if (models != null) {
            header.add("model");
        }
        SeriesData.Dialect dialect = data.dialect() != null ? data.dialect() : SeriesData.Dialect.DEFAULT;
        boolean comma = dialect.decimalMark() == ',';
        plan.stageText(out, w -> {
            try (CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setDelimiter(dialect.delimiter())
                    .setRecordSeparator('\n').build())) {
                p.printRecord(header);
                List<String> row = new ArrayList<>(header.size());
                for (int s = 0; s < forecasts.size(); s++) {
                    TimeSeries ts = data.series().get(s);
                    Forecast f = forecasts.get(s);
                    for (int h = 0; h < horizon; h++) {
                        row.clear();
                        if (withId) {
                            row.add(ts.id());
                        }
                        row.add(ts.isSteps() ? Long.toString(ts.step(ts.length() + h))
                                : data.timeFormat().format(ts.time(ts.length() + h)));
                        row.add(number(f.point()[h], comma));
                        for (int l : lv) {
                            row.add(number(f.lower(l)[h], comma));
                            row.add(number(f.upper(l)[h], comma));
                        }
                        if (models != null) {
                            row.add(models.get(s));
                        }
                        p.printRecord(row);
                    }
                }
            }
        });
    }


    /**
     * A value with 8 significant digits, without trailing zeros: in plain digits from 10<sup>-6</sup> to below
     * 10<sup>15</sup> in magnitude, and beyond that with an exponent ({@code 1.3583332E+300}), which every CSV reader
     * parses, so that a value of 10<sup>300</sup> is not written as 301 digits.
     */
    static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        if (v == 0) {
            return "0";
        }
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(8)).stripTrailingZeros();
        double magnitude = Math.abs(v);
        return magnitude >= 1e-6 && magnitude < 1e15 ? d.toPlainString() : d.toString();
    }

    /** {@link #number(double)} with a decimal comma where {@code decimalComma}. */
    static String number(double v, boolean decimalComma) {
        String s = number(v);
        return decimalComma ? s.replace('.', ',') : s;
    }
}
