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
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 */
public final class GuardIntake implements MessageIntake {

    private static final Logger log = LoggerFactory.getLogger(GuardIntake.class);
    private final Spool spool;
    private final MessageFactsParser parser;
    private final Guard guard;
    private final DeliveryQueue queue;
    private final RelayEvents events;
    private final VerdictReview review;

    public GuardIntake(Spool spool, MessageFactsParser parser, Guard guard, DeliveryQueue queue, RelayEvents events) {
        this(spool, parser, guard, queue, events, VerdictReview.NONE);
    }

    /** With a {@link VerdictReview} that may revise each verdict of the guard (e.g. a confirmation in the client). */
    public GuardIntake(Spool spool, MessageFactsParser parser, Guard guard, DeliveryQueue queue, RelayEvents events,
            VerdictReview review) {
        this.spool = spool;
        this.parser = parser;
        this.guard = guard;
        this.queue = queue;
        this.events = events;
        this.review = review;
    }

    @Override
    public Disposition accept(SpooledMessage message) {
        events.accepted(message);
        Optional<MessageFacts> facts = Optional.empty();
        Verdict verdict;
        if (message.origin() == SpooledMessage.Origin.GUARD) {
            verdict = Verdict.deliver();
        } else {
            try (InputStream content = spool.openContent(QueueState.INCOMING, message.id())) {
                facts = Optional.of(parser.parse(content, message.envelope().recipients()));
                verdict = reviewed(message, facts.get(), guard.check(message.envelope(), facts.get()));
            } catch (IOException | RuntimeException e) {
                verdict = failClosed(message, e);
            }
        }
        events.checked(message, facts, verdict);
        try {
            return act(message, verdict);
        } catch (IOException e) {
            log.error("Cannot move {} out of incoming; it is safe there and is re-checked at the next start",
                    message.id(), e);
            return new Queued(message.id());
        }
    }

    /** Re-checks what a crash left in {@code incoming/} (acknowledged, never checked). */
    public void recover(List<String> incoming) {
        for (String id : incoming) {
            try {
                accept(spool.read(QueueState.INCOMING, id));
            } catch (IOException e) {
                log.error("Cannot read incoming message {} during recovery", id, e);
            }
        }
    }

    private Verdict reviewed(SpooledMessage message, MessageFacts facts, Verdict verdict) {
        try {
            return review.review(message.envelope(), facts, verdict,
                    () -> spool.openContent(QueueState.INCOMING, message.id()));
        } catch (IOException | RuntimeException e) {
            log.error("Reviewing the verdict of {} failed; keeping the guard's verdict", message.id(), e);
            return verdict;
        }
    }

    private static Verdict failClosed(SpooledMessage message, Exception e) {
        log.error("Checking {} failed; holding it", message.id(), e);
        return new Verdict(Action.HOLD, List.of(new Finding("guard-error", Severity.HIGH, Optional.empty(),
                "検査中にエラーが発生したため、送信を保留しました。",
                "The check failed with an error, so the message is held.",
                Map.of("error", String.valueOf(e.getMessage())))));
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
                // DELAY waits in hold/ too: the confirmation side releases it when the grace period ends
                spool.move(id, QueueState.INCOMING, QueueState.HOLD);
                log.info("{} {} ({} findings)", verdict.action() == Action.HOLD ? "Held" : "Delayed", id,
                        verdict.findings().size());
                return new Queued(id);
            }
            case DELIVER -> {
                spool.move(id, QueueState.INCOMING, QueueState.OUTGOING);
                queue.enqueue(id);
                return new Queued(id);
            }
            default -> throw new IllegalStateException("unknown action " + verdict.action());
        }
    }
}
