package com.misdeliveryguard.core.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The header fields of the message itself that the rules read. A repeated From, To, Cc or Subject is
 * a problem: mail clients and our checks might each believe a different one. Addresses of repeated To
 * and Cc fields are all kept, so that no visible recipient escapes the checks.
 */
final class TopHeaders {

    private final Problems problems;
    private String from;
    private final List<String> to = new ArrayList<>();
    private final List<String> cc = new ArrayList<>();
    private String subject;
    private String messageId;
    private String inReplyTo;
    private String references;

    TopHeaders(Problems problems) {
        this.problems = problems;
    }

    void field(HeaderField field) {
        switch (field.name()) {
            case "from" -> from = once(from, field, "From");
            case "to" -> to.add(checked(to.isEmpty(), field, "To"));
            case "cc" -> cc.add(checked(cc.isEmpty(), field, "Cc"));
            case "subject" -> subject = once(subject, field, "Subject");
            case "message-id" -> messageId = messageId == null ? field.value() : messageId;
            case "in-reply-to" -> inReplyTo = inReplyTo == null ? field.value() : inReplyTo;
            case "references" -> references = references == null ? field.value() : references;
            default -> {
            }
        }
    }

    private String once(String current, HeaderField field, String name) {
        String value = checked(current == null, field, name);
        return current == null ? value : current;
    }

    private String checked(boolean first, HeaderField field, String name) {
        if (!first) {
            problems.add("duplicate " + name + " header");
        }
        if (field.guessedCharset()) {
            problems.add("undeclared 8-bit charset in " + name + " header");
        }
        return field.value();
    }

    /**
     * The first mailbox of From; "no From header" only when the whole header was read, so that a header
     * cut short by a limit is not also reported as missing From.
     */
    Optional<HeaderAddress> from(boolean headerComplete) {
        if (from == null) {
            if (headerComplete) {
                problems.add("no From header");
            }
            return Optional.empty();
        }
        List<HeaderAddress> mailboxes = AddressListParser.parse(from, problems, "From header");
        if (mailboxes.isEmpty()) {
            problems.add("unreadable From header");
        }
        return mailboxes.stream().findFirst();
    }

    List<HeaderAddress> to() {
        return addresses(to, "To header");
    }

    List<HeaderAddress> cc() {
        return addresses(cc, "Cc header");
    }

    private List<HeaderAddress> addresses(List<String> values, String where) {
        List<HeaderAddress> result = new ArrayList<>();
        values.forEach(value -> result.addAll(AddressListParser.parse(value, problems, where)));
        return result;
    }

    String subject() {
        if (subject == null) {
            return "";
        }
        String decoded = EncodedWords.decode(subject, problems, "Subject header");
        return UnsafeCharacters.clean(decoded, problems, "Subject header").strip();
    }

    Optional<String> messageId() {
        return messageId == null ? Optional.empty() : MessageIds.parse(messageId).stream().findFirst();
    }

    List<String> inReplyTo() {
        return inReplyTo == null ? List.of() : MessageIds.parse(inReplyTo);
    }

    List<String> references() {
        return references == null ? List.of() : MessageIds.parse(references);
    }
}
