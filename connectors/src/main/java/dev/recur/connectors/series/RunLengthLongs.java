package dev.recur.connectors.series;

import java.util.Arrays;

/**
 * A growing sequence of longs stored as arithmetic runs {@code (first, step, count)}: the times of a regular
 * series, or the line numbers of its rows, take a few runs whatever their length, so a file's time index
 * costs next to nothing beside its values. Reading by index is a binary search over the runs.
 */
final class RunLengthLongs {

    private long[] first = new long[4];
    private long[] step = new long[4];
    /** Values before run r: {@code ends[r]} is the index just past run r. */
    private int[] ends = new int[4];
    private int runs;
    private int size;

    /** Appends a value. */
    void add(long value) {
        if (runs > 0) {
            int r = runs - 1;
            int len = ends[r] - (r == 0 ? 0 : ends[r - 1]);
            if (len == 1) {
                step[r] = value - first[r];
                ends[r]++;
                size++;
                return;
            }
            if (first[r] + step[r] * len == value) {
                ends[r]++;
                size++;
                return;
            }
        }
        if (runs == first.length) {
            first = Arrays.copyOf(first, runs * 2);
            step = Arrays.copyOf(step, runs * 2);
            ends = Arrays.copyOf(ends, runs * 2);
        }
        first[runs] = value;
        step[runs] = 0;
        ends[runs] = size + 1;
        runs++;
        size++;
    }

    /** Number of values. */
    int size() {
        return size;
    }

    /** Number of runs (for tests and memory accounting). */
    int runs() {
        return runs;
    }

    /** The value at {@code i}. */
    long get(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i + " of " + size);
        }
        int lo = 0;
        int hi = runs - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= i) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        int start = lo == 0 ? 0 : ends[lo - 1];
        return first[lo] + step[lo] * (i - start);
    }

    /** Whether every value is larger than the one before. */
    boolean strictlyIncreasing() {
        for (int r = 0; r < runs; r++) {
            int start = r == 0 ? 0 : ends[r - 1];
            int len = ends[r] - start;
            if (len > 1 && step[r] <= 0) {
                return false;
            }
            if (r > 0) {
                long prevLast = get(start - 1);
                if (first[r] <= prevLast) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Every value, in order. */
    long[] toArray() {
        long[] out = new long[size];
        for (int r = 0; r < runs; r++) {
            int start = r == 0 ? 0 : ends[r - 1];
            for (int i = start; i < ends[r]; i++) {
                out[i] = first[r] + step[r] * (i - start);
            }
        }
        return out;
    }

    /** A sequence holding {@code values} in order. */
    static RunLengthLongs of(long[] values) {
        RunLengthLongs r = new RunLengthLongs();
        for (long v : values) {
            r.add(v);
        }
        return r;
    }
}
