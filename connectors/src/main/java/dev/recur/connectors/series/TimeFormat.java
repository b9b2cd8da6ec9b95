package dev.recur.connectors.series;

import dev.recur.engine.io.Shorten;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a time column is written: integer steps, epoch seconds or milliseconds, ISO dates, months,
 * date-times with or without an offset, or a pattern (given, or recognised: dates day first with dots, quarter,
 * month and ISO week labels: {@link TimeFormatDetection}). Parses values to a sortable {@code long}
 * (the step, or seconds since 1970 of the local date-time) and prints future times the same way.
 */
public final class TimeFormat {

    /** The kinds of time column. */
    public enum Kind {
        /** Integer steps. */
        STEPS,
        /** Seconds since 1970-01-01T00:00Z. */
        EPOCH_SECONDS,
        /** Milliseconds since 1970-01-01T00:00Z. */
        EPOCH_MILLIS,
        /** {@code yyyy-MM-dd}. */
        DATE,
        /** {@code yyyy-MM}. */
        MONTH,
        /** {@code yyyy-MM-dd[T ]HH:mm[:ss[.fff]]}. */
        DATE_TIME,
        /** An ISO date-time with {@code Z} or an offset; kept in the first value's offset. */
        OFFSET_DATE_TIME,
        /** A user pattern ({@link DateTimeFormatter}). */
        PATTERN,
        /**
         * Whole days since 1899-12-30, as spreadsheets store dates (45292 is 2024-01-01) and write them where a date
         * cell lost its format; future times are written as ISO dates.
         */
        SPREADSHEET_DAYS,
        /**
         * Years and their fractions as R's {@code time()} writes the times of a {@code ts} of 2, 4 or 12 periods a
         * year (1949, 1949.08333333333, ... monthly; 1949.25 quarterly): each the first day of its period; future
         * times are written the same way.
         */
        DECIMAL_YEARS,
        /**
         * Fiscal years as governments and companies label them, a year and the next ({@code 2019-20},
         * {@code 2019/20}, {@code 2019-2020}): each the first day of its first calendar year; future times are written
         * the same way.
         */
        FISCAL_YEARS
    }

    /** A fiscal year's label: a year, a dash or slash, and the next year (two digits or four). */
    static final Pattern FISCAL_SPAN = Pattern.compile("(\\d{4})([-/\u2013])(\\d{2}|\\d{4})");

    /** Whether {@code next} (two digits or four) is the year after {@code year}. */
    static boolean nextYear(String year, String next) {
        int y = Integer.parseInt(year);
        int n = Integer.parseInt(next);
        return next.length() == 4 ? n == y + 1 : n == (y + 1) % 100;
    }

    /** The day a spreadsheet's serial date counts from (day 1 is 1899-12-31, as Excel's and LibreOffice's are after 1900-03-01). */
    static final LocalDate SPREADSHEET_EPOCH = LocalDate.of(1899, 12, 30);

    /** A year of R's decimal times: four digits and perhaps a fraction. */
    static final Pattern DECIMAL_YEAR = Pattern.compile("\\d{4}(\\.\\d+)?");
    /** Whether a fraction of a year is a whole number of periods of {@code m} a year, within R's printed digits. */
    static boolean wholePeriods(double fraction, int m) {
        return Math.abs(fraction * m - Math.rint(fraction * m)) < PERIOD_TOLERANCE * m;
    }

    /** How far a fraction may be from a period's (R writes 15 significant digits). */
    private static final double PERIOD_TOLERANCE = 1e-6;
    /**
     * A weekday's English name before a date, full or abbreviated, with a comma or without: Monday, January 1, 2024
     * (a spreadsheet's long date), Mon Jan 01 2024 (JavaScript's date string).
     */
    static final Pattern WEEKDAY = Pattern.compile("(?i)(mon|tue|wed|thu|fri|sat|sun)([a-z]*)(,? )(.+)");
    /** The English weekdays' full names, in lower case. */
    static final String[] FULL_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday"};

