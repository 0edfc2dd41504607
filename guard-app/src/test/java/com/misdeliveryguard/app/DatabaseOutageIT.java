package com.misdeliveryguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.faults.Delivered;
import com.misdeliveryguard.app.faults.SendingClients;
import com.misdeliveryguard.app.faults.SendingClients.Reply;
import com.misdeliveryguard.app.faults.TcpProxy;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database goes away for a while (issue 20): the packaged guard runs against the test PostgreSQL
 * (a fresh schema) through a TCP proxy that the test cuts — every connection reset, new ones refused
 * — while clients keep sending. Once the guard has noticed (readiness DOWN) every transaction begun
 * gets a 4xx, with {@code 451 4.3.0} among them; when the proxy is restored the guard serves again by itself: readiness
 * UP, new mail accepted and delivered, and every message that got a 250 is delivered exactly once.
 * Runs when {@code GUARD_TEST_POSTGRES_URL} is set (CI sets it).
 */
class DatabaseOutageIT {

    @Test
    void answers451WhileTheDatabaseIsUnreachableAndRecoversWhenItIsBack(@TempDir Path data) throws Exception {
        String url = System.getenv("GUARD_TEST_POSTGRES_URL");
        Assumptions.assumeTrue(url != null && !url.isBlank(), "SKIPPED: GUARD_TEST_POSTGRES_URL is not set");
        URI server = URI.create(url.substring("jdbc:".length()));
        String schema = "guard_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(url, "CREATE SCHEMA " + schema);
        try (TcpProxy proxy = TcpProxy.to(server.getHost(), server.getPort()); SmtpSink sink = SmtpSink.start()) {
            String query = server.getRawQuery() == null ? "" : server.getRawQuery() + "&";
            String guardUrl = "jdbc:postgresql://127.0.0.1:" + proxy.port() + server.getRawPath() + "?" + query
                    + "currentSchema=" + schema;
            int port = GuardProcess.freePort();
            List<String> args = List.of("--spring.datasource.url=" + guardUrl, "--spring.datasource.username=postgres",
                    "--spring.datasource.password=", "--spring.datasource.hikari.connection-timeout=2000",
                    "--guard.upstream.host=127.0.0.1", "--guard.upstream.port=" + sink.port(),
                    "--guard.policy.mode=shadow", "--guard.health.probe-interval=300ms",
                    "--guard.delivery.minimal-backoff=1s", "--guard.delivery.queue-run-interval=200ms");
            AtomicInteger sequence = new AtomicInteger();
            try (GuardProcess guard = GuardProcess.start(data, port, List.of("-Xmx256m"), args);
                    SendingClients clients = SendingClients.start(port, 3, sequence, (client, n) -> SendingClients.mail(
                            "db-" + n, "clean", "sender" + client + "@example.com", "rcpt" + client + "@example.org"))) {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> clients.acknowledged().size() >= 10);

                proxy.cut();
                Awaitility.await("readiness DOWN while the database is unreachable").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200)).until(() -> !guard.readiness().up());
                Instant downFrom = Instant.now();
                Thread.sleep(4000);
                // a transaction that began before the guard noticed may still wait out the pool's connection
                // timeout (its check's lookups, then its records): the database stays away until the clients have
                // begun and finished enough new ones, however long the ones in flight took
                Awaitility.await("clients kept sending while the database was away").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(200)).until(() -> clients.replies().stream()
                                .filter(r -> r.sent().isAfter(downFrom)).count() > 5);
                Instant downUntil = Instant.now();
                assertThat(guard.readiness().body()).contains("\"storage\":{\"status\":\"DOWN\"");
                proxy.restore();

                List<Reply> whileDown = clients.replies().stream()
                        .filter(r -> r.within(downFrom, downUntil)).toList();
                assertThat(whileDown).as("clients kept sending while the database was away").hasSizeGreaterThan(5);
                assertThat(whileDown).as("replies while the database was away").allMatch(Reply::temporaryFailure)
                        .anyMatch(r -> r.reply().startsWith("451 4.3.0"));

                Awaitility.await("readiness UP when the database is back").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(300)).until(() -> guard.readiness().up());
                Instant back = Instant.now();
                Awaitility.await("new mail accepted again").atMost(Duration.ofSeconds(30))
                        .until(() -> clients.replies().stream().filter(r -> r.at().isAfter(back))
                                .filter(Reply::acknowledged).count() >= 10);
                clients.stop();
                Set<String> acknowledged = clients.acknowledged();
                Awaitility.await("everything acknowledged is delivered").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> Delivered.byMark(sink).keySet().containsAll(acknowledged));
                Map<String, Long> delivered = Delivered.byMark(sink);
                System.out.printf("database-outage test: %d acknowledged, %d replies while down (%d with 451), "
                        + "%d delivered, %d duplicates%n", acknowledged.size(), whileDown.size(),
                        whileDown.stream().filter(r -> r.reply().startsWith("451")).count(), delivered.size(),
                        Delivered.duplicates(delivered));
                assertThat(Delivered.duplicates(delivered)).as("duplicates").isZero();
            }
        } finally {
            execute(url, "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
