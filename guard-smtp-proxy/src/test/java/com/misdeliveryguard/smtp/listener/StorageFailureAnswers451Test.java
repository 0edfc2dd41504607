package com.misdeliveryguard.smtp.listener;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.smtp.spool.Durability;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A 250 is a promise: when the spool cannot make the message durable, the client gets 451 and retries. */
class StorageFailureAnswers451Test {

    @Test
    void shouldAnswer451WhenFsyncFails() throws Exception {
        Durability failing = new Durability() {
            @Override
            public void force(FileChannel file) throws IOException {
                throw new IOException("simulated EIO on fsync");
            }

            @Override
            public void forceDirectory(Path directory) {
            }
        };
        try (ListenerFixture guard = new ListenerFixture(s -> { }, failing);
                RawSmtpClient client = guard.ehlo()) {
            assertThat(client.send("alice@example.com", "bob@example.org", "Subject: x\r\n\r\nx")).startsWith("451 4.3.0");
            assertThat(guard.accepted).isEmpty();
            assertThat(guard.storedCount()).isZero();
            assertThat(client.command("NOOP")).startsWith("250");
        }
    }
}
