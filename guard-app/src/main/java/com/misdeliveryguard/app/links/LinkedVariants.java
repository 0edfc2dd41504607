package com.misdeliveryguard.app.links;

import com.misdeliveryguard.core.audit.EventType;
import com.misdeliveryguard.core.audit.LinkEvent;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.links.LinkedFile;
import com.misdeliveryguard.core.links.MessageRewriter;
import com.misdeliveryguard.core.links.Notice;
import com.misdeliveryguard.core.links.NoticeText;
import com.misdeliveryguard.core.links.Scan;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.core.message.MessageFactsParser;
import com.misdeliveryguard.directory.organization.InternalDomains;
import com.misdeliveryguard.smtp.delivery.OutboundMessage;
import com.misdeliveryguard.smtp.queue.MessageVariants;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link MessageVariants} of the delivery queue when links are on (SPEC §6a): internal recipients
 * (scope {@code external}) get the stored bytes; each external recipient gets a copy of their own, with
 * the attachments taken out and a notice naming their own link.
 *
 * <p>On the first attempt the attachments are stored ({@link FileVault}) and the sending, its files and
 * every external recipient's link are recorded in one transaction; later attempts find them and only
 * render. Signed or encrypted messages are never altered: everybody gets the stored bytes and the
 * decision log says why. A message the rewriter cannot read is not sent (the attempt fails and is tried
 * again, then bounces): it never leaves with its attachments by mistake.
 */
final class LinkedVariants implements MessageVariants {

    private static final Logger log = LoggerFactory.getLogger(LinkedVariants.class);

    /** What one preparation produced. */
    private record Prepared(Sending sending, List<Sending.File> files, Scan scan) {
    }

    private final LinkStore store;
    private final FileVault vault;
    private final LinkKeys keys;
    private final LinksProperties properties;
    private final InternalDomains internal;
    private final MessageFactsParser parser;
    private final TransactionTemplate transactions;
    private final LinkJournal journal;
    private final Receipts receipts;
    private final Path temp;
    private final String publicUrl;
    private final Clock clock;
    private final MessageRewriter rewriter = new MessageRewriter();

    LinkedVariants(LinkStore store, FileVault vault, LinkKeys keys, LinksProperties properties, InternalDomains internal,
            MessageFactsParser parser, TransactionTemplate transactions, LinkJournal journal, Receipts receipts,
            Path temp, String publicUrl, Clock clock) {
        this.store = store;
        this.vault = vault;
        this.keys = keys;
        this.properties = properties;
        this.internal = internal;
        this.parser = parser;
        this.transactions = transactions;
        this.journal = journal;
        this.receipts = receipts;
        this.temp = temp;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.clock = clock;
    }

    @Override
    public List<Variant> split(SpooledMessage message, List<MailAddress> pending, OutboundMessage.Content original)
            throws IOException {
        if (message.origin() == SpooledMessage.Origin.GUARD) {
            return ORIGINAL.split(message, pending, original);
        }
        Optional<LinkStore.Request> request = store.request(message.id());
        boolean wanted = properties.enabled() || request.map(r -> r.reason().equals("rule")).orElse(false);
        List<MailAddress> linked = pending.stream().filter(this::getsLinks).toList();
        if (!wanted || linked.isEmpty()) {
            return ORIGINAL.split(message, pending, original);
        }
        Optional<Prepared> prepared = prepare(message, original, request);
        if (prepared.isEmpty()) {
            return ORIGINAL.split(message, pending, original);
        }
        Sending sending = prepared.get().sending();
        List<LinkedFile> files = prepared.get().files().stream()
                .map(f -> new LinkedFile(f.part(), f.name(), f.contentType(), f.size(), f.sha256())).toList();
        Scan.Plan plan = prepared.get().scan().plan(files.stream().map(LinkedFile::part).toList());
        List<Variant> variants = new ArrayList<>();
        List<MailAddress> plain = pending.stream().filter(r -> !linked.contains(r)).toList();
        if (!plain.isEmpty()) {
            variants.add(new Variant(plain, original));
        }
        for (MailAddress r : linked) {
            String link = publicUrl + "/d/" + keys.recipientToken(message.id(), r.toString());
            Notice notice = NoticeText.of(sending.japanese(), files, link, sending.expiresAt(), properties.timeZone(),
                    sending.maxDownloads());
            variants.add(new Variant(List.of(r), () -> render(original, plan, notice)));
        }
        return variants;
    }

    /**
     * Our own mail, or links not on for every message and no attachment: {@link LinkRequests} records no request
     * for such a message, so {@link #split} gives everybody the stored bytes.
     */
    @Override
    public boolean sendsStoredBytes(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
        return message.origin() == SpooledMessage.Origin.GUARD
                || (!properties.enabled() && LinkRequests.nothingToLink(message, facts));
    }

