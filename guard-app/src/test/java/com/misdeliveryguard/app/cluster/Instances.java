package com.misdeliveryguard.app.cluster;

import static org.awaitility.Awaitility.await;

import com.misdeliveryguard.app.GuardProcess;
import com.misdeliveryguard.app.confirm.ConfirmClient;
import com.misdeliveryguard.app.confirm.Mailbox;
import com.misdeliveryguard.app.confirm.Submission;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * What the guard instances of a multi-instance test share: one database schema, one upstream, one
 * public URL (a load balancer's), one checkpoint key; and the directory, imported by the first
 * instance only (instances importing at the same moment are issue 13's other part).
 */
final class Instances {

    static final String PUBLIC_URL = "http://confirm.test";
    static final String SENDER = "tanaka@example.co.jp";
    /** A look-alike of the directory's {@code aoba-shoji.co.jp}: the real rules hold mail to it. */
    static final String LOOKALIKE = "tanaka.ichiro@aoba-shoji.com";
    private static final String CHECKPOINT_KEY = "cluster-test-checkpoint-key-0123456789abcdef";
    private static final String AUDITOR_PASSWORD = "cluster auditor password";

    private Instances() {
    }

    /** The settings of one instance with its own data directory; {@code importDirectory} for the first one. */
    static Map<String, String> settings(Path data, SharedSchema db, SmtpSink upstream, boolean importDirectory)
            throws IOException {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("guard.data-dir", data.toString());
        s.put("guard.public-url", PUBLIC_URL);
        s.put("guard.host-name", "guard.example.co.jp");
        s.put("guard.internal-domains[0]", "example.co.jp");
        s.put("guard.upstream.host", "127.0.0.1");
        s.put("guard.upstream.port", Integer.toString(upstream.port()));
        s.put("guard.confirm.tick-interval", "1s");
        s.put("guard.confirm.time-zone", "Asia/Tokyo");
        s.put("guard.audit.checkpoint-key", CHECKPOINT_KEY);
        s.putAll(db.settings());
        if (importDirectory) {
            Files.createDirectories(data);
            Path directory = data.resolve("directory.csv");
            Files.writeString(directory, String.join("\n", "email,name,name_kana,organization,department",
                    "tanaka.ichiro@aoba-shoji.co.jp,田中 一郎,たなか いちろう,株式会社あおば商事,営業部",
                    SENDER + ",田中 太郎,たなか たろう,エグザンプル株式会社,営業部") + "\n", StandardCharsets.UTF_8);
            s.put("guard.directory.import[0]", directory.toString());
        }
        return s;
    }

    /** A mail from the sender to the look-alike address: the real rules hold it. */
    static Submission held(String subject) {
        return new Submission(subject).attachment(null).body("株式会社あおば商事\r\n田中様\r\n\r\nよろしくお願いいたします。\r\n")
                .to("田中 一郎", LOOKALIKE);
    }

    /** The confirmation link of the notice about a message (made with the shared public URL). */
    static String notice(SmtpSink upstream, String subject) {
        return notice(upstream, SENDER, subject);
    }

    /** The confirmation link of the notice to {@code sender} about a message. */
    static String notice(SmtpSink upstream, String sender, String subject) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.of(upstream).to(sender).stream()
                .filter(n -> n.subject().equals("【送信保留】" + subject)).findFirst().flatMap(Mailbox.Notice::link),
                Optional::isPresent).orElseThrow();
    }

    /** Sends a held message to the look-alike address by posting its confirmation page on {@code guard}. */
    static HttpResponse<String> confirmThrough(GuardProcess guard, String link) throws Exception {
        String base = "http://127.0.0.1:" + guard.webPort;
        String local = link.replace(PUBLIC_URL, base);
        ConfirmClient sender = new ConfirmClient(base);
        return sender.post(local, send(sender.csrf(local)));
    }

    /** The form of a Send of the confirmation page to the look-alike address. */
    static Map<String, List<String>> send(String csrf) {
        return Map.of("_csrf", List.of(csrf), "action", List.of("send"), "pick:" + LOOKALIKE, List.of("send"));
    }

    /** The upstream transactions that delivered a submitted message (the guard's own notices left out). */
    static List<SmtpSink.Transaction> deliveriesOf(SmtpSink upstream, Submission m) {
        return upstream.transactions().stream().filter(t -> !t.mailFrom().equals("<>"))
                .filter(t -> t.dataAsString().contains(m.messageIdHeader())).toList();
    }

    /**
     * Starts the packaged jar (-Xmx256m) with these settings, its data directory taken from them and an
     * auditor added, and returns at once ({@link GuardProcess#awaitListener}); its log goes to {@code logs}.
     */
    static GuardProcess launch(Map<String, String> settings, Path logs, int smtpPort) throws Exception {
        Map<String, String> s = new LinkedHashMap<>(settings);
        // the jar gets its data directory once: a property given twice on the command line is joined with a comma
        Path data = Path.of(s.remove("guard.data-dir"));
        s.put("guard.audit.users[0].name", "auditor");
        s.put("guard.audit.users[0].password-hash", new BCryptPasswordEncoder(4).encode(AUDITOR_PASSWORD));
        s.put("guard.audit.users[0].roles[0]", "AUDITOR");
        return GuardProcess.launch(data, logs, smtpPort, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), arguments(s));
    }

    /** What the decision log's verifier answers through an instance's API (JSON; intact or not). */
    static String verify(GuardProcess guard) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("auditor:" + AUDITOR_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + guard.webPort
                + "/api/v1/audit/verify")).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Settings as command-line arguments (they win over application.yml). */
    static List<String> arguments(Map<String, String> settings) {
        return settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
    }
}
