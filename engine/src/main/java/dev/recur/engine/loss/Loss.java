package dev.recur.engine.loss;

import dev.recur.engine.io.Shorten;
/**
 * A training loss over the network's outputs. Losses are averaged over every target value of a batch
 * (and every quantile, for the pinball loss), as PyTorch's {@code reduction='mean'} does.
 *
 * <p>The network's output for one target value is {@link #outputsPerTarget()} numbers wide: 1 for point
 * losses, the number of quantiles for {@link PinballLoss} (outputs laid out target-major:
 * {@code out[target·Q + q]}).
 */
public interface Loss {

    /** Network outputs per target value. */
    int outputsPerTarget();

    /**
     * Sums the loss over {@code targets} target values of one row and, when {@code dOut} is not null,
     * writes {@code scale × ∂loss/∂output} for each output of the row.
     *
     * @param out    network outputs, {@code targets × outputsPerTarget()} values from {@code outOff}
     * @param target target values from {@code tOff}
     * @param dOut   gradient destination (same layout as {@code out}), or null for the value only
     * @param scale  factor applied to the gradient, normally 1 / (number of loss terms in the batch)
     * @return the unscaled sum of the row's loss terms
     */
    double row(float[] out, int outOff, float[] target, int tOff, int targets, float[] dOut, int dOff, float scale);

    /** A short name, e.g. {@code mse} or {@code pinball[0.1,0.5,0.9]}. */
    String name();

    /**
     * Parses {@code mse}, {@code mae}, {@code huber[:delta]} or {@code pinball:q1,q2,...}.
     *
     * @throws IllegalArgumentException for an unknown name or bad parameters
     */
    static Loss parse(String spec) {
        String s = spec.trim().toLowerCase(java.util.Locale.ROOT);
        String name = s.contains(":") ? s.substring(0, s.indexOf(':')) : s;
        String arg = s.contains(":") ? s.substring(s.indexOf(':') + 1) : "";
        switch (name) {
            case "mse":
                return new MseLoss();
            case "mae":
            case "l1":
                return new MaeLoss();
            case "huber":
                return new HuberLoss(arg.isEmpty() ? 1f : Float.parseFloat(arg));
            case "pinball":
            case "quantile":
                if (arg.isEmpty()) {
                    throw new IllegalArgumentException("pinball loss needs quantiles, e.g. pinball:0.1,0.5,0.9");
                }
                String[] parts = arg.split(",");
                float[] q = new float[parts.length];
                for (int i = 0; i < parts.length; i++) {
                    q[i] = Float.parseFloat(parts[i].trim());
                }
                return new PinballLoss(q);
            default:
                throw new IllegalArgumentException("unknown loss " + Shorten.quoted(spec) + ": expected mse, mae, huber[:delta] or pinball:q1,q2,...");
        }
    }
}
