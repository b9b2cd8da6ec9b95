package dev.recur.engine.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Atomic writes, staged outputs, and temporary files cleaned on SIGTERM and when stale. */
class AtomicFileTest {

    static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    /** Stages a file and waits to be killed: run in a child JVM by {@link #sigtermRemovesStagedTemporaryFiles}. */
    public static void main(String[] args) throws Exception {
        AtomicFile.Staged s = AtomicFile.stage(Path.of(args[0]), os -> os.write(new byte[1 << 20]));
        System.out.println("staged " + s.target());
        System.out.flush();
        Thread.sleep(60_000);
    }

    @Test
    void sigtermRemovesStagedTemporaryFiles(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("big.csv");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AtomicFileTest.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        String line = new String(p.getInputStream().readNBytes(("staged " + target + "\n").length()));
        assertTrue(line.startsWith("staged"), line);
        List<Path> during = files(dir);
        assertEquals(1, during.size(), during.toString());
        assertTrue(AtomicFile.TEMPORARY.matcher(during.get(0).getFileName().toString()).matches(), during.toString());
        p.destroy();  // SIGTERM
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of(), files(dir), "the temporary file is gone and the target was never written");
    }

    @Test
    void stagedFilesAppearOnlyOnCommit(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.txt");
        try (AtomicFile.Staged s = AtomicFile.stage(a, os -> os.write('x'))) {
            assertFalse(Files.exists(a));
            s.commit();
        }
        assertEquals("x", Files.readString(a));
        try (AtomicFile.Staged s = AtomicFile.stage(a, os -> os.write('y'))) {
            assertEquals("x", Files.readString(a), "not committed yet");
        }
        assertEquals("x", Files.readString(a), "closed without commit: the old file stays");
        assertEquals(List.of(a), files(dir));
    }

    @Test
    void aFailingBodyLeavesNothing(@TempDir Path dir) throws IOException {
        Path a = dir.resolve("a.txt");
        try {
            AtomicFile.write(a, os -> {
                os.write(new byte[1000]);
                throw new IOException("disk full");
            });
        } catch (IOException e) {
            assertEquals("disk full", e.getMessage());
        }
        assertEquals(List.of(), files(dir));
    }

    @Test
    void onlyOurOwnStaleTemporaryFilesAreRemoved(@TempDir Path dir) throws IOException {
        FileTime old = FileTime.fromMillis(System.currentTimeMillis() - Duration.ofDays(2).toMillis());
        Path ours = Files.setLastModifiedTime(Files.writeString(dir.resolve(".f.csv.recur-42.tmp"), "x"), old);
        Path fresh = Files.writeString(dir.resolve(".g.csv.recur-43.tmp"), "x");
        Path theirs = Files.setLastModifiedTime(Files.writeString(dir.resolve(".f.csv.42.tmp"), "x"), old);
        Path data = Files.setLastModifiedTime(Files.writeString(dir.resolve("f.csv"), "x"), old);
        assertEquals(List.of(ours), AtomicFile.removeStale(dir, Duration.ofDays(1)));
        assertEquals(List.of(theirs, fresh, data), files(dir));
    }

    @Test
    void shortenedValuesStayOnOneShortLine() {
        assertEquals("'a\\nb\\u001b[0m'", Shorten.quoted("a\nb\u001b[0m"));
        String v = Shorten.value("x".repeat(5_000_000));
        assertEquals(Shorten.MAX, v.length());
        assertTrue(v.endsWith("…"));
        assertEquals("abc", Shorten.value("abc"));
        assertEquals("x".repeat(80), Shorten.value("x".repeat(80)), "exactly the limit is kept whole");
        assertEquals("[a, b]", Shorten.list(List.of("a", "b")));
        assertTrue(Shorten.list(java.util.Collections.nCopies(25_000, "col")).endsWith("... (25000 in all)]"));
        assertEquals("\\u0000", Shorten.value("\0"));
    }
}
