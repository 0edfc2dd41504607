package com.misdeliveryguard.app.links;

import com.misdeliveryguard.core.mail.MailAddress;
import java.io.IOException;

/**
 * Queues a mail the guard wrote (never checked, no DSN when it fails): the delivery queue's
 * {@code sendGenerated}, with {@code postmaster@<host-name>} as envelope sender since receipts and
 * incident reports are not delivery notifications.
 */
@FunctionalInterface
interface GeneratedMail {

    void send(byte[] message, MailAddress to) throws IOException;
}
