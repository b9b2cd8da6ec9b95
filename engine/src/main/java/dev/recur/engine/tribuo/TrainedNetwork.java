package dev.recur.engine.tribuo;

import dev.recur.engine.nn.NetworkSpec;
import dev.recur.engine.nn.RecurrentNetwork;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * A trained network inside a Tribuo model: architecture and weights are what Java serialization stores, the
 * runnable network is rebuilt (and its weights checked) when read back.
 */
final class TrainedNetwork implements Serializable {

    private static final long serialVersionUID = 1L;

    private final NetworkSpec spec;
    private final float[] parameters;
    private transient RecurrentNetwork network;

    TrainedNetwork(RecurrentNetwork network) {
        this.network = network;
        this.spec = network.spec();
        this.parameters = network.parameters().clone();
    }

    NetworkSpec spec() {
        return spec;
    }

    RecurrentNetwork network() {
        return network;
    }

    /** An independent copy (deep). */
    TrainedNetwork copy() {
        return new TrainedNetwork(network.copy());
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        if (spec == null || parameters == null) {
            throw new InvalidObjectException("incomplete network");
        }
        try {
            network = RecurrentNetwork.fromParameters(spec, parameters);
        } catch (IllegalArgumentException e) {
            throw new InvalidObjectException("the weights do not fit the network " + spec + ": " + e.getMessage());
        }
    }
}
