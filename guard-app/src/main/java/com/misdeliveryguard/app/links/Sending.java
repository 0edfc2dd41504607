package com.misdeliveryguard.app.links;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A sent message whose attachments went behind links, with its files and recipients.
 *
 * @param queueId      the spool id
 * @param sender       envelope sender
 * @param subject      decoded subject
 * @param messageId    Message-ID, if any
 * @param rules        rules that fired at the check (empty: none)
 * @param japanese     whether the message reads as Japanese (notices and pages)
 * @param sentAt       when the links were made (first delivery attempt)
 * @param expiresAt    when the links stop working
 * @param maxDownloads downloads per recipient and file
 * @param purged       whether the file bytes were deleted
 */
public record Sending(String queueId, String sender, String subject, Optional<String> messageId, List<String> rules,
        boolean japanese, Instant sentAt, Instant expiresAt, int maxDownloads, boolean purged) {

    /** One linked file. */
    public record File(long id, int part, String name, String contentType, long size, String sha256) {
    }

    /** One recipient's link. */
    public record Recipient(long id, String queueId, String address, Optional<Instant> revokedAt,
            Optional<String> revokedBy, Optional<String> revokeReason) {

        public boolean revoked() {
            return revokedAt.isPresent();
        }
    }

    /** One download. */
    public record Download(long recipientId, long fileId, Instant at, String ip, String userAgent) {
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
