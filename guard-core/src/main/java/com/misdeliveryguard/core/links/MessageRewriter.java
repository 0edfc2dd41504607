package com.misdeliveryguard.core.links;

import com.misdeliveryguard.core.message.PartHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Takes attachments out of a stored message and puts a notice in their place (SPEC §6a), in two
 * streaming passes over the stored bytes:
 *
 * <ol>
 *   <li>{@link #scan}: reads the entity tree (nested multiparts, forwarded {@code message/rfc822}), hands
 *       each attachment's decoded bytes to an {@link AttachmentSink} (never holding one in memory) with
 *       its size and SHA-256, and notes a signed or encrypted entity;</li>
 *   <li>{@link #render}: writes the message again for one recipient, following a {@link Scan.Plan}:
 *       every byte of a kept entity is copied as read (header fields, Message-ID, 8-bit text, boundaries);
 *       linked attachments are left out; the text alternatives get the notice ({@link TextAmendment}).</li>
 * </ol>
 * Part numbers are the depth-first order of entities, so both passes (and a later rescan of the same
 * bytes) agree. Input must have CRLF line ends, which the listener guarantees. Limits: {@value #MAX_PARTS}
 * entities, nesting {@value #MAX_DEPTH}, {@value #MAX_HEADER} header bytes per entity, {@value #MAX_TEXT}
 * bytes per amended text; beyond them {@link MalformedMessageException}. Thread-safe (no state).
 */
public final class MessageRewriter {

    static final int MAX_PARTS = 1000;
    static final int MAX_DEPTH = 32;
    static final int MAX_HEADER = 256 * 1024;
    static final int MAX_TEXT = 8 * 1024 * 1024;
    private static final byte[] CRLF = {'\r', '\n'};

    /** Reads the tree; attachments go to {@code sink}, or are only counted when it is null. */
    public Scan scan(InputStream message, AttachmentSink sink) throws IOException {
        Walk walk = new Walk(new MimeLines(message), null, null, null, sink);
        walk.entity(new byte[0], null, 0, 0, false, true, true);
        return new Scan(walk.nodes, walk.files, Optional.ofNullable(walk.signedAs));
    }

    /** Writes the rewritten message for one recipient. */
    public void render(InputStream message, Scan.Plan plan, Notice notice, OutputStream out) throws IOException {
        Walk walk = new Walk(new MimeLines(message), out, plan, notice, null);
        walk.entity(new byte[0], null, 0, 0, false, true, true);
    }

    private static final class Walk {

        private final MimeLines in;
        private final OutputStream out;
        private final Scan.Plan plan;
        private final Notice notice;
        private final AttachmentSink sink;
        final List<PartNode> nodes = new ArrayList<>();
        final List<LinkedFile> files = new ArrayList<>();
        String signedAs;

        Walk(MimeLines in, OutputStream out, Scan.Plan plan, Notice notice, AttachmentSink sink) {
            this.in = in;
            this.out = out;
            this.plan = plan;
            this.notice = notice;
            this.sink = sink;
        }

        private boolean rendering() {
            return out != null;
        }

        private void write(byte[] bytes) throws IOException {
            if (rendering()) {
                out.write(bytes);
            }
        }

        PartNode entity(byte[] delimiter, PartNode parent, int level, int depth, boolean inDigest, boolean emit,
                boolean messageTop) throws IOException {
            int index = nodes.size();
            if (index >= MAX_PARTS) {
                throw new MalformedMessageException("more than " + MAX_PARTS + " MIME entities");
            }
            if (depth > MAX_DEPTH) {
                throw new MalformedMessageException("MIME nesting deeper than " + MAX_DEPTH);
            }
            HeaderBlock header = readHeader();
            PartHeader h = PartHeader.parse(header.fields(), inDigest);
            PartNode node = new PartNode(index, parent, level, h, messageTop);
            nodes.add(node);
            if (parent != null) {
                parent.children.add(node);
            }
            if (h.isSignedOrEncrypted() && signedAs == null) {
                signedAs = h.mimeType();
            }
            Decision decision = !emit ? Decision.DROP : rendering() ? plan.of(index) : Decision.KEEP;
            if (h.isMultipart() && h.boundary().isPresent()) {
                if (decision == Decision.KEEP) {
                    write(delimiter);
                    write(header.raw());
                }
                multipart(node, h.boundary().get(), level, depth, decision == Decision.KEEP);
            } else if (h.isMessage()) {
                if (decision == Decision.KEEP) {
                    write(delimiter);
                    write(header.raw());
                }
                entity(new byte[0], node, level + 1, depth + 1, false, decision == Decision.KEEP, true);
            } else {
                leaf(node, header, delimiter, decision);
            }
            return node;
        }

        private HeaderBlock readHeader() throws IOException {
            ByteArrayOutputStream fields = new ByteArrayOutputStream();
            MimeLines.Line line;
            while ((line = in.next()) != null) {
                if (line.isEmptyLine()) {
                    return new HeaderBlock(fields.toByteArray(), CRLF);
                }
                if (in.isAnyDelimiter(line)) {
                    in.pushBack(line);
                    break;
                }
                fields.writeBytes(line.bytes());
                if (fields.size() > MAX_HEADER) {
                    throw new MalformedMessageException("a header block is larger than " + MAX_HEADER + " bytes");
                }
            }
            return new HeaderBlock(fields.toByteArray(), new byte[0]);
        }

        private void multipart(PartNode node, String boundary, int level, int depth, boolean emit)
                throws IOException {
            in.enter(boundary);
            boolean digest = node.header.mimeType().equals("multipart/digest");
            MimeLines.Line line;
            while ((line = in.next()) != null && !in.isAnyDelimiter(line)) {
                if (emit) {
                    write(line.bytes()); // preamble
                }
            }
            while (line != null) {
                MimeLines.Match match = in.innermost(line);
                if (match == MimeLines.Match.NONE) {
                    in.pushBack(line); // an enclosing multipart's delimiter ends this one too
                    in.leave();
                    return;
                }
                if (match == MimeLines.Match.CLOSE) {
                    if (emit) {
                        write(line.bytes());
                    }
                    in.leave();
                    while ((line = in.next()) != null && !in.isAnyDelimiter(line)) {
                        if (emit) {
                            write(line.bytes()); // epilogue
                        }
                    }
                    if (line != null) {
                        in.pushBack(line);
                    }
                    return;
                }
                entity(line.bytes(), node, level, depth + 1, digest, emit, false);
                line = in.next();
            }
            in.leave();
        }

        private void leaf(PartNode node, HeaderBlock header, byte[] delimiter, Decision decision) throws IOException {
            PartBody body = new PartBody(in);
            PartHeader h = node.header;
            switch (decision) {
                case KEEP -> {
                    if (rendering()) {
                        write(delimiter);
                        write(header.raw());
                        body.transferTo(out);
                        if (body.withheldCrlf()) {
                            write(CRLF);
                        }
                    } else if (h.isAttachment() && sink != null && signedAs == null) {
                        store(node, body);
                    }
                }
                case DROP -> {
                    // left out
                }
                case AMEND -> {
                    byte[] decoded = Transfer.readBounded(Transfer.decode(body, h.transferEncoding()), MAX_TEXT,
                            "a text part");
                    write(delimiter);
                    TextAmendment.write(h, header, decoded, notice, out);
                }
                case NOTICE -> {
                    write(delimiter);
                    Set<String> content = Set.of("content-type", "content-transfer-encoding", "content-disposition",
                            "content-description", "content-id");
                    List<String> added = List.of("Content-Type: text/plain; charset=UTF-8",
                            "Content-Transfer-Encoding: base64");
                    write(node.messageTop ? header.rewritten(content, added)
                            : new HeaderBlock(new byte[0], new byte[0]).rewritten(Set.of(), added));
                    Transfer.writeBase64(notice.plain().replace("\r\n", "\n").replace("\n", "\r\n")
                            .getBytes(StandardCharsets.UTF_8), out);
                }
                default -> throw new IllegalStateException();
            }
            body.drain();
        }

        private void store(PartNode node, PartBody body) throws IOException {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            Counting counted = new Counting(new DigestInputStream(Transfer.decode(body, node.header.transferEncoding()), sha));
            String name = node.header.fileName().orElse("attachment-" + node.index);
            sink.store(node.index, name, node.header.mimeType(), counted.shielded());
            counted.transferTo(OutputStream.nullOutputStream());
            files.add(new LinkedFile(node.index, name, node.header.mimeType(), counted.count(),
                    HexFormat.of().formatHex(sha.digest())));
        }
    }

    /** Counts what passes; {@link #shielded()} is the same stream with close() ignored, for the sink. */
    private static final class Counting extends java.io.FilterInputStream {

        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        long count() {
            return count;
        }

        InputStream shielded() {
            Counting self = this;
            return new java.io.FilterInputStream(self) {
                @Override
                public void close() {
                    // the scanner owns the stream
                }
            };
        }
    }
}
