package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.guard.Action;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the guard does with the findings of each rule (SPEC §5, {@code guard.policy.*}). Immutable;
 * build it with {@link #builder()} or the canonical constructor — rule settings missing from the map
 * take their defaults, so configuration names only what it changes.
 *
 * <p>Defaults (SPEC §5): every rule enabled with {@link Action#HOLD}, except
 * {@code external-attachment} (off; {@code HOLD} once enabled) and {@code keyword}, which is enabled but
 * has no keywords. {@code many-visible-external} at 10 addresses, mode {@link Mode#ENFORCE}, learned
 * recipients consulted.
 *
 * @param mode                         enforce the verdicts, or only record them (shadow)
 * @param rules                        per rule id of {@link RuleIds#ALL}: enabled and action
 * @param manyVisibleExternalThreshold external To/Cc addresses from which {@code many-visible-external} fires
 * @param keywords                     what {@code keyword} looks for, compared after NFKC without case
 * @param learnedRecipients            whether recipients a sender confirmed before are known to the check
 *                                     (SPEC §4, on by default)
 * @param manyVisibleExternalCap       external To/Cc addresses above which {@code many-visible-external} fires even
 *                                     when they all belong to one organization (30)
 * @param usualRecipientAfter          deliveries from a sender to a recipient from which the recipient is one the
 *                                     sender writes to often, for {@code namesake-of-usual-recipient} (3)
 * @param roleAddresses                internal addresses that are role or list addresses and never typos
 *                                     ({@link RoleAddresses}: {@code info@}, {@code *-all@}, …)
 */
public record Policy(Mode mode, Map<String, RuleSetting> rules, int manyVisibleExternalThreshold,
        List<String> keywords, boolean learnedRecipients, int manyVisibleExternalCap, int usualRecipientAfter,
        RoleAddresses roleAddresses) {

    /** Whether verdicts are enforced. */
    public enum Mode {
        /** The verdict's action is carried out. */
        ENFORCE,
        /** Everything is delivered; verdicts are computed and logged as they would have been. */
        SHADOW
    }

    /** The rules whose findings converting to Bcc answers: {@link Action#BCC} is allowed for them only. */
    public static final List<String> BCC_RULES = List.of(RuleIds.MANY_VISIBLE_EXTERNAL, RuleIds.MULTIPLE_EXTERNAL_ORGS);

    static final int DEFAULT_MANY_VISIBLE_EXTERNAL = 10;
    static final int DEFAULT_MANY_VISIBLE_EXTERNAL_CAP = 30;
    static final int DEFAULT_USUAL_RECIPIENT_AFTER = 3;

    /**
     * @throws IllegalArgumentException for a rule id that is not one of {@link RuleIds#ALL} (the message
     *                                  lists the valid ids) or a threshold below 1
     */
    public Policy {
        Objects.requireNonNull(mode, "mode");
        Map<String, RuleSetting> complete = new LinkedHashMap<>();
        for (String id : RuleIds.ALL) {
            complete.put(id, rules.getOrDefault(id, defaultSetting(id)));
        }
        for (String id : rules.keySet()) {
            if (!complete.containsKey(id)) {
                throw new IllegalArgumentException("unknown rule '" + id + "' in the policy; rules are " + RuleIds.ALL);
            }
        }
        rules = Collections.unmodifiableMap(complete);
        complete.forEach((id, setting) -> {
            if (setting.action() == Action.BCC && !BCC_RULES.contains(id)) {
                throw new IllegalArgumentException("convert-to-bcc is an action for " + BCC_RULES + " only, not for '"
                        + id + "'");
            }
        });
        if (manyVisibleExternalThreshold < 1) {
            throw new IllegalArgumentException("many-visible-external threshold must be at least 1: "
                    + manyVisibleExternalThreshold);
        }
        keywords = keywords.stream().map(String::strip).filter(k -> !k.isEmpty()).distinct().toList();
        if (manyVisibleExternalCap < manyVisibleExternalThreshold) {
            throw new IllegalArgumentException("many-visible-external cap (" + manyVisibleExternalCap
                    + ") must not be below its threshold (" + manyVisibleExternalThreshold + ")");
        }
        if (usualRecipientAfter < 1) {
            throw new IllegalArgumentException("usual-recipient-after must be at least 1: " + usualRecipientAfter);
        }
        Objects.requireNonNull(roleAddresses, "roleAddresses");
    }

    /** A policy with the defaults of issue 10 for the cap, the usual-recipient count and the role addresses. */
    public Policy(Mode mode, Map<String, RuleSetting> rules, int manyVisibleExternalThreshold, List<String> keywords,
            boolean learnedRecipients) {
        this(mode, rules, manyVisibleExternalThreshold, keywords, learnedRecipients,
                Math.max(DEFAULT_MANY_VISIBLE_EXTERNAL_CAP, manyVisibleExternalThreshold), DEFAULT_USUAL_RECIPIENT_AFTER,
                RoleAddresses.defaults());
    }

    /** SPEC §5 as it stands. */
    public static Policy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The setting of one rule. */
    public RuleSetting rule(String id) {
        RuleSetting setting = rules.get(id);
        if (setting == null) {
            throw new IllegalArgumentException("unknown rule '" + id + "'; rules are " + RuleIds.ALL);
        }
        return setting;
    }

    /** The default setting of a rule id of {@link RuleIds#ALL}. */
    static RuleSetting defaultSetting(String id) {
        return RuleIds.EXTERNAL_ATTACHMENT.equals(id) ? RuleSetting.off(Action.HOLD) : RuleSetting.on(Action.HOLD);
    }

    /** A copy of this policy to change. */
    public Builder toBuilder() {
        Builder builder = new Builder().mode(mode).manyVisibleExternalThreshold(manyVisibleExternalThreshold)
                .keywords(keywords).learnedRecipients(learnedRecipients);
        builder.rules.putAll(rules);
        return builder;
    }

    /** Builds a {@link Policy}; starts from the defaults. */
    public static final class Builder {

        private Mode mode = Mode.ENFORCE;
        private final Map<String, RuleSetting> rules = new LinkedHashMap<>();
        private int manyVisibleExternalThreshold = DEFAULT_MANY_VISIBLE_EXTERNAL;
        private List<String> keywords = List.of();
        private boolean learnedRecipients = true;
        private int manyVisibleExternalCap = DEFAULT_MANY_VISIBLE_EXTERNAL_CAP;
        private int usualRecipientAfter = DEFAULT_USUAL_RECIPIENT_AFTER;
        private RoleAddresses roleAddresses = RoleAddresses.defaults();

        private Builder() {
        }

        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Sets a rule's whole setting. */
        public Builder rule(String id, RuleSetting setting) {
            Policy.defaultSettingOf(id);
            rules.put(id, Objects.requireNonNull(setting, "setting"));
            return this;
        }

        /** Turns a rule on, keeping its action. */
        public Builder enable(String id) {
            return rule(id, new RuleSetting(true, current(id).action()));
        }

        /** Turns a rule off. */
        public Builder disable(String id) {
            return rule(id, new RuleSetting(false, current(id).action()));
        }

        /** Sets a rule's action, keeping whether it is on. */
        public Builder action(String id, Action action) {
            return rule(id, new RuleSetting(current(id).enabled(), action));
        }

        public Builder manyVisibleExternalThreshold(int threshold) {
            this.manyVisibleExternalThreshold = threshold;
            return this;
        }

        public Builder keywords(Collection<String> keywords) {
            this.keywords = List.copyOf(keywords);
            return this;
        }

        public Builder learnedRecipients(boolean consulted) {
            this.learnedRecipients = consulted;
            return this;
        }

        /** External To/Cc addresses above which {@code many-visible-external} fires in any case (default 30). */
        public Builder manyVisibleExternalCap(int cap) {
            this.manyVisibleExternalCap = cap;
            return this;
        }

        /** Deliveries from which a recipient is one the sender writes to often (default 3). */
        public Builder usualRecipientAfter(int deliveries) {
            this.usualRecipientAfter = deliveries;
            return this;
        }

        /** Internal role and list addresses that {@code internal-address-typo} leaves alone. */
        public Builder roleAddresses(RoleAddresses roleAddresses) {
            this.roleAddresses = Objects.requireNonNull(roleAddresses, "roleAddresses");
            return this;
        }

        public Policy build() {
            return new Policy(mode, rules, manyVisibleExternalThreshold, keywords, learnedRecipients,
                    manyVisibleExternalCap, usualRecipientAfter, roleAddresses);
        }

        private RuleSetting current(String id) {
            return rules.getOrDefault(id, Policy.defaultSettingOf(id));
        }
    }

    private static RuleSetting defaultSettingOf(String id) {
        if (!RuleIds.ALL.contains(id)) {
            throw new IllegalArgumentException("unknown rule '" + id + "'; rules are " + RuleIds.ALL);
        }
        return defaultSetting(id);
    }
}
