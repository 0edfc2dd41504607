package com.misdeliveryguard.smtp.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.spool.Durability;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * While the application's {@link CommitGate} says storage cannot commit, MAIL is answered
 * {@code 451 4.3.0} (the client retries, nothing is sent for nothing); when it opens again mail is
 * accepted on the same connection. Every 451 for a failed commit is reported to the gate.
 */
class ClosedCommitGateAnswers451Test {

    static final class Gate implements CommitGate {
        final AtomicBoolean open = new AtomicBoolean(true);
        final List<Exception> failures = new CopyOnWriteArrayList<>();

        @Override
        public boolean open() {
            return open.get();
        }

        @Override
        public void commitFailed(Exception cause) {
            failures.add(cause);
        }
    }

    @Test
    void shouldAnswer451AtMailWhileTheGateIsClosedAndAcceptWhenItOpens() throws Exception {
        Gate gate = new Gate();
        try (ListenerFixture guard = new ListenerFixture(s -> s.commitGate(gate)); RawSmtpClient client = guard.ehlo()) {
            gate.open.set(false);
            assertThat(client.command("MAIL FROM:<alice@example.com>")).startsWith("451 4.3.0");
            assertThat(guard.storedCount()).isZero();

            gate.open.set(true);
            assertThat(client.send("alice@example.com", "bob@example.org", "Subject: x\r\n\r\nx")).startsWith("250");
            assertThat(guard.accepted).hasSize(1);
            assertThat(gate.failures).isEmpty();
        }
    }

    @Test
    void shouldAnswer451AtTheEndOfDataWhenTheGateClosedWhileTheDataCameIn() throws Exception {
        Gate gate = new Gate();
        try (ListenerFixture guard = new ListenerFixture(s -> s.commitGate(gate)); RawSmtpClient client = guard.ehlo()) {
            assertThat(client.command("MAIL FROM:<alice@example.com>")).startsWith("250");
            assertThat(client.command("RCPT TO:<bob@example.org>")).startsWith("250");
            assertThat(client.command("DATA")).startsWith("354");
            client.write("Subject: x\r\n\r\nx\r\n");
            gate.open.set(false);
            client.write(".\r\n");
            assertThat(client.reply()).startsWith("451 4.3.0");
            assertThat(guard.storedCount()).isZero();
            assertThat(guard.accepted).isEmpty();
            assertThat(gate.failures).as("no commit was tried, so none failed").isEmpty();

            gate.open.set(true);
            assertThat(client.send("alice@example.com", "bob@example.org", "Subject: y\r\n\r\ny")).startsWith("250");
            assertThat(guard.accepted).hasSize(1);
        }
    }

    @Test
    void shouldReportEveryFailedCommitToTheGate() throws Exception {
        Gate gate = new Gate();
        Durability failing = new Durability() {
            @Override
            public void force(FileChannel file) throws IOException {
                throw new IOException("simulated ENOSPC on fsync");
            }

            @Override
            public void forceDirectory(Path directory) {
            }
        };
        try (ListenerFixture guard = new ListenerFixture(s -> s.commitGate(gate), failing);
                RawSmtpClient client = guard.ehlo()) {
            assertThat(client.send("alice@example.com", "bob@example.org", "Subject: x\r\n\r\nx")).startsWith("451 4.3.0");
            assertThat(gate.failures).singleElement().extracting(Exception::getMessage)
                    .isEqualTo("simulated ENOSPC on fsync");
        }
    }
}
