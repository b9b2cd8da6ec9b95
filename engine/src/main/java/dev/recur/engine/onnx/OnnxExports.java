package dev.recur.engine.onnx;

import ai.onnx.proto.OnnxMl;
import dev.recur.engine.io.AtomicFile;

import java.io.IOException;
import java.nio.file.Path;

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
        AtomicFile.write(file, model::writeTo);
    }
}
