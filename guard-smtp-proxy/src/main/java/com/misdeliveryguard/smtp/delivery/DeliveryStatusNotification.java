package com.misdeliveryguard.smtp.delivery;

import com.misdeliveryguard.smtp.delivery.DsnRecipient.Action;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a delivery status notification (RFC 3464) telling a sender that recipients failed or are
 * delayed: a {@code multipart/report; report-type=delivery-status} (RFC 6522) message with
 * <ol>
 *   <li>a {@code text/plain} explanation in English and Japanese (UTF-8, base64),</li>
 *   <li>the {@code message/delivery-status} part: per-message fields, then per recipient
 *       {@code Final-Recipient}, {@code Action}, {@code Status}, {@code Remote-MTA} (when known),
 *       {@code Diagnostic-Code}, {@code Last-Attempt-Date} and, for delays, {@code Will-Retry-Until},</li>
 *   <li>a {@code text/rfc822-headers} part with the original header section (capped at 64 KB; 7bit, or
 *       quoted-printable when the headers hold 8-bit data or overlong lines).</li>
 * </ol>
 * The result is 7-bit clean, so it can be relayed without {@code BODY=8BITMIME}. It comes from
 * {@code MAILER-DAEMON@<reporting host>}, carries {@code Auto-Submitted: auto-replied} and is meant
 * to be sent with the null reverse path {@code <>}. The subject is
 * {@value #FAILURE_SUBJECT} when any recipient failed, otherwise {@value #DELAY_SUBJECT}.
 *
 * <p>Every header value is either validated on construction ({@link DsnRequest}, {@link DsnRecipient})
 * or reduced to one line of printable ASCII, so nothing from an address or an upstream reply can add a
 * header line. Date and Message-ID come from the injected {@link Clock}. A request for the null
 * sender cannot be built (see {@link DsnRequest}). Thread-safe.
 */
public final class DeliveryStatusNotification {

    public static final String FAILURE_SUBJECT = "Undelivered Mail Returned to Sender";
    public static final String DELAY_SUBJECT = "Delayed Mail (still being retried)";

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryStatusNotification.class);
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final String CRLF = "\r\n";
    private static final int LINE = 78;

    private final Clock clock;
    private final int headerCap;

    public DeliveryStatusNotification(Clock clock) {
        this(clock, HeaderSection.DEFAULT_CAP);
    }

    DeliveryStatusNotification(Clock clock, int headerCap) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.headerCap = headerCap;
    }

    /** The complete notification (header and body) as bytes with CRLF line ends. */
    public byte[] build(DsnRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            writeTo(request, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes the complete notification; only failures of {@code out} are thrown. */
    public void writeTo(DsnRequest request, OutputStream out) throws IOException {
        Instant now = clock.instant();
        String boundary = "=_mdg_" + UUID.randomUUID().toString().replace("-", "");
        byte[] originalHeaders = originalHeaders(request);

        StringBuilder head = new StringBuilder();
        head.append("From: Mail Delivery System <MAILER-DAEMON@").append(request.reportingHost()).append('>').append(CRLF);
        head.append("To: ").append(request.sender().toSmtpPath()).append(CRLF);
        head.append("Subject: ").append(request.reportsFailure() ? FAILURE_SUBJECT : DELAY_SUBJECT).append(CRLF);
        head.append("Date: ").append(DATE.format(now)).append(CRLF);
        head.append("Message-ID: <").append(now.toEpochMilli()).append('.').append(request.queueId()).append(".dsn@")
                .append(request.reportingHost()).append('>').append(CRLF);
        head.append("Auto-Submitted: auto-replied").append(CRLF);
        head.append("MIME-Version: 1.0").append(CRLF);
        head.append("Content-Type: multipart/report; report-type=delivery-status;").append(CRLF)
                .append("\tboundary=\"").append(boundary).append('"').append(CRLF);
        head.append(CRLF);
        head.append("This is a MIME-encapsulated message.").append(CRLF).append(CRLF);

        head.append("--").append(boundary).append(CRLF);
        head.append("Content-Type: text/plain; charset=UTF-8").append(CRLF);
        head.append("Content-Transfer-Encoding: base64").append(CRLF);
        head.append("Content-Description: Notification").append(CRLF).append(CRLF);
        head.append(Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII))
                .encodeToString(DsnText.of(request).getBytes(StandardCharsets.UTF_8))).append(CRLF).append(CRLF);

        head.append("--").append(boundary).append(CRLF);
        head.append("Content-Type: message/delivery-status").append(CRLF);
        head.append("Content-Description: Delivery report").append(CRLF).append(CRLF);
        appendDeliveryStatus(head, request);
        ascii(out, head);

        if (originalHeaders != null) {
            StringBuilder part = new StringBuilder(CRLF).append("--").append(boundary).append(CRLF);
            boolean raw = HeaderSection.isSevenBitClean(originalHeaders);
            part.append("Content-Type: text/rfc822-headers").append(CRLF);
            part.append("Content-Transfer-Encoding: ").append(raw ? "7bit" : "quoted-printable").append(CRLF);
            part.append("Content-Description: Undelivered Message Headers").append(CRLF).append(CRLF);
            ascii(out, part);
            writeHeaders(out, originalHeaders, raw);
        }
        ascii(out, new StringBuilder(CRLF).append("--").append(boundary).append("--").append(CRLF));
        out.flush();
    }

    private void appendDeliveryStatus(StringBuilder b, DsnRequest request) {
        b.append("Reporting-MTA: dns; ").append(request.reportingHost()).append(CRLF);
        b.append("X-Misdelivery-Guard-Queue-ID: ").append(request.queueId()).append(CRLF);
        b.append("Arrival-Date: ").append(DATE.format(request.arrivalDate())).append(CRLF);
        for (DsnRecipient r : request.recipients()) {
            b.append(CRLF);
            b.append("Final-Recipient: rfc822; ").append(r.recipient()).append(CRLF);
            b.append("Action: ").append(r.action().field()).append(CRLF);
            b.append("Status: ").append(r.status()).append(CRLF);
            r.remoteMta().ifPresent(mta -> b.append("Remote-MTA: dns; ").append(mta).append(CRLF));
            b.append(fold("Diagnostic-Code: smtp; " + r.reply())).append(CRLF);
            b.append("Last-Attempt-Date: ").append(DATE.format(r.lastAttempt())).append(CRLF);
            r.willRetryUntil().filter(t -> r.action() == Action.DELAYED)
                    .ifPresent(t -> b.append("Will-Retry-Until: ").append(DATE.format(t)).append(CRLF));
        }
    }

    private byte[] originalHeaders(DsnRequest request) {
        try {
            return HeaderSection.read(request.originalMessage(), headerCap);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: original message unreadable; notification without its headers", request.queueId(), e);
            return null;
        }
    }

    private static void writeHeaders(OutputStream out, byte[] headers, boolean raw) throws IOException {
        if (raw) {
            out.write(headers);
            return;
        }
        try {
            OutputStream qp = MimeUtility.encode(new NonClosing(out), "quoted-printable");
            qp.write(headers);
            qp.flush();
        } catch (MessagingException e) {
            throw new IOException(e);
        }
    }

    /** Folds a header field at spaces so lines stay within 78 characters where possible. */
    static String fold(String field) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : field.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > LINE) {
                lines.add(line.toString());
                line.setLength(0);
                line.append('\t').append(word);
            } else {
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
        }
        lines.add(line.toString());
        return String.join(CRLF, lines);
    }

    private static void ascii(OutputStream out, CharSequence text) throws IOException {
        out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Lets the quoted-printable encoder be flushed without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {

        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
