package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.GuardApplication;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.testing.Intake;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application with the <em>real</em> rule engine (issue 11): the SMTP listener, spool, queue,
 * web server and H2, an {@link SmtpSink} as upstream, and a small directory in which
 * {@code aoba-shoji.com} is a look-alike of {@code aoba-shoji.co.jp} (田中 一郎
 * {@code tanaka.ichiro@aoba-shoji.co.jp}). One Spring context shared by every subclass. Submissions come
 * from {@link ConfirmTestBase#SENDER} over loopback (trusted, no AUTH); console users {@code admin} and
 * {@code auditor} have the password {@link ConfirmTestBase#PASSWORD}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = GuardApplication.class)
abstract class RealRulesTestBase {

    static final String SENDER = ConfirmTestBase.SENDER;
    static final String ICHIRO = "tanaka.ichiro@aoba-shoji.co.jp";
    static final String ICHIRO_LOOKALIKE = "tanaka.ichiro@aoba-shoji.com";
    static final String SUZUKI = "suzuki@midori-bank.co.jp";
    static final String KONDO = "kondo@hikari-denki.co.jp";
    static final String COLLEAGUE = "kato@example.co.jp";
    static final String PUBLIC_URL = ConfirmTestBase.PUBLIC_URL;
    static final SmtpSink upstream = sink();
    static final Path data = tempDir();

    @Autowired
    SmtpListener listener;

    @Autowired
    Spool spool;

    @Autowired
    HoldQueries holds;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int webPort;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        settings(data, upstream).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:real-rules;DB_CLOSE_DELAY=-1");
    }

    /** Every setting but the database: shared with tests that start the application themselves. */
    static Map<String, String> settings(Path dataDir, SmtpSink sink) throws IOException {
        Path directory = dataDir.resolve("directory.csv");
        Files.writeString(directory, String.join("\n",
                "email,name,name_kana,organization,department",
                ICHIRO + ",田中 一郎,たなか いちろう,株式会社あおば商事,営業部",
                "sato@aoba-shoji.co.jp,佐藤 一郎,さとう いちろう,株式会社あおば商事,営業部",
                SUZUKI + ",鈴木 花子,すずき はなこ,みどり銀行,法人営業部",
                KONDO + ",近藤 修,こんどう おさむ,株式会社ひかり電機,資材部",
                SENDER + ",田中 太郎,たなか たろう,エグザンプル株式会社,営業部",
                COLLEAGUE + ",加藤 次郎,かとう じろう,エグザンプル株式会社,経理部") + "\n", StandardCharsets.UTF_8);
        String hash = new BCryptPasswordEncoder(4).encode(ConfirmTestBase.PASSWORD);
        Map<String, String> s = new java.util.LinkedHashMap<>();
        s.put("guard.data-dir", dataDir.toString());
        s.put("guard.public-url", PUBLIC_URL);
        s.put("guard.internal-domains[0]", "example.co.jp");
        s.put("guard.directory.import[0]", directory.toString());
        s.put("guard.smtp.port", "0");
        s.put("guard.upstream.host", "127.0.0.1");
        s.put("guard.upstream.port", Integer.toString(sink.port()));
        s.put("guard.confirm.tick-interval", "1s");
        s.put("guard.confirm.time-zone", "Asia/Tokyo");
        s.put("guard.audit.users[0].name", "admin");
        s.put("guard.audit.users[0].password-hash", hash);
        s.put("guard.audit.users[0].roles[0]", "ADMIN");
        return s;
    }

    static SmtpSink sink() {
        try {
            return SmtpSink.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("guard-real-rules");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message from the sender, without attachment, with this first line of text. */
    static Submission message(String subject, String body) {
        return new Submission(subject).attachment(null).body(body + "\r\n\r\nよろしくお願いいたします。\r\n");
    }

    /** Submits over SMTP; returns the queue id once the message's intake records are committed. */
    String submit(Submission m) throws IOException {
        return Intake.settled(spool, m.send(listener.port(), false));
    }

    /** Waits for the notice about a held message and returns it. */
    Mailbox.Notice awaitNotice(String subjectPart) {
        return awaitNotice(upstream, subjectPart);
    }

    static Mailbox.Notice awaitNotice(SmtpSink sink, String subjectPart) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Mailbox.of(sink).to(SENDER).stream()
                .filter(n -> n.subject().contains(subjectPart)).reduce((a, b) -> b), Optional::isPresent).orElseThrow();
    }

    HeldMessage hold(String queueId) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> holds.find(queueId), Optional::isPresent)
                .orElseThrow();
    }

    /** The upstream transactions of a submitted message (by its Message-ID). */
    static List<SmtpSink.Transaction> deliveriesOf(SmtpSink sink, Submission m) {
        List<SmtpSink.Transaction> out = new ArrayList<>();
        for (SmtpSink.Transaction t : sink.transactions()) {
            if (t.dataAsString().contains(m.messageIdHeader())) {
                out.add(t);
            }
        }
        return out;
    }

    List<SmtpSink.Transaction> deliveriesOf(Submission m) {
        return deliveriesOf(upstream, m);
    }

    String base() {
        return "http://127.0.0.1:" + webPort;
    }

    String local(String link) {
        return link.replace(PUBLIC_URL, base());
    }

    ConfirmClient client() {
        return new ConfirmClient(base());
    }

    /** The details JSON of the decision-log entries of a type for a message, oldest first. */
    List<String> logDetails(String queueId, String type) {
        return jdbc.queryForList("SELECT details FROM audit_entry WHERE queue_id = ? AND event_type = ? ORDER BY seq",
                String.class, queueId, type);
    }
}
