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
}
