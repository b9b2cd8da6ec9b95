package dev.recur.engine.onnx;

import dev.recur.engine.neural.FittedForecaster;
import ai.onnx.proto.OnnxMl;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.neural.Scaling;
import dev.recur.engine.neural.WindowEncoder;
import dev.recur.engine.nn.RecurrentNetwork;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports a fitted {@link RecurrentForecaster} as one ONNX model that a serving system can call with what it
 * has: input {@code input}, float32 {@code [batch, window, channels]}, the raw recent values of each series
 * in channel 0 (the target), then the calendar features of a model that reads them, then the raw past
 * covariates of a model that reads them; output {@code forecast}, float32 {@code [batch, horizon]} in the series' units, plus
 * {@code lower_<L>} and {@code upper_<L>} per interval level. The graph holds the whole pipeline: log
 * transform, per-window normalisation, every ensemble member, their median, the seasonal-naive residual
 * base, the intervals (conformal widths around the point, or conformalised quantile heads) and the inverse
 * transform. Metadata: {@code recur.window},
 * {@code recur.horizon}, {@code recur.channels}, {@code recur.season}, {@code recur.levels} and any
 * provenance passed in.
 */
public final class ForecasterOnnx {

    private ForecasterOnnx() {
    }

    /**
     * Builds the model.
     *
     * @param metadata extra metadata properties (e.g. provenance)
     * @throws UnsupportedOperationException for settings with no ONNX form here: the recursive strategy,
     *                                       series-scope statistics, or robust (median/IQR) scaling
     */
    public static OnnxMl.ModelProto export(FittedForecaster f, Map<String, String> metadata) {
        exportable(f);
        // the networks' input layout, the same definition that training and inference use
        WindowEncoder layout = f.encoder();
        int w = layout.window();
        int h = layout.horizon();
        OnnxGraph g = new OnnxGraph("recur-forecaster");
        boolean ahead = layout.readsFuture();
        int steps = layout.sequenceLength();                  // the window, plus the horizon with known-future covariates
        int channels = inputChannels(layout);
        String in = g.input("input", "batch", steps, channels);
        String value = channels == 1 ? in
                : g.op("Slice", in, g.longs("starts", 0), g.longs("ends", 1), g.longs("axes", 2));   // [batch, steps, 1]
        String history = ahead
                ? g.op("Slice", value, g.longs("starts", 0), g.longs("ends", w), g.longs("axes", 1)) : value;
        String r = g.op("Reshape", history, g.longs("shape", 0, w));
        String y = f.log() ? g.op("Log", r) : r;
        Map<String, Object> mean1 = Map.of("axes", new long[]{1}, "keepdims", 1);
        String[] shiftAndScale = shiftAndScale(g, f, y, w, mean1);
        String shift = shiftAndScale[0];
        String scale = shiftAndScale[1];
        // A scale not above 1e-12 times the window's largest absolute value (a flat window) becomes 1, as in the
        // engine.
        scale = g.op("Where", g.op("Greater", scale, flatBelow(g, y, mean1)), scale, g.scalar("one", 1f));
        String z = g.op("Div", g.op("Sub", y, shift), scale);
        String zc = g.op("Reshape", z, g.longs("shape", 0, w, 1));
        String x = networkInput(g, layout, in, value, zc, mean1);
        List<String> members = new ArrayList<>();
        for (RecurrentNetwork net : f.networks()) {
            members.add(NetworkOnnx.emit(g, net, x));
        }
        int pt = f.perTarget();
        String raw = median(g, members, h * pt);            // [batch, horizon·perTarget], every quantile
        String base = null;
        if (layout.residual()) {
            long[] idx = new long[h];
            for (int k = 0; k < h; k++) {
                idx[k] = layout.seasonalNaiveStep(k);
            }
            base = g.op("Gather", Map.of("axis", 1), z, g.longs("seasonal_naive", idx));
        }
        String point = withBase(g, pt == 1 ? raw : gatherOutput(g, raw, h, pt, pt / 2, "point_outputs"), base);
        g.rename(inverse(g, point, shift, scale, f.log()), "forecast");
        g.output("forecast", "batch", h);
        String levels = intervals(g, f, raw, point, base, shift, scale);
        return g.build("Recur", OnnxExports.version(), "dev.recur", 1, "Recur forecaster: "
                + f.networks().get(0).spec() + " x" + f.networks().size(), metadata(f, metadata, layout, levels));
    }

