package dev.recur.connectors.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import dev.recur.connectors.csv.CsvOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.baseline.DummyRegressionTrainer;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Windowed Tribuo examples from a CSV file, their provenance, and a Tribuo trainer and evaluator on them. */
class WindowedSeriesDataSourceTest {

    @TempDir
    Path dir;

    @Test
    void windowsAFileIntoTribuoExamplesWithProvenance() throws Exception {
        StringBuilder csv = new StringBuilder("unique_id,ds,y\n");
        for (String id : new String[]{"a", "b"}) {
            for (int t = 1; t <= 10; t++) {
                csv.append(id).append(',').append(t).append(',').append(id.equals("a") ? t : 100 + t).append('\n');
            }
        }
        Path file = Files.writeString(dir.resolve("two.csv"), csv);
        WindowedSeriesDataSource src = WindowedSeriesDataSource.fromCsv(file, CsvOptions.defaults(), 3, 2, 1);
        assertEquals(2 * (10 - 3 - 2 + 1), src.size());
        Iterator<Example<Regressor>> it = src.iterator();
        Example<Regressor> first = it.next();
        double[] x = new double[3];
        String[] names = new String[3];
        int k = 0;
        for (Feature f : first) {
            names[k] = f.getName();
            x[k++] = f.getValue();
        }
        assertArrayEquals(new String[]{"y@t-0", "y@t-1", "y@t-2"}, names);
        assertArrayEquals(new double[]{3, 2, 1}, x, "lag 0 is the latest value");
        assertArrayEquals(new String[]{"y@t+1", "y@t+2"}, first.getOutput().getNames());
        assertArrayEquals(new double[]{4, 5}, first.getOutput().getValues());
        assertEquals("a", first.getMetadataValue("series").orElseThrow());

        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        WindowedSeriesProvenance p = (WindowedSeriesProvenance) src.getProvenance();
        assertEquals("two.csv", p.source());
        assertEquals(sha, p.hash().toLowerCase(java.util.Locale.ROOT));
        ObjectProvenance back = ProvenanceUtil.unmarshalProvenance(ProvenanceUtil.marshalProvenance(p));
        assertEquals(p, back, "provenance survives marshalling");

        MutableDataset<Regressor> data = new MutableDataset<>(src);
        assertEquals(src.size(), data.size());
        Model<Regressor> model = DummyRegressionTrainer.createMeanTrainer().train(data);
        RegressionEvaluation eval = new RegressionEvaluator().evaluate(model, data);
        assertTrue(Double.isFinite(eval.averageRMSE()));
        assertTrue(model.getProvenance().getDatasetProvenance().getSourceProvenance().toString().contains("two.csv"));
    }
}
