package com.misdeliveryguard.smtp.queue;

import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.core.message.AddressHeaderRewriter;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.smtp.delivery.DeliveryReport;
import com.misdeliveryguard.smtp.delivery.OutboundMessage;
import com.misdeliveryguard.smtp.delivery.RecipientResult;
import com.misdeliveryguard.smtp.delivery.RetrySchedule;
import com.misdeliveryguard.smtp.delivery.Upstream;
import com.misdeliveryguard.smtp.spool.DeliveryJournal;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpoolWriter;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what is in {@code outgoing/} and retries what is in {@code deferred/}.
 *
 * <p>One attempt: read the journal, send to the recipients without a final result, record every
 * result in the journal (fsynced) before anything else happens, then: a DSN for permanent failures,
 * {@code deferred/} with the next attempt time for temporary ones, removal when nothing is left.
 * When the maximal lifetime has passed, the remaining recipients bounce as expired.
 *
 * <p>Each message is worked on by one thread at a time ({@link #inFlight}). Time comes from the
 * injected {@link Clock}; {@link #runDue()} is what the periodic tick calls, and tests call it after
 * moving a fake clock.
 *
 * <p>Shutdown ({@link #close}) never duplicates: no new attempt starts, attempts in flight get up
 * to the drain time to finish, and their results are recorded with writes an interrupt cannot abort
 * ({@link DeliveryJournal}). Workers are never interrupted; an attempt still waiting for the
 * upstream when the drain time is over is cut short by the process exit and tried again after the
 * restart, to the recipients without a recorded result only.
 */
public final class DeliveryQueue implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryQueue.class);
    /** Default of {@code guard.delivery.drain-time}. */
    public static final Duration DEFAULT_DRAIN_TIME = Duration.ofSeconds(30);
    /** How long an attempt started early waits for its message to leave {@code incoming/} ({@link #deliverEarly}). */
    static final Duration EARLY_WAIT = Duration.ofSeconds(10);

    private final Spool spool;
    private final Upstream upstream;
    private final RetrySchedule retry;
    private final TraceHeader traceHeader;
    private final BounceComposer bounces;
    private final RelayEvents events;
    private final MessageVariants variants;
    private final Clock clock;
    private final ExecutorService workers;
    private final int workerCount;
    private final ScheduledExecutorService ticker;
    private final Map<String, Instant> deferred = new ConcurrentHashMap<>();
    /** Messages left in outgoing/ by a local failure (journal, DSN, move): tried again after the minimal backoff. */
    private final Map<String, Instant> stuck = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    /** Messages in outgoing/ whose move there is not known to be synced yet ({@link #enqueueUnsynced}). */
    private final Set<String> unsynced = ConcurrentHashMap.newKeySet();
    /**
     * Messages a previous run left in {@code outgoing/} or {@code deferred/}: at their first attempt the listeners
     * are told again which recipients the journal says were relayed ({@link RelayEvents#relayedEarlier}).
     */
    private final Set<String> earlierRun = ConcurrentHashMap.newKeySet();
    /**
     * Recipients the upstream accepted whose result could not be written to the journal (disk full):
     * written before the message's next attempt, so that they are never sent again while this process
     * lives. Only a crash before that write loses them (one duplicate, as after any crash in flight).
     */
    private final Map<String, List<RecipientResult>> unrecorded = new ConcurrentHashMap<>();
    /**
     * Attempts started before their message left {@code incoming/} ({@link #deliverEarly}), by message: completed
     * when the intake has moved it to {@code outgoing/} ({@link #enqueue}), failed when it gave up
     * ({@link #abandonEarly}) or the attempt stopped waiting.
     */
    private final Map<String, CompletableFuture<Void>> early = new ConcurrentHashMap<>();
    private final AtomicInteger running = new AtomicInteger();
    private final Duration drainTime;
    private volatile boolean closing;

    public DeliveryQueue(Spool spool, Upstream upstream, RetrySchedule retry, TraceHeader traceHeader,
            BounceComposer bounces, RelayEvents events, Clock clock, int workers) {
        this(spool, upstream, retry, traceHeader, bounces, events, clock, workers, DEFAULT_DRAIN_TIME,
                MessageVariants.ORIGINAL);
    }

    /**
     * @param drainTime how long {@link #close} waits for deliveries in flight
     *                  ({@code guard.delivery.drain-time})
     * @param variants  what each recipient is sent (one upstream transaction per variant)
     */
    public DeliveryQueue(Spool spool, Upstream upstream, RetrySchedule retry, TraceHeader traceHeader,
            BounceComposer bounces, RelayEvents events, Clock clock, int workers, Duration drainTime,
            MessageVariants variants) {
        this.drainTime = drainTime;
        this.variants = variants;
        this.spool = spool;
        this.upstream = upstream;
        this.retry = retry;
        this.traceHeader = traceHeader;
        this.bounces = bounces;
        this.events = events;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, r -> daemon(r, "delivery-" + n.incrementAndGet()));
        this.workerCount = workers;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "delivery-tick"));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Picks up what a previous run left: {@code outgoing/} is delivered now, {@code deferred/} at the
     * time its journal says. {@code incoming/} is the intake's business (see {@link GuardIntake#recover}).
     */
    public void resume(Map<QueueState, List<String>> recovered) {
        earlierRun.addAll(recovered.getOrDefault(QueueState.DEFERRED, List.of()));
        earlierRun.addAll(recovered.getOrDefault(QueueState.OUTGOING, List.of()));
        for (String id : recovered.getOrDefault(QueueState.DEFERRED, List.of())) {
            try {
                deferred.put(id, spool.journal(QueueState.DEFERRED, id).nextAttempt().orElse(clock.instant()));
            } catch (IOException e) {
                log.error("Unreadable journal of deferred message {}; retrying it now", id, e);
                deferred.put(id, clock.instant());
            }
        }
        // found after a crash: the move that put them there may never have been synced
        recovered.getOrDefault(QueueState.OUTGOING, List.of()).forEach(this::enqueueUnsynced);
    }

    /** Starts the periodic tick that releases deferred messages when due. */
    public void startTicking(Duration period) {
        startTicking(period, () -> 0);
    }

    /**
     * Starts the periodic tick that releases deferred messages when due and, on the same thread,
     * runs {@code alsoEachTick} (the intake's retry of what stayed in {@code incoming/}).
     */
    public void startTicking(Duration period, IntSupplier alsoEachTick) {
        ticker.scheduleWithFixedDelay(() -> {
            try {
                runDue(); // a task that throws is never run again: the tick must survive any failure
            } catch (RuntimeException e) {
                log.error("Releasing the deferred messages that are due failed; trying again at the next tick", e);
            }
            try {
                alsoEachTick.getAsInt();
            } catch (RuntimeException e) {
                log.error("Periodic retry of incoming/ failed; trying again at the next tick", e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A message the intake moved to {@code outgoing/} without syncing the directory ({@link Spool#moveUnsynced},
     * ADR 0014): its attempt syncs {@code outgoing/} before anything is sent, so that the order on disk is as
     * with a synced move. Messages moved with {@link Spool#move} are enqueued with {@link #enqueue}.
     */
    public void enqueueUnsynced(String id) {
        unsynced.add(id);
        enqueue(id);
    }

    /** A message just moved to {@code outgoing/} (durably): deliver it as soon as a worker is free. */
    public void enqueue(String id) {
        CompletableFuture<Void> waiting = early.remove(id);
        if (waiting != null && waiting.complete(null)) {
            return; // its attempt is under way and may end its data now
        }
        if (closing) {
            return;
        }
        requested.add(id);
        startIfFree(id);
    }

    /**
     * Starts delivering a message the intake has answered and moves to {@code outgoing/} once its records are
     * committed (ADR 0017), when the upstream can withhold the end of data and the message's variants are known
     * now: the transaction's commands and bytes go while the records are written, its end of data only once the
     * intake has moved the message ({@link #enqueue}, which then starts no attempt of its own) and the move is
     * synced, so that on disk and in the records everything happens in the order of any other attempt. When the
     * intake gives up ({@link #abandonEarly}) or the move takes longer than {@link #EARLY_WAIT}, the upstream gets
     * no end of data and keeps nothing, nothing is recorded, and the message is delivered by an ordinary attempt
     * once it is in {@code outgoing/}.
     *
     * <p>Only when a worker is free: otherwise the attempt would wait in line, its file open, and gain nothing.
     *
     * @param message a message just answered, so without a journal line of its own: sent to every recipient
     * @return whether an attempt started; the caller then calls {@link #abandonEarly} when it does not move it
     */
    public boolean deliverEarly(SpooledMessage message, Optional<MessageFacts> facts, Verdict verdict) {
        String id = message.id();
        if (closing || running.get() >= workerCount || !upstream.withholdsEndOfData()
                || !variants.sendsStoredBytes(message, facts, verdict) || !inFlight.add(id)) {
            return false;
        }
        InputStream content;
        try {
            content = spool.openContent(QueueState.INCOMING, id); // now: the move renames the directory
        } catch (IOException e) {
            inFlight.remove(id);
            log.warn("Cannot open {} in incoming/; it is delivered once it is in outgoing/", id, e);
            return false;
        }
        CompletableFuture<Void> moved = new CompletableFuture<>();
        early.put(id, moved);
        try {
            run(id, () -> {
                try {
                    if (closing) {
                        early.remove(id, moved); // delivered after the restart, or by the drain, from outgoing/
                    } else {
                        attemptEarly(message, content, moved);
                    }
                } finally {
                    closeQuietly(content, id);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            early.remove(id, moved);
            closeQuietly(content, id);
            return false;
        }
        return true;
    }

    /** The intake did not move a message whose attempt started early: that attempt sends nothing. */
    public void abandonEarly(String id) {
        CompletableFuture<Void> waiting = early.remove(id);
        if (waiting != null) {
            waiting.completeExceptionally(new IllegalStateException(id + " did not leave incoming/"));
        }
    }

    /**
     * Starts a worker on a requested message unless one has it already. A request that comes while a
     * worker still has the message (e.g. released from deferred/ just as the attempt that deferred it
     * ends) is started by that worker when it lets go, so no request is lost.
     */
    private void startIfFree(String id) {
        if (!requested.contains(id) || !inFlight.add(id)) {
            return;
        }
        if (!requested.remove(id)) {
            inFlight.remove(id);
            return;
        }
        run(id, () -> {
            if (closing) {
                log.info("Not starting delivery of {}: shutting down; it is delivered after the restart", id);
                return;
            }
            attempt(id);
        });
    }

    /** Runs an attempt of a message this thread has put in flight, on a worker; then starts what was requested. */
    private void run(String id, Runnable attempt) {
        running.incrementAndGet();
        try {
            workers.execute(() -> {
                try {
                    attempt.run();
                } catch (RuntimeException e) {
                    log.error("Delivery of {} failed unexpectedly; it stays in the spool", id, e);
                } finally {
                    inFlight.remove(id);
                    running.decrementAndGet();
                    if (!closing) {
                        startIfFree(id);
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(id);
            running.decrementAndGet();
            throw e;
        }
    }

    /**
     * Releases a held message to the recipients the sender confirmed: the others are recorded as
     * dropped in its journal (never delivered), then it moves to {@code outgoing/} and is delivered.
     *
     * @param confirmed envelope recipients to deliver to; must be a non-empty subset of the envelope
     * @param reason    why the others were dropped, for the journal (e.g. "unticked by sender")
     */
    public void release(String id, List<MailAddress> confirmed, String reason) throws IOException {
        SpooledMessage held = spool.read(QueueState.HOLD, id);
        List<MailAddress> recipients = held.envelope().recipients();
        if (confirmed.isEmpty() || !recipients.containsAll(confirmed)) {
            throw new IllegalArgumentException("confirmed recipients must be a non-empty subset of the envelope");
        }
        spool.recordDropped(QueueState.HOLD, id,
                recipients.stream().filter(r -> !confirmed.contains(r)).toList(), reason);
        spool.move(id, QueueState.HOLD, QueueState.OUTGOING);
        enqueue(id);
    }

    /**
     * Releases a corrected copy of a held message in its place: the only path on which the guard sends
     * other bytes than it received (the sender chose a change on the confirmation page; SPEC §3 step 6).
     *
     * <p>Order, for "no silent loss" and at most one copy in the queue: the corrected copy is committed
     * to {@code incoming/} (fsynced, a new queue id), the held original is removed, the copy moves to
     * {@code outgoing/} and is delivered. A crash after the commit leaves the copy in {@code incoming/},
     * which the intake checks again at the next start (never sent unchecked, never lost).
     *
     * @param content    the corrected message bytes (the trace header is still prepended on delivery)
     * @param recipients the envelope recipients of the copy
     * @return the queue id of the copy
     */
    public String releaseCorrected(String id, byte[] content, List<MailAddress> recipients) throws IOException {
        String copy = stageCorrected(spool.read(QueueState.HOLD, id), content, recipients);
        spool.delete(QueueState.HOLD, id);
        releaseGenerated(copy);
        return copy;
    }

    /**
     * First half of {@link #releaseCorrected} for a held message kept elsewhere (in the shared
     * database): the corrected copy is committed (fsynced) to {@code incoming/} under a new queue id
     * with the original's envelope and {@code recipients}; {@link #releaseGenerated} delivers it and
     * {@link #discardGenerated} removes it. A crash in between leaves it in {@code incoming/}, where
     * the intake checks it again at the next start (never sent unchecked, never lost).
     *
     * @return the queue id of the copy
     */
    public String stageCorrected(SpooledMessage held, byte[] content, List<MailAddress> recipients)
            throws IOException {
        Envelope original = held.envelope();
        Envelope corrected = new Envelope(original.sender(), recipients, original.authenticatedUser(),
                original.clientAddress(), original.helo(), original.tls(), original.eightBitMime(),
                original.receivedAt());
        try (SpoolWriter writer = spool.create()) {
            writer.write(content, 0, content.length);
            return writer.commit(corrected, SpooledMessage.Origin.SMTP).id();
        }
    }

    /** Removes a held message for good (cancelled by the sender, or expired with action discard). */
    public void discard(String id) throws IOException {
        spool.delete(QueueState.HOLD, id);
    }

    /**
     * Queues a message the guard wrote itself (a notification to a sender, a bounce). It is never
     * checked or held, and goes out with the null sender so that it cannot bounce back.
     *
     * @return the queue id of the new message
     */
    public String sendGenerated(byte[] message, MailAddress to) throws IOException {
        return sendGenerated(message, to, ReversePath.NULL);
    }

    /**
     * Like {@link #sendGenerated(byte[], MailAddress)} with another envelope sender, for the guard's mails
     * that are not delivery notifications (receipts, reports to security officers: RFC 5321 §4.5.5 asks the
     * null sender only of notifications about delivery). A failure still produces no DSN (origin GUARD).
     */
    public String sendGenerated(byte[] message, MailAddress to, ReversePath sender) throws IOException {
        String id = stageGenerated(message, to, sender);
        releaseGenerated(id);
        return id;
    }

    /**
     * First half of {@link #sendGenerated}: the mail is committed (fsynced) to {@code incoming/} but
     * not delivered yet. The caller marks it sent in its own records and then calls
     * {@link #releaseGenerated} (or {@link #discardGenerated} when its records could not be
     * committed). A crash in between leaves it in {@code incoming/}, where start-up delivers it.
     *
     * @return the queue id of the new message
     */
    public String stageGenerated(byte[] message, MailAddress to) throws IOException {
        return stageGenerated(message, to, ReversePath.NULL);
    }

    /** {@link #stageGenerated(byte[], MailAddress)} with another envelope sender. */
    public String stageGenerated(byte[] message, MailAddress to, ReversePath sender) throws IOException {
        try (SpoolWriter writer = spool.createGenerated()) {
            writer.write(message, 0, message.length);
            return writer.commit(new Envelope(sender, List.of(to), Optional.empty(),
                    "127.0.0.1", "localhost", false, true, clock.instant()), SpooledMessage.Origin.GUARD).id();
        }
    }

    /** Second half of {@link #sendGenerated}: delivers a staged mail. */
    public void releaseGenerated(String id) throws IOException {
        spool.move(id, QueueState.INCOMING, QueueState.OUTGOING);
        enqueue(id);
    }

    /** Removes a staged mail whose sending was not recorded. */
    public void discardGenerated(String id) throws IOException {
        spool.delete(QueueState.INCOMING, id);
    }

    /**
     * Moves every deferred message whose time has come back to {@code outgoing/} and delivers it, and
     * tries again what a local failure left in {@code outgoing/}.
     */
    public void runDue() {
        Instant now = clock.instant();
        for (Map.Entry<String, Instant> e : stuck.entrySet()) {
            if (!e.getValue().isAfter(now) && stuck.remove(e.getKey(), e.getValue())) {
                enqueue(e.getKey());
            }
        }
        for (Map.Entry<String, Instant> e : deferred.entrySet()) {
            if (!e.getValue().isAfter(now) && deferred.remove(e.getKey(), e.getValue())) {
                try {
                    spool.move(e.getKey(), QueueState.DEFERRED, QueueState.OUTGOING);
                    enqueue(e.getKey());
                } catch (IOException ex) {
                    log.error("Cannot release deferred message {}; will try again", e.getKey(), ex);
                    deferred.put(e.getKey(), now);
                }
            }
        }
    }

    /** Messages being delivered right now or waiting for a worker. */
    public int active() {
        return running.get();
    }

    /** Deferred messages and their next attempt times. */
    public Map<String, Instant> deferredSnapshot() {
        return Map.copyOf(deferred);
    }

    private void attempt(String id) {
        if (!recordRemembered(id)) {
            retryLater(id);
            return;
        }
        SpooledMessage message;
        DeliveryJournal.State journal;
        try {
            message = spool.read(QueueState.OUTGOING, id);
            journal = spool.journal(QueueState.OUTGOING, id);
            syncMoveIfUnsynced(id);
        } catch (java.nio.file.NoSuchFileException gone) {
            unsynced.remove(id);
            log.info("{} is no longer in outgoing/ (delivered or moved on by an attempt before); nothing to do", id);
            return;
        } catch (IOException e) {
            log.error("Cannot read outgoing message {}; it stays in the spool and is tried again", id, e);
            retryLater(id);
            return;
        }
        if (earlierRun.remove(id) && !journal.relayed().isEmpty()
                && !events.relayedEarlier(message, journal.relayed().entrySet().stream()
                        .map(r -> new RecipientResult(r.getKey(), RecipientResult.Outcome.RELAYED, r.getValue()))
                        .toList())) {
            keepForItsRecords(id, "The records of the earlier deliveries of {} are still not written; it stays in "
                    + "outgoing/ and is tried again later (nothing is sent meanwhile)");
            return;
        }
        List<MailAddress> pending = journal.pending(message.envelope().recipients());
        if (pending.isEmpty()) {
            finishOrKeep(id, false);
            return;
        }
        settleAndFinish(message, journal, deliver(message, pending));
    }

    /** Records the report and acts on it; a delivered message leaves once the listeners have recorded it. */
    private void settleAndFinish(SpooledMessage message, DeliveryJournal.State journal, DeliveryReport report) {
        Optional<CompletionStage<Void>> settled = settle(message, journal, report);
        if (settled.isEmpty()) {
            return;
        }
        CompletableFuture<Void> written = settled.get().toCompletableFuture();
        if (written.isDone()) {
            finishOrKeep(message.id(), written.isCompletedExceptionally());
        } else {
            written.whenComplete((done, failed) -> finishWhenRecorded(message.id(), failed != null));
        }
    }

    /**
     * An attempt of a message still in {@code incoming/} ({@link #deliverEarly}): the stored bytes to every
     * recipient, the end of data only once the intake has moved the message to {@code outgoing/} and the move is
     * synced. What the upstream answered is recorded only then, as for any attempt; when the message did not move,
     * nothing was delivered and nothing is recorded.
     */
    private void attemptEarly(SpooledMessage message, InputStream stored, CompletableFuture<Void> moved) {
        String id = message.id();
        OutboundMessage.Content content = new OutboundMessage.Content() {
            private boolean opened;

            @Override
            public InputStream open() throws IOException {
                if (opened) {
                    throw new IOException("the bytes of " + id + " are sent once per early attempt");
                }
                opened = true;
                return stored;
            }

            @Override
            public void ready() throws IOException {
                if (!hasMoved(id, moved)) {
                    throw new IOException(id + " has not left incoming/");
                }
                syncMoveIfUnsynced(id);
            }
        };
        Envelope envelope = message.envelope();
        DeliveryReport report = upstream.deliver(new OutboundMessage(id, envelope.sender(), envelope.recipients(),
                envelope.eightBitMime(), traceHeader.of(message), content));
        if (!hasMoved(id, moved)) {
            log.info("{} did not leave incoming/ while its delivery waited (its records were not committed in time); "
                    + "the upstream was sent no end of data, and the message is delivered once it is in outgoing/", id);
            return;
        }
        // a message just answered has no journal lines of its own yet: none is read (its bytes went to every recipient)
        settleAndFinish(message, DeliveryJournal.State.EMPTY, report);
    }

    /** The intake moved it to {@code outgoing/} without an fsync: makes the move durable before anything is sent. */
    private void syncMoveIfUnsynced(String id) throws IOException {
        if (unsynced.contains(id)) {
            spool.syncState(QueueState.OUTGOING);
            unsynced.remove(id);
        }
    }

    /**
     * Whether the intake moved a message whose attempt started early; waits up to {@link #EARLY_WAIT}, then gives
     * up (the move then starts an ordinary attempt).
     */
    private boolean hasMoved(String id, CompletableFuture<Void> moved) {
        try {
            moved.get(EARLY_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            if (early.remove(id, moved)) {
                moved.completeExceptionally(e);
                return false;
            }
            return moved.handle((done, failed) -> failed == null).join(); // moved or abandoned meanwhile
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandonEarly(id);
            return false;
        }
    }

    private static void closeQuietly(InputStream in, String id) {
        try {
            in.close();
        } catch (IOException e) {
            log.debug("Closing the bytes of {} failed", id, e);
        }
    }

    /**
     * One upstream transaction per variant. When the variants cannot be made, nothing is sent and every
     * pending recipient fails temporarily: the message is deferred with backoff like any temporary
     * failure, and bounces when its lifetime ends instead of being retried for ever.
     */
    private DeliveryReport deliver(SpooledMessage message, List<MailAddress> pending) {
        String id = message.id();
        List<MessageVariants.Variant> split;
        try {
            split = variants.split(message, pending, content(id));
        } catch (IOException | RuntimeException e) {
            log.error("Cannot prepare the copies of {}; nothing was sent, it is deferred", id, e);
            String reply = "451 4.3.0 The relay could not prepare the message for delivery: "
                    + String.valueOf(e.getMessage()).replaceAll("[\\r\\n]+", " ");
            return new DeliveryReport(pending.stream()
                    .map(r -> new RecipientResult(r, RecipientResult.Outcome.TEMPORARY_FAILURE, reply)).toList());
        }
        List<RecipientResult> results = new ArrayList<>();
        for (MessageVariants.Variant v : split) {
            results.addAll(upstream.deliver(new OutboundMessage(id, message.envelope().sender(), v.recipients(),
                    message.envelope().eightBitMime(), traceHeader.of(message), v.content())).results());
        }
        return new DeliveryReport(results);
    }

    /**
     * The bytes to send: the stored ones, with the To/Cc addresses the policy converts to Bcc left out
     * when the intake recorded any ({@link Spool#recordHeaderRemovals}); the body streams untouched.
     */
    private OutboundMessage.Content content(String id) throws IOException {
        Set<String> removed = new HashSet<>();
        spool.headerRemovals(QueueState.OUTGOING, id).forEach(a -> removed.add(ContactAddresses.key(a)));
        if (removed.isEmpty()) {
            return () -> spool.openContent(QueueState.OUTGOING, id);
        }
        return () -> AddressHeaderRewriter.rewriting(spool.openContent(QueueState.OUTGOING, id),
                a -> removed.contains(ContactAddresses.key(a)) ? Optional.empty() : Optional.of(a));
    }

    /**
     * Records the report and acts on it. Returns, when every recipient has its final result, the stage that
     * completes once the listeners have recorded the relayed ones; empty when the message stays (deferred or
     * unrecordable).
     */
    private Optional<CompletionStage<Void>> settle(SpooledMessage message, DeliveryJournal.State journal,
            DeliveryReport report) {
        String id = message.id();
        Map<MailAddress, String> relayed = new LinkedHashMap<>();
        Map<MailAddress, String> bounced = new LinkedHashMap<>();
        List<RecipientResult> failed = new ArrayList<>();
        List<RecipientResult> temporary = new ArrayList<>();
        for (RecipientResult r : report.results()) {
            switch (r.outcome()) {
                case RELAYED -> relayed.put(r.recipient(), r.reply());
                case PERMANENT_FAILURE -> {
                    bounced.put(r.recipient(), r.reply());
                    failed.add(r);
                }
                case TEMPORARY_FAILURE -> temporary.add(r);
                default -> throw new IllegalStateException();
            }
        }
        int attempts = journal.attempts() + 1;
        Optional<Instant> next = temporary.isEmpty() ? Optional.empty()
                : retry.nextAttempt(message.envelope().receivedAt(), attempts, clock.instant());
        if (!temporary.isEmpty() && next.isEmpty()) {
            for (RecipientResult r : temporary) {
                RecipientResult expired = new RecipientResult(r.recipient(), RecipientResult.Outcome.PERMANENT_FAILURE,
                        "554 5.4.7 Delivery time expired; last reply: " + r.reply());
                bounced.put(r.recipient(), expired.reply());
                failed.add(expired);
            }
            temporary.clear();
        }
        // Order matters for "no silent loss": relayed recipients first (never resent), then the DSN is
        // queued, and only then are the failures final. A crash in between repeats a DSN, never loses one.
        try {
            spool.recordRelayed(QueueState.OUTGOING, id, relayed, Map.of());
        } catch (IOException e) {
            log.error("Cannot record delivery results of {}; the {} accepted recipient(s) are remembered and recorded "
                    + "before the next attempt, which does not send to them again", id, relayed.size(), e);
            unrecorded.put(id, report.results().stream().filter(r -> relayed.containsKey(r.recipient())).toList());
            retryLater(id);
            return Optional.empty();
        }
        List<RecipientResult> accepted = report.results().stream().filter(r -> relayed.containsKey(r.recipient()))
                .toList();
        CompletionStage<Void> recorded = accepted.isEmpty() ? CompletableFuture.completedFuture(null)
                : events.relayedAll(message, accepted);
        if (!failed.isEmpty()) {
            if (!bounce(message, failed)) {
                retryLater(id);
                return Optional.empty();
            }
            try {
                spool.recordRelayed(QueueState.OUTGOING, id, Map.of(), bounced);
            } catch (IOException e) {
                log.error("Cannot record the failures of {}; they will be retried (possible second DSN)", id, e);
                retryLater(id);
                return Optional.empty();
            }
            failed.forEach(r -> events.bounced(message, r));
        }
        if (temporary.isEmpty()) {
            return Optional.of(recorded);
        }
        try {
            spool.recordDeferred(QueueState.OUTGOING, id, attempts, next.get(), temporary.get(0).reply());
            spool.move(id, QueueState.OUTGOING, QueueState.DEFERRED);
            deferred.put(id, next.get());
            temporary.forEach(r -> events.deferred(message, r, next.get()));
        } catch (IOException e) {
            log.error("Cannot defer {}; it stays in outgoing and is tried again", id, e);
            retryLater(id);
        }
        return Optional.empty();
    }

    /** Writes the results remembered by a failed journal write; false while that still fails. */
    private boolean recordRemembered(String id) {
        List<RecipientResult> accepted = unrecorded.get(id);
        if (accepted == null) {
            return true;
        }
        Map<MailAddress, String> relayed = new LinkedHashMap<>();
        accepted.forEach(r -> relayed.put(r.recipient(), r.reply()));
        try {
            spool.recordRelayed(QueueState.OUTGOING, id, relayed, Map.of());
            SpooledMessage message = spool.read(QueueState.OUTGOING, id);
            unrecorded.remove(id);
            log.info("Recorded the remembered delivery results of {}", id);
            // not waited for: a crash before the listeners' writers commit these loses their entries
            events.relayedAll(message, accepted);
            return true;
        } catch (IOException e) {
            log.warn("Still cannot record the delivery results of {}; nothing is sent until they are recorded", id);
            return false;
        }
    }

    private void retryLater(String id) {
        stuck.put(id, clock.instant().plus(retry.minimalBackoff()));
    }

    /**
     * Removes a delivered message once the listeners have recorded its deliveries (they write behind, in batches;
     * ADR 0014), on a delivery worker, so that the listener's writer does not wait for the file system — or on the
     * writer's thread when the workers have stopped (shutting down).
     */
    private void finishWhenRecorded(String id, boolean failed) {
        try {
            workers.execute(() -> finishOrKeep(id, failed));
        } catch (RejectedExecutionException shuttingDown) {
            finishOrKeep(id, failed);
        }
    }

    /**
     * Removes the delivered message, or keeps it when a listener could not record its deliveries: it is not sent
     * again (its journal says relayed), and the next attempt tells the listeners again
     * ({@link RelayEvents#relayedEarlier}) before it is removed.
     */
    private void finishOrKeep(String id, boolean recordsFailed) {
        if (!recordsFailed) {
            finish(id);
            return;
        }
        keepForItsRecords(id, "The records of the delivery of {} failed; it stays in outgoing/ and they are written "
                + "again at the next attempt (nothing is sent again)");
    }

    /** Keeps a relayed message in {@code outgoing/} until its next attempt tells the listeners again. */
    private void keepForItsRecords(String id, String why) {
        log.warn(why, id);
        earlierRun.add(id);
        retryLater(id);
    }

    private void finish(String id) {
        try {
            spool.delete(QueueState.OUTGOING, id);
        } catch (IOException e) {
            log.error("Cannot remove delivered message {}; its journal prevents a second delivery", id, e);
        }
    }

    /**
     * Queues a DSN to the sender; a null sender gets none (RFC 5321 §4.5.5). False when the DSN could
     * not be queued: the failures then stay unrecorded and the next attempt tries again.
     */
    private boolean bounce(SpooledMessage original, List<RecipientResult> failed) {
        Optional<MailAddress> sender = original.envelope().sender().address();
        if (sender.isEmpty() || original.origin() == SpooledMessage.Origin.GUARD) {
            log.info("No DSN for {}: the sender is <> or the message was our own notice", original.id());
            return true;
        }
        try {
            byte[] dsn = bounces.compose(original, () -> spool.openContent(QueueState.OUTGOING, original.id()), failed);
            String notice = sendGenerated(dsn, sender.get());
            events.dsnQueued(original, notice, sender.get());
            log.info("Queued DSN {} to {} for {} ({} recipients failed)", notice, sender.get(), original.id(),
                    failed.size());
            return true;
        } catch (IOException | RuntimeException e) {
            log.error("Cannot queue the DSN for {}; the failed recipients will be tried again", original.id(), e);
            return false;
        }
    }

    /**
     * Stops delivering without sending anything twice: no new attempt starts, the attempts in
     * flight get up to the drain time, and the workers are never interrupted. What is still in
     * flight afterwards stays in {@code outgoing/} with its journal and is tried again after the
     * restart, to the recipients without a recorded result only.
     */
    @Override
    public void close() {
        closing = true;
        List.copyOf(early.keySet()).forEach(this::abandonEarly); // sent nothing; delivered after the restart
        ticker.shutdown();
        workers.shutdown();
        boolean drained = false;
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
            drained = workers.awaitTermination(drainTime.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (drained) {
            log.info("Delivery stopped; nothing was in flight");
        } else {
            log.warn("Delivery stopped after the drain time ({}) with {} still in flight: {}; they stay in the spool "
                    + "and are tried again after the restart (recipients with a recorded result are not sent again)",
                    drainTime, inFlight.size(), List.copyOf(inFlight));
        }
    }
}
