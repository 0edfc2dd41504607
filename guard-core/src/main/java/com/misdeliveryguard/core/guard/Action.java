package com.misdeliveryguard.core.guard;

/** What happens to a message after the check (SPEC §3 step 4). Ordered from mildest to strictest. */
public enum Action {
    /** Relay upstream now. */
    DELIVER,
    /**
     * Relay now with the external addresses taken out of To/Cc; the envelope keeps every recipient, so
     * they receive it as Bcc (SPEC §5 <em>convert to Bcc</em>; a policy choice for
     * {@code many-visible-external} and {@code multiple-external-orgs} only). Milder than {@link #LINK}
     * so that a stricter action never loses the conversion: {@link Verdict#externalToBcc()} carries it.
     */
    BCC,
    /** Relay now, each external recipient's copy with its attachments as download links (SPEC §6a). */
    LINK,
    /** Relay after a grace period; the sender may cancel ("undo send"). */
    DELAY,
    /** Keep the message until the sender confirms it. */
    HOLD,
    /** Refuse in the SMTP dialogue; nothing is kept. */
    REJECT;

    /** The stricter of two actions. */
    public Action max(Action other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
