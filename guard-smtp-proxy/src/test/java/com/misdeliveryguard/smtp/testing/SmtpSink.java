package com.misdeliveryguard.smtp.testing;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SMTP server for fault-injection tests, in the spirit of Postfix's {@code smtp-sink}: listens
 * on an ephemeral loopback port, records every transaction that reaches the end of DATA, and answers
 * as scripted (the script may change while it runs).
 *
 * <ul>
 *   <li>EHLO advertises PIPELINING, 8BITMIME and SIZE ({@link #extensions} replaces them); no AUTH, no STARTTLS;</li>
 *   <li>the MAIL FROM path, its parameters and each RCPT argument are recorded exactly as received;</li>
 *   <li>DATA ends only at CRLF.CRLF, is dot-unstuffed and kept verbatim with its length and SHA-256, in
 *       memory up to 4 MB and in a temp file beyond (deleted by {@link #close()});</li>
 *   <li>{@link Behaviour} makes new connections refused (closed at once), stalled (no greeting, ever)
 *       or dropped after the data has been read, before the reply, or held open without reading after the
 *       354 until the sink closes.</li>
 * </ul>
 * Thread-safe; one daemon thread per connection.
 */
public final class SmtpSink implements AutoCloseable {

    /** What happens to new connections. */
    public enum Behaviour { ACCEPT, REFUSE, STALL, DISCONNECT_AFTER_DATA, STOP_READING_AT_DATA }

    /**
     * One transaction that reached the end of DATA. {@code mailFrom} is the path as received ({@code <>}
     * too), {@code mailParameters} what followed it; {@code recipients} and {@code rejected} are the RCPT
     * arguments the sink accepted and refused; {@code dataReply} is empty when the sink disconnected.
     */
    public record Transaction(String mailFrom, String mailParameters, List<String> recipients, List<String> rejected,
            long size, String sha256, String dataReply, byte[] inMemory, Path file) {

        /** The received bytes (read from the temp file for large messages). */
        public byte[] data() {
            try {
                return inMemory != null ? inMemory.clone() : Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String dataAsString() {
            return new String(data(), StandardCharsets.ISO_8859_1);
        }
    }

    private static final int MEMORY_LIMIT = 4 * 1024 * 1024;

    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Transaction> transactions = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger dataStarted = new AtomicInteger();
    private final Map<String, String> recipientReplies = new ConcurrentHashMap<>();
    private volatile List<String> extensions = List.of("PIPELINING", "8BITMIME", "SIZE 209715200");
    private volatile String dataReply = "250 2.0.0 Ok: queued by sink";
    private volatile Behaviour behaviour = Behaviour.ACCEPT;
    private volatile long dataReplyDelayMillis;

    private SmtpSink() throws IOException {
        daemon(this::acceptLoop, "smtp-sink-" + server.getLocalPort());
    }

    public static SmtpSink start() throws IOException {
        return new SmtpSink();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** DATA commands answered 354 so far, whether or not their data ended. */
    public int dataStarted() {
        return dataStarted.get();
    }

    public List<Transaction> transactions() {
        return List.copyOf(transactions);
    }

    /**
     * Answers RCPT for this address (no angle brackets) with e.g. {@code 550 5.1.1 no such user}; an
     * exact match wins over one that differs in case only.
     */
    public SmtpSink replyToRecipient(String address, String reply) {
        recipientReplies.put(address, reply);
        return this;
    }

    /** Answers the end of DATA with e.g. {@code 451 4.3.0 try later} (default a 250). */
    public SmtpSink replyToData(String reply) {
        dataReply = reply;
        return this;
    }

    /**
     * Waits this long between the end of DATA and the reply (a slow upstream); the transaction is
     * listed in {@link #transactions()} before the wait, the reply comes after it.
     */
    public SmtpSink delayDataReply(java.time.Duration delay) {
        dataReplyDelayMillis = delay.toMillis();
        return this;
    }

    public SmtpSink behaviour(Behaviour behaviour) {
        this.behaviour = behaviour;
        return this;
    }

    /** The EHLO keywords to advertise instead of PIPELINING, 8BITMIME, SIZE. */
    public SmtpSink extensions(String... keywords) {
        extensions = List.of(keywords);
        return this;
    }

    @Override
    public void close() throws IOException {
        closed.countDown();
        server.close();
        for (Socket s : open) {
            s.close();
        }
        for (Transaction t : transactions) {
            if (t.file() != null) {
                Files.deleteIfExists(t.file());
            }
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    private void acceptLoop() {
        try {
            while (true) {
                Socket socket = server.accept();
                connections.incrementAndGet();
                open.add(socket);
                daemon(() -> serve(socket), "smtp-sink-connection");
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            Behaviour now = behaviour;
            if (now == Behaviour.STALL) {
                in.transferTo(OutputStream.nullOutputStream());
            } else if (now != Behaviour.REFUSE) {
                session(new Input(in), out);
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(socket);
        }
    }

    private void session(Input in, OutputStream out) throws IOException {
        reply(out, "220 sink.test ESMTP smtp-sink");
        String from = null;
        String params = "";
        List<String> accepted = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        byte[] line = new byte[8192];
        for (int n; (n = in.read(line)) > 0;) {
            String command = new String(line, 0, n, StandardCharsets.ISO_8859_1).replaceAll("\r?\n$", "");
            String upper = command.toUpperCase(Locale.ROOT);
            if (upper.startsWith("EHLO")) {
                StringBuilder b = new StringBuilder("250").append(extensions.isEmpty() ? ' ' : '-').append("sink.test");
                for (int i = 0; i < extensions.size(); i++) {
                    b.append("\r\n250").append(i == extensions.size() - 1 ? ' ' : '-').append(extensions.get(i));
                }
                reply(out, b.toString());
            } else if (upper.startsWith("HELO")) {
                reply(out, "250 sink.test");
            } else if (upper.startsWith("MAIL FROM:")) {
                String arg = command.substring(10);
                int end = arg.startsWith("<") ? arg.indexOf('>') + 1 : arg.indexOf(' ');
                end = end <= 0 ? arg.length() : end;
                from = arg.substring(0, end);
                params = arg.substring(end).strip();
                accepted.clear();
                rejected.clear();
                reply(out, "250 2.1.0 Ok");
            } else if (upper.startsWith("RCPT TO:")) {
                String arg = command.substring(8);
                String answer = replyFor(arg.replaceAll("^<([^>]*)>.*$", "$1"));
                (answer.startsWith("2") ? accepted : rejected).add(arg);
                reply(out, answer);
            } else if (upper.equals("DATA") && (from == null || accepted.isEmpty())) {
                reply(out, "503 5.5.1 need MAIL and RCPT first");
            } else if (upper.equals("DATA")) {
                dataStarted.incrementAndGet();
                reply(out, "354 End data with <CR><LF>.<CR><LF>");
                if (behaviour == Behaviour.STOP_READING_AT_DATA) {
                    holdUntilClosed(); // reads nothing more: the client's writes fill the buffers and block
                    return;
                }
                Data data = receiveData(in);
                boolean drop = behaviour == Behaviour.DISCONNECT_AFTER_DATA;
                String answer = drop ? "" : dataReply;
                transactions.add(new Transaction(from, params, List.copyOf(accepted), List.copyOf(rejected),
                        data.size, HexFormat.of().formatHex(data.digest.digest()), answer,
                        data.memory == null ? null : data.memory.toByteArray(), data.file));
                if (drop) {
                    return;
                }
                pause(dataReplyDelayMillis);
                reply(out, answer);
                from = null;
            } else if (upper.equals("RSET") || upper.equals("NOOP")) {
                from = upper.equals("RSET") ? null : from;
                reply(out, "250 2.0.0 Ok");
            } else if (upper.equals("QUIT")) {
                reply(out, "221 2.0.0 Bye");
                return;
            } else {
                reply(out, "502 5.5.2 command not recognized");
            }
        }
    }

    private void holdUntilClosed() throws IOException {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void pause(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private String replyFor(String address) {
        return recipientReplies.getOrDefault(address, recipientReplies.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(address)).map(Map.Entry::getValue)
                .findFirst().orElse("250 2.1.5 Ok"));
    }

    private static Data receiveData(Input in) throws IOException {
        Data data = new Data();
        byte[] chunk = new byte[64 * 1024];
        boolean lineStart = true;
        for (int n; (n = in.read(chunk)) > 0;) {
            int offset = 0;
            if (lineStart && chunk[0] == '.') {
                if (n == 3 && chunk[1] == '\r' && chunk[2] == '\n') {
                    if (data.spill != null) {
                        data.spill.close();
                    }
                    return data;
                }
                offset = 1;
            }
            data.write(chunk, offset, n - offset);
            lineStart = chunk[n - 1] == '\n';
        }
        throw new IOException("connection closed during DATA");
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Buffered reads of one line (up to and including LF), or of as much as fits into {@code dst}. */
    private static final class Input {

        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private int pos;
        private int limit;

        Input(InputStream in) {
            this.in = in;
        }

        int read(byte[] dst) throws IOException {
            int n = 0;
            while (n < dst.length) {
                if (pos == limit) {
                    limit = Math.max(in.read(buffer), 0);
                    pos = 0;
                    if (limit == 0) {
                        return n == 0 ? -1 : n;
                    }
                }
                byte b = buffer[pos++];
                dst[n++] = b;
                if (b == '\n') {
                    break;
                }
            }
            return n;
        }
    }

    /** The message bytes: hashed, in memory up to the limit, then spilled to a temp file. */
    private static final class Data {

        private final MessageDigest digest;
        private ByteArrayOutputStream memory = new ByteArrayOutputStream();
        private OutputStream spill;
        private Path file;
        private long size;

        Data() throws IOException {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IOException(e);
            }
        }

        void write(byte[] b, int off, int len) throws IOException {
            digest.update(b, off, len);
            size += len;
            if (spill == null && memory.size() + len > MEMORY_LIMIT) {
                file = Files.createTempFile("smtp-sink-", ".eml");
                spill = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                memory.writeTo(spill);
                memory = null;
            }
            (spill != null ? spill : memory).write(b, off, len);
        }
    }
}
