package com.misdeliveryguard.smtp.queue;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Guard;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.core.message.MessageFactsParser;
import com.misdeliveryguard.smtp.listener.MessageIntake;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * <strong>The seam between the spool and delivery.</strong> Every message committed to
 * {@code incoming/} comes here: its stored bytes are parsed into {@link MessageFacts}, the
 * {@link Guard} gives a {@link Verdict}, and the message moves to the state the verdict names —
 * {@code outgoing/} (deliver), {@code hold/} (hold, and delay until its grace period ends), or it is
 * removed and the client gets a 5xx
 * (reject). A guard that throws holds the message (fail closed). Messages the guard itself produced
 * (DSNs, notices) are never checked.
 *
 * <p>Between the verdict and the move, the {@link IntakeRecords} the next state depends on are
 * committed. A message held, delayed or refused gets its answer after them; a message sent on gets its 250
 * first and waits in {@code incoming/} for them ({@link #commitBehind}). When they fail for a message being
 * submitted and answered after them, it is removed and the client gets
 * {@code 451 4.3.0} (nothing kept, the client retries); for a message found in {@code incoming/} at
 * start-up (possibly acknowledged already) it stays there and is checked again by
 * {@link #retryIncoming}; such a message is never refused (it may have had its 250): a REJECT
 * verdict holds it, so that its sender is told.
 */
public final class GuardIntake implements MessageIntake {

    private static final Logger log = LoggerFactory.getLogger(GuardIntake.class);
    private static final String TRY_LATER = "451 4.3.0 Cannot record the message right now, try again later";
    /** A message up to this size is read from the spool once, for the parser and the review both. */
    static final int READ_ONCE_BYTES = 64 * 1024;
    private final Spool spool;
    private final MessageFactsParser parser;
    private final Guard guard;
    private final DeliveryQueue queue;
    private final RelayEvents events;
    private final IntakeRecords records;
    private final VerdictReview review;
    private final Set<String> checking = ConcurrentHashMap.newKeySet();
    /** Checked and answered; waiting in {@code incoming/} for their records ({@link #commitBehind}). */
    private final Set<String> recordingBehind = ConcurrentHashMap.newKeySet();
    /** Answered, their records failed behind: the tick checks them again without waiting for them to age. */
    private final Set<String> failedBehind = ConcurrentHashMap.newKeySet();
    /** False after records committed behind failed, until records commit again: then every answer waits for them. */
    private volatile boolean recordsCommitting = true;

    public GuardIntake(Spool spool, MessageFactsParser parser, Guard guard, DeliveryQueue queue, RelayEvents events) {
        this(spool, parser, guard, queue, events, IntakeRecords.NONE, VerdictReview.NONE);
    }

    /**
     * @param records committed before the 250 (hold record, decision-log entries; ADR 0005)
     * @param review  may revise each verdict of the guard (e.g. a confirmation in the client)
     */
    public GuardIntake(Spool spool, MessageFactsParser parser, Guard guard, DeliveryQueue queue, RelayEvents events,
            IntakeRecords records, VerdictReview review) {
        this.spool = spool;
        this.parser = parser;
        this.guard = guard;
        this.queue = queue;
        this.events = events;
        this.records = records;
        this.review = review;
    }

    @Override
    public Disposition accept(SpooledMessage message) {
        return check(message, false);
    }

    private Disposition check(SpooledMessage message, boolean maybeAcknowledged) {
        if (recordingBehind.contains(message.id()) || !checking.add(message.id())) {
            return new Queued(message.id()); // another thread is checking it right now (a retry met a slow check)
        }
        try {
            return checkNow(message, maybeAcknowledged);
        } finally {
            checking.remove(message.id());
        }
    }

    private Disposition checkNow(SpooledMessage message, boolean maybeAcknowledged) {
        if (maybeAcknowledged && keptByRecords(message)) {
            // held and recorded before a crash cut the removal of this copy short: the hold is in the records
            log.info("{} is held already (its bytes are kept with its hold record); removing the copy in incoming/",
                    message.id());
            try {
                spool.delete(QueueState.INCOMING, message.id());
            } catch (IOException e) {
                log.error("Cannot remove the copy of held message {} from incoming/; trying again later", message.id(),
                        e);
            }
            return new Queued(message.id());
        }
        Optional<MessageFacts> facts = Optional.empty();
        Verdict verdict;
        if (message.origin() == SpooledMessage.Origin.GUARD) {
            verdict = Verdict.deliver();
        } else {
            try {
                VerdictReview.Content content = contentOf(message);
                try (InputStream bytes = content.open()) {
                    facts = Optional.of(parser.parse(bytes, message.envelope().recipients()));
                }
                verdict = reviewed(message, facts.get(), guard.check(message.envelope(), facts.get()), content);
            } catch (IOException | RuntimeException e) {
                verdict = failClosed(message, e);
            }
        }
        if (maybeAcknowledged && verdict.action() == Action.REJECT) {
            // the client may have had its 250 already: a refusal now would drop the message unseen, so it
            // is held instead and its sender is told (the log keeps the policy's action, reject)
            log.warn("{} was found in incoming/ and the policy now refuses it; holding it so that its sender is told",
                    message.id());
            verdict = new Verdict(Action.HOLD, verdict.findings(), Action.REJECT, verdict.recipients(), List.of());
        }
        try {
            // before the records: a held message's records keep what is beside its bytes too (ADR 0012)
            convertToBcc(message, verdict);
            if (!maybeAcknowledged && sendsOn(verdict) && recordsCommitting) {
                return commitBehind(message, facts, verdict);
            }
            if (maybeAcknowledged) {
                records.recommit(message, facts, verdict);
            } else {
                records.commit(message, facts, verdict);
            }
            recordsCommitting = true;
        } catch (IOException e) {
            return recordsFailed(message, maybeAcknowledged, new UncheckedIOException(e));
        } catch (RuntimeException e) {
            return recordsFailed(message, maybeAcknowledged, e);
        }
        return moveOn(message, facts, verdict);
    }

    private Disposition moveOn(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
        events.accepted(message);
        events.checked(message, facts, verdict);
        try {
            return act(message, verdict);
        } catch (IOException e) {
            log.error("Cannot move {} out of incoming; it is safe there and is checked again a minute later",
                    message.id(), e);
            return new Queued(message.id());
        }
    }

    private static boolean sendsOn(Verdict verdict) {
        return switch (verdict.action()) {
            case DELIVER, BCC, LINK -> true;
            case HOLD, DELAY, REJECT -> false;
        };
    }

    /**
     * A new message the verdict sends on: its 250 now (its bytes are durable in {@code incoming/} and it is
     * checked), its records committed behind together with those of other sessions, and the move out of
     * {@code incoming/} when they are (ADR 0005). Until then the message stays where a crash leaves it to be checked
     * again. When they cannot be committed it stays there too and is checked again at the queue's next tick, and the
     * records of the next messages are committed before their answer again (451 while that fails). Mail delivered as
     * it came has its upstream transaction started meanwhile, its end of data sent once it has moved
     * ({@link DeliveryQueue#deliverEarly}, ADR 0017).
     */
    private Disposition commitBehind(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
        String id = message.id();
        recordingBehind.add(id);
        boolean early = verdict.action() == Action.DELIVER && queue.deliverEarly(message, facts, verdict);
        CompletionStage<Void> committing;
        try {
            committing = records.commitBehind(message, facts, verdict);
        } catch (RuntimeException e) { // answered 451 by the caller: nothing waits for these records
            recordingBehind.remove(id);
            if (early) {
                queue.abandonEarly(id);
            }
            throw e;
        }
        committing.whenComplete((committed, failure) -> {
            try {
                if (failure == null) {
                    moveOn(message, facts, verdict);
                } else {
                    recordsCommitting = false;
                    failedBehind.add(id);
                    log.error("Cannot commit the records of {} (decision log) after its 250; it stays in incoming/ "
                            + "and is checked again later; the next messages are answered after their records",
                            id, failure);
                }
            } catch (RuntimeException e) {
                log.error("Cannot move {} on after its records were committed; it stays in incoming/ and is checked "
                        + "again later", id, e);
            } finally {
                recordingBehind.remove(id);
                if (early) {
                    queue.abandonEarly(id); // nothing when it moved on: the move let its attempt end the data
                }
            }
        });
        return new Queued(id);
    }

    /**
     * Commits the records still held behind and moves their messages on (at shutdown, after the listener closed
     * and before the delivery queue does).
     */
    public void finishBehind() {
        records.finishBehind();
    }

    /**
     * Re-checks what a crash left in {@code incoming/} (committed, perhaps acknowledged, never
     * checked or never moved on). Returns how many stay there because their records still cannot
     * be committed.
     */
    public int recover(List<String> incoming) {
        int left = 0;
        for (String id : incoming) {
            try {
                if (check(spool.read(QueueState.INCOMING, id), true) instanceof TryLater) {
                    left++;
                }
            } catch (IOException e) {
                log.error("Cannot read incoming message {} during recovery", id, e);
                left++;
            }
        }
        return left;
    }

    /**
     * Checks again what stayed in {@code incoming/} for longer than {@code olderThan} (its records
     * could not be committed at start-up), and, whatever their age, the answered messages whose records failed
     * behind their 250; the periodic tick calls this so that nothing waits for
     * the next restart. Messages of sessions still in progress are younger and left alone.
     */
    public int retryIncoming(Instant olderThan) {
        List<String> incoming = spool.list(QueueState.INCOMING);
        failedBehind.retainAll(incoming);
        List<String> due = incoming.stream().filter(id -> failedBehind.contains(id)
                || spool.committedBefore(QueueState.INCOMING, id, olderThan)).toList();
        return due.isEmpty() ? 0 : recover(due);
    }

    private Disposition recordsFailed(SpooledMessage message, boolean maybeAcknowledged, RuntimeException e) {
        if (maybeAcknowledged) {
            log.error("Cannot commit the records of {} (hold record, decision log); it stays in incoming/ and is "
                    + "checked again later", message.id(), e);
            return new TryLater(TRY_LATER);
        }
        log.error("Cannot commit the records of {} (hold record, decision log); answering 451 and keeping nothing",
                message.id(), e);
        try {
            spool.delete(QueueState.INCOMING, message.id());
        } catch (IOException deleteFailed) {
            log.error("Cannot remove {} after its records failed; it stays in incoming/ and is checked again later "
                    + "(the client retries too: a possible duplicate)", message.id(), deleteFailed);
        }
        return new TryLater(TRY_LATER);
    }

    /**
     * The stored bytes of a message in {@code incoming/}: a small one read once (one open, one read) for the parser
     * and then the review, which reads its header again; a larger one (by its envelope or by what the file holds)
     * opened from the spool for each.
     */
    private VerdictReview.Content contentOf(SpooledMessage message) throws IOException {
        VerdictReview.Content stored = () -> spool.openContent(QueueState.INCOMING, message.id());
        if (message.size() > READ_ONCE_BYTES) {
            return stored;
        }
        byte[] bytes;
        try (InputStream in = stored.open()) {
            bytes = in.readNBytes(READ_ONCE_BYTES + 1);
        }
        return bytes.length > READ_ONCE_BYTES ? stored : () -> new ByteArrayInputStream(bytes);
    }

    private Verdict reviewed(SpooledMessage message, MessageFacts facts, Verdict verdict,
            VerdictReview.Content content) {
        try {
            return review.review(message.envelope(), facts, verdict, content);
        } catch (IOException | RuntimeException e) {
            log.error("Reviewing the verdict of {} failed; keeping the guard's verdict", message.id(), e);
            return verdict;
        }
    }

    private boolean keptByRecords(SpooledMessage message) {
        try {
            return message.origin() == SpooledMessage.Origin.SMTP && records.keepsHeld(message);
        } catch (RuntimeException e) {
            log.warn("Cannot tell whether the records keep the bytes of {}; keeping them in the spool", message.id(), e);
            return false;
        }
    }

    private static Verdict failClosed(SpooledMessage message, Exception e) {
        log.error("Checking {} failed; holding it", message.id(), e);
        return new Verdict(Action.HOLD, List.of(new Finding("guard-error", Severity.HIGH, Optional.empty(),
                "検査中にエラーが発生したため、送信を保留しました。",
                "The check failed with an error, so the message is held.",
                Map.of("error", String.valueOf(e.getMessage())))));
    }

    /**
     * When the policy converts to Bcc, records beside the message which To/Cc addresses it goes out
     * without: the ones the guard classified as external ({@link Verdict#outOfHeader}). Recorded before the
     * intake's records (a hold keeps the list with its bytes in the database) and before the message moves on,
     * so whichever release comes later sends the converted header.
     */
    private void convertToBcc(SpooledMessage message, Verdict verdict) throws IOException {
        if (verdict.outOfHeader().isEmpty()) {
            return; // a refused verdict never converts (Verdict's invariant); the list comes from parsed headers
        }
        spool.recordHeaderRemovals(QueueState.INCOMING, message.id(), verdict.outOfHeader());
        log.info("{} goes out with {} external address(es) taken out of To/Cc (policy: convert to Bcc)", message.id(),
                verdict.outOfHeader().size());
    }

    private Disposition act(SpooledMessage message, Verdict verdict) throws IOException {
        String id = message.id();
        switch (verdict.action()) {
            case REJECT -> {
                spool.delete(QueueState.INCOMING, id);
                return new Rejected("550 5.7.1 Message refused by policy ("
                        + verdict.findings().stream().map(Finding::ruleId).distinct().reduce((a, b) -> a + ", " + b)
                                .orElse("policy")
                        + ")");
            }
            case HOLD, DELAY -> {
                // DELAY waits in hold/ too: the confirmation side releases it when the grace period ends;
                // or the records keep the bytes (shared database), and this copy is no longer needed
                if (keptByRecords(message)) {
                    spool.delete(QueueState.INCOMING, id);
                } else {
                    spool.move(id, QueueState.INCOMING, QueueState.HOLD);
                }
                log.info("{} {} ({} findings)", verdict.action() == Action.HOLD ? "Held" : "Delayed", id,
                        verdict.findings().size());
                return new Queued(id);
            }
            case DELIVER, BCC, LINK -> {
                // no fsync before the 250: the commit made the message durable in incoming/, and a crash that
                // undoes this rename leaves it there, where start-up checks it again. Delivery syncs outgoing/
                // before it sends anything (DeliveryQueue.attempt), so the order on disk is as before (ADR 0014).
                spool.moveUnsynced(id, QueueState.INCOMING, QueueState.OUTGOING);
                queue.enqueueUnsynced(id);
                return new Queued(id);
            }
            default -> throw new IllegalStateException("unknown action " + verdict.action());
        }
    }
}
