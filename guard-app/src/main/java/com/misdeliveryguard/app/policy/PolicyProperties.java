package com.misdeliveryguard.app.policy;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.rules.Policy;
import com.misdeliveryguard.core.rules.RoleAddresses;
import com.misdeliveryguard.core.rules.RuleSetting;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The checking policy ({@code guard.policy.*}); anything unset keeps the SPEC §5 default.
 *
 * @param mode                         {@code enforce} (default) or {@code shadow}: deliver everything, log the would-be verdicts
 * @param rules                        per rule id ({@code lookalike-domain}, …): {@code enabled} and {@code action}
 *                                     ({@code deliver}, {@code convert-to-bcc} — for {@code many-visible-external} and
 *                                     {@code multiple-external-orgs} only —, {@code link}, {@code delay},
 *                                     {@code hold}, {@code reject})
 * @param manyVisibleExternalThreshold external To/Cc addresses from which {@code many-visible-external} fires (10)
 * @param keywords                     words for the {@code keyword} rule (empty by default), e.g. 社外秘, 機密
 * @param learnedRecipients            whether recipients a sender confirmed before are not held as unknown (true)
 * @param manyVisibleExternalCap       external To/Cc addresses above which {@code many-visible-external} fires even
 *                                     within one organization (30)
 * @param usualRecipientAfter          deliveries from which {@code namesake-of-usual-recipient} counts a recipient as
 *                                     one the sender writes to often (3)
 * @param roleAddresses                internal role/list address patterns {@code internal-address-typo} leaves alone
 *                                     ({@code info@}, {@code *-all@}, …; replaces the built-in list)
 */
@ConfigurationProperties("guard.policy")
public record PolicyProperties(String mode, Map<String, Rule> rules, Integer manyVisibleExternalThreshold,
        List<String> keywords, Boolean learnedRecipients, Integer manyVisibleExternalCap, Integer usualRecipientAfter,
        List<String> roleAddresses) {

    /**
     * @param enabled whether the rule runs
     * @param action  what its findings ask for
     */
    public record Rule(Boolean enabled, String action) {
    }

    /** The core policy: defaults, overridden by what is configured. */
    Policy toPolicy() {
        Policy defaults = Policy.defaults();
        Policy.Builder builder = defaults.toBuilder();
        if (mode != null) {
            builder.mode(switch (mode.toLowerCase(Locale.ROOT)) {
                case "enforce" -> Policy.Mode.ENFORCE;
                case "shadow" -> Policy.Mode.SHADOW;
                default -> throw new IllegalArgumentException(
                        "guard.policy.mode must be 'enforce' or 'shadow', not '" + mode + "'");
            });
        }
        if (rules != null) {
            rules.forEach((id, rule) -> {
                RuleSetting current = defaults.rule(id);
                boolean enabled = rule.enabled() == null ? current.enabled() : rule.enabled();
                Action action = rule.action() == null ? current.action() : action(id, rule.action());
                builder.rule(id, new RuleSetting(enabled, action));
            });
        }
        if (manyVisibleExternalThreshold != null) {
            builder.manyVisibleExternalThreshold(manyVisibleExternalThreshold);
        }
        if (keywords != null) {
            builder.keywords(keywords);
        }
        if (learnedRecipients != null) {
            builder.learnedRecipients(learnedRecipients);
        }
        if (manyVisibleExternalCap != null) {
            builder.manyVisibleExternalCap(manyVisibleExternalCap);
        }
        if (usualRecipientAfter != null) {
            builder.usualRecipientAfter(usualRecipientAfter);
        }
        if (roleAddresses != null) {
            builder.roleAddresses(new RoleAddresses(roleAddresses));
        }
        return builder.build();
    }

    private static Action action(String id, String text) {
        String name = text.strip().toLowerCase(Locale.ROOT);
        if (name.equals("convert-to-bcc")) {
            return Action.BCC;
        }
        try {
            return Action.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("guard.policy.rules." + id + ".action must be deliver, convert-to-bcc, "
                    + "link, delay, hold or reject, not '" + text + "'", e);
        }
    }
}
