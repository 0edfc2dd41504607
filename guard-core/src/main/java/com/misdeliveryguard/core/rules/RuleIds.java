package com.misdeliveryguard.core.rules;

import java.util.List;

/**
 * The stable ids of the rules of SPEC §5, as they appear in findings, the decision log and the
 * configuration ({@code guard.policy.rules.<id>.*}), and the two ids the engine itself gives.
 */
public final class RuleIds {

    public static final String UNKNOWN_RECIPIENT = "unknown-recipient";
    public static final String UNKNOWN_AT_KNOWN_ORG = "unknown-at-known-org";
    public static final String LOOKALIKE_DOMAIN = "lookalike-domain";
    public static final String DISPLAY_NAME_MISMATCH = "display-name-mismatch";
    public static final String MULTIPLE_EXTERNAL_ORGS = "multiple-external-orgs";
    public static final String SALUTATION_MISMATCH = "salutation-mismatch";
    public static final String ATTACHMENT_NAME_MISMATCH = "attachment-name-mismatch";
    public static final String MANY_VISIBLE_EXTERNAL = "many-visible-external";
    public static final String NEW_DOMAIN_IN_REPLY = "new-domain-in-reply";
    public static final String KEYWORD = "keyword";
    public static final String EXTERNAL_ATTACHMENT = "external-attachment";
    public static final String UNPARSEABLE_MESSAGE = "unparseable-message";
    public static final String NAMESAKE_OF_USUAL_RECIPIENT = "namesake-of-usual-recipient";
    public static final String INTERNAL_ADDRESS_TYPO = "internal-address-typo";

    /** A rule threw; its finding holds the message (fail safe). Not configurable. */
    public static final String RULE_ERROR = "rule-error";
    /** The directory could not resolve a recipient; holds the message (fail closed). Not configurable. */
    public static final String DIRECTORY_UNAVAILABLE = "directory-unavailable";

    /** Every configurable rule id, in the order of SPEC §5 (and the order the engine runs them). */
    public static final List<String> ALL = List.of(UNKNOWN_RECIPIENT, UNKNOWN_AT_KNOWN_ORG, LOOKALIKE_DOMAIN,
            DISPLAY_NAME_MISMATCH, MULTIPLE_EXTERNAL_ORGS, SALUTATION_MISMATCH, ATTACHMENT_NAME_MISMATCH,
            MANY_VISIBLE_EXTERNAL, NEW_DOMAIN_IN_REPLY, KEYWORD, EXTERNAL_ATTACHMENT, UNPARSEABLE_MESSAGE,
            NAMESAKE_OF_USUAL_RECIPIENT, INTERNAL_ADDRESS_TYPO);

    private RuleIds() {
    }
}
