package dev.recur.plugin.cli;

import dev.recur.engine.io.AtomicFile;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes output files safely: into a temporary file beside the target, moved into place only when
 * complete, so a failure never leaves a half-written file; and never over one of the inputs.
 */
final class AtomicFiles {

    /** Writes the content of a file. */
    @FunctionalInterface
    interface Content {
        void write(Writer w) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code target} atomically.
     *
     * @param inputs files the command reads, which the target must not be
     * @throws IllegalArgumentException if the target is an input or its folder does not exist
     */
    static void write(Path target, Content content, Path... inputs) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        for (Path in : inputs) {
            if (in != null && Files.exists(in) && Files.exists(abs) && Files.isSameFile(in, abs)) {
                throw new IllegalArgumentException(target + ": the output would overwrite an input file");
            }
            if (in != null && in.toAbsolutePath().normalize().equals(abs)) {
                throw new IllegalArgumentException(target + ": the output would overwrite an input file");
            }
        }
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(target + ": the folder " + dir + " does not exist");
        }
        if (Files.isDirectory(abs)) {
            throw new IllegalArgumentException(target + ": is a folder");
        }
        AtomicFile.write(abs, os -> {
            // The content may close its writer (a CSVPrinter does); closing twice is harmless, and the
            // stream underneath stays open for AtomicFile to close.
            java.io.OutputStream keepOpen = new java.io.FilterOutputStream(os) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            try (Writer w = new java.io.BufferedWriter(new java.io.OutputStreamWriter(keepOpen, StandardCharsets.UTF_8))) {
                content.write(w);
            }
        });
    }

    /**
     * Refuses an output path given with {@code option} before any work is done: the input, a folder, or a
     * file in a missing folder.
     */
    static void checkTarget(Path target, Path input, String option) {
        Path abs = target.toAbsolutePath();
        if (input != null && abs.normalize().equals(input.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException(option + " " + target + " is the input file; refusing to overwrite it");
        }
        if (java.nio.file.Files.isDirectory(abs)) {
            throw new IllegalArgumentException(option + " " + target + " is a folder");
        }
        if (abs.getParent() == null || !java.nio.file.Files.isDirectory(abs.getParent())) {
            throw new IllegalArgumentException(option + " " + target + ": folder " + abs.getParent() + " does not exist");
        }
    }
}
