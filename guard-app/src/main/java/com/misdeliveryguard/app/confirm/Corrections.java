package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.confirm.hold.HeaderRole;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HeldRecipient;
import com.misdeliveryguard.app.confirm.hold.RecipientChange;
import com.misdeliveryguard.app.confirm.present.Suggestion;
import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Guard;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.message.AddressHeaderRewriter;
import com.misdeliveryguard.core.message.MessageFacts;
import com.misdeliveryguard.core.message.MessageFactsParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the corrected copy of a held message that a sender chose on the confirmation page (SPEC §3
 * step 6): "send to the suggested address instead" replaces the envelope recipient and the address in
 * To/Cc; "send the external recipients as Bcc" takes the external addresses out of To/Cc and keeps the
 * envelope. Only the affected To/Cc fields change ({@link AddressHeaderRewriter}); the rest of the
 * message stays byte-identical.
 *
 * <p>A replacement must be the suggestion the hold's findings made for that recipient (never an
 * address typed into the form), and the corrected copy is checked by the rules again: a suggested
 * address that draws an actionable finding of its own is refused. "As Bcc" is offered only when a
 * finding about visible external recipients asks for it ({@link Suggestion#BCC_RULES}).
 */
final class Corrections {

    /** A correction the page may not make; {@code reason} is a message key. */
    static final class Refusal extends Exception {
        private final String reason;

        Refusal(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    /** The corrected copy: its bytes, envelope recipients and what changed per original recipient. */
    record Corrected(byte[] content, List<MailAddress> recipients, Map<MailAddress, RecipientChange> changes) {
    }

    private final Guard guard;
    private final MessageFactsParser parser;
    private final ContactDirectory directory;

    Corrections(Guard guard, MessageFactsParser parser, ContactDirectory directory) {
        this.guard = guard;
        this.parser = parser;
        this.directory = directory;
    }

    /**
     * @param original  the stored bytes of the held message
     * @param confirmed the envelope recipients the sender confirmed (the ones replaced included)
     * @param instead   confirmed recipient → the address to send to instead
     * @param asBcc     take external addresses out of To/Cc
     */
    Corrected prepare(HeldMessage hold, byte[] original, List<MailAddress> confirmed,
            Map<MailAddress, MailAddress> instead, boolean asBcc) throws Refusal {
        Map<String, MailAddress> replace = new LinkedHashMap<>();
        Map<MailAddress, RecipientChange> changes = new LinkedHashMap<>();
        for (Map.Entry<MailAddress, MailAddress> e : instead.entrySet()) {
            Optional<Suggestion> offered = Suggestion.forRecipient(hold, e.getKey());
            if (!confirmed.contains(e.getKey()) || offered.isEmpty()
                    || !key(offered.get().address()).equals(key(e.getValue()))) {
                throw new Refusal("choice.notSuggested");
            }
            replace.put(key(e.getKey()), offered.get().address());
            changes.put(e.getKey(), RecipientChange.sentInstead(offered.get().address()));
        }
        if (asBcc && !Suggestion.offersBcc(hold)) {
            throw new Refusal("choice.notSuggested");
        }
        Set<String> externalVisible = new LinkedHashSet<>();
        if (asBcc) {
            for (HeldRecipient r : hold.recipients()) {
                if (r.inEnvelope() && r.role() != HeaderRole.BCC
                        && !r.who().internal() && confirmed.contains(r.mailAddress().orElseThrow())
                        && !replace.containsKey(key(r.mailAddress().orElseThrow()))) {
                    changes.put(r.mailAddress().orElseThrow(), RecipientChange.sentAsBcc());
                }
            }
        }
        byte[] content = AddressHeaderRewriter.rewrite(original, address -> {
            MailAddress now = replace.getOrDefault(key(address), address);
            if (asBcc && !internal(hold, now)) {
                externalVisible.add(key(now));
                return Optional.empty();
            }
            return Optional.of(now);
        });
        Set<MailAddress> recipients = new LinkedHashSet<>();
        confirmed.forEach(r -> recipients.add(replace.getOrDefault(key(r), r)));
        List<MailAddress> envelope = new ArrayList<>(recipients);
        checkSuggestions(hold, content, envelope, List.copyOf(replace.values()));
        return new Corrected(content, envelope, changes);
    }

    /** The rules judge the corrected copy; an actionable finding about a suggested address refuses it. */
    private void checkSuggestions(HeldMessage hold, byte[] content, List<MailAddress> envelope,
            List<MailAddress> suggested) throws Refusal {
        if (suggested.isEmpty()) {
            return;
        }
        MessageFacts facts;
        try {
            facts = parser.parse(new ByteArrayInputStream(content), envelope);
        } catch (IOException | RuntimeException e) {
            throw new Refusal("choice.suggestionFlagged");
        }
        Envelope copy = new Envelope(hold.sender(), envelope, hold.authenticatedUser(), "127.0.0.1", "confirm",
                true, true, hold.times().createdAt());
        Verdict verdict = guard.check(copy, facts);
        Set<String> keys = new LinkedHashSet<>(suggested.stream().map(Corrections::key).toList());
        for (Finding f : verdict.findings()) {
            if (f.actionable() && f.recipient().map(Corrections::key).filter(keys::contains).isPresent()) {
                throw new Refusal("choice.suggestionFlagged");
            }
        }
    }

    /** An envelope recipient as the check resolved it; any other address by the same rule, asked now. */
    private boolean internal(HeldMessage hold, MailAddress address) {
        for (HeldRecipient r : hold.recipients()) {
            if (r.inEnvelope() && key(r.mailAddress().orElseThrow()).equals(key(address))) {
                return r.who().internal();
            }
        }
        try {
            return directory.isInternal(address);
        } catch (RuntimeException e) {
            return false; // unknown: treated as external, so it leaves the visible header
        }
    }

    private static String key(MailAddress address) {
        return ContactAddresses.key(address);
    }
}
