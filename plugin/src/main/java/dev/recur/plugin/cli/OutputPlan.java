package dev.recur.plugin.cli;

import dev.recur.engine.io.AtomicFile;
import dev.recur.engine.io.Shorten;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The files one run writes, planned before any work starts and committed together at the end.
 *
 * <p>Declaring the run's inputs ({@link #input}) and outputs ({@link #file}, {@link #folder}) checks, before
 * anything is read or trained, that no output is an input or another output (after resolving relative paths
 * and symbolic links), that each output's folder exists and can be written (by creating and deleting a
 * temporary file there, so that the error names the real reason), and removes temporary files a killed run
 * left there more than a day ago. {@link #stage} then writes each output into a temporary file beside it, and
 * {@link #commit} moves them all into place at the end: a run that fails leaves no output behind, and one
 * interrupted (SIGTERM, Ctrl-C) leaves no temporary files either.
 */
final class OutputPlan implements AutoCloseable {

    /** Writes a text file's content. */
    @FunctionalInterface
    interface Text {
        void write(Writer w) throws IOException;
    }

    private static final Duration STALE = Duration.ofDays(1);

    private final ConsoleProgress progress;
    private final Map<Path, String> inputs = new HashMap<>();
    private final Map<Path, String> outputs = new LinkedHashMap<>();
    private final Set<Path> folders = new HashSet<>();
    private final List<AtomicFile.Staged> staged = new ArrayList<>();
    private final Set<Path> stagedTargets = new HashSet<>();

    OutputPlan(ConsoleProgress progress) {
        this.progress = progress;
    }

    /** A file the run reads (ignored when null). */
    OutputPlan input(Path file, String what) {
        if (file != null) {
            inputs.put(identity(file), what);
        }
        return this;
    }

    /**
     * An output file given with {@code option} (ignored when null).
     *
     * @throws IllegalArgumentException if it is an input, another output, a folder, or cannot be written
     */
    OutputPlan file(String option, Path file) {
        if (file == null) {
            return this;
        }
        Path id = identity(file);
        String what = option + " " + file;
        refuseCollision(id, what);
        if (Files.isDirectory(id)) {
            throw new IllegalArgumentException(what + " is a folder, not a file");
        }
        writableFolder(what, id.getParent());
        outputs.put(id, what);
        return this;
    }

    /**
     * An existing output folder given with {@code option}, whose files are named during the run (ignored when null).
     *
     * @throws IllegalArgumentException if it is missing, not a folder, or cannot be written
     */
    OutputPlan folder(String option, Path folder) {
        if (folder == null) {
            return this;
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(option + " " + folder + ": no such folder");
        }
        writableFolder(option + " " + folder, identity(folder));
        return this;
    }

    /**
     * Writes {@code target} (a declared output, or a file in a declared folder) into a temporary file, to be
     * moved into place by {@link #commit}.
     */
    void stage(Path target, AtomicFile.Body body) throws IOException {
        Path id = identity(target);
        if (!outputs.containsKey(id)) {
            refuseCollision(id, Shorten.value(target));
        }
        if (Files.isDirectory(id)) {
            throw new IllegalArgumentException("cannot write " + Shorten.value(target) + ": a folder has that name");
        }
        if (!stagedTargets.add(id)) {
            throw new IllegalStateException(target + " written twice in one run");
        }
        try {
            staged.add(AtomicFile.stage(id, body));
        } catch (IOException e) {
            throw new IOException("cannot write " + Shorten.value(target) + ": " + reason(e), e);
        }
    }

    /** Writes a UTF-8 text file through {@link #stage}. */
    void stageText(Path target, Text text) throws IOException {
        stage(target, os -> {
            // the content may close its writer (a CSVPrinter does); the stream underneath stays open for
            // AtomicFile to close
            OutputStream keepOpen = new java.io.FilterOutputStream(os) {
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
                text.write(w);
            }
        });
    }

    /** Moves every staged file into place. */
    void commit() throws IOException {
        for (AtomicFile.Staged s : staged) {
            try {
                s.commit();
            } catch (IOException e) {
                throw new IOException("cannot move " + s.target() + " into place: " + reason(e), e);
            }
        }
    }

    /** Deletes the temporary files of whatever was not committed. */
    @Override
    public void close() {
        for (AtomicFile.Staged s : staged) {
            try {
                s.close();
            } catch (IOException e) {
                // the shutdown hook tries again
            }
        }
    }

    private void refuseCollision(Path id, String what) {
        String in = inputs.get(id);
        if (in != null) {
            throw new IllegalArgumentException(what + " is the " + in + "; refusing to overwrite an input");
        }
        String other = outputs.get(id);
        if (other != null) {
            throw new IllegalArgumentException(what + " is the same file as " + other + "; give each output its own file");
        }
    }

    private void writableFolder(String what, Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(what + ": the folder " + dir + " does not exist");
        }
        if (!folders.add(dir)) {
            return;
        }
        try {
            Path probe = Files.createTempFile(dir, ".probe.recur-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException(what + ": cannot write in the folder " + dir + " ("
                    + (e instanceof IOException io ? reason(io) : "not permitted") + ")");
        }
        List<Path> stale = AtomicFile.removeStale(dir, STALE);
        if (!stale.isEmpty()) {
            progress.warning(String.format("removed %d temporary file%s older than a day, left in %s by an interrupted run",
                    stale.size(), stale.size() == 1 ? "" : "s", dir));
        }
    }

    /** The file a path names: absolute, normalised, symbolic links resolved (for a new file, its folder's). */
    static Path identity(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs)) {
                return abs.toRealPath();
            }
            Path parent = abs.getParent();
            return parent == null ? abs : parent.toRealPath().resolve(abs.getFileName());
        } catch (IOException e) {
            return abs;
        }
    }

    /** The reason of an I/O error, in words. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
