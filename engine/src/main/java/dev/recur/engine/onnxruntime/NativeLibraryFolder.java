package dev.recur.engine.onnxruntime;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Removes, when the JVM exits, the folder into which ONNX Runtime's Java binding extracted its native libraries.
 *
 * <p>ONNX Runtime (1.29) creates a folder {@code onnxruntime-java<digits>} under {@code java.io.tmpdir} each time a JVM
 * loads it, extracts its shared libraries there and asks the JVM to delete the libraries and then the folder on exit
 * ({@link java.io.File#deleteOnExit()}). The JVM deletes in the reverse order of those requests, so it tries the
 * folder first, while the libraries are still in it, and the folder stays behind, empty: one per JVM that ran an ONNX
 * model ({@code recur bench-infer}, an application's inference, every test JVM), hundreds in a year of nightly jobs.
 * A shutdown hook runs before the JVM's deletions; the one registered here deletes the libraries (a loaded shared
 * library may be unlinked on Linux and macOS) and then the folder. Where a file cannot be deleted (Windows keeps a loaded library open) the folder stays, as it did.
 *
 * <p>The folder is ONNX Runtime's own private field {@code ai.onnxruntime.OnnxRuntime.tempDirectory}, read once after
 * ONNX Runtime has loaded; if a later version renames or drops it, nothing is removed and nothing fails.
 */
final class NativeLibraryFolder {

    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    private NativeLibraryFolder() {
    }

    /**
     * Registers the removal of ONNX Runtime's extraction folder at exit, once per JVM; does nothing before ONNX
     * Runtime has loaded (a later call registers it then) or where the folder cannot be found.
     */
    static void removeAtExit() {
        if (REGISTERED.get()) {
            return;
        }
        Path folder = folder();
        if (folder != null && REGISTERED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(folder), "recur-onnxruntime-folder"));
        }
    }

    /** ONNX Runtime's extraction folder in this JVM, or null before it has loaded or where it cannot be read. */
    static Path folder() {
        try {
            Class<?> runtime = Class.forName("ai.onnxruntime.OnnxRuntime", false, NativeLibraryFolder.class.getClassLoader());
            Field f = runtime.getDeclaredField("tempDirectory");
            f.setAccessible(true);
            Object value = f.get(null);
            return value instanceof Path p ? p : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * Deletes the files directly in {@code folder} and then the folder; a file that cannot be deleted is left and so is
     * the folder. The folder holds only the libraries ONNX Runtime extracted (it creates no sub-folders).
     */
    static void remove(Path folder) {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(folder);
        } catch (IOException | RuntimeException e) {
            // left as ONNX Runtime leaves it
        }
    }
}
