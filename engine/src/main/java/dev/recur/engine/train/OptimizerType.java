package dev.recur.engine.train;

import dev.recur.engine.io.Shorten;
import java.util.Locale;

/** The optimisers the trainer offers, with PyTorch's update rules. */
public enum OptimizerType {
    /** Adam (Kingma &amp; Ba) with bias correction; weight decay is an L2 term added to the gradient. */
    ADAM,
    /** AdamW (Loshchilov &amp; Hutter): Adam with decoupled weight decay {@code p ← p·(1 − lr·wd)}. */
    ADAMW,
    /** Stochastic gradient descent with (optionally Nesterov) momentum. */
    SGD;

    /** Parses {@code adam}, {@code adamw} or {@code sgd}, in any case. */
    public static OptimizerType parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown optimizer " + Shorten.quoted(s) + ": expected adam, adamw or sgd", e);
        }
    }
}