    boolean getsLinks(MailAddress recipient) {
        return properties.allRecipients() || !internal.contains(DomainName.of(recipient));
    }

    /** The rewritten copy in a temporary file that disappears when the stream is closed. */
    private InputStream render(OutboundMessage.Content original, Scan.Plan plan, Notice notice) throws IOException {
        Files.createDirectories(temp);
        Path file = Files.createTempFile(temp, "copy-", ".eml");
        try (InputStream in = original.open(); OutputStream out = Files.newOutputStream(file)) {
            rewriter.render(in, plan, notice, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE);
    }

    private Optional<Prepared> prepare(SpooledMessage message, OutboundMessage.Content original,
            Optional<LinkStore.Request> request) throws IOException {
        String id = message.id();
        Optional<Sending> existing = store.sending(id);
        if (existing.isPresent()) {
            Scan scan;
            try (InputStream in = original.open()) {
                scan = rewriter.scan(in, null);
            }
            return Optional.of(new Prepared(existing.get(), store.files(id), scan));
        }
        MessageFacts facts;
        try (InputStream in = original.open()) {
            facts = parser.parse(in, message.envelope().recipients());
        }
        Instant now = clock.instant();
        Sending sending = new Sending(id, message.envelope().sender().address().map(MailAddress::toString).orElse("<>"),
                facts.subject(), facts.messageId(), request.map(LinkStore.Request::rules).orElse(List.of()),
                NoticeText.looksJapanese(facts.subject() + " " + facts.openingLines()), now,
                now.plus(properties.expiry()), properties.maxDownloads(), false);
        Scan scan;
        try {
            scan = transactions.execute(status -> {
                Scan s = storeFiles(message, original, sending);
                if (s.signedAs().isPresent() || linkable(s).isEmpty()) {
                    status.setRollbackOnly();
                }
                return s;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (scan.signedAs().isPresent()) {
            journal.record(new LinkEvent(EventType.LINKS_SKIPPED, Optional.of(id), Optional.empty(),
                    Optional.of(message.envelope().sender()), message.envelope().recipients(),
                    "not altered: the message is signed or encrypted (" + scan.signedAs().get() + ")",
                    Map.of("reason", "signed-or-encrypted", "contentType", scan.signedAs().get())));
            return Optional.empty();
        }
        if (linkable(scan).isEmpty()) {
            return Optional.empty();
        }
        List<Sending.File> files = store.files(id);
        List<MailAddress> linked = message.envelope().recipients().stream().filter(this::getsLinks).toList();
        journal.record(new LinkEvent(EventType.LINKS_CREATED, Optional.of(id), Optional.empty(),
                Optional.of(message.envelope().sender()), linked,
                files.size() + " file(s) behind links for " + linked.size() + " recipient(s), expiring "
                        + sending.expiresAt(), Map.of("files", describe(files), "expiresAt", sending.expiresAt().toString(),
                        "maxDownloads", sending.maxDownloads())));
        receipts.send(sending, linked, files);
        return Optional.of(new Prepared(sending, files, scan));
    }

    /** The files at least min-size large. */
    private List<LinkedFile> linkable(Scan scan) {
        return scan.files().stream().filter(f -> f.size() >= properties.minSize().toBytes()).toList();
    }

    /** In the transaction: the sending, its files and links (rolled back when signed or nothing to link). */
    private Scan storeFiles(SpooledMessage message, OutboundMessage.Content original, Sending sending) {
        String id = message.id();
        try {
            store.insertSending(sending, LinkKeys.hash(keys.senderToken(id)));
            Map<Integer, Long> fileIds = new HashMap<>();
            Scan scan;
            try (InputStream in = original.open()) {
                scan = rewriter.scan(in, (part, name, type, content) -> {
                    long fileId = store.insertFile(id, part, name, type);
                    vault.write(fileId, content);
                    fileIds.put(part, fileId);
                });
            }
            if (scan.signedAs().isPresent()) {
                log.info("{}: attachments left in place, the message is {} and is never altered", id,
                        scan.signedAs().get());
                return scan;
            }
            for (LinkedFile f : scan.files()) {
                long fileId = fileIds.get(f.part());
                if (f.size() < properties.minSize().toBytes()) {
                    store.deleteFile(fileId);
                } else {
                    store.completeFile(fileId, f.size(), f.sha256());
                }
            }
            for (MailAddress r : message.envelope().recipients()) {
                if (getsLinks(r)) {
                    store.insertRecipient(id, r.toString(), LinkKeys.hash(keys.recipientToken(id, r.toString())));
                }
            }
            return scan;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> describe(List<Sending.File> files) {
        return files.stream().map(f -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name());
            m.put("size", f.size());
            m.put("sha256", f.sha256());
            return m;
        }).toList();
    }
}
