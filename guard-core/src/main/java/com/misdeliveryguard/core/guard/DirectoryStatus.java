package com.misdeliveryguard.core.guard;

/** What the directory knows about a recipient, from most to least. */
public enum DirectoryStatus {
    /** A contact of the directory owns the address (or an alias of it). */
    KNOWN_CONTACT,
    /** Not a contact, but confirmed earlier by this sender (SPEC §4). */
    LEARNED,
    /** Not a contact and not learned, but the domain belongs to a known organization. */
    KNOWN_ORGANIZATION,
    /** Nothing in the directory. */
    UNKNOWN,
    /** The directory could not answer; the message is held (fail closed). */
    UNAVAILABLE
}