    /**
     * The channels of the model's input: the networks' but the future-step flag (their last channel, with known-future
     * covariates), which the graph makes itself.
     */
    private static int inputChannels(WindowEncoder layout) {
        return layout.channels() - (layout.readsFuture() ? 1 : 0);
    }

    /**
     * Checks that {@code f} has an ONNX form here.
     *
     * @throws UnsupportedOperationException for the recursive strategy, series-scope statistics or robust scaling
     */
    private static void exportable(FittedForecaster f) {
        if (f.strategy() != RecurrentForecaster.Strategy.DIRECT) {
            throw new UnsupportedOperationException("only the direct multi-step strategy exports to ONNX");
        }
        if (f.scope() != Scaling.Scope.WINDOW) {
            throw new UnsupportedOperationException("ONNX export needs per-window scaling: series-scope statistics are"
                    + " not in the input window");
        }
        if (f.scaling() == Scaling.ROBUST) {
            throw new UnsupportedOperationException("robust (median/IQR) scaling has no ONNX export; use level,"
                    + " standard, minmax or mean");
        }
    }

    /**
     * The nodes of the window's shift and scale by the model's scaling, {@code [batch, 1]} each, over the values
     * {@code y} (logs where the model takes them) of a window of {@code w}.
     */
    private static String[] shiftAndScale(OnnxGraph g, FittedForecaster f, String y, int w, Map<String, Object> mean1) {
        String shift;
        String scale;
        switch (f.scaling()) {
            case STANDARD -> {
                shift = g.op("ReduceMean", mean1, y);
                scale = std(g, y, shift);
            }
            case MINMAX -> {
                shift = g.op("ReduceMin", mean1, y);
                scale = g.op("Sub", g.op("ReduceMax", mean1, y), shift);
            }
            case MEAN -> {
                shift = g.op("Mul", g.op("ReduceMean", mean1, y), g.scalar("zero", 0f));
                scale = g.op("ReduceMean", mean1, g.op("Abs", y));
            }
            default -> { // LEVEL
                int m = Math.max(1, Math.min(f.season(), w));
                String last = g.op("Slice", y, g.longs("starts", w - m), g.longs("ends", w), g.longs("axes", 1));
                shift = g.op("ReduceMean", mean1, last);
                scale = f.log() ? g.op("Add", g.op("Mul", shift, g.scalar("zero", 0f)), g.scalar("one", 1f))
                        : std(g, y, g.op("ReduceMean", mean1, y));
            }
        }
        return new String[]{shift, scale};
    }

