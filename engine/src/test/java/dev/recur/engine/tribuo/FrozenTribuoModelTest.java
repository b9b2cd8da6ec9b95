package dev.recur.engine.tribuo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Tribuo model file written by an earlier Recur (format version 0, before checksums) still loads, through
 * Recur's loader and Tribuo's own, and predicts what it predicted when it was saved. The file and its
 * predictions are frozen under {@code src/test/resources/frozen-models}; {@link #freeze} rewrote them
 * (run it only to add a new frozen format, never to make this test pass).
 */
class FrozenTribuoModelTest {

    static final String MODEL = "tribuo-regression-v0.tribuo";
    static final String PREDICTIONS = "tribuo-regression-v0-predictions.csv";

    static MutableDataset<Regressor> testData() {
        double[] y = TribuoTestData.seasonal(400, 7);
        return TribuoTestData.dataset(TribuoTestData.windows(y, RecurrentRegressionTrainerTest.WINDOW,
                RecurrentRegressionTrainerTest.HORIZON, 340, 400), "test");
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(FrozenTribuoModelTest.class.getResource("/frozen-models/" + name).toURI());
    }

    @Test
    void aModelSavedByAnEarlierVersionLoadsAndPredictsAsSaved() throws Exception {
        List<String> lines = Files.readAllLines(resource(PREDICTIONS));
        MutableDataset<Regressor> test = testData();
        RecurrentRegressionModel ours = RecurrentModelFiles.loadRegressionModel(resource(MODEL));
        @SuppressWarnings("unchecked")
        Model<Regressor> tribuos = (Model<Regressor>) Model.deserializeFromFile(resource(MODEL));
        List<Prediction<Regressor>> a = ours.predict(test);
        List<Prediction<Regressor>> b = tribuos.predict(test);
        assertEquals(lines.size(), a.size());
        // the predictions were saved with the vector kernels, which give them exactly; the plain-Java fallback (the
        // scalar-fallback test run, or a JVM without the vector module) agrees to float32 rounding
        boolean vector = !dev.recur.engine.kernel.Kernels.get().name().equals("scalar");
        for (int i = 0; i < a.size(); i++) {
            double[] saved = java.util.Arrays.stream(lines.get(i).split(",")).mapToDouble(Double::parseDouble).toArray();
            double delta = vector ? 0.0 : 1e-6 * java.util.Arrays.stream(saved).map(Math::abs).max().orElse(1);
            assertArrayEquals(saved, a.get(i).getOutput().getValues(), delta, "example " + i);
            assertArrayEquals(saved, b.get(i).getOutput().getValues(), delta, "example " + i);
        }
    }

    @Test
    void aSavedModelCarriesAChecksumAndDamageIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        RecurrentRegressionModel m = RecurrentModelFiles.loadRegressionModel(resource(MODEL));
        Path file = dir.resolve("m.tribuo");
        RecurrentModelFiles.save(m, file);
        RecurrentModelFiles.loadRegressionModel(file);
        byte[] b = Files.readAllBytes(file);
        // a bit of the last weights, just before the scalings and the checksum
        b[b.length - 200] ^= 4;
        Files.write(file, b);
        ModelFileException e = org.junit.jupiter.api.Assertions.assertThrows(ModelFileException.class,
                () -> RecurrentModelFiles.loadRegressionModel(file));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("checksum mismatch")
                || e.getMessage().contains("corrupt"), e.getMessage());
    }

    /** Mutated model files (seeded) are loaded or refused with a {@link ModelFileException}; nothing else escapes. */
    @Test
    void mutatedFilesAreReadOrRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        byte[] seed = Files.readAllBytes(resource(MODEL));
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        Path file = dir.resolve("fuzz.tribuo");
        long deadline = System.nanoTime() + 15_000_000_000L;
        int i = 0;
        for (; i < 1500 && System.nanoTime() < deadline; i++) {
            Files.write(file, dev.recur.engine.Fuzz.mutate(seed, rng));
            try {
                RecurrentModelFiles.loadRegressionModel(file).predict(testData());
            } catch (ModelFileException e) {
                org.junit.jupiter.api.Assertions.assertFalse(e.getMessage().contains("\n"), e.getMessage());
            } catch (Throwable t) {
                org.junit.jupiter.api.Assertions.fail("iteration " + i + ": " + t, t);
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(i >= 100, i + " iterations");
    }

    @Test
    @EnabledIfSystemProperty(named = "recur.freeze", matches = ".+")
    void freeze() throws IOException {
        Path dir = Path.of(System.getProperty("recur.freeze"));
        RecurrentRegressionModel model = RecurrentRegressionTrainer.builder().cell(AbstractRecurrentTrainer.Cell.GRU)
                .hiddenSize(8).epochs(3).batchSize(32).learningRate(1e-2f).seed(3).build()
                .train(TribuoTestData.dataset(TribuoTestData.windows(TribuoTestData.seasonal(400, 7),
                        RecurrentRegressionTrainerTest.WINDOW, RecurrentRegressionTrainerTest.HORIZON, 0, 340), "train"));
        RecurrentModelFiles.save(model, dir.resolve(MODEL));
        List<String> out = new ArrayList<>();
        for (Prediction<Regressor> p : model.predict(testData())) {
            StringBuilder b = new StringBuilder();
            for (double v : p.getOutput().getValues()) {
                b.append(b.length() > 0 ? "," : "").append(String.format(Locale.ROOT, "%s", v));
            }
            out.add(b.toString());
        }
        Files.write(dir.resolve(PREDICTIONS), out);
    }
}
