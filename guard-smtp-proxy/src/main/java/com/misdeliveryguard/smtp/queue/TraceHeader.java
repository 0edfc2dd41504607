package com.misdeliveryguard.smtp.queue;

import com.misdeliveryguard.smtp.spool.SpooledMessage;

/** Builds the one {@code Received:} header the guard prepends when it relays a message. */
@FunctionalInterface
public interface TraceHeader {

    /** The complete header field, folded, ending with CRLF. */
    String of(SpooledMessage message);
}
