package dev.recur.connectors.series;

import dev.recur.connectors.series.TimeFormat.Kind;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises how a time column is written ({@link TimeFormat}) from its first value and the file's first rows: ISO
 * dates and date-times, dates with slashes, dashes or dots in either order of day and month (the order the first rows
 * show), month names, quarter, fiscal-year and week labels, a weekday's name before a date, period keys, epoch
 * seconds, and the whole numbers and decimal years that spreadsheets and R write. Each way of writing is one entry
 * of an ordered table of patterns; the first that a value is written in decides.
 */
public final class TimeFormatDetection {

    private TimeFormatDetection() {
    }

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
        return TimeFormat.of(Kind.SPREADSHEET_DAYS).noted("read the whole numbers of column '" + column
                + "' as a spreadsheet's serial dates (" + n + " is " + TimeFormat.SPREADSHEET_EPOCH.plusDays(n)
                + "), the forecasts dated yyyy-MM-dd; if they are steps, give --time-format steps");
    }

    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    /** The periods a year of R's decimal times, tried in this order: the first that every fraction fits is taken. */
    private static final int[] PERIODS_A_YEAR = {2, 4, 12};

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
            if (!TimeFormat.DECIMAL_YEAR.matcher(t).matches()) {
                return null;
            }
            double y = Double.parseDouble(t);
            fractions.add(y - Math.floor(y));
        }
        if (fractions.stream().allMatch(f -> f == 0)) {
            return null;
        }
        for (int m : PERIODS_A_YEAR) {
            if (fractions.stream().allMatch(f -> TimeFormat.wholePeriods(f, m))) {
                TimeFormat t = TimeFormat.ofDecimalYears(m);
                return t.noted("read the times as R writes a ts' times, years and their fractions of " + m
                        + " periods a year (" + first.trim() + " is " + TimeFormat.toDateTime(t.parse(first)).toLocalDate()
                        + ")");
            }
        }
        return null;
    }
    /** The English months' names' first three letters, as a group of a pattern. */
    private static final String MONTHS = "(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)";
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
    private static final Pattern MONTH_NAME_YEAR = Pattern.compile("(?i)" + MONTHS + "([a-z]*)([ -]?)\\d{4}");
    /** A year, then an English month's name ({@code 2015 JAN}, as the UK's statistics office labels months). */
    private static final Pattern YEAR_MONTH_NAME = Pattern.compile("(?i)\\d{4}([ -]?)" + MONTHS + "([a-z]*)");
    /** An hour with a leading zero after a date with slashes, in a file's first rows: 1/31/2024 01:00. */
    private static final Pattern PADDED_HOUR = Pattern.compile("[/-]\\d{2,4} 0\\d:");
    /** A date with slashes and the year first: 2024/01/31, 2024/1/31 (as East Asian and some ISO-minded exports). */
    private static final Pattern YEAR_SLASHED = Pattern.compile(
            "\\d{4}([/.])(\\d{1,2})\\1(\\d{1,2})( (\\d{1,2}):\\d{2}(:\\d{2})?)?");
    /** A day, an English month name and a year: 31-Jan-2024, 31 Jan 2024, 31-Jan-24, 31 January 2024. */
    private static final Pattern DAY_MONTH_NAME_YEAR = Pattern.compile(
            "(?i)(\\d{1,2})([ -])" + MONTHS + "([a-z]*)\\2(\\d{4}|\\d{2})");
    /**
     * An English month name, a day and a year, with a comma or without: January 31, 2024; Jan 31, 2024; Jan 01 2024
     * (JavaScript's date string, after its weekday).
     */
    private static final Pattern MONTH_NAME_DAY_YEAR = Pattern.compile("(?i)" + MONTHS + "([a-z]*) (\\d{1,2})(,?) \\d{4}");
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

    /**
     * The month pattern of an English month name, by its first three letters and the rest: {@code MMMM} for a full
     * name, else {@code MMM} (an abbreviation, May, or a longer one such as Sept, written back as Sep).
     */
    private static String monthName(String first, String rest) {
        return !rest.isEmpty() && java.util.Arrays.asList(TimeFormat.FULL_MONTHS).contains((first + rest).toLowerCase(Locale.ROOT))
                ? "MMMM" : "MMM";
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
        return TimeFormat.built(in.toFormatter(Locale.ENGLISH), out.toFormatter(Locale.ENGLISH),
                print + (twoDigitYear ? "yy" : "")).readingMonthNames();
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
        return TimeFormat.built(in.toFormatter(Locale.ROOT), out.toFormatter(Locale.ROOT), text.toString());
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
        return TimeFormat.built(in.toFormatter(Locale.ROOT), out.toFormatter(Locale.ROOT), "ISO week "
                + (yearFirst ? "YYYY" + quoted(word) + "w" : quoted(word) + "w" + quoted(between) + "YYYY"));
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
        TimeFormat f = TimeFormat.pattern("yyyy" + sep + number).writtenAs(new DateTimeFormatterBuilder()
                .appendPattern("yyyy" + sep + (first.length() == 2 && !quarter ? "MM" : number)).toFormatter(Locale.ROOT));
        return !quarter ? f : f.noted("times read as quarters (yyyy" + separator + "Q): the number after the year never "
                + "passes 4 in the first rows and the year turns after a 4; if they are months, give --time-format yyyy"
                + separator + "M");
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
        return TimeFormat.pattern("y-MM").noted("times read as months of years numbered from 1 (y-MM: 1-01 is the first "
                + "year's January); if they are something else, give --time-format");
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
     * Recognises the format of a first time value, or returns null: the format of the first way of writing times, in
     * the class's order, that the value is written in. A date with slashes whose first value does not show whether the day or the month
     * comes first ({@code 01/02/2024}) takes the order that the dates of {@code sample} (the file's first rows) show,
     * where they show one and only one ({@code 13/02/2024}: the day).
     */
    public static TimeFormat detect(String v, CharSequence sample) {
        String s = v.trim();
        TimeFormat fiscal = fiscalYears(s, sample);
        if (fiscal != null) {
            return fiscal;
        }
        for (Form form : FORMS) {
            Matcher m = form.pattern().matcher(s);
            if (m.matches() && form.applies().test(m)) {
                return form.format().apply(m, sample);
            }
        }
        return null;
    }

    /**
     * Fiscal years ({@code 2019-20}, {@code 2019/20}, {@code 2019-2020}: a year and the next), or null: where the
     * second number cannot be a month ({@code 2019-20}), or where it can ({@code 2010-11}) and the first rows
     * ({@code sample}) hold at least one more such label and every one is a year and the next ({@code 2011-12}
     * after it; months would be {@code 2010-12}).
     */
    private static TimeFormat fiscalYears(String s, CharSequence sample) {
        Matcher m = TimeFormat.FISCAL_SPAN.matcher(s);
        if (!m.matches() || !TimeFormat.nextYear(m.group(1), m.group(3))) {
            return null;
        }
        if (m.group(3).length() == 2 && Integer.parseInt(m.group(3)) <= 12) {
            Matcher in = Pattern.compile("(?<![\\d./:-])(\\d{4})" + Pattern.quote(m.group(2)) + "(\\d{2})(?![\\d./:-])")
                    .matcher(sample);
            int labels = 0;
            while (in.find()) {
                if (!TimeFormat.nextYear(in.group(1), in.group(2))) {
                    return null;
                }
                labels++;
            }
            if (labels < 2) {
                return null;
            }
        }
        return TimeFormat.ofFiscalYears(m);
    }

    /**
     * A whole number: a period key of a database or a statistics package ({@code 202401} a month, {@code 20240131}
     * a day; as integer steps, every year would jump from 202312 to 202401, with 88 made-up months filled between),
     * epoch seconds (9 to 11 digits) or milliseconds (12 or more), else integer steps.
     */
    private static TimeFormat wholeNumber(String s) {
        int digits = s.startsWith("-") ? s.length() - 1 : s.length();
        if (digits == 6 && plausibleDate(s + "01")) {
            return TimeFormat.pattern("yyyyMM");
        }
        if (digits == 8 && plausibleDate(s)) {
            return TimeFormat.pattern("yyyyMMdd");
        }
        if (digits >= 12) {
            return TimeFormat.of(Kind.EPOCH_MILLIS);
        }
        if (digits >= 9) {
            return TimeFormat.of(Kind.EPOCH_SECONDS);
        }
        return TimeFormat.of(Kind.STEPS);
    }

    /** {@link #UNPADDED_DATE}: parsed leniently (1986-1-01 and 1986-10-01 alike), written as the first value was. */
    private static TimeFormat unpaddedDate(Matcher m) {
        return TimeFormat.pattern("yyyy-M-d").writtenAs(DateTimeFormatter.ofPattern("yyyy-"
                + (m.group(1).length() == 2 ? "MM" : "M") + "-" + (m.group(2).length() == 2 ? "dd" : "d"), Locale.ROOT));
    }

    /** {@link #DOTTED}: parsed leniently (1.2.2024 and 01.02.2024 alike), written as the first value was. */
    private static TimeFormat dotted(Matcher m) {
        boolean padded = m.group(1).length() == 2 && m.group(2).length() == 2;
        String time = m.group(4) == null ? "" : m.group(5) == null ? " H:mm" : " H:mm:ss";
        return TimeFormat.pattern("d.M.yyyy" + time).writtenAs(DateTimeFormatter.ofPattern(
                (padded ? "dd.MM.yyyy" : "d.M.yyyy") + time.replace("H", "HH"), Locale.ROOT));
    }

    /** {@link #UTC_WORD} (2024-01-01 00:00:00 UTC): the times are UTC, written back with the word. */
    private static TimeFormat utcWord(Matcher m) {
        String s = m.group();
        return TimeFormat.pattern("yyyy-MM-dd" + quoted(String.valueOf(s.charAt(10))) + "HH:mm"
                + (m.group(1) != null ? ":ss" : "") + "' UTC'");
    }

    /**
     * {@link #SLASHED}: day first where the first number cannot be a month, month first where the second cannot,
     * else in the order the first rows ({@code sample}) show ({@link #slashOrder}), else null. Parsed leniently (5/2
     * and 05/02 alike), written as the first value was; a spreadsheet's date-time (1/31/2024 0:00) with its time, of
     * the 12-hour clock where it ends in AM or PM, its hours padded where the first value or another of the first
     * rows shows a leading zero (01:00).
     */
    private static TimeFormat slashed(Matcher m, CharSequence sample) {
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
        String amPm = m.group(8) == null ? "" : m.group(8).startsWith(" ") ? " a" : "a";
        String hour = amPm.isEmpty() ? "H" : "h";
        String time = m.group(5) == null ? "" : " " + hour + (m.group(7) == null ? ":mm" : ":mm:ss") + amPm;
        boolean paddedHours = m.group(5) != null && m.group(6).length() == 2
                && (m.group(6).startsWith("0") || PADDED_HOUR.matcher(sample).find());
        String timeOut = paddedHours ? time.replace(hour, hour + hour) : time;
        return TimeFormat.pattern(order + year + time).writtenAs(DateTimeFormatter.ofPattern(
                (padded ? order.replace("d", "dd").replace("M", "MM") : order) + year + timeOut, Locale.ENGLISH))
                .noted(note);
    }

    /** {@link #YEAR_MONTH_NAME}: written back in capitals where the first value was ({@code 2015 JAN}). */
    private static TimeFormat yearMonthName(Matcher m) {
        TimeFormat f = named("yyyy" + quoted(m.group(1)) + "[MMMM][MMM]", "yyyy" + quoted(m.group(1))
                + monthName(m.group(2), m.group(3)), false);
        if (!(m.group(2) + m.group(3)).equals((m.group(2) + m.group(3)).toUpperCase(Locale.ROOT))) {
            return f;
        }
        Map<Long, String> upper = new java.util.HashMap<>();
        for (int k = 1; k <= 12; k++) {
            String full = TimeFormat.FULL_MONTHS[k - 1].toUpperCase(Locale.ROOT);
            upper.put((long) k, m.group(3).isEmpty() ? full.substring(0, 3) : full);
        }
        return f.writtenAs(new DateTimeFormatterBuilder().appendValue(ChronoField.YEAR, 4)
                .appendLiteral(m.group(1)).appendText(ChronoField.MONTH_OF_YEAR, upper).toFormatter(Locale.ENGLISH));
    }

    /** {@link #YEAR_SLASHED}: 2024/01/31 or 2024.01.31, perhaps with a time (2024/01/31 13:00). */
    private static TimeFormat yearSlashed(Matcher m) {
        String sep = m.group(1);
        String time = m.group(4) == null ? "" : m.group(6) == null ? " H:mm" : " H:mm:ss";
        boolean paddedHours = m.group(4) != null && m.group(5).length() == 2;
        String date = m.group(2).length() == 2 && m.group(3).length() == 2 ? "yyyy" + sep + "MM" + sep + "dd"
                : "yyyy" + sep + "M" + sep + "d";
        return TimeFormat.pattern("yyyy" + sep + "M" + sep + "d" + time).writtenAs(DateTimeFormatter.ofPattern(
                date + (paddedHours ? time.replace("H", "HH") : time), Locale.ROOT));
    }

    /** {@link #DAY_MONTH_NAME_YEAR}: 31-Jan-2024, 31 January 2024, 31-Jan-24. */
    private static TimeFormat dayMonthNameYear(Matcher m) {
        String sep = quoted(m.group(2));
        boolean yy = m.group(5).length() == 2;
        return named("d" + sep + "[MMMM][MMM]" + sep + (yy ? "" : "yyyy"), (m.group(1).length() == 2 ? "dd" : "d")
                + sep + monthName(m.group(3), m.group(4)) + sep + (yy ? "" : "yyyy"), yy);
    }

    /** {@link #MONTH_NUMBER_YEAR}: 01-2024, 1/2024, written as the first value was. */
    private static TimeFormat monthNumberYear(Matcher m) {
        return TimeFormat.pattern("M" + quoted(m.group(2)) + "yyyy").writtenAs(new DateTimeFormatterBuilder()
                .appendPattern((m.group(1).length() == 2 ? "MM" : "M") + quoted(m.group(2)) + "yyyy")
                .toFormatter(Locale.ROOT));
    }

    /**
     * {@link #ISO_WEEK}: the week's Monday, read as written by hand too (2024-W5 after 2024-W52), written back as the
     * ISO week's code.
     */
    private static TimeFormat isoWeek(Matcher m) {
        DateTimeFormatter iso = new DateTimeFormatterBuilder().parseCaseInsensitive()
                .appendValue(IsoFields.WEEK_BASED_YEAR, 4).appendLiteral(m.group(1) + "W")
                .appendValue(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 1, 2, java.time.format.SignStyle.NOT_NEGATIVE)
                .parseDefaulting(ChronoField.DAY_OF_WEEK, 1).toFormatter(Locale.ROOT);
        return TimeFormat.built(iso, new DateTimeFormatterBuilder().appendValue(IsoFields.WEEK_BASED_YEAR, 4)
                .appendLiteral(m.group(1) + "W").appendValue(IsoFields.WEEK_OF_WEEK_BASED_YEAR, 2)
                .toFormatter(Locale.ROOT), "ISO week YYYY" + m.group(1) + "'W'ww");
    }

    /**
     * {@link TimeFormat#WEEKDAY}: the date after the weekday's name, read as it would be alone, and the name written
     * before each future time as the first value's was; null where that date is not one.
     */
    private static TimeFormat afterWeekday(Matcher m, CharSequence sample) {
        TimeFormat date = detect(m.group(4), sample);
        if (date == null || date.isSteps() || date.kind() == Kind.EPOCH_SECONDS || date.kind() == Kind.EPOCH_MILLIS
                || date.hasWeekday()) {
            return null;
        }
        boolean full = java.util.Arrays.asList(TimeFormat.FULL_WEEKDAYS).contains((m.group(1) + m.group(2))
                .toLowerCase(Locale.ROOT));
        return date.afterWeekday(DateTimeFormatter.ofPattern((full ? "EEEE" : "EEE") + quoted(m.group(3)),
                Locale.ENGLISH));
    }

    /**
     * A way of writing times: the pattern a whole value matches, a further condition on the match, and the format it
     * is read in (null where the value is written so but cannot be read without more: ends the search).
     */
    private record Form(Pattern pattern, Predicate<Matcher> applies, BiFunction<Matcher, CharSequence, TimeFormat> format) {
        Form(Pattern pattern, BiFunction<Matcher, CharSequence, TimeFormat> format) {
            this(pattern, m -> true, format);
        }
    }

    /** The ways of writing times, in the order they are tried: the first that a value matches decides. */
    private static final List<Form> FORMS = List.of(
            new Form(INTEGER, (m, sample) -> wholeNumber(m.group())),
            new Form(DATE, (m, sample) -> TimeFormat.of(Kind.DATE)),
            new Form(MONTH, (m, sample) -> TimeFormat.of(Kind.MONTH)),
            new Form(DATE_TIME, (m, sample) -> TimeFormat.of(Kind.DATE_TIME)
                    .laidOut(m.group().charAt(10), m.group().length() > 16)),
            new Form(UNPADDED_DATE, (m, sample) -> unpaddedDate(m)),
            new Form(DOTTED, (m, sample) -> dotted(m)),
            new Form(UTC_WORD, (m, sample) -> utcWord(m)),
            new Form(SLASHED, m -> m.group(2).equals("/") || m.group(4).length() == 4, TimeFormatDetection::slashed),
            new Form(YEAR_QUARTER, (m, sample) -> TimeFormat.pattern("yyyy" + quoted(m.group(1) + "Q") + "Q")),
            new Form(QUARTER_YEAR, (m, sample) -> TimeFormat.pattern("'Q'Q" + quoted(m.group(1)) + "yyyy")),
            new Form(YEAR_MONTH, (m, sample) -> TimeFormat.pattern("yyyy" + quoted(m.group(1)) + "MM")),
            new Form(MONTH_NAME_YEAR, (m, sample) -> named("[MMMM][MMM]" + quoted(m.group(3)) + "yyyy",
                    monthName(m.group(1), m.group(2)) + quoted(m.group(3)) + "yyyy", false)),
            new Form(YEAR_MONTH_NAME, (m, sample) -> yearMonthName(m)),
            new Form(YEAR_SLASHED, (m, sample) -> yearSlashed(m)),
            new Form(DAY_MONTH_NAME_YEAR, (m, sample) -> dayMonthNameYear(m)),
            new Form(MONTH_NAME_DAY_YEAR, (m, sample) -> named("[MMMM][MMM] d" + quoted(m.group(4) + " ") + "yyyy",
                    monthName(m.group(1), m.group(2)) + (padded(m.group(3), sample) ? " dd" : " d")
                            + quoted(m.group(4) + " ") + "yyyy", false)),
            new Form(MONTH_NAME_YY, (m, sample) -> named("[MMMM][MMM]" + quoted(m.group(3)),
                    monthName(m.group(1), m.group(2)) + quoted(m.group(3)), true)),
            new Form(MONTH_NUMBER_YEAR, m -> Integer.parseInt(m.group(1)) >= 1 && Integer.parseInt(m.group(1)) <= 12,
                    (m, sample) -> monthNumberYear(m)),
            new Form(YY_QUARTER, (m, sample) -> label(m.group(1), m.group(2), m.group(3) + m.group(4), null)),
            new Form(QUARTER_YY, (m, sample) -> label(m.group(1), null, m.group(3) + m.group(4), m.group(5))),
            new Form(NUMBER_Q_YEAR, (m, sample) -> label("", null, m.group(2), m.group(3))),
            new Form(FISCAL_YEAR, (m, sample) -> label(m.group(1), m.group(2), null, null)),
            new Form(ISO_WEEK, (m, sample) -> isoWeek(m)),
            new Form(YEAR_WEEK, m -> weekNumber(m.group(5)),
                    (m, sample) -> week(m.group(1) + m.group(2) + m.group(3) + m.group(4), m.group(5), "", sample)),
            new Form(WEEK_YEAR, m -> weekNumber(m.group(3)),
                    (m, sample) -> week(m.group(1) + m.group(2), m.group(3), m.group(4), sample)),
            new Form(YEAR_NUMBER, (m, sample) -> yearAndNumber(m.group(2), m.group(3), sample)),
            new Form(NUMBERED_YEAR_MONTH, (m, sample) -> numberedYearAndMonth(sample)),
            new Form(TimeFormat.WEEKDAY, m -> TimeFormat.weekdayName(m.group(1) + m.group(2)),
                    TimeFormatDetection::afterWeekday),
            new Form(OFFSET, (m, sample) -> TimeFormat.of(Kind.OFFSET_DATE_TIME).laidOut(m.group().charAt(10),
                    m.group().length() > 16 && m.group().charAt(16) == ':')));
}
