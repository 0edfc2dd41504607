package com.misdeliveryguard.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.app.GuardProcess;
import com.misdeliveryguard.app.confirm.ConfirmClient;
import com.misdeliveryguard.app.confirm.Submission;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Issue 13, as an operator runs it: two packaged guard JVMs on one PostgreSQL schema. A message is
 * held by instance A; A is killed (SIGKILL) and its data directory deleted — the machine is lost for
 * good; the sender confirms through instance B, which delivers the message once. The decision log,
 * asked through B's API, verifies.
 */
class HoldSurvivesTheLossOfItsInstanceIT {

    private static final String AUDITOR_PASSWORD = "cluster auditor password";

    @Test
    void aHoldIsReleasedThroughAnotherInstanceAfterItsInstanceAndDataDirectoryAreLost() throws Exception {
        try (SharedSchema db = SharedSchema.create("guard_lost"); SmtpSink upstream = SmtpSink.start()) {
            db.createNow();
            Path logs = Files.createTempDirectory("guard-lost-logs");
            Path dataA = Files.createTempDirectory("guard-lost-a");
            Path dataB = Files.createTempDirectory("guard-lost-b");
            // both JVMs start at once (the directory is imported by A only: concurrent imports are another test's)
            GuardProcess a = GuardProcess.launch(dataA, logs, GuardProcess.freePort(), List.of("-Xmx256m"),
                    arguments(dataA, db, upstream, true));
            try (GuardProcess b = GuardProcess.launch(dataB, logs, GuardProcess.freePort(), List.of("-Xmx256m"),
                    arguments(dataB, db, upstream, false))) {
                a.awaitListener(Duration.ofSeconds(180));
                b.awaitListener(Duration.ofSeconds(180));

                Submission m = Instances.held("Aが失われても確認できる");
                m.send(a.smtpPort, false);
                String link = Instances.notice(upstream, m.subject());

                a.kill();
                deleteTree(dataA);

                String onB = link.replace(Instances.PUBLIC_URL, "http://127.0.0.1:" + b.webPort);
                ConfirmClient sender = new ConfirmClient("http://127.0.0.1:" + b.webPort);
                HttpResponse<String> sent = sender.post(onB, Instances.send(
                        sender.csrf(onB)));
                assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> Instances.deliveriesOf(upstream, m).size() == 1);
                Thread.sleep(1500);
                assertThat(Instances.deliveriesOf(upstream, m)).hasSize(1);
                assertThat(verify(b)).contains("\"intact\":true");
            } finally {
                a.close();
            }
        }
    }

    private static List<String> arguments(Path data, SharedSchema db, SmtpSink upstream, boolean importDirectory)
            throws Exception {
        Map<String, String> settings = Instances.settings(data, db, upstream, importDirectory);
        settings.put("guard.audit.users[0].name", "auditor");
        settings.put("guard.audit.users[0].password-hash", new BCryptPasswordEncoder(4).encode(AUDITOR_PASSWORD));
        settings.put("guard.audit.users[0].roles[0]", "AUDITOR");
        return new ArrayList<>(Instances.arguments(settings));
    }

    private static String verify(GuardProcess guard) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("auditor:" + AUDITOR_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guard.webPort
                + "/api/v1/audit/verify")).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
