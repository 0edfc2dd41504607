package com.misdeliveryguard.smtp.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * SubEthaSMTP's timeout is per read, so a client trickling a byte at a time holds a session forever.
 * The guard adds a deadline per command line, a deadline for DATA, and a cap on sessions per client.
 */
class SlowClientsAreCutTest {

    @Test
    void shouldCloseASessionThatTricklesACommand() throws Exception {
        try (ListenerFixture guard = new ListenerFixture(s -> s.commandDeadline(Duration.ofMillis(800)));
                RawSmtpClient client = guard.ehlo()) {
            long start = System.nanoTime();
            boolean closed = false;
            for (char c : "NOOP NOOP NOOP NOOP NOOP".toCharArray()) {
                try {
                    client.write(String.valueOf(c));
                } catch (java.io.IOException e) {
                    closed = true;
                    break;
                }
                if (client.closedByServer(200)) {
                    closed = true;
                    break;
                }
            }
            assertThat(closed).as("closed before the whole trickle was sent").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        }
    }

    @Test
    void shouldCloseADataPhaseThatOutlivesItsDeadline() throws Exception {
        try (ListenerFixture guard = new ListenerFixture(s -> s.dataLimits(Duration.ofMillis(500), 1));
                RawSmtpClient client = guard.ehlo()) {
            RawSmtpClient.expect(client.command("MAIL FROM:<alice@example.com>"), "250");
            RawSmtpClient.expect(client.command("RCPT TO:<bob@example.org>"), "250");
            RawSmtpClient.expect(client.command("DATA"), "354");
            client.write("Subject: slow\r\n");
            Thread.sleep(700);
            client.write("more\r\n");
            assertThat(client.reply()).startsWith("421 4.4.2");
            assertThat(client.closedByServer(2000)).isTrue();
            assertThat(guard.storedCount()).isZero();
        }
    }

    @Test
    void shouldCapSessionsPerClient() throws Exception {
        try (ListenerFixture guard = new ListenerFixture(s -> s.maxConnections(10, 2));
                RawSmtpClient first = guard.connect();
                RawSmtpClient second = guard.connect();
                RawSmtpClient third = new RawSmtpClient(guard.listener.port())) {
            assertThat(third.greeting()).startsWith("421 4.7.0");
            assertThat(first.command("NOOP")).startsWith("250");
            second.command("QUIT");
            second.close();
            Thread.sleep(200);
            try (RawSmtpClient fourth = guard.connect()) {
                assertThat(fourth.command("NOOP")).startsWith("250");
            }
        }
    }
}
