package com.misdeliveryguard.core.mail;

/**
 * An address that the strict RFC 5321 parser refused. Carries the {@link Problem} so that the SMTP
 * layer can choose the reply code without parsing the message text.
 */
public final class InvalidAddressException extends Exception {

    /** Why an address was refused. */
    public enum Problem {
        /** Not RFC 5321 syntax at all (unbalanced brackets, empty parts, bad characters). */
        SYNTAX,
        /** Sender routing: {@code %}, {@code !}, a second {@code @}, a source route. */
        ROUTING,
        /** A domain literal such as {@code [192.0.2.1]}. */
        DOMAIN_LITERAL,
        /** Non-ASCII characters; this relay does not offer SMTPUTF8. */
        NON_ASCII,
        /** A quoted local part; refused to keep one canonical form per mailbox. */
        QUOTED,
        /** Longer than RFC 5321 §4.5.3.1 allows. */
        TOO_LONG
    }

    private final Problem problem;

    public InvalidAddressException(Problem problem, String message) {
        super(message, null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
