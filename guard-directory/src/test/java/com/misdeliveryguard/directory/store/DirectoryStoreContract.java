package com.misdeliveryguard.directory.store;

import static com.misdeliveryguard.directory.testing.Contacts.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.ContactAddresses;
import com.misdeliveryguard.core.directory.SourceId;
import com.misdeliveryguard.directory.internal.SeenKeys;
import com.misdeliveryguard.directory.lookup.CachedContactDirectory;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.directory.organization.InternalDomains;
import com.misdeliveryguard.core.directory.KnownDomain;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.OrganizationName;
import com.misdeliveryguard.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What every directory store must do, asked through the cached lookup the rules use. Implemented
 * by one test class per database (H2, PostgreSQL), each giving a fresh, migrated database per test.
 */
public interface DirectoryStoreContract {

    InternalDomains INTERNAL = InternalDomains.of(List.of("misdeli.example.jp"));
    Instant T0 = Instant.parse("2025-04-01T09:00:00Z");

    /** A fresh, migrated database for the current test. */
    DataSource dataSource();

    /** One clock per test, so that tests can advance it. */
    MutableClock clock();

    default JdbcDirectoryStore store() {
        return JdbcDirectoryStore.builder(dataSource()).internalDomains(INTERNAL).clock(clock()).build();
    }

    default CachedContactDirectory directory() {
        return CachedContactDirectory.builder(store()).internalDomains(INTERNAL).build();
    }

    default WriteCounts write(Consumer<DirectoryWriter> work) {
        try (DirectoryWriter writer = store().openWriter()) {
            work.accept(writer);
            return writer.commit();
        }
    }

    default void aobaShoji() {
        write(writer -> {
            writer.put(entry("Tanaka.Taro@aoba-shoji.co.jp").name("田中 太郎").reading("たなか たろう")
                    .organization("株式会社あおば商事").department("営業部").alias("t.tanaka@aoba-shoji.co.jp").build());
            writer.put(entry("suzuki@aoba-shoji.co.jp").name("鈴木 花子").organization("㈱あおば商事").build());
            writer.put(entry("sato@aoba-shoji.co.jp").name("佐藤 一郎").organization("あおば商事株式会社").build());
            writer.put(entry("yamada@misdeli.example.jp").name("山田 次郎").organization("ミスデリ株式会社").build());
            writer.put(entry("john.smith@acme.example.com").name("John Smith").organization("Acme Corp.").build());
        });
    }

    @Test
    default void findsAContactByAddressWithTheLocalPartInAnyCase() {
        aobaShoji();

        Contact tanaka = directory().contactByAddress(MailAddress.of("tanaka.taro@AOBA-SHOJI.co.jp")).orElseThrow();

        assertThat(tanaka.address()).hasToString("Tanaka.Taro@aoba-shoji.co.jp");
        assertThat(tanaka.name()).hasValueSatisfying(name -> {
            assertThat(name.display()).isEqualTo("田中 太郎");
            assertThat(name.family()).contains("田中");
        });
        assertThat(tanaka.reading()).hasValueSatisfying(reading -> assertThat(reading.display()).isEqualTo("たなか たろう"));
        assertThat(tanaka.organization()).hasValueSatisfying(org -> assertThat(org.name().display()).isEqualTo("株式会社あおば商事"));
        assertThat(tanaka.department()).contains("営業部");
        assertThat(tanaka.internal()).isFalse();
        assertThat(tanaka.source()).isEqualTo(new SourceId("test.csv"));
        assertThat(tanaka.updatedAt()).isEqualTo(T0);
    }

    @Test
    default void findsAContactTypedInFullWidthCharacters() throws Exception {
        aobaShoji();

        MailAddress typed = ContactAddresses.normalize("ｔａｎａｋａ．ｔａｒｏ＠ａｏｂａ－ｓｈｏｊｉ．ｃｏ．ｊｐ");

        assertThat(directory().contactByAddress(typed)).isPresent();
    }

    @Test
    default void findsAContactByAnAlias() {
        aobaShoji();

        assertThat(directory().contactByAddress(MailAddress.of("T.Tanaka@aoba-shoji.co.jp")))
                .hasValueSatisfying(contact -> assertThat(contact.address()).hasToString("Tanaka.Taro@aoba-shoji.co.jp"));
    }

    @Test
    default void answersEmptyForAnUnknownAddress() {
        aobaShoji();

        assertThat(directory().contactByAddress(MailAddress.of("nobody@aoba-shoji.co.jp"))).isEmpty();
    }

