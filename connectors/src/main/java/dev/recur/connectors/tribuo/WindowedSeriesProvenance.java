package dev.recur.connectors.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.ObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DateTimeProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.HashProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.OutputFactory;
import org.tribuo.provenance.DataSourceProvenance;
import org.tribuo.provenance.OutputFactoryProvenance;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Provenance of a {@link WindowedSeriesDataSource}: where the series came from (a file name or a query),
 * the SHA-256 of the file or of the query and its parameters, the window and horizon, how many series, when
 * the source was created, and the output factory. Round-trips through OLCUT's provenance marshalling.
 */
public final class WindowedSeriesProvenance implements DataSourceProvenance {

    private static final long serialVersionUID = 1L;

    static final String SOURCE = "source";
    static final String WINDOW = "window";
    static final String HORIZON = "horizon";
    static final String SERIES = "series-count";

    private final StringProvenance source;
    private final HashProvenance hash;
    private final IntProvenance window;
    private final IntProvenance horizon;
    private final IntProvenance series;
    private final DateTimeProvenance created;
    private final OutputFactoryProvenance outputFactory;

    WindowedSeriesProvenance(String source, String sha256, int window, int horizon, int series, OutputFactory<?> factory) {
        this.source = new StringProvenance(SOURCE, source);
        this.hash = new HashProvenance(DEFAULT_HASH_TYPE, RESOURCE_HASH, sha256);
        this.window = new IntProvenance(WINDOW, window);
        this.horizon = new IntProvenance(HORIZON, horizon);
        this.series = new IntProvenance(SERIES, series);
        this.created = new DateTimeProvenance(DATASOURCE_CREATION_TIME, OffsetDateTime.now());
        this.outputFactory = factory.getProvenance();
    }

    /** Rebuilds the provenance from its marshalled form. */
    public WindowedSeriesProvenance(Map<String, Provenance> map) {
        String name = WindowedSeriesProvenance.class.getSimpleName();
        this.source = ObjectProvenance.checkAndExtractProvenance(map, SOURCE, StringProvenance.class, name);
        this.hash = ObjectProvenance.checkAndExtractProvenance(map, RESOURCE_HASH, HashProvenance.class, name);
        this.window = ObjectProvenance.checkAndExtractProvenance(map, WINDOW, IntProvenance.class, name);
        this.horizon = ObjectProvenance.checkAndExtractProvenance(map, HORIZON, IntProvenance.class, name);
        this.series = ObjectProvenance.checkAndExtractProvenance(map, SERIES, IntProvenance.class, name);
        this.created = ObjectProvenance.checkAndExtractProvenance(map, DATASOURCE_CREATION_TIME, DateTimeProvenance.class, name);
        this.outputFactory = ObjectProvenance.checkAndExtractProvenance(map, OUTPUT_FACTORY, OutputFactoryProvenance.class, name);
    }

    /** The file name or query the series came from. */
    public String source() {
        return source.getValue();
    }

    /** SHA-256 of the file, or of the query and its parameters. */
    public String hash() {
        return hash.getValue();
    }

    @Override
    public String getClassName() {
        return WindowedSeriesDataSource.class.getName();
    }

    @Override
    public Iterator<Pair<String, Provenance>> iterator() {
        List<Pair<String, Provenance>> list = new ArrayList<>();
        list.add(new Pair<>(CLASS_NAME, new StringProvenance(CLASS_NAME, getClassName())));
        list.add(new Pair<>(SOURCE, source));
        list.add(new Pair<>(RESOURCE_HASH, hash));
        list.add(new Pair<>(WINDOW, window));
        list.add(new Pair<>(HORIZON, horizon));
        list.add(new Pair<>(SERIES, series));
        list.add(new Pair<>(DATASOURCE_CREATION_TIME, created));
        list.add(new Pair<>(OUTPUT_FACTORY, outputFactory));
        return list.iterator();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof WindowedSeriesProvenance)) {
            return false;
        }
        WindowedSeriesProvenance p = (WindowedSeriesProvenance) o;
        return source.equals(p.source) && hash.equals(p.hash) && window.equals(p.window) && horizon.equals(p.horizon)
                && series.equals(p.series) && created.equals(p.created) && outputFactory.equals(p.outputFactory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, hash, window, horizon, series, created, outputFactory);
    }

    @Override
    public String toString() {
        return generateString("DataSource");
    }
}
