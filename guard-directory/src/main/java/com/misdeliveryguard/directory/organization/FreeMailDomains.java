package com.misdeliveryguard.directory.organization;

import com.misdeliveryguard.core.directory.DomainName;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Domains of mail providers that anybody can sign up to. A contact's domain is credited to the
 * contact's organization when an import meets it, except for these: one あおば商事 employee writing
 * from {@code gmail.com} must not make every Gmail user a member of あおば商事.
 */
public final class FreeMailDomains {

    private static final Set<String> DEFAULTS = Set.of(
            "gmail.com", "googlemail.com", "yahoo.co.jp", "ymail.ne.jp", "yahoo.com", "outlook.com", "outlook.jp",
            "hotmail.com", "hotmail.co.jp", "live.com", "live.jp", "msn.com", "icloud.com", "me.com", "mac.com",
            "aol.com", "docomo.ne.jp", "ezweb.ne.jp", "au.com", "softbank.ne.jp", "i.softbank.jp",
            "nifty.com", "biglobe.ne.jp", "ocn.ne.jp", "so-net.ne.jp", "proton.me", "protonmail.com",
            "gmx.com", "gmx.net", "yandex.ru", "mail.ru", "qq.com", "163.com", "naver.com");

    private final Set<DomainName> domains;

    private FreeMailDomains(Set<DomainName> domains) {
        this.domains = Set.copyOf(domains);
    }

    /** Common Japanese and international providers. */
    public static FreeMailDomains defaults() {
        return of(DEFAULTS);
    }

    public static FreeMailDomains of(Collection<String> domains) {
        return new FreeMailDomains(domains.stream().map(DomainName::of).collect(Collectors.toSet()));
    }

    /** These domains and the given ones. */
    public FreeMailDomains plus(Collection<String> more) {
        return new FreeMailDomains(Stream.concat(domains.stream(), more.stream().map(DomainName::of))
                .collect(Collectors.toSet()));
    }

    public boolean contains(DomainName domain) {
        return domains.contains(domain);
    }
}
