package com.misdeliveryguard.app.audit;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The numbers behind the statistics page, for days {@code from}..{@code to} (inclusive).
 *
 * @param from             first day
 * @param to               last day
 * @param holdsPerRule     held messages per rule id, most first
 * @param held             held messages
 * @param decisions        what became of holds, by code: confirmed, partially-confirmed, cancelled, expired (decided
 *                         in the period), released-by-admin, discarded-by-admin and waiting (of the holds of the period)
 * @param departments      time to confirm per sender department, slowest-median last
 * @param topSenders       senders with the most messages
 * @param topHeldSenders   senders with the most holds
 * @param days             per day: received and held messages
 */
public record StatisticsReport(LocalDate from, LocalDate to, List<Count> holdsPerRule, long held,
        Map<String, Long> decisions, List<DepartmentTiming> departments, List<Count> topSenders,
        List<Count> topHeldSenders, List<Day> days) {

    /** A label and a number. */
    public record Count(String label, long count) {
    }

    /**
     * How quickly a department's senders confirm.
     *
     * @param department     the sender's department ({@code ""} when unknown)
     * @param decisions      confirmations in the period
     * @param medianSeconds  median seconds from notification to confirmation
     * @param automated      confirmations marked as possibly automated (decided within seconds)
     */
    public record DepartmentTiming(String department, long decisions, double medianSeconds, long automated) {
    }

    /** One day of the trend. */
    public record Day(LocalDate day, long received, long held) {
    }

    /** Share of held messages that ended with {@code type} (0..1). */
    public double rate(String type) {
        return held == 0 ? 0 : decisions.getOrDefault(type, 0L) / (double) held;
    }
}
