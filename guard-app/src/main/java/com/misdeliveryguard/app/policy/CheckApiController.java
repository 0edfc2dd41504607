package com.misdeliveryguard.app.policy;

import com.misdeliveryguard.app.client.ConfirmationTickets;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.LearnedRecipients;
import com.misdeliveryguard.core.guard.Guard;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.history.SenderHistory;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.InvalidAddressException;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.core.message.HeaderAddress;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.core.message.MessageFactsParser;
import com.misdeliveryguard.core.rules.Policy;
import com.misdeliveryguard.core.rules.RuleEngine;
import com.misdeliveryguard.core.thread.ThreadHistory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.Principal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/v1/check}: the verdict the relay would give, for mail-client add-ins and scripts.
 * Nothing is sent, held or remembered (the thread history is only read). The answer carries a
 * confirmation ticket for the add-in ({@link ConfirmationTickets}).
 *
 * <ul>
 *   <li>{@code Content-Type: message/rfc822} (or {@code text/plain}): a raw message; the envelope is
 *       {@code ?from=} and repeated {@code ?rcpt=}, or else the message's From, To and Cc;</li>
 *   <li>{@code Content-Type: application/json}: envelope and headers as {@link CheckRequest}.</li>
 * </ul>
 * Bad input (no recipient, invalid address, oversize) is a 400 naming the problem.
 */
@RestController
class CheckApiController {

    static final int MAX_MESSAGE = 25 * 1024 * 1024;
    private final MessageFactsParser parser;
    private final Guard guard;
    private final Clock clock;
    private final ConfirmationTickets tickets;

    CheckApiController(MessageFactsParser parser, ContactDirectory directory, LearnedRecipients learned,
            ThreadHistory threads, Policy policy, SenderHistory senders, Clock clock, ConfirmationTickets tickets) {
        this.parser = parser;
        this.guard = RuleEngine.builder(directory).policy(policy).learnedRecipients(learned).threadHistory(threads)
                .senderHistory(senders).recordThreads(false).build();
        this.clock = clock;
        this.tickets = tickets;
    }

    @PostMapping(path = "/api/v1/check", consumes = {"message/rfc822", "text/plain"})
    CheckResult checkRaw(@RequestBody byte[] message, @RequestParam(required = false) String from,
            @RequestParam(name = "rcpt", required = false) List<String> rcpt, Principal who) throws IOException {
        if (message.length > MAX_MESSAGE) {
            throw bad("message larger than " + MAX_MESSAGE + " bytes");
        }
        MessageFacts headers = parser.parse(new ByteArrayInputStream(message), List.of());
        List<MailAddress> recipients = rcpt != null && !rcpt.isEmpty() ? addresses(rcpt) : headerRecipients(headers);
        ReversePath sender = from != null ? ReversePath.of(address(from))
                : headers.from().flatMap(HeaderAddress::address).map(ReversePath::of).orElse(ReversePath.NULL);
        return check(sender, recipients, message, who);
    }

    @PostMapping(path = "/api/v1/check", consumes = "application/json")
    CheckResult checkJson(@RequestBody CheckRequest request, Principal who) throws IOException {
        List<MailAddress> recipients = new ArrayList<>(request.envelopeRecipients());
        if (recipients.isEmpty()) {
            throw bad("no recipients: give to, cc or bcc");
        }
        ReversePath sender = request.from() == null ? ReversePath.NULL : ReversePath.of(address(request.from()));
        return check(sender, recipients, request.toMessage(), who);
    }

    private CheckResult check(ReversePath sender, List<MailAddress> recipients, byte[] message, Principal who)
            throws IOException {
        if (recipients.isEmpty()) {
            throw bad("no recipients");
        }
        Envelope envelope = new Envelope(sender, recipients, Optional.ofNullable(who).map(Principal::getName),
                "127.0.0.1", "check-api", true, true, clock.instant());
        MessageFacts facts = parser.parse(new ByteArrayInputStream(message), recipients);
        Verdict verdict = guard.check(envelope, facts);
        return CheckResult.of(verdict, tickets.offer(who.getName(), sender, recipients, facts.subject(), verdict));
    }

    private static List<MailAddress> headerRecipients(MessageFacts headers) {
        Set<MailAddress> all = new LinkedHashSet<>();
        headers.to().forEach(a -> a.address().ifPresent(all::add));
        headers.cc().forEach(a -> a.address().ifPresent(all::add));
        return List.copyOf(all);
    }

    private static List<MailAddress> addresses(List<String> texts) {
        Set<MailAddress> all = new LinkedHashSet<>();
        for (String text : texts) {
            all.add(address(text));
        }
        return List.copyOf(all);
    }

    static MailAddress address(String text) {
        try {
            return MailAddress.parse(text.strip());
        } catch (InvalidAddressException e) {
            throw bad("invalid address '" + text + "': " + e.getMessage());
        }
    }

    static ResponseStatusException bad(String why) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, why);
    }
}
