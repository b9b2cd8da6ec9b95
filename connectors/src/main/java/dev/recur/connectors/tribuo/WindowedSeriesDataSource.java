package dev.recur.connectors.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import dev.recur.connectors.DataException;
import dev.recur.connectors.csv.CsvOptions;
import dev.recur.connectors.csv.CsvSeriesReader;
import dev.recur.connectors.jdbc.JdbcSeriesReader;
import dev.recur.engine.series.TimeSeries;
import org.tribuo.DataSource;
import org.tribuo.Example;
import org.tribuo.OutputFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.DataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A Tribuo {@link DataSource} of windowed examples cut from time series, so that any Tribuo regressor can
 * train on them. Each example is one origin of one series. Its features are the {@code window} most recent
 * values, named {@code y@t-0} (the latest) to {@code y@t-<window-1>}. Its output is a {@link Regressor}
 * with the next {@code horizon} values, named {@code y@t+1} to {@code y@t+<horizon>}. Origins are taken every
 * {@code stride} steps from the end of each series backwards, then listed in time order.
 *
 * <p>The provenance names the file and its SHA-256, or the query and the SHA-256 of the query and its
 * parameters, and counts the series used. A series the reader leaves out because it cannot be read (see
 * {@link CsvOptions#strict()} and {@link JdbcSeriesReader#withStrict}) is logged as a warning.
 */
public final class WindowedSeriesDataSource implements DataSource<Regressor> {

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(WindowedSeriesDataSource.class.getName());

    private final List<Example<Regressor>> examples;
    private final WindowedSeriesProvenance provenance;
    private final RegressionFactory factory = new RegressionFactory();

    private WindowedSeriesDataSource(List<TimeSeries> series, int window, int horizon, int stride, String source,
                                     String sha256) {
        if (window < 1 || horizon < 1 || stride < 1) {
            throw new IllegalArgumentException("window, horizon and stride must be positive; got " + window + ", "
                    + horizon + ", " + stride);
        }
        String[] featureNames = new String[window];
        for (int lag = 0; lag < window; lag++) {
            featureNames[lag] = "y@t-" + lag;
        }
        String[] outputNames = new String[horizon];
        for (int h = 0; h < horizon; h++) {
            outputNames[h] = "y@t+" + (h + 1);
        }
        List<Example<Regressor>> list = new ArrayList<>();
        for (TimeSeries s : series) {
            double[] y = s.values();
            List<Integer> origins = new ArrayList<>();
            for (int t = y.length - horizon; t >= window; t -= stride) {
                origins.add(0, t);
            }
            for (int t : origins) {
                double[] out = new double[horizon];
                System.arraycopy(y, t, out, 0, horizon);
                double[] x = new double[window];
                for (int lag = 0; lag < window; lag++) {
                    x[lag] = y[t - 1 - lag];
                }
                ArrayExample<Regressor> ex = new ArrayExample<>(new Regressor(outputNames, out), featureNames, x);
                ex.setMetadataValue("series", s.id());
                ex.setMetadataValue("origin", Integer.toString(t));
                list.add(ex);
            }
        }
        if (list.isEmpty()) {
            throw new DataException(source + ": no series is long enough for window " + window + " and horizon " + horizon);
        }
        this.examples = List.copyOf(list);
        this.provenance = new WindowedSeriesProvenance(source, sha256, window, horizon, series.size(), factory);
    }

    /** Windows of the series of a CSV file (read with {@code options}); the provenance hashes the file. */
    public static WindowedSeriesDataSource fromCsv(Path file, CsvOptions options, int window, int horizon, int stride) {
        List<TimeSeries> series = readable(new CsvSeriesReader(options).read(file));
        String sha = ProvenanceUtil.hashResource(ProvenanceUtil.HashType.SHA256, file);
        return new WindowedSeriesDataSource(series, window, horizon, stride, file.getFileName().toString(), sha);
    }

    /** Windows of the series a query returns; the provenance hashes the query text and its parameters. */
    public static WindowedSeriesDataSource fromQuery(JdbcSeriesReader reader, String sql, List<?> params,
                                                     String idColumn, String timeColumn, String valueColumn,
                                                     int window, int horizon, int stride) {
        List<TimeSeries> series = readable(reader.readQuery(sql, params, idColumn, timeColumn, valueColumn));
        List<String> parts = new ArrayList<>();
        parts.add(sql);
        for (Object p : params) {
            parts.add(String.valueOf(p));
        }
        String sha = ProvenanceUtil.hashList(ProvenanceUtil.HashType.SHA256, parts);
        return new WindowedSeriesDataSource(series, window, horizon, stride, "query: " + sql, sha);
    }

    /** The series read, after logging those left out. */
    private static List<TimeSeries> readable(dev.recur.connectors.series.SeriesData data) {
        for (dev.recur.connectors.series.SeriesData.Skipped s : data.skipped()) {
            LOG.warning(() -> "left out series " + s.id() + ": " + s.reason());
        }
        return data.series();
    }

    /** Windows of series already in memory, described by {@code source}. */
    public static WindowedSeriesDataSource fromSeries(List<TimeSeries> series, String source, int window, int horizon,
                                                      int stride) {
        List<String> parts = new ArrayList<>();
        for (TimeSeries s : series) {
            parts.add(s.id() + ":" + java.util.Arrays.toString(s.values()));
        }
        return new WindowedSeriesDataSource(series, window, horizon, stride, source,
                ProvenanceUtil.hashList(ProvenanceUtil.HashType.SHA256, parts));
    }

    /** Number of examples. */
    public int size() {
        return examples.size();
    }

    @Override
    public OutputFactory<Regressor> getOutputFactory() {
        return factory;
    }

    @Override
    public DataSourceProvenance getProvenance() {
        return provenance;
    }

    @Override
    public Iterator<Example<Regressor>> iterator() {
        return examples.iterator();
    }

    @Override
    public String toString() {
        return "WindowedSeriesDataSource(" + provenance.source() + ", " + examples.size() + " examples)";
    }
}
