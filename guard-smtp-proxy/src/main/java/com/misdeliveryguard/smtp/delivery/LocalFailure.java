package com.misdeliveryguard.smtp.delivery;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * Describes a failure that has no upstream reply of its own (refused connection, timeout, TLS or AUTH
 * failure, unreadable spool file) as an SMTP-style reply, e.g.
 * {@code 421 4.4.1 upstream smtp.example.com:587 unreachable: Connection refused}. Every such failure is
 * temporary: the message stays queued and is retried.
 */
final class LocalFailure {

    private LocalFailure() {
    }

    /** The upstream offered no AUTH although credentials are configured; never send unauthenticated. */
    static final class AuthNotOffered extends MessagingException {

        private static final long serialVersionUID = 1L;

        AuthNotOffered() {
            super("the host offers no AUTH although credentials are configured");
        }
    }

    static String describe(Throwable failure, String hostAndPort) {
        String upstream = "upstream " + hostAndPort;
        Throwable cause;
        if ((cause = find(failure, StreamedMessage.ContentReadException.class)) != null
                || (cause = find(failure, StreamedMessage.EndOfDataWithheld.class)) != null) {
            return "451 4.3.0 local error: " + text(cause);
        }
        if ((cause = find(failure, AuthNotOffered.class)) != null) {
            return "421 4.7.0 " + upstream + " authentication impossible: " + text(cause);
        }
        if ((cause = find(failure, AuthenticationFailedException.class)) != null) {
            return "421 4.7.0 " + upstream + " authentication failed: " + text(cause);
        }
        if ((cause = find(failure, UnknownHostException.class)) != null) {
            return "421 4.4.1 " + upstream + " unreachable: unknown host " + text(cause);
        }
        if ((cause = find(failure, SocketTimeoutException.class)) != null) {
            return "421 4.4.2 " + upstream + " timed out: " + text(cause);
        }
        if ((cause = find(failure, ConnectException.class)) != null
                || (cause = find(failure, NoRouteToHostException.class)) != null) {
            return "421 4.4.1 " + upstream + " unreachable: " + text(cause);
        }
        if ((cause = find(failure, SSLException.class)) != null
                || (cause = find(failure, GeneralSecurityException.class)) != null || mentionsTls(failure)) {
            return "421 4.7.0 " + upstream + " TLS failure: " + text(cause == null ? failure : cause);
        }
        if ((cause = find(failure, IOException.class)) != null) {
            return "421 4.4.2 " + upstream + " connection failed: " + text(cause);
        }
        return "421 4.4.0 " + upstream + " failed: " + text(failure);
    }

    private static boolean mentionsTls(Throwable failure) {
        String message = failure.getMessage();
        return message != null && (message.contains("STARTTLS") || message.contains("TLS"));
    }

    private static String text(Throwable t) {
        String message = t.getMessage();
        String text = message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
        return SmtpReply.printable(text.length() > 200 ? text.substring(0, 200) : text);
    }

    /** Searches causes and Jakarta Mail's next-exception chain. */
    private static <T extends Throwable> Throwable find(Throwable failure, Class<T> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable t = failure;
        while (t != null && seen.add(t)) {
            if (type.isInstance(t)) {
                return t;
            }
            Throwable next = t.getCause();
            if (next == null && t instanceof MessagingException m) {
                next = m.getNextException();
            }
            t = next;
        }
        return null;
    }
}
