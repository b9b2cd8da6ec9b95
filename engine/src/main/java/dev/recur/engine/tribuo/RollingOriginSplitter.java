package dev.recur.engine.tribuo;

import org.tribuo.Dataset;
import org.tribuo.Output;
import org.tribuo.dataset.DatasetView;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Time-ordered train/test splits of a dataset whose examples are in time order (e.g. windows of one series,
 * oldest first): the test block of each fold comes strictly after its training block, unlike Tribuo's
 * {@code CrossValidation}, which shuffles and so trains on the future.
 *
 * <p>Fold {@code k} of {@code folds} tests on {@code testSize} examples starting at origin
 * {@code n − testSize − (folds−1−k)·step}; it trains on the examples before {@code origin − gap}, all of
 * them ({@code maxTrainSize = 0}, an expanding window) or the last {@code maxTrainSize} (a sliding window).
 * The gap drops the training examples whose targets overlap the test period: for windowed examples with a
 * horizon of {@code h} steps use {@code gap = h − 1}.
 *
 * @param <T> the output type
 */
public final class RollingOriginSplitter<T extends Output<T>> implements Iterable<RollingOriginSplitter.Split<T>> {

    /**
     * One fold.
     *
     * @param fold  index, from the earliest origin
     * @param train the training examples, in time order
     * @param test  the test examples, in time order
     * @param <T>   the output type
     */
    public record Split<T extends Output<T>>(int fold, DatasetView<T> train, DatasetView<T> test) {
    }

    private final Dataset<T> data;
    private final int folds;
    private final int testSize;
    private final int step;
    private final int gap;
    private final int maxTrainSize;

    /**
     * Rolling origins with an expanding training window, {@code step = testSize} (adjacent test blocks).
     *
     * @throws IllegalArgumentException as for the full constructor
     */
    public RollingOriginSplitter(Dataset<T> data, int folds, int testSize, int gap) {
        this(data, folds, testSize, testSize, gap, 0);
    }

    /**
     * Rolling origins.
     *
     * @param folds        number of origins, at least 1
     * @param testSize     test examples per fold, at least 1
     * @param step         examples between successive origins, at least 1
     * @param gap          examples dropped between training and test, at least 0
     * @param maxTrainSize at most this many training examples (the most recent); 0 for all
     * @throws IllegalArgumentException if an argument is out of range or the first fold would have no
     *                                  training examples (the message gives the numbers)
     */
    public RollingOriginSplitter(Dataset<T> data, int folds, int testSize, int step, int gap, int maxTrainSize) {
        if (folds < 1 || testSize < 1 || step < 1 || gap < 0 || maxTrainSize < 0) {
            throw new IllegalArgumentException("folds, testSize and step must be at least 1 and gap and maxTrainSize"
                    + " not negative; got folds=" + folds + ", testSize=" + testSize + ", step=" + step + ", gap=" + gap
                    + ", maxTrainSize=" + maxTrainSize);
        }
        int firstOrigin = data.size() - testSize - (folds - 1) * step;
        if (firstOrigin - gap < 1) {
            throw new IllegalArgumentException(data.size() + " examples are too few for " + folds + " folds of "
                    + testSize + " test examples every " + step + " with a gap of " + gap
                    + ": the first fold would have no training examples");
        }
        this.data = data;
        this.folds = folds;
        this.testSize = testSize;
        this.step = step;
        this.gap = gap;
        this.maxTrainSize = maxTrainSize;
    }

    /** Number of folds. */
    public int folds() {
        return folds;
    }

    /** The folds, earliest origin first. */
    public List<Split<T>> splits() {
        List<Split<T>> out = new ArrayList<>(folds);
        for (int k = 0; k < folds; k++) {
            int origin = data.size() - testSize - (folds - 1 - k) * step;
            int trainEnd = origin - gap;
            int trainStart = maxTrainSize == 0 ? 0 : Math.max(0, trainEnd - maxTrainSize);
            out.add(new Split<>(k, view(trainStart, trainEnd, "rolling-origin-train-" + k),
                    view(origin, origin + testSize, "rolling-origin-test-" + k)));
        }
        return out;
    }

    private DatasetView<T> view(int from, int to, String tag) {
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return new DatasetView<>(data, idx, tag);
    }

    @Override
    public Iterator<Split<T>> iterator() {
        return splits().iterator();
    }
}
