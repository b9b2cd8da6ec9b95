package dev.recur.engine.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers never see it half-written: the bytes go to a temporary file in the same
 * folder, which is then moved over the target (atomically where the file system can). The new file gets the
 * permissions of the file it replaces, or {@code rw-r--r--} (temporary files are created private).
 *
 * <p>{@link #stage} writes the temporary file and leaves the move to {@link Staged#commit}, so that a run with
 * several outputs can write them all and then move them together (or none, if anything failed). Temporary
 * files are named {@code .TARGET.recur-N.tmp}; the ones still waiting are deleted when the JVM shuts down
 * (normal exit, an exception, SIGTERM or Ctrl-C), and {@link #removeStale} deletes those a killed run left.
 */
public final class AtomicFile {

    /** Produces the file's bytes. */
    @FunctionalInterface
    public interface Body {
        /** Writes everything to {@code out} (which the caller closes). */
        void write(OutputStream out) throws IOException;
    }

    /** Names of Recur's temporary files: {@code .TARGET.recur-DIGITS.tmp}. */
    public static final Pattern TEMPORARY = Pattern.compile("^\\..*\\.recur-[0-9]+\\.tmp$");

    private static final Set<PosixFilePermission> DEFAULT = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFile::deletePending, "recur-temp-cleanup"));
    }

    private AtomicFile() {
    }

    /** A complete temporary file waiting to be moved over its target. */
    public static final class Staged implements AutoCloseable {
        private final Path target;
        private final Path temporary;
        private boolean moved;

        private Staged(Path target, Path temporary) {
            this.target = target;
            this.temporary = temporary;
        }

        /** The file this will become. */
        public Path target() {
            return target;
        }

        /** Moves the temporary file over the target. */
        public void commit() throws IOException {
            if (moved) {
                return;
            }
            try {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            PENDING.remove(temporary);
        }

        /** Deletes the temporary file unless it was committed. */
        @Override
        public void close() throws IOException {
            if (!moved) {
                try {
                    Files.deleteIfExists(temporary);
                } finally {
                    PENDING.remove(temporary);
                }
            }
        }
    }

    /** Writes {@code target} through {@code body}. */
    public static void write(Path target, Body body) throws IOException {
        try (Staged s = stage(target, body)) {
            s.commit();
        }
    }

    /**
     * Writes {@code body} into a temporary file beside {@code target} without touching the target; {@link
     * Staged#commit} moves it into place, {@link Staged#close} (or the JVM's shutdown) deletes it otherwise.
     */
    public static Staged stage(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        String name = abs.getFileName().toString();
        String prefix = "." + (name.length() > 100 ? name.substring(0, 100) : name) + ".recur-";
        Path tmp = Files.createTempFile(abs.getParent(), prefix, ".tmp");
        PENDING.add(tmp);
        Staged staged = new Staged(abs, tmp);
        boolean ok = false;
        try {
            try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                body.write(os);
            }
            PosixFileAttributeView view = Files.getFileAttributeView(tmp, PosixFileAttributeView.class);
            if (view != null) {
                view.setPermissions(Files.exists(abs) ? Files.getPosixFilePermissions(abs) : DEFAULT);
            }
            ok = true;
            return staged;
        } finally {
            if (!ok) {
                staged.close();
            }
        }
    }

    /**
     * Deletes Recur's temporary files ({@link #TEMPORARY}) in {@code folder} last modified more than {@code age}
     * ago: what a run killed before it could clean up (SIGKILL, a power cut) left behind.
     *
     * @return the files deleted
     */
    public static List<Path> removeStale(Path folder, Duration age) {
        List<Path> removed = new ArrayList<>();
        FileTime cutoff = FileTime.fromMillis(System.currentTimeMillis() - age.toMillis());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder,
                p -> TEMPORARY.matcher(p.getFileName().toString()).matches())) {
            for (Path p : files) {
                try {
                    if (Files.isRegularFile(p) && Files.getLastModifiedTime(p).compareTo(cutoff) < 0) {
                        Files.delete(p);
                        removed.add(p);
                    }
                } catch (IOException e) {
                    // another process's file, or gone already: leave it
                }
            }
        } catch (IOException | SecurityException e) {
            // an unreadable folder: nothing to clean
        }
        return removed;
    }

    private static void deletePending() {
        for (Path p : PENDING) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // best effort while the JVM shuts down
            }
        }
    }
}
