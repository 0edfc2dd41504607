package com.misdeliveryguard.app.confirm.hold;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Conversions between instants and the {@code TIMESTAMP WITH TIME ZONE} columns, alike on H2 and PostgreSQL. */
final class Sql {

    private Sql() {
    }

    /**
     * The instant as a column value, cut to milliseconds: databases keep fewer digits than
     * {@link Instant} and H2 rounds, so a stored deadline could otherwise lie a microsecond after the
     * very instant it was computed for.
     */
    static OffsetDateTime time(Instant instant) {
        return instant == null ? null
                : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    static OffsetDateTime time(Optional<Instant> instant) {
        return time(instant.orElse(null));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(instant(rs, column));
    }

    static Optional<String> optionalString(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }

    /** Text cut to a column's width (in characters; the columns are wide enough for UTF-8 on both databases). */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