    /**
     * The networks' input, {@code [steps, batch, channels]}: the normalised values {@code zc}, then the calendar
     * channels as they are, the past covariates standardised over the window, and with known-future covariates the
     * horizon's steps (the value 0 there, and a flag).
     */
    private static String networkInput(OnnxGraph g, WindowEncoder layout, String in, String value, String zc,
                                       Map<String, Object> mean1) {
        int w = layout.window();
        boolean ahead = layout.readsFuture();
        int steps = layout.sequenceLength();
        int channels = inputChannels(layout);
        String zeros = null;                                  // [batch, steps, 1] of zeros
        if (ahead) {
            zeros = g.op("Mul", value, g.scalar("zero", 0f));
            String future = g.op("Slice", zeros, g.longs("starts", w), g.longs("ends", steps), g.longs("axes", 1));
            zc = g.op("Concat", Map.of("axis", 1), zc, future);   // the value is unknown over the horizon: 0
        }
        int calendar = layout.calendarChannels();
        if (calendar > 0) {
            // the calendar channels (1 ..) go to the networks as they are
            String cal = g.op("Slice", in, g.longs("starts", 1), g.longs("ends", 1 + calendar), g.longs("axes", 2));
            zc = g.op("Concat", Map.of("axis", 2), zc, cal);
        }
        if (!layout.covariates().isEmpty()) {
            // past covariates, each standardised over the window as in the engine
            String cov = g.op("Slice", in, g.longs("starts", layout.covariateChannel(0)), g.longs("ends", channels),
                    g.longs("axes", 2));
            String covHistory = ahead
                    ? g.op("Slice", cov, g.longs("starts", 0), g.longs("ends", w), g.longs("axes", 1)) : cov;
            String mean = g.op("ReduceMean", mean1, covHistory);
            String dh = g.op("Sub", covHistory, mean);
            String sd = g.op("Sqrt", g.op("ReduceMean", mean1, g.op("Mul", dh, dh)));
            sd = g.op("Where", g.op("Greater", sd, flatBelow(g, covHistory, mean1)), sd, g.scalar("one", 1f));
            String normalised = g.op("Div", g.op("Sub", cov, mean), sd);
            if (ahead) {
                // over the horizon only the known-future covariates are read; the others are 0
                int p = layout.covariates().size();
                float[] mask = new float[steps * p];
                for (int t = 0; t < steps; t++) {
                    for (int j = 0; j < p; j++) {
                        mask[t * p + j] = t < w || layout.futureCovariates().contains(layout.covariates().get(j)) ? 1f : 0f;
                    }
                }
                normalised = g.op("Mul", normalised, g.floats("horizon_mask", new long[]{1, steps, p}, mask));
            }
            zc = g.op("Concat", Map.of("axis", 2), zc, normalised);
        }
        if (ahead) {
            float[] flag = new float[steps];
            for (int t = w; t < steps; t++) {
                flag[t] = 1f;
            }
            zc = g.op("Concat", Map.of("axis", 2), zc,
                    g.op("Add", zeros, g.floats("future_flag", new long[]{1, steps, 1}, flag)));
        }
        return g.op("Transpose", Map.of("perm", new long[]{1, 0, 2}), zc);
    }

    /**
     * The interval outputs {@code lower_<L>} and {@code upper_<L>} per level, in the series' units: conformal widths
     * around the point, or conformalised quantile heads; the levels, comma-separated, for the metadata.
     */
    private static String intervals(OnnxGraph g, FittedForecaster f, String raw, String point, String base,
                                    String shift, String scale) {
        int h = f.encoder().horizon();
        int pt = f.perTarget();
        StringBuilder levels = new StringBuilder();
        String innerLo = point;
        String innerHi = point;
        for (int l : f.levelOrder()) {
            int level = f.levels()[l];
            float[] q = new float[h];
            for (int k = 0; k < h; k++) {
                q[k] = (float) f.quantiles()[l][k];
            }
            String qn = g.floats("interval_" + level, new long[]{h}, q);
            String lo;
            String hi;
            if (f.bounds() == null) {
                lo = g.op("Sub", point, qn);
                hi = g.op("Add", point, qn);
            } else {
                // conformalised quantile heads, never inside a narrower level's interval or the point forecast
                String ql = withBase(g, gatherOutput(g, raw, h, pt, f.bounds()[l][0], "lower_" + level), base);
                String qh = withBase(g, gatherOutput(g, raw, h, pt, f.bounds()[l][1], "upper_" + level), base);
                lo = g.op("Min", g.op("Sub", ql, qn), innerLo);
                hi = g.op("Max", g.op("Add", qh, qn), innerHi);
                innerLo = lo;
                innerHi = hi;
            }
            g.rename(inverse(g, lo, shift, scale, f.log()), "lower_" + level);
            g.rename(inverse(g, hi, shift, scale, f.log()), "upper_" + level);
            g.output("lower_" + level, "batch", h);
            g.output("upper_" + level, "batch", h);
            levels.append(levels.length() == 0 ? "" : ",").append(level);
        }
        return levels.toString();
    }

