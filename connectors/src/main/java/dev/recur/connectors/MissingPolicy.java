package dev.recur.connectors;

import dev.recur.engine.io.Shorten;
import java.util.Locale;

/** What to do with missing values (empty, NA, NaN, null) and gaps in the time index. */
public enum MissingPolicy {
    /** Refuse the input, naming the first missing value or gap. */
    ERROR,
    /**
     * Fill by interpolation: with the season's pattern in a seasonal series with more than two seasons of values
     * (as R's {@code na.interp}: {@link dev.recur.engine.cleaning.MissingValues}), else linearly between the
     * neighbours (edges take the nearest value).
     */
    INTERPOLATE,
    /** Fill with the last value seen (the first values take the first value seen). */
    FORWARD_FILL,
    /** Leave the missing points out; the rest is treated as contiguous. */
    DROP;

    /** Parses {@code error}, {@code interpolate}, {@code ffill}/{@code forward-fill} or {@code drop}. */
    public static MissingPolicy parse(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "error":
                return ERROR;
            case "interpolate":
                return INTERPOLATE;
            case "ffill":
            case "forward-fill":
            case "forward_fill":
                return FORWARD_FILL;
            case "drop":
                return DROP;
            default:
                throw new IllegalArgumentException("unknown missing-value policy " + Shorten.quoted(s)
                        + ": expected error, interpolate, ffill or drop");
        }
    }
}
