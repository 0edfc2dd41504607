package com.misdeliveryguard.core.audit;

/** How the directory classified a recipient when the verdict was given. */
public enum RecipientClass {
    /** An address at one of the configured internal domains. */
    INTERNAL,
    /** A contact of the directory. */
    KNOWN_CONTACT,
    /** Not a contact, but its domain belongs to a known organization. */
    KNOWN_ORGANIZATION,
    /** Not in the directory, but confirmed before by this sender. */
    LEARNED,
    /** Nothing in the directory. */
    UNKNOWN
}
