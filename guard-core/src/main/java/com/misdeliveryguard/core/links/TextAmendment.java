package com.misdeliveryguard.core.links;

import com.misdeliveryguard.core.message.PartHeader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds the notice to one text alternative. The text is decoded with its declared charset and written
 * back in the same charset and transfer encoding whenever they can carry it: a Shift_JIS or
 * ISO-2022-JP body stays Shift_JIS or ISO-2022-JP, an 8-bit body stays 8-bit. Only when the notice
 * cannot be written in the declared charset does a plain-text part become UTF-8 (HTML keeps its charset
 * and gets character references instead); only when 7bit cannot carry the result, or the part was
 * quoted-printable, does it become base64. The header fields changed are Content-Type (charset) and
 * Content-Transfer-Encoding; every other field is copied.
 */
final class TextAmendment {

    private static final Pattern CHARSET = Pattern.compile("(?i)(;\\s*charset\\s*=\\s*)(\"[^\"]*\"|[^;\\s]*)");
    private static final Pattern BODY_END = Pattern.compile("(?i)</body\\s*>");

    private TextAmendment() {
    }

    static void write(PartHeader h, HeaderBlock header, byte[] decoded, Notice notice, OutputStream out)
            throws IOException {
        boolean html = h.mimeType().equals("text/html");
        Charset declared = h.javaCharset().orElse(null);
        boolean ascii = isAscii(decoded);
        String text = declared != null ? new String(decoded, declared)
                : ascii ? new String(decoded, StandardCharsets.US_ASCII) : PartHeader.decodeUndeclared(decoded);
        Charset encoding = declared != null ? declared : ascii ? StandardCharsets.US_ASCII : null;
        String amended;
        if (html) {
            String fragment = encoding == null ? notice.html() : references(notice.html(), encoding.newEncoder());
            Matcher end = BODY_END.matcher(text);
            int at = -1;
            while (end.find()) {
                at = end.start();
            }
            amended = at < 0 ? text + "\r\n" + fragment + "\r\n"
                    : text.substring(0, at) + fragment + "\r\n" + text.substring(at);
        } else {
            String separator = text.isEmpty() || text.endsWith("\n") ? "\r\n" : "\r\n\r\n";
            amended = text + separator + crlf(notice.plain());
        }
        boolean newCharset = encoding == null || !encoding.newEncoder().canEncode(amended);
        Charset target = newCharset ? StandardCharsets.UTF_8 : encoding;
        byte[] bytes = amended.getBytes(target);
        String cte = h.transferEncoding();
        boolean base64 = switch (cte) {
            case "base64", "quoted-printable" -> true;
            case "8bit", "binary" -> false;
            default -> !Transfer.isSevenBitWithShortLines(bytes);
        };
        Set<String> removed = new HashSet<>();
        List<String> added = new ArrayList<>();
        if (newCharset) {
            removed.add("content-type");
            added.add("Content-Type: " + withUtf8(header.field("content-type").map(HeaderBlock.Field::value)
                    .orElse(h.mimeType())));
        }
        if (base64 && !cte.equals("base64")) {
            removed.add("content-transfer-encoding");
            added.add("Content-Transfer-Encoding: base64");
        }
        out.write(removed.isEmpty() ? header.raw() : header.rewritten(removed, added));
        if (base64) {
            Transfer.writeBase64(bytes, out);
        } else {
            out.write(bytes);
            out.write('\r');
            out.write('\n');
        }
    }

    private static String withUtf8(String contentType) {
        Matcher m = CHARSET.matcher(contentType);
        if (m.find()) {
            return contentType.substring(0, m.start()) + m.group(1) + "UTF-8" + contentType.substring(m.end());
        }
        return contentType + "; charset=UTF-8";
    }

    /** Characters the charset cannot write become HTML character references. */
    private static String references(String html, CharsetEncoder encoder) {
        StringBuilder out = new StringBuilder();
        html.codePoints().forEach(cp -> {
            String s = new String(Character.toChars(cp));
            if (encoder.canEncode(s)) {
                out.append(s);
            } else {
                out.append("&#").append(cp).append(';');
            }
        });
        return out.toString();
    }

    private static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

}
