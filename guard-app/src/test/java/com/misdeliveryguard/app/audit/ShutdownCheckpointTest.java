package com.misdeliveryguard.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.GuardApplication;
import com.misdeliveryguard.core.audit.ChainBreak;
import com.misdeliveryguard.core.audit.Checkpoint;
import com.misdeliveryguard.core.audit.Verification;
import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * RELIABILITY promise 10, issue 20: no unprotected tail. A clean shutdown signs a checkpoint of the
 * head, so cutting off the last entries afterwards (and rewinding the head to match) is reported
 * by the verifier after the restart, and the restart does not sign the shortened chain over the
 * evidence.
 */
class ShutdownCheckpointTest {

    @TempDir
    Path data;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(GuardApplication.class).run("--guard.data-dir=" + data,
                "--guard.smtp.port=0", "--server.port=0", "--guard.internal-domains=example.co.jp",
                "--guard.audit.checkpoint-interval=1h");
    }

    private String jdbcUrl() {
        return "jdbc:h2:file:" + data.resolve("db").resolve("guard");
    }

    @Test
    void shouldReportATailCutOffAfterACleanShutdown() throws Exception {
        long head;
        try (ConfigurableApplicationContext guard = start()) {
            int port = guard.getBean(SmtpListener.class).port();
            for (int i = 0; i < 3; i++) {
                try (RawSmtpClient client = new RawSmtpClient(port)) {
                    client.greeting();
                    client.command("EHLO checkpoint.test");
                    RawSmtpClient.expect(client.send("yamada.taro@example.co.jp", "tanaka@aoba-shoji.co.jp",
                            "From: yamada.taro@example.co.jp\r\nSubject: tail " + i + "\r\n\r\nbody"), "250");
                }
            }
            JdbcDecisionLog log = guard.getBean(JdbcDecisionLog.class);
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> log.jdbc().queryForObject(
                    "SELECT COUNT(*) FROM audit_entry WHERE event_type = 'delivered'", Integer.class) == 3);
            head = log.head().lastSeq();
        }
        Checkpoint signed = Checkpoint.fromExportLine(Files.readString(data.resolve("audit/checkpoint.json")).strip());
        assertThat(signed.seq()).as("signed at shutdown").isEqualTo(head);

        long keep = head - 3;
        try (Connection db = DriverManager.getConnection(jdbcUrl(), "sa", "");
                Statement s = db.createStatement()) {
            s.executeUpdate("DELETE FROM audit_term WHERE seq > " + keep);
            s.executeUpdate("DELETE FROM audit_entry WHERE seq > " + keep);
            try (ResultSet rs = s.executeQuery("SELECT hash FROM audit_entry WHERE seq = " + keep);
                    PreparedStatement rewind = db.prepareStatement(
                            "UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1")) {
                rs.next();
                rewind.setLong(1, keep);
                rewind.setString(2, rs.getString(1));
                rewind.executeUpdate();
            }
        }

        try (ConfigurableApplicationContext guard = start()) {
            Verification v = guard.getBean(ChainCheck.class).verify();
            // the restart may append entries of its own after the cut: they cannot be the signed ones
            assertThat(v.firstBreak()).as(v.summary()).get().satisfies(b -> {
                assertThat(b.problem()).isIn(ChainBreak.Problem.TRUNCATED, ChainBreak.Problem.REWRITTEN);
                assertThat(b.seq()).isBetween(keep + 1, head);
            });
        }
        assertThat(Checkpoint.fromExportLine(Files.readString(data.resolve("audit/checkpoint.json")).strip()).seq())
                .as("the restart did not sign the shortened chain").isEqualTo(head);
    }
}
