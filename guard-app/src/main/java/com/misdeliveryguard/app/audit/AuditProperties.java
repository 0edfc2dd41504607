package com.misdeliveryguard.app.audit;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The decision log and the auditor console ({@code guard.audit.*}).
 *
 * @param retention          entries older than this are deleted (the deletion is itself an entry)
 * @param checkpointEvery    sign a checkpoint after this many entries
 * @param checkpointInterval and at least this often while entries are written (also at start-up and shutdown)
 * @param checkpointKey      HMAC key for checkpoints (≥ 16 characters); unset = generated into
 *                           {@code <data-dir>/audit/checkpoint.key} on first start. Set it when
 *                           several instances share one database.
 * @param housekeepingInterval how often retention runs
 * @param timeZone           zone of the console's times and of the statistics' days
 * @param pageSize           entries per page of the console's list
 * @param exportLimit        most entries in one CSV export
 * @param users              console users: {@code name}, {@code password-hash} (bcrypt), {@code roles} (AUDITOR, ADMIN;
 *                           CLIENT for mail-client add-ins: check and directory search only)
 */
@ConfigurationProperties("guard.audit")
public record AuditProperties(Duration retention, Integer checkpointEvery, Duration checkpointInterval,
        String checkpointKey, Duration housekeepingInterval, ZoneId timeZone, Integer pageSize, Integer exportLimit,
        List<User> users) {

    public AuditProperties {
        retention = retention == null ? Duration.ofDays(400) : retention;
        checkpointEvery = checkpointEvery == null ? 1000 : checkpointEvery;
        checkpointInterval = checkpointInterval == null ? Duration.ofMinutes(1) : checkpointInterval;
        housekeepingInterval = housekeepingInterval == null ? Duration.ofHours(1) : housekeepingInterval;
        timeZone = timeZone == null ? ZoneId.systemDefault() : timeZone;
        pageSize = pageSize == null ? 50 : pageSize;
        exportLimit = exportLimit == null ? 100_000 : exportLimit;
        users = users == null ? List.of() : List.copyOf(users);
    }

    /**
     * A console user.
     *
     * @param name         sign-in name
     * @param passwordHash bcrypt hash ({@code $2a$…}); never a clear password
     * @param roles        {@code AUDITOR} (read-only) and/or {@code ADMIN}
     */
    public record User(String name, String passwordHash, List<String> roles) {
        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }
}
