package com.misdeliveryguard.directory.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.directory.testing.DirectoryFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutlookCsvImportTest {

    /** What Outlook for Windows in Japanese writes (abridged to the columns people fill), in Shift_JIS. */
    static final String JAPANESE_EXPORT = """
            "敬称","名","ミドル ネーム","姓","敬称 (英語)","フリガナ (名)","フリガナ (姓)","会社名","部署","役職","番地 (会社)","市区町村 (会社)","郵便番号 (会社)","会社電話","携帯電話","分類","電子メール アドレス","電子メール の種類","電子メール 表示名","電子メール 2 アドレス","電子メール 2 の種類","電子メール 2 表示名","メモ"
            "","太郎","","田中","","タロウ","タナカ","株式会社あおば商事","営業部","課長","丸の内1-1-1","千代田区","100-0005","03-0000-0001","","得意先","tanaka.taro@aoba-shoji.co.jp","SMTP","田中 太郎 (tanaka.taro@aoba-shoji.co.jp)","t-tanaka@aoba.co.jp","SMTP","田中 太郎 (t-tanaka@aoba.co.jp)","見積は毎月末"
            "","花子","","鈴木","","ハナコ","スズキ","（株）あおば商事","経理部","","","","","","","得意先","suzuki.hanako@aoba-shoji.co.jp","SMTP","鈴木 花子 (suzuki.hanako@aoba-shoji.co.jp)","","","",""
            "","髙橋","","﨑山","","","","みどり銀行株式会社","法人営業部","","","","","","","取引先","sakiyama@midori-bank.co.jp","SMTP","﨑山 髙橋","","","",""
            "","電話","","だけ","","","","株式会社あおば商事","","","","","","03-0000-0009","","","","","","","","",""
            """;

    private final DirectoryFixture fixture = new DirectoryFixture();

    @TempDir
    Path files;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void importsAJapaneseOutlookExportInShiftJis() throws Exception {
        Path file = ImportFiles.write(files, "連絡先.CSV", JAPANESE_EXPORT.replace("\n", "\r\n"), DecodedText.WINDOWS_31J);

        ImportReport report = fixture.importer.importFile(file);

        assertThat(report.imported()).isTrue();
        assertThat(report.counts().added()).isEqualTo(3);
        Contact tanaka = fixture.contact("tanaka.taro@aoba-shoji.co.jp");
        assertThat(tanaka.name().orElseThrow().display()).isEqualTo("田中 太郎");
        assertThat(tanaka.name().orElseThrow().family()).contains("田中");
        assertThat(tanaka.reading().orElseThrow().display()).isEqualTo("タナカ タロウ");
        assertThat(tanaka.organization().orElseThrow().name().display()).isEqualTo("株式会社あおば商事");
        assertThat(tanaka.department()).contains("営業部");
        assertThat(tanaka.aliases()).containsExactly(MailAddress.of("t-tanaka@aoba.co.jp"));
        assertThat(fixture.contact("suzuki.hanako@aoba-shoji.co.jp").organization().orElseThrow().id())
                .isEqualTo(tanaka.organization().orElseThrow().id());
        assertThat(fixture.contact("sakiyama@midori-bank.co.jp").name().orElseThrow().display()).isEqualTo("﨑山 髙橋");
        assertThat(fixture.directory.contactsNamed("たなか", 5)).containsExactly(tanaka);
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(5);
            assertThat(problem.reason()).isEqualTo("no e-mail address");
        });
    }

    @Test
    void importsTheSameExportSavedAsUtf8() throws Exception {
        Path file = ImportFiles.write(files, "contacts-utf8.csv", JAPANESE_EXPORT, StandardCharsets.UTF_8);

        assertThat(fixture.importer.importFile(file).counts().added()).isEqualTo(3);
        assertThat(fixture.contact("tanaka.taro@aoba-shoji.co.jp").department()).contains("営業部");
    }

    @Test
    void importsAnEnglishOutlookExport() {
        ImportReport report = fixture.importer.importFile(ImportFiles.resource("outlook-en.csv"));

        assertThat(report.counts().added()).isEqualTo(2);
        Contact emily = fixture.contact("emily.clark@northwind.example.com");
        assertThat(emily.name().orElseThrow().display()).isEqualTo("Emily Clark");
        assertThat(emily.name().orElseThrow().family()).contains("Clark");
        assertThat(emily.organization().orElseThrow().name().key()).isEqualTo("northwindtraders");
        assertThat(emily.department()).contains("Purchasing");
        assertThat(fixture.directory.contactByAddress(MailAddress.of("eclark@northwind.example.net"))).contains(emily);
        assertThat(fixture.directory.organizationOwning(DomainName.of("aoba-shoji.co.jp"))).isPresent();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(5);
            assertThat(problem.reason()).startsWith("invalid e-mail address '/o=ExchangeLabs");
        });
    }
}
