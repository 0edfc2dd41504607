package com.misdeliveryguard.smtp.delivery;

import com.misdeliveryguard.core.mail.MailAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One recipient's block in a delivery status notification (RFC 3464 §2.3).
 *
 * @param recipient      the envelope recipient ({@code Final-Recipient: rfc822; ...})
 * @param action         failed or delayed
 * @param reply          the last reply, e.g. {@code 550 5.1.1 no such user}; sanitized here to one line of
 *                       printable ASCII, so it can never add header lines
 * @param remoteMta      the upstream host name or address, when known
 * @param lastAttempt    when delivery was last tried
 * @param willRetryUntil for delayed recipients: when the guard gives up
 */
public record DsnRecipient(MailAddress recipient, Action action, String reply, Optional<String> remoteMta,
        Instant lastAttempt, Optional<Instant> willRetryUntil) {

    /** RFC 3464 §2.3.3 actions the guard reports. */
    public enum Action {
        FAILED("failed"), DELAYED("delayed");

        private final String field;

        Action(String field) {
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    private static final Pattern REMOTE_MTA = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,255}");
    private static final Pattern ENHANCED = Pattern.compile("^([245])\\d\\d[ -]([245])\\.(\\d{1,3})\\.(\\d{1,3})(?:\\s|$)");
    private static final Pattern BASIC = Pattern.compile("^([245])\\d\\d(?:[ -]|$)");

    public DsnRecipient {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(action, "action");
        reply = SmtpReply.printable(Objects.requireNonNull(reply, "reply"));
        Objects.requireNonNull(remoteMta, "remoteMta");
        remoteMta.ifPresent(mta -> {
            if (!REMOTE_MTA.matcher(mta).matches()) {
                throw new IllegalArgumentException("remoteMta must be a host name or address");
            }
        });
        Objects.requireNonNull(lastAttempt, "lastAttempt");
        Objects.requireNonNull(willRetryUntil, "willRetryUntil");
    }

    /** A recipient that will not be tried again, from its last result. */
    public static DsnRecipient failed(RecipientResult result, Optional<String> remoteMta, Instant lastAttempt) {
        return new DsnRecipient(result.recipient(), Action.FAILED, result.reply(), remoteMta, lastAttempt, Optional.empty());
    }

    /** A recipient still being retried, from its last result. */
    public static DsnRecipient delayed(RecipientResult result, Optional<String> remoteMta, Instant lastAttempt,
            Instant willRetryUntil) {
        return new DsnRecipient(result.recipient(), Action.DELAYED, result.reply(), remoteMta, lastAttempt,
                Optional.of(willRetryUntil));
    }

    /**
     * The RFC 3463 status: the reply's enhanced code when it agrees with the basic code's class,
     * otherwise {@code 5.0.0} / {@code 4.0.0} from the basic code, otherwise from the action.
     */
    public String status() {
        Matcher enhanced = ENHANCED.matcher(reply);
        if (enhanced.find() && enhanced.group(1).equals(enhanced.group(2))) {
            return enhanced.group(2) + "." + Integer.parseInt(enhanced.group(3)) + "." + Integer.parseInt(enhanced.group(4));
        }
        Matcher basic = BASIC.matcher(reply);
        if (basic.find() && !basic.group(1).equals("2")) {
            return basic.group(1) + ".0.0";
        }
        return action == Action.FAILED ? "5.0.0" : "4.0.0";
    }
}
