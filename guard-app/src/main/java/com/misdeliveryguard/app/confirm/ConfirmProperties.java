package com.misdeliveryguard.app.confirm;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Holding and confirming ({@code guard.confirm.*}, SPEC §6).
 *
 * @param expiry              how long a hold waits for a decision (default {@code 72h})
 * @param reminder            after how long an unattended hold gets its one reminder (default half the expiry)
 * @param expiryAction        what happens at expiry: {@code discard} (default; the sender is told and must
 *                            resend) or {@code deliver}
 * @param delayMinutes        per rule id: the grace period of a {@code DELAY} verdict, in minutes ("undo send")
 * @param defaultDelayMinutes the grace period when no rule of a {@code DELAY} verdict names one (default 5)
 * @param approvers           per rule id: supervisors who approve a hold that rule caused
 * @param approval            {@code after} (default: the sender confirms, then an approver) or {@code instead}
 *                            (an approver decides, the sender is only told)
 * @param locale              language shown first in notifications and on the page: {@code ja} (default) or {@code en}
 * @param automatedWithin     decisions this soon after the notification are marked possibly automated (default 5s)
 * @param learnRecipients     remember confirmed recipients the directory does not know, per sender (default true)
 * @param notificationFrom    From address of notifications (default {@code postmaster@} + {@code guard.host-name})
 * @param tickInterval        how often reminders, expiry and delayed delivery are looked at (default 30s)
 * @param timeZone            zone of the times shown in notifications and on the page (default the system zone)
 * @param maxNotificationsPerHour notification mails (first notices and reminders) per envelope sender in any
 *                            hour (default 20); past it holds are still recorded, their notices wait
 * @param maxOpenHoldsPerSender open holds per envelope sender before new ones are flagged in the log
 *                            (default 200); they are still kept, never refused or lost
 */
@ConfigurationProperties("guard.confirm")
public record ConfirmProperties(Duration expiry, Duration reminder, ExpiryAction expiryAction,
        Map<String, Integer> delayMinutes, Integer defaultDelayMinutes, Map<String, List<String>> approvers,
        ApprovalMode approval, String locale, Duration automatedWithin, Boolean learnRecipients,
        String notificationFrom, Duration tickInterval, ZoneId timeZone, Integer maxNotificationsPerHour,
        Integer maxOpenHoldsPerSender) {

    /** What happens to a hold nobody decided about. */
    public enum ExpiryAction { DISCARD, DELIVER }

    /** Whether approvers decide after the sender or instead of the sender. */
    public enum ApprovalMode { AFTER, INSTEAD }

    public ConfirmProperties {
        expiry = expiry == null ? Duration.ofHours(72) : expiry;
        if (expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("guard.confirm.expiry must be positive, e.g. 72h");
        }
        reminder = reminder == null ? expiry.dividedBy(2) : reminder;
        if (reminder.isNegative() || reminder.compareTo(expiry) >= 0) {
            throw new IllegalArgumentException("guard.confirm.reminder must be shorter than guard.confirm.expiry ("
                    + expiry + "); leave it unset for half the expiry");
        }
        expiryAction = expiryAction == null ? ExpiryAction.DISCARD : expiryAction;
        delayMinutes = delayMinutes == null ? Map.of() : Map.copyOf(delayMinutes);
        defaultDelayMinutes = defaultDelayMinutes == null ? 5 : defaultDelayMinutes;
        if (defaultDelayMinutes < 0 || delayMinutes.values().stream().anyMatch(m -> m == null || m < 0)) {
            throw new IllegalArgumentException("guard.confirm.delay-minutes and default-delay-minutes must be >= 0");
        }
        approvers = approvers == null ? Map.of() : Map.copyOf(approvers);
        approval = approval == null ? ApprovalMode.AFTER : approval;
        locale = locale == null ? "ja" : locale.strip().toLowerCase(Locale.ROOT);
        if (!locale.equals("ja") && !locale.equals("en")) {
            throw new IllegalArgumentException("guard.confirm.locale must be ja or en, not '" + locale + "'");
        }
        automatedWithin = automatedWithin == null ? Duration.ofSeconds(5) : automatedWithin;
        learnRecipients = learnRecipients == null || learnRecipients;
        tickInterval = tickInterval == null ? Duration.ofSeconds(30) : tickInterval;
        if (tickInterval.isNegative() || tickInterval.isZero()) {
            throw new IllegalArgumentException("guard.confirm.tick-interval must be positive, e.g. 30s");
        }
        timeZone = timeZone == null ? ZoneId.systemDefault() : timeZone;
        maxNotificationsPerHour = maxNotificationsPerHour == null ? 20 : maxNotificationsPerHour;
        maxOpenHoldsPerSender = maxOpenHoldsPerSender == null ? 200 : maxOpenHoldsPerSender;
        if (maxNotificationsPerHour < 1 || maxOpenHoldsPerSender < 1) {
            throw new IllegalArgumentException("guard.confirm.max-notifications-per-hour and "
                    + "max-open-holds-per-sender must be at least 1 (defaults 20 and 200)");
        }
    }

    /** The configured first language. */
    public Locale firstLocale() {
        return Locale.forLanguageTag(locale);
    }

    /** The grace period of a {@code DELAY} verdict that these rules caused: the longest they name. */
    public Duration delayFor(List<String> ruleIds) {
        return Duration.ofMinutes(ruleIds.stream().filter(delayMinutes::containsKey).mapToInt(delayMinutes::get).max()
                .orElse(defaultDelayMinutes));
    }

    /** The approvers for a hold these rules caused (the union, in configuration order). */
    public List<String> approversFor(List<String> ruleIds) {
        return ruleIds.stream().distinct().flatMap(r -> approvers.getOrDefault(r, List.of()).stream()).distinct()
                .toList();
    }
}
