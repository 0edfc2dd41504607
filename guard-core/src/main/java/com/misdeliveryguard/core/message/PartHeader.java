package com.misdeliveryguard.core.message;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The MIME facts of one entity's header block, read from its raw bytes with the same rules as the
 * facts parser ({@link Entity}): the media type (RFC 2045 §5.2 default {@code text/plain}, or
 * {@code message/rfc822} inside {@code multipart/digest}), boundary, charset, transfer encoding,
 * disposition, Content-ID, and the decoded file name (RFC 2231 continuations and charsets, RFC 2047
 * encoded words, raw UTF-8 or Shift_JIS bytes). Used by code that rewrites messages part by part.
 *
 * @param mimeType         lower-case media type
 * @param boundary         the multipart boundary, if given
 * @param charset          the charset parameter as written, if given
 * @param transferEncoding lower-case Content-Transfer-Encoding, empty when absent
 * @param disposition      lower-case disposition value ({@code attachment}, {@code inline}) or empty
 * @param contentId        whether the entity has a Content-ID
 * @param fileName         decoded file name (filename, else name), control characters removed
 */
public record PartHeader(String mimeType, Optional<String> boundary, Optional<String> charset,
        String transferEncoding, String disposition, boolean contentId, Optional<String> fileName) {

    /**
     * Reads a header block (field lines with CRLF, without the empty line that ends it).
     *
     * @param inDigest whether the entity is a part of a {@code multipart/digest} (default type message/rfc822)
     */
    public static PartHeader parse(byte[] headerBlock, boolean inDigest) {
        Problems problems = new Problems();
        String contentType = null;
        String disposition = null;
        String encoding = null;
        boolean contentId = false;
        for (String field : unfold(headerBlock)) {
            int colon = field.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = field.substring(colon + 1).strip();
            switch (name) {
                case "content-type" -> contentType = contentType == null ? value : contentType;
                case "content-disposition" -> disposition = disposition == null ? value : disposition;
                case "content-transfer-encoding" -> encoding = encoding == null ? value : encoding;
                case "content-id" -> contentId = true;
                default -> {
                }
            }
        }
        MimeParameters type = MimeParameters.parse(contentType == null ? "" : contentType, problems, "Content-Type");
        MimeParameters disp = MimeParameters.parse(disposition == null ? "" : disposition, problems,
                "Content-Disposition");
        Optional<String> name = fileName(disp, "filename", problems).or(() -> fileName(type, "name", problems))
                .map(n -> UnsafeCharacters.clean(n, problems, "file name").strip()).filter(n -> !n.isEmpty());
        String mime = type.value().indexOf('/') > 0 ? type.value() : inDigest ? "message/rfc822" : "text/plain";
        return new PartHeader(mime, type.get("boundary").filter(b -> !b.isBlank()), type.get("charset"),
                encoding == null ? "" : encoding.strip().toLowerCase(Locale.ROOT), disp.value(), contentId, name);
    }

    private static Optional<String> fileName(MimeParameters parameters, String parameter, Problems problems) {
        return parameters.get(parameter).map(value -> parameters.isExtended(parameter)
                ? value : EncodedWords.decode(value, problems, "file name"));
    }

    /** The unfolded fields of a header block, each decoded as ASCII, UTF-8 or a guessed Japanese charset. */
    static List<String> unfold(byte[] block) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= block.length; i++) {
            if (i < block.length && block[i] != '\n') {
                continue;
            }
            int end = i > start && block[i - 1] == '\r' ? i - 1 : i;
            String text = text(Arrays.copyOfRange(block, start, end));
            start = i + 1;
            if (text.isEmpty()) {
                continue;
            }
            boolean continuation = text.charAt(0) == ' ' || text.charAt(0) == '\t';
            if (continuation && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + text);
            } else {
                fields.add(text);
            }
        }
        return fields;
    }

    private static String text(byte[] line) {
        if (MailCharsets.isAscii(line)) {
            return new String(line, StandardCharsets.US_ASCII);
        }
        return MailCharsets.isUtf8(line) ? new String(line, StandardCharsets.UTF_8) : MailCharsets.decodeUndeclared(line);
    }

    public boolean isMultipart() {
        return mimeType.startsWith("multipart/");
    }

    /** An embedded message the rewriter descends into (only when not transfer-encoded). */
    public boolean isMessage() {
        return mimeType.equals("message/rfc822")
                && (transferEncoding.isEmpty() || transferEncoding.equals("7bit") || transferEncoding.equals("8bit")
                        || transferEncoding.equals("binary"));
    }

    /** Signed or encrypted content, which must never be altered (RFC 1847, RFC 8551). */
    public boolean isSignedOrEncrypted() {
        return mimeType.equals("multipart/signed") || mimeType.equals("multipart/encrypted")
                || mimeType.equals("application/pkcs7-mime") || mimeType.equals("application/x-pkcs7-mime")
                || mimeType.equals("application/pgp-encrypted");
    }

    /**
     * An attachment in the sense of SPEC §6a: a part with a file name (or disposition attachment) that is
     * not an inline image of an HTML body (an image with a Content-ID that is not marked attachment).
     */
    public boolean isAttachment() {
        if (isMultipart() || isMessage() && fileName.isEmpty()) {
            return false;
        }
        boolean attached = disposition.equals("attachment");
        boolean inlineImage = contentId && !attached && mimeType.startsWith("image/");
        return (attached || fileName.isPresent()) && !inlineImage;
    }

    /** Text the sender wrote: text/plain or text/html without a file name, not attached. */
    public boolean isBodyText() {
        return (mimeType.equals("text/plain") || mimeType.equals("text/html")) && fileName.isEmpty()
                && !disposition.equals("attachment");
    }

    /** The Java charset to decode text with (declared, with the usual supersets), if Java knows it. */
    public Optional<Charset> javaCharset() {
        return charset.flatMap(MailCharsets::forName);
    }

    /** Decodes text whose charset is unknown or undeclared, as the facts parser does. */
    public static String decodeUndeclared(byte[] bytes) {
        return MailCharsets.decodeUndeclared(bytes);
    }
}
