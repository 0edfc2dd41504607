package com.misdeliveryguard.directory.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.directory.TextKeys;
import com.misdeliveryguard.core.directory.VariantKanji;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code V620}: names stored before variant kanji were folded get the keys {@link TextKeys#nameKey} gives now,
 * so a directory imported by an older version finds 髙橋 by 高橋 without a re-import.
 */
class NameKeyMigrationTest {

    @Test
    void reKeysNamesStoredBeforeTheFoldWithTheSameTableAsTheCode() throws SQLException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:rekey-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("100").load().migrate();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO dir_contact (address, address_key, domain, name, family_name, given_name,"
                    + " name_key, family_key, given_key, source, updated_at) VALUES ('m.takahashi@aoba-shoji.co.jp',"
                    + " 'm.takahashi@aoba-shoji.co.jp', 'aoba-shoji.co.jp', '髙橋 﨑子', '髙橋', '﨑子', '髙橋﨑子', '髙橋', '﨑子',"
                    + " 'test', CURRENT_TIMESTAMP)");
        }

        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT name_key, family_key, given_key, name FROM dir_contact")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo(TextKeys.nameKey("髙橋 﨑子")).isEqualTo("高橋崎子");
            assertThat(row.getString(2)).isEqualTo("高橋");
            assertThat(row.getString(3)).isEqualTo("崎子");
            assertThat(row.getString(4)).as("the name as written stays").isEqualTo("髙橋 﨑子");
        }
    }

    @Test
    void theMigrationHoldsTheCodesTable() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/db/migration/V620__name_keys_fold_variant_kanji.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int translations = sql.split("TRANSLATE\\(", -1).length - 1;
            assertThat(translations).isPositive();
            assertThat(sql.split("'" + VariantKanji.VARIANTS + "', '" + VariantKanji.COMMON + "'", -1)).hasSize(translations + 1);
        }
    }
}