    private final Kind kind;
    private final DateTimeFormatter pattern;
    /** The pattern as written ({@code dd/MM/yyyy}), for messages. */
    private String patternText;
    /** How future times are written: the pattern, or for a detected pattern the padding of the first value. */
    private DateTimeFormatter printer;
    /** What the reader should tell of how the format was recognised, where it was a judgement; else null. */
    private String note;
    private final boolean patternHasTime;
    private char separator = 'T';
    private boolean seconds = true;
    private ZoneOffset offset;
    /** The periods a year of {@link Kind#DECIMAL_YEARS} (2, 4 or 12). */
    private int periodsAYear;
    /** Of {@link Kind#FISCAL_YEARS}: the mark between the two years, and whether the second has four digits. */
    private String fiscalMark = "-";
    private boolean fiscalFourDigits;
    /** Whether values name their month in English words, read by their abbreviations ({@link #abbreviatedMonths}). */
    private boolean monthWords;
    /**
     * How the weekday's name before each value is written ({@code EEEE', '}, {@code EEE' '}), or null where values
     * have none; the name is left out when a value is read and written again before each future time.
     */
    private DateTimeFormatter weekday;

    private TimeFormat(Kind kind, DateTimeFormatter pattern, boolean patternHasTime) {
        this.kind = kind;
        this.pattern = pattern;
        this.printer = pattern;
        this.patternHasTime = patternHasTime;
    }

    /** A fixed kind (not {@link Kind#PATTERN}). */
    public static TimeFormat of(Kind kind) {
        if (kind == Kind.PATTERN) {
            throw new IllegalArgumentException("use TimeFormat.pattern(...) for a custom pattern");
        }
        return new TimeFormat(kind, null, true);
    }