    /** The model's metadata: {@code metadata}, then the layout's, the season's, the levels' and the ensemble's. */
    private static Map<String, String> metadata(FittedForecaster f, Map<String, String> metadata, WindowEncoder layout,
                                                String levels) {
        int w = layout.window();
        int h = layout.horizon();
        boolean ahead = layout.readsFuture();
        int steps = layout.sequenceLength();
        int channels = inputChannels(layout);
        int calendar = layout.calendarChannels();
        Map<String, String> meta = new HashMap<>(metadata);
        meta.put("recur.window", Integer.toString(w));
        meta.put("recur.horizon", Integer.toString(h));
        meta.put("recur.channels", Integer.toString(channels));
        meta.put("recur.steps", Integer.toString(steps));
        if (ahead) {
            meta.put("recur.future_covariates", String.join(",", f.futureCovariates()) + ": input steps " + w + ".."
                    + (steps - 1) + " are the horizon; give these covariates (and the calendar) there, any value elsewhere");
        }
        if (!f.covariates().isEmpty()) {
            meta.put("recur.covariates", "channels " + (1 + calendar) + ".." + (channels - 1) + ": "
                    + String.join(", ", f.covariates()) + " (raw past values)");
        }
        if (f.calendar() != null) {
            meta.put("recur.calendar", "channels 1.." + (channels - 1) + ": sin and cos of 2*pi*position/period for "
                    + dev.recur.engine.neural.CalendarFeatures.describe(f.calendar())
                    + " (dev.recur.engine.neural.CalendarFeatures)");
        }
        meta.put("recur.season", Integer.toString(f.season()));
        meta.put("recur.levels", levels);
        meta.put("recur.ensemble", Integer.toString(f.networks().size()));
        return meta;
    }

    /** Output {@code which} of each step's {@code perTarget} outputs: {@code [batch, horizon]}. */
    private static String gatherOutput(OnnxGraph g, String raw, int h, int perTarget, int which, String stem) {
        long[] idx = new long[h];
        for (int k = 0; k < h; k++) {
            idx[k] = (long) k * perTarget + which;
        }
        return g.op("Gather", Map.of("axis", 1), raw, g.longs(stem, idx));
    }

    private static String withBase(OnnxGraph g, String v, String base) {
        return base == null ? v : g.op("Add", v, base);
    }

    /**
     * The spread at or below which a window counts as flat: {@link Scaling}'s fraction of its largest absolute value
     * over axis 1, keepdims (as the engine's {@code Scaling.magnitude}).
     */
    private static String flatBelow(OnnxGraph g, String y, Map<String, Object> axis1) {
        return g.op("Mul", g.op("ReduceMax", axis1, g.op("Abs", y)), g.scalar("flat", (float) Scaling.DEGENERATE));
    }

    /** Population standard deviation over axis 1, keepdims. */
    private static String std(OnnxGraph g, String y, String mean) {
        String d = g.op("Sub", y, mean);
        return g.op("Sqrt", g.op("ReduceMean", Map.of("axes", new long[]{1}, "keepdims", 1), g.op("Mul", d, d)));
    }

    /** The median of the members, elementwise (the mean of the middle two for an even count). */
    private static String median(OnnxGraph g, List<String> members, int h) {
        int k = members.size();
        if (k == 1) {
            return members.get(0);
        }
        List<String> stacked = new ArrayList<>();
        for (String m : members) {
            stacked.add(g.op("Reshape", m, g.longs("shape", 1, -1, h)));
        }
        String all = g.op("Concat", Map.of("axis", 0), stacked.toArray(new String[0]));
        int top = k / 2 + 1;
        String values = g.fresh("topk_values");
        String indices = g.fresh("topk_indices");
        g.node("TopK", Map.of("axis", 0, "largest", 1, "sorted", 1), new String[]{all, g.longs("k", top)},
                new String[]{values, indices});
        // Descending: the median is the last of the top k/2+1 (odd k) or the mean of the last two (even k).
        int from = k % 2 == 1 ? top - 1 : top - 2;
        String mid = g.op("Slice", values, g.longs("starts", from), g.longs("ends", top), g.longs("axes", 0));
        return g.op("ReduceMean", Map.of("axes", new long[]{0}, "keepdims", 0), mid);
    }

    /** {@code z·scale + shift}, then exp (capped at 700 in log space, like the engine) for log forecasts. */
    private static String inverse(OnnxGraph g, String z, String shift, String scale, boolean log) {
        String v = g.op("Add", g.op("Mul", z, scale), shift);
        return log ? g.op("Exp", g.op("Min", v, g.scalar("cap", 700f))) : v;
    }
}
