package dev.recur.connectors.jdbc;

import dev.recur.connectors.DataException;
import dev.recur.connectors.MissingPolicy;
import dev.recur.connectors.series.Aggregation;
import dev.recur.connectors.series.SeriesAssembler;
import dev.recur.connectors.series.SeriesData;
import dev.recur.connectors.series.TimeFormat;
import dev.recur.engine.io.Shorten;
import dev.recur.engine.series.Frequency;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads time series from a database over JDBC, streamed with a fetch size: by a SQL query with bound
 * parameters, or by table and column names. Names are validated and resolved through the database's
 * metadata, then quoted, and never concatenated from user text.
 *
 * <p>Time columns may be TIMESTAMP, TIMESTAMP WITH TIME ZONE (converted to UTC), DATE, or an integer
 * (steps). Value columns may be any numeric type, and a NULL is a missing value, except in the rows after a
 * series' last value that give its known-future covariates ({@link #withFutureCovariates}). Every problem is a
 * {@link DataException} naming the query or table and the column. A series' id may be one column or several
 * ({@code store,item}), whose values together name it as the CSV reader joins them ({@link SeriesData#ID_JOIN}); the
 * value column one or several ({@code debt,income}), each then a series of every id ({@code Australia / DEBT}, the id
 * column {@code COUNTRY/measure}), as the CSV reader reads a long file of several measures.
 */
public final class JdbcSeriesReader {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final int FETCH_SIZE = 10_000;

    private final JdbcSource source;
    private final MissingPolicy missing;
    private final Frequency frequency;
    private final List<String> covariates;
    private final List<String> futureCovariates;
    private final boolean strict;
    private final boolean ownFrequencies;
    private final Aggregation aggregation;
    private final int season;

    /**
     * Creates a reader.
     *
     * @param frequency the frequency, or null to infer it
     */
    public JdbcSeriesReader(JdbcSource source, MissingPolicy missing, Frequency frequency) {
        this(source, missing, frequency, List.of(), List.of(), false, false, null, 0);
    }

    private JdbcSeriesReader(JdbcSource source, MissingPolicy missing, Frequency frequency, List<String> covariates,
                             List<String> futureCovariates, boolean strict, boolean ownFrequencies,
                             Aggregation aggregation, int season) {
        this.source = source;
        this.missing = missing;
        this.frequency = frequency;
        this.covariates = covariates;
        this.futureCovariates = futureCovariates;
        this.strict = strict;
        this.ownFrequencies = ownFrequencies;
        this.aggregation = aggregation;
        this.season = season;
    }

    /**
     * A reader whose series at the data's frequency have season {@code m} (a command's {@code --season}) when their
     * gaps are filled with their season's pattern; 0 (the default) for the frequency's usual one. See
     * {@link SeriesAssembler#season}.
     */
    public JdbcSeriesReader withSeason(int m) {
        return new JdbcSeriesReader(source, missing, frequency, covariates, futureCovariates, strict, ownFrequencies,
                aggregation, SeriesAssembler.checkedSeason(m));
    }

    /**
     * A reader that makes the rows of a series in one period (of the frequency given, else at one time) one value,
     * {@code how} (null: one row per time); see {@link SeriesAssembler#aggregate}.
     */
    public JdbcSeriesReader withAggregation(Aggregation how) {
        return new JdbcSeriesReader(source, missing, frequency, covariates, futureCovariates, strict, ownFrequencies, how, season);
    }

    /**
     * A reader that reads a series regular at another frequency than the data's (quarterly series among monthly
     * ones) at its own, {@link dev.recur.engine.series.TimeSeries#frequency()}, instead of leaving it out (the
     * default); see {@link SeriesAssembler#ownFrequencies}.
     */
    public JdbcSeriesReader withOwnFrequencies(boolean own) {
        return new JdbcSeriesReader(source, missing, frequency, covariates, futureCovariates, strict, own, aggregation, season);
    }

    /**
     * A reader that stops at the first series that cannot be read ({@code true}: an infinite value, two rows at the
     * same time, a NULL time, no values), or (by default) leaves such series out, lists them in
     * {@link SeriesData#skipped()} and reads the others.
     */
    public JdbcSeriesReader withStrict(boolean stop) {
        return new JdbcSeriesReader(source, missing, frequency, covariates, futureCovariates, stop, ownFrequencies, aggregation, season);
    }

    /**
     * A reader that also reads these numeric columns as past covariates of each series (from the query's
     * result, or added to the table's SELECT).
     */
    public JdbcSeriesReader withCovariates(List<String> columns) {
        return new JdbcSeriesReader(source, missing, frequency, columns == null ? List.of() : List.copyOf(columns),
                futureCovariates, strict, ownFrequencies, aggregation, season);
    }

    /**
     * A reader that also reads these numeric columns as covariates whose values over the horizon are known
     * ahead (planned prices, promotions, holidays). Each series gives them in rows after its last value, with
     * the value NULL and these columns filled; those rows become the series' {@code future()} values instead of
     * missing values. They are past covariates as well, so they need not be repeated in
     * {@link #withCovariates}.
     */
    public JdbcSeriesReader withFutureCovariates(List<String> columns) {
        return new JdbcSeriesReader(source, missing, frequency, covariates,
                columns == null ? List.of() : List.copyOf(columns), strict, ownFrequencies, aggregation, season);
    }

    private List<String> allCovariates() {
        return SeriesAssembler.covariateColumns(covariates, futureCovariates);
    }

    /**
     * Reads the rows of a query.
     *
     * @param params     values bound to the query's {@code ?} placeholders, in order
     * @param idColumn   the series id column, or several separated by commas ({@code store,item}), or null for a
     *                   single series
     * @throws DataException for a connection, authentication or SQL error, a missing column, a column of the
     *                       wrong type, or an empty result
     */
    public SeriesData readQuery(String sql, List<?> params, String idColumn, String timeColumn, String valueColumn) {
        String what = "query " + Shorten.quoted(abbreviate(sql));
        try (Connection c = source.connect()) {
            c.setReadOnly(true);
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
            try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < params.size(); i++) {
                    ps.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return read(rs, what, idColumn, timeColumn, valueColumn);
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw JdbcSource.describe(e, what, source);
        }
    }

    /**
     * Reads a table's series by column names (each a plain SQL identifier, matched case-insensitively).
     *
     * @param table {@code name} or {@code schema.name}
     */
    public SeriesData readTable(String table, String idColumn, String timeColumn, String valueColumn) {
        List<String> idParts = idParts(idColumn);
        List<String> valueParts = valueParts(valueColumn);
        List<String> names = new ArrayList<>(idParts);
        names.add(timeColumn);
        names.addAll(valueParts);
        names.addAll(allCovariates());
        for (String name : names) {
            if (name != null && !IDENTIFIER.matcher(name).matches()) {
                throw new DataException("table " + table + ": " + Shorten.quoted(name) + " is not a valid column name");
            }
        }
        String[] parts = table.split("\\.", -1);
        if (parts.length > 2 || !IDENTIFIER.matcher(parts[parts.length - 1]).matches()
                || (parts.length == 2 && !IDENTIFIER.matcher(parts[0]).matches())) {
            throw new DataException(Shorten.quoted(table) + " is not a valid table name (expected name or schema.name)");
        }
        String what = "table " + table;
        try (Connection c = source.connect()) {
            DatabaseMetaData md = c.getMetaData();
            String[] resolved = resolveTable(md, parts.length == 2 ? parts[0] : null, parts[parts.length - 1], what);
            List<String> cols = columns(md, resolved[0], resolved[1]);
            String q = md.getIdentifierQuoteString().trim();
            StringBuilder sql = new StringBuilder("SELECT ");
            List<String> idCols = new ArrayList<>();
            for (String part : idParts) {
                idCols.add(column(cols, part, what));
            }
            String idQ = idCols.isEmpty() ? null : String.join(", ", idCols.stream().map(x -> quote(x, q)).toList());
            String timeQ = quote(column(cols, timeColumn, what), q);
            List<String> valueCols = new ArrayList<>();
            for (String part : valueParts) {
                valueCols.add(column(cols, part, what));
            }
            if (idQ != null) {
                sql.append(idQ).append(", ");
            }
            sql.append(timeQ);
            for (String v : valueCols) {
                sql.append(", ").append(quote(v, q));
            }
            for (String cov : allCovariates()) {
                sql.append(", ").append(quote(column(cols, cov, what), q));
            }
            sql.append(" FROM ");
            if (resolved[0] != null) {
                sql.append(quote(resolved[0], q)).append('.');
            }
            sql.append(quote(resolved[1], q));
            if (idQ != null) {
                sql.append(" ORDER BY ").append(idQ).append(", ").append(timeQ);
            } else {
                sql.append(" ORDER BY ").append(timeQ);
            }
            c.setReadOnly(true);
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                ps.setFetchSize(FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    return read(rs, what, idCols.isEmpty() ? null : String.join(",", idCols),
                            column(cols, timeColumn, what), String.join(",", valueCols));
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw JdbcSource.describe(e, what, source);
        }
    }

    private static String quote(String identifier, String q) {
        if (q.isEmpty()) {
            return identifier;
        }
        return q + identifier.replace(q, q + q) + q;
    }

    private static String[] resolveTable(DatabaseMetaData md, String schema, String table, String what) throws SQLException {
        String exact = null;
        String exactSchema = null;
        String loose = null;
        String looseSchema = null;
        try (ResultSet rs = md.getTables(null, null, null, new String[]{"TABLE", "VIEW", "BASE TABLE"})) {
            while (rs.next()) {
                String s = rs.getString("TABLE_SCHEM");
                String t = rs.getString("TABLE_NAME");
                boolean schemaOk = schema == null ? !isSystemSchema(s) : schema.equalsIgnoreCase(s);
                if (!schemaOk) {
                    continue;
                }
                if (t.equals(table) && exact == null) {
                    exact = t;
                    exactSchema = s;
                } else if (t.equalsIgnoreCase(table) && loose == null) {
                    loose = t;
                    looseSchema = s;
                }
            }
        }
        if (exact != null) {
            return new String[]{schema == null ? null : exactSchema, exact};
        }
        if (loose != null) {
            return new String[]{schema == null ? null : looseSchema, loose};
        }
        throw new DataException(what + ": no such table");
    }

    private static boolean isSystemSchema(String s) {
        if (s == null) {
            return false;
        }
        String l = s.toLowerCase(Locale.ROOT);
        return l.equals("information_schema") || l.equals("pg_catalog");
    }

    private static List<String> columns(DatabaseMetaData md, String schema, String table) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, schema, table, null)) {
            while (rs.next()) {
                cols.add(rs.getString("COLUMN_NAME"));
            }
        }
        return cols;
    }

    private static String column(List<String> cols, String wanted, String what) {
        for (String c : cols) {
            if (c.equals(wanted)) {
                return c;
            }
        }
        for (String c : cols) {
            if (c.equalsIgnoreCase(wanted)) {
                return c;
            }
        }
        throw new DataException(what + ": no column " + Shorten.quoted(wanted) + "; it has " + Shorten.list(cols));
    }

    private SeriesData read(ResultSet rs, String what, String idColumn, String timeColumn, String valueColumn)
            throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        List<String> idParts = idParts(idColumn);
        int[] idIdx = new int[idParts.size()];
        for (int j = 0; j < idIdx.length; j++) {
            idIdx[j] = index(md, idParts.get(j), what);
        }
        int timeIdx = index(md, timeColumn, what);
        int timeType = timeType(md, timeIdx);
        TimeFormat tf = timeFormat(md, timeIdx, timeType, what);
        Measures measures = Measures.of(md, valueParts(valueColumn), what);
        List<String> covNames = allCovariates();
        if (measures.several() && !covNames.isEmpty()) {
            throw new DataException(what + ": covariates are read beside one value column, not several");
        }
        int[] covIdx = new int[covNames.size()];
        List<String> covLabels = new ArrayList<>();
        for (int j = 0; j < covIdx.length; j++) {
            covIdx[j] = index(md, covNames.get(j), what);
            numeric(md, covIdx[j], what, "covariate column ");
            covLabels.add(md.getColumnLabel(covIdx[j]));
        }
        SeriesAssembler asm = assembler(what, covNames, covLabels);
        int row = 0;
        while (rs.next()) {
            row++;
            String id = id(rs, idIdx, idParts, what, row);
            long key;
            try {
                key = timeKey(rs, timeIdx, timeType, what, row, timeColumn);
            } catch (DataException nullTime) {
                for (int k = 0; k < measures.count(); k++) {
                    asm.reject(measures.seriesId(id, idIdx.length > 0, k), nullTime);
                }
                continue;
            }
            double[] covs = new double[covIdx.length];
            DataException badCovariate = covariates(rs, covIdx, covLabels, covs, what, row);
            for (int k = 0; k < measures.count(); k++) {
                String series = measures.seriesId(id, idIdx.length > 0, k);
                double v = rs.getDouble(measures.at(k));
                if (rs.wasNull()) {
                    v = Double.NaN;
                } else if (Double.isInfinite(v)) {
                    asm.reject(series, new DataException(what + " row " + row + ": column "
                            + Shorten.quoted(measures.label(k)) + " is infinite"));
                    continue;
                }
                if (badCovariate != null) {
                    asm.reject(series, badCovariate);
                    continue;
                }
                asm.add(series, key, v, covIdx.length > 0 ? covs : null, row);
            }
        }
        if (row == 0) {
            throw new DataException(what + " returned no rows");
        }
        List<String> notes = new ArrayList<>();
        if (timeType == Types.TIMESTAMP_WITH_TIMEZONE) {
            notes.add("times with a time zone were converted to UTC");
        }
        List<String> labels = new ArrayList<>();
        for (int i : idIdx) {
            labels.add(md.getColumnLabel(i));
        }
        if (measures.several()) {
            // Country,Year,Debt,Income: each value column a series of every id (Australia / Debt), as from a file
            labels.add(SeriesData.MEASURE);
            notes.add("read each of the columns " + Shorten.quotedList(measures.labels()) + " as a series of "
                    + (idIdx.length > 0 ? "every id" : "its own"));
        }
        String idName = labels.isEmpty() ? null : SeriesData.idName(labels);
        return asm.finish(labels.isEmpty() ? SeriesData.Layout.SINGLE : SeriesData.Layout.LONG, idName,
                md.getColumnLabel(timeIdx), measures.several() ? null : measures.label(0), tf, notes);
    }

    /**
     * The value columns of a result: one, or several ({@code debt,income}), each then a series of every id named by
     * the id and the column's label ({@code Australia / debt}), or by the label alone where there is no id.
     *
     * @param indexes the columns' indexes in the result
     * @param labels  their labels, as the result names them
     */
    private record Measures(int[] indexes, List<String> labels) {

        /**
         * The columns named, each checked to be numeric and named once.
         *
         * @throws DataException for a missing or non-numeric column, or one named twice
         */
        static Measures of(ResultSetMetaData md, List<String> names, String what) throws SQLException {
            int[] idx = new int[names.size()];
            List<String> labels = new ArrayList<>();
            for (int k = 0; k < idx.length; k++) {
                idx[k] = JdbcSeriesReader.index(md, names.get(k), what);
                for (int j = 0; j < k; j++) {
                    if (idx[j] == idx[k]) {
                        throw new DataException(what + ": the value column " + Shorten.quoted(names.get(k))
                                + " is named twice");
                    }
                }
                numeric(md, idx[k], what, "column ");
                labels.add(md.getColumnLabel(idx[k]));
            }
            return new Measures(idx, List.copyOf(labels));
        }

        boolean several() {
            return indexes.length > 1;
        }

        int count() {
            return indexes.length;
        }

        int at(int k) {
            return indexes[k];
        }

        String label(int k) {
            return labels.get(k);
        }

        /** The series of measure {@code k} of the row whose id is {@code id} ({@code series} where there is none). */
        String seriesId(String id, boolean hasId, int k) {
            if (!several()) {
                return id;
            }
            return hasId ? id + SeriesData.ID_JOIN + labels.get(k) : labels.get(k);
        }
    }

    /** The SQL type of the time column: PostgreSQL's driver reports {@code timestamptz} as a plain TIMESTAMP. */
    private static int timeType(ResultSetMetaData md, int timeIdx) throws SQLException {
        int timeType = md.getColumnType(timeIdx);
        String typeName = md.getColumnTypeName(timeIdx).toLowerCase(Locale.ROOT);
        if (timeType == Types.TIMESTAMP && (typeName.equals("timestamptz") || typeName.contains("with time zone"))) {
            return Types.TIMESTAMP_WITH_TIMEZONE;
        }
        return timeType;
    }

    /**
     * How the time column's values are keyed: date-times (local, or with a time zone converted to UTC), dates or
     * integer steps.
     *
     * @throws DataException for any other SQL type
     */
    private static TimeFormat timeFormat(ResultSetMetaData md, int timeIdx, int timeType, String what)
            throws SQLException {
        switch (timeType) {
            case Types.TIMESTAMP:
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return TimeFormat.of(TimeFormat.Kind.DATE_TIME);
            case Types.DATE:
                return TimeFormat.of(TimeFormat.Kind.DATE);
            case Types.INTEGER:
            case Types.BIGINT:
            case Types.SMALLINT:
            case Types.TINYINT:
                return TimeFormat.of(TimeFormat.Kind.STEPS);
            default:
                throw new DataException(what + ": column " + Shorten.quoted(md.getColumnLabel(timeIdx)) + " has SQL type "
                        + md.getColumnTypeName(timeIdx) + "; expected TIMESTAMP, TIMESTAMP WITH TIME ZONE, DATE or an integer");
        }
    }

    /**
     * Checks that column {@code idx} (the value column, or a covariate's: {@code role} names it in the message) has
     * a numeric SQL type.
     *
     * @throws DataException where it has another
     */
    private static void numeric(ResultSetMetaData md, int idx, String what, String role) throws SQLException {
        switch (md.getColumnType(idx)) {
            case Types.NUMERIC:
            case Types.DECIMAL:
            case Types.REAL:
            case Types.FLOAT:
            case Types.DOUBLE:
            case Types.INTEGER:
            case Types.BIGINT:
            case Types.SMALLINT:
            case Types.TINYINT:
                return;
            default:
                throw new DataException(what + ": " + role + Shorten.quoted(md.getColumnLabel(idx)) + " has SQL type "
                        + md.getColumnTypeName(idx) + "; expected a number");
        }
    }

    /** The assembler of this reader's settings, its covariates ({@code covLabels} as the result names them) given. */
    private SeriesAssembler assembler(String what, List<String> covNames, List<String> covLabels) {
        SeriesAssembler asm = new SeriesAssembler(what, row -> what + " row " + row, missing, frequency)
                .skipBadSeries(!strict).ownFrequencies(ownFrequencies).aggregate(aggregation).season(season);
        asm.covariates(covLabels);
        List<String> futureLabels = new ArrayList<>();
        for (String f : futureCovariates) {
            for (int j = 0; j < covNames.size(); j++) {
                if (covNames.get(j).equalsIgnoreCase(f)) {
                    futureLabels.add(covLabels.get(j));
                    break;
                }
            }
        }
        asm.futureCovariates(futureLabels);
        return asm;
    }

    /**
     * The series id of the current row: its id columns' values joined ({@link SeriesData#ID_JOIN}), or
     * {@code series} where there are none.
     *
     * @throws DataException where one is NULL
     */
    private static String id(ResultSet rs, int[] idIdx, List<String> idParts, String what, int row)
            throws SQLException {
        String id = idIdx.length == 0 ? "series" : null;
        for (int j = 0; j < idIdx.length; j++) {
            String part = rs.getString(idIdx[j]);
            if (part == null) {
                throw new DataException(what + " row " + row + ": column " + Shorten.quoted(idParts.get(j))
                        + (idIdx.length == 1 ? " (the series id)" : " (a part of the series id)") + " is NULL");
            }
            id = id == null ? part : id + SeriesData.ID_JOIN + part;
        }
        return id;
    }

    /**
     * Reads the current row's covariates into {@code covs} (NaN for NULL); the error of the first infinite one, else
     * null.
     */
    private static DataException covariates(ResultSet rs, int[] covIdx, List<String> covLabels, double[] covs,
                                            String what, int row) throws SQLException {
        for (int j = 0; j < covIdx.length; j++) {
            covs[j] = rs.getDouble(covIdx[j]);
            if (rs.wasNull()) {
                covs[j] = Double.NaN;
            } else if (Double.isInfinite(covs[j])) {
                return new DataException(what + " row " + row + ": covariate column "
                        + Shorten.quoted(covLabels.get(j)) + " is infinite");
            }
        }
        return null;
    }

    /**
     * The columns of an id: none for null, else the names between commas ({@code store,item}; a SQL identifier has
     * no comma, so a name with one always lists several).
     */
    private static List<String> idParts(String idColumn) {
        return idColumn == null ? List.of() : SeriesData.idColumns(idColumn, name -> false);
    }

    /**
     * The value columns: one, or several between commas ({@code debt,income}), each a series of every id.
     *
     * @throws DataException where none is named
     */
    private static List<String> valueParts(String valueColumn) {
        List<String> parts = SeriesData.idColumns(valueColumn, name -> false);
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw new DataException("the value column list " + Shorten.quoted(valueColumn) + " has an empty name");
        }
        return parts;
    }

    private static long timeKey(ResultSet rs, int idx, int type, String what, int row, String column) throws SQLException {
        switch (type) {
            case Types.TIMESTAMP: {
                LocalDateTime t = rs.getObject(idx, LocalDateTime.class);
                nullTime(t, what, row, column);
                return TimeFormat.toKey(t);
            }
            case Types.TIMESTAMP_WITH_TIMEZONE: {
                OffsetDateTime t = rs.getObject(idx, OffsetDateTime.class);
                nullTime(t, what, row, column);
                return TimeFormat.toKey(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
            }
            case Types.DATE: {
                LocalDate d = rs.getObject(idx, LocalDate.class);
                nullTime(d, what, row, column);
                return TimeFormat.toKey(d.atStartOfDay());
            }
            default: {
                long v = rs.getLong(idx);
                if (rs.wasNull()) {
                    nullTime(null, what, row, column);
                }
                return v;
            }
        }
    }

    private static void nullTime(Object t, String what, int row, String column) {
        if (t == null) {
            throw new DataException(what + " row " + row + ": column " + Shorten.quoted(column) + " (the time) is NULL");
        }
    }

    private static int index(ResultSetMetaData md, String name, String what) throws SQLException {
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            labels.add(md.getColumnLabel(i));
            if (md.getColumnLabel(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new DataException(what + ": no column " + Shorten.quoted(name) + " in the result; it has " + Shorten.list(labels));
    }

    static String abbreviate(String sql) {
        String s = sql.replaceAll("\\s+", " ").trim();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
