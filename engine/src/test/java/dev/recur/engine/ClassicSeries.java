package dev.recur.engine;

import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.Metrics;
import dev.recur.engine.series.TimeSeries;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The classic series of the test resources ({@code /classic/NAME.csv}, {@code date,value}), and their held-out scores. */
public final class ClassicSeries {

    private ClassicSeries() {
    }

    /** The values of {@code /classic/NAME.csv}. */
    public static double[] values(String name) throws IOException {
        List<Double> v = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                ClassicSeries.class.getResourceAsStream("/classic/" + name + ".csv"), StandardCharsets.UTF_8))) {
            r.readLine();
            String line;
            while ((line = r.readLine()) != null) {
                v.add(Double.parseDouble(line.split(",")[1]));
            }
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** MASE (season {@code m}) of {@code f}'s forecast of the series' last {@code h} values from the rest. */
    public static double heldOutMase(Forecaster f, String name, int h, int m) throws IOException {
        double[] y = values(name);
        double[] train = Arrays.copyOf(y, y.length - h);
        double[] test = Arrays.copyOfRange(y, y.length - h, y.length);
        double[] p = f.forecast(List.of(TimeSeries.ofSteps(name, train, 1)), h, m, Forecaster.Progress.NONE).get(0);
        return Metrics.mase(train, test, p, m);
    }
}
