package dev.recur.engine.series;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Frequencies inferred from timestamps, and the calendar stepped by them. */
class FrequencyTest {

    @Test
    void frequencyInferenceAndStepping() {
        List<java.time.LocalDateTime> hours = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            hours.add(java.time.LocalDateTime.of(2024, 3, 30, 20, 0).plusHours(i));
        }
        assertEquals(Frequency.HOURLY, Frequency.infer(hours));
        assertEquals(24, Frequency.HOURLY.defaultSeason());
        assertEquals(java.time.LocalDateTime.of(2024, 3, 29, 0, 0),
                Frequency.BUSINESS_DAILY.add(java.time.LocalDateTime.of(2024, 3, 28, 0, 0), 1));
        assertEquals(java.time.LocalDateTime.of(2024, 4, 1, 0, 0),
                Frequency.BUSINESS_DAILY.add(java.time.LocalDateTime.of(2024, 3, 29, 0, 0), 1));
        assertEquals(java.time.LocalDateTime.of(2024, 2, 29, 0, 0),
                Frequency.MONTHLY.add(java.time.LocalDateTime.of(2024, 1, 31, 0, 0), 1));
        assertEquals(new Frequency(Frequency.Unit.MINUTE, 15), Frequency.parse("15min"));
        assertEquals(96, Frequency.parse("15min").defaultSeason());
        assertThrows(IllegalArgumentException.class, () -> Frequency.parse("fortnightly"));
    }

    /**
     * Month-end dates (2024-01-31, 2024-02-29, ...), as pandas, spreadsheets' EOMONTH and financial reports write
     * monthly and quarterly data, are months apart: inferred as monthly or quarterly at month ends, and stepped to
     * the last day of each month (adding a month to 31 January gives 29 February, and then the 29th ever after).
     */
    @Test
    void monthEndDatesAreMonthlyOrQuarterlyAtMonthEnds() {
        java.time.LocalDate jan = java.time.LocalDate.of(2023, 1, 31);
        List<java.time.LocalDateTime> months = new ArrayList<>();
        List<java.time.LocalDateTime> quarters = new ArrayList<>();
        List<java.time.LocalDateTime> februaries = new ArrayList<>();
        List<java.time.LocalDateTime> decembers = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            months.add(jan.plusMonths(i).withDayOfMonth(jan.plusMonths(i).lengthOfMonth()).atStartOfDay());
            java.time.LocalDate q = java.time.LocalDate.of(2022, 3, 1).plusMonths(3L * i);
            quarters.add(q.withDayOfMonth(q.lengthOfMonth()).atStartOfDay());
            java.time.LocalDate f = java.time.LocalDate.of(2010 + i, 2, 1);
            februaries.add(f.withDayOfMonth(f.lengthOfMonth()).atStartOfDay());
            decembers.add(java.time.LocalDate.of(2010 + i, 12, 31).atStartOfDay());
        }
        Frequency monthly = Frequency.infer(months);
        assertEquals(Frequency.MONTHLY.atMonthEnds(), monthly);
        assertEquals("monthly at month ends", monthly.toString());
        assertEquals(12, monthly.defaultSeason());
        assertEquals(Frequency.QUARTERLY.atMonthEnds(), Frequency.infer(quarters));
        assertEquals(Frequency.YEARLY.atMonthEnds(), Frequency.infer(februaries));
        // the same day every year: plain yearly, as before
        assertEquals(Frequency.YEARLY, Frequency.infer(decembers));
        for (int i = 0; i < 14; i++) {
            assertEquals(months.get(i), monthly.add(months.get(0), i));
            assertEquals(months.get(i), monthly.add(months.get(Math.max(0, i - 1)), Math.min(i, 1)));
            assertEquals(quarters.get(i), Frequency.QUARTERLY.atMonthEnds().add(quarters.get(0), i));
            assertEquals(februaries.get(i), Frequency.YEARLY.atMonthEnds().add(februaries.get(0), i));
        }
        assertThrows(IllegalArgumentException.class, () -> Frequency.DAILY.atMonthEnds());
        assertNotEquals(Frequency.MONTHLY, Frequency.MONTHLY.atMonthEnds());
    }

    /** Every 5 minutes from 07:00 to 21:00 on the weekdays from {@code from} for {@code days} calendar days. */
    private static List<java.time.LocalDateTime> callCentre(java.time.LocalDate from, int days) {
        List<java.time.LocalDateTime> times = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            java.time.LocalDate day = from.plusDays(d);
            if (day.getDayOfWeek().getValue() <= 5) {
                for (int k = 0; k < 169; k++) {
                    times.add(day.atTime(7, 0).plusMinutes(5L * k));
                }
            }
        }
        return times;
    }

    /**
     * A call centre's counts every 5 minutes from 07:00 to 21:00 on weekdays (the fpp3 package's {@code bank_calls})
     * keep their opening hours: the step after 21:00 on a Friday is 07:00 on the Monday, an open day is the season,
     * and the nights and weekends are no gaps. A series round the clock with nights missing keeps whole days, and so
     * do data every day round the clock.
     */
    @Test
    void intradayTimesKeepTheirOpeningHours() {
        java.time.LocalDate monday = java.time.LocalDate.of(2003, 3, 3);
        Frequency f = Frequency.infer(callCentre(monday, 21));
        assertEquals(new Frequency(Frequency.Unit.MINUTE, 5).within(java.time.LocalTime.of(7, 0),
                java.time.LocalTime.of(21, 0), true), f);
        assertEquals("5-minute, 07:00 to 21:00 on weekdays", f.toString());
        assertEquals("07:00-21:00 weekdays", f.openingHours());
        assertEquals(169, f.defaultSeason());
        assertEquals(f, Frequency.parse("5min 07:00-21:00 weekdays"));
        assertEquals(f, new Frequency(Frequency.Unit.MINUTE, 5).withOpeningHours(f.openingHours()));
        java.time.LocalDateTime friday = java.time.LocalDateTime.of(2003, 3, 7, 20, 55);
        assertEquals(java.time.LocalDateTime.of(2003, 3, 7, 21, 0), f.add(friday, 1));
        assertEquals(java.time.LocalDateTime.of(2003, 3, 10, 7, 0), f.add(friday, 2));
        assertEquals(java.time.LocalDateTime.of(2003, 3, 10, 7, 5), f.add(friday, 3));
        assertEquals(friday, f.add(java.time.LocalDateTime.of(2003, 3, 10, 7, 0), -2));
        // a week is five open days, each of 169 steps
        assertEquals(friday.plusWeeks(1), f.add(friday, 5 * 169));
        assertEquals(friday.minusWeeks(2), f.add(friday, -10 * 169));
        // stepping walks every time of the series, nights and weekends skipped
        List<java.time.LocalDateTime> times = callCentre(monday, 21);
        for (int i = 1; i < times.size(); i++) {
            assertEquals(times.get(i), f.add(times.get(i - 1), 1));
            assertEquals(times.get(i), f.add(times.get(0), i));
        }
        // the same hours every day
        List<java.time.LocalDateTime> daily = new ArrayList<>();
        for (int d = 0; d < 10; d++) {
            for (int h = 9; h <= 17; h++) {
                daily.add(java.time.LocalDateTime.of(2024, 3, 1, h, 0).plusDays(d));
            }
        }
        Frequency shop = Frequency.infer(daily);
        assertEquals("hourly, 09:00 to 17:00 every day", shop.toString());
        assertEquals(9, shop.defaultSeason());
        assertEquals(java.time.LocalDateTime.of(2024, 3, 2, 9, 0), shop.add(java.time.LocalDateTime.of(2024, 3, 1, 17, 0), 1));
        // round the clock, with three nights missing: whole days, so the nights are gaps
        List<java.time.LocalDateTime> gappy = new ArrayList<>();
        for (int i = 0; i < 24 * 10; i++) {
            java.time.LocalDateTime t = java.time.LocalDateTime.of(2024, 3, 1, 0, 0).plusHours(i);
            if (!(i / 24 < 3 && (t.getHour() >= 22 || t.getHour() < 6))) {
                gappy.add(t);
            }
        }
        assertEquals(Frequency.HOURLY, Frequency.infer(gappy));
        assertEquals(Frequency.HOURLY, Frequency.parse("hourly"));
        assertThrows(IllegalArgumentException.class, () -> Frequency.parse("5min 07:00-21:02"));
        assertThrows(IllegalArgumentException.class, () -> Frequency.parse("5min 21:00-07:00"));
        assertThrows(IllegalArgumentException.class, () -> Frequency.parse("daily 07:00-21:00"));
        assertThrows(IllegalArgumentException.class, () -> Frequency.DAILY.withOpeningHours("late"));
        // hours found wider in the rest of the history than in the sample: widened, or the whole day
        java.time.LocalTime nine = java.time.LocalTime.of(9, 0);
        assertEquals(shop, shop.covering(nine, java.time.LocalTime.of(17, 0), true));
        assertEquals(Frequency.parse("hourly 08:00-18:00"), shop.covering(java.time.LocalTime.of(8, 0),
                java.time.LocalTime.of(18, 0), false));
        assertEquals(Frequency.parse("5min 06:00-21:00"), f.covering(java.time.LocalTime.of(6, 0),
                java.time.LocalTime.of(20, 0), true));
        assertEquals(Frequency.HOURLY, shop.covering(java.time.LocalTime.of(0, 0), java.time.LocalTime.of(23, 0), false));
        assertEquals(Frequency.HOURLY, Frequency.HOURLY.covering(nine, nine, true));
    }
}
