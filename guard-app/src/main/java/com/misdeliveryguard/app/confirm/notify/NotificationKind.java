package com.misdeliveryguard.app.confirm.notify;

/** The mails the confirmation side writes; {@link #key()} prefixes their texts in the message bundle. */
public enum NotificationKind {
    /** To the sender: the message is held, here is the link. */
    HELD("held", true),
    /** To the sender (or approver): the one reminder, with a fresh link. */
    REMINDER("reminder", true),
    /** To an approver: please approve, with a link. */
    APPROVAL_REQUEST("approval", true),
    /** To the sender: an approver decides about your message (no link). */
    APPROVAL_PENDING("approvalPending", false),
    /** To the sender: the message goes out at a time unless cancelled, with the link to cancel. */
    DELAYED("delayed", true),
    /** To the sender: nobody decided in time; the message was discarded and must be sent again. */
    EXPIRED_DISCARDED("expiredDiscarded", false),
    /** To the sender: nobody decided in time; the message was delivered as it was. */
    EXPIRED_DELIVERED("expiredDelivered", false);

    private final String key;
    private final boolean carriesLink;

    NotificationKind(String key, boolean carriesLink) {
        this.key = key;
        this.carriesLink = carriesLink;
    }

    public String key() {
        return key;
    }

    /** True when the mail carries a confirmation link. */
    public boolean carriesLink() {
        return carriesLink;
    }
}