    /**
     * A custom pattern, e.g. {@code dd/MM/yyyy} or {@code yyyy-MM-dd HH:mm}.
     *
     * @throws IllegalArgumentException for an invalid pattern
     */
    public static TimeFormat pattern(String p) {
        // English month and day names (Jan, Monday), letters in any case; a pattern without a day (yyyy/MM,
        // yyyy-'Q'Q, MMM yyyy) means the period's first day
        DateTimeFormatter f = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p)
                .toFormatter(Locale.ENGLISH);
        // letters of a time of day outside the quoted literals ('Month' MM yyyy has none)
        String letters = p.replaceAll("'[^']*'", "");
        boolean hasTime = letters.contains("H") || letters.contains("h") || letters.contains("m") && letters.contains(":");
        TimeFormat t = new TimeFormat(Kind.PATTERN, f, hasTime);
        t.patternText = p;
        return t;
    }

    /**
     * A pattern built field by field ({@link TimeFormatDetection}: week labels, quarter labels, month names): parsed
     * by {@code parser}, written by {@code printer}, named {@code text} in messages; dates without a time of day.
     */
    static TimeFormat built(DateTimeFormatter parser, DateTimeFormatter printer, String text) {
        TimeFormat t = new TimeFormat(Kind.PATTERN, parser, false);
        t.printer = printer;
        t.patternText = text;
        return t;
    }

    /** R's decimal times of {@code periodsAYear} periods a year (2, 4 or 12). */
    static TimeFormat ofDecimalYears(int periodsAYear) {
        TimeFormat t = of(Kind.DECIMAL_YEARS);
        t.periodsAYear = periodsAYear;
        return t;
    }

    /**
     * Fiscal years written as {@code first} is ({@code 2019-20}: the mark between the years and the second year's
     * digits), with a note that says how they were read.
     */
    static TimeFormat ofFiscalYears(java.util.regex.Matcher first) {
        TimeFormat t = of(Kind.FISCAL_YEARS);
        t.fiscalMark = first.group(2);
        t.fiscalFourDigits = first.group(3).length() == 4;
        boolean couldBeMonths = !t.fiscalFourDigits && Integer.parseInt(first.group(3)) <= 12;
        return t.noted("read " + Shorten.quoted(first.group()) + " and the times after it as fiscal years, one a year ("
                + first.group(1) + " to " + (Integer.parseInt(first.group(1)) + 1) + ")" + (couldBeMonths
                ? "; if they are months, give --time-format yyyy" + first.group(2) + "MM" : ""));
    }

    /** This format, its future times written by {@code printer} (the first value's padding or case). */
    TimeFormat writtenAs(DateTimeFormatter printer) {
        this.printer = printer;
        return this;
    }

    /** This format with a note for the reader of how it was recognised ({@link #note}). */
    TimeFormat noted(String note) {
        this.note = note;
        return this;
    }

    /** This format, its values' English month names read by their abbreviations ({@link #abbreviatedMonths}). */
    TimeFormat readingMonthNames() {
        this.monthWords = true;
        return this;
    }

    /** This format after a weekday's name written by {@code weekday} ({@code EEEE', '}). */
    TimeFormat afterWeekday(DateTimeFormatter weekday) {
        this.weekday = weekday;
        return this;
    }

    /** Whether values have a weekday's name before them. */
    boolean hasWeekday() {
        return weekday != null;
    }

    /**
     * This ISO date-time format, written with {@code separator} between date and time ({@code T} or a space), with
     * seconds or without.
     */
    TimeFormat laidOut(char separator, boolean seconds) {
        this.separator = separator;
        this.seconds = seconds;
        return this;
    }

    /** The English months' full names, in lower case. */
    static final String[] FULL_MONTHS = {"january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december"};

    /**
     * The number of an English month name in lower case: in full, or its first three letters or more ({@code sep},
     * {@code sept}); -1 for none.
     */
    public static int monthNumber(String lower) {
        for (int i = 0; lower.length() >= 3 && i < FULL_MONTHS.length; i++) {
            if (FULL_MONTHS[i].startsWith(lower)) {
                return i + 1;
            }
        }
        return -1;
    }


    /**
     * {@code s} with each English month name in it, full or abbreviated to three letters or more in any case
     * ({@code SEPT}, {@code June}), as its three-letter abbreviation ({@code Sep}, {@code Jun}), which the month-name
     * formats parse: one file may write May and June, or Sept.
     */
    static String abbreviatedMonths(String s) {
        StringBuilder out = null;
        int i = 0;
        while (i < s.length()) {
            if (!Character.isLetter(s.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j < s.length() && Character.isLetter(s.charAt(j))) {
                j++;
            }
            int month = j - i > 3 ? monthNumber(s.substring(i, j).toLowerCase(Locale.ROOT)) : -1;
            if (month > 0) {
                out = out == null ? new StringBuilder(s) : out;
                // the same length in what was written before: replace from the end of the copy
                out.replace(out.length() - (s.length() - i), out.length() - (s.length() - j),
                        FULL_MONTHS[month - 1].substring(0, 3));
            }
            i = j;
        }
        return out == null ? s : out.toString();
    }


    /**
     * Parses a {@code --time-format} value: {@code steps}, {@code epoch-s}, {@code epoch-ms}, {@code date},
     * {@code datetime}, or a pattern.
     */
    public static TimeFormat parseOption(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "steps":
            case "step":
            case "integer":
                return of(Kind.STEPS);
            case "epoch-s":
            case "epoch":
            case "epoch-seconds":
                return of(Kind.EPOCH_SECONDS);
            case "epoch-ms":
            case "epoch-millis":
                return of(Kind.EPOCH_MILLIS);
            case "date":
                return of(Kind.DATE);
            case "datetime":
            case "date-time":
                return of(Kind.DATE_TIME);
            default:
                return pattern(s);
        }
    }

    /** Whether a word is an English weekday's name in any case, full or cut to three letters or more. */
    static boolean weekdayName(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return lower.length() >= 3 && java.util.Arrays.stream(FULL_WEEKDAYS).anyMatch(d -> d.startsWith(lower));
    }


    /**
     * What to tell the user of how this format was recognised where the first rows left a choice (the order of day
     * and month of dates with slashes, taken from a day that never changes), or null.
     */
    public String note() {
        return note;
    }

    /** The kind. */
    public Kind kind() {
        return kind;
    }

    /** Whether values are integer steps (no calendar). */
    public boolean isSteps() {
        return kind == Kind.STEPS;
    }

    /**
     * Parses a value to its sortable key: the step, or the local date-time's seconds since 1970.
     *
     * @throws DateTimeParseException or NumberFormatException when the value does not fit
     */
    public long parse(String raw) {
        String s = weekday == null ? raw.trim() : withoutWeekday(raw.trim());
        switch (kind) {
            case STEPS:
                return Long.parseLong(s);
            case EPOCH_SECONDS:
                return Long.parseLong(s);
            case EPOCH_MILLIS: {
                long ms = Long.parseLong(s);
                if (ms % 1000 != 0) {
                    throw new DateTimeParseException("sub-second epoch times are not supported", s, 0);
                }
                return ms / 1000;
            }
            case DATE:
                return fastDate(s).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            case SPREADSHEET_DAYS:
                return SPREADSHEET_EPOCH.plusDays(Long.parseLong(s)).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            case DECIMAL_YEARS: {
                if (!DECIMAL_YEAR.matcher(s).matches()) {
                    throw new DateTimeParseException("not a year with a fraction", s, 0);
                }
                double y = Double.parseDouble(s);
                int year = (int) Math.floor(y);
                if (!wholePeriods(y - year, periodsAYear)) {
                    throw new DateTimeParseException("not a whole period of " + periodsAYear + " a year", s, 0);
                }
                int period = (int) Math.rint((y - year) * periodsAYear);
                if (period == periodsAYear) {
                    year++;
                    period = 0;
                }
                return LocalDate.of(year, 1 + period * (12 / periodsAYear), 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            }
            case MONTH:
                return LocalDate.parse(s + "-01").atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            case FISCAL_YEARS: {
                Matcher m = FISCAL_SPAN.matcher(s);
                if (!m.matches() || !m.group(2).equals(fiscalMark) || !nextYear(m.group(1), m.group(3))) {
                    throw new DateTimeParseException("not a fiscal year written as the first (a year" + fiscalMark
                            + "the next)", s, 0);
                }
                return LocalDate.of(Integer.parseInt(m.group(1)), 1, 1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            }
            case DATE_TIME:
                return LocalDateTime.parse(s.replace(' ', 'T')).toEpochSecond(ZoneOffset.UTC);
            case OFFSET_DATE_TIME: {
                OffsetDateTime t = OffsetDateTime.parse(normaliseOffset(s.replace(' ', 'T')));
                if (offset == null) {
                    offset = t.getOffset();
                }
                return t.withOffsetSameInstant(offset).toLocalDateTime().toEpochSecond(ZoneOffset.UTC);
            }
            default: {
                TemporalAccessor t = pattern.parse(monthWords ? abbreviatedMonths(s) : s);
                LocalDate date = t.query(TemporalQueries.localDate());
                if (date == null) {
                    date = periodStart(t, s);
                }
                LocalTime time = patternHasTime ? t.query(TemporalQueries.localTime())
                        : null;
                if (patternHasTime && time == null) {
                    throw new DateTimeParseException("no time of day in " + s, s, 0);
                }
                return (time == null ? date.atStartOfDay() : date.atTime(time)).toEpochSecond(ZoneOffset.UTC);
            }
        }
    }

    /**
     * The first day of the period a pattern without a day names: the year's month (its first day), the year's
     * quarter (its first month), or the year.
     */
    private static LocalDate periodStart(TemporalAccessor t, String s) {
        ChronoField year = ChronoField.YEAR;
        if (!t.isSupported(year)) {
            throw new DateTimeParseException("no year in " + s, s, 0);
        }
        try {
            // a field out of its range (2018-19 read as yyyy-M: month 19) is refused as the value is, not thrown past
            // the reader as another exception
            int month = 1;
            if (t.isSupported(ChronoField.MONTH_OF_YEAR)) {
                month = t.get(ChronoField.MONTH_OF_YEAR);
            } else if (t.isSupported(IsoFields.QUARTER_OF_YEAR)) {
                month = 3 * (int) t.getLong(IsoFields.QUARTER_OF_YEAR) - 2;
            }
            int day = t.isSupported(ChronoField.DAY_OF_MONTH)
                    ? t.get(ChronoField.DAY_OF_MONTH) : 1;
            return LocalDate.of(t.get(year), month, day);
        } catch (DateTimeParseException e) {
            throw e;
        } catch (DateTimeException e) {
            throw new DateTimeParseException(e.getMessage(), s, 0);
        }
    }

    private static String normaliseOffset(String s) {
        // +01 and +0100 -> +01:00
        int i = Math.max(s.lastIndexOf('+'), s.lastIndexOf('-'));
        if (i > 10 && !s.endsWith("Z")) {
            String off = s.substring(i + 1);
            if (off.length() == 2) {
                return s + ":00";
            }
            if (off.length() == 4) {
                return s.substring(0, i + 3) + ":" + off.substring(2);
            }
        }
        return s;
    }

    private static LocalDate fastDate(String s) {
        if (s.length() == 10 && s.charAt(4) == '-' && s.charAt(7) == '-') {
            int y = digits(s, 0, 4);
            int m = digits(s, 5, 7);
            int d = digits(s, 8, 10);
            if (y >= 0 && m >= 0 && d >= 0) {
                try {
                    return LocalDate.of(y, m, d);
                } catch (DateTimeException e) {
                    throw new DateTimeParseException(e.getMessage(), s, 0);
                }
            }
        }
        return LocalDate.parse(s);
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The local date-time of a key. */
    public static LocalDateTime toDateTime(long key) {
        return LocalDateTime.ofEpochSecond(key, 0, ZoneOffset.UTC);
    }

    /** The key of a local date-time. */
    public static long toKey(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC);
    }

    /** A value without the weekday's name before its date ({@code Mon Jan 01 2024}: {@code Jan 01 2024}). */
    private static String withoutWeekday(String s) {
        Matcher m = WEEKDAY.matcher(s);
        if (!m.matches() || !weekdayName(m.group(1) + m.group(2))) {
            throw new DateTimeParseException("no weekday's name before the date", s, 0);
        }
        return m.group(4);
    }

    /** Prints a date-time the way the input wrote its times. */
    public String format(LocalDateTime t) {
        return weekday == null ? formatDate(t) : t.format(weekday) + formatDate(t);
    }

    private String formatDate(LocalDateTime t) {
        switch (kind) {
            case EPOCH_SECONDS:
                return Long.toString(t.toEpochSecond(ZoneOffset.UTC));
            case EPOCH_MILLIS:
                return Long.toString(t.toEpochSecond(ZoneOffset.UTC) * 1000);
            case DATE:
            case SPREADSHEET_DAYS:
                return t.toLocalDate().toString();
            case DECIMAL_YEARS: {
                // as R prints a ts' time: the year plus the period's fraction, to 15 significant digits
                int period = (t.getMonthValue() - 1) / (12 / periodsAYear);
                double y = t.getYear() + (double) period / periodsAYear;
                return new java.math.BigDecimal(y).round(new java.math.MathContext(15)).stripTrailingZeros()
                        .toPlainString();
            }
            case MONTH:
                return t.toLocalDate().toString().substring(0, 7);
            case FISCAL_YEARS: {
                int next = t.getYear() + 1;
                return t.getYear() + fiscalMark + (fiscalFourDigits ? Integer.toString(next)
                        : String.format(Locale.ROOT, "%02d", next % 100));
            }
            case DATE_TIME:
                return dateTime(t);
            case OFFSET_DATE_TIME:
                return dateTime(t) + (offset == null || offset.equals(ZoneOffset.UTC) ? "Z" : offset.getId());
            case PATTERN:
                return patternHasTime ? t.format(printer) : t.toLocalDate().format(printer);
            default:
                throw new IllegalStateException("integer steps have no date-time");
        }
    }

    private String dateTime(LocalDateTime t) {
        String s = String.format(Locale.ROOT, "%04d-%02d-%02d%c%02d:%02d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), separator, t.getHour(), t.getMinute());
        return seconds ? s + String.format(Locale.ROOT, ":%02d", t.getSecond()) : s;
    }

    @Override
    public String toString() {
        String date = kind == Kind.PATTERN ? "pattern " + patternText : kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return weekday == null ? date : date + " after the weekday's name";
    }
}
