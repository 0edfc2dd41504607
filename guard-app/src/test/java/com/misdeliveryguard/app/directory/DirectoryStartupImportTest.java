package com.misdeliveryguard.app.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.directory.importer.DirectoryImporter;
import com.misdeliveryguard.directory.importer.ImportReport;
import com.misdeliveryguard.directory.lookup.CachedContactDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code guard.directory.import} is imported at start-up into the application's database; importing
 * the same file again changes nothing, and a changed row updates.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DirectoryStartupImportTest {

    static final Path dir = tempDir();
    static final Path csv = dir.resolve("contacts.csv");

    @Autowired
    CachedContactDirectory directory;

    @Autowired
    DirectoryImporter importer;

    static Path tempDir() {
        try {
            Path d = Files.createTempDirectory("guard-directory-import");
            Files.writeString(d.resolve("contacts.csv"), "\uFEFFemail,name,name_kana,organization,department\r\n"
                    + "tanaka@aoba-shoji.co.jp,田中 一郎,たなか いちろう,株式会社あおば商事,営業部\r\n"
                    + "@aoba-shoji.com,,,株式会社あおば商事,\r\n"
                    + "not-an-address,壊れた 行,,,\r\n", StandardCharsets.UTF_8);
            return d;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("guard.data-dir", () -> dir.resolve("data").toString());
        registry.add("guard.smtp.port", () -> 0);
        registry.add("guard.directory.import", () -> csv.toString());
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:directoryimport");
    }

    @Test
    void shouldImportAtStartUpAndReimportIdempotently() throws Exception {
        var contact = directory.contactByAddress(MailAddress.of("Tanaka@AOBA-SHOJI.co.jp"));
        assertThat(contact).isPresent();
        assertThat(contact.get().toString()).contains("田中").contains("営業部");

        ImportReport again = importer.importFile(csv);
        assertThat(again.imported()).isTrue();
        assertThat(again.counts().changedAnything()).isFalse();
        assertThat(again.problemCount()).isEqualTo(1);
        assertThat(again.problems().get(0).toString()).contains("contacts.csv").contains("4");

        Files.writeString(csv, Files.readString(csv).replace("営業部", "営業二部"));
        ImportReport changed = importer.importFile(csv);
        assertThat(changed.counts().updated()).isEqualTo(1);
        assertThat(directory.contactByAddress(MailAddress.of("tanaka@aoba-shoji.co.jp")).get().toString())
                .contains("営業二部");
    }
}
