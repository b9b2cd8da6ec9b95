import dev.recur.engine.cleaning.MissingValues;
import dev.recur.engine.series.Metrics;
import java.nio.file.*;
import java.util.*;

/**
 * Imputation error of the seasonal fill (R's na.interp, MissingValues) against the straight line: values knocked out
 * of complete series, three gaps a series at random places inside it, each the mean absolute error over the gap
 * divided by the series' MASE scale. Run by bench/missing-fill.sh.
 */
public class MissingFill {
  public static void main(String[] a) throws Exception {
    String file = a[0]; int season = Integer.parseInt(a[1]); int block = Integer.parseInt(a[2]);
    Map<String, List<Double>> d = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(Path.of(file));
    for (String l : lines.subList(1, lines.size())) {
      String[] f = l.split(",");
      d.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[f.length - 1]));
    }
    Random r = new Random(7);
    double sumS = 0, sumL = 0; int cases = 0, seasonalUsed = 0, winsS = 0;
    for (List<Double> v : d.values()) {
      double[] y = v.stream().mapToDouble(Double::doubleValue).toArray();
      int n = y.length;
      if (n < 3 * season + block + 2) continue;
      double scale = Metrics.maseScale(y, season);
      if (!(scale > 0)) continue;
      for (int rep = 0; rep < 3; rep++) {
        double[] g = y.clone();
        int at = 1 + r.nextInt(n - block - 1);   // inside the series, not at its ends
        for (int k = 0; k < block; k++) g[at + k] = Double.NaN;
        MissingValues.Filled s = MissingValues.filled(g, season);
        double[] lin = MissingValues.filled(g, 1).values();
        double es = 0, el = 0;
        for (int k = 0; k < block; k++) { es += Math.abs(s.values()[at + k] - y[at + k]); el += Math.abs(lin[at + k] - y[at + k]); }
        sumS += es / block / scale; sumL += el / block / scale; cases++;
        if (s.seasonal()) seasonalUsed++;
        if (es < el) winsS++;
      }
    }
    System.out.printf(Locale.ROOT, "%s season %d block %d: %d gaps (seasonal fill on %d), scaled MAE seasonal %.3f, linear %.3f, ratio %.3f, seasonal closer on %.1f%%%n",
        file.replaceAll(".*/datasets/", ""), season, block, cases, seasonalUsed, sumS / cases, sumL / cases, sumS / sumL, 100.0 * winsS / cases);
  }
}
