package com.misdeliveryguard.app.faults;

import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Several SMTP clients sending through the guard until stopped, each message marked with a unique
 * {@code X-Test-Mark} header. Every reply to the end of data is remembered with its time; a message
 * is <em>acknowledged</em> when it got a 250. Connection failures (refused, reset, the guard killed)
 * are remembered as replies starting with {@code "io:"}: nothing was promised for them.
 */
public final class SendingClients implements AutoCloseable {

    /** One message to send; {@code kind} is the test's own label (e.g. clean, held); {@code cc} may be empty. */
    public record Mail(String mark, String kind, String from, String to, List<String> cc, String content) {

        public Mail {
            cc = List.copyOf(cc);
        }

        /** The envelope recipients: the To address, then the Cc addresses. */
        public List<String> recipients() {
            return Stream.concat(Stream.of(to), cc.stream()).toList();
        }
    }

    /** Makes the {@code n}-th message of a client. */
    @FunctionalInterface
    public interface Maker {
        Mail make(int client, int n);
    }

    /** The reply to one message: when MAIL was sent ({@code sent}) and when the reply came ({@code at}). */
    public record Reply(Mail mail, String reply, Instant sent, Instant at) {

        /** The whole transaction, from MAIL to the reply, lies between {@code from} and {@code until}. */
        public boolean within(Instant from, Instant until) {
            return sent.isAfter(from) && at.isBefore(until);
        }

        public boolean acknowledged() {
            return reply.startsWith("250");
        }

        public boolean temporaryFailure() {
            return reply.startsWith("4") || reply.startsWith("io:");
        }
    }

    private final int port;
    private final Maker maker;
    private final ExecutorService threads;
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final List<Reply> replies = new CopyOnWriteArrayList<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sequence;

    private SendingClients(int port, int clients, Maker maker, AtomicInteger sequence) {
        this.port = port;
        this.maker = maker;
        this.sequence = sequence;
        this.threads = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.execute(() -> sendUntilStopped(client));
        }
    }

    /**
     * Starts {@code clients} threads sending to {@code port}. Marks are unique across every
     * {@code SendingClients} that share {@code sequence}.
     */
    public static SendingClients start(int port, int clients, AtomicInteger sequence, Maker maker) {
        return new SendingClients(port, clients, maker, sequence);
    }

    /** A plain message with the mark in its subject and in the {@code X-Test-Mark} header. */
    public static Mail mail(String mark, String kind, String from, String to) {
        return mail(mark, kind, from, to, List.of());
    }

    /** The same, to several recipients: {@code to}, and {@code cc} in a Cc header and the envelope. */
    public static Mail mail(String mark, String kind, String from, String to, List<String> cc) {
        String ccHeader = cc.isEmpty() ? "" : "Cc: " + cc.stream().map(a -> "<" + a + ">")
                .collect(Collectors.joining(", ")) + "\r\n";
        return new Mail(mark, kind, from, to, cc, "From: <" + from + ">\r\nTo: <" + to + ">\r\n" + ccHeader
                + "Subject: fault test " + mark + "\r\nX-Test-Mark: " + mark + "\r\n\r\n"
                + "This is a test message.\r\n".repeat(40));
    }

    private void sendUntilStopped(int client) {
        while (sending.get()) {
            try (RawSmtpClient smtp = new RawSmtpClient(port)) {
                String greeting = smtp.greeting();
                if (!greeting.startsWith("220")) {
                    pause(200);
                    continue;
                }
                RawSmtpClient.expect(smtp.command("EHLO fault.test"), "250");
                while (sending.get()) {
                    Mail mail = maker.make(client, sequence.incrementAndGet());
                    Instant sent = Instant.now();
                    String reply = send(smtp, mail);
                    replies.add(new Reply(mail, reply, sent, Instant.now()));
                    if (reply.startsWith("250")) {
                        acknowledged.add(mail.mark());
                    } else if (reply.isEmpty() || reply.startsWith("421")) {
                        break;
                    } else if (reply.startsWith("4")) {
                        pause(100);
                    }
                }
            } catch (Exception | AssertionError e) {
                pause(200);
            }
        }
    }

    /** MAIL, RCPT, DATA, the content; returns the first reply that is not a step forward. */
    private static String send(RawSmtpClient smtp, Mail mail) throws java.io.IOException {
        String reply = smtp.command("MAIL FROM:<" + mail.from() + ">");
        if (!reply.startsWith("250")) {
            return failed(smtp, reply);
        }
        for (String recipient : mail.recipients()) {
            reply = smtp.command("RCPT TO:<" + recipient + ">");
            if (!reply.startsWith("250")) {
                return failed(smtp, reply);
            }
        }
        reply = smtp.command("DATA");
        if (!reply.startsWith("354")) {
            return failed(smtp, reply);
        }
        smtp.write(mail.content());
        smtp.write("\r\n.\r\n");
        String end = smtp.reply();
        return end.isEmpty() ? "io: closed after data" : end;
    }

    private static String failed(RawSmtpClient smtp, String reply) throws java.io.IOException {
        if (!reply.isEmpty() && !reply.startsWith("421")) {
            smtp.command("RSET");
        }
        return reply.isEmpty() ? "io: closed" : reply;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<Reply> replies() {
        return List.copyOf(replies);
    }

    public Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Stops sending and waits for the clients to finish their current message. */
    public void stop() throws InterruptedException {
        sending.set(false);
        threads.shutdown();
        if (!threads.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("clients did not stop");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (sending.get()) {
            stop();
        }
    }
}
