package dev.recur.engine.neural;

import dev.recur.engine.Fuzz;
import dev.recur.engine.codec.protos.ForecasterModelProto;
import dev.recur.engine.io.Checksums;
import dev.recur.engine.series.Forecast;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;
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

    /**
     * A file trained on a source of several frequencies holds a network per frequency: each loads and forecasts as it
     * does alone; the file is format 3 (so that older readers refuse it with their one line), a file of one network
     * keeps its old format, and two networks for one frequency, or one of another frequency without its frequency,
     * are refused.
     */
    @Test
    void aFileOfSeveralFrequenciesHoldsANetworkPerFrequency(@TempDir Path dir) throws Exception {
        ForecasterFiles.Loaded gru = ForecasterFiles.load(frozen("air-gru-format1.recur"));
        ForecasterFiles.Loaded lstm = ForecasterFiles.load(frozen("air-lstm-quantile-format2.recur"));
        java.util.Map<String, String> monthly = new java.util.LinkedHashMap<>(gru.metadata());
        monthly.put(ForecasterFiles.FREQUENCY, "monthly");
        java.util.Map<String, String> quarterly = new java.util.LinkedHashMap<>(lstm.metadata());
        quarterly.put(ForecasterFiles.FREQUENCY, "quarterly");
        byte[] bytes = ForecasterFiles.bytes(gru.fitted(), monthly,
                List.of(new ForecasterFiles.Part(lstm.fitted(), quarterly)));
        assertEquals(3, ForecasterModelProto.parseFrom(bytes).getFormatVersion());
        assertEquals(1, ForecasterModelProto.parseFrom(ForecasterFiles.bytes(gru.fitted(), monthly)).getFormatVersion());
        Path file = dir.resolve("both.recur");
        Files.write(file, bytes);
        ForecasterFiles.Loaded both = ForecasterFiles.load(file);
        assertEquals("monthly", both.frequency());
        assertEquals(1, both.others().size());
        assertEquals(null, both.other("weekly"));
        ForecasterFiles.Loaded q = both.other("quarterly");
        assertEquals(quarterly, q.metadata());
        for (ForecasterFiles.Loaded[] pair : new ForecasterFiles.Loaded[][]{{gru, both}, {lstm, q}}) {
            Forecast alone = pair[0].fitted().forecast(List.of(air())).get(0);
            Forecast held = pair[1].fitted().forecast(List.of(air())).get(0);
            assertTrue(java.util.Arrays.equals(alone.point(), held.point()));
            for (int level : pair[0].fitted().levels()) {
                assertTrue(java.util.Arrays.deepEquals(alone.intervals().get(level), held.intervals().get(level)));
            }
        }
        // the same networks with another first: the quarterly network, then the monthly one
        ForecasterFiles.Loaded swapped = ForecasterFiles.load(ForecasterFiles.withFirst(both, "quarterly"), "swapped");
        assertEquals(quarterly, swapped.metadata());
        assertEquals(monthly, swapped.other("monthly").metadata());
        assertTrue(java.util.Arrays.equals(lstm.fitted().forecast(List.of(air())).get(0).point(),
                swapped.fitted().forecast(List.of(air())).get(0).point()));
        assertEquals(null, ForecasterFiles.withFirst(both, "weekly"));

        assertThrows(IllegalArgumentException.class, () -> ForecasterFiles.bytes(gru.fitted(), monthly,
                List.of(new ForecasterFiles.Part(lstm.fitted(), monthly))));
        assertThrows(IllegalArgumentException.class, () -> new ForecasterFiles.Part(lstm.fitted(), java.util.Map.of("model", "lstm")));
        ForecasterModelProto p = ForecasterModelProto.parseFrom(bytes);
        ForecasterModelProto.Builder nameless = p.toBuilder().clearChecksum();
        nameless.setOthers(0, p.getOthers(0).toBuilder().removeMetadata(ForecasterFiles.FREQUENCY));
        Path bad = dir.resolve("nameless.recur");
        Files.write(bad, Checksums.seal(nameless.build().toByteArray()));
        IOException e = assertThrows(IOException.class, () -> ForecasterFiles.load(bad));
        assertTrue(e.getMessage().startsWith(bad + ": corrupt model (a model of another frequency without its "
                + "frequency"), e.getMessage());
        ForecasterModelProto.Builder twice = p.toBuilder().clearChecksum().addOthers(p.getOthers(0));
        Files.write(bad, Checksums.seal(twice.build().toByteArray()));
        e = assertThrows(IOException.class, () -> ForecasterFiles.load(bad));
        assertTrue(e.getMessage().contains("two models for quarterly data"), e.getMessage());
    }
}
