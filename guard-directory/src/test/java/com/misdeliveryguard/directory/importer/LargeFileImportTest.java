package com.misdeliveryguard.directory.importer;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.directory.testing.DirectoryFixture;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 100 MB address book streams through the importer: the file is written row by row, read record
 * by record, and written in chunks, so neither side ever holds it whole.
 */
class LargeFileImportTest {

    private static final long HUNDRED_MB = 100L * 1024 * 1024;

    private final DirectoryFixture fixture = new DirectoryFixture();

    @TempDir
    Path files;

    @AfterEach
    void close() {
        fixture.close();
    }

    /** Rows with a long memo column (ignored by the importer), as CRM exports have, until 100 MB. */
    private Path hundredMegabytes(String firstRow) throws IOException {
        Path file = files.resolve("crm-export.csv");
        String memo = "打ち合わせ記録：".repeat(40) + "x".repeat(300);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("email,name,name_kana,organization,department,memo\n");
            out.write(firstRow);
            for (int i = 0; Files.size(file) < HUNDRED_MB || i % 1000 != 0; i++) {
                out.write("user" + i + "@org" + (i % 5000) + ".example.co.jp,利用者 " + i + ",りようしゃ,株式会社組織"
                        + (i % 5000) + ",営業部," + memo + "\n");
                if (i % 1000 == 999) {
                    out.flush();
                }
            }
        }
        return file;
    }

    @Test
    void importsAHundredMegabyteFileStreaming() throws Exception {
        Path file = hundredMegabytes("");

        ImportReport report = fixture.importer.importFile(file);

        assertThat(Files.size(file)).isGreaterThanOrEqualTo(HUNDRED_MB);
        assertThat(report.imported()).isTrue();
        assertThat(report.problemCount()).isZero();
        assertThat(report.counts().added()).isEqualTo(report.rowsRead()).isGreaterThan(70_000);
        assertThat(fixture.store.counts().organizations()).isEqualTo(5000);
    }

    @Test
    void aHundredMegabyteFileWithAnUnclosedQuoteFailsFastAndChangesNothing() throws Exception {
        Path file = hundredMegabytes("\"first@aoba-shoji.co.jp,先頭 行,,あおば商事,,\n");

        ImportReport report = fixture.importer.importFile(file);

        assertThat(report.imported()).isFalse();
        assertThat(report.failure()).hasValueSatisfying(failure -> assertThat(failure).contains("unclosed quote"));
        assertThat(report.duration()).isLessThan(java.time.Duration.ofSeconds(20));
        assertThat(fixture.store.counts().contacts()).isZero();
    }
}
