package dev.recur.engine.tribuo;

import java.io.IOException;
import java.nio.file.Path;

/** A model file that cannot be read: missing, truncated, corrupt, of another class or a newer format. */
public final class ModelFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception whose message starts with the file. */
    public ModelFileException(Path file, String message, Throwable cause) {
        super(dev.recur.engine.io.Shorten.line(file + ": " + message), cause);
    }
}
