package dev.recur.engine.tribuo;

import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Time-ordered splits never train on the future. */
class RollingOriginSplitterTest {

    static final MutableDataset<Regressor> DATA = TribuoTestData.dataset(
            TribuoTestData.windows(TribuoTestData.seasonal(140, 1), 10, 3, 0, 140), "series");

    /** The origin index of an example, recovered from its y@t-0 feature value. */
    static int originOf(org.tribuo.Example<Regressor> e, double[] y) {
        for (org.tribuo.Feature f : e) {
            if (f.getName().equals("y@t-0")) {
                for (int t = 0; t < y.length; t++) {
                    if (y[t] == f.getValue()) {
                        return t;
                    }
                }
            }
        }
        throw new AssertionError();
    }

    @Test
    void testBlocksFollowTheirTrainingBlocksWithTheGap() {
        double[] y = TribuoTestData.seasonal(140, 1);
        int n = DATA.size();
        RollingOriginSplitter<Regressor> s = new RollingOriginSplitter<>(DATA, 4, 6, 6, 2, 0);
        List<RollingOriginSplitter.Split<Regressor>> splits = s.splits();
        assertEquals(4, splits.size());
        int previousOrigin = -1;
        for (RollingOriginSplitter.Split<Regressor> split : splits) {
            assertEquals(6, split.test().size());
            int lastTrain = -1;
            for (var e : split.train()) {
                int o = originOf(e, y);
                assertTrue(o > lastTrain, "training examples in time order");
                lastTrain = o;
            }
            int firstTest = originOf(split.test().getExample(0), y);
            assertEquals(2 + 1, firstTest - lastTrain, "gap of 2 examples between train and test");
            assertTrue(firstTest > previousOrigin);
            previousOrigin = firstTest;
            assertEquals(0, originOf(split.train().getExample(0), y) - originOf(DATA.getExample(0), y),
                    "expanding window starts at the first example");
        }
        // The last fold tests on the dataset's last examples.
        assertEquals(originOf(DATA.getExample(n - 1), y),
                originOf(splits.get(3).test().getExample(5), y));
    }

    @Test
    void slidingWindowKeepsTheMostRecentTraining() {
        RollingOriginSplitter<Regressor> s = new RollingOriginSplitter<>(DATA, 3, 5, 5, 0, 20);
        for (RollingOriginSplitter.Split<Regressor> split : s) {
            assertEquals(20, split.train().size());
        }
    }

    @Test
    void tooFewExamplesIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RollingOriginSplitter<>(DATA, 50, 10, 2));
        assertTrue(e.getMessage().contains("too few"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RollingOriginSplitter<>(DATA, 0, 10, 2));
    }
}
