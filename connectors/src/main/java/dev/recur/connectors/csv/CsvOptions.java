package dev.recur.connectors.csv;

import dev.recur.connectors.MissingPolicy;
import dev.recur.connectors.series.SeriesAssembler;
import dev.recur.connectors.series.TimeFormat;
import dev.recur.engine.series.Frequency;

import java.nio.charset.Charset;

/**
 * How to read a CSV file of time series. Everything left unset is recognised from the file: the layout
 * from the header, the delimiter from the header line, the encoding from its byte-order mark (UTF-8
 * otherwise), gzip compression from its magic bytes, the time format from the first time value, the
 * frequency from the spacing of the times, and, in a file whose fields are not separated by commas, the decimal
 * mark (point or comma) from the first value that has one.
 *
 * @param idColumn     the series identifier column (long format), or null to recognise it
 * @param timeColumn   the time column, or null to recognise it
 * @param valueColumn  the value column (long and single-series formats), or null to recognise it
 * @param delimiter    the field delimiter, or null to detect it
 * @param charset      the encoding, or null to detect it
 * @param timeFormat   the time format, or null to detect it
 * @param frequency    the frequency, or null to infer it
 * @param missing      what to do with missing values and gaps
 * @param quote        the quote character, or null for the double quote
 * @param covariates   columns read as past covariates of each series (long and single-series layouts), or
 *                     null for none
 * @param futureCovariates columns read as covariates whose values over the horizon are known: given in rows
 *                     after a series' last value, with the value empty; null for none
 * @param strict       whether a series that cannot be read (a value that is not a number, two rows at the same
 *                     time, no values, ...) stops the reading with an error; otherwise (the default) it is left
 *                     out and listed in {@link dev.recur.connectors.series.SeriesData#skipped()}, and the others are read
 * @param season       the season of the series at the data's frequency (the command line's {@code --season}), with
 *                     which a seasonal series' gaps are filled with its season's pattern ({@link MissingPolicy#INTERPOLATE});
 *                     0 for the frequency's usual one (none for integer steps). Series of another frequency (read at
 *                     their own) are filled at theirs
 * @param noId         whether no column names series ({@code --no-id}): no id column is recognised by its name, so
 *                     the rows of a bike share's bikes or a till's customers are one series (counted or summed together
 *                     with an aggregation), and a wide file's columns are its series
 */
