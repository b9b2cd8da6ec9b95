package dev.recur.engine.tribuo;

import dev.recur.engine.io.Shorten;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.VariableIDInfo;
import org.tribuo.VariableInfo;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the flat features of a Tribuo example form a window for a recurrent network. Feature names are
 * {@code <channel>@t-<lag>}: lag 0 is the most recent point, so {@code y@t-0 … y@t-167} is a week of hourly
 * values of channel {@code y}. Lags are read as numbers, so zero padding ({@code y@t-007}) does not matter.
 *
 * <p>Every channel must have the same lags, {@code 0 … window−1} with none missing. Channels are ordered by
 * their first appearance in the feature map (Tribuo orders features by name), which fixes the network's
 * input order. The network reads the window oldest point first.
 */
public final class WindowLayout implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Pattern NAME = Pattern.compile("^(.+)@t-(\\d{1,9})$");

    private final String[] channels;
    private final int window;
    /** Flat position in the time-major window of each feature id: {@code (window−1−lag)·channels + c}. */
    private final int[] positions;

    private WindowLayout(String[] channels, int window, int[] positions) {
        this.channels = channels;
        this.window = window;
        this.positions = positions;
    }

    /**
     * Reads the layout from a feature map.
     *
     * @throws IllegalArgumentException naming the feature that does not fit {@code <channel>@t-<lag>}, a
     *                                  duplicated lag, or the channel and lag that are missing
     */
    public static WindowLayout fromFeatureMap(ImmutableFeatureMap featureMap) {
        if (featureMap.size() == 0) {
            throw new IllegalArgumentException("the dataset has no features: expected window features named"
                    + " <channel>@t-<lag>, e.g. y@t-0");
        }
        Map<String, TreeSet<Integer>> lagsByChannel = new LinkedHashMap<>();
        int[] channelOf = new int[featureMap.size()];
        int[] lagOf = new int[featureMap.size()];
        List<String> order = new ArrayList<>();
        for (VariableInfo info : featureMap) {
            VariableIDInfo v = (VariableIDInfo) info;
            Matcher m = NAME.matcher(v.getName());
            if (!m.matches()) {
                throw new IllegalArgumentException("feature " + Shorten.quoted(v.getName()) + " is not a window feature: expected"
                        + " <channel>@t-<lag>, e.g. y@t-0 for the latest value of y");
            }
            String channel = m.group(1);
            int lag = Integer.parseInt(m.group(2));
            TreeSet<Integer> lags = lagsByChannel.computeIfAbsent(channel, k -> {
                order.add(k);
                return new TreeSet<>();
            });
            if (!lags.add(lag)) {
                throw new IllegalArgumentException("channel " + Shorten.quoted(channel) + " has lag " + lag + " twice (feature "
                        + Shorten.quoted(v.getName()) + ")");
            }
            channelOf[v.getID()] = order.indexOf(channel);
            lagOf[v.getID()] = lag;
        }
        int window = 0;
        for (TreeSet<Integer> lags : lagsByChannel.values()) {
            window = Math.max(window, lags.last() + 1);
        }
        for (Map.Entry<String, TreeSet<Integer>> e : lagsByChannel.entrySet()) {
            for (int lag = 0; lag < window; lag++) {
                if (!e.getValue().contains(lag)) {
                    throw new IllegalArgumentException("channel " + Shorten.quoted(e.getKey()) + " has no feature for lag " + lag
                            + " (" + e.getKey() + "@t-" + lag + "): every channel needs lags 0 to " + (window - 1));
                }
            }
        }
        int c = order.size();
        int[] positions = new int[featureMap.size()];
        for (int id = 0; id < positions.length; id++) {
            positions[id] = (window - 1 - lagOf[id]) * c + channelOf[id];
        }
        return new WindowLayout(order.toArray(new String[0]), window, positions);
    }

    /** Restores a layout saved as channels and window, checking it against the feature map. */
    static WindowLayout restore(ImmutableFeatureMap featureMap, List<String> channels, int window) {
        WindowLayout l = fromFeatureMap(featureMap);
        if (l.window != window || !Arrays.equals(l.channels, channels.toArray(new String[0]))) {
            throw new IllegalStateException("Invalid protobuf, the feature domain gives channels "
                    + Arrays.toString(l.channels) + " with window " + l.window + " but the model was saved with "
                    + channels + " and window " + window);
        }
        return l;
    }

    /**
     * Subtracts the mean of one channel over the window from that channel, in place.
     *
     * @return the mean removed
     */
    static float removeLevel(float[] window, int channels, int channel) {
        double sum = 0;
        int n = 0;
        for (int k = channel; k < window.length; k += channels) {
            sum += window[k];
            n++;
        }
        float m = (float) (sum / n);
        for (int k = channel; k < window.length; k += channels) {
            window[k] -= m;
        }
        return m;
    }

    /** The canonical feature name of a channel at a lag. */
    public static String featureName(String channel, int lag) {
        return channel + "@t-" + lag;
    }

    /** Channel names, in the network's input order. */
    public List<String> channels() {
        return List.of(channels);
    }

    /** Number of channels. */
    public int channelCount() {
        return channels.length;
    }

    /** Points per channel. */
    public int window() {
        return window;
    }

    /** Position of the feature with this id in the flat time-major window. */
    public int position(int featureId) {
        return positions[featureId];
    }

    /**
     * The example's window, time-major and oldest first ({@code w[t·channels + c]}). Features unknown to the
     * map are ignored; absent features are 0, as everywhere in Tribuo.
     *
     * @throws IllegalArgumentException if the example has no feature the model knows
     */
    public float[] toWindow(Example<?> example, ImmutableFeatureMap featureMap) {
        float[] w = new float[window * channels.length];
        int known = 0;
        for (Feature f : example) {
            int id = featureMap.getID(f.getName());
            if (id >= 0) {
                w[positions[id]] = (float) f.getValue();
                known++;
            }
        }
        if (known == 0) {
            throw new IllegalArgumentException("No features found in Example " + example);
        }
        return w;
    }
}
