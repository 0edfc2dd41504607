package com.misdeliveryguard.core.links;

/** What the rewriter does with one entity. */
enum Decision {
    /** Copied byte for byte. */
    KEEP,
    /** Left out (an attachment now behind a link, or a multipart left without parts). */
    DROP,
    /** A text alternative: its text is kept and the notice added. */
    AMEND,
    /** Replaced by a text/plain part holding the notice (a message left without any text). */
    NOTICE
}
