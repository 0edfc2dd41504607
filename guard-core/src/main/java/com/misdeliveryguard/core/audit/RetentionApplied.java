package com.misdeliveryguard.core.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Entries older than the retention period were deleted. The entry records the new anchor of the
 * chain: the first remaining entry's previous hash must be {@code anchorHash}, and a verifier
 * checks that the chain starts right after {@code deletedThrough}.
 *
 * @param retention      the configured retention period
 * @param cutoff         entries before this instant were deleted
 * @param deletedThrough the sequence number of the last deleted entry
 * @param anchorHash     its hash: the new anchor of the chain
 * @param previousAnchor the last deleted entry of the previous retention run (0 if none)
 */
public record RetentionApplied(Duration retention, Instant cutoff, long deletedThrough, String anchorHash,
        long previousAnchor) implements AuditEvent {

    public RetentionApplied {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(cutoff, "cutoff");
        Objects.requireNonNull(anchorHash, "anchorHash");
    }

    @Override
    public EventType type() {
        return EventType.RETENTION;
    }

    @Override
    public Optional<String> queue() {
        return Optional.empty();
    }

    @Override
    public Optional<String> actor() {
        return Optional.empty();
    }

    @Override
    public Map<String, Object> details() {
        return Details.create().put("retentionDays", retention.toDays()).put("cutoff", cutoff)
                .put("deletedThrough", deletedThrough).put("anchorHash", anchorHash)
                .put("deletedCount", deletedThrough - previousAnchor).put("previousAnchor", previousAnchor).map();
    }

    @Override
    public IndexTerms terms() {
        return IndexTerms.of(type().code()).build();
    }
}
