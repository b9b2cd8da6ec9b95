package dev.recur.engine.tribuo;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.recur.engine.io.AtomicFile;
import org.tribuo.Model;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.protos.core.SequenceModelProto;
import org.tribuo.sequence.SequenceModel;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Saves and loads Recur's Tribuo models safely.
 *
 * <p>Protobuf (Tribuo 4.3's format, the recommended one): {@link #save(Model, Path)} writes a
 * {@code ModelProto} to a temporary file and moves it into place; {@link #loadRegressionModel(Path)} reads
 * one, checking the class it names and its format version <em>before</em> anything is instantiated, so a
 * truncated or corrupt file, a file of another model class or one from a newer Recur gets a one-line
 * {@link ModelFileException}. Tribuo's own {@code Model.deserializeFromFile} reads the same files.
 *
 * <p>Java serialization ({@link #saveJava}, {@link #loadJava}) is supported for Tribuo habits, behind an
 * {@link ObjectInputFilter} that only admits Recur's, Tribuo's, OLCUT's and core JDK value classes, with
 * depth and size limits: a stream naming any other class is refused before that class is loaded.
 */
public final class RecurrentModelFiles {

    /**
     * The allowlist of {@link #loadJava}: Recur, Tribuo, OLCUT, the JDK's collections, boxes, strings and
     * times, and arrays of them; everything else is rejected.
     */
    public static final String JAVA_FILTER = "maxdepth=64;maxrefs=10000000;maxbytes=2147483647;maxarray=1073741824;"
            + "dev.recur.engine.**;org.tribuo.**;com.oracle.labs.mlrg.olcut.**;"
            + "java.lang.*;java.util.*;java.time.*;java.math.*;java.net.URL;java.net.URI;java.io.File;"
            + "!*";

    private RecurrentModelFiles() {
    }

    /** Writes a model's protobuf form atomically (temporary file, then move). */
    public static void save(Model<?> model, Path file) throws IOException {
        AtomicFile.write(file, os -> model.serialize().writeTo(os));
    }

    /** Writes a sequence model's protobuf form atomically. */
    public static void save(SequenceModel<?> model, Path file) throws IOException {
        AtomicFile.write(file, os -> model.serialize().writeTo(os));
    }

    /**
     * Reads a many-to-one model saved with {@link #save(Model, Path)} or Tribuo's {@code serializeToFile}.
     *
     * @throws ModelFileException if the file is missing, not a model, truncated or corrupt, holds another
     *                            class, or was written by a newer format version
     */
    public static RecurrentRegressionModel loadRegressionModel(Path file) throws IOException {
        ModelProto proto;
        try (InputStream in = open(file)) {
            proto = ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFileException(file, "not a model file, or truncated or corrupt (" + e.getMessage() + ")", e);
        }
        check(file, proto.getClassName(), proto.getVersion(), RecurrentRegressionModel.class.getName(),
                RecurrentRegressionModel.CURRENT_VERSION, proto.hasSerializedData());
        try {
            return RecurrentRegressionModel.deserializeFromProto(proto.getVersion(), proto.getClassName(),
                    proto.getSerializedData());
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new ModelFileException(file, "truncated or corrupt model (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads a many-to-many model saved with {@link #save(SequenceModel, Path)}.
     *
     * @throws ModelFileException as for {@link #loadRegressionModel(Path)}
     */
    public static RecurrentSequenceModel loadSequenceModel(Path file) throws IOException {
        SequenceModelProto proto;
        try (InputStream in = open(file)) {
            proto = SequenceModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFileException(file, "not a model file, or truncated or corrupt (" + e.getMessage() + ")", e);
        }
        check(file, proto.getClassName(), proto.getVersion(), RecurrentSequenceModel.class.getName(),
                RecurrentSequenceModel.CURRENT_VERSION, proto.hasSerializedData());
        try {
            return RecurrentSequenceModel.deserializeFromProto(proto.getVersion(), proto.getClassName(),
                    proto.getSerializedData());
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new ModelFileException(file, "truncated or corrupt model (" + e.getMessage() + ")", e);
        }
    }

    private static void check(Path file, String className, int version, String expected, int maxVersion,
                              boolean hasData) throws ModelFileException {
        if (className.isEmpty() || !hasData) {
            throw new ModelFileException(file, "not a Tribuo model file (no model class or data)", null);
        }
        if (!className.equals(expected)) {
            throw new ModelFileException(file, "holds a " + className + ", not a " + expected, null);
        }
        if (version > maxVersion) {
            throw new ModelFileException(file, "was written in format version " + version + " by a newer Recur; this"
                    + " version reads up to " + maxVersion, null);
        }
        if (version < 0) {
            throw new ModelFileException(file, "has an invalid format version " + version, null);
        }
    }

    /** Writes any serializable model with Java serialization, atomically. */
    public static void saveJava(Serializable model, Path file) throws IOException {
        AtomicFile.write(file, os -> {
            ObjectOutputStream oos = new ObjectOutputStream(os);
            oos.writeObject(model);
            oos.flush();
        });
    }

    /**
     * Reads a Java-serialized model through the {@link #JAVA_FILTER} allowlist.
     *
     * @throws ModelFileException if the file is missing, truncated or corrupt, names a class outside the
     *                            allowlist, or holds something other than {@code type}
     */
    public static <T> T loadJava(Path file, Class<T> type) throws IOException {
        Object o;
        try (ObjectInputStream in = new ObjectInputStream(open(file))) {
            in.setObjectInputFilter(ObjectInputFilter.Config.createFilter(JAVA_FILTER));
            o = in.readObject();
        } catch (InvalidClassException e) {
            throw new ModelFileException(file, "refused: the stream names a class outside the allowlist or of another"
                    + " version (" + e.getMessage() + ")", e);
        } catch (StreamCorruptedException | java.io.EOFException e) {
            throw new ModelFileException(file, "not a Java-serialized model, or truncated or corrupt (" + e + ")", e);
        } catch (ClassNotFoundException e) {
            throw new ModelFileException(file, "names an unknown class " + e.getMessage(), e);
        } catch (ModelFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file, "cannot be read as a Java-serialized model (" + e + ")", e);
        }
        if (!type.isInstance(o)) {
            throw new ModelFileException(file, "holds a " + o.getClass().getName() + ", not a " + type.getName(), null);
        }
        return type.cast(o);
    }

    private static InputStream open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ModelFileException(file, "is a folder, not a model file", null);
        }
        try {
            return new BufferedInputStream(Files.newInputStream(file));
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file, "no such file", e);
        }
    }
}
