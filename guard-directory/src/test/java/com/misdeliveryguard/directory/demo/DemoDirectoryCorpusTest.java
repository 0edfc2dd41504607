package com.misdeliveryguard.directory.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.corpus.Corpus;
import com.misdeliveryguard.core.corpus.CorpusRun;
import com.misdeliveryguard.core.directory.LearnedRecipient;
import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.testing.InMemoryDirectory;
import com.misdeliveryguard.core.testing.InMemoryLearnedRecipients;
import com.misdeliveryguard.directory.importer.DirectoryImporter;
import com.misdeliveryguard.directory.importer.ImportReport;
import com.misdeliveryguard.directory.learned.JdbcLearnedRecipients;
import com.misdeliveryguard.directory.lookup.CachedContactDirectory;
import com.misdeliveryguard.directory.organization.InternalDomains;
import com.misdeliveryguard.directory.store.JdbcDirectoryStore;
import com.misdeliveryguard.directory.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled demo directory ({@code demo/directory.csv}) is the sample directory of the rule corpus,
 * imports without a bad row, and the JDBC directory behind its Caffeine cache gives every corpus message
 * the same verdict as the in-memory directory the core tests use — the directory port keeps its contract.
 */
class DemoDirectoryCorpusTest {

    private static final TestDatabase DATABASE = TestDatabase.h2();
    private static CachedContactDirectory directory;
    private static JdbcLearnedRecipients learned;
    private static ImportReport report;

    @BeforeAll
    static void importTheDemoDirectory(@TempDir Path temp) throws IOException {
        InternalDomains internal = InternalDomains.of(List.of("example.co.jp"));
        JdbcDirectoryStore store = JdbcDirectoryStore.builder(DATABASE.dataSource()).internalDomains(internal).build();
        directory = CachedContactDirectory.builder(store).internalDomains(internal).build();
        Path csv = temp.resolve("directory.csv");
        Files.write(csv, resource("/demo/directory.csv"));
        report = DirectoryImporter.builder(store).afterChange(directory::invalidateAll).build().importFile(csv);
        learned = new JdbcLearnedRecipients(DATABASE.dataSource());
        learned.learn(new LearnedRecipient(MailAddress.of("yamada.taro@example.co.jp"),
                MailAddress.of("design.office@outlook.jp"), Instant.parse("2025-03-01T00:00:00Z"), Optional.empty()));
    }

    @AfterAll
    static void close() {
        DATABASE.close();
    }

    @Test
    void theDemoDirectoryIsTheCorpusDirectory() throws IOException {
        assertThat(new String(resource("/demo/directory.csv"), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(resource("/corpus/directory.csv"), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void importsEveryRowOfTheDemoDirectory() {
        assertThat(report.problems()).isEmpty();
        assertThat(directory.contactByAddress(MailAddress.of("tanaka@aoba-shoji.co.jp"))).isPresent();
    }

    @Test
    void theJdbcDirectoryGivesTheCorpusTheSameVerdictsAsTheInMemoryOne() {
        List<CorpusRun.Outcome> jdbc = new CorpusRun(directory, learned).run(Corpus.cases());
        List<CorpusRun.Outcome> memory = new CorpusRun(InMemoryDirectory.sample(),
                new InMemoryLearnedRecipients().with("yamada.taro@example.co.jp", "design.office@outlook.jp"))
                .run(Corpus.cases());
        System.out.println("JDBC " + CorpusRun.report(jdbc));

        for (int i = 0; i < memory.size(); i++) {
            CorpusRun.Outcome expected = memory.get(i);
            CorpusRun.Outcome actual = jdbc.get(i);
            assertThat(actual.verdict().policyAction()).as(actual.toString()).isEqualTo(expected.verdict().policyAction());
            assertThat(actual.rules()).as(actual.toString()).isEqualTo(expected.rules());
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DemoDirectoryCorpusTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
