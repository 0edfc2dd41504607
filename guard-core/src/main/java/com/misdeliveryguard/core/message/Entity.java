package com.misdeliveryguard.core.message;

import java.util.Optional;

/**
 * One MIME entity while it is being parsed (RFC 2045 §2.4): the message itself, a body part, or a
 * message embedded in a {@code message/rfc822} part. Collects the MIME fields of its header and, once
 * the header is complete, says what the entity is: a container, an attachment, or text to read.
 */
final class Entity {

    private final Entity parent;
    private final int depth;
    private final boolean embedded;
    private final Problems problems;
    private String contentType;
    private String disposition;
    private String transferEncoding;
    private boolean contentId;
    private MimeParameters type;
    private MimeParameters dispositionParameters;
    private Optional<String> fileName = Optional.empty();
    private boolean flattened;
    private int children;

    private Entity(Entity parent, int depth, boolean embedded, Problems problems) {
        this.parent = parent;
        this.depth = depth;
        this.embedded = embedded;
        this.problems = problems;
    }

    static Entity root(Problems problems) {
        return new Entity(null, 0, false, problems);
    }

    /** A body part of this multipart entity. */
    Entity bodyPart() {
        children++;
        return new Entity(this, depth + 1, embedded, problems);
    }

    /** The message carried by this {@code message/rfc822} entity. */
    Entity embeddedMessage() {
        return new Entity(this, depth + 1, true, problems);
    }

    Entity parent() {
        return parent;
    }

    int depth() {
        return depth;
    }

    /** Inside a forwarded (attached) message: its text is not the sender's. */
    boolean embedded() {
        return embedded;
    }

    boolean isRoot() {
        return parent == null;
    }

    int children() {
        return children;
    }

    void field(HeaderField field) {
        switch (field.name()) {
            case "content-type" -> contentType = once(contentType, field, "Content-Type");
            case "content-disposition" -> disposition = once(disposition, field, "Content-Disposition");
            case "content-transfer-encoding" -> transferEncoding = once(transferEncoding, field, "Content-Transfer-Encoding");
            case "content-id" -> contentId = true;
            default -> {
            }
        }
    }

    /** mime4j uses the first of repeated MIME fields; other readers may use the last, so it is a problem. */
    private String once(String current, HeaderField field, String name) {
        if (current != null) {
            problems.add("duplicate " + name + " header");
            return current;
        }
        return field.value();
    }

    /** Reads the collected fields; called at the end of the entity's header. */
    void headerComplete() {
        type = MimeParameters.parse(contentType == null ? "" : contentType, problems, "Content-Type header");
        dispositionParameters = MimeParameters.parse(disposition == null ? "" : disposition, problems,
                "Content-Disposition header");
        Optional<String> name = fileNameFrom(dispositionParameters, "filename").or(() -> fileNameFrom(type, "name"));
        fileName = name.map(n -> UnsafeCharacters.clean(n, problems, "attachment file name").strip())
                .filter(n -> !n.isEmpty());
        if (isMultipart() && type.get("boundary").filter(b -> !b.isBlank()).isEmpty()) {
            problems.add("missing boundary");
        }
    }

    private Optional<String> fileNameFrom(MimeParameters parameters, String parameter) {
        return parameters.get(parameter).map(value -> parameters.isExtended(parameter)
                ? value : EncodedWords.decode(value, problems, "attachment file name"));
    }

    /** The media type in lower case; the RFC 2045 §5.2 default when absent or unreadable. */
    String mimeType() {
        String value = type.value();
        if (value.indexOf('/') > 0) {
            return value;
        }
        return parent != null && parent.mimeType().equals("multipart/digest") ? "message/rfc822" : "text/plain";
    }

    boolean isMultipart() {
        return mimeType().startsWith("multipart/");
    }

    /** Whether mime4j descends into this entity: a multipart or an embedded message. */
    boolean isContainer() {
        return isMultipart() || mimeType().equals("message/rfc822");
    }

    Optional<String> boundary() {
        return type.get("boundary");
    }

    Optional<String> charset() {
        return type.get("charset");
    }

    String transferEncoding() {
        return transferEncoding == null ? "" : transferEncoding;
    }

    Optional<String> fileName() {
        return fileName;
    }

    /**
     * An attachment: disposition {@code attachment}, or a named part that is not an inline resource of
     * the HTML (an inline part with a Content-ID, such as a signature logo).
     */
    boolean isAttachment() {
        boolean attachment = dispositionParameters.value().equals("attachment");
        boolean inlineResource = contentId && !attachment;
        return attachment || (fileName.isPresent() && !inlineResource);
    }

    /** Text that may be the body the sender wrote: a text part, unnamed, not attached. */
    boolean isBodyText(String mediaType) {
        return mimeType().equals(mediaType) && fileName.isEmpty() && !isAttachment() && !embedded;
    }

    void flatten() {
        flattened = true;
    }

    boolean flattened() {
        return flattened;
    }
}
