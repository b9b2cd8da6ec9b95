package dev.recur.engine.numeric;

/**
 * The sign of a series' values or of a forecast: whether logs may be taken of them, and whether a method's forecast
 * describes a series that is positive by nature (counts, sales, prices).
 */
public final class Signs {

    private Signs() {
    }

    /** Whether every value is above 0 (a NaN is not). */
    public static boolean allPositive(double[] values) {
        for (double v : values) {
            if (!(v > 0)) {
                return false;
            }
        }
        return true;
    }
}
