package dev.recur.plugin.report;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Headless Chromium for the browser tests: found on the PATH (chromium, chromium-browser, google-chrome) or
 * through {@code RECUR_CHROMIUM}. Without it the tests are skipped, except when the environment variable
 * {@code CI} is {@code true}: then a missing browser fails them.
 */
public final class Chromium {

    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-extensions", "--hide-scrollbars",
            "--enable-logging=stderr", "--v=0");

    /**
     * What a page load produced.
     *
     * @param dom      the serialised DOM after scripts ran
     * @param console  console lines (messages, errors, uncaught exceptions)
     * @param seconds  wall time of the browser run
     */
    public record Page(String dom, List<String> console, double seconds) {
    }

    private Chromium() {
    }

    static String binary() {
        String env = System.getenv("RECUR_CHROMIUM");
        List<String> candidates = new ArrayList<>();
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            for (String name : new String[]{"chromium", "chromium-browser", "google-chrome"}) {
                candidates.add(Path.of(dir, name).toString());
            }
        }
        for (String c : candidates) {
            if (Files.isExecutable(Path.of(c))) {
                return c;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true but no Chromium was found (install Debian's chromium or set RECUR_CHROMIUM)");
        }
        Assumptions.abort("no Chromium on this machine (chromium, chromium-browser, google-chrome, RECUR_CHROMIUM)");
        return null;
    }

    /** Loads a file and returns its DOM after scripts and the console output. */
    public static Page load(Path html, Path work) throws IOException, InterruptedException {
        return run(html, work, "--dump-dom");
    }

    /** Loads a file and saves a screenshot. */
    public static Page screenshot(Path html, Path work, Path png, int width, int height) throws IOException, InterruptedException {
        return run(html, work, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height);
    }

    private static Page run(Path html, Path work, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(binary());
        cmd.addAll(FLAGS);
        cmd.add("--user-data-dir=" + work.resolve("profile").toAbsolutePath());
        cmd.addAll(List.of(extra));
        cmd.add(html.toAbsolutePath().toUri().toString());
        Path out = work.resolve("stdout.txt");
        Path err = work.resolve("stderr.txt");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("Chromium did not finish within 120 s");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> console = new ArrayList<>();
        for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
            if (line.contains(":CONSOLE")) {
                console.add(line);
            }
        }
        return new Page(Files.readString(out, StandardCharsets.UTF_8), console, seconds);
    }
}
