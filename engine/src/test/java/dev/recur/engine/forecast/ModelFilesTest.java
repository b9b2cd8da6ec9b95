package dev.recur.engine.forecast;

import dev.recur.engine.io.Checksums;
import dev.recur.engine.codec.protos.ForecasterModelProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Forecaster model files: files frozen from earlier versions still load and forecast what they forecast when
 * they were saved; new files carry a checksum; and no damaged or mutated file gets past the loader with
 * anything but its one-line {@link IOException}.
 */
class ModelFilesTest {

    static Path frozen(String name) throws URISyntaxException {
        return Path.of(ModelFilesTest.class.getResource("/frozen-models/" + name).toURI());
    }

    /** Air passengers as monthly series, read from the test resources without the CSV module. */
    static TimeSeries air() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(ModelFilesTest.class.getResource("/air-passengers.csv").toURI()));
        double[] y = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            y[i - 1] = Double.parseDouble(lines.get(i).split(",")[1]);
        }
        LocalDate start = LocalDate.parse(lines.get(1).split(",")[0]);
        return TimeSeries.ofTimes("air-passengers", y, start.atStartOfDay(), Frequency.MONTHLY);
    }

    /**
     * The two frozen files (format 1: a GRU ensemble with conformal intervals; format 2: an LSTM with quantile
     * intervals and calendar features), written by {@code recur train} before checksums existed, and what
     * {@code recur predict} printed from them then (8 significant digits).
     */
    @ParameterizedTest
    @ValueSource(strings = {"air-gru-format1", "air-lstm-quantile-format2"})
    void frozenFilesLoadAndForecastAsWhenSaved(String name) throws Exception {
        ForecasterFiles.Loaded m = ForecasterFiles.load(frozen(name + ".recur"));
        assertFalse(ForecasterModelProto.parseFrom(Files.readAllBytes(frozen(name + ".recur"))).hasChecksum());
        Forecast f = m.fitted().forecast(List.of(air())).get(0);
        List<String> saved = Files.readAllLines(frozen(name + "-predict.csv"));
        String[] header = saved.get(0).split(",");
        assertEquals(m.fitted().horizon(), saved.size() - 1);
        for (int h = 0; h < m.fitted().horizon(); h++) {
            String[] row = saved.get(h + 1).split(",");
            assertEquals(Double.parseDouble(row[1]), f.point()[h], 1e-7 * Math.abs(f.point()[h]), "step " + h);
            for (int c = 2; c < header.length - 1; c++) {
                int level = Integer.parseInt(header[c].substring(6));
                double[] bound = f.intervals().get(level)[header[c].startsWith("lower") ? 0 : 1];
                assertEquals(Double.parseDouble(row[c]), bound[h], 1e-7 * Math.abs(bound[h]), header[c] + " step " + h);
            }
        }
    }

    @Test
    void newFilesCarryAChecksumThatCatchesAFlippedBit(@TempDir Path dir) throws Exception {
        ForecasterFiles.Loaded m = ForecasterFiles.load(frozen("air-gru-format1.recur"));
        Path file = dir.resolve("m.recur");
        ForecasterFiles.save(m.fitted(), m.metadata(), file);
        byte[] b = Files.readAllBytes(file);
        assertTrue(ForecasterModelProto.parseFrom(b).hasChecksum());
        ForecasterFiles.load(file);
        b[b.length / 2] ^= 1;
        Files.write(file, b);
        IOException e = assertThrows(IOException.class, () -> ForecasterFiles.load(file));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void bytesAppendedAfterTheChecksumAreDetected(@TempDir Path dir) throws Exception {
        ForecasterFiles.Loaded m = ForecasterFiles.load(frozen("air-gru-format1.recur"));
        byte[] b = ForecasterFiles.bytes(m.fitted(), m.metadata());
        byte[] longer = java.util.Arrays.copyOf(b, b.length + 5);
        longer[b.length] = 0x30;  // field 6 (log), varint
        longer[b.length + 1] = 1;
        longer[b.length + 2] = 0x38;  // field 7 (residual), varint
        longer[b.length + 3] = 1;
        longer[b.length + 4] = 0;
        Path file = Files.write(dir.resolve("m.recur"), java.util.Arrays.copyOf(longer, b.length + 4));
        IOException e = assertThrows(IOException.class, () -> ForecasterFiles.load(file));
        assertTrue(e.getMessage().contains("checksum is not at the end"), e.getMessage());
    }

    /**
     * A seeded fuzz test: thousands of mutations of valid model files (bit flips, byte changes, insertions,
     * deletions, truncations, varints set to extreme values, with and without a fresh checksum) are either read
     * or refused with an {@link IOException}; nothing else escapes, nothing runs out of memory, nothing hangs.
     */
    @Test
    void mutatedFilesAreReadOrRefusedWithOneIOException(@TempDir Path dir) throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (String name : new String[]{"air-gru-format1.recur", "air-lstm-quantile-format2.recur"}) {
            byte[] b = Files.readAllBytes(frozen(name));
            seeds.add(b);
            seeds.add(Checksums.seal(b));
        }
        SplittableRandom rng = new SplittableRandom(17);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        int iterations = 0;
        int refused = 0;
        for (; iterations < 3000 && System.nanoTime() < deadline; iterations++) {
            byte[] seed = seeds.get(rng.nextInt(seeds.size()));
            byte[] b = Fuzz.mutate(seed, rng);
            if (rng.nextBoolean()) {
                b = Checksums.seal(b);  // a crafted file gets past the checksum: the bounds must hold on their own
            }
            Path file = dir.resolve("fuzz.recur");
            Files.write(file, b);
            try {
                ForecasterFiles.Loaded m = ForecasterFiles.load(file);
                m.fitted().forecast(List.of(air()));
            } catch (IOException e) {
                refused++;
                assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            } catch (IllegalArgumentException e) {
                // a loaded model that refuses the data (too short, not positive for log): the forecasting contract
            } catch (Throwable t) {
                fail("iteration " + iterations + ": " + t, t);
            }
        }
        assertTrue(iterations >= 200, "ran " + iterations + " iterations");
        assertTrue(refused > iterations / 4, refused + " of " + iterations + " refused");
    }
}
