package com.misdeliveryguard.core.testing;

import com.misdeliveryguard.core.mail.Envelope;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import com.misdeliveryguard.core.message.HeaderAddress;
import com.misdeliveryguard.core.message.MessageFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a checked message without parsing: {@code Mail.from("yamada.taro@example.co.jp").to("田中 太郎",
 * "tanaka@aoba-shoji.co.jp").body("あおば商事 田中様").build()}. Envelope recipients are To, Cc and Bcc.
 */
public final class Mail {

    /** The envelope and facts of one message. */
    public record Built(Envelope envelope, MessageFacts facts) {
    }

    private final MailAddress sender;
    private final List<HeaderAddress> to = new ArrayList<>();
    private final List<HeaderAddress> cc = new ArrayList<>();
    private final List<MailAddress> bcc = new ArrayList<>();
    private final Set<MailAddress> headerOnly = new LinkedHashSet<>();
    private String subject = "";
    private String body = "";
    private final List<String> attachments = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private Optional<String> messageId = Optional.empty();
    private final List<String> inReplyTo = new ArrayList<>();

    private Mail(String sender) {
        this.sender = MailAddress.of(sender);
    }

    public static Mail from(String sender) {
        return new Mail(sender);
    }

    public Mail to(String address) {
        return to("", address);
    }

    public Mail to(String displayName, String address) {
        to.add(new HeaderAddress(displayName, address, Optional.of(MailAddress.of(address))));
        return this;
    }

    public Mail cc(String address) {
        return cc("", address);
    }

    public Mail cc(String displayName, String address) {
        cc.add(new HeaderAddress(displayName, address, Optional.of(MailAddress.of(address))));
        return this;
    }

    /** Leaves an address of To or Cc out of the envelope: the header names it, nobody receives it here. */
    public Mail notInEnvelope(String address) {
        headerOnly.add(MailAddress.of(address));
        return this;
    }

    public Mail bcc(String address) {
        bcc.add(MailAddress.of(address));
        return this;
    }

    public Mail subject(String subject) {
        this.subject = subject;
        return this;
    }

    /** The opening lines as the parser keeps them (quotes and signature already gone). */
    public Mail body(String body) {
        this.body = body;
        return this;
    }

    public Mail attach(String fileName) {
        attachments.add(fileName);
        return this;
    }

    public Mail problem(String problem) {
        problems.add(problem);
        return this;
    }

    public Mail messageId(String id) {
        this.messageId = Optional.of(id);
        return this;
    }

    public Mail inReplyTo(String id) {
        inReplyTo.add(id);
        return this;
    }

    public Built build() {
        Set<MailAddress> recipients = new LinkedHashSet<>();
        to.forEach(h -> recipients.add(h.address().orElseThrow()));
        cc.forEach(h -> recipients.add(h.address().orElseThrow()));
        recipients.addAll(bcc);
        recipients.removeAll(headerOnly);
        Envelope envelope = new Envelope(ReversePath.of(sender), List.copyOf(recipients), Optional.empty(), "127.0.0.1",
                "client.example.co.jp", false, false, Instant.parse("2025-04-01T01:00:00Z"));
        MessageFacts facts = new MessageFacts(Optional.of(new HeaderAddress("", sender.toString(), Optional.of(sender))),
                to, cc, bcc, subject, attachments, messageId, inReplyTo, inReplyTo, body.strip(), problems);
        return new Built(envelope, facts);
    }
}
