package com.misdeliveryguard.app.audit.web;

import com.misdeliveryguard.app.audit.AuditFilter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The list's filter as the form sends it: dates ({@code 2025-04-01}) or local date-times
 * ({@code 2025-04-01T09:30}) in the console's zone; {@code to} is exclusive for date-times and
 * inclusive for dates (the whole day).
 */
record FilterForm(String from, String to, String sender, String recipient, String organization, String department,
        String rule, String outcome) {

    AuditFilter toFilter(ZoneId zone) {
        return new AuditFilter(instant(from, zone, false), instant(to, zone, true), Optional.ofNullable(sender),
                Optional.ofNullable(recipient), Optional.ofNullable(organization), Optional.ofNullable(department),
                Optional.ofNullable(rule), Optional.ofNullable(outcome));
    }

    private static Optional<Instant> instant(String text, ZoneId zone, boolean end) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.strip();
        try {
            if (t.length() == 10) {
                LocalDate day = LocalDate.parse(t);
                return Optional.of((end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant());
            }
            return Optional.of(LocalDateTime.parse(t).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + t + "' is not a date (2025-04-01) or date-time (2025-04-01T09:30)");
        }
    }

    /** Non-blank fields as query parameters, for paging links. */
    Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        put(p, "from", from);
        put(p, "to", to);
        put(p, "sender", sender);
        put(p, "recipient", recipient);
        put(p, "organization", organization);
        put(p, "department", department);
        put(p, "rule", rule);
        put(p, "outcome", outcome);
        return p;
    }

    private static void put(Map<String, String> p, String key, String value) {
        if (value != null && !value.isBlank()) {
            p.put(key, value.strip());
        }
    }
}
