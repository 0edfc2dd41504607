package com.misdeliveryguard.directory.organization;

import static org.assertj.core.api.Assertions.assertThat;

import com.misdeliveryguard.core.directory.DomainName;
import java.util.List;
import org.junit.jupiter.api.Test;

class InternalDomainsTest {

    @Test
    void internalDomainsIncludeTheirSubDomains() {
        InternalDomains internal = InternalDomains.of(List.of("misdeli.example.jp"));

        assertThat(internal.contains(DomainName.of("misdeli.example.jp"))).isTrue();
        assertThat(internal.contains(DomainName.of("osaka.misdeli.example.jp"))).isTrue();
        assertThat(internal.contains(DomainName.of("notmisdeli.example.jp"))).isFalse();
    }
}
