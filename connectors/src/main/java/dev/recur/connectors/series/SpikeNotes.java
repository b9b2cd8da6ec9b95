package dev.recur.connectors.series;

import dev.recur.engine.cleaning.Spikes;
import dev.recur.engine.series.TimeSeries;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The lines that name the values of a series that stand out from it as isolated spikes of at least {@link
 * Spikes#NAMED} median changes (a value typed with an extra digit, or a one-off event), and a last value that stands
 * out so ({@link Spikes#last}); with {@code --replace-spikes} the series with the isolated spikes replaced
 * ({@link Spikes#replaced}; a last value is never replaced). One wording for every reader of series: the command
 * line's warnings and report, and the Spark job's notes.
 */
public final class SpikeNotes {

    private SpikeNotes() {
    }

    /**
     * What was found in a series.
     *
     * @param series the series, with its spikes replaced where that was asked and there were any (else the same)
     * @param lines  one line per value named, in the order of the values
     */
    public record Checked(TimeSeries series, List<String> lines) {
    }

    /**
     * Looks for the values of {@code s} that stand out at {@code season}.
     *
     * @param replace whether the isolated spikes are replaced ({@code --replace-spikes})
     * @param named   the start of each line, naming the series ({@code series 'S1': }), or empty for a file's one series
     * @param at      where value {@code i} is, as the input writes it (a time, or {@code step N})
     */
    public static Checked check(TimeSeries s, int season, boolean replace, String named, IntFunction<String> at) {
        List<String> lines = new ArrayList<>();
        List<Spikes.Spike> found = Spikes.find(s.values(), season, Spikes.NAMED);
        double[] by = found.isEmpty() || !replace ? null : Spikes.replaced(s.values(), season, found);
        for (Spikes.Spike k : found) {
            lines.add(String.format(Locale.ROOT, "%sthe value %s at %s stands out from its neighbours by "
                    + "%,.0f times the series' median change (an isolated spike); %s", named,
                    shown(k.value()), at.apply(k.index()), k.size(), by == null
                            ? "every method's forecast may follow it: if it is an error, correct it in the input, or "
                            + "give --replace-spikes"
                            : "forecast from " + shown(by[k.index()]) + " instead (--replace-spikes)"));
        }
        Spikes.Spike last = Spikes.last(s.values(), season, Spikes.NAMED);
        if (last != null) {
            lines.add(String.format(Locale.ROOT, "%sthe last value, %s at %s, stands out from the one before it by "
                    + "%,.0f times the series' median change (or its recent one, if larger) and beyond every other "
                    + "value; every method's forecast starts from it: if it is an error, correct it in the input (it is "
                    + "never replaced: "
                    + "nothing after it tells an error from a change that has just begun)", named,
                    shown(last.value()), at.apply(last.index()), last.size()));
        }
        return new Checked(by == null ? s : s.withCorrectedValues(by), List.copyOf(lines));
    }

    /** A value to six significant digits, as written in a file (3480, 0.0123), in powers of ten when far from 1. */
    static String shown(double v) {
        double a = Math.abs(v);
        return a >= 1e12 || (a > 0 && a < 1e-4) ? String.format(Locale.ROOT, "%.6g", v)
                : new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
