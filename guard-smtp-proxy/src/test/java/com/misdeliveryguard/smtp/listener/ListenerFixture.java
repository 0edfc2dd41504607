package com.misdeliveryguard.smtp.listener;

import com.misdeliveryguard.smtp.spool.Durability;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.spool.SpooledMessage;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real listener on a free port over a real spool in a temporary directory. Accepted messages
 * are recorded and moved to {@code outgoing/} (nothing is delivered): the tests here are about
 * what the listener accepts, refuses and stores.
 */
final class ListenerFixture implements AutoCloseable {

    final Spool spool;
    final SmtpListener listener;
    final List<SpooledMessage> accepted = new CopyOnWriteArrayList<>();
    private final Path dir;

    ListenerFixture(Consumer<ListenerSettings.Builder> customizer) {
        this(customizer, Durability.FSYNC);
    }

    ListenerFixture(Consumer<ListenerSettings.Builder> customizer, Durability durability) {
        try {
            this.dir = Files.createTempDirectory("guard-listener-test");
            this.spool = Spool.open(dir.resolve("spool"), Clock.systemUTC(), durability);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ListenerSettings.Builder settings = ListenerSettings.builder().port(0).hostName("guard.test");
        customizer.accept(settings);
        this.listener = new SmtpListener(settings.build(), spool, message -> {
            accepted.add(message);
            try {
                spool.move(message.id(), QueueState.INCOMING, QueueState.OUTGOING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new MessageIntake.Queued(message.id());
        }, Clock.systemUTC());
        listener.start();
    }

    RawSmtpClient connect() throws IOException {
        RawSmtpClient client = new RawSmtpClient(listener.port());
        RawSmtpClient.expect(client.greeting(), "220");
        return client;
    }

    /** Connected and greeted with EHLO. */
    RawSmtpClient ehlo() throws IOException {
        RawSmtpClient client = connect();
        RawSmtpClient.expect(client.command("EHLO client.test"), "250");
        return client;
    }

    byte[] stored(SpooledMessage message) throws IOException {
        try (InputStream in = spool.openContent(QueueState.OUTGOING, message.id())) {
            return in.readAllBytes();
        }
    }

    long storedCount() {
        long n = 0;
        for (QueueState state : QueueState.values()) {
            n += spool.count(state);
        }
        return n;
    }

    static SSLContext testTls() {
        try (InputStream in = ListenerFixture.class.getResourceAsStream("/tls/guard-test.p12")) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, "changeit".toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, "changeit".toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
