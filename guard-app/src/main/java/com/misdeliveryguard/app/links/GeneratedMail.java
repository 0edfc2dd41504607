package com.misdeliveryguard.app.links;

import com.misdeliveryguard.core.mail.MailAddress;
import java.io.IOException;

/** Queues a mail the guard wrote (never checked, null sender): the delivery queue's {@code sendGenerated}. */
@FunctionalInterface
interface GeneratedMail {

    void send(byte[] message, MailAddress to) throws IOException;
}
