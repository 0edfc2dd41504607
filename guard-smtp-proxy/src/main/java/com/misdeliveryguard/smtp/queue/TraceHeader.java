package com.misdeliveryguard.smtp.queue;

import com.misdeliveryguard.smtp.delivery.ReceivedHeader;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Builds the one {@code Received:} header the guard prepends when it relays a message. */
@FunctionalInterface
public interface TraceHeader {

    /** The complete header field, folded, ending with CRLF. */
    String of(SpooledMessage message);

    /** The RFC 5321 §4.4 trace field naming our host, from the stored envelope. */
    static TraceHeader rfc5321(String ourHost) {
        return message -> ReceivedHeader.builder().helo(message.envelope().helo())
                .clientAddress(numeric(message.envelope().clientAddress())).ourHost(ourHost)
                .tls(message.envelope().tls()).authenticated(message.envelope().authenticatedUser().isPresent())
                .queueId(message.id()).recipients(message.envelope().recipients())
                .date(message.envelope().receivedAt()).build();
    }

    private static InetAddress numeric(String address) {
        try {
            return InetAddress.getByName(address); // numeric text: no DNS lookup
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }
}
