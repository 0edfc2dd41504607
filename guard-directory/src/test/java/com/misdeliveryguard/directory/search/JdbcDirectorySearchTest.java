package com.misdeliveryguard.directory.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.directory.importer.DirectoryImporter;
import com.misdeliveryguard.directory.organization.InternalDomains;
import com.misdeliveryguard.directory.store.JdbcDirectoryStore;
import com.misdeliveryguard.directory.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Address pickers find people by name, reading, address or organization, whatever the width or kana. */
class JdbcDirectorySearchTest {

    private final TestDatabase database = TestDatabase.h2();
    private final JdbcDirectorySearch search = new JdbcDirectorySearch(database.dataSource());

    @TempDir
    Path dir;

    @BeforeEach
    void importContacts() throws Exception {
        JdbcDirectoryStore store = JdbcDirectoryStore.builder(database.dataSource())
                .internalDomains(InternalDomains.of(List.of("example.co.jp"))).build();
        Path csv = dir.resolve("contacts.csv");
        StringBuilder rows = new StringBuilder("email,name,name_kana,organization,department\n")
                .append("tanaka@aoba-shoji.co.jp,田中 一郎,タナカ イチロウ,株式会社あおば商事,営業部\n")
                .append("tanaka.h@midori-bank.co.jp,田中 花子,たなか はなこ,みどり銀行,法人営業部\n")
                .append("suzuki@aoba-shoji.co.jp,鈴木 次郎,すずき じろう,㈱あおば商事,経理部\n")
                .append("j.smith@sakura-logistics.com,John Smith,,Sakura Logistics Inc.,Sales\n");
        for (int i = 0; i < 30; i++) {
            rows.append("staff").append(i).append("@aoba-shoji.co.jp,社員 ").append(i).append(",,あおば商事,総務部\n");
        }
        Files.writeString(csv, rows, StandardCharsets.UTF_8);
        assertThat(DirectoryImporter.builder(store).build().importFile(csv).imported()).isTrue();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void shouldFindPeopleBySurnameAcrossOrganizations() {
        assertThat(search.search("田中", 0, 10).hits()).extracting(SearchHit::address)
                .containsExactlyInAnyOrder("tanaka@aoba-shoji.co.jp", "tanaka.h@midori-bank.co.jp");
    }

    @Test
    void shouldFindByReadingInEitherKanaAndHalfWidth() {
        assertThat(search.search("たなか", 0, 10).hits()).hasSize(2);
        assertThat(search.search("ﾀﾅｶ", 0, 10).hits()).hasSize(2);
    }

    @Test
    void shouldFindByAddressPrefixAndByOrganizationWithoutCompanyForm() {
        assertThat(search.search("J.SMITH@", 0, 10).hits()).extracting(SearchHit::name).containsExactly("John Smith");
        assertThat(search.search("株式会社あおば", 0, 100).hits()).hasSize(32)
                .allSatisfy(hit -> assertThat(hit.organization()).contains("あおば商事"));
        assertThat(search.search("sakura logistics", 0, 10).hits()).extracting(SearchHit::department)
                .containsExactly("Sales");
    }

    @Test
    void shouldPage() {
        SearchPage first = search.search("あおば商事", 0, 20);
        SearchPage second = search.search("あおば商事", 1, 20);
        assertThat(first.hits()).hasSize(20);
        assertThat(first.hasMore()).isTrue();
        assertThat(second.hits()).hasSize(12);
        assertThat(second.hasMore()).isFalse();
        assertThat(second.hits()).doesNotContainAnyElementsOf(first.hits());
    }

    @Test
    void shouldTreatWildcardsAsText() {
        assertThat(search.search("%", 0, 10).hits()).isEmpty();
        assertThat(search.search("   ", 0, 10).hits()).isEmpty();
    }
}
