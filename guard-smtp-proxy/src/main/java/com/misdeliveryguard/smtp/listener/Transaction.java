package com.misdeliveryguard.smtp.listener;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.subethamail.smtp.MessageHandler;

/**
 * The state of one mail transaction (MAIL … DATA). SubEthaSMTP creates one per MAIL command through
 * the {@code MessageHandlerFactory} and discards it on RSET, EHLO, STARTTLS and after DATA, which is
 * exactly the lifetime we want. The guard's own MAIL/RCPT/DATA commands fill it; SubEthaSMTP's
 * callbacks are never used and refuse to be.
 */
final class Transaction implements MessageHandler {

    private ReversePath sender;
    private boolean eightBitMime;
    private final List<MailAddress> recipients = new ArrayList<>();

    void begin(ReversePath sender, boolean eightBitMime) {
        this.sender = sender;
        this.eightBitMime = eightBitMime;
    }

    ReversePath sender() {
        return sender;
    }

    boolean eightBitMime() {
        return eightBitMime;
    }

    /** Adds a recipient; a repeated RCPT for the same address is accepted but kept once. */
    void addRecipient(MailAddress recipient) {
        if (!recipients.contains(recipient)) {
            recipients.add(recipient);
        }
    }

    List<MailAddress> recipients() {
        return List.copyOf(recipients);
    }

    @Override
    public void from(String from) {
        throw new UnsupportedOperationException("MAIL is handled by the guard's MailCommand");
    }

    @Override
    public void recipient(String recipient) {
        throw new UnsupportedOperationException("RCPT is handled by the guard's RcptCommand");
    }

    @Override
    public String data(InputStream data) {
        throw new UnsupportedOperationException("DATA is handled by the guard's DataCommand");
    }

    @Override
    public void done() {
        recipients.clear();
    }
}
