package com.misdeliveryguard.core.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Entry times: UTC, millisecond precision, fixed width ({@code 2025-04-01T09:30:00.000Z}) so they sort as text. */
public final class EntryTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private EntryTime() {
    }

    /** The instant as the log stores it (milliseconds; databases keep no more). */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    public static String format(Instant instant) {
        return FORMAT.format(truncate(instant));
    }

    public static Instant parse(String text) {
        return Instant.parse(text);
    }
}
