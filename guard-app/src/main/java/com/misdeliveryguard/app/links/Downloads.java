package com.misdeliveryguard.app.links;

import com.misdeliveryguard.core.audit.Actor;
import com.misdeliveryguard.core.audit.EventType;
import com.misdeliveryguard.core.audit.LinkEvent;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A recipient's link: what it shows and what it serves (RELIABILITY promise 11). A token resolves to
 * its recipient only by the SHA-256 the database holds; every state check reads the database, so a
 * revocation on one instance holds on all. A download is counted and logged in the same transaction that
 * checks the state and the count, with the recipient's row locked, so two concurrent POSTs cannot both
 * pass the last allowed download.
 */
public final class Downloads {

    /** Why a link no longer serves, or that it does. */
    public enum State {
        OPEN, EXPIRED, REVOKED, EXHAUSTED
    }

    /** A resolved link. */
    public record Access(Sending sending, Sending.Recipient recipient, List<Sending.File> files,
            Map<Long, Integer> downloadsByFile, State state) {

        public int remaining(Sending.File file) {
            return Math.max(0, sending.maxDownloads() - downloadsByFile.getOrDefault(file.id(), 0));
        }
    }

    private final LinkStore store;
    private final FileVault vault;
    private final TransactionTemplate transactions;
    private final LinkJournal journal;
    private final Clock clock;

    Downloads(LinkStore store, FileVault vault, TransactionTemplate transactions, LinkJournal journal, Clock clock) {
        this.store = store;
        this.vault = vault;
        this.transactions = transactions;
        this.journal = journal;
        this.clock = clock;
    }

    /** The link of this token, or empty for an unknown or malformed one. Reads only. */
    public Optional<Access> open(String token) {
        if (!LinkKeys.wellFormed(token)) {
            return Optional.empty();
        }
        return store.recipientByToken(LinkKeys.hash(token)).flatMap(this::access);
    }

    private Optional<Access> access(Sending.Recipient recipient) {
        return store.sending(recipient.queueId()).map(sending -> {
            List<Sending.File> files = store.files(sending.queueId());
            Map<Long, Integer> counts = new java.util.HashMap<>();
            store.downloads(sending.queueId()).stream().filter(d -> d.recipientId() == recipient.id())
                    .forEach(d -> counts.merge(d.fileId(), 1, Integer::sum));
            State state = recipient.revoked() ? State.REVOKED
                    : sending.expired(clock.instant()) || sending.purged() ? State.EXPIRED
                    : files.stream().allMatch(f -> counts.getOrDefault(f.id(), 0) >= sending.maxDownloads())
                            ? State.EXHAUSTED : State.OPEN;
            return new Access(sending, recipient, files, Map.copyOf(counts), state);
        });
    }

    /** The outcome of a download request: the file to stream, or the state that refuses it. */
    public record Grant(Optional<Sending.File> file, State state) {
    }

    /**
     * Counts and logs one download of a file, if the link still serves it; the caller then streams it with
     * {@link #stream}. Unknown tokens or files give {@code Optional.empty()}.
     */
    public Optional<Grant> grant(String token, long fileId, String ip, String userAgent) {
        Optional<Access> access = open(token);
        if (access.isEmpty() || access.get().files().stream().noneMatch(f -> f.id() == fileId)) {
            return Optional.empty();
        }
        Grant grant = transactions.execute(status -> {
            Sending.Recipient locked = store.lockRecipient(access.get().recipient().id()).orElseThrow();
            Access now = access(locked).orElseThrow();
            Sending.File file = now.files().stream().filter(f -> f.id() == fileId).findFirst().orElseThrow();
            if (now.state() != State.OPEN) {
                return new Grant(Optional.empty(), now.state());
            }
            if (now.remaining(file) == 0) {
                return new Grant(Optional.empty(), State.EXHAUSTED);
            }
            store.recordDownload(locked.id(), fileId, clock.instant(), ip, userAgent);
            return new Grant(Optional.of(file), State.OPEN);
        });
        if (grant.file().isPresent()) {
            Sending s = access.get().sending();
            Sending.File f = grant.file().get();
            journal.record(new LinkEvent(EventType.DOWNLOADED, Optional.of(s.queueId()),
                    Optional.of(Actor.of(access.get().recipient().address(), ip, userAgent)), sender(s),
                    List.of(MailAddress.of(access.get().recipient().address())),
                    access.get().recipient().address() + " downloaded " + f.name(),
                    Map.of("file", f.name(), "sha256", f.sha256(), "size", f.size())));
        }
        return Optional.of(grant);
    }

    /** Writes the decrypted file; fails (and stops writing) when a chunk does not authenticate. */
    public void stream(Sending.File file, OutputStream out) throws IOException {
        vault.read(file.id(), out);
    }

    static Optional<ReversePath> sender(Sending s) {
        return s.sender().equals("<>") ? Optional.of(ReversePath.NULL)
                : Optional.of(ReversePath.of(MailAddress.of(s.sender())));
    }
}
