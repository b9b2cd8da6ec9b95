package dev.recur.engine.onnx;

import ai.onnx.proto.OnnxMl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writing ONNX models to files, and the version stamped into them. */
public final class OnnxExports {

    private OnnxExports() {
    }

    /** Recur's version from the jar manifest, or "dev" when run from classes. */
    public static String version() {
        String v = OnnxExports.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Writes a model to a temporary file beside {@code file}, then moves it into place. */
    public static void write(OnnxMl.ModelProto model, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                model.writeTo(os);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
