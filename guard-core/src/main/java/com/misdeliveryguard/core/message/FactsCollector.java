package com.misdeliveryguard.core.message;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.james.mime4j.parser.ContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;

/**
 * Receives mime4j's parse events for one message and keeps what {@link MessageFacts} needs: the top-level
 * header, attachment names and the start of the first text part. Enforces the limits mime4j does not know:
 * an entity nested deeper than allowed is read as one opaque body ({@code setFlat}), and past the part
 * limit the rest of the message is not read. Events are single-threaded and arrive in document order.
 */
final class FactsCollector implements ContentHandler {

    private static final Set<String> MIME_FIELDS = Set.of("content-type", "content-disposition",
            "content-transfer-encoding", "content-id");
    private static final Set<String> TOP_FIELDS = Set.of("from", "to", "cc", "subject", "message-id",
            "in-reply-to", "references");

    private final MessageFactsParser.Limits limits;
    private final Problems problems;
    private final MimeStreamParser parser;
    private final SourceStream source;
    private final StructureMonitor monitor;
    private final TopHeaders top;
    private final List<String> attachmentNames = new ArrayList<>();
    private static final java.util.Set<String> SIGNED_OR_ENCRYPTED = java.util.Set.of("multipart/signed",
            "multipart/encrypted", "application/pkcs7-mime", "application/x-pkcs7-mime", "application/pgp-encrypted");
    private String signedAs;
    private Entity current;
    private int entities;
    private boolean stopped;
    private boolean topHeaderComplete;
    /** The opening lines of the first text/plain part, once it was read. */
    private String plainOpening;
    private String htmlText;

    FactsCollector(MessageFactsParser.Limits limits, Problems problems, MimeStreamParser parser,
            SourceStream source, StructureMonitor monitor) {
        this.limits = limits;
        this.problems = problems;
        this.parser = parser;
        this.source = source;
        this.monitor = monitor;
        this.top = new TopHeaders(problems);
    }

    @Override
    public void startMessage() {
        if (current == null) {
            current = Entity.root(problems);
        } else {
            enter(current.embeddedMessage());
        }
    }

    @Override
    public void startBodyPart() {
        enter(current.bodyPart());
    }

    private void enter(Entity entity) {
        current = entity;
        if (!stopped && ++entities > limits.maxParts()) {
            problems.add("too many parts (more than " + limits.maxParts() + ")");
            stopped = true;
            monitor.mute();
            source.cut();
        }
    }

    @Override
    public void endMessage() {
        leave();
    }

    @Override
    public void endBodyPart() {
        leave();
    }

    private void leave() {
        if (current != null && current.parent() != null) {
            current = current.parent();
        }
    }

    @Override
    public void startHeader() {
        // fields arrive one by one
    }

    @Override
    public void field(Field field) {
        if (stopped) {
            return;
        }
        String name = field.getName().trim().toLowerCase(Locale.ROOT);
        boolean topField = current.isRoot() && TOP_FIELDS.contains(name);
        if (topField || MIME_FIELDS.contains(name)) {
            HeaderField header = HeaderField.of(field);
            if (topField) {
                top.field(header);
            } else {
                current.field(header);
            }
        }
    }

    @Override
    public void endHeader() {
        if (stopped) {
            return;
        }
        current.headerComplete();
        topHeaderComplete |= current.isRoot();
        current.fileName().filter(name -> current.isAttachment()).ifPresent(attachmentNames::add);
        if (signedAs == null && SIGNED_OR_ENCRYPTED.contains(current.mimeType())) {
            signedAs = current.mimeType();
        }
        if (current.isContainer() && current.depth() >= limits.maxNestingDepth()) {
            problems.add("MIME nesting deeper than " + limits.maxNestingDepth());
            current.flatten();
            parser.setFlat();
        }
    }

    @Override
    public void startMultipart(BodyDescriptor descriptor) {
        if (stopped) {
            return;
        }
        String boundary = descriptor.getBoundary();
        for (Entity outer = current.parent(); boundary != null && outer != null; outer = outer.parent()) {
            String enclosing = outer.isMultipart() ? outer.boundary().orElse(null) : null;
            if (enclosing != null && !enclosing.isEmpty()
                    && (boundary.startsWith(enclosing) || enclosing.startsWith(boundary))) {
                problems.add("ambiguous boundary (one boundary begins with another)");
            }
        }
        monitor.takePrematureEnd(); // clears what an earlier sibling left
    }

    @Override
    public void preamble(InputStream is) {
        // not the sender's text; mime4j skips it
    }

    @Override
    public void epilogue(InputStream is) {
        // likewise
    }

    @Override
    public void endMultipart() {
        if (stopped) {
            return;
        }
        if (monitor.takePrematureEnd()) {
            problems.add(current.children() == 0 ? "missing boundary" : "missing closing boundary");
        }
    }

    @Override
    public void body(BodyDescriptor descriptor, InputStream body) throws IOException {
        if (current.flattened()) {
            parser.setRecurse();
            return;
        }
        if (stopped) {
            return;
        }
        if (plainOpening == null && current.isBodyText("text/plain")) {
            plainOpening = BodyText.openingLines(body, current.transferEncoding(), current.charset(),
                    limits.maxBodyTextBytes(), problems);
        } else if (htmlText == null && current.isBodyText("text/html")) {
            htmlText = BodyText.read(body, current.transferEncoding(), current.charset(), limits.maxBodyTextBytes(),
                    problems);
        }
    }

    @Override
    public void raw(InputStream is) {
        // raw mode is not used
    }

    boolean topHeaderComplete() {
        return topHeaderComplete;
    }

    TopHeaders top() {
        return top;
    }

    List<String> attachmentNames() {
        return attachmentNames;
    }

    /** The first signed or encrypted media type met, if any (RFC 1847, RFC 8551). */
    java.util.Optional<String> signedAs() {
        return java.util.Optional.ofNullable(signedAs);
    }

    /**
     * The body text the sender wrote: the first text/plain part, or the first HTML part rendered when there
     * is no text part or it says nothing (some clients send an empty one beside the HTML).
     */
    String openingLines() {
        String opening = plainOpening == null ? "" : plainOpening;
        if (opening.isEmpty() && htmlText != null) {
            try {
                opening = OpeningLines.of(HtmlText.render(htmlText));
            } catch (RuntimeException e) {
                problems.add("unreadable HTML body");
            }
        }
        return UnsafeCharacters.cleanBody(opening);
    }
}
