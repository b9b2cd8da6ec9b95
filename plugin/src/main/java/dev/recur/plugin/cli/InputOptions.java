package dev.recur.plugin.cli;

import dev.recur.connectors.DataException;
import dev.recur.connectors.MissingPolicy;
import dev.recur.connectors.csv.CsvOptions;
import dev.recur.connectors.csv.CsvSeriesReader;
import dev.recur.connectors.jdbc.JdbcSeriesReader;
import dev.recur.connectors.jdbc.JdbcSource;
import dev.recur.connectors.series.Aggregation;
import dev.recur.connectors.series.SeriesData;
import dev.recur.connectors.series.SpikeNotes;
import dev.recur.connectors.series.TimeFormat;
import dev.recur.engine.series.Frequency;
import dev.recur.engine.series.TimeSeries;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where the series come from (a CSV file or a database) and how to read them: shared by the subcommands. */
public final class InputOptions {

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "CSV file of series (may be "
            + "gzip-compressed or zipped), or a spreadsheet workbook (Excel .xlsx or .xls, OpenDocument .ods; its first sheet); the same as --input FILE.")
    Path inputFile;

    @Option(names = "--input", paramLabel = "FILE", description = "CSV file of series (may be gzip-compressed or zipped), or a spreadsheet "
            + "workbook (.xlsx, .xls or .ods), read from its first sheet.")
    Path input;

    @Option(names = "--jdbc-url", paramLabel = "URL", description = "Read the series from a database instead (e.g. jdbc:postgresql://host/db, jdbc:h2:./sales). "
            + "The password comes from the environment variable RECUR_JDBC_PASSWORD or --jdbc-properties, never the command line.")
    String jdbcUrl;

    @Option(names = "--jdbc-user", paramLabel = "USER", description = "Database user.")
    String jdbcUser;

    @Option(names = "--jdbc-properties", paramLabel = "FILE", description = "Properties file with user and password.")
    Path jdbcProperties;

    @Option(names = "--query", paramLabel = "SQL", description = "SQL query returning the id (optional), time and value columns named by --id-column, --time-column, --value-column.")
    String query;

    @Option(names = "--query-param", paramLabel = "VALUE", description = "A value bound to the next ? of --query (repeatable).")
    List<String> queryParams = new ArrayList<>();

    @Option(names = "--table", paramLabel = "TABLE", description = "Read the table's --id-column (optional), --time-column and --value-column.")
    String table;

    @Option(names = "--id-column", paramLabel = "NAME", description = "The series id column (long format); several columns that together name a series may be listed: store,item.")
    String idColumn;

    @Option(names = "--no-id", description = "No column names series: every row is of one series (a bike share's trips "
            + "of every bike, a till's sales of every customer, counted or summed together with --aggregate), where a "
            + "column such as bike_id or Name would name a series of each value.")
    boolean noId;

    @Option(names = "--time-column", paramLabel = "NAME", description = "The time column.")
    String timeColumn;

    @Option(names = "--value-column", paramLabel = "NAME", description = "The value column; several may be listed (Debt,Income), from a file or a database: each a series of every id, named by both (Australia / Debt).")
    String valueColumn;

    @Option(names = "--time-format", paramLabel = "FORMAT", description = "steps, epoch-s, epoch-ms, date, datetime or a pattern such as dd/MM/yyyy or "
            + "yyyy-'Q'Q (default: recognised: ISO dates and times, 31.01.2024, 31/01/2024 or 1/31/2024 when the first "
            + "rows show the order, 2024-Q1, 2024/01, Jan 2024, 2024-W05, epoch seconds, integer steps).")
    String timeFormat;

    @Option(names = "--frequency", paramLabel = "F", description = "hourly, daily, business, weekly, monthly, quarterly, yearly, <n>min, <n>h or steps (default: "
            + "inferred); minutes or hours may keep opening hours: '5min 07:00-21:00 weekdays', 'hourly 09:00-17:00'.")
    String frequency;

    @Option(names = "--aggregate", paramLabel = "HOW", description = "Make the rows of a series in one period one value: "
            + "sum, mean, count, min, max or last; the periods are those of --frequency (daily transactions summed per "
            + "month: --frequency monthly --aggregate sum), else each time's rows are combined. Periods without rows are 0 "
            + "for sum and count.")
    String aggregate;

    @Option(names = "--delimiter", paramLabel = "C", description = "Field delimiter (default: detected from the header).")
    Character delimiter;

    @Option(names = "--missing", paramLabel = "POLICY", defaultValue = "interpolate",
            description = "Missing values and gaps: interpolate (default), ffill, drop or error.")
    String missing;

    @Option(names = "--sheet", paramLabel = "NAME|N", description = "The sheet of a workbook input to read, by its "
            + "name or its number from 1 (default: the first).")
    String sheet;

    @Option(names = "--encoding", paramLabel = "CHARSET", description = "Character encoding, e.g. UTF-8, ISO-8859-1, "
            + "windows-1252 (default: UTF-8, or UTF-16 when the file starts with its byte-order mark).")
    String encoding;

    @Option(names = "--covariates", paramLabel = "COL,COL", split = ",", description = "Columns read as past "
            + "covariates of each series (long or single-series CSV, or the query's or table's columns): the neural "
            + "models read their recent values alongside the target's.")
    List<String> covariates;

    @Option(names = "--future-covariates", paramLabel = "COL,COL", split = ",", description = "Columns (of a long or "
            + "single-series CSV, or the query's or table's columns) whose values are known ahead, such as planned "
            + "prices or promotions: give them in rows after each series' last value, with the value left empty "
            + "(NULL in a database), for at least the horizon.")
    List<String> futureCovariates;

    @Option(names = "--quote", paramLabel = "C", description = "Quote character (default: \").")
    Character quote;

    @Option(names = "--replace-spikes", description = "Replace each value that stands out of its series as an "
            + "isolated spike (a value typed with an extra digit: at least 50 times the series' median change away from "
            + "both its neighbours, which agree, and beyond every other value) by the mean of its neighbours plus the "
            + "season's usual bump there, for every method. By default such a value is named in a warning and forecast "
            + "from as it is (real one-off events make spikes as large); the input is never changed.")
    boolean replaceSpikes;

    @Option(names = "--strict", description = "Stop with an error at the first series that cannot be read (a value "
            + "that is not a number, two rows at the same time, no values at all, ...). By default such a series is "
            + "left out with a warning that says why, and the others are read and forecast; the run fails only when "
            + "no series can be read.")
    boolean strict;

    /** Warnings printed for series left out; the rest are counted. */
    static final int LISTED_SKIPPED = 20;

    /** Creates the options. */
    public InputOptions() {
    }

    /** The database named by {@code --jdbc-url}, or null for a file. */
    JdbcSource database() {
        return jdbcUrl == null ? null : JdbcSource.of(jdbcUrl, jdbcUser, jdbcProperties, System.getenv());
    }

    /** Checks that exactly one source is given: a file (as FILE or --input FILE) or a database. */
    void checkSource() {
        if (inputFile != null) {
            if (input != null && !input.equals(inputFile)) {
                throw new IllegalArgumentException("two input files: " + inputFile + " and --input " + input
                        + "; give one");
            }
            input = inputFile;
        }
        if ((input == null) == (jdbcUrl == null)) {
            throw new IllegalArgumentException("give the input: a CSV file (FILE or --input FILE) or a database (--jdbc-url URL)");
        }
        if (sheet != null && input == null) {
            throw new IllegalArgumentException("--sheet names a sheet of a workbook file; the input is a database");
        }
    }

    /** Declares the files this input reads, so that no output of the run may overwrite them. */
    void declareInputs(OutputPlan plan) {
        plan.input(input, "input file").input(jdbcProperties, "--jdbc-properties file");
    }

    /** The input's name for messages: the file name or the database URL without credentials. */
    String from(JdbcSource db) {
        return input != null ? input.getFileName().toString() : db.displayUrl();
    }

    /** Reads the series, printing what was done to the data as warnings and how long it took. */
    SeriesData read(JdbcSource db, ConsoleProgress progress) {
        return read(db, progress, false);
    }

    /**
     * Reads the series as {@link #read(JdbcSource, ConsoleProgress)}; with {@code ownFrequencies}, a series regular
     * at another frequency than the data's is read at its own instead of being left out.
     */
    SeriesData read(JdbcSource db, ConsoleProgress progress, boolean ownFrequencies) {
        return read(db, progress, ownFrequencies, null);
    }

    /**
     * Reads the series as {@link #read(JdbcSource, ConsoleProgress, boolean)}, naming the values that stand out as
     * isolated spikes at the command's {@code --season} (null: each frequency's own) for the data's frequency.
     */
    SeriesData read(JdbcSource db, ConsoleProgress progress, boolean ownFrequencies, Integer season) {
        if (season != null) {
            Limits.season(season);      // before a long read: the reading fills gaps at it
        }
        long start = System.nanoTime();
        SeriesData data;
        try {
            data = db == null
                    ? new CsvSeriesReader(csvOptions().withSeason(season == null ? 0 : season)).withOwnFrequencies(ownFrequencies).withSheet(sheet)
                            .withAggregation(aggregation())
                            .withProgress(rows -> progress.status(String.format(Locale.ROOT,
                            "reading %s: %,d rows, %.1fs", input.getFileName(), rows, (System.nanoTime() - start) / 1e9)))
                            .read(input)
                    : readDatabase(db, ownFrequencies, season);
        } catch (DataException e) {
            if (aggregate != null && frequency == null && (e.getMessage().contains(" does not fit the ")
                    || e.remedy() == DataException.Remedy.FREQUENCY)) {
                // rows at irregular times (timestamped transactions) combined per time stay irregular
                throw new DataException(e.getMessage() + "; rows at irregular times are aggregated per period: give "
                        + "the period", DataException.Remedy.FREQUENCY);
            }
            if (aggregate == null && e.remedy() == null && e.getMessage().contains(": duplicate time in series ")) {
                // several rows at one time, no column to tell them apart: transactions, most likely
                throw new DataException(e.getMessage() + "; to combine a time's rows (transactions), say how",
                        DataException.Remedy.AGGREGATE);
            }
            throw e;
        }
        for (String note : data.notes()) {
            progress.note(note);
        }
        List<SeriesData.Skipped> skipped = data.skipped();
        for (int i = 0; i < Math.min(LISTED_SKIPPED, skipped.size()); i++) {
            progress.warning("series " + dev.recur.engine.io.Shorten.quoted(skipped.get(i).id()) + " left out: "
                    + skipped.get(i).reason());
        }
        if (skipped.size() > LISTED_SKIPPED) {
            progress.warning(String.format(Locale.ROOT, "%,d more series left out (--report lists them all)",
                    skipped.size() - LISTED_SKIPPED));
        }
        long others = data.series().stream().filter(x -> !x.frequency().equals(data.frequency())).count();
        progress.message(String.format(Locale.ROOT, "read %d series (%s, %s%s) from %s in %.1fs%s", data.series().size(),
                data.layout().name().toLowerCase(Locale.ROOT), data.frequency(),
                others == 0 ? "" : String.format(Locale.ROOT, "; %d of another frequency", others), from(db),
                (System.nanoTime() - start) / 1e9,
                skipped.isEmpty() ? "" : String.format(Locale.ROOT, "; %,d left out", skipped.size())));
        List<String> lines = new ArrayList<>();
        SeriesData checked = spikes(data, season, replaceSpikes, lines);
        for (int i = 0; i < Math.min(LISTED_SKIPPED, lines.size()); i++) {
            progress.warning(lines.get(i));
        }
        if (lines.size() > LISTED_SKIPPED) {
            progress.warning(String.format(Locale.ROOT, "%,d more values stand out so (--report lists them all)",
                    lines.size() - LISTED_SKIPPED));
        }
        return lines.isEmpty() ? checked : checked.withNotesAfter(lines);
    }

    /**
     * The data with each value that stands out from its series as an isolated spike (a value typed with an extra
     * digit, or a one-off event) replaced with {@code replace}, else kept; a line for each goes to {@code lines}, and
     * one for a last value that stands out so, never replaced ({@link SpikeNotes}). A series of the data's frequency is
     * looked at with {@code season} (null: the frequency's own), one of another frequency with its own, so that a
     * regular seasonal peak is not taken for a spike.
     */
    static SeriesData spikes(SeriesData data, Integer season, boolean replace, List<String> lines) {
        List<TimeSeries> out = new ArrayList<>(data.series().size());
        boolean changed = false;
        for (TimeSeries s : data.series()) {
            int m = season != null && s.frequency().equals(data.frequency()) ? season : s.frequency().defaultSeason();
            String series = data.series().size() == 1 ? "" : "series " + dev.recur.engine.io.Shorten.quoted(s.id()) + ": ";
            SpikeNotes.Checked checked = SpikeNotes.check(s, m, replace, series, i -> at(data, s, i));
            lines.addAll(checked.lines());
            out.add(checked.series());
            changed |= checked.series() != s;
        }
        return changed ? data.withSeries(out, data.frequency()) : data;
    }

    /** Where value {@code index} of {@code s} is, as the input writes it (a time, or a step). */
    private static String at(SeriesData data, TimeSeries s, int index) {
        return s.isSteps() || data.timeFormat() == null ? "step " + s.step(index) : data.timeFormat().format(s.time(index));
    }

    private SeriesData readDatabase(JdbcSource db, boolean ownFrequencies, Integer season) {
        if ((query == null) == (table == null)) {
            throw new IllegalArgumentException("with --jdbc-url give either --query SQL or --table TABLE");
        }
        checkIds();
        if (timeColumn == null || valueColumn == null) {
            throw new IllegalArgumentException("with --jdbc-url name the columns: --time-column and --value-column (and --id-column for many series)");
        }
        JdbcSeriesReader reader = new JdbcSeriesReader(db, MissingPolicy.parse(missing),
                frequency == null ? null : Frequency.parse(frequency)).withCovariates(covariates)
                .withFutureCovariates(futureCovariates).withStrict(strict).withOwnFrequencies(ownFrequencies)
                .withAggregation(aggregation()).withSeason(season == null ? 0 : season);
        return query != null ? reader.readQuery(query, queryParams, idColumn, timeColumn, valueColumn)
                : reader.readTable(table, idColumn, timeColumn, valueColumn);
    }

    /** The {@code --aggregate} option, or null. */
    private Aggregation aggregation() {
        return aggregate == null ? null : Aggregation.parse(aggregate);
    }

    /** Refuses {@code --no-id} beside {@code --id-column}. */
    private void checkIds() {
        if (noId && idColumn != null) {
            throw new IllegalArgumentException("give either --id-column or --no-id");
        }
    }

    CsvOptions csvOptions() {
        checkIds();
        CsvOptions o = CsvOptions.defaults().withColumns(idColumn, timeColumn, valueColumn).withNoId(noId)
                .withMissing(MissingPolicy.parse(missing)).withDelimiter(delimiter).withStrict(strict);
        if (timeFormat != null) {
            o = o.withTimeFormat(TimeFormat.parseOption(timeFormat));
        }
        if (frequency != null) {
            o = o.withFrequency(Frequency.parse(frequency));
        }
        if (encoding != null) {
            try {
                o = o.withCharset(java.nio.charset.Charset.forName(encoding));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--encoding " + encoding + ": unknown character encoding");
            }
        }
        if (quote != null) {
            o = o.withQuote(quote);
        }
        if (covariates != null && !covariates.isEmpty()) {
            o = o.withCovariates(covariates);
        }
        if (futureCovariates != null && !futureCovariates.isEmpty()) {
            o = o.withFutureCovariates(futureCovariates);
        }
        return o;
    }
}
