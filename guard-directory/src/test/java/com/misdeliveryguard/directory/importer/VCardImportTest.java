package com.misdeliveryguard.directory.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.directory.store.WriteCounts;
import com.misdeliveryguard.directory.testing.DirectoryFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VCardImportTest {

    private final DirectoryFixture fixture = new DirectoryFixture();

    @TempDir
    Path files;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void importsAThunderbirdVCard4ExportWithSeveralCards() {
        ImportReport report = fixture.importer.importFile(ImportFiles.resource("thunderbird.vcf"));

        assertThat(report.counts().added()).isEqualTo(2);
        Contact nakamura = fixture.contact("yumi.nakamura@kaede-sangyo.co.jp");
        assertThat(nakamura.name().orElseThrow().display()).isEqualTo("中村 由美");
        assertThat(nakamura.name().orElseThrow().family()).contains("中村");
        assertThat(nakamura.organization().orElseThrow().name().display()).isEqualTo("楓産業株式会社");
        assertThat(nakamura.department()).contains("総務部");
        assertThat(nakamura.aliases()).containsExactly(MailAddress.of("y.nakamura@kaede-sangyo.co.jp"));
        assertThat(fixture.contact("lee.wong@example.hk").organization().orElseThrow().name().key())
                .isEqualTo("harbourlogistics");
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo("thunderbird.vcf");
            assertThat(problem.line()).isEqualTo(20);
            assertThat(problem.reason()).isEqualTo("no e-mail address");
        });
    }

    @Test
    void importsAnIPhoneVCard3WithPhoneticNamesAndThePreferredAddressFirst() {
        ImportReport report = fixture.importer.importFile(ImportFiles.resource("iphone.vcf"));

        assertThat(report.problems()).isEmpty();
        Contact kobayashi = fixture.contact("m.kobayashi@tsubame-kensetsu.co.jp");
        assertThat(kobayashi.reading().orElseThrow().display()).isEqualTo("こばやし まこと");
        assertThat(kobayashi.department()).contains("設計部 第一設計課");
        assertThat(kobayashi.aliases()).containsExactly(MailAddress.of("makoto.k@icloud.com"));
        assertThat(fixture.directory.contactsNamed("コバヤシ", 5)).containsExactly(kobayashi);
        assertThat(fixture.contact("maria.garcia@example.es").reading().orElseThrow().display()).isEqualTo("Garcia");
    }

    @Test
    void reimportingTheSameCardsChangesNothing() {
        fixture.importer.importFile(ImportFiles.resource("thunderbird.vcf"));

        assertThat(fixture.importer.importFile(ImportFiles.resource("thunderbird.vcf")).counts())
                .isEqualTo(new WriteCounts(0, 0, 2, 0));
    }

    @Test
    void aFileWithoutCardsFails() throws Exception {
        Path file = ImportFiles.write(files, "notes.vcf", "this is not a vCard\n", StandardCharsets.UTF_8);

        assertThat(fixture.importer.importFile(file).failure()).contains("no BEGIN:VCARD in the file: not a vCard file");
    }
}
