package com.misdeliveryguard.app.console;

import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.misdeliveryguard.app.GuardApplication;
import com.misdeliveryguard.app.audit.MessageQueries;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.smtp.listener.SmtpListener;
import com.misdeliveryguard.smtp.spool.Spool;
import com.misdeliveryguard.smtp.testing.Intake;
import com.misdeliveryguard.smtp.testing.RawSmtpClient;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application for the console tests of issue 12 (one Spring context for every subclass):
 * the real SMTP listener, spool, queue, rules and web server; GreenMail as upstream; H2; a directory
 * of named contacts at two partner organizations; and the company directory as UnboundID's in-memory
 * LDAP server ({@code ldap/console-people.ldif}) for sign-in — {@code yamada} is in the admin group,
 * {@code inoue} in the auditor group (by {@code member}), {@code sasaki} in the auditor group by
 * {@code memberOf} (Active Directory style), {@code kimura} in none. Configured users stay too:
 * console {@code admin}/{@code auditor} and SMTP user {@code tanaka}, password {@value #PASSWORD}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = GuardApplication.class)
abstract class ConsoleTestBase {

    static final String PASSWORD = "configured user password";
    static final String TANAKA = "tanaka@example.co.jp";
    static final String KIMURA = "kimura@example.co.jp";
    static final String SATO = "sato@aoba-shoji.co.jp";
    static final String SUZUKI = "suzuki@midori-bank.co.jp";
    static final String STRANGER_AT_AOBA = "nobody@aoba-shoji.co.jp";
    static final GreenMail upstream = greenMail();
    static final InMemoryDirectoryServer ldap = ldap();
    static final Path data = tempDir();
    private static final AtomicLong SEQUENCE = new AtomicLong();

    @Autowired
    SmtpListener listener;

    @Autowired
    Spool spool;

    @Autowired
    MessageQueries messages;

    @Autowired
    HoldQueries holds;

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
                "takeda@aoba-shoji.co.jp,武田 三郎,たけだ さぶろう,株式会社あおば商事,購買部",
                "suzuki@midori-bank.co.jp,鈴木 花子,すずき はなこ,みどり銀行,法人営業部",
                "tanaka@example.co.jp,田中 太郎,たなか たろう,エグザンプル株式会社,営業部",
                "kimura@example.co.jp,木村 健太,きむら けんた,エグザンプル株式会社,経理部") + "\n",
                StandardCharsets.UTF_8);
        String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        registry.add("guard.data-dir", data::toString);
        registry.add("guard.internal-domains[0]", () -> "example.co.jp");
        registry.add("guard.directory.import[0]", directory::toString);
        registry.add("guard.smtp.port", () -> 0);
        registry.add("guard.smtp.auth.allow-plain-on-loopback", () -> true);
        registry.add("guard.smtp.auth.users[0].name", () -> "tanaka");
        registry.add("guard.smtp.auth.users[0].password-hash", () -> hash);
        registry.add("guard.smtp.auth.users[0].addresses[0]", () -> TANAKA);
        registry.add("guard.upstream.host", () -> "127.0.0.1");
        registry.add("guard.upstream.port", () -> upstream.getSmtp().getPort());
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:console-app;DB_CLOSE_DELAY=-1");
        registry.add("guard.audit.time-zone", () -> "Asia/Tokyo");
        registry.add("guard.confirm.time-zone", () -> "Asia/Tokyo");
        registry.add("guard.audit.users[0].name", () -> "admin");
        registry.add("guard.audit.users[0].password-hash", () -> hash);
        registry.add("guard.audit.users[0].roles[0]", () -> "ADMIN");
        registry.add("guard.audit.users[1].name", () -> "auditor");
        registry.add("guard.audit.users[1].password-hash", () -> hash);
        registry.add("guard.audit.users[1].roles[0]", () -> "AUDITOR");
        registry.add("guard.security.ldap.url", () -> "ldap://127.0.0.1:" + ldap.getListenPort());
        registry.add("guard.security.ldap.base-dn", () -> "ou=people,dc=example,dc=co,dc=jp");
        registry.add("guard.security.ldap.auditor-group", () -> "cn=guard-auditors,ou=groups,dc=example,dc=co,dc=jp");
        registry.add("guard.security.ldap.admin-group", () -> "cn=guard-admins,ou=groups,dc=example,dc=co,dc=jp");
        registry.add("guard.security.ldap.client-group", () -> "cn=guard-clients,ou=groups,dc=example,dc=co,dc=jp");
    }

    private static GreenMail greenMail() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return greenMail;
    }

    private static InMemoryDirectoryServer ldap() {
        try {
            InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=co,dc=jp");
            config.setSchema(null);
            config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(),
                    0, null));
            InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
            server.importFromLDIF(true, Path.of(ConsoleTestBase.class.getResource("/ldap/console-people.ldif").toURI())
                    .toString());
            server.startListening();
            return server;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the in-memory LDAP server", e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("guard-console-app");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Submits a message over a real socket, after {@code AUTH PLAIN} as {@code user} when given;
     * returns the queue id. {@code to} are the To header and envelope recipients.
     */
    String send(Optional<String[]> user, String from, String subject, String... to) throws IOException {
        try (RawSmtpClient client = new RawSmtpClient(listener.port())) {
            client.greeting();
            client.command("EHLO console.test");
            if (user.isPresent()) {
                String plain = Base64.getEncoder().encodeToString(("\0" + user.get()[0] + "\0" + user.get()[1])
                        .getBytes(StandardCharsets.UTF_8));
                RawSmtpClient.expect(client.command("AUTH PLAIN " + plain), "235");
            }
            RawSmtpClient.expect(client.command("MAIL FROM:<" + from + ">"), "250");
            for (String r : to) {
                RawSmtpClient.expect(client.command("RCPT TO:<" + r + ">"), "250");
            }
            RawSmtpClient.expect(client.command("DATA"), "354");
            String encoded = "=?UTF-8?B?" + Base64.getEncoder().encodeToString(subject.getBytes(StandardCharsets.UTF_8))
                    + "?=";
            client.write("From: " + from + "\r\nTo: " + String.join(", ", to) + "\r\nSubject: " + encoded
                    + "\r\nMessage-ID: <console-" + SEQUENCE.incrementAndGet() + "." + System.nanoTime()
                    + "@console.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
                    + "いつもお世話になっております。\r\n.\r\n");
            String reply = RawSmtpClient.expect(client.reply(), "250");
            return Intake.settled(spool, reply.substring(reply.lastIndexOf(' ') + 1).strip());
        }
    }

    /** Submits as the configured SMTP user tanaka. */
    String sendAsTanaka(String subject, String... to) throws IOException {
        return send(Optional.of(new String[] {"tanaka", PASSWORD}), TANAKA, subject, to);
    }

    /** Waits until the message is recorded as a hold. */
    HeldMessage awaitHold(String queueId) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> holds.find(queueId), Optional::isPresent)
                .orElseThrow();
    }

    /** The event types of a message's entries, in order. */
    List<String> eventsOf(String queueId) {
        return jdbc.queryForList("SELECT event_type FROM audit_entry WHERE queue_id = ? ORDER BY seq", String.class,
                queueId);
    }

    String base() {
        return "http://127.0.0.1:" + webPort;
    }

    /** The subjects in one GreenMail mailbox (what the upstream delivered to that envelope recipient). */
    static List<String> inbox(String address) throws Exception {
        GreenMailUser user = upstream.getUserManager().getUserByEmail(address);
        if (user == null) {
            return List.of();
        }
        List<String> subjects = new ArrayList<>();
        for (StoredMessage m : upstream.getManagers().getImapHostManager().getInbox(user).getMessages()) {
            subjects.add(m.getMimeMessage().getSubject());
        }
        return subjects;
    }
}