public record CsvOptions(String idColumn, String timeColumn, String valueColumn, Character delimiter,
                         Charset charset, TimeFormat timeFormat, Frequency frequency, MissingPolicy missing,
                         Character quote, java.util.List<String> covariates,
                         java.util.List<String> futureCovariates, boolean strict, int season,
                         boolean noId) {

    /** Checks the season. */
    public CsvOptions {
        SeriesAssembler.checkedSeason(season);
    }

    /** Options as before {@code noId} existed: an id column is recognised by its name. */
    public CsvOptions(String idColumn, String timeColumn, String valueColumn, Character delimiter, Charset charset,
                      TimeFormat timeFormat, Frequency frequency, MissingPolicy missing, Character quote,
                      java.util.List<String> covariates, java.util.List<String> futureCovariates, boolean strict,
                      int season) {
        this(idColumn, timeColumn, valueColumn, delimiter, charset, timeFormat, frequency, missing, quote, covariates,
                futureCovariates, strict, season, false);
    }

    /** Options as before {@code season} existed: gaps filled at the frequency's usual season. */
    public CsvOptions(String idColumn, String timeColumn, String valueColumn, Character delimiter, Charset charset,
                      TimeFormat timeFormat, Frequency frequency, MissingPolicy missing, Character quote,
                      java.util.List<String> covariates, java.util.List<String> futureCovariates, boolean strict) {
        this(idColumn, timeColumn, valueColumn, delimiter, charset, timeFormat, frequency, missing, quote, covariates,
                futureCovariates, strict, 0);
    }

    /** Options as before {@code strict} existed: a series that cannot be read is skipped. */
    public CsvOptions(String idColumn, String timeColumn, String valueColumn, Character delimiter, Charset charset,
                      TimeFormat timeFormat, Frequency frequency, MissingPolicy missing, Character quote,
                      java.util.List<String> covariates, java.util.List<String> futureCovariates) {
        this(idColumn, timeColumn, valueColumn, delimiter, charset, timeFormat, frequency, missing, quote, covariates,
                futureCovariates, false, 0);
    }

    /** Recognise everything; interpolate missing values and gaps. */
    public static CsvOptions defaults() {
        return new CsvOptions(null, null, null, null, null, null, null, MissingPolicy.INTERPOLATE, null, null, null, false, 0, false);
    }

    /** A copy that reads these columns as past covariates (null or empty for none). */
    public CsvOptions withCovariates(java.util.List<String> columns) {
        return new CsvOptions(idColumn, timeColumn, valueColumn, delimiter, charset, timeFormat, frequency, missing, quote,
                columns == null || columns.isEmpty() ? null : java.util.List.copyOf(columns), futureCovariates, strict, season, noId);
    }

    /**
     * A copy that reads these columns as covariates known ahead (they need not be listed as covariates too);
     * null or empty for none.
     */
    public CsvOptions withFutureCovariates(java.util.List<String> columns) {
        return new CsvOptions(idColumn, timeColumn, valueColumn, delimiter, charset, timeFormat, frequency, missing, quote,
                covariates, columns == null || columns.isEmpty() ? null : java.util.List.copyOf(columns), strict, season, noId);
    }

    /** A copy with the given quote character (null for the double quote). */
    public CsvOptions withQuote(Character q) {
        return new CsvOptions(idColumn, timeColumn, valueColumn, delimiter, charset, timeFormat, frequency, missing, q, covariates, futureCovariates, strict, season, noId);
    }

    /** A copy with the given columns (null keeps recognition). */
    public CsvOptions withColumns(String id, String time, String value) {
        return new CsvOptions(id, time, value, delimiter, charset, timeFormat, frequency, missing, quote, covariates, futureCovariates, strict, season, noId);
    }

    /** A copy with another missing-value policy. */
    public CsvOptions withMissing(MissingPolicy policy) {
        return new CsvOptions(idColumn, timeColumn, valueColumn, delimiter, charset, timeFormat, frequency, policy, quote, covariates, futureCovariates, strict, season, noId);
    }

    /** A copy with a time format. */
    public CsvOptions withTimeFormat(TimeFormat f) {
        return new CsvOptions(idColumn, timeColumn, valueColumn, delimiter, charset, f, frequency, missing, quote, covariates, futureCovariates, strict, season, noId);
    }

    /** A copy with a delimiter. */
    public CsvOptions withDelimiter(Character d) {
        return new CsvOptions(idColumn, timeColumn, valueColumn, d, charset, timeFormat, frequency, missing, quote, covariates, futureCovariates, strict, season, noId);
    }

    /** A copy with a frequency. */
    public CsvOptions withFrequency(Frequency f) {
        return new CsvOptions(idColumn, timeColumn, valueColumn, delimiter, charset, timeFormat, f, missing, quote, covariates, futureCovariates, strict, season, noId);
    }

    /**
     * A copy that stops at the first series that cannot be read ({@code true}) or leaves such series out and lists
     * them ({@code false}, the default).
     */
    public CsvOptions withStrict(boolean stop) {
        return new CsvOptions(idColumn, timeColumn, valueColumn, delimiter, charset, timeFormat, frequency, missing, quote, covariates, futureCovariates, stop, season, noId);
    }

    /**
     * A copy whose series at the data's frequency have this season (the command line's {@code --season}) when their
     * gaps are filled; 0 for the frequency's usual one.
     */
    public CsvOptions withSeason(int m) {
        return new CsvOptions(idColumn, timeColumn, valueColumn, delimiter, charset, timeFormat, frequency, missing, quote, covariates, futureCovariates, strict, m, noId);
    }

    /**
     * A copy in which no column names series ({@code true}: the command line's {@code --no-id}) or an id column is
     * recognised by its name ({@code false}, the default); an id column given ({@link #idColumn}) is read either way.
     */
    public CsvOptions withNoId(boolean none) {
        return new CsvOptions(idColumn, timeColumn, valueColumn, delimiter, charset, timeFormat, frequency, missing, quote, covariates, futureCovariates, strict, season, none);
    }

    /** A copy with an encoding. */
    public CsvOptions withCharset(Charset c) {
        return new CsvOptions(idColumn, timeColumn, valueColumn, delimiter, c, timeFormat, frequency, missing, quote, covariates, futureCovariates, strict, season, noId);
    }
}
