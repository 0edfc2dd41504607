package com.misdeliveryguard.core.message;

import com.misdeliveryguard.core.mail.MailAddress;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Test messages: resources under {@code /messages}, or text, in the CRLF form the spool stores. */
final class Eml {

    private Eml() {
    }

    static byte[] resource(String name) {
        try (InputStream in = Eml.class.getResourceAsStream("/messages/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test message " + name);
            }
            return crlf(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] text(String message) {
        return crlf(message.getBytes(StandardCharsets.UTF_8));
    }

    /** Every line end becomes CRLF, as after SMTP DATA. */
    static byte[] crlf(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + bytes.length / 20);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                continue;
            }
            if (bytes[i] == '\n') {
                out.write('\r');
            }
            out.write(bytes[i]);
        }
        return out.toByteArray();
    }

    static MessageFacts parse(byte[] message, String... envelopeRecipients) {
        return parse(new MessageFactsParser(MessageFactsParser.Limits.defaults()), message, envelopeRecipients);
    }

    static MessageFacts parse(MessageFactsParser parser, byte[] message, String... envelopeRecipients) {
        try {
            return parser.parse(new ByteArrayInputStream(message), recipients(envelopeRecipients));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<MailAddress> recipients(String... addresses) {
        return Arrays.stream(addresses).map(MailAddress::of).toList();
    }
}
