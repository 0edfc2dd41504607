package com.misdeliveryguard.directory.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.directory.importer.ImportProblem;
import com.misdeliveryguard.directory.importer.ImportReport;
import com.misdeliveryguard.directory.store.DirectoryCounts;
import com.misdeliveryguard.directory.store.WriteCounts;
import com.misdeliveryguard.directory.testing.Contacts;
import com.misdeliveryguard.directory.testing.DirectoryFixture;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Syncs from UnboundID's in-memory LDAP server, loaded with {@code ldap/corp.ldif}, on a free loopback port. */
class LdapSyncTest {

    private static final String BASE = "dc=misdeli,dc=example,dc=jp";
    private static final String ADMIN = "cn=Directory Manager";
    private static final String PASSWORD = "test-only-password";

    private final DirectoryFixture fixture = new DirectoryFixture();
    private InMemoryDirectoryServer server;

    @BeforeEach
    void startServer() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.addAdditionalBindCredentials(ADMIN, PASSWORD);
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0,
                null));
        server = new InMemoryDirectoryServer(config);
        server.importFromLDIF(true, getClass().getResource("/ldap/corp.ldif").getPath());
        server.startListening();
    }

    @AfterEach
    void stop() {
        server.shutDown(true);
        fixture.close();
    }

    private LdapSource source(int port) {
        return LdapSource.builder("corp", "127.0.0.1", port, BASE).bind(ADMIN, PASSWORD).pageSize(2)
                .timeout(Duration.ofSeconds(2)).build();
    }

    private ImportReport sync() {
        return new LdapSync(fixture.importer, source(server.getListenPort())).run();
    }

    @Test
    void importsEveryEntryWithAnAddressReadingPageByPage() {
        ImportReport report = sync();

        assertThat(report.imported()).isTrue();
        assertThat(report.counts().added()).isEqualTo(4);
        Contact yamada = fixture.contact("yamada@misdeli.example.jp");
        assertThat(yamada.name().orElseThrow().display()).isEqualTo("山田 花子");
        assertThat(yamada.organization().orElseThrow().name().display()).isEqualTo("ミスデリ株式会社");
        assertThat(yamada.department()).contains("情報システム部");
        assertThat(yamada.internal()).isTrue();
        assertThat(yamada.source().value()).isEqualTo("ldap:corp");
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("ldap://127.0.0.1:" + server.getListenPort() + "/" + BASE
                    + " uid=broken,ou=people," + BASE);
            assertThat(problem.reason()).startsWith("invalid e-mail address 'broken at misdeli.example.jp'");
        });
    }

    @Test
    void readsActiveDirectoryAttributes() {
        sync();

        Contact hayashi = fixture.contact("hayashi@misdeli.example.jp");
        assertThat(hayashi.address()).isEqualTo(MailAddress.of("Daisuke.Hayashi@misdeli.example.jp"));
        assertThat(hayashi.name().orElseThrow().display()).isEqualTo("林 大輔");
        assertThat(hayashi.reading().orElseThrow().display()).isEqualTo("はやし だいすけ");
        assertThat(hayashi.department()).contains("経営企画部");
        assertThat(hayashi.aliases()).containsExactly(MailAddress.of("hayashi@misdeli.example.jp"));
    }

    @Test
    void aResyncChangesNothingWhenTheServerDidNotChange() {
        sync();

        assertThat(sync().counts()).isEqualTo(new WriteCounts(0, 0, 4, 0));
    }

    @Test
    void aResyncUpdatesChangedEntriesAndRemovesOnlyContactsOfThisSourceThatAreGone() throws Exception {
        sync();
        try (var writer = fixture.store.openWriter()) {
            writer.put(Contacts.entry("partner@aoba-shoji.co.jp").name("取引 先").source("partners.csv").build());
            writer.commit();
        }
        server.delete("uid=inoue,ou=people," + BASE);
        server.modify("uid=kimura,ou=people," + BASE, new Modification(ModificationType.REPLACE, "ou", "海外営業部"));

        ImportReport report = sync();

        assertThat(report.counts()).isEqualTo(new WriteCounts(0, 1, 2, 1));
        fixture.directory.invalidateAll();
        assertThat(fixture.directory.contactByAddress(MailAddress.of("inoue@misdeli.example.jp"))).isEmpty();
        assertThat(fixture.contact("kimura@misdeli.example.jp").department()).contains("海外営業部");
        assertThat(fixture.contact("partner@aoba-shoji.co.jp")).isNotNull();
    }

    @Test
    void aServerThatIsDownGivesAClearReportAndLeavesTheDirectoryIntact() throws Exception {
        sync();
        DirectoryCounts before = fixture.store.counts();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        ImportReport report = new LdapSync(fixture.importer, source(closedPort)).run();

        assertThat(report.imported()).isFalse();
        assertThat(report.failure()).hasValueSatisfying(failure ->
                assertThat(failure).startsWith("LDAP server ldap://127.0.0.1:" + closedPort + "/" + BASE + " failed"));
        assertThat(fixture.store.counts()).isEqualTo(before);
    }

    @Test
    void aWrongPasswordFailsWithoutRemovingAnything() {
        sync();
        LdapSource wrong = LdapSource.builder("corp", "127.0.0.1", server.getListenPort(), BASE)
                .bind(ADMIN, "wrong").build();

        ImportReport report = new LdapSync(fixture.importer, wrong).run();

        assertThat(report.failure()).hasValueSatisfying(failure -> assertThat(failure).contains("invalid credentials"));
        assertThat(fixture.store.counts().contacts()).isEqualTo(4);
    }

    @Test
    void aSearchThatFindsNobodyDoesNotEmptyTheDirectory() {
        sync();
        LdapSource empty = LdapSource.builder("corp", "127.0.0.1", server.getListenPort(), BASE)
                .bind(ADMIN, PASSWORD).filter("(mail=nobody@*)").build();

        ImportReport report = new LdapSync(fixture.importer, empty).run();

        assertThat(report.imported()).isFalse();
        assertThat(report.problems()).extracting(ImportProblem::reason)
                .anySatisfy(reason -> assertThat(reason).contains("refusing to remove every contact"));
        assertThat(fixture.store.counts().contacts()).isEqualTo(4);
    }
}
