package com.misdeliveryguard.smtp.delivery;

import static com.misdeliveryguard.smtp.delivery.TestMessages.addresses;
import static com.misdeliveryguard.smtp.delivery.TestMessages.message;
import static com.misdeliveryguard.smtp.delivery.TestMessages.sender;
import static com.misdeliveryguard.smtp.delivery.TestMessages.simpleMessage;
import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.delivery.RecipientResult.Outcome;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Implicit TLS toward a server whose certificate names {@code localhost} only (made with the JDK's
 * keytool; a TLS front relays to {@link SmtpSink}). The guard delivers when the certificate is trusted
 * and names the host it connected to, and defers (never sends) when either check fails.
 */
class SmtpUpstreamTlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static SSLContext serverContext;
    private static SSLSocketFactory trustingClient;

    private SmtpSink sink;
    private TlsFront front;

    @BeforeAll
    static void createCertificate() throws Exception {
        Path store = dir.resolve("localhost.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "localhost", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);

        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("localhost", keys.getCertificate("localhost"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        trustingClient = client.getSocketFactory();
    }

    @BeforeEach
    void start() throws IOException {
        sink = SmtpSink.start();
        front = new TlsFront(serverContext, sink.port());
    }

    @AfterEach
    void stop() throws IOException {
        front.close();
        sink.close();
    }

    private List<RecipientResult> deliverVia(String host, boolean trusted) {
        UpstreamSettings.Builder settings = UpstreamSettings.builder(host, front.port()).tls(UpstreamSettings.Tls.IMPLICIT)
                .timeouts(Duration.ofSeconds(5));
        if (trusted) {
            settings.sslSocketFactory(trustingClient);
        }
        return new SmtpUpstream(settings.build()).deliver(message(sender("alice@example.com"),
                addresses("bob@example.org"), simpleMessage())).results();
    }

    @Test
    void deliversOverTlsWhenTheTrustedCertificateNamesTheHost() {
        List<RecipientResult> results = deliverVia("localhost", true);

        assertThat(results).extracting(RecipientResult::outcome).containsOnly(Outcome.RELAYED);
        assertThat(sink.transactions()).hasSize(1);
    }

    @Test
    void defersWhenTheCertificateDoesNotNameTheHost() {
        List<RecipientResult> results = deliverVia("127.0.0.1", true);

        assertThat(results).extracting(RecipientResult::outcome).containsOnly(Outcome.TEMPORARY_FAILURE);
        // same trusted certificate as above, only the host name differs: the identity check is what fails
        // (the JDK reports a name mismatch of a directly trusted certificate as a PKIX path failure)
        assertThat(results.get(0).reply()).startsWith("421 4.7.0 upstream 127.0.0.1:" + front.port() + " TLS failure");
        assertThat(sink.transactions()).isEmpty();
    }

    @Test
    void defersWhenTheCertificateIsNotTrusted() {
        List<RecipientResult> results = deliverVia("localhost", false);

        assertThat(results).extracting(RecipientResult::outcome).containsOnly(Outcome.TEMPORARY_FAILURE);
        assertThat(results.get(0).reply()).startsWith("421 4.7.0 upstream localhost:" + front.port() + " TLS failure");
        assertThat(sink.transactions()).isEmpty();
    }

    /** Terminates TLS and relays each connection to a plain port. */
    private static final class TlsFront implements AutoCloseable {

        private final ServerSocket server;
        private final int target;

        TlsFront(SSLContext context, int target) throws IOException {
            this.server = context.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
            this.target = target;
            daemon(this::acceptLoop);
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptLoop() {
            try {
                while (true) {
                    Socket tls = server.accept();
                    Socket plain = new Socket(InetAddress.getLoopbackAddress(), target);
                    daemon(() -> pump(tls, plain));
                    daemon(() -> pump(plain, tls));
                }
            } catch (IOException e) {
                // closed
            }
        }

        private static void pump(Socket from, Socket to) {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed (or the handshake failed): close both
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }

        private static void daemon(Runnable task) {
            Thread t = new Thread(task, "tls-front");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
