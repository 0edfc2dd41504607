package com.misdeliveryguard.app.links;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A reported misdelivery, with everything the security officer needs to act: the message, who reported
 * it and why, and for each recipient named whether and when each file was downloaded.
 *
 * @param id           incident number
 * @param sending      the message
 * @param sender       the sender as the directory knows them
 * @param reportedAt   when it was reported
 * @param reporter     who reported it (address or console user)
 * @param reporterKind SENDER, RECIPIENT or ADMIN
 * @param background   the reporter's free text
 * @param open         not yet closed
 * @param closedAt     when an administrator closed it
 * @param closedBy     who closed it
 * @param closeNote    the administrator's note
 * @param named        the recipients the report names
 * @param recipients   every recipient with a link, with directory data and downloads
 * @param files        the linked files
 */
public record Incident(long id, Sending sending, People.Person sender, Instant reportedAt, String reporter, String reporterKind,
        String background, boolean open, Optional<Instant> closedAt, Optional<String> closedBy,
        Optional<String> closeNote, List<String> named, List<RecipientState> recipients, List<Sending.File> files) {

    /** One recipient: who they are, whether their links are revoked, and each file's downloads. */
    public record RecipientState(People.Person person, Optional<Instant> revokedAt, List<FileState> files) {
    }

    /** One file for one recipient: the download times, empty when never downloaded. */
    public record FileState(Sending.File file, List<Instant> downloads) {
    }
}
