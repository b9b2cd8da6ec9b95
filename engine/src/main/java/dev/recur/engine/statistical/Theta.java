package dev.recur.engine.statistical;

import dev.recur.engine.decomposition.Seasonality;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.numeric.ExtremeUnits;
import dev.recur.engine.series.Forecaster;
import dev.recur.engine.series.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * The Theta method (Assimakopoulos &amp; Nikolopoulos) in Hyndman &amp; Billah's form, as R's
 * {@code forecast::thetaf} computes it: seasonally adjust by classical multiplicative decomposition when
 * the series passes the 90% seasonality test, forecast the adjusted series by simple exponential
 * smoothing plus half the slope of its linear trend, and restore the season.
 */
public final class Theta implements Forecaster {

    /** Creates the method. */
    public Theta() {
    }

    @Override
    public String name() {
        return "theta";
    }

    @Override
    public int minimumLength(int horizon, int season) {
        return 4;
    }

    @Override
    public List<double[]> forecast(List<TimeSeries> history, int horizon, int season, Progress progress) {
        List<double[]> out = new ArrayList<>();
        ExponentialSmoothing ses = new ExponentialSmoothing(ExponentialSmoothing.Trend.NONE, ExponentialSmoothing.Season.NONE);
        for (TimeSeries s : history) {
            if (s.length() < minimumLength(horizon, season)) {
                throw new IllegalArgumentException("series " + Shorten.quoted(s.id()) + " has " + s.length()
                        + " values; theta needs at least 4");
            }
            out.add(ExtremeUnits.forecast(s.values(), y -> one(ses, y, horizon, season)));
        }
        return out;
    }

    private static double[] one(ExponentialSmoothing ses, double[] y, int horizon, int season) {
        int n = y.length;
        double[] si = season > 1 ? Seasonality.multiplicativeIndices(y, season) : null;
        double[] x = Seasonality.adjusted(y, si, season);
        ExponentialSmoothing.Fit fit = ses.fit(x, 1);
        double[] f = ExponentialSmoothing.forecast(x, fit, horizon);
        double alpha = Math.max(1e-10, fit.params()[0]);
        double slope = slope(x) / 2;
        double tail = (1 - Math.pow(1 - alpha, n)) / alpha;
        for (int h = 0; h < horizon; h++) {
            f[h] += slope * (h + tail);
        }
        Seasonality.restore(f, si, n, season);
        return f;
    }

    /** Least-squares slope of {@code x} against 0, 1, 2, .... */
    static double slope(double[] x) {
        int n = x.length;
        double mt = (n - 1) / 2.0;
        double mx = 0;
        for (double v : x) {
            mx += v;
        }
        mx /= n;
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - mt) * (x[i] - mx);
            den += (i - mt) * (i - mt);
        }
        return den == 0 ? 0 : num / den;
    }
}
