package dev.recur.connectors.series;

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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a time column is written: integer steps, epoch seconds or milliseconds, ISO dates, months,
 * date-times with or without an offset, or a pattern (given, or recognised: dates day first with dots, quarter,
 * month and ISO week labels). Parses values to a sortable {@code long}
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
        DECIMAL_YEARS
    }

    /** The day a spreadsheet's serial date counts from (day 1 is 1899-12-31, as Excel's and LibreOffice's are after 1900-03-01). */
    private static final LocalDate SPREADSHEET_EPOCH = LocalDate.of(1899, 12, 30);
    /** The serial dates read as spreadsheet dates where a date column holds whole numbers: 1954-10-03 to 2119-01-10. */
    private static final long FIRST_SERIAL = 20_000;
    private static final long LAST_SERIAL = 80_000;

    /**
     * The format of a column named as a date ({@code date}, {@code order_date}) whose first value, read as integer
     * steps, is a whole number a spreadsheet's serial date would be (20000 to 80000: 1954 to 2119): dates whose cells
     * lost their format on the way to the file. Null for any other.
     */
    public static TimeFormat spreadsheetDays(String column, String first) {
        String name = column.trim().toLowerCase(Locale.ROOT);
        if (!(name.contains("date") || name.equals("day")) || !INTEGER.matcher(first.trim()).matches()) {
            return null;
        }
        long n = Long.parseLong(first.trim());
        if (n < FIRST_SERIAL || n > LAST_SERIAL) {
            return null;
        }
        TimeFormat f = of(Kind.SPREADSHEET_DAYS);
        f.note = "read the whole numbers of column '" + column + "' as a spreadsheet's serial dates (" + n + " is "
                + SPREADSHEET_EPOCH.plusDays(n) + "), the forecasts dated yyyy-MM-dd; if they are steps, give "
                + "--time-format steps";
        return f;
    }

    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    /** A year of R's decimal times: four digits and perhaps a fraction. */
    private static final Pattern DECIMAL_YEAR = Pattern.compile("\\d{4}(\\.\\d+)?");
    /** Whether a fraction of a year is a whole number of periods of {@code m} a year, within R's printed digits. */
    private static boolean wholePeriods(double fraction, int m) {
        return Math.abs(fraction * m - Math.rint(fraction * m)) < PERIOD_TOLERANCE * m;
    }

    /** The periods a year of R's decimal times, tried in this order: the first that every fraction fits is taken. */
    private static final int[] PERIODS_A_YEAR = {2, 4, 12};
    /** How far a fraction may be from a period's (R writes 15 significant digits). */
    private static final double PERIOD_TOLERANCE = 1e-6;

    /**
     * The format of R's decimal times ({@link Kind#DECIMAL_YEARS}) where the first value ({@code first}) and every
     * value of {@code column} (the time column's values in the first rows) are years of four digits
     * with or without a fraction, some fraction is not 0, and every fraction is a whole number of 1/2, 1/4 or 1/12
     * of a year (the fewest periods that fit all); null otherwise: whole years alone stay integer steps.
     */
    public static TimeFormat decimalYears(String first, java.util.List<String> column) {
        java.util.List<Double> fractions = new java.util.ArrayList<>();
        for (String v : java.util.stream.Stream.concat(java.util.stream.Stream.of(first), column.stream()).toList()) {
            String t = v.trim();
            if (!DECIMAL_YEAR.matcher(t).matches()) {
                return null;
            }
            double y = Double.parseDouble(t);
            fractions.add(y - Math.floor(y));
        }
        if (fractions.stream().allMatch(f -> f == 0)) {
            return null;
        }
        for (int m : PERIODS_A_YEAR) {
            if (fractions.stream().allMatch(f -> wholePeriods(f, m))) {
                TimeFormat t = of(Kind.DECIMAL_YEARS);
                t.periodsAYear = m;
                t.note = "read the times as R writes a ts' times, years and their fractions of " + m + " periods a year ("
                        + first.trim() + " is " + toDateTime(t.parse(first)).toLocalDate() + ")";
                return t;
            }
        }
        return null;
    }
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    /** An ISO date with its month or day unpadded ({@code 1986-1-01}, {@code 2024-3-5}), as some tools write it. */
    private static final Pattern UNPADDED_DATE = Pattern.compile("\\d{4}-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");
    /** Day first with dots, as German, Russian, Polish, Nordic and other locales write dates; never month first. */
    private static final Pattern DOTTED = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})( \\d{1,2}:\\d{2}(:\\d{2})?)?");
    /**
     * A date with slashes or dashes and the year last: 31/01/2024 or 31-01-2024 (day first), 1/31/2024 (month
     * first), perhaps with a time of the 24-hour or the 12-hour clock (1/31/2024 0:00, 01/31/2024 01:00:00 PM);
     * with dashes the year has four digits (24-01-31 is a year first).
     */
    private static final Pattern SLASHED = Pattern.compile(
            "(\\d{1,2})([/-])(\\d{1,2})\\2(\\d{4}|\\d{2})( (\\d{1,2}):\\d{2}(:\\d{2})?( ?[AaPp][Mm])?)?");
    /** A date-time in UTC named by a word, as BigQuery and other warehouses export timestamps. */
    private static final Pattern UTC_WORD = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2})?( UTC)");
    /** A quarter after its year: 2024-Q1, 2024Q1, 2024 Q1, 2024/Q1. */
    private static final Pattern YEAR_QUARTER = Pattern.compile("\\d{4}([-/ ]?)[Qq][1-4]");
    /** A quarter before its year: Q1 2024, Q1-2024, Q1/2024. */
    private static final Pattern QUARTER_YEAR = Pattern.compile("[Qq][1-4]([-/ ]?)\\d{4}");
    /** A month after its year with a slash or an M: 2024/01, 2024M01 (the statistics offices' code). */
    private static final Pattern YEAR_MONTH = Pattern.compile("\\d{4}(/|M)\\d{2}");
    /** An English month name and a year: Jan 2024, January 2024, Jan-2024, Jan2024. */
    private static final Pattern MONTH_NAME_YEAR = Pattern.compile("(?i)" + TimeFormat.MONTHS + "([a-z]*)([ -]?)\\d{4}");
    /** A year, then an English month's name ({@code 2015 JAN}, as the UK's statistics office labels months). */
    private static final Pattern YEAR_MONTH_NAME = Pattern.compile("(?i)\\d{4}([ -]?)" + TimeFormat.MONTHS + "([a-z]*)");
    /** An hour with a leading zero after a date with slashes, in a file's first rows: 1/31/2024 01:00. */
    private static final Pattern PADDED_HOUR = Pattern.compile("[/-]\\d{2,4} 0\\d:");
    /** A date with slashes and the year first: 2024/01/31, 2024/1/31 (as East Asian and some ISO-minded exports). */
    private static final Pattern YEAR_SLASHED = Pattern.compile(
            "\\d{4}([/.])(\\d{1,2})\\1(\\d{1,2})( (\\d{1,2}):\\d{2}(:\\d{2})?)?");
    private static final String MONTHS = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)";
    /** A day, an English month name and a year: 31-Jan-2024, 31 Jan 2024, 31-Jan-24, 31 January 2024. */
    private static final Pattern DAY_MONTH_NAME_YEAR = Pattern.compile(
            "(?i)(\\d{1,2})([ -])" + MONTHS + "([a-z]*)\\2(\\d{4}|\\d{2})");
    /**
     * An English month name, a day and a year, with a comma or without: January 31, 2024; Jan 31, 2024; Jan 01 2024
     * (JavaScript's date string, after its weekday).
     */
    private static final Pattern MONTH_NAME_DAY_YEAR = Pattern.compile("(?i)" + MONTHS + "([a-z]*) (\\d{1,2})(,?) \\d{4}");
    /**
     * A weekday's English name before a date, full or abbreviated, with a comma or without: Monday, January 1, 2024
     * (a spreadsheet's long date), Mon Jan 01 2024 (JavaScript's date string).
     */
    private static final Pattern WEEKDAY = Pattern.compile("(?i)(mon|tue|wed|thu|fri|sat|sun)([a-z]*)(,? )(.+)");
    /** The English weekdays' full names, in lower case. */
    private static final String[] FULL_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday"};
    /**
     * A year and a number after it with a dash, a dot or a slash, not padded to two digits as {@link #MONTH} and
     * {@link #YEAR_MONTH} are: 2018-1, 2018/1, 2018.01, 2018.1 (a month, or a quarter where the numbers of the first
     * rows never pass 4 and the year turns after 4).
     */
    private static final Pattern YEAR_NUMBER = Pattern.compile("(\\d{4})([-/.])(\\d{1,2})");
    /** Years numbered from 1 and a month of two digits ({@code 1-01}, {@code 13-03}): the textbooks' shampoo sales. */
    private static final Pattern NUMBERED_YEAR_MONTH = Pattern.compile("(\\d{1,3})-(\\d{2})");
    /** An English month name and a two-digit year, as a spreadsheet shows months: Jan-24, Jan 24. */
    private static final Pattern MONTH_NAME_YY = Pattern.compile("(?i)" + MONTHS + "([a-z]*)([ -])\\d{2}");
    /** A month's number and a year: 01-2024, 1/2024, 01.2024. */
    private static final Pattern MONTH_NUMBER_YEAR = Pattern.compile("(\\d{1,2})([-/.])\\d{4}");
    /** The year a two-digit year counts from, as spreadsheets read them: 30 to 99 are 1930 to 1999, 00 to 29 after 2000. */
    private static final int TWO_DIGIT_YEAR_BASE = 1930;
    /** An ISO week: 2024-W05, 2024W05, 2024 W05. */
    private static final Pattern ISO_WEEK = Pattern.compile("\\d{4}([- ]?)W\\d{2}");
    /** A week's number after its year, as reports label weeks: 2024 Week 5, 2024-W5, 2024 wk 05. */
    private static final Pattern YEAR_WEEK = Pattern.compile("(?i)(\\d{4})([- ]?)(week|wk|w)( ?)(\\d{1,2})");
    /** A week's number before its year: Week 5 2024, Week 5, 2024, W5-2024, wk05/2024. */
    private static final Pattern WEEK_YEAR = Pattern.compile("(?i)(week|wk|w)( ?)(\\d{1,2})(, |[-/ ])(\\d{4})");
    /**
     * A quarter after its year of two digits or a fiscal year, as finance reports label them: 24Q1, 24-Q1,
     * FY2024 Q1, FY24 Q1 (a year of four digits and no FY is {@link #YEAR_QUARTER}).
     */
    private static final Pattern YY_QUARTER = Pattern.compile("(?i)(FY ?|)(\\d{4}|\\d{2})([-/ ]?)(Q)([1-4])");
    /** A quarter before its year of two digits or a fiscal year: Q1 24, Q1/24, Q1-FY24, Q1 FY2024. */
    private static final Pattern QUARTER_YY = Pattern.compile("(?i)(Q)([1-4])([-/ ]?)(FY ?|)(\\d{4}|\\d{2})");
    /** A quarter's number, a Q and its year, as investor relations write them: 1Q24, 1Q2024. */
    private static final Pattern NUMBER_Q_YEAR = Pattern.compile("(?i)([1-4])(Q)(\\d{4}|\\d{2})");
    /** A fiscal year: FY2024, FY24, FY 2024. */
    private static final Pattern FISCAL_YEAR = Pattern.compile("(?i)(FY ?)(\\d{4}|\\d{2})");
    private static final Pattern OFFSET = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}(:?\\d{2})?)");

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

    /** The English months' full names, in lower case. */
    private static final String[] FULL_MONTHS = {"january", "february", "march", "april", "may", "june", "july",
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
     * The month pattern of an English month name, by its first three letters and the rest: {@code MMMM} for a full
     * name, else {@code MMM} (an abbreviation, May, or a longer one such as Sept, written back as Sep).
     */
    private static String monthName(String first, String rest) {
        return !rest.isEmpty() && java.util.Arrays.asList(FULL_MONTHS).contains((first + rest).toLowerCase(Locale.ROOT))
                ? "MMMM" : "MMM";
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
     * A date with an English month name: parsed by {@code parse} (whose {@code [MMMM][MMM]} takes a full name or an
     * abbreviation of three letters or more, in any case: {@link #abbreviatedMonths}), written by {@code print} as the first value was; both then end in a two-digit year
     * where {@code twoDigitYear}, read as spreadsheets read one: 30 to 99 in the 1900s, 00 to 29 in the 2000s, so
     * that Dec-99 comes before Jan-00.
     */
    private static TimeFormat named(String parse, String print, boolean twoDigitYear) {
        DateTimeFormatterBuilder in = new DateTimeFormatterBuilder().parseCaseInsensitive()
                .appendPattern(parse.replace("[MMMM][MMM]", "MMM"));
        DateTimeFormatterBuilder out = new DateTimeFormatterBuilder().appendPattern(print);
        if (twoDigitYear) {
            in.appendValueReduced(ChronoField.YEAR, 2, 2, TWO_DIGIT_YEAR_BASE);
            out.appendValueReduced(ChronoField.YEAR, 2, 2, TWO_DIGIT_YEAR_BASE);
        }
        TimeFormat t = new TimeFormat(Kind.PATTERN, in.toFormatter(Locale.ENGLISH), false);
        t.printer = out.toFormatter(Locale.ENGLISH);
        t.patternText = print + (twoDigitYear ? "yy" : "");
        t.monthWords = true;
        return t;
    }

    /**
     * A period label of a year (four digits, or two read as spreadsheets read them) and perhaps a quarter's number,
     * between literal text, parsed in any case and written as the first value was: {@code before} year
     * {@code between} quarter (24Q1, FY2024 Q1: {@code yearFirst} given), or {@code before} quarter {@code between}
     * year (Q1 24, 1Q24: {@code yearLast} given), or a year alone (FY2024: {@code between} null).
     */
    private static TimeFormat label(String before, String yearFirst, String between, String yearLast) {
        DateTimeFormatterBuilder in = new DateTimeFormatterBuilder().parseCaseInsensitive();
        DateTimeFormatterBuilder out = new DateTimeFormatterBuilder();
        StringBuilder text = new StringBuilder();
        for (DateTimeFormatterBuilder b : java.util.List.of(in, out)) {
            b.appendLiteral(before);
            if (yearFirst != null) {
                year(b, yearFirst);
                if (between != null) {
                    b.appendLiteral(between).appendValue(IsoFields.QUARTER_OF_YEAR, 1);
                }
            } else {
                b.appendValue(IsoFields.QUARTER_OF_YEAR, 1).appendLiteral(between);
                year(b, yearLast);
            }
        }
        String yearText = (yearFirst != null ? yearFirst : yearLast).length() == 4 ? "yyyy" : "yy";
        text.append(quoted(before));
        if (yearFirst != null) {
            text.append(yearText).append(between == null ? "" : quoted(between) + "Q");
        } else {
            text.append("Q").append(quoted(between)).append(yearText);
        }
        TimeFormat t = new TimeFormat(Kind.PATTERN, in.toFormatter(Locale.ROOT), false);
        t.printer = out.toFormatter(Locale.ROOT);
        t.patternText = text.toString();
        return t;
    }

    /** Whether a week's number is one of an ISO year's (1 to 53). */
    private static boolean weekNumber(String digits) {
        int w = Integer.parseInt(digits);
        return w >= 1 && w <= 53;
    }

    /**
     * A week label that is not an ISO week's code: the year and the word before the week's number ({@code before}
     * ends in the word: {@code 2024 Week }), or the word before it and the year after ({@code between} the number
     * and the year: {@code Week 5, 2024}); read as the ISO week of that number (its Monday), in any case, and written
     * as the first value was, its number padded to two digits where that value's or another of the first rows' was
     * ({@code sample}).
     */
    private static TimeFormat week(String before, String number, String between, CharSequence sample) {
        boolean yearFirst = between.isEmpty();
        String word = yearFirst ? before.substring(4) : before;
        DateTimeFormatterBuilder in = new DateTimeFormatterBuilder().parseCaseInsensitive();
        DateTimeFormatterBuilder out = new DateTimeFormatterBuilder();
        for (DateTimeFormatterBuilder b : java.util.List.of(in, out)) {
            if (yearFirst) {
                b.appendValue(IsoFields.WEEK_BASED_YEAR, 4);
            }
            b.appendLiteral(word);
            boolean padded = b == out && (number.startsWith("0")
                    || Pattern.compile("(?i)" + Pattern.quote(word) + "0\\d").matcher(sample).find());
            b.appendValue(IsoFields.WEEK_OF_WEEK_BASED_YEAR, padded ? 2 : 1, 2, java.time.format.SignStyle.NOT_NEGATIVE);
            if (!yearFirst) {
                b.appendLiteral(between).appendValue(IsoFields.WEEK_BASED_YEAR, 4);
            }
        }
        in.parseDefaulting(ChronoField.DAY_OF_WEEK, 1);
        TimeFormat f = new TimeFormat(Kind.PATTERN, in.toFormatter(Locale.ROOT), false);
        f.printer = out.toFormatter(Locale.ROOT);
        f.patternText = "ISO week " + (yearFirst ? "YYYY" + quoted(word) + "w" : quoted(word) + "w" + quoted(between)
                + "YYYY");
        return f;
    }

    /** A year of the digits of {@code example}: four, or two read as spreadsheets read them. */
    private static void year(DateTimeFormatterBuilder b, String example) {
        if (example.length() == 4) {
            b.appendValue(ChronoField.YEAR, 4);
        } else {
            b.appendValueReduced(ChronoField.YEAR, 2, 2, TWO_DIGIT_YEAR_BASE);
        }
    }

    /** Literal text for a pattern, in quotes (nothing for none). */
    private static String quoted(String literal) {
        return literal.isEmpty() ? "" : "'" + literal + "'";
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

    /** Whether eight digits are a date {@code yyyyMMdd} of the years 1900 to 2100. */
    private static boolean plausibleDate(String digits) {
        int year = Integer.parseInt(digits.substring(0, 4));
        int month = Integer.parseInt(digits.substring(4, 6));
        int day = Integer.parseInt(digits.substring(6, 8));
        return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1
                && day <= java.time.YearMonth.of(year, month).lengthOfMonth();
    }

    /** A date with slashes or dashes and the year last among other text (a file's first rows). */
    private static final Pattern SLASHED_IN_TEXT =
            Pattern.compile("(?<![\\d/-])(\\d{1,2})([/-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\d/-])(?: (\\d{1,2}:\\d{2}))?");

    /**
     * An order of day and month of dates with slashes.
     *
     * @param pattern  {@code d/M/} or {@code M/d/}
     * @param why      how the day was told where it was a judgement the reader tells the user of (not shown by a
     *                 day above 12), else null
     */
    private record SlashOrder(String pattern, String why) {
    }

    /** The day told by a number that never changes over the first rows. */
    private static final String FIXED_DAY = "the day being the number that never changes in the first rows";
    /** The day told by a number that changes from one day's times of day to the next. */
    private static final String CHANGING_DAY = "the day being the number that changes after each day's times in the "
            + "first rows";

    /**
     * The order of day and month that the slashed dates of a text show, or null. A number above 12 is a day. Where
     * none is, a number that is the same on every date while the other changes is the day: monthly and quarterly
     * data dated on a fixed day of the month ({@code 01/02/2024, 01/03/2024} day first, {@code 2/1/2024, 3/1/2024}
     * month first), the way spreadsheets write them; read the other way they would be the first twelve days of one
     * month, then a jump of a year. But where the dates come with times of day that change (hourly data,
     * {@code 1/1/2024 0:00, 1/1/2024 1:00, ..., 1/2/2024 0:00}), the date changes from one day to the next, and the
     * number that changes is the day. Dates whose two numbers never change and are equal (yearly data on
     * {@code 01/01}) read the same either way.
     */
    private static SlashOrder slashOrder(CharSequence text, String separator) {
        Matcher m = SLASHED_IN_TEXT.matcher(text);
        boolean dayFirst = false;
        boolean monthFirst = false;
        int firstA = -1;
        int firstB = -1;
        boolean aChanges = false;
        boolean bChanges = false;
        String firstTime = null;
        boolean timesChange = false;
        while (m.find()) {
            if (!m.group(2).equals(separator)) {
                continue;
            }
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(3));
            dayFirst |= a > 12 && b <= 12;
            monthFirst |= b > 12 && a <= 12;
            if (firstA < 0) {
                firstA = a;
                firstB = b;
                firstTime = m.group(5);
            }
            timesChange |= !java.util.Objects.equals(firstTime, m.group(5));
            aChanges |= a != firstA;
            bChanges |= b != firstB;
        }
        if (dayFirst || monthFirst) {
            return dayFirst == monthFirst ? null : new SlashOrder(dayFirst ? "d/M/" : "M/d/", null);
        }
        if (firstA < 0 || aChanges == bChanges && (aChanges || firstA != firstB)) {
            return null;
        }
        if (timesChange && aChanges != bChanges) {
            return new SlashOrder(aChanges ? "d/M/" : "M/d/", CHANGING_DAY);
        }
        return aChanges ? new SlashOrder("M/d/", FIXED_DAY) : new SlashOrder("d/M/", bChanges ? FIXED_DAY : null);
    }

    /** Whether a word is an English weekday's name in any case, full or cut to three letters or more. */
    private static boolean weekdayName(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return lower.length() >= 3 && java.util.Arrays.stream(FULL_WEEKDAYS).anyMatch(d -> d.startsWith(lower));
    }

    /** A day of one digit padded after an English month name: Jan 01. */
    private static final Pattern PADDED_DAY_AFTER_MONTH = Pattern.compile("(?i)" + MONTHS + "[a-z]* 0\\d");

    /**
     * Whether the days after month names are written in two digits: the first value's ({@code day}) begins with 0, or
     * another of the first rows ({@code sample}) shows such a day.
     */
    private static boolean padded(String day, CharSequence sample) {
        return day.startsWith("0") || day.length() == 2 && PADDED_DAY_AFTER_MONTH.matcher(sample).find();
    }

    /** A year, a dash, dot or slash and a number, somewhere in a file's first rows (not within a longer date). */
    private static final Pattern YEAR_NUMBER_IN_TEXT = Pattern.compile("(?<![\\d./-])(\\d{4})([-/.])(\\d{1,2})(?![\\d./:-])");

    /**
     * A year followed by a month's or a quarter's number ({@link #YEAR_NUMBER}), as the first rows ({@code sample})
     * show it: a month where a number of them passes 4 (none passes 12), a quarter where none does and the year
     * turns after a 4 (2015-4 then 2016-1), else null (a few months at the start of one year, which the user names
     * with --time-format). Written back as the first value was: a month of two digits padded ({@code 2018.01}).
     * With dots, single digits that never reach 10 (2018.1 to 2018.9) may be decimal numbers and are not read.
     */
    private static TimeFormat yearAndNumber(String separator, String first, CharSequence sample) {
        int n = Integer.parseInt(first);
        int largest = n;
        int lowest = n;
        boolean turnsAfterFour = false;
        int lastYear = -1;
        int last = -1;
        Matcher m = YEAR_NUMBER_IN_TEXT.matcher(sample);
        while (m.find()) {
            if (!m.group(2).equals(separator)) {
                continue;
            }
            int year = Integer.parseInt(m.group(1));
            int k = Integer.parseInt(m.group(3));
            largest = Math.max(largest, k);
            lowest = Math.min(lowest, k);
            turnsAfterFour |= year == lastYear + 1 && last == 4 && k == 1;
            lastYear = year;
            last = k;
        }
        if (lowest < 1 || largest > 12 || separator.equals(".") && first.length() != 2 && largest < 10) {
            return null;
        }
        boolean quarter = largest <= 4;
        if (quarter && !turnsAfterFour) {
            return null;
        }
        String sep = quoted(separator);
        String number = quarter ? "Q" : "M";
        TimeFormat f = pattern("yyyy" + sep + number);
        f.printer = new DateTimeFormatterBuilder().appendPattern("yyyy" + sep + (first.length() == 2 && !quarter
                ? "MM" : number)).toFormatter(Locale.ROOT);
        if (quarter) {
            f.note = "times read as quarters (yyyy" + separator + "Q): the number after the year never passes 4 in the "
                    + "first rows and the year turns after a 4; if they are months, give --time-format yyyy"
                    + separator + "M";
        }
        return f;
    }

    /** {@link #NUMBERED_YEAR_MONTH} somewhere in a file's first rows (not within a longer date or number). */
    private static final Pattern NUMBERED_YEAR_MONTH_IN_TEXT = Pattern.compile("(?<![\\d./:-])(\\d{1,3})-(\\d{2})(?![\\d./:-])");

    /**
     * Months of years numbered from 1 ({@code 1-01} to {@code 3-12}, as textbooks' series are dated), where the first
     * rows ({@code sample}) show it: every number after the dash a month (01 to 12), each row the month after the one
     * before it or a series' first again, and a year that turns after a 12 (3-12 then 4-01); else null (the user
     * names the pattern, {@code y-MM}, with --time-format). Read as the years they are (year 1) and written back so.
     */
    private static TimeFormat numberedYearAndMonth(CharSequence sample) {
        Matcher m = NUMBERED_YEAR_MONTH_IN_TEXT.matcher(sample);
        int year = -1;
        int month = -1;
        int firstYear = -1;
        int firstMonth = -1;
        boolean turns = false;
        while (m.find()) {
            int y = Integer.parseInt(m.group(1));
            int k = Integer.parseInt(m.group(2));
            if (k < 1 || k > 12) {
                return null;
            }
            boolean next = y == year && k == month + 1 || y == year + 1 && month == 12 && k == 1;
            if (year >= 0 && !next && !(y == firstYear && k == firstMonth)) {
                return null;
            }
            turns |= year >= 0 && y == year + 1;
            if (firstYear < 0) {
                firstYear = y;
                firstMonth = k;
            }
            year = y;
            month = k;
        }
        if (!turns) {
            return null;
        }
        TimeFormat f = pattern("y-MM");
        f.note = "times read as months of years numbered from 1 (y-MM: 1-01 is the first year's January); if they are "
                + "something else, give --time-format";
        return f;
    }

    /**
     * What to say of a first time value that {@link #detect} does not recognise: the patterns it may have been
     * written in, where a few are likely ({@code 01/02/2024}: day or month first), else an example.
     */
    public static String hint(String v) {
        Matcher year = YEAR_NUMBER.matcher(v.trim());
        if (year.matches()) {
            String sep = year.group(2);
            return "yyyy" + sep + "M for months, yyyy" + sep + "Q for quarters";
        }
        if (NUMBERED_YEAR_MONTH.matcher(v.trim()).matches()) {
            return "y-MM where they are months of years numbered from 1";
        }
        Matcher m = SLASHED.matcher(v.trim());
        if (m.matches()) {
            String y = m.group(4).length() == 4 ? "yyyy" : "yy";
            String sep = m.group(2);
            return "dd" + sep + "MM" + sep + y + " where the day comes first, MM" + sep + "dd" + sep + y
                    + " where the month does";
        }
        return "e.g. dd/MM/yyyy";
    }

    /** Recognises the format of a first time value, or returns null. */
    public static TimeFormat detect(String v) {
        return detect(v, "");
    }

    /**
     * Recognises the format of a first time value, or returns null; a date with slashes whose first value does not
     * show whether the day or the month comes first ({@code 01/02/2024}) takes the order that the dates of
     * {@code sample} (the file's first rows) show, where they show one and only one ({@code 13/02/2024}: the day).
     */
    public static TimeFormat detect(String v, CharSequence sample) {
        String s = v.trim();
        if (INTEGER.matcher(s).matches()) {
            int digits = s.startsWith("-") ? s.length() - 1 : s.length();
            // a period key of a database or a statistics package: 202401 (a month), 20240131 (a day); as integer
            // steps, every year would jump from 202312 to 202401, with 88 made-up months filled between
            if (digits == 6 && plausibleDate(s + "01")) {
                return pattern("yyyyMM");
            }
            if (digits == 8 && plausibleDate(s)) {
                return pattern("yyyyMMdd");
            }
            if (digits >= 12) {
                return of(Kind.EPOCH_MILLIS);
            }
            if (digits >= 9) {
                return of(Kind.EPOCH_SECONDS);
            }
            return of(Kind.STEPS);
        }
        if (DATE.matcher(s).matches()) {
            return of(Kind.DATE);
        }
        if (MONTH.matcher(s).matches()) {
            return of(Kind.MONTH);
        }
        if (DATE_TIME.matcher(s).matches()) {
            TimeFormat f = of(Kind.DATE_TIME);
            f.separator = s.charAt(10);
            f.seconds = s.length() > 16;
            return f;
        }
        Matcher unpadded = UNPADDED_DATE.matcher(s);
        if (unpadded.matches()) {
            // parsed leniently (1986-1-01 and 1986-10-01 alike), written as the first value was
            TimeFormat f = pattern("yyyy-M-d");
            f.printer = DateTimeFormatter.ofPattern("yyyy-" + (unpadded.group(1).length() == 2 ? "MM" : "M") + "-"
                    + (unpadded.group(2).length() == 2 ? "dd" : "d"), Locale.ROOT);
            return f;
        }
        Matcher dotted = DOTTED.matcher(s);
        if (dotted.matches()) {
            // parsed leniently (1.2.2024 and 01.02.2024 alike), written as the first value was
            boolean padded = dotted.group(1).length() == 2 && dotted.group(2).length() == 2;
            String time = dotted.group(4) == null ? "" : dotted.group(5) == null ? " H:mm" : " H:mm:ss";
            TimeFormat f = pattern("d.M.yyyy" + time);
            f.printer = DateTimeFormatter.ofPattern((padded ? "dd.MM.yyyy" : "d.M.yyyy") + time.replace("H", "HH"),
                    Locale.ROOT);
            return f;
        }
        Matcher utc = UTC_WORD.matcher(s);
        if (utc.matches()) {
            // 2024-01-01 00:00:00 UTC: the times are UTC, written back with the word
            return pattern("yyyy-MM-dd" + quoted(String.valueOf(s.charAt(10))) + "HH:mm"
                    + (utc.group(1) != null ? ":ss" : "") + "' UTC'");
        }
        Matcher m = SLASHED.matcher(s);
        if (m.matches() && (m.group(2).equals("/") || m.group(4).length() == 4)) {
            // day first where the first number cannot be a month, month first where the second cannot; else ambiguous
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(3));
            String sep = m.group(2);
            String year = m.group(4).length() == 4 ? "yyyy" : "yy";
            boolean padded = m.group(1).length() == 2 && m.group(3).length() == 2;
            String order = a > 12 && b <= 12 ? "d/M/" : b > 12 && a <= 12 ? "M/d/" : null;
            String note = null;
            if (order == null && a <= 12 && b <= 12) {
                SlashOrder shown = slashOrder(sample, sep);
                order = shown == null ? null : shown.pattern();
                if (shown != null && shown.why() != null) {
                    String other = (order.equals("d/M/") ? "MM/dd/" : "dd/MM/").replace("/", sep);
                    note = "dates read " + (order.equals("d/M/") ? "day" : "month") + " first ("
                            + order.replace("d", "dd").replace("M", "MM").replace("/", sep) + year + "), " + shown.why()
                            + "; if not, give --time-format " + other + year;
                }
            }
            if (order == null) {
                return null;
            }
            order = order.replace("/", sep);
            // parsed leniently (5/2 and 05/02 alike), written as the first value was; a spreadsheet's date-time
            // (1/31/2024 0:00) with its time, of the 12-hour clock where it ends in AM or PM
            String amPm = m.group(8) == null ? "" : m.group(8).startsWith(" ") ? " a" : "a";
            String hour = amPm.isEmpty() ? "H" : "h";
            String time = m.group(5) == null ? "" : " " + hour + (m.group(7) == null ? ":mm" : ":mm:ss") + amPm;
            // hours padded where the first value or another of the first rows shows a leading zero (01:00)
            boolean paddedHours = m.group(5) != null && m.group(6).length() == 2
                    && (m.group(6).startsWith("0") || PADDED_HOUR.matcher(sample).find());
            String timeOut = paddedHours ? time.replace(hour, hour + hour) : time;
            TimeFormat f = pattern(order + year + time);
            f.printer = DateTimeFormatter.ofPattern((padded ? order.replace("d", "dd").replace("M", "MM") : order)
                    + year + timeOut, Locale.ENGLISH);
            f.note = note;
            return f;
        }
        m = YEAR_QUARTER.matcher(s);
        if (m.matches()) {
            return pattern("yyyy" + quoted(m.group(1) + "Q") + "Q");
        }
        m = QUARTER_YEAR.matcher(s);
        if (m.matches()) {
            return pattern("'Q'Q" + quoted(m.group(1)) + "yyyy");
        }
        m = YEAR_MONTH.matcher(s);
        if (m.matches()) {
            return pattern("yyyy" + quoted(m.group(1)) + "MM");
        }
        m = MONTH_NAME_YEAR.matcher(s);
        if (m.matches()) {
            return named("[MMMM][MMM]" + quoted(m.group(3)) + "yyyy", monthName(m.group(1), m.group(2))
                    + quoted(m.group(3)) + "yyyy", false);
        }
        m = YEAR_MONTH_NAME.matcher(s);
        if (m.matches()) {
            TimeFormat f = named("yyyy" + quoted(m.group(1)) + "[MMMM][MMM]", "yyyy" + quoted(m.group(1))
                    + monthName(m.group(2), m.group(3)), false);
            if ((m.group(2) + m.group(3)).equals((m.group(2) + m.group(3)).toUpperCase(Locale.ROOT))) {
                // written back in capitals, as the first value was (2015 JAN)
                Map<Long, String> upper = new java.util.HashMap<>();
                for (int k = 1; k <= 12; k++) {
                    String full = FULL_MONTHS[k - 1].toUpperCase(Locale.ROOT);
                    upper.put((long) k, m.group(3).isEmpty() ? full.substring(0, 3) : full);
                }
                f.printer = new DateTimeFormatterBuilder().appendValue(ChronoField.YEAR, 4)
                        .appendLiteral(m.group(1)).appendText(ChronoField.MONTH_OF_YEAR, upper)
                        .toFormatter(Locale.ENGLISH);
            }
            return f;
        }
        m = YEAR_SLASHED.matcher(s);
        if (m.matches()) {
            // 2024/01/31 or 2024.01.31, perhaps with a time (2024/01/31 13:00)
            String sep = m.group(1);
            String time = m.group(4) == null ? "" : m.group(6) == null ? " H:mm" : " H:mm:ss";
            boolean paddedHours = m.group(4) != null && m.group(5).length() == 2;
            TimeFormat f = pattern("yyyy" + sep + "M" + sep + "d" + time);
            String date = m.group(2).length() == 2 && m.group(3).length() == 2 ? "yyyy" + sep + "MM" + sep + "dd"
                    : "yyyy" + sep + "M" + sep + "d";
            f.printer = DateTimeFormatter.ofPattern(date + (paddedHours ? time.replace("H", "HH") : time), Locale.ROOT);
            return f;
        }
        m = DAY_MONTH_NAME_YEAR.matcher(s);
        if (m.matches()) {
            String sep = quoted(m.group(2));
            boolean yy = m.group(5).length() == 2;
            return named("d" + sep + "[MMMM][MMM]" + sep + (yy ? "" : "yyyy"),
                    (m.group(1).length() == 2 ? "dd" : "d") + sep + monthName(m.group(3), m.group(4)) + sep + (yy ? "" : "yyyy"), yy);
        }
        m = MONTH_NAME_DAY_YEAR.matcher(s);
        if (m.matches()) {
            String between = quoted(m.group(4) + " ");
            return named("[MMMM][MMM] d" + between + "yyyy", monthName(m.group(1), m.group(2))
                    + (padded(m.group(3), sample) ? " dd" : " d") + between + "yyyy", false);
        }
        m = MONTH_NAME_YY.matcher(s);
        if (m.matches()) {
            return named("[MMMM][MMM]" + quoted(m.group(3)), monthName(m.group(1), m.group(2)) + quoted(m.group(3)),
                    true);
        }
        m = MONTH_NUMBER_YEAR.matcher(s);
        if (m.matches() && Integer.parseInt(m.group(1)) >= 1 && Integer.parseInt(m.group(1)) <= 12) {
            TimeFormat f = pattern("M" + quoted(m.group(2)) + "yyyy");
            f.printer = new DateTimeFormatterBuilder().appendPattern((m.group(1).length() == 2 ? "MM" : "M")
                    + quoted(m.group(2)) + "yyyy").toFormatter(Locale.ROOT);
            return f;
        }
        m = YY_QUARTER.matcher(s);
        if (m.matches()) {
            return label(m.group(1), m.group(2), m.group(3) + m.group(4), null);
        }
        m = QUARTER_YY.matcher(s);
        if (m.matches()) {
            return label(m.group(1), null, m.group(3) + m.group(4), m.group(5));
        }
        m = NUMBER_Q_YEAR.matcher(s);
        if (m.matches()) {
            return label("", null, m.group(2), m.group(3));
        }
        m = FISCAL_YEAR.matcher(s);
        if (m.matches()) {
            return label(m.group(1), m.group(2), null, null);
        }
        m = ISO_WEEK.matcher(s);
        if (m.matches()) {
            // the week's Monday; written back as the ISO week
            DateTimeFormatter iso = new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendValue(IsoFields.WEEK_BASED_YEAR, 4).appendLiteral(m.group(1) + "W")
                    .appendValue(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
                    .parseDefaulting(ChronoField.DAY_OF_WEEK, 1).toFormatter(Locale.ROOT);
            TimeFormat f = new TimeFormat(Kind.PATTERN, iso, false);
            // read as written by hand too (2024-W5 after 2024-W52), written back as ISO codes
            f.printer = new DateTimeFormatterBuilder().appendValue(IsoFields.WEEK_BASED_YEAR, 4)
                    .appendLiteral(m.group(1) + "W").appendValue(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 2)
                    .toFormatter(Locale.ROOT);
            f.patternText = "ISO week YYYY" + m.group(1) + "'W'ww";
            return f;
        }
        m = YEAR_WEEK.matcher(s);
        if (m.matches() && weekNumber(m.group(5))) {
            return week(m.group(1) + m.group(2) + m.group(3) + m.group(4), m.group(5), "", sample);
        }
        m = WEEK_YEAR.matcher(s);
        if (m.matches() && weekNumber(m.group(3))) {
            return week(m.group(1) + m.group(2), m.group(3), m.group(4), sample);
        }
        m = YEAR_NUMBER.matcher(s);
        if (m.matches()) {
            return yearAndNumber(m.group(2), m.group(3), sample);
        }
        if (NUMBERED_YEAR_MONTH.matcher(s).matches()) {
            return numberedYearAndMonth(sample);
        }
        m = WEEKDAY.matcher(s);
        if (m.matches() && weekdayName(m.group(1) + m.group(2))) {
            // the date after the weekday's name, read as it would be alone
            TimeFormat date = detect(m.group(4), sample);
            if (date != null && !date.isSteps() && date.kind != Kind.EPOCH_SECONDS && date.kind != Kind.EPOCH_MILLIS
                    && date.weekday == null) {
                boolean full = java.util.Arrays.asList(FULL_WEEKDAYS).contains((m.group(1) + m.group(2))
                        .toLowerCase(Locale.ROOT));
                date.weekday = DateTimeFormatter.ofPattern((full ? "EEEE" : "EEE") + quoted(m.group(3)), Locale.ENGLISH);
                return date;
            }
            return null;
        }
        if (OFFSET.matcher(s).matches()) {
            TimeFormat f = of(Kind.OFFSET_DATE_TIME);
            f.separator = s.charAt(10);
            f.seconds = s.length() > 16 && s.charAt(16) == ':';
            return f;
        }
        return null;
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
        int month = 1;
        if (t.isSupported(ChronoField.MONTH_OF_YEAR)) {
            month = t.get(ChronoField.MONTH_OF_YEAR);
        } else if (t.isSupported(IsoFields.QUARTER_OF_YEAR)) {
            month = 3 * (int) t.getLong(IsoFields.QUARTER_OF_YEAR) - 2;
        }
        int day = t.isSupported(ChronoField.DAY_OF_MONTH)
                ? t.get(ChronoField.DAY_OF_MONTH) : 1;
        try {
            return LocalDate.of(t.get(year), month, day);
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
