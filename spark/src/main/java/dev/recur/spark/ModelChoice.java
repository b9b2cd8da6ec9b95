package dev.recur.spark;

import dev.recur.engine.forecast.EnsembleForecaster;
import dev.recur.engine.neural.ForecasterSettings;
import dev.recur.engine.neural.RecurrentForecaster;
import dev.recur.engine.nn.CellType;
import dev.recur.engine.statistical.Baselines;
import dev.recur.engine.statistical.Combination;
import dev.recur.engine.train.Defaults;
import dev.recur.engine.train.TrainingConfig;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The model of a Spark forecast: one of
 * <ul>
 *   <li>{@link Saved}: a {@code .recur} file written by {@code recur train}, broadcast once and loaded once per
 *       executor JVM;</li>
 *   <li>{@link Global}: a global network trained on the driver from a sample of the series (stratified by
 *       length), then used as a saved one;</li>
 *   <li>{@link PerGroup}: one network per value of a column (e.g. a category), each trained on an executor on
 *       the series of its group;</li>
 *   <li>{@link Ensemble}: the command line's default model ({@code recur forecast} with no {@code --model}: the
 *       network, {@code comb} and their mean, chosen on held-out windows, and every shorter series forecast as on one
 *       machine) on each value of a column, each group's series on an executor as {@code recur forecast} forecasts a
 *       file of them; without a column, on the whole table in one task;</li>
 *   <li>{@link Local}: a statistical method (naive, snaive, drift, mean, naive2, ets, theta, dotm, arima, comb) fitted
 *       to each series, with the command line's conformal intervals pooled over the whole input.</li>
 * </ul>
 */
public sealed interface ModelChoice extends Serializable {

    /** Reads a saved model file. */
    static Saved saved(Path file) throws IOException {
        return new Saved(Files.readAllBytes(file), file.getFileName().toString());
    }

    /** A network trained on the driver from at most {@code sample} series. */
    static Global global(NetworkOptions network, int sample) {
        return new Global(network, sample);
    }

    /** One network per value of {@code column}. */
    static PerGroup perGroup(String column, NetworkOptions network) {
        return new PerGroup(column, network);
    }

    /**
     * The command line's default model on each group of {@code column} (null: the whole table as one group).
     */
    static Ensemble ensemble(String column, NetworkOptions network) {
        return new Ensemble(column, network);
    }

    /** A statistical method by its command-line name. */
    static Local local(String method) {
        return new Local(method);
    }

    /**
     * A saved model.
     *
     * @param bytes the file's bytes
     * @param name  names it in messages
     */
    record Saved(byte[] bytes, String name) implements ModelChoice {
        private static final long serialVersionUID = 1L;

        /** Checks the bytes are there. */
        public Saved {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(name, "name");
        }

        /** The SHA-256 of the bytes, in hex: the key of the executors' model cache. */
        public String key() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Saved s && java.util.Arrays.equals(s.bytes, bytes) && s.name.equals(name);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "saved model " + name + " (" + bytes.length + " bytes)";
        }
    }

    /**
     * A global network trained on the driver.
     *
     * @param network its settings
     * @param sample  most series it is trained on (a sample stratified by length when there are more)
     */
    record Global(NetworkOptions network, int sample) implements ModelChoice {
        private static final long serialVersionUID = 1L;

        /** Validates. */
        public Global {
            Objects.requireNonNull(network, "network");
            if (sample < 1) {
                throw new IllegalArgumentException("sample must be at least 1 series, got " + sample);
            }
        }
    }

    /**
     * One network per group.
     *
     * @param column  the grouping column
     * @param network the networks' settings
     */
    record PerGroup(String column, NetworkOptions network) implements ModelChoice {
        private static final long serialVersionUID = 1L;

        /** Validates. */
        public PerGroup {
            Objects.requireNonNull(column, "column");
            Objects.requireNonNull(network, "network");
        }
    }

    /**
     * The command line's default model ({@link EnsembleForecaster}), per group: each group's series forecast together
     * on an executor exactly as {@code recur forecast} forecasts a file of them (the network trained on the group's
     * series that hold its window, {@code comb}, the choice between them and their mean on held-out windows, the
     * shorter series and the intervals), so that a group's forecasts are the command line's on that group's file.
     *
     * @param column  the grouping column, or null for the whole table as one group (one task: for a table one machine
     *                can forecast)
     * @param network the networks' settings
     */
    record Ensemble(String column, NetworkOptions network) implements ModelChoice {
        private static final long serialVersionUID = 1L;

        /** Validates. */
        public Ensemble {
            Objects.requireNonNull(network, "network");
        }

        /** The model that forecasts one group. */
        public EnsembleForecaster forecaster() {
            return new EnsembleForecaster(Combination.standard(), network.forecaster());
        }

        @Override
        public String toString() {
            return "ensemble (the network and comb" + (column == null ? ", the whole table as one group)"
                    : ", per value of " + column + ")");
        }
    }

    /**
     * A statistical method, per series.
     *
     * @param method its command-line name
     */
    record Local(String method) implements ModelChoice {
        private static final long serialVersionUID = 1L;

        /** Validates the name. */
        public Local {
            Baselines.byName(method);
        }
    }

    /**
     * A network's settings (the command line's flags of the same names; {@link Defaults} otherwise).
     *
     * @param cell            gru, lstm or rnn
     * @param hidden          units per layer
     * @param layers          stacked layers
     * @param ensemble        members (0: the engine's automatic choice)
     * @param epochs          most training epochs
     * @param samplesPerEpoch training windows per epoch
     * @param window          input window (0: chosen from the horizon, season and history)
     * @param seed            the seed
     * @param threads         training threads (on an executor, one per task CPU)
     */
    record NetworkOptions(String cell, int hidden, int layers, int ensemble, int epochs, int samplesPerEpoch,
                          int window, long seed, int threads) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** The engine's defaults, trained on {@code threads} threads. */
        public static NetworkOptions defaults(int threads) {
            return new NetworkOptions(Defaults.CELL, Defaults.HIDDEN, Defaults.LAYERS, Defaults.ENSEMBLE, Defaults.EPOCHS,
                    Defaults.SAMPLES_PER_EPOCH, 0, Defaults.SEED, threads);
        }

        /** Validates by building the settings once. */
        public NetworkOptions {
            Objects.requireNonNull(cell, "cell");
            settings(cell, hidden, layers, ensemble, epochs, samplesPerEpoch, window, seed, threads);
        }

        /** A forecaster with these settings. */
        public RecurrentForecaster forecaster() {
            return new RecurrentForecaster(settings(cell, hidden, layers, ensemble, epochs, samplesPerEpoch, window, seed,
                    threads));
        }

        private static ForecasterSettings settings(String cell, int hidden, int layers, int ensemble, int epochs,
                                                   int samplesPerEpoch, int window, long seed, int threads) {
            TrainingConfig tc = Defaults.training().epochs(epochs).samplesPerEpoch(samplesPerEpoch).seed(seed)
                    .threads(threads).build();
            return ForecasterSettings.builder().cell(CellType.parse(cell)).hidden(hidden).layers(layers)
                    .ensemble(ensemble).window(window).training(tc).build();
        }
    }
}
