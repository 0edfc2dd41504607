package com.misdeliveryguard.core.message;

import com.misdeliveryguard.core.mail.MailAddress;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.io.MaxHeaderLengthLimitException;
import org.apache.james.mime4j.io.MaxHeaderLimitException;
import org.apache.james.mime4j.io.MaxLineLimitException;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

/**
 * Reads the {@link MessageFacts} of a stored RFC 5322 message (SPEC §3 step 2) in one streaming pass with
 * mime4j: the message is never held in memory, only its header fields (each at most
 * {@link Limits#maxHeaderBytes()}) and the start of one text part ({@link Limits#maxBodyTextBytes()}).
 *
 * <p>Contract:
 * <ul>
 *   <li>malformed content never throws: what could not be read is listed in {@link MessageFacts#problems()},
 *       and everything that could be read is still returned; a message that breaks a limit is reported,
 *       not truncated in silence;</li>
 *   <li>{@link IOException} means only that the given stream failed;</li>
 *   <li>the stream is read from its current position and not closed;</li>
 *   <li>instances are immutable and thread-safe; each call parses with its own mime4j parser.</li>
 * </ul>
 */
public final class MessageFactsParser {

    /**
     * The bounds of one parse. Each one broken is a problem of the message.
     *
     * @param maxHeaderCount   header fields per entity (mime4j {@code maxHeaderCount})
     * @param maxHeaderBytes   bytes of one header field, folded lines included (mime4j {@code maxHeaderLen})
     * @param maxLineBytes     bytes of one header line (mime4j {@code maxLineLen})
     * @param maxNestingDepth  levels of multipart and embedded-message nesting; deeper entities are not read
     * @param maxParts         body parts and embedded messages in all; parsing stops after that
     * @param maxBodyTextBytes decoded bytes kept of the text part that the opening lines come from
     */
    public record Limits(int maxHeaderCount, int maxHeaderBytes, int maxLineBytes, int maxNestingDepth, int maxParts,
            int maxBodyTextBytes) {

        public Limits {
            List<Integer> all = List.of(maxHeaderCount, maxHeaderBytes, maxLineBytes, maxNestingDepth, maxParts,
                    maxBodyTextBytes);
            if (all.stream().anyMatch(limit -> limit <= 0)) {
                throw new IllegalArgumentException("limits must be positive: " + all);
            }
        }

        /**
         * Generous for real mail (long References chains, large threads, rich HTML), tight for hostile mail:
         * 1000 fields, 64 KiB per field, 16 KiB per line, nesting 32, 1000 parts, 256 KiB of body text.
         */
        public static Limits defaults() {
            return new Limits(1000, 64 * 1024, 16 * 1024, 32, 1000, 256 * 1024);
        }
    }

    private final Limits limits;
    private final MimeConfig config;

    public MessageFactsParser(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.config = MimeConfig.custom()
                .setStrictParsing(false)
                .setMaxHeaderCount(limits.maxHeaderCount())
                .setMaxHeaderLen(limits.maxHeaderBytes())
                .setMaxLineLen(limits.maxLineBytes())
                .setMaxContentLen(-1)
                .setMalformedHeaderStartsBody(false)
                .setCountLineNumbers(false)
                .build();
    }

    /**
     * Parses one message.
     *
     * @param message            the message bytes as stored (CRLF line ends)
     * @param envelopeRecipients the RCPT TO addresses; those not in To or Cc become {@link MessageFacts#bcc()}
     * @throws IOException only when reading {@code message} fails
     */
    public MessageFacts parse(InputStream message, List<MailAddress> envelopeRecipients) throws IOException {
        Objects.requireNonNull(message, "message");
        List<MailAddress> recipients = List.copyOf(envelopeRecipients);
        Problems problems = new Problems();
        StructureMonitor monitor = new StructureMonitor(problems);
        MimeStreamParser parser = new MimeStreamParser(new MimeTokenStream(config, monitor,
                new HeaderLineBuilder(limits.maxHeaderBytes(), monitor), null));
        SourceStream source = new SourceStream(message);
        FactsCollector collector = new FactsCollector(limits, problems, parser, source, monitor);
        parser.setContentHandler(collector);
        try {
            parser.parse(source);
        } catch (MimeException | IOException | RuntimeException e) {
            source.rethrowFailure();
            monitor.report(describe(e)); // silent only when reading was cut on purpose
        }
        TopHeaders top = collector.top();
        var from = top.from(collector.topHeaderComplete());
        var to = top.to();
        var cc = top.cc();
        String subject = top.subject();
        String openingLines = collector.openingLines();
        return new MessageFacts(from, to, cc, bcc(recipients, to, cc), subject, collector.attachmentNames(),
                top.messageId(), top.inReplyTo(), top.references(), openingLines, problems.toList(), collector.signedAs());
    }

    /** Envelope recipients whose address is in neither To nor Cc (local part compared without case). */
    private static List<MailAddress> bcc(List<MailAddress> recipients, List<HeaderAddress> to, List<HeaderAddress> cc) {
        Set<String> visible = new HashSet<>();
        Stream.concat(to.stream(), cc.stream())
                .forEach(header -> header.address().ifPresent(address -> visible.add(key(address))));
        return recipients.stream().filter(recipient -> !visible.contains(key(recipient))).toList();
    }

    private static String key(MailAddress address) {
        return address.localPart().toLowerCase(Locale.ROOT) + "@" + address.domain().toLowerCase(Locale.ROOT);
    }

    /** Names the limit or damage that made mime4j give up. */
    private String describe(Exception failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof MaxHeaderLengthLimitException) {
                return "header too long (over " + limits.maxHeaderBytes() + " bytes)";
            }
            if (t instanceof MaxHeaderLimitException) {
                return "too many header fields (over " + limits.maxHeaderCount() + ")";
            }
            if (t instanceof MaxLineLimitException) {
                return "line too long (over " + limits.maxLineBytes() + " bytes)";
            }
        }
        if (failure instanceof RuntimeException) {
            return "parser failure (" + failure.getClass().getSimpleName() + ")";
        }
        return "unreadable MIME structure (" + Problems.quote(String.valueOf(failure.getMessage())) + ")";
    }
}