    @Test
    default void treatsCompanyFormsAsOneOrganization() {
        aobaShoji();

        assertThat(store().counts().organizations()).isEqualTo(3);
        Organization aoba = directory().organizationNamed("（株）あおば商事").orElseThrow();
        assertThat(aoba.name().display()).isEqualTo("株式会社あおば商事");
        assertThat(directory().contactsOf(aoba.id(), 10)).extracting(c -> c.address().localPart())
                .containsExactly("Tanaka.Taro", "suzuki", "sato");
        assertThat(directory().organizationNamed("ACME Corporation")).isPresent();
    }

    @Test
    default void findsTheOrganizationOwningADomainOrItsParent() {
        aobaShoji();

        Organization owner = directory().organizationOwning(DomainName.of("aoba-shoji.co.jp")).orElseThrow();
        assertThat(owner.name().key()).isEqualTo("あおば商事");
        assertThat(owner.domains()).containsExactly(DomainName.of("aoba-shoji.co.jp"));
        assertThat(owner.internal()).isFalse();
        assertThat(directory().organizationOwning(DomainName.of("mail.aoba-shoji.co.jp"))).contains(owner);
        assertThat(directory().organizationOwning(DomainName.of("aoba-shoji.com"))).isEmpty();
    }

    @Test
    default void marksInternalContactsAndOrganizations() {
        aobaShoji();

        assertThat(directory().contactByAddress(MailAddress.of("yamada@misdeli.example.jp")).orElseThrow().internal())
                .isTrue();
        assertThat(directory().organizationOwning(DomainName.of("misdeli.example.jp")).orElseThrow().internal()).isTrue();
        assertThat(directory().isInternal(DomainName.of("tokyo.misdeli.example.jp"))).isTrue();
        assertThat(directory().isInternal(DomainName.of("aoba-shoji.co.jp"))).isFalse();
    }

    @Test
    default void findsContactsBySurnameFullNameAndReading() {
        aobaShoji();

        assertThat(directory().contactsNamed("田中", 10)).hasSize(1);
        assertThat(directory().contactsNamed("田中　太郎", 10)).hasSize(1);
        assertThat(directory().contactsNamed("タナカ", 10)).hasSize(1);
        assertThat(directory().contactsNamed("ﾀﾅｶ ﾀﾛｳ", 10)).hasSize(1);
        assertThat(directory().contactsNamed("smith", 10)).extracting(c -> c.address().localPart())
                .containsExactly("john.smith");
        assertThat(directory().contactsNamed("高橋", 10)).isEmpty();
    }

    @Test
    default void findsAVariantKanjiNameByItsCommonFormAndBack() {
        write(writer -> writer.put(entry("m.takahashi@aoba-shoji.co.jp").name("髙橋 誠").reading("たかはし まこと")
                .organization("株式会社あおば商事").build()));

        assertThat(directory().contactsNamed("高橋", 10)).hasSize(1);
        assertThat(directory().contactsNamed("髙橋", 10)).hasSize(1);
        assertThat(directory().contactsNamed("高橋誠", 10)).singleElement()
                .satisfies(c -> assertThat(c.name().get().display()).isEqualTo("髙橋 誠"));
    }

    @Test
    default void listsContactsAtADomain() {
        aobaShoji();

        assertThat(directory().contactsAtDomain(DomainName.of("aoba-shoji.co.jp"), 2)).hasSize(2);
        assertThat(directory().contactsAtDomain(DomainName.of("AOBA-SHOJI.CO.JP"), 10)).hasSize(3);
    }

    @Test
    default void offersKnownDomainsALookalikeCouldBeMistakenFor() {
        aobaShoji();
        CachedContactDirectory directory = directory();

        for (String lookalike : List.of("aoba-shoji.com", "aoba-shoji.jp", "aobashoji.co.jp", "aoba-shoj1.co.jp",
                "a0ba-shoji.co.jp", "aoba-sohji.co.jp", "аoba-shoji.co.jp")) {
            assertThat(directory.knownDomainsNear(DomainName.of(lookalike), 5)).as(lookalike)
                    .extracting(KnownDomain::domain).contains(DomainName.of("aoba-shoji.co.jp"));
        }
        assertThat(directory.knownDomainsNear(DomainName.of("midori-bank.co.jp"), 5)).isEmpty();
        assertThat(directory.knownDomainsNear(DomainName.of("aoba-shoji.co.jp"), 5)).isEmpty();
    }

