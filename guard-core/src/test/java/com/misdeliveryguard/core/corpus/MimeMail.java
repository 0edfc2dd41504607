package com.misdeliveryguard.core.corpus;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Builds a message as real clients write it, in one of the encodings the first corpus covers: UTF-8 base64
 * (Outlook), UTF-8 quoted-printable (Thunderbird), ISO-2022-JP 7bit (Becky!, older Japanese clients),
 * Shift_JIS 8bit, HTML-only UTF-8 — headers as RFC 2047 encoded words of the same charset, attachment names
 * in RFC 2231 ({@code filename*=UTF-8''…}). Text a legacy charset cannot hold (髙, 﨑) falls back to UTF-8, as
 * clients do.
 */
final class MimeMail {

    enum Encoding { UTF8_BASE64, UTF8_QP, ISO_2022_JP, SHIFT_JIS, HTML_UTF8 }

    record Address(String name, String address) {
    }

    private MimeMail() {
    }

    static byte[] build(Encoding wanted, Address from, List<Address> to, List<Address> cc, String subject, String body,
            Optional<String> attachment, String messageId, Optional<String> inReplyTo) {
        Encoding encoding = wanted;
        String all = from.name() + subject + body + to + cc;
        if ((encoding == Encoding.ISO_2022_JP && !Charset.forName("ISO-2022-JP").newEncoder().canEncode(all))
                || (encoding == Encoding.SHIFT_JIS && !Charset.forName("windows-31j").newEncoder().canEncode(all))) {
            encoding = Encoding.UTF8_BASE64;
        }
        String charset = switch (encoding) {
            case ISO_2022_JP -> "ISO-2022-JP";
            case SHIFT_JIS -> "Shift_JIS";
            default -> "UTF-8";
        };
        Charset javaCharset = encoding == Encoding.SHIFT_JIS ? Charset.forName("windows-31j") : Charset.forName(charset);
        StringBuilder head = new StringBuilder();
        head.append("From: ").append(address(from, charset, javaCharset)).append("\r\n");
        head.append("To: ").append(list(to, charset, javaCharset)).append("\r\n");
        if (!cc.isEmpty()) {
            head.append("Cc: ").append(list(cc, charset, javaCharset)).append("\r\n");
        }
        head.append("Subject: ").append(word(subject, charset, javaCharset)).append("\r\n");
        head.append("Date: Tue, 01 Apr 2025 10:00:00 +0900\r\n");
        head.append("Message-ID: <").append(messageId).append(">\r\n");
        inReplyTo.ifPresent(id -> head.append("In-Reply-To: <").append(id).append(">\r\n"));
        head.append("MIME-Version: 1.0\r\n");
        String boundary = "----=_Part_" + Math.abs(messageId.hashCode());
        byte[] part = part(encoding, charset, javaCharset, body);
        byte[] out;
        if (attachment.isEmpty()) {
            out = concat(head.toString().getBytes(StandardCharsets.US_ASCII), part);
        } else {
            String multipart = "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary + "\r\n";
            String file = "\r\n--" + boundary + "\r\nContent-Type: application/pdf\r\n"
                    + "Content-Disposition: attachment; filename*=UTF-8''" + percent(attachment.get()) + "\r\n"
                    + "Content-Transfer-Encoding: base64\r\n\r\n"
                    + Base64.getMimeEncoder().encodeToString("%PDF-1.4 corpus".getBytes(StandardCharsets.US_ASCII))
                    + "\r\n--" + boundary + "--\r\n";
            out = concat(concat((head + multipart).getBytes(StandardCharsets.US_ASCII), part),
                    file.getBytes(StandardCharsets.US_ASCII));
        }
        return out;
    }

    private static byte[] part(Encoding encoding, String charset, Charset javaCharset, String body) {
        String text = body.replace("\n", "\r\n");
        return switch (encoding) {
            case UTF8_BASE64 -> concat(("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII), (Base64.getMimeEncoder().encodeToString(
                    text.getBytes(StandardCharsets.UTF_8)) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            case UTF8_QP -> ("Content-Type: text/plain; charset=UTF-8; format=flowed\r\n"
                    + "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + quotedPrintable(text) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            case ISO_2022_JP -> concat(("Content-Type: text/plain; charset=ISO-2022-JP\r\nContent-Transfer-Encoding: 7bit\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII), (text + "\r\n").getBytes(javaCharset));
            case SHIFT_JIS -> concat(("Content-Type: text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII), (text + "\r\n").getBytes(javaCharset));
            case HTML_UTF8 -> {
                StringBuilder html = new StringBuilder("<html><body>");
                for (String line : body.split("\n", -1)) {
                    html.append("<div>").append(line.isEmpty() ? "<br>" : escape(line)).append("</div>");
                }
                html.append("</body></html>");
                yield ("Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + Base64.getMimeEncoder().encodeToString(html.toString().getBytes(StandardCharsets.UTF_8)) + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
            }
        };
    }

    private static String list(List<Address> addresses, String charset, Charset javaCharset) {
        List<String> out = new ArrayList<>();
        for (Address address : addresses) {
            out.add(address(address, charset, javaCharset));
        }
        return String.join(",\r\n ", out);
    }

    private static String address(Address address, String charset, Charset javaCharset) {
        return address.name().isEmpty() ? "<" + address.address() + ">"
                : word(address.name(), charset, javaCharset) + " <" + address.address() + ">";
    }

    private static String word(String text, String charset, Charset javaCharset) {
        if (text.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return text;
        }
        return "=?" + charset + "?B?" + Base64.getEncoder().encodeToString(text.getBytes(javaCharset)) + "?=";
    }

    private static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder();
        int column = 0;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            String piece;
            if (c == '\r' || c == '\n') {
                out.append((char) c);
                column = 0;
                continue;
            }
            piece = (c >= 33 && c <= 126 && c != '=') || c == ' ' ? String.valueOf((char) c) : String.format("=%02X", c);
            if (column + piece.length() > 73) {
                out.append("=\r\n");
                column = 0;
            }
            out.append(piece);
            column += piece.length();
        }
        return out.toString();
    }

    private static String percent(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            out.append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                    ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        return out.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
