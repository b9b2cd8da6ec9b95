package dev.recur.engine.tribuo;

import dev.recur.engine.nn.RecurrentNetwork;

import java.util.SplittableRandom;

/**
 * Mean absolute input-gradient of a network's outputs, estimated by central differences over a sample of
 * (scaled) inputs: {@code |f(x + h·e_k) − f(x − h·e_k)| / 2h}, averaged over the sample. It ranks features
 * for {@code getTopFeatures}; it is computed once, at training time.
 */
final class Sensitivity {

    /** Step in standardised units: large enough to be far above float32 rounding, small for a smooth cell. */
    private static final float H = 1e-2f;

    /** At most this many training inputs are probed. */
    static final int SAMPLE = 32;

    private Sensitivity() {
    }

    /** Picks up to {@link #SAMPLE} inputs at random (without replacement). */
    static float[][] sample(float[][] inputs, SplittableRandom rng) {
        int n = Math.min(SAMPLE, inputs.length);
        int[] idx = new int[inputs.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            int j = i + rng.nextInt(idx.length - i);
            int tmp = idx[i];
            idx[i] = idx[j];
            idx[j] = tmp;
            out[i] = inputs[idx[i]];
        }
        return out;
    }

    /**
     * Sensitivity of every output value to every input position of fixed-length inputs.
     *
     * @param groupOf position → group (e.g. the channel, for a many-to-many model probed over all its steps;
     *                or the position itself); positions of one group are perturbed together
     * @param groups  number of groups
     * @return {@code [output][group]}: mean over the sample (and, for many-to-many, over steps) of
     *         |∂output/∂group| in scaled units
     */
    static double[][] probe(RecurrentNetwork net, float[][] sample, int[] groupOf, int groups, int outputs) {
        double[][] s = new double[outputs][groups];
        if (sample.length == 0) {
            return s;
        }
        float[][] plus = new float[sample.length][];
        float[][] minus = new float[sample.length][];
        for (int g = 0; g < groups; g++) {
            for (int i = 0; i < sample.length; i++) {
                plus[i] = sample[i].clone();
                minus[i] = sample[i].clone();
                for (int k = 0; k < Math.min(groupOf.length, plus[i].length); k++) {
                    if (groupOf[k] == g) {
                        plus[i][k] += H;
                        minus[i][k] -= H;
                    }
                }
            }
            float[][] up = net.predict(plus);
            float[][] down = net.predict(minus);
            for (int i = 0; i < sample.length; i++) {
                int steps = up[i].length / outputs;
                for (int k = 0; k < up[i].length; k++) {
                    s[k % outputs][g] += Math.abs(up[i][k] - down[i][k]) / (2.0 * H) / (sample.length * steps);
                }
            }
        }
        return s;
    }
}