    @Test
    default void storesInternationalizedDomainsInAsciiAndFindsThemInUnicode() throws Exception {
        write(writer -> writer.put(entry("info@xn--l8jq8im89jebh.jp").name("あおば 受付").organization("あおば商事").build()));

        assertThat(directory().contactByAddress(ContactAddresses.normalize("info@あおば商事.jp"))).isPresent();
        assertThat(directory().knownDomain(DomainName.of("あおば商事.jp"))).hasValueSatisfying(known ->
                assertThat(known.domain().unicode()).isEqualTo("あおば商事.jp"));
    }

    @Test
    default void writingTheSameEntryAgainChangesNothing() {
        aobaShoji();
        clock().advance(Duration.ofHours(1));

        WriteCounts again = write(writer -> writer.put(entry("suzuki@aoba-shoji.co.jp").name("鈴木 花子")
                .organization("㈱あおば商事").build()));

        assertThat(again).isEqualTo(new WriteCounts(0, 0, 1, 0));
        assertThat(directory().contactByAddress(MailAddress.of("suzuki@aoba-shoji.co.jp")).orElseThrow().updatedAt())
                .isEqualTo(T0);
    }

    @Test
    default void writingAChangedEntryUpdatesIt() {
        aobaShoji();
        clock().advance(Duration.ofHours(1));

        WriteCounts counts = write(writer -> writer.put(entry("suzuki@aoba-shoji.co.jp").name("鈴木 花子")
                .organization("㈱あおば商事").department("経理部").alias("hanako@aoba-shoji.co.jp").build()));

        assertThat(counts).isEqualTo(new WriteCounts(0, 1, 0, 0));
        Contact suzuki = directory().contactByAddress(MailAddress.of("hanako@aoba-shoji.co.jp")).orElseThrow();
        assertThat(suzuki.department()).contains("経理部");
        assertThat(suzuki.updatedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
    }

    @Test
    default void aWriterClosedWithoutCommitLeavesTheDirectoryAsItWas() {
        aobaShoji();

        try (DirectoryWriter writer = store().openWriter()) {
            for (int i = 0; i < 1200; i++) {
                writer.put(entry("user" + i + "@rollback.example.com").organization("Rollback Inc.").build());
            }
        }

        assertThat(store().counts()).isEqualTo(new DirectoryCounts(5, 3, 3));
    }

    @Test
    default void removingUnseenContactsTouchesOnlyThatSource() {
        aobaShoji();
        write(writer -> {
            writer.put(entry("a@corp.example.jp").source("ldap:corp").build());
            writer.put(entry("b@corp.example.jp").source("ldap:corp").build());
        });
        SeenKeys seen = new SeenKeys();
        seen.add("a@corp.example.jp", 0);

        WriteCounts counts = write(writer -> writer.removeUnseen(new SourceId("ldap:corp"), seen));

        assertThat(counts.removed()).isEqualTo(1);
        assertThat(directory().contactByAddress(MailAddress.of("a@corp.example.jp"))).isPresent();
        assertThat(directory().contactByAddress(MailAddress.of("b@corp.example.jp"))).isEmpty();
        assertThat(store().counts().contacts()).isEqualTo(6);
    }

    @Test
    default void doesNotCreditAFreeMailDomainToAnOrganization() {
        write(writer -> writer.put(entry("aoba.tanaka@gmail.com").organization("あおば商事").build()));

        assertThat(directory().organizationOwning(DomainName.of("gmail.com"))).isEmpty();
        assertThat(directory().knownDomain(DomainName.of("gmail.com"))).hasValueSatisfying(known ->
                assertThat(known.owner()).isEmpty());
    }

    @Test
    default void aDeclaredDomainOverridesTheOwnerInferredFromContacts() {
        aobaShoji();

        WriteCounts counts = write(writer -> {
            writer.claim(new DomainClaim(DomainName.of("aoba-shoji.co.jp"), OrganizationName.of("あおばホールディングス株式会社")));
            writer.claim(new DomainClaim(DomainName.of("aoba-hd.co.jp"), OrganizationName.of("あおばホールディングス株式会社")));
        });

        assertThat(counts).isEqualTo(new WriteCounts(1, 1, 0, 0));
        Organization holdings = directory().organizationOwning(DomainName.of("aoba-shoji.co.jp")).orElseThrow();
        assertThat(holdings.name().display()).isEqualTo("あおばホールディングス株式会社");
        assertThat(holdings.domains()).extracting(DomainName::ascii).containsExactly("aoba-hd.co.jp", "aoba-shoji.co.jp");
        assertThat(write(writer -> writer.claim(new DomainClaim(DomainName.of("aoba-hd.co.jp"),
                OrganizationName.of("あおばホールディングス㈱"))))).isEqualTo(new WriteCounts(0, 0, 1, 0));
    }
}
