package dev.recur.engine.tribuo;

import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.sequence.SequenceExample;

/** Turns a Tribuo sequence example into the engine's time-major input: one channel per feature id. */
final class SequenceFeatures {

    private SequenceFeatures() {
    }

    /**
     * The example's steps, {@code x[t·features + id]}; absent features are 0.
     *
     * @throws IllegalArgumentException if the sequence is empty or a step has no feature the model knows
     */
    static float[] toInput(SequenceExample<?> example, ImmutableFeatureMap featureMap, String where) {
        int n = featureMap.size();
        int steps = example.size();
        if (steps == 0) {
            throw new IllegalArgumentException(where + ": the sequence has no steps");
        }
        float[] x = new float[steps * n];
        int t = 0;
        for (Example<?> step : example) {
            int known = 0;
            for (Feature f : step) {
                int id = featureMap.getID(f.getName());
                if (id >= 0) {
                    x[t * n + id] = (float) f.getValue();
                    known++;
                }
            }
            if (known == 0) {
                throw new IllegalArgumentException(where + ", step " + t + ": No features found in Example " + step);
            }
            t++;
        }
        return x;
    }
}
