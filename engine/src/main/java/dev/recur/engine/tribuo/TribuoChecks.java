package dev.recur.engine.tribuo;

import dev.recur.engine.io.Shorten;
import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.recur.engine.io.Checksums;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.VariableIDInfo;
import org.tribuo.VariableInfo;
import org.tribuo.regression.Regressor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validation and small helpers shared by Recur's Tribuo models. */
final class TribuoChecks {

    private TribuoChecks() {
    }

    /** A model message packed as Tribuo's {@code Any}, its bytes sealed with a checksum ({@link Checksums}). */
    static com.google.protobuf.Any sealed(com.google.protobuf.Message m) {
        return com.google.protobuf.Any.newBuilder()
                .setTypeUrl("type.googleapis.com/" + m.getDescriptorForType().getFullName())
                .setValue(com.google.protobuf.ByteString.copyFrom(Checksums.seal(m.toByteArray()))).build();
    }

    /**
     * Checks the checksum of a sealed model message.
     *
     * @throws IllegalStateException if it does not match
     */
    static void verify(com.google.protobuf.Any message) {
        try {
            Checksums.verify(message.getValue().toByteArray());
        } catch (Checksums.MismatchException e) {
            throw new IllegalStateException("Invalid protobuf, " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    static ImmutableOutputInfo<Regressor> regressionDomain(ImmutableOutputInfo<?> domain) {
        if (domain.size() == 0 || !(domain.getDomain().iterator().next() instanceof Regressor)) {
            throw new IllegalStateException("Invalid protobuf, output domain is not a regression domain, found "
                    + domain.getClass().getName());
        }
        return (ImmutableOutputInfo<Regressor>) domain;
    }

    /** The dimension names of a regression domain, indexed by output id. */
    static String[] dimensionNames(ImmutableOutputInfo<Regressor> info) {
        String[] names = new String[info.size()];
        for (Regressor r : info.getDomain()) {
            names[info.getID(r)] = r.getNames()[0];
        }
        return names;
    }

    static void checkDimensions(String[] dims, ImmutableOutputInfo<Regressor> outputs) {
        String[] expected = dimensionNames(outputs);
        if (!java.util.Arrays.equals(dims, expected)) {
            throw new IllegalStateException("Invalid protobuf, dimension names " + java.util.Arrays.toString(dims)
                    + " do not match the output domain " + java.util.Arrays.toString(expected));
        }
    }

    /** Dense target vector of a Regressor, indexed by output id. */
    static float[] target(Regressor r, ImmutableOutputInfo<Regressor> info, String where) {
        float[] y = new float[info.size()];
        boolean[] seen = new boolean[info.size()];
        for (Regressor.DimensionTuple d : r) {
            int id = info.getID(d);
            if (id < 0) {
                throw new IllegalArgumentException(where + ": output dimension " + Shorten.quoted(d.getName()) + " is not in the"
                        + " dataset's output domain");
            }
            y[id] = (float) d.getValue();
            seen[id] = true;
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new IllegalArgumentException(where + ": output dimension " + i + " is missing");
            }
        }
        return y;
    }

    /** Refuses NaN and infinite values, naming where they are. */
    static void checkFinite(float[] values, String where, String what) {
        for (int k = 0; k < values.length; k++) {
            if (!Float.isFinite(values[k])) {
                throw new IllegalArgumentException(where + ": " + what + " value " + k + " is " + values[k]);
            }
        }
    }

    /** Refuses a protobuf version this class cannot read. */
    static void checkVersion(int version, int current) {
        if (version < 0 || version > current) {
            throw new IllegalArgumentException("Unknown version " + version + ", this class supports at most version "
                    + current);
        }
    }

    /** Tribuo's metadata, from the bytes of a ModelDataProto. */
    static org.tribuo.impl.ModelDataCarrier<?> carrier(com.google.protobuf.ByteString bytes)
            throws com.google.protobuf.InvalidProtocolBufferException {
        return org.tribuo.impl.ModelDataCarrier.deserialize(org.tribuo.protos.core.ModelDataProto.parseFrom(bytes));
    }

    /** Row-major values of {@code [dimension][feature]} importances. */
    static List<Double> flatten(double[][] importance) {
        List<Double> out = new ArrayList<>();
        for (double[] row : importance) {
            for (double v : row) {
                out.add(v);
            }
        }
        return out;
    }

    /** A deep copy. */
    static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    static double[][] importance(List<Double> flat, int outputs, int features) {
        if (flat.size() != (long) outputs * features) {
            throw new IllegalStateException("Invalid protobuf, " + flat.size() + " importance values, expected "
                    + outputs + " × " + features);
        }
        double[][] imp = new double[outputs][features];
        for (int d = 0; d < outputs; d++) {
            for (int f = 0; f < features; f++) {
                imp[d][f] = flat.get(d * features + f);
            }
        }
        return imp;
    }

    static Map<String, List<Pair<String, Double>>> topFeatures(double[][] importance, String[] dims,
                                                                ImmutableFeatureMap features, int n) {
        Map<String, List<Pair<String, Double>>> map = new LinkedHashMap<>();
        int limit = n < 0 ? features.size() : Math.min(n, features.size());
        for (int d = 0; d < dims.length; d++) {
            List<Pair<String, Double>> list = new ArrayList<>();
            for (VariableInfo info : features) {
                VariableIDInfo v = (VariableIDInfo) info;
                list.add(new Pair<>(v.getName(), importance[d][v.getID()]));
            }
            list.sort(Comparator.comparing((Pair<String, Double> p) -> p.getB()).reversed()
                    .thenComparing(Pair::getA));
            map.put(dims[d], new ArrayList<>(list.subList(0, limit)));
        }
        return map;
    }
}
