import dev.recur.engine.intervals.ErrorQuantiles;
import dev.recur.engine.intervals.LocalIntervals;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import dev.recur.engine.statistical.Combination;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * How the errors of the test period compare with those of the backtests that calibrate the intervals: for one
 * panel, {@code comb}'s scaled absolute errors (as {@link LocalIntervals} pools them: each divided by the MASE
 * scale of the history before its origin) on the held-out test values and at the two latest backtest origins
 * (one horizon and one and a half horizons before the end of the training part), their means, and the coverage
 * on the test values of the 80% and 95% half-widths that the latest origin's errors give (the conformal
 * quantile per horizon step). Run by {@code bench/backtest-drift.sh}; single-file source, public API only:
 *
 * <pre>java -cp "plugin/target/recur-plugin.jar:plugin/target/lib/*" bench/BacktestDrift.java NAME TRAIN TEST H M [MIN [MAX]]</pre>
 *
 * <p>MIN and MAX keep only the series whose training part has that many values (MAX excluded): the default's
 * network series of M1 quarterly are those of at least 39, for instance.
 */
public class BacktestDrift {

    public static void main(String[] args) throws IOException {
        String name = args[0];
        Map<String, double[]> train = read(Path.of(args[1]));
        Map<String, double[]> test = read(Path.of(args[2]));
        int h = Integer.parseInt(args[3]);
        int m = Integer.parseInt(args[4]);
        int min = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        int max = args.length > 6 ? Integer.parseInt(args[6]) : Integer.MAX_VALUE;
        Combination comb = Combination.standard();
        List<String> ids = new ArrayList<>(train.keySet());
        ids.removeIf(id -> train.get(id).length < min || train.get(id).length >= max);
        double[][] testErr = new double[ids.size()][];
        double[][][] backErr = new double[ids.size()][][];
        IntStream.range(0, ids.size()).parallel().forEach(s -> {
            double[] y = train.get(ids.get(s));
            if (y.length < comb.minimumLength(h, m)) {
                return;
            }
            TimeSeries series = TimeSeries.ofSteps(ids.get(s), y, 1);
            double[] f = comb.forecast(List.of(series), h, m, Forecaster.Progress.NONE).get(0);
            double scale = LocalIntervals.intervalScale(y, m);
            double[] actual = test.get(ids.get(s));
            if (scale > 0 && actual != null && actual.length >= h) {
                testErr[s] = new double[h];
                for (int i = 0; i < h; i++) {
                    testErr[s][i] = Math.abs(actual[i] - f[i]) / scale;
                }
            }
            backErr[s] = LocalIntervals.seriesErrors(comb, series, h, m, 2);
        });
        List<double[]> tests = new ArrayList<>();
        List<double[]> latest = new ArrayList<>();
        List<double[]> before = new ArrayList<>();
        for (int s = 0; s < ids.size(); s++) {
            // only series with a test forecast and both backtests, so that the three means are over the same series
            if (testErr[s] != null && backErr[s] != null && backErr[s].length == 2) {
                tests.add(testErr[s]);
                latest.add(backErr[s][0]);
                before.add(backErr[s][1]);
            }
        }
        double[] q80 = quantiles(latest, h, 0.80);
        double[] q95 = quantiles(latest, h, 0.95);
        int in80 = 0;
        int in95 = 0;
        int n = 0;
        for (double[] e : tests) {
            for (int i = 0; i < h; i++) {
                in80 += e[i] <= q80[i] ? 1 : 0;
                in95 += e[i] <= q95[i] ? 1 : 0;
                n++;
            }
        }
        double mt = mean(tests);
        double m0 = mean(latest);
        double m1 = mean(before);
        System.out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.2f | %.1f / %.1f |%n", name, tests.size(), m1,
                m0, mt, mt / m0, 100.0 * in80 / n, 100.0 * in95 / n);
    }

    /** The conformal quantile per step of the rows' finite values. */
    private static double[] quantiles(List<double[]> rows, int h, double level) {
        double[] q = new double[h];
        for (int i = 0; i < h; i++) {
            final int step = i;
            double[] e = rows.stream().mapToDouble(r -> r[step]).filter(Double::isFinite).sorted().toArray();
            q[i] = e[ErrorQuantiles.quantileRank(e.length, (int) Math.round(level * 100))];
        }
        return q;
    }

    private static double mean(List<double[]> rows) {
        double sum = 0;
        long n = 0;
        for (double[] r : rows) {
            for (double v : r) {
                if (Double.isFinite(v)) {
                    sum += v;
                    n++;
                }
            }
        }
        return sum / n;
    }

    /** A long CSV with columns unique_id and y, in time order within each series. */
    private static Map<String, double[]> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int id = header.indexOf("unique_id");
        int y = header.indexOf("y");
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            values.computeIfAbsent(f[id], k -> new ArrayList<>()).add(Double.parseDouble(f[y]));
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }
}
