package com.misdeliveryguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.app.confirm.ConfirmClient;
import com.misdeliveryguard.app.confirm.Mailbox;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A held message's bytes go into the database and back out streamed, never whole (issue 13, ADR
 * 0012): a 100 MB message to a look-alike address is held by a guard run with the production JVM
 * flags (jvm.options: 256 MB of heap; embedded H2, the default), its sender confirms it, and it
 * arrives byte-identical after the trace header. Its peak resident size is not asserted: 332–355 MB
 * in five runs (README "Memory"), over the 350 MB that the relayed 100 MB message stays under.
 */
class HundredMegabyteHeldMessageIT {

    private static final String LOOKALIKE = "tanaka.ichiro@aoba-shoji.com";

    @Test
    void aHundredMegabyteMessageIsHeldInTheDatabaseAndReleasedWithA256MegabyteHeap(@TempDir Path data)
            throws Exception {
        Path directory = data.resolve("directory.csv");
        Files.writeString(directory, "email,name,organization\ntanaka.ichiro@aoba-shoji.co.jp,田中 一郎,株式会社あおば商事\n",
                StandardCharsets.UTF_8);
        try (SmtpSink sink = SmtpSink.start()) {
            int port = GuardProcess.freePort();
            try (GuardProcess guard = GuardProcess.start(data, port, GuardProcess.productionJvm(),
                    List.of("--guard.upstream.host=127.0.0.1", "--guard.upstream.port=" + sink.port(),
                            "--guard.smtp.max-message-size=120MB", "--guard.public-url=http://confirm.test",
                            "--guard.internal-domains[0]=example.co.jp", "--guard.confirm.tick-interval=1s",
                            "--guard.directory.import[0]=" + directory))) {
                String sent = HundredMegabyteMessageIT.send(port, "tanaka@example.co.jp", LOOKALIKE, "big held");
                String link = Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> Mailbox.of(sink)
                        .to("tanaka@example.co.jp").stream().findFirst().flatMap(Mailbox.Notice::link),
                        Optional::isPresent).orElseThrow();
                String local = link.replace("http://confirm.test", "http://127.0.0.1:" + guard.webPort);
                ConfirmClient sender = new ConfirmClient("http://127.0.0.1:" + guard.webPort);
                HttpResponse<String> confirmed = sender.post(local, Map.of("_csrf", List.of(sender.csrf(local)),
                        "action", List.of("send"), "pick:" + LOOKALIKE, List.of("send")));
                assertThat(confirmed.statusCode()).as(() -> tail(guard)).isEqualTo(302);

                Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> delivered(sink).isPresent());
                SmtpSink.Transaction t = delivered(sink).orElseThrow();
                assertThat(t.dataReply()).startsWith("250");
                assertThat(HundredMegabyteMessageIT.sha256AfterTraceHeader(t.file())).isEqualTo(sent);
                assertThat(guard.output()).doesNotContain("OutOfMemoryError");
            }
        }
    }

    private static String tail(GuardProcess guard) {
        try {
            String log = guard.output();
            return log.substring(Math.max(0, log.length() - 6000));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static Optional<SmtpSink.Transaction> delivered(SmtpSink sink) {
        return sink.transactions().stream().filter(t -> !t.mailFrom().equals("<>")).findFirst();
    }
}
