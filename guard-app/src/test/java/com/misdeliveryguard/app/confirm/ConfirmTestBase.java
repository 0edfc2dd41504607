package com.misdeliveryguard.app.confirm;

import com.misdeliveryguard.app.GuardApplication;
import com.misdeliveryguard.app.storage.CommitFaults;
import com.misdeliveryguard.app.storage.SyncFaults;
import com.misdeliveryguard.smtp.spool.Durability;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.LearnedRecipients;
import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.guard.Finding;
import com.misdeliveryguard.core.guard.Guard;
import com.misdeliveryguard.core.guard.ResolvedRecipient;
import com.misdeliveryguard.core.guard.Severity;
import com.misdeliveryguard.core.guard.Verdict;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.rules.RuleEngine;
import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.spool.QueueState;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.core.testing.MutableClock;
import com.misdeliveryguard.smtp.testing.Intake;
import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The whole application for the confirmation tests (one Spring context shared by every subclass):
 * the real SMTP listener, spool, queue and web server; an {@link SmtpSink} as upstream; H2; a
 * {@link MutableClock} the tests move; a directory of a few contacts; and a guard that
 *
 * <ul>
 *   <li>holds mail to the lookalike domain {@code aoba-shoj1.co.jp} (finding {@code lookalike-domain} on that
 *       recipient, evidence {@code knownDomain=aoba-shoji.co.jp});</li>
 *   <li>holds mail whose subject contains {@code [approve]} with a message-wide {@code keyword} finding,
 *       for which {@code kacho@example.co.jp} is the configured approver;</li>
 *   <li>gives {@code DELAY} for subjects containing {@code [delay]} (finding {@code external-attachment});</li>
 *   <li>gives {@code REJECT} for subjects containing {@code [reject]} (finding {@code keyword}).</li>
 * </ul>
 * The SMTP user {@code tanaka} (password {@value #PASSWORD}) owns {@code tanaka@example.co.jp}; the console
 * users {@code admin} (ADMIN) and {@code auditor} (AUDITOR) have the same password.
 * Links are built from {@code guard.public-url=http://confirm.test}; tests point them at the real port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {GuardApplication.class, ConfirmTestBase.TestBeans.class})
abstract class ConfirmTestBase {

    static final String PASSWORD = "s3cret sender password";
    static final String PUBLIC_URL = "http://confirm.test";
    static final String SENDER = "tanaka@example.co.jp";
    static final String LOOKALIKE = "sato@aoba-shoj1.co.jp";
    static final String PARTNER = "suzuki@midori-bank.co.jp";
    static final String COLLEAGUE = "kato@example.co.jp";
    static final String APPROVER = "kacho@example.co.jp";
    static final SmtpSink upstream = sink();
    static final Path data = tempDir();
    static final MutableClock clock = new MutableClock(Instant.now());
    /** Off unless a test turns it on (and off again): makes every database commit fail. */
    static final CommitFaults faults = new CommitFaults();
    /** Off unless a test turns it on (and off again): makes every fsync of the spool fail. */
    static final SyncFaults syncFaults = new SyncFaults();

    @Autowired
    SmtpListener listener;

    @Autowired
    Spool spool;

    @Autowired
    HoldQueries holds;

    @Autowired
    HoldScheduler scheduler;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int webPort;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        Path directory = data.resolve("directory.csv");
        Files.writeString(directory, String.join("\n",
                "email,name,name_kana,organization,department",
                "sato@aoba-shoji.co.jp,佐藤 一郎,さとう いちろう,株式会社あおば商事,営業部",
                "suzuki@midori-bank.co.jp,鈴木 花子,すずき はなこ,みどり銀行,法人営業部",
                "tanaka@example.co.jp,田中 太郎,たなか たろう,エグザンプル株式会社,営業部",
                "kato@example.co.jp,加藤 次郎,かとう じろう,エグザンプル株式会社,経理部",
                "kacho@example.co.jp,山本 課長,やまもと,エグザンプル株式会社,営業部") + "\n", StandardCharsets.UTF_8);
        String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        registry.add("guard.data-dir", data::toString);
        registry.add("guard.public-url", () -> PUBLIC_URL);
        registry.add("guard.internal-domains[0]", () -> "example.co.jp");
        registry.add("guard.directory.import[0]", directory::toString);
        registry.add("guard.smtp.port", () -> 0);
        registry.add("guard.smtp.auth.allow-plain-on-loopback", () -> true);
        registry.add("guard.smtp.auth.users[0].name", () -> "tanaka");
        registry.add("guard.smtp.auth.users[0].password-hash", () -> hash);
        registry.add("guard.smtp.auth.users[0].addresses[0]", () -> SENDER);
        registry.add("guard.upstream.host", () -> "127.0.0.1");
        registry.add("guard.upstream.port", upstream::port);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:confirm-app;DB_CLOSE_DELAY=-1");
        registry.add("guard.confirm.tick-interval", () -> "1h");
        registry.add("guard.confirm.time-zone", () -> "Asia/Tokyo");
        registry.add("guard.confirm.approvers.keyword[0]", () -> APPROVER);
        registry.add("guard.confirm.delay-minutes.external-attachment", () -> 10);
        registry.add("guard.audit.time-zone", () -> "Asia/Tokyo");
        registry.add("guard.audit.users[0].name", () -> "admin");
        registry.add("guard.audit.users[0].password-hash", () -> hash);
        registry.add("guard.audit.users[0].roles[0]", () -> "ADMIN");
        registry.add("guard.audit.users[1].name", () -> "auditor");
        registry.add("guard.audit.users[1].password-hash", () -> hash);
        registry.add("guard.audit.users[1].roles[0]", () -> "AUDITOR");
    }

    private static SmtpSink sink() {
        try {
            return SmtpSink.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("guard-confirm-app");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message as a client submits it, built from headers and body; {@link #bytes()} is what goes over DATA. */
    static Submission message(String subject) {
        return new Submission(subject);
    }

    /**
     * Submits over SMTP (as the authenticated user tanaka when {@code authenticate}); returns the queue id once the
     * message's intake records are committed.
     */
    String submit(Submission m, boolean authenticate) throws IOException {
        return Intake.settled(spool, m.send(listener.port(), authenticate));
    }

    /** Waits until the message is recorded as a hold and its notification reached the upstream; returns it. */
    Mailbox.Notice awaitNotice(String to, String subjectPart) {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> Mailbox.of(upstream).to(to).stream()
                .filter(n -> n.subject().contains(subjectPart)).reduce((a, b) -> b), Optional::isPresent).orElseThrow();
    }

    HeldMessage hold(String queueId) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> holds.find(queueId), Optional::isPresent)
                .orElseThrow();
    }

    /** The upstream transactions that delivered the held message (by its Message-ID). */
    List<SmtpSink.Transaction> deliveriesOf(Submission m) {
        List<SmtpSink.Transaction> out = new ArrayList<>();
        for (SmtpSink.Transaction t : upstream.transactions()) {
            if (t.dataAsString().contains(m.messageIdHeader())) {
                out.add(t);
            }
        }
        return out;
    }

    /** Whether the message is held: its bytes are kept in the database (ADR 0012), never in a local hold/. */
    boolean inHoldQueue(String queueId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM hold_message WHERE queue_id = ?", Integer.class, queueId) == 1;
    }

    /** The event types the decision log holds for a message, in order. */
    List<String> logOf(String queueId) {
        return jdbc.queryForList("SELECT event_type FROM audit_entry WHERE queue_id = ? ORDER BY seq", String.class,
                queueId);
    }

    /** The details JSON of the last entry of a type for a message. */
    String logDetails(String queueId, String type) {
        return jdbc.queryForList("SELECT details FROM audit_entry WHERE queue_id = ? AND event_type = ? ORDER BY seq DESC",
                String.class, queueId, type).get(0);
    }

    String base() {
        return "http://127.0.0.1:" + webPort;
    }

    /** The link of a notice, pointed at this test server. */
    String local(String link) {
        return link.replace(PUBLIC_URL, base());
    }

    ConfirmClient client() {
        return new ConfirmClient(base());
    }

    /**
     * The test's beans: the fake clock and the guard described in the class comment. A
     * {@code @TestConfiguration}, so that component scanning does not carry it into other tests' contexts.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class TestBeans {

        @Bean
        static CommitFaults commitFaults() {
            return faults;
        }

        @Bean
        @Primary
        Durability switchableDurability() {
            return syncFaults;
        }

        @Bean
        @Primary
        Clock testClock() {
            return clock;
        }

        /**
         * The findings below are made up, but every recipient is resolved by the real rule engine over the
         * test directory: the verdict's recipients are what the page and the notification show.
         */
        @Bean
        @Primary
        Guard testGuard(ContactDirectory directory, LearnedRecipients learned) {
            RuleEngine resolver = RuleEngine.builder(directory).learnedRecipients(learned).recordThreads(false).build();
            return (envelope, facts) -> {
                List<ResolvedRecipient> resolved = resolver.check(envelope, facts).recipients();
                if (facts.subject().contains("[reject]")) {
                    return new Verdict(Action.REJECT, List.of(new Finding("keyword", Severity.CRITICAL,
                            Optional.empty(), "送信禁止の語が含まれています。", "A forbidden word.", Map.of())),
                            Action.REJECT, resolved);
                }
                if (facts.subject().contains("[delay]")) {
                    return new Verdict(Action.DELAY, List.of(new Finding("external-attachment", Severity.LOW,
                            Optional.empty(), "社外に添付ファイルを送ります。", "An attachment goes outside.", Map.of())),
                            Action.DELAY, resolved);
                }
                List<Finding> findings = new ArrayList<>();
                for (MailAddress r : envelope.recipients()) {
                    if (r.domain().equals("aoba-shoj1.co.jp")) {
                        findings.add(new Finding("lookalike-domain", Severity.CRITICAL, Optional.of(r),
                                "宛先のドメインが既知のドメインに似ています。",
                                "The recipient's domain looks like a known domain.",
                                Map.of("knownDomain", "aoba-shoji.co.jp", "distance", "1")));
                    }
                }
                if (facts.subject().contains("[approve]")) {
                    findings.add(new Finding("keyword", Severity.MEDIUM, Optional.empty(),
                            "件名に「社外秘」が含まれています。", "The subject contains a confidential keyword.", Map.of()));
                }
                return findings.isEmpty() ? new Verdict(Action.DELIVER, findings, Action.DELIVER, resolved)
                        : new Verdict(Action.HOLD, findings, Action.HOLD, resolved);
            };
        }
    }
}
