package com.misdeliveryguard.core.message;

import com.misdeliveryguard.core.mail.InvalidAddressException;
import com.misdeliveryguard.core.mail.MailAddress;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Changes the addresses of the {@code To} and {@code Cc} header fields of a stored message and nothing
 * else (SPEC §3 step 6): the one place where the guard alters a message, and only because the sender
 * chose it on the confirmation page ("send to the suggested address instead", "send the external
 * recipients as Bcc").
 *
 * <p>Byte for byte: every header field that does not change, the empty line and the body are copied
 * unchanged (the text is handled as ISO-8859-1, so 8-bit headers pass through untouched). In a changed
 * field each address (RFC 5322 §3.4 mailbox) keeps its raw text — an RFC 2047 display name stays
 * encoded as the client wrote it — and only its addr-spec is replaced, or the whole mailbox is left out.
 * A {@code To} field left without addresses becomes {@code To: undisclosed-recipients:;}; a {@code Cc}
 * field left without addresses is removed. Mailboxes inside a group and anything that cannot be read as
 * an address are kept as they are.
 */
public final class AddressHeaderRewriter {

    private static final String CRLF = "\r\n";

    private AddressHeaderRewriter() {
    }

    /**
     * The message with the To and Cc addresses changed.
     *
     * @param message the stored message (CRLF line ends)
     * @param change  for each address of To and Cc: the same address to keep it, another to replace it,
     *                empty to leave it out
     * @return the new bytes; the same content when nothing changed
     */
    public static byte[] rewrite(byte[] message, Function<MailAddress, Optional<MailAddress>> change) {
        String text = new String(message, StandardCharsets.ISO_8859_1);
        int end = text.indexOf(CRLF + CRLF);
        int headerEnd = end < 0 ? text.length() : end + 2;
        StringBuilder out = new StringBuilder(text.length() + 64);
        int start = 0;
        while (start < headerEnd) {
            int fieldEnd = fieldEnd(text, start, headerEnd);
            String field = text.substring(start, fieldEnd);
            out.append(rewriteField(field, change));
            start = fieldEnd;
        }
        out.append(text, headerEnd, text.length());
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * {@link #rewrite(byte[], Function)} as a stream: only the header section is read into memory (at most
     * {@link #MAX_HEADER_BYTES}); the body passes through untouched, so a message of any size can be sent
     * with its To/Cc changed. The returned stream owns {@code message} and closes it.
     *
     * @throws IOException when the header section is longer than {@link #MAX_HEADER_BYTES}
     */
    public static InputStream rewriting(InputStream message, Function<MailAddress, Optional<MailAddress>> change)
            throws IOException {
        InputStream in = message.markSupported() ? message : new BufferedInputStream(message);
        ByteArrayOutputStream header = new ByteArrayOutputStream(4096);
        int last4 = 0;
        int b;
        while ((b = in.read()) >= 0) {
            header.write(b);
            last4 = (last4 << 8) | b;
            boolean emptyFirstLine = header.size() == 2 && (last4 & 0xFFFF) == 0x0D0A;
            if (last4 == 0x0D0A0D0A || emptyFirstLine) {
                break;
            }
            if (header.size() > MAX_HEADER_BYTES) {
                in.close();
                throw new IOException("the header section is longer than " + MAX_HEADER_BYTES
                        + " bytes; its To/Cc are not rewritten");
            }
        }
        byte[] rewritten = rewrite(header.toByteArray(), change);
        return new SequenceInputStream(new ByteArrayInputStream(rewritten), in);
    }

    /** The longest header section {@link #rewriting} reads. */
    public static final int MAX_HEADER_BYTES = 4 * 1024 * 1024;

    /** The end of the field starting at {@code start}: after the CRLF of its last (folded) line. */
    private static int fieldEnd(String text, int start, int headerEnd) {
        int pos = start;
        while (true) {
            int crlf = text.indexOf(CRLF, pos);
            if (crlf < 0 || crlf + 2 >= headerEnd) {
                return headerEnd;
            }
            char next = text.charAt(crlf + 2);
            if (next != ' ' && next != '\t') {
                return crlf + 2;
            }
            pos = crlf + 2;
        }
    }

    private static String rewriteField(String field, Function<MailAddress, Optional<MailAddress>> change) {
        int colon = field.indexOf(':');
        if (colon < 0) {
            return field;
        }
        String name = field.substring(0, colon);
        String key = name.strip().toLowerCase(Locale.ROOT);
        if (!key.equals("to") && !key.equals("cc")) {
            return field;
        }
        String value = field.substring(colon + 1, field.endsWith(CRLF) ? field.length() - 2 : field.length());
        List<String> kept = new ArrayList<>();
        boolean changed = false;
        for (String mailbox : mailboxes(value)) {
            Optional<AddrSpec> spec = AddrSpec.in(mailbox);
            if (spec.isEmpty()) {
                kept.add(mailbox);
                continue;
            }
            Optional<MailAddress> now = change.apply(spec.get().address());
            if (now.isEmpty()) {
                changed = true;
            } else if (!same(now.get(), spec.get().address())) {
                changed = true;
                kept.add(mailbox.substring(0, spec.get().start()) + now.get() + mailbox.substring(spec.get().end()));
            } else {
                kept.add(mailbox);
            }
        }
        if (!changed) {
            return field;
        }
        List<String> nonEmpty = kept.stream().map(String::strip).filter(m -> !m.isEmpty()).toList();
        if (nonEmpty.isEmpty()) {
            return key.equals("to") ? name + ": undisclosed-recipients:;" + CRLF : "";
        }
        return name + ": " + String.join("," + CRLF + " ", nonEmpty) + CRLF;
    }

    private static boolean same(MailAddress a, MailAddress b) {
        return a.domain().equals(b.domain()) && a.localPart().equalsIgnoreCase(b.localPart());
    }

    /** The top-level comma-separated parts of an address list, raw (quotes, comments, brackets and groups respected). */
    static List<String> mailboxes(String value) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        boolean angle = false;
        boolean group = false;
        int from = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (c == ':' && !angle) {
                group = true;
            } else if (c == ';' && !angle) {
                group = false;
            } else if (c == ',' && !angle && !group) {
                out.add(value.substring(from, i));
                from = i + 1;
            }
        }
        out.add(value.substring(from));
        return out;
    }

    /** Where the addr-spec of one raw mailbox is, and what it says. */
    private record AddrSpec(int start, int end, MailAddress address) {

        static Optional<AddrSpec> in(String mailbox) {
            if (mailbox.indexOf(':') >= 0 && mailbox.indexOf('<') < 0) {
                return Optional.empty(); // a group: kept as written
            }
            int open = lastOutsideQuotes(mailbox, '<');
            int start;
            int end;
            if (open >= 0) {
                int close = mailbox.indexOf('>', open);
                if (close < 0) {
                    return Optional.empty();
                }
                start = open + 1;
                end = close;
            } else {
                String stripped = mailbox.strip();
                if (stripped.isEmpty() || stripped.indexOf('(') >= 0 || stripped.indexOf('"') >= 0) {
                    return Optional.empty();
                }
                start = mailbox.indexOf(stripped);
                end = start + stripped.length();
            }
            String spec = mailbox.substring(start, end).replace(CRLF, "").strip();
            try {
                return Optional.of(new AddrSpec(start, end, MailAddress.parse(spec)));
            } catch (InvalidAddressException | RuntimeException e) {
                return Optional.empty();
            }
        }

        private static int lastOutsideQuotes(String text, char wanted) {
            boolean quoted = false;
            int found = -1;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && quoted) {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == wanted && !quoted) {
                    found = i;
                }
            }
            return found;
        }
    }
}
