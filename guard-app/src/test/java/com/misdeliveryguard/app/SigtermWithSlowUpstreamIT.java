package com.misdeliveryguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.faults.Delivered;
import com.misdeliveryguard.app.faults.SendingClients;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM during a slow upstream delivers nothing twice (issue 20, fault 2). The upstream takes 8 s
 * to answer the final dot; 6 messages are accepted and the guard gets SIGTERM 3 s later, while
 * deliveries are waiting for the upstream. A graceful stop lets them finish (drain) and records every
 * upstream result with writes an interrupt cannot abort; after the restart each message has reached
 * the upstream exactly once.
 *
 * <p>Without the shutdown drain and the uninterruptible journal this test found 2 duplicates (the
 * bug of the issue).
 */
class SigtermWithSlowUpstreamIT {

    @Test
    void everyMessageIsDeliveredExactlyOnceAfterSigtermAndRestart(@TempDir Path data) throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            sink.delayDataReply(Duration.ofSeconds(8));
            int port = GuardProcess.freePort();
            List<String> args = List.of("--guard.upstream.host=127.0.0.1", "--guard.upstream.port=" + sink.port(),
                    "--guard.policy.mode=shadow", "--guard.delivery.workers=4",
                    "--guard.delivery.minimal-backoff=1s", "--guard.delivery.queue-run-interval=200ms");
            List<String> marks = new ArrayList<>();
            try (GuardProcess guard = GuardProcess.start(data, port, List.of("-Xmx256m"), args)) {
                try (RawSmtpClient smtp = new RawSmtpClient(port)) {
                    smtp.greeting();
                    smtp.command("EHLO sigterm.test");
                    for (int i = 0; i < 6; i++) {
                        SendingClients.Mail mail = SendingClients.mail("term-" + i, "clean", "sender@example.com",
                                "rcpt" + i + "@example.org");
                        RawSmtpClient.expect(smtp.send(mail.from(), mail.to(), mail.content()), "250");
                        marks.add(mail.mark());
                    }
                }
                Thread.sleep(3000);
                guard.terminate(Duration.ofSeconds(90));
                System.out.printf("SIGTERM test: %d delivered before the guard stopped%n", Delivered.byMark(sink).size());
            }
            sink.delayDataReply(Duration.ZERO);
            try (GuardProcess restarted = GuardProcess.start(data, port, List.of("-Xmx256m"), args)) {
                Awaitility.await("every accepted message delivered after the restart").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(300))
                        .until(() -> Delivered.byMark(sink).keySet().containsAll(marks));
                Thread.sleep(3000);
                Map<String, Long> delivered = Delivered.byMark(sink);
                System.out.printf("SIGTERM test: %d accepted, %d delivered, %d duplicates%n", marks.size(),
                        delivered.size(), Delivered.duplicates(delivered));
                assertThat(delivered).as("deliveries per message").containsOnlyKeys(marks)
                        .allSatisfy((mark, count) -> assertThat(count).as(mark).isEqualTo(1L));
            }
        }
    }
}
