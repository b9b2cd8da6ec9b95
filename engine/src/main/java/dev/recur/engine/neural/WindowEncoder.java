package dev.recur.engine.neural;

import dev.recur.engine.series.Frequency;
import java.util.List;

/**
 * The networks' input layout, defined once for training ({@code RecurrentForecaster}'s windows), inference
 * ({@link FittedForecaster#forecast}) and the ONNX export ({@code ForecasterOnnx}).
 *
 * <p>A network reads {@link #sequenceLength()} steps of {@link #channels()} channels each:
 * <ul>
 *   <li>channel 0, the value, normalised by the window's (or the series') statistics; 0 on future steps;</li>
 *   <li>channels 1 to {@link #calendarChannels()}, the calendar features of the step's time, if any;</li>
 *   <li>then one channel per covariate ({@link #covariateChannel}), each standardised over the window by its
 *       own mean and standard deviation; over the horizon the known-future covariates' values, the others 0;</li>
 *   <li>with known-future covariates, a last channel ({@link #flagChannel()}) that is 1 on the horizon's steps.</li>
 * </ul>
 * The steps are the window, then, with known-future covariates, the horizon's steps. With the seasonal
 * residual the networks predict the difference from the seasonal naive value, which is the normalised value
 * at {@link #seasonalNaiveStep} ({@link #base}).
 *
 * @param window           input window length
 * @param horizon          forecast steps
 * @param season           seasonal period
 * @param residual         whether the networks predict the residual over the seasonal naive forecast
 * @param calendar         the frequency whose calendar features are read, or null for none
 * @param covariates       the covariates read, in channel order
 * @param futureCovariates those among them whose horizon values are read too
 */
public record WindowEncoder(int window, int horizon, int season, boolean residual, Frequency calendar,
                            List<String> covariates, List<String> futureCovariates) {

    /** Writes the calendar features of the step at a position of the series into {@code dst[off ...]}. */
    @FunctionalInterface
    public interface CalendarSource {
        /** Writes the features of position {@code p} (past the last value for future steps). */
        void fill(int p, float[] dst, int off);
    }

    /** Input channels per step. */
    public int channels() {
        return 1 + calendarChannels() + covariates.size() + (readsFuture() ? 1 : 0);
    }

    /** Whether the networks read the horizon's steps (known-future covariates). */
    public boolean readsFuture() {
        return !futureCovariates.isEmpty();
    }

    /** Steps the networks read: the window, then the horizon's steps when there are known-future covariates. */
    public int sequenceLength() {
        return window + (readsFuture() ? horizon : 0);
    }

    /** Calendar feature channels, after the value. */
    public int calendarChannels() {
        return calendar == null ? 0 : CalendarFeatures.count(calendar);
    }

    /** The channel of covariate {@code j}. */
    public int covariateChannel(int j) {
        return 1 + calendarChannels() + j;
    }

    /** The channel flagging the horizon's steps (the last), when {@link #readsFuture()}. */
    public int flagChannel() {
        return channels() - 1;
    }

    /** The window step whose value is the seasonal naive forecast of horizon step {@code h}. */
    public int seasonalNaiveStep(int h) {
        return window - season + h % season;
    }

    /** The seasonal naive value of horizon step {@code h} in the normalised space of an encoded window, or 0. */
    public float base(float[] in, int h) {
        return residual ? in[seasonalNaiveStep(h) * channels()] : 0f;
    }

    /**
     * Encodes the window that ends before position {@code end} of a series.
     *
     * @param fy         the series' values (log-transformed for a log model)
     * @param stats      the normalisation statistics: {@code (fy - stats[0]) / stats[1]}
     * @param calendar   the calendar features by position (unused without calendar features)
     * @param covariates each covariate's values, in {@link #covariates()} order
     * @param future     each covariate's values after {@code end} for the horizon, or null to read them from
     *                   {@code covariates} (training windows, whose future is in the history)
     */
    public float[] encode(double[] fy, int end, double[] stats, CalendarSource calendar, List<double[]> covariates,
                          List<double[]> future) {
        int c = channels();
        int steps = sequenceLength();
        float[] in = new float[steps * c];
        for (int i = 0; i < steps; i++) {
            int p = end - window + i;
            if (i < window) {
                in[i * c] = (float) ((fy[p] - stats[0]) / stats[1]);
            } else {
                in[i * c + c - 1] = 1f;   // a future step: value unknown, known covariates and calendar
            }
            if (this.calendar != null) {
                calendar.fill(p, in, i * c + 1);
            }
        }
        for (int j = 0; j < this.covariates.size(); j++) {
            boolean known = futureCovariates.contains(this.covariates.get(j));
            standardise(covariates.get(j), end, window, future == null ? null : future.get(j), known ? horizon : 0, in,
                    covariateChannel(j), c);
        }
        return in;
    }

    /**
     * Writes {@code c[end - window ... end)} standardised by its own mean and standard deviation (1 when the window
     * is constant up to rounding, {@link Scaling#DEGENERATE}) into {@code dst[off + i·stride]}, then {@code extra}
     * values that follow the window ({@code next}, or {@code c[end ...]} when {@code next} is null) scaled the same
     * way.
     */
    static void standardise(double[] c, int end, int window, double[] next, int extra, float[] dst, int off,
                            int stride) {
        double mean = 0;
        for (int i = end - window; i < end; i++) {
            mean += c[i];
        }
        mean /= window;
        double var = 0;
        for (int i = end - window; i < end; i++) {
            var += (c[i] - mean) * (c[i] - mean);
        }
        double sd = Math.sqrt(var / window);
        if (Scaling.flat(sd, Scaling.magnitude(c, end - window, end))) {
            sd = 1;
        }
        for (int i = 0; i < window; i++) {
            dst[off + i * stride] = (float) ((c[end - window + i] - mean) / sd);
        }
        for (int k = 0; k < extra; k++) {
            double v = next != null ? next[k] : c[end + k];
            dst[off + (window + k) * stride] = (float) ((v - mean) / sd);
        }
    }
}
