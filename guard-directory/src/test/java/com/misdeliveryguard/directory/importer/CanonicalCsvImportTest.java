package com.misdeliveryguard.directory.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.directory.store.DirectoryCounts;
import com.misdeliveryguard.directory.store.WriteCounts;
import com.misdeliveryguard.directory.testing.DirectoryFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicalCsvImportTest {

    private static final String HEADER = "email,name,name_kana,organization,department\n";

    private final DirectoryFixture fixture = new DirectoryFixture();

    @TempDir
    Path files;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void importsContactsAndDomainDeclarationsFromAUtf8FileWithBom() {
        ImportReport report = fixture.importer.importFile(ImportFiles.resource("canonical.csv"));

        assertThat(report.imported()).isTrue();
        assertThat(report.problems()).isEmpty();
        assertThat(report.counts()).isEqualTo(new WriteCounts(7, 0, 0, 0));
        Contact tanaka = fixture.contact("tanaka.taro@aoba-shoji.co.jp");
        assertThat(tanaka.name().orElseThrow().display()).isEqualTo("田中 太郎");
        assertThat(tanaka.reading().orElseThrow().display()).isEqualTo("たなか たろう");
        assertThat(tanaka.department()).contains("営業部");
        Organization aoba = fixture.directory.organizationOwning(DomainName.of("aoba.co.jp")).orElseThrow();
        assertThat(aoba.domains()).extracting(DomainName::ascii).containsExactly("aoba-shoji.co.jp", "aoba.co.jp");
        assertThat(fixture.contact("sato@midori-bank.co.jp").name().orElseThrow().display()).isEqualTo("佐藤 一郎");
        assertThat(fixture.contact("kato@midori-bank.co.jp").department()).contains("法人営業部 第二課");
        assertThat(fixture.contact("yamada@misdeli.example.jp").internal()).isTrue();
    }

    @Test
    void reportsRowsThatNameADifferentOrganizationForTheSameDomainInsteadOfChoosingSilently() throws Exception {
        Path file = files.resolve("conflict.csv");
        java.nio.file.Files.writeString(file, HEADER
                + "sato@aoba-shoji.co.jp,佐藤 一郎,,株式会社あおば商事,営業部\n"
                + "kato@aoba-shoji.co.jp,加藤 二郎,,あおば物産株式会社,購買部\n"
                + "taro@gmail.com,山田 太郎,,株式会社あおば商事,\n"
                + "hanako@gmail.com,山田 花子,,みどり銀行,\n"
                + "suzuki@aoba-shoji.co.jp,鈴木 三郎,,あおば商事,\n", java.nio.charset.StandardCharsets.UTF_8);

        ImportReport report = fixture.importer.importFile(file);

        assertThat(report.imported()).isTrue();
        assertThat(report.counts().added()).as("every contact is imported").isEqualTo(5);
        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3L);
            assertThat(p.reason()).contains("aoba-shoji.co.jp").contains("あおば物産株式会社").contains("株式会社あおば商事")
                    .contains("line 2");
        });
    }

    @Test
    void reportsBadRowsWithFileLineAndReasonAndImportsTheGoodOnes() {
        ImportReport report = fixture.importer.importFile(ImportFiles.resource("canonical-with-bad-rows.csv"));

        assertThat(report.imported()).isTrue();
        assertThat(report.counts().added()).isEqualTo(2);
        assertThat(report.problems()).extracting(ImportProblem::file).containsOnly("canonical-with-bad-rows.csv");
        assertThat(report.problems()).extracting(ImportProblem::line).containsExactly(3L, 4L, 5L, 6L, 7L);
        assertThat(report.problems()).extracting(ImportProblem::reason).satisfiesExactly(
                reason -> assertThat(reason).isEqualTo("no e-mail address"),
                reason -> assertThat(reason).startsWith("invalid e-mail address 'tanaka@aoba-shoji'"),
                reason -> assertThat(reason).isEqualTo("duplicate address TANAKA.TARO@aoba-shoji.co.jp (first at line 2)"),
                reason -> assertThat(reason).contains("names no organization"),
                reason -> assertThat(reason).contains("suzuki@aoba_shoji.co.jp"));
        assertThat(fixture.contact("tanaka.taro@aoba-shoji.co.jp").department()).contains("営業部");
        assertThat(fixture.contact("sato@aoba-shoji.co.jp")).isNotNull();
    }

    @Test
    void importingTheSameFileAgainChangesNothing() {
        Path file = ImportFiles.resource("canonical.csv");
        fixture.importer.importFile(file);
        DirectoryCounts before = fixture.store.counts();

        ImportReport again = fixture.importer.importFile(file);

        assertThat(again.counts()).isEqualTo(new WriteCounts(0, 0, 7, 0));
        assertThat(fixture.store.counts()).isEqualTo(before);
    }

    @Test
    void aChangedRowUpdatesTheContactAndTheCacheSeesIt() throws Exception {
        Path file = ImportFiles.write(files, "contacts.csv", HEADER
                + "tanaka@aoba-shoji.co.jp,田中 太郎,,株式会社あおば商事,営業部\n", StandardCharsets.UTF_8);
        fixture.importer.importFile(file);
        assertThat(fixture.contact("tanaka@aoba-shoji.co.jp").department()).contains("営業部");

        Files.writeString(file, HEADER + "tanaka@aoba-shoji.co.jp,田中 太郎,,株式会社あおば商事,海外営業部\n");
        ImportReport report = fixture.importer.importFile(file);

        assertThat(report.counts()).isEqualTo(new WriteCounts(0, 1, 0, 0));
        assertThat(fixture.contact("tanaka@aoba-shoji.co.jp").department()).contains("海外営業部");
    }

    @Test
    void brokenQuotingFailsTheWholeFileAndLeavesTheDirectoryIntact() throws Exception {
        fixture.importer.importFile(ImportFiles.resource("canonical.csv"));
        DirectoryCounts before = fixture.store.counts();
        Path broken = ImportFiles.write(files, "broken.csv", HEADER
                + "new.person@aoba-shoji.co.jp,新人 一人,,株式会社あおば商事,営業部\n"
                + "tanaka.taro@aoba-shoji.co.jp,\"田中 \"太郎\",,株式会社あおば商事,人事部\n"
                + "later@aoba-shoji.co.jp,後続 行,,株式会社あおば商事,営業部\n", StandardCharsets.UTF_8);

        ImportReport report = fixture.importer.importFile(broken);

        assertThat(report.imported()).isFalse();
        assertThat(report.failure()).hasValueSatisfying(failure ->
                assertThat(failure).startsWith("line 3: broken CSV quoting"));
        assertThat(report.counts()).isEqualTo(WriteCounts.NONE);
        assertThat(fixture.store.counts()).isEqualTo(before);
        assertThat(fixture.contact("tanaka.taro@aoba-shoji.co.jp").department()).contains("営業部");
    }

    @Test
    void anUnclosedQuoteFailsInsteadOfSwallowingTheRestOfTheFile() throws Exception {
        StringBuilder text = new StringBuilder(HEADER).append("\"unclosed@aoba-shoji.co.jp,名前\n");
        for (int i = 0; i < 30_000; i++) {
            text.append("user").append(i).append("@aoba-shoji.co.jp,利用者 ").append(i).append(",,あおば商事,\n");
        }
        Path file = ImportFiles.write(files, "unclosed.csv", text.toString(), StandardCharsets.UTF_8);
        DirectoryImporter importer = DirectoryImporter.builder(fixture.store).maxRecordChars(64 * 1024).build();

        ImportReport report = importer.importFile(file);

        assertThat(report.imported()).isFalse();
        assertThat(report.failure()).hasValueSatisfying(failure ->
                assertThat(failure).contains("longer than 65536 characters").contains("unclosed quote"));
        assertThat(fixture.store.counts().contacts()).isZero();
    }

    @Test
    void acceptsAShiftJisFileSavedByExcel() throws Exception {
        Path file = ImportFiles.write(files, "excel.csv", HEADER
                + "tanaka@aoba-shoji.co.jp,田中 太郎,タナカ タロウ,株式会社あおば商事,営業部\n", DecodedText.WINDOWS_31J);

        ImportReport report = fixture.importer.importFile(file);

        assertThat(report.problems()).isEmpty();
        assertThat(fixture.contact("tanaka@aoba-shoji.co.jp").name().orElseThrow().display()).isEqualTo("田中 太郎");
    }

    @Test
    void aFileInAnotherEncodingFailsWithTheLineOfTheFirstBadByte() throws Exception {
        byte[] latin1 = (HEADER + "jose@example.es,José Núñez,,Ejemplo S.A.,\n").getBytes(StandardCharsets.ISO_8859_1);
        Path file = ImportFiles.write(files, "latin1.csv", latin1);

        ImportReport report = fixture.importer.importFile(file);

        assertThat(report.imported()).isFalse();
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.reason()).contains("neither UTF-8 nor Shift_JIS");
        });
    }

    @Test
    void utf8DamagedAfterValidJapaneseTextIsNotMistakenForShiftJis() throws Exception {
        byte[] good = (HEADER + "tanaka@aoba-shoji.co.jp,田中 太郎,,あおば商事,\n").getBytes(StandardCharsets.UTF_8);
        byte[] damaged = new byte[good.length + 3];
        System.arraycopy(good, 0, damaged, 0, good.length);
        damaged[good.length] = (byte) 0xE3;
        damaged[good.length + 1] = (byte) 'x';
        damaged[good.length + 2] = '\n';

        ImportReport report = fixture.importer.importFile(ImportFiles.write(files, "damaged.csv", damaged));

        assertThat(report.failure()).hasValueSatisfying(failure -> assertThat(failure)
                .isEqualTo("line 3: invalid UTF-8 after valid UTF-8 text: the file is damaged or mixes encodings;"
                        + " save it again as UTF-8"));
    }

    @Test
    void utf16WithoutByteOrderMarkFailsWithAClearReason() throws Exception {
        Path file = ImportFiles.write(files, "utf16.csv", HEADER, StandardCharsets.UTF_16LE);

        assertThat(fixture.importer.importFile(file).failure()).hasValueSatisfying(failure ->
                assertThat(failure).contains("NUL bytes"));
    }

    @Test
    void anUnrecognizedHeaderAnEmptyFileAndAMissingFileEachFailClearly() throws Exception {
        Path unknown = ImportFiles.write(files, "unknown.csv", "氏名,電話\n田中,03\n", StandardCharsets.UTF_8);
        Path empty = ImportFiles.write(files, "empty.csv", new byte[0]);

        assertThat(fixture.importer.importFile(unknown).failure()).hasValueSatisfying(failure ->
                assertThat(failure).startsWith("line 1: header not recognized"));
        assertThat(fixture.importer.importFile(empty).failure()).contains("the file is empty");
        assertThat(fixture.importer.importFile(files.resolve("missing.csv")).failure()).hasValueSatisfying(failure ->
                assertThat(failure).startsWith("no such file"));
    }
}
