package com.misdeliveryguard.app.links;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Attachments as download links ({@code guard.attachments.links.*}, SPEC §6a).
 *
 * @param enabled      every message in scope gets links (default false; a rule with action {@code link} turns
 *                     links on for the messages it fires on even when this is false)
 * @param scope        {@code external} (default): external recipients get links, internal ones the original
 *                     bytes; {@code all}: every recipient gets links
 * @param minSize      smaller attachments stay attached (default 0)
 * @param expiry       how long links work (default 7d)
 * @param maxDownloads downloads per recipient and file (default 5)
 * @param signed       signed or encrypted mail, never altered: {@code deliver} (default) or {@code hold}
 * @param purgeGrace   file bytes are deleted this long after expiry (default 7d)
 * @param key          AES key (hex, 32 bytes); default generated into guard.data-dir/links/files.key
 * @param timeZone     zone of times in notices and pages (default: the system's)
 */
@ConfigurationProperties("guard.attachments.links")
public record LinksProperties(boolean enabled, String scope, DataSize minSize, Duration expiry, Integer maxDownloads,
        String signed, Duration purgeGrace, String key, ZoneId timeZone) {

    public LinksProperties {
        scope = scope == null ? "external" : scope.strip().toLowerCase(Locale.ROOT);
        if (!List.of("external", "all").contains(scope)) {
            throw new IllegalArgumentException("guard.attachments.links.scope must be 'external' or 'all', not '"
                    + scope + "'");
        }
        minSize = minSize == null ? DataSize.ofBytes(0) : minSize;
        expiry = expiry == null ? Duration.ofDays(7) : expiry;
        maxDownloads = maxDownloads == null ? 5 : maxDownloads;
        if (maxDownloads < 1) {
            throw new IllegalArgumentException("guard.attachments.links.max-downloads must be at least 1");
        }
        signed = signed == null ? "deliver" : signed.strip().toLowerCase(Locale.ROOT);
        if (!List.of("deliver", "hold").contains(signed)) {
            throw new IllegalArgumentException("guard.attachments.links.signed must be 'deliver' or 'hold', not '"
                    + signed + "'");
        }
        purgeGrace = purgeGrace == null ? Duration.ofDays(7) : purgeGrace;
        timeZone = timeZone == null ? ZoneId.systemDefault() : timeZone;
    }

    boolean allRecipients() {
        return scope.equals("all");
    }

    boolean holdSigned() {
        return signed.equals("hold");
    }
}
