package dev.recur.site;

import dev.recur.plugin.report.Chromium;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The website as built: every page and gallery report exists, every internal link and anchor resolves, the
 * examples and the generated command-line reference are in the pages, and every page renders in headless
 * Chromium without a console message.
 */
class SiteTest {

    static final Path OUT = Path.of("target", "site-test");
    static List<Path> pages;

    @BeforeAll
    static void build() throws IOException {
        pages = new SiteBuilder(Path.of("."), OUT, true).build();
    }

    static List<Path> htmlFiles() throws IOException {
        try (Stream<Path> s = Files.walk(OUT)) {
            return s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }

    @Test
    void everyPageAndReportIsBuilt() {
        List<String> names = pages.stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(List.of("index.html", "getting-started.html", "cli.html", "forecasting.html", "connectors.html",
                "tribuo.html", "onnx.html", "engine.html", "accuracy.html", "performance.html", "spark.html", "gallery.html"), names);
        for (SiteBuilder.GalleryItem g : SiteBuilder.GALLERY) {
            assertTrue(Files.exists(OUT.resolve("gallery").resolve(g.file())), g.file());
        }
    }

    static final Pattern LINK = Pattern.compile("(?:href|src)=\"([^\"]*)\"");
    static final Pattern ID = Pattern.compile("id=\"([^\"]+)\"");

    @Test
    void everyInternalLinkAndAnchorResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            String html = Files.readString(page, StandardCharsets.UTF_8);
            Matcher m = LINK.matcher(html);
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:")) {
                    continue;
                }
                checked++;
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.isRegularFile(resolved)) {
                    broken.add(page.getFileName() + " -> " + target + " (no file)");
                    continue;
                }
                if (anchor != null && !ids(resolved).contains(anchor)) {
                    broken.add(page.getFileName() + " -> " + target + " (no anchor)");
                }
            }
        }
        assertTrue(checked > 100, "links checked: " + checked);
        assertTrue(broken.isEmpty(), "broken links: " + broken);
    }

    static Set<String> ids(Path file) throws IOException {
        Set<String> ids = new HashSet<>();
        Matcher m = ID.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void pagesHoldTheTestedExamplesAndTheGeneratedReference() throws IOException {
        String tribuo = Files.readString(OUT.resolve("tribuo.html"));
        assertTrue(tribuo.contains("RollingOriginSplitter.Split&lt;Regressor&gt; split"), "pipeline example");
        assertFalse(tribuo.contains("{{example"), "every directive expanded");
        String cli = Files.readString(OUT.resolve("cli.html"));
        for (String sub : new String[]{"forecast", "evaluate", "backtest", "train", "predict", "export-onnx", "report",
                "bench-train", "bench-infer"}) {
            assertTrue(cli.contains("Usage: recur " + sub), sub);
        }
        assertTrue(cli.contains("--export-onnx=FILE.onnx"), "options come from the picocli definitions");
    }

    @Test
    void noPageLoadsAnythingFromTheNetwork() throws IOException {
        for (Path page : htmlFiles()) {
            if (page.toString().contains("apidocs")) {
                continue;
            }
            String html = Files.readString(page, StandardCharsets.UTF_8);
            assertFalse(html.matches("(?s).*src=\"(https?:)?//.*"), page + " loads a remote resource");
            assertFalse(html.contains("<link rel=\"stylesheet\" href=\"http"), page + " loads a remote stylesheet");
        }
    }

    @Test
    void everyPageRendersInChromiumWithoutConsoleMessages() throws Exception {
        Path work = Files.createDirectories(Path.of("target", "chromium"));
        List<Path> all = new ArrayList<>(pages);
        for (SiteBuilder.GalleryItem g : SiteBuilder.GALLERY) {
            all.add(OUT.resolve("gallery").resolve(g.file()));
        }
        for (Path page : all) {
            Chromium.Page p = Chromium.load(page, work);
            assertTrue(p.console().isEmpty(), page + ": " + p.console());
            assertTrue(p.dom().contains("<main>"), page + " rendered its content");
        }
        Path shot = work.resolve("index.png");
        Chromium.screenshot(OUT.resolve("index.html"), work, shot, 1200, 1400);
        assertTrue(Files.size(shot) > 10_000);
    }
}
