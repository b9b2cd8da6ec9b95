package dev.recur.engine.cleaning;

import dev.recur.engine.decomposition.Stl;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Missing values filled as R's {@code forecast::na.interp} fills them, and the robust STL decomposition it rests on,
 * against R's numbers ({@code r-reference/na-interp-r.R}, forecast 8.20): eight made-up series with gaps (monthly with
 * a missing December, a block and both ends; quarterly; daily with a block of ten and a spike; hourly; a season of 2;
 * a monthly series with too few values present for the seasonal fill; a yearly one; a steep one missing its end).
 */
class MissingValuesTest {

    private record Series(int season, double[] complete, double[] value, double[] filled, double[] seasonal,
                          double[] trend) {
    }

    private static Map<String, Series> reference() throws IOException {
        Map<String, List<String[]>> rows = new LinkedHashMap<>();
        try (InputStream in = MissingValuesTest.class.getResourceAsStream("/r-reference/na-interp-r.csv")) {
            assertNotNull(in, "r-reference/na-interp-r.csv");
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].replace("\"", "").split(",");
                rows.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
            }
        }
        Map<String, Series> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String[]>> e : rows.entrySet()) {
            List<String[]> r = e.getValue();
            int n = r.size();
            double[][] cols = new double[5][n];
            for (int t = 0; t < n; t++) {
                for (int c = 0; c < 5; c++) {
                    String v = r.get(t)[3 + c];
                    cols[c][t] = v.equals("NA") ? Double.NaN : Double.parseDouble(v);
                }
            }
            out.put(e.getKey(), new Series(Integer.parseInt(r.get(0)[1]), cols[0], cols[1], cols[2], cols[3],
                    cols[4]));
        }
        return out;
    }

    @Test
    void missingValuesAreFilledAsRsNaInterpFillsThem() throws IOException {
        Map<String, Series> ref = reference();
        assertEquals(8, ref.size());
        int seasonal = 0;
        for (Map.Entry<String, Series> e : ref.entrySet()) {
            Series s = e.getValue();
            MissingValues.Filled f = MissingValues.filled(s.value(), s.season());
            double scale = 0;
            for (double v : s.complete()) {
                scale = Math.max(scale, Math.abs(v));
            }
            for (int t = 0; t < s.value().length; t++) {
                assertEquals(s.filled()[t], f.values()[t], 1e-9 * scale, e.getKey() + " at " + (t + 1));
            }
            if (f.seasonal()) {
                seasonal++;
            }
        }
        // the seasonal fill on the monthly, quarterly, daily, hourly, semester and steep series; the linear one on the
        // yearly series and the monthly one with 23 values present (not more than two seasons)
        assertEquals(6, seasonal);
        assertFalse(MissingValues.filled(ref.get("fewpresent").value(), 12).seasonal());
        assertFalse(MissingValues.filled(ref.get("yearly").value(), 1).seasonal());
    }

    @Test
    void theRobustDecompositionIsRsStlWithRobustWeights() throws IOException {
        for (Map.Entry<String, Series> e : reference().entrySet()) {
            Series s = e.getValue();
            if (s.season() < 2 || s.complete().length <= 2 * s.season()) {
                continue;
            }
            Stl.Decomposition d = Stl.decompose(s.complete(), s.season(), true);
            for (int t = 0; t < s.complete().length; t++) {
                assertEquals(s.seasonal()[t], d.seasonal()[t], 1e-9 * (1 + Math.abs(s.seasonal()[t])),
                        e.getKey() + " seasonal at " + (t + 1));
                assertEquals(s.trend()[t], d.trend()[t], 1e-9 * (1 + Math.abs(s.trend()[t])),
                        e.getKey() + " trend at " + (t + 1));
            }
        }
    }

    /**
     * Series in any units: near the largest double (where sums of squares overflowed and the partial sort ran off its
     * array), near the smallest, negative, all zero, constant: every fill is finite and within the series' range, the
     * huge and tiny ones the same fill as the series in ordinary units, scaled.
     */
    @Test
    void everyFillIsFiniteWhateverTheUnits() {
        double[] base = new double[60];
        for (int t = 0; t < base.length; t++) {
            base[t] = 1 + 0.5 * Math.sin(t * Math.PI / 6) + 0.01 * t;
        }
        base[5] = Double.NaN;
        base[33] = Double.NaN;
        double[] plain = MissingValues.filled(base, 12).values();
        for (double unit : new double[]{Double.MAX_VALUE / 4, 1e-300, -1e6}) {
            double[] y = new double[base.length];
            for (int t = 0; t < y.length; t++) {
                y[t] = base[t] * unit;
            }
            MissingValues.Filled f = MissingValues.filled(y, 12);
            assertTrue(f.seasonal(), "unit " + unit);
            for (int t = 0; t < y.length; t++) {
                assertTrue(Double.isFinite(f.values()[t]), "unit " + unit + " at " + t);
                assertEquals(plain[t], f.values()[t] / unit, 1e-9, "unit " + unit + " at " + t);
            }
        }
        double[] constant = new double[60];
        java.util.Arrays.fill(constant, 5);
        constant[20] = Double.NaN;
        MissingValues.Filled f = MissingValues.filled(constant, 12);
        assertFalse(f.seasonal());
        assertEquals(5.0, f.values()[20], 0.0);
        double[] zeros = new double[60];
        zeros[7] = Double.NaN;
        assertEquals(0.0, MissingValues.filled(zeros, 12).values()[7], 0.0);
    }

    /**
     * A missing December of a series with a December peak: the straight line between November and January falls
     * far below the peak; the seasonal fill puts it back near the Decembers around it.
     */
    @Test
    void aMissingPeakIsFilledWithTheSeasonsPatternNotAStraightLine() {
        int n = 60;
        double[] y = new double[n];
        for (int t = 0; t < n; t++) {
            y[t] = 100 + t + (t % 12 == 11 ? 50 : 0) + 2 * Math.sin(t);
        }
        double[] gappy = y.clone();
        gappy[35] = Double.NaN;
        MissingValues.Filled f = MissingValues.filled(gappy, 12);
        assertTrue(f.seasonal());
        double line = (y[34] + y[36]) / 2;
        assertTrue(Math.abs(f.values()[35] - y[35]) < 0.1 * Math.abs(line - y[35]),
                "filled " + f.values()[35] + ", true " + y[35] + ", straight line " + line);
        for (int t = 0; t < n; t++) {
            if (t != 35) {
                assertEquals(y[t], f.values()[t], 0.0);
            }
        }
        assertArrayEquals(y, MissingValues.filled(y, 12).values(), 0.0);
    }

    /**
     * The regression's least squares by QR give the SVD's coefficients where the columns are independent (the
     * regression's own matrix of Fourier terms and powers, with values missing), and where one column repeats
     * another, where QR cannot tell their coefficients apart, the SVD's minimum-norm solution.
     */
    @Test
    void leastSquaresByQrAreTheSvdsAndFallBackToItOnDependentColumns() {
        java.util.Random rnd = new java.util.Random(3);
        int n = 90;
        int columns = 12;
        double[][] a = new double[n][columns];
        double[] b = new double[n];
        for (int t = 0; t < n; t++) {
            a[t][0] = 1;
            for (int k = 1; k <= 5; k++) {
                a[t][2 * k - 1] = Math.sin(2 * Math.PI * k * (t + 1) / 12);
                a[t][2 * k] = Math.cos(2 * Math.PI * k * (t + 1) / 12);
            }
            a[t][11] = 2.0 * t / (n - 1) - 1;
            b[t] = 3 + Math.sin(2 * Math.PI * (t + 1) / 12) + 0.5 * a[t][11] + 0.1 * rnd.nextGaussian();
        }
        var m = new org.apache.commons.math3.linear.Array2DRowRealMatrix(a, false);
        var v = new org.apache.commons.math3.linear.ArrayRealVector(b, false);
        double[] qr = MissingValues.leastSquares(m, v).toArray();
        double[] svd = new org.apache.commons.math3.linear.SingularValueDecomposition(m).getSolver().solve(v).toArray();
        assertArrayEquals(svd, qr, 1e-12);
        assertEquals(1.0, qr[1], 0.05);
        // the last column a copy of the first: the SVD splits the intercept between them, and so does the fallback
        double[][] twice = new double[n][];
        for (int t = 0; t < n; t++) {
            twice[t] = java.util.Arrays.copyOf(a[t], columns + 1);
            twice[t][columns] = 1;
        }
        var d = new org.apache.commons.math3.linear.Array2DRowRealMatrix(twice, false);
        double[] fallback = MissingValues.leastSquares(d, v).toArray();
        assertArrayEquals(new org.apache.commons.math3.linear.SingularValueDecomposition(d).getSolver().solve(v).toArray(),
                fallback, 1e-10);
        assertEquals(fallback[0], fallback[columns], 1e-10);
        assertEquals(qr[0], fallback[0] + fallback[columns], 1e-10);
    }
}
