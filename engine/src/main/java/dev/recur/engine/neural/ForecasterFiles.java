package dev.recur.engine.neural;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.recur.engine.codec.NetworkCodec;
import dev.recur.engine.codec.protos.ForecasterModelProto;
import dev.recur.engine.io.AtomicFile;
import dev.recur.engine.io.Checksums;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.nn.OutputMode;
import dev.recur.engine.nn.RecurrentNetwork;
import dev.recur.engine.series.Frequency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads fitted forecasters ({@link FittedForecaster}) as a versioned protobuf file, so
 * that a model trained once forecasts new data later ({@code recur train}, {@code recur predict}). Training
 * histories are not saved. A file trained on a source of several frequencies holds one network per frequency: the
 * first frequency's, and the others' ({@link Loaded#others()}, format 3), each named by its {@code frequency}
 * metadata.
 */
public final class ForecasterFiles {

    /**
     * The newest format version read. Version 1 has conformal intervals only; version 2 adds quantile
     * intervals, and is written only for models that use them, so that older readers refuse them; version 3 adds
     * the networks of a source's other frequencies, and is written only for files that hold some.
     */
    public static final int FORMAT_VERSION = 3;

    /** The metadata key that names the frequency a model was trained for. */
    public static final String FREQUENCY = "frequency";

    /** The largest model file read (protobuf's own limit for one message). */
    public static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;

    /**
     * A loaded model.
     *
     * @param fitted   the forecaster
     * @param metadata what was saved with it (frequency, source, settings, ...)
     */
    public record Loaded(FittedForecaster fitted, Map<String, String> metadata, List<Loaded> others) {

        /**
         * @param fitted   the forecaster
         * @param metadata what was saved with it (frequency, source, settings, ...)
         * @param others   the networks of the source's other frequencies, each with its {@link #FREQUENCY} metadata
         */
        public Loaded {
            others = List.copyOf(others);
        }

        /** A model of one frequency. */
        public Loaded(FittedForecaster fitted, Map<String, String> metadata) {
            this(fitted, metadata, List.of());
        }

        /** The frequency this model was trained for, as {@link Frequency#toString()} writes it; null if not saved. */
        public String frequency() {
            return metadata.get(FREQUENCY);
        }

        /** The file's networks: this, the first frequency's, then the others'. */
        public List<Loaded> all() {
            List<Loaded> all = new ArrayList<>(1 + others.size());
            all.add(this);
            all.addAll(others);
            return all;
        }

        /**
         * The network trained for the series of another frequency than the first ({@link Frequency#toString()}), or
         * null when the file holds none for it.
         */
        public Loaded other(String frequency) {
            for (Loaded o : others) {
                if (o.frequency().equals(frequency)) {
                    return o;
                }
            }
            return null;
        }
    }

    /**
     * A network trained for the series of one of a source's other frequencies, to save beside the first.
     *
     * @param fitted   the forecaster
     * @param metadata what to save with it; it must name its {@link #FREQUENCY}
     */
    public record Part(FittedForecaster fitted, Map<String, String> metadata) {
        /** Checks the frequency is named. */
        public Part {
            if (metadata.get(FREQUENCY) == null) {
                throw new IllegalArgumentException("a model of another frequency must name its " + FREQUENCY);
            }
        }
    }

    private ForecasterFiles() {
    }

    /** Writes a model atomically. */
    public static void save(FittedForecaster f, Map<String, String> metadata, Path file) throws IOException {
        AtomicFile.write(file, os -> os.write(bytes(f, metadata)));
    }

    private static ForecasterModelProto message(FittedForecaster f, Map<String, String> metadata, List<Part> others) {
        ForecasterModelProto.Builder b = ForecasterModelProto.newBuilder();
        int version = formatVersion(f);
        for (Part o : others) {
            ForecasterModelProto m = message(o.fitted(), o.metadata(), List.of());
            b.addOthers(m);
            version = Math.max(3, Math.max(version, m.getFormatVersion()));
        }
        b.setFormatVersion(version)
                .addAllCovariates(f.covariates())
                .addAllFutureCovariates(f.futureCovariates())
                .setWindow(f.window()).setHorizon(f.horizon()).setSeason(f.season()).setLog(f.log())
                .setResidual(f.residual()).setScaling(f.scaling().name()).setScope(f.scope().name())
                .setStrategy(f.strategy().name()).setPerTarget(f.perTarget()).putAllMetadata(metadata);
        for (RecurrentNetwork n : f.networks()) {
            b.addNetworks(NetworkCodec.toProto(n));
        }
        if (f.calendar() != null) {
            b.setCalendarUnit(f.calendar().unit().name()).setCalendarMultiple(f.calendar().multiple());
        }
        for (int l = 0; l < f.levels().length; l++) {
            b.addLevels(f.levels()[l]);
            if (f.bounds() != null) {
                b.addQuantileLower(f.bounds()[l][0]);
                b.addQuantileUpper(f.bounds()[l][1]);
            }
            for (double q : f.quantiles()[l]) {
                b.addQuantiles(q);
            }
        }
        return b.build();
    }

    /** The oldest format that holds a forecaster's features: readers of older versions refuse what they lack. */
    private static int formatVersion(FittedForecaster f) {
        return f.bounds() == null && f.calendar() == null && f.covariates().isEmpty() ? 1 : 2;
    }

    /** The file's bytes: the model's message, sealed with its checksum ({@link Checksums}). */
    public static byte[] bytes(FittedForecaster f, Map<String, String> metadata) {
        return bytes(f, metadata, List.of());
    }

    /**
     * The bytes of a file that holds a network per frequency: the first frequency's ({@code f}) and {@code others},
     * each of another frequency than the first and than each other.
     */
    public static byte[] bytes(FittedForecaster f, Map<String, String> metadata, List<Part> others) {
        String twice = repeated(metadata.get(FREQUENCY), others.stream().map(o -> o.metadata().get(FREQUENCY)).toList());
        if (twice != null) {
            throw new IllegalArgumentException("two models for " + twice + " data");
        }
        return Checksums.seal(message(f, metadata, others).toByteArray());
    }

    /** A frequency of {@code others} that is {@code first} or another of them, or null. */
    private static String repeated(String first, List<String> others) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        seen.add(String.valueOf(first));
        for (String o : others) {
            if (!seen.add(o)) {
                return o;
            }
        }
        return null;
    }

    /**
     * The bytes of a file holding the same networks as {@code model}, the one for {@code frequency} first (what a
     * reader of a file's first network, as the executors of a cluster, then forecasts with); null when it holds none
     * for it.
     */
    public static byte[] withFirst(Loaded model, String frequency) {
        Loaded first = null;
        List<Part> rest = new ArrayList<>();
        for (Loaded m : model.all()) {
            if (first == null && frequency.equals(m.frequency())) {
                first = m;
            } else {
                rest.add(new Part(m.fitted(), m.metadata()));
            }
        }
        return first == null ? null : bytes(first.fitted(), first.metadata(), rest);
    }

    /**
     * Reads a model.
     *
     * @throws IOException with a one-line message naming the file when it is missing, a folder, not a Recur
     *                     forecaster model, truncated, inconsistent, or from a newer format
     */
    public static Loaded load(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a folder, not a model file");
        }
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new IOException(file + ": " + size + " bytes is too large for a Recur forecaster model (at most "
                        + MAX_FILE_BYTES + ")");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such model file", e);
        }
        return load(bytes, file.toString());
    }

    /**
     * Reads a model from the bytes of its file (e.g. broadcast to the executors of a cluster).
     *
     * @param name names the model in messages, e.g. its file
     * @throws IOException with a one-line message starting with {@code name} when the bytes are not a Recur forecaster
     *                     model, truncated, inconsistent, or from a newer format
     */
    public static Loaded load(byte[] bytes, String name) throws IOException {
        Object file = name;
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IOException(file + ": " + bytes.length + " bytes is too large for a Recur forecaster model (at most "
                    + MAX_FILE_BYTES + ")");
        }
        ForecasterModelProto p;
        try {
            p = ForecasterModelProto.parseFrom(bytes);
            if (p.hasChecksum()) {
                Checksums.verify(bytes);
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IOException(file + ": not a Recur forecaster model, or truncated (" + Shorten.line(e.getMessage()) + ")", e);
        } catch (Checksums.MismatchException e) {
            throw new IOException(file + ": corrupt model, " + e.getMessage(), e);
        }
        if (p.getFormatVersion() == 0 || p.getNetworksCount() == 0) {
            throw new IOException(file + ": not a Recur forecaster model (no format version or networks)");
        }
        if (p.getFormatVersion() > FORMAT_VERSION) {
            throw new IOException(file + ": written in model format " + p.getFormatVersion() + " by a newer Recur; this"
                    + " one reads up to " + FORMAT_VERSION);
        }
        try {
            List<Loaded> others = new ArrayList<>();
            for (ForecasterModelProto o : p.getOthersList()) {
                if (o.getMetadataMap().get(FREQUENCY) == null || o.getOthersCount() > 0 || o.getNetworksCount() == 0) {
                    throw new IllegalStateException("a model of another frequency without its frequency, networks, or "
                            + "with models of its own");
                }
                others.add(parse(o, List.of()));
            }
            String twice = repeated(p.getMetadataMap().get(FREQUENCY), others.stream().map(Loaded::frequency).toList());
            if (twice != null) {
                throw new IllegalStateException("two models for " + twice + " data");
            }
            return parse(p, others);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new IOException(file + ": corrupt model (" + Shorten.line(e.getMessage()) + ")", e);
        }
    }

    /** One model of a file, checked. */
    private static Loaded parse(ForecasterModelProto p, List<Loaded> others) {
        checkSizes(p);
        List<RecurrentNetwork> nets = new ArrayList<>();
        for (var n : p.getNetworksList()) {
            nets.add(NetworkCodec.fromProto(n, OutputMode.MANY_TO_ONE));
        }
        int h = p.getHorizon();
        int levels = p.getLevelsCount();
        if (h < 1 || p.getWindow() < 1 || p.getSeason() < 1 || p.getQuantilesCount() != levels * h) {
            throw new IllegalStateException("inconsistent sizes: window " + p.getWindow() + ", horizon " + h
                    + ", season " + p.getSeason() + ", " + p.getQuantilesCount() + " interval widths for " + levels
                    + " levels");
        }
        int[] lv = new int[levels];
        double[][] q = new double[levels][h];
        for (int l = 0; l < levels; l++) {
            lv[l] = p.getLevels(l);
            for (int k = 0; k < h; k++) {
                q[l][k] = p.getQuantiles(l * h + k);
            }
        }
        int[][] bounds = null;
        if (p.getQuantileLowerCount() > 0 || p.getQuantileUpperCount() > 0) {
            if (p.getQuantileLowerCount() != levels || p.getQuantileUpperCount() != levels) {
                throw new IllegalStateException("quantile bounds for " + p.getQuantileLowerCount() + "/"
                        + p.getQuantileUpperCount() + " of " + levels + " levels");
            }
            bounds = new int[levels][];
            for (int l = 0; l < levels; l++) {
                bounds[l] = new int[]{p.getQuantileLower(l), p.getQuantileUpper(l)};
                if (bounds[l][0] < 0 || bounds[l][1] >= p.getPerTarget() || bounds[l][0] > bounds[l][1]) {
                    throw new IllegalStateException("quantile bounds " + bounds[l][0] + ".." + bounds[l][1]
                            + " do not fit " + p.getPerTarget() + " outputs per step");
                }
            }
        }
        Frequency calendar = p.getCalendarUnit().isEmpty() ? null
                : new Frequency(Frequency.Unit.valueOf(p.getCalendarUnit()), p.getCalendarMultiple());
        if (!p.getCovariatesList().containsAll(p.getFutureCovariatesList())) {
            throw new IllegalStateException("known-future covariates " + p.getFutureCovariatesList()
                    + " are not all among the covariates " + p.getCovariatesList());
        }
        int channels = 1 + (calendar == null ? 0 : CalendarFeatures.count(calendar)) + p.getCovariatesCount()
                + (p.getFutureCovariatesCount() > 0 ? 1 : 0);
        RecurrentForecaster.Strategy strategy = RecurrentForecaster.Strategy.valueOf(p.getStrategy());
        int outputs = (strategy == RecurrentForecaster.Strategy.DIRECT ? h : 1) * p.getPerTarget();
        for (RecurrentNetwork n : nets) {
            if (n.spec().outputSize() != outputs || n.spec().inputSize() != channels) {
                throw new IllegalStateException("a network has " + n.spec().outputSize() + " outputs and "
                        + n.spec().inputSize() + " inputs, expected " + outputs + " and " + channels);
            }
        }
        FittedForecaster f = new FittedForecaster(List.copyOf(nets), p.getWindow(), h,
                p.getSeason(), p.getLog(), p.getResidual(), Scaling.valueOf(p.getScaling()),
                Scaling.Scope.valueOf(p.getScope()), strategy, p.getPerTarget(), lv, q, List.of(), bounds, calendar,
                List.copyOf(p.getCovariatesList()), List.copyOf(p.getFutureCovariatesList()));
        return new Loaded(f, Map.copyOf(p.getMetadataMap()), others);
    }

    /** The sizes a forecaster file declares, against the bounds of {@link FittedForecaster}, before anything is allocated. */
    private static void checkSizes(ForecasterModelProto p) {
        bound("window", p.getWindow(), FittedForecaster.MAX_WINDOW);
        bound("horizon", p.getHorizon(), FittedForecaster.MAX_HORIZON);
        bound("season", p.getSeason(), FittedForecaster.MAX_WINDOW);
        bound("outputs per step", p.getPerTarget(), FittedForecaster.MAX_PER_TARGET);
        if (p.getLevelsCount() > 98) {
            throw new IllegalStateException(p.getLevelsCount() + " interval levels (at most 98)");
        }
        if (p.getCalendarMultiple() < 0) {
            throw new IllegalStateException("calendar multiple " + p.getCalendarMultiple());
        }
    }

    private static void bound(String what, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalStateException(what + " " + value + " is outside 1.." + max);
        }
    }
}
