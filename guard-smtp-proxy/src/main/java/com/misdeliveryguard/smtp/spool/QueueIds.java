package com.misdeliveryguard.smtp.spool;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Queue ids: sortable by receipt time, unique by a random suffix, safe as file names. */
final class QueueIds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS")
            .withZone(ZoneOffset.UTC);
    private static final Pattern VALID = Pattern.compile("[0-9]{8}T[0-9]{9}-[0-9a-f]{12}(-[0-9]+)?");
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    QueueIds(Clock clock) {
        this.clock = clock;
    }

    String next() {
        byte[] suffix = new byte[6];
        random.nextBytes(suffix);
        return TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
    }

    static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
