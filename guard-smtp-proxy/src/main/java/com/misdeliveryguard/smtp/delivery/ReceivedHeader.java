package com.misdeliveryguard.smtp.delivery;

import com.misdeliveryguard.core.mail.MailAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds the trace field the guard prepends to every relayed message (RFC 5321 §4.4):
 *
 * <pre>
 * Received: from client.example.com ([192.0.2.10]) by guard.example.com
 *         (Misdelivery Guard) with ESMTPSA id 7F3A2C for &lt;bob@example.org&gt;;
 *         Tue, 3 Jun 2025 09:15:02 +0000
 * </pre>
 *
 * <ul>
 *   <li>the HELO argument comes from the client and is sanitized: printable ASCII only, without
 *       parentheses, backslash, quote, angle brackets or semicolon (each replaced by {@code ?}), cut
 *       to 64 characters, {@code unknown} when empty;</li>
 *   <li>the client address is written as an RFC 5321 address literal ({@code [192.0.2.10]},
 *       {@code [IPv6:2001:db8::1]});</li>
 *   <li>{@code with} is ESMTP, plus {@code S} for TLS and {@code A} for AUTH (RFC 3848);</li>
 *   <li>{@code for} names the recipient only when there is exactly one (naming several would
 *       disclose Bcc recipients to each other);</li>
 *   <li>the date is RFC 5322 in UTC.</li>
 * </ul>
 * Lines are folded before 78 characters where whitespace allows (a single very long address can
 * still make a longer line); the result ends with CRLF and is pure ASCII.
 */
public final class ReceivedHeader {

    static final int MAX_HELO = 64;
    private static final int LINE = 78;
    private static final DateTimeFormatter RFC_5322 =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    /** Compiled once: every delivery attempt builds a header. */
    private static final Pattern QUEUE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private String helo = "";
    private InetAddress clientAddress;
    private String ourHost;
    private boolean tls;
    private boolean authenticated;
    private String queueId;
    private List<MailAddress> recipients = List.of();
    private Instant date;

    private ReceivedHeader() {
    }

    public static ReceivedHeader builder() {
        return new ReceivedHeader();
    }

    /** The client's EHLO/HELO argument, untrusted; sanitized here. */
    public ReceivedHeader helo(String helo) {
        this.helo = Objects.requireNonNullElse(helo, "");
        return this;
    }

    public ReceivedHeader clientAddress(InetAddress address) {
        this.clientAddress = Objects.requireNonNull(address, "address");
        return this;
    }

    /** This host's name (e.g. {@code guard.example.com}); letters, digits, dots and hyphens only. */
    public ReceivedHeader ourHost(String host) {
        this.ourHost = HostNames.require(host, "ourHost");
        return this;
    }

    public ReceivedHeader tls(boolean tls) {
        this.tls = tls;
        return this;
    }

    public ReceivedHeader authenticated(boolean authenticated) {
        this.authenticated = authenticated;
        return this;
    }

    /** The spool id; letters, digits, dot, hyphen, underscore. */
    public ReceivedHeader queueId(String queueId) {
        this.queueId = requireQueueId(queueId);
        return this;
    }

    /** A queue id as the trace header and a DSN name it: 1-64 letters, digits, dot, hyphen, underscore. */
    static String requireQueueId(String queueId) {
        Objects.requireNonNull(queueId, "queueId");
        if (!QUEUE_ID.matcher(queueId).matches()) {
            throw new IllegalArgumentException("queue id must be 1-64 letters, digits, '.', '-' or '_'");
        }
        return queueId;
    }

    /** The envelope recipients; named in {@code for} only when there is exactly one. */
    public ReceivedHeader recipients(List<MailAddress> recipients) {
        this.recipients = List.copyOf(recipients);
        return this;
    }

    public ReceivedHeader date(Instant date) {
        this.date = Objects.requireNonNull(date, "date");
        return this;
    }

    /** The complete header field, folded, ending with CRLF. */
    public String build() {
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(ourHost, "ourHost");
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(date, "date");
        List<String> tokens = new ArrayList<>(List.of("Received:", "from", sanitizeHelo(helo),
                "(" + addressLiteral(clientAddress) + ")", "by", ourHost, "(Misdelivery Guard)", "with",
                "ESMTP" + (tls ? "S" : "") + (authenticated ? "A" : ""), "id"));
        if (recipients.size() == 1) {
            tokens.add(queueId);
            tokens.add("for");
            tokens.add(recipients.get(0).toSmtpPath() + ";");
        } else {
            tokens.add(queueId + ";");
        }
        tokens.add(RFC_5322.format(date));
        return fold(tokens);
    }

    static String sanitizeHelo(String helo) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < helo.length() && b.length() < MAX_HELO; i++) {
            char c = helo.charAt(i);
            boolean allowed = c > 0x20 && c < 0x7f && "()\\\"<>;".indexOf(c) < 0;
            b.append(allowed ? c : '?');
        }
        return b.length() == 0 ? "unknown" : b.toString();
    }

    static String addressLiteral(InetAddress address) {
        String host = address.getHostAddress();
        int zone = host.indexOf('%');
        if (zone >= 0) {
            host = host.substring(0, zone);
        }
        return address instanceof Inet6Address ? "[IPv6:" + host + "]" : "[" + host + "]";
    }

    private static String fold(List<String> tokens) {
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (String token : tokens) {
            if (lineLength == 0) {
                out.append(token);
                lineLength = token.length();
            } else if (lineLength + 1 + token.length() > LINE) {
                out.append("\r\n\t").append(token);
                lineLength = 1 + token.length();
            } else {
                out.append(' ').append(token);
                lineLength += 1 + token.length();
            }
        }
        return out.append("\r\n").toString();
    }
}
