package com.misdeliveryguard.app.client;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.smtp.queue.VerdictReview;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay side of confirmation tickets: a message whose {@value ConfirmationTickets#HEADER} header
 * holds a ticket that covers its envelope, subject and the guard's findings is delivered instead of
 * held, with the note {@code confirmed-in-client} ("confirmed in the client by …") in the decision log.
 * A ticket that does not cover it leaves the verdict as it is and adds the note
 * {@code client-confirmation-ignored} with the reason. Notes are {@link Severity#INFO}: never acted on.
 */
final class ClientConfirmationReview implements VerdictReview {

    static final String CONFIRMED = "confirmed-in-client";
    static final String IGNORED = "client-confirmation-ignored";
    private static final Logger log = LoggerFactory.getLogger(ClientConfirmationReview.class);
    private static final int MAX_HEADER_BYTES = 256 * 1024;
    private final ConfirmationTickets tickets;

    ClientConfirmationReview(ConfirmationTickets tickets) {
        this.tickets = tickets;
    }

    @Override
    public Verdict review(Envelope envelope, MessageFacts facts, Verdict verdict, Content content) throws IOException {
        List<String> values;
        try (InputStream in = content.open()) {
            values = headerValues(in, ConfirmationTickets.HEADER);
        }
        if (values.isEmpty()) {
            return verdict;
        }
        TicketCheck last = null;
        for (String value : values) {
            last = tickets.check(value, envelope.sender(), envelope.recipients(), facts.subject(), verdict);
            if (last instanceof TicketCheck.Honoured honoured) {
                return confirmed(verdict, honoured);
            }
        }
        TicketCheck.Ignored ignored = (TicketCheck.Ignored) last;
        log.info("Confirmation ticket of {} ignored: {}", ignored.user(), ignored.reasonEn());
        return with(verdict, verdict.action(), verdict.policyAction(), new Finding(IGNORED, Severity.INFO,
                Optional.empty(), "クライアントでの確認（" + ignored.user() + "）は無効です: " + ignored.reasonJa(),
                "The confirmation in the client (by " + ignored.user() + ") does not apply: " + ignored.reasonEn(),
                Map.of("user", ignored.user(), "reason", ignored.reasonEn())));
    }

    private static Verdict confirmed(Verdict verdict, TicketCheck.Honoured honoured) {
        log.info("Confirmed in the client by {}: delivering instead of {}", honoured.user(), verdict.action());
        return with(verdict, Action.DELIVER, Action.DELIVER, new Finding(CONFIRMED, Severity.INFO, Optional.empty(),
                "送信前にメールクライアントで " + honoured.user() + " が全宛先を確認しました",
                "Confirmed in the client by " + honoured.user() + " before sending",
                Map.of("user", honoured.user(), "ticketExpires", honoured.expiresAt().toString(),
                        "guardAction", verdict.action().name())));
    }

    private static Verdict with(Verdict verdict, Action action, Action policyAction, Finding note) {
        List<Finding> findings = new ArrayList<>(verdict.findings());
        findings.add(note);
        return new Verdict(action, findings, policyAction, verdict.recipients(), verdict.outOfHeader());
    }

    /** Unfolded values of every {@code name} field in the header section (read up to the first empty line). */
    static List<String> headerValues(InputStream message, String name) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(message, StandardCharsets.ISO_8859_1));
        List<String> fields = new ArrayList<>();
        int read = 0;
        for (String line = reader.readLine(); line != null && !line.isEmpty() && read < MAX_HEADER_BYTES;
                line = reader.readLine()) {
            read += line.length() + 2;
            boolean continuation = line.charAt(0) == ' ' || line.charAt(0) == '\t';
            if (continuation && !fields.isEmpty()) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + line);
            } else {
                fields.add(line);
            }
        }
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return fields.stream().filter(f -> f.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(f -> f.substring(prefix.length()).strip()).toList();
    }
}
