package com.misdeliveryguard.core.audit;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.util.Map;
import java.util.Objects;

/**
 * The guard queued a mail of its own about a message — a notification or reminder with a confirmation
 * link, a notice that a hold expired, a delivery status notification. The entry belongs to the
 * message the mail is about, and names the queue id of the guard's own mail, so that the entries of
 * that mail's delivery (which carry its own queue id and the null sender) are shown inside the
 * history of the message they are about.
 *
 * @param queueId  spool id of the message the mail is about
 * @param sender   that message's envelope sender
 * @param noticeId spool id of the guard's own mail
 * @param kind     what the mail is, e.g. {@code held}, {@code reminder}, {@code expired-discarded}, {@code dsn}
 * @param to       where it goes
 */
public record NoticeQueued(String queueId, ReversePath sender, String noticeId, String kind, MailAddress to)
        implements GuardEvent {

    public NoticeQueued {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(to, "to");
    }

    @Override
    public EventType type() {
        return EventType.NOTICE;
    }

    @Override
    public Map<String, Object> details() {
        return Details.create().put("mailFrom", sender).put("notice", noticeId).put("kind", kind).put("to", to)
                .map();
    }

    @Override
    public IndexTerms terms() {
        return IndexTerms.about(sender, type().code()).build();
    }
}
