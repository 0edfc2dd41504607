package com.misdeliveryguard.smtp.delivery;

import com.misdeliveryguard.smtp.delivery.RecipientResult.Outcome;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressSucceededException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Turns what Jakarta Mail reports after {@code sendMessage} (with {@code mail.smtp.sendpartial} and
 * {@code mail.smtp.reportsuccess}) into one {@link RecipientResult} per recipient.
 *
 * <p>What Angus throws, and what it means here:
 * <ul>
 *   <li>{@link SMTPSendFailedException} for command {@code "."} with a 2xx code: DATA was accepted;
 *       the chain holds an {@link SMTPAddressSucceededException} per accepted recipient (relayed, with
 *       the reply to the final dot) and an {@link SMTPAddressFailedException} per refused one (its RCPT
 *       reply);</li>
 *   <li>{@link SMTPSendFailedException} for {@code "DATA"} or {@code "."} with another code: the
 *       message was not taken; recipients accepted at RCPT get that reply and its class;</li>
 *   <li>{@link SMTPSendFailedException} for {@code MAIL FROM}: every recipient gets that reply;</li>
 *   <li>{@code SendFailedException("Invalid Addresses")}: every recipient was refused at RCPT;</li>
 *   <li>anything else (I/O, timeout, TLS, AUTH): every recipient fails temporarily, described by
 *       {@link LocalFailure}.</li>
 * </ul>
 * Recipients are matched by the identity of the {@link InternetAddress} objects passed in, so two
 * recipients that differ only in case stay apart.
 */
final class SendOutcomes {

    private SendOutcomes() {
    }

    /** sendMessage returned normally: every recipient was relayed. */
    static DeliveryReport allRelayed(OutboundMessage message, SmtpReply dataReply) {
        return uniform(message, Outcome.RELAYED, dataReply.text());
    }

    static DeliveryReport uniform(OutboundMessage message, Outcome outcome, String reply) {
        List<RecipientResult> results = new ArrayList<>();
        message.recipients().forEach(r -> results.add(new RecipientResult(r, outcome, reply)));
        return new DeliveryReport(results);
    }

    static DeliveryReport fromException(OutboundMessage message, InternetAddress[] addresses, MessagingException failure,
            String hostAndPort) {
        SmtpReply transactionReply = transactionReply(failure, hostAndPort);
        Map<Address, RecipientResult> byAddress = new IdentityHashMap<>();
        Map<Address, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < addresses.length; i++) {
            index.put(addresses[i], i);
        }
        Set<Exception> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Exception e = failure; e != null && seen.add(e); e = next(e)) {
            if (e instanceof SMTPAddressSucceededException ok && index.containsKey(ok.getAddress())) {
                SmtpReply reply = transactionReply != null ? transactionReply : SmtpReply.of(ok.getReturnCode(), ok.getMessage());
                byAddress.put(ok.getAddress(), result(message, index.get(ok.getAddress()), reply));
            } else if (e instanceof SMTPAddressFailedException refused && index.containsKey(refused.getAddress())) {
                SmtpReply reply = SmtpReply.of(refused.getReturnCode(), refused.getMessage());
                byAddress.put(refused.getAddress(), result(message, index.get(refused.getAddress()), replyOrLocal(reply, refused, hostAndPort)));
            }
        }
        List<RecipientResult> results = new ArrayList<>();
        for (int i = 0; i < addresses.length; i++) {
            RecipientResult known = byAddress.get(addresses[i]);
            if (known != null) {
                results.add(known);
            } else if (transactionReply != null) {
                results.add(result(message, i, transactionReply));
            } else {
                results.add(new RecipientResult(message.recipients().get(i), Outcome.TEMPORARY_FAILURE,
                        LocalFailure.describe(failure, hostAndPort)));
            }
        }
        return new DeliveryReport(results);
    }

    /** The reply that decides the whole transaction (MAIL FROM, DATA, end of data), or null. */
    private static SmtpReply transactionReply(MessagingException failure, String hostAndPort) {
        if (!(failure instanceof SMTPSendFailedException sent) || sent.getCommand() == null) {
            return null;
        }
        String command = sent.getCommand();
        if (command.equals(".") || command.equals("DATA") || command.startsWith("MAIL FROM")) {
            SmtpReply reply = SmtpReply.of(sent.getReturnCode(), sent.getMessage());
            return reply.isReply() ? reply
                    : new SmtpReply(451, "451 4.4.2 upstream " + hostAndPort + " gave no valid reply to "
                            + (command.equals(".") ? "the end of data" : command.split(" ")[0]) + ": " + reply.text());
        }
        return null;
    }

    private static SmtpReply replyOrLocal(SmtpReply reply, Exception e, String hostAndPort) {
        return reply.isReply() ? reply : new SmtpReply(451, LocalFailure.describe(e, hostAndPort));
    }

    private static RecipientResult result(OutboundMessage message, int i, SmtpReply reply) {
        return new RecipientResult(message.recipients().get(i), reply.outcome(), reply.text());
    }

    private static Exception next(Exception e) {
        return e instanceof MessagingException m ? m.getNextException() : null;
    }
}
