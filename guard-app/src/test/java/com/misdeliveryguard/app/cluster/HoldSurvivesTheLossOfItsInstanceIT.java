package com.misdeliveryguard.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.app.GuardProcess;
import com.misdeliveryguard.app.confirm.Submission;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, as an operator runs it: two packaged guard JVMs on one PostgreSQL schema. A message is
 * held by instance A; A is killed (SIGKILL) and its data directory deleted — the machine is lost for
 * good; the sender confirms through instance B, which delivers the message once. The decision log,
 * asked through B's API, verifies.
 */
class HoldSurvivesTheLossOfItsInstanceIT {

    @Test
    void aHoldIsReleasedThroughAnotherInstanceAfterItsInstanceAndDataDirectoryAreLost() throws Exception {
        try (SharedSchema db = SharedSchema.create("guard_lost"); SmtpSink upstream = SmtpSink.start()) {
            db.createNow();
            Path logs = Files.createTempDirectory("guard-lost-logs");
            Path dataA = Files.createTempDirectory("guard-lost-a");
            Path dataB = Files.createTempDirectory("guard-lost-b");
            // both JVMs start at once (the directory is imported by A only: concurrent imports are another test's)
            GuardProcess a = Instances.launch(Instances.settings(dataA, db, upstream, true), logs,
                    GuardProcess.freePort());
            try (GuardProcess b = Instances.launch(Instances.settings(dataB, db, upstream, false), logs,
                    GuardProcess.freePort())) {
                a.awaitListener(Duration.ofSeconds(180));
                b.awaitListener(Duration.ofSeconds(180));

                Submission m = Instances.held("Aが失われても確認できる");
                m.send(a.smtpPort, false);
                String link = Instances.notice(upstream, m.subject());
                assertThat(dataA.resolve("spool")).as("A's spool is in the data directory that is deleted").isDirectory();

                a.kill();
                deleteTree(dataA);

                HttpResponse<String> sent = Instances.confirmThrough(b, link);
                assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> Instances.deliveriesOf(upstream, m).size() == 1);
                Thread.sleep(1500);
                assertThat(Instances.deliveriesOf(upstream, m)).hasSize(1);
                assertThat(Instances.verify(b)).contains("\"intact\":true");
            } finally {
                a.close();
            }
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
