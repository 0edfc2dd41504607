package com.misdeliveryguard.directory.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.directory.testing.DirectoryFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GoogleCsvImportTest {

    private final DirectoryFixture fixture = new DirectoryFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void importsTheClassicGoogleContactsExport() {
        ImportReport report = fixture.importer.importFile(ImportFiles.resource("google-contacts.csv"));

        assertThat(report.counts().added()).isEqualTo(2);
        Contact takahashi = fixture.contact("ken.takahashi@sakura-denki.co.jp");
        assertThat(takahashi.name().orElseThrow().display()).isEqualTo("高橋 健");
        assertThat(takahashi.reading().orElseThrow().display()).isEqualTo("たかはし けん");
        assertThat(takahashi.organization().orElseThrow().name().key()).isEqualTo("さくら電機");
        assertThat(takahashi.department()).contains("技術部");
        assertThat(takahashi.aliases()).containsExactlyInAnyOrder(MailAddress.of("takahashi@sakura-denki.co.jp"),
                MailAddress.of("ken.t@gmail.com"));
        assertThat(fixture.directory.organizationOwning(DomainName.of("gmail.com"))).isEmpty();
        assertThat(fixture.contact("anna.mueller@example.de").organization().orElseThrow().name().key())
                .isEqualTo("beispiel");
        assertThat(report.problems()).extracting(ImportProblem::line).containsExactly(4L);
    }

    @Test
    void importsTheNewGoogleContactsExport() {
        ImportReport report = fixture.importer.importFile(ImportFiles.resource("google-contacts-new.csv"));

        assertThat(report.problems()).isEmpty();
        Contact ito = fixture.contact("m.ito@hikari-logi.co.jp");
        assertThat(ito.name().orElseThrow().display()).isEqualTo("伊藤 恵");
        assertThat(ito.reading().orElseThrow().display()).isEqualTo("いとう めぐみ");
        assertThat(ito.organization().orElseThrow().name().display()).isEqualTo("株式会社ひかり物流");
        assertThat(ito.department()).contains("物流企画部");
    }
}
