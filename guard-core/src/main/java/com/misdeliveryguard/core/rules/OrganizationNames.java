package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.DomainName;
import com.misdeliveryguard.core.directory.KnownDomain;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.TextKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which organization of the directory a written name is: by its name key
 * ({@link ContactDirectory#organizationNamed}: width and company forms do not matter), else — for a name
 * in Latin letters of two or three words ({@code Aoba Shoji Co., Ltd.}) — by the stem of a domain the
 * organization owns: {@code aoba-shoji} or {@code aobashoji} under {@code .co.jp}, {@code .jp},
 * {@code .com}, {@code .ne.jp}, {@code .or.jp} or {@code .net}. The directory seldom has a romaji
 * reading of a company; its domain usually spells one.
 */
final class OrganizationNames {

    static final List<String> SUFFIXES = List.of("co.jp", "jp", "com", "ne.jp", "or.jp", "net");
    private static final Pattern LATIN_WORD = Pattern.compile("[a-z][a-z0-9]*");
    private static final Pattern FORM_WORD = Pattern.compile(
            "(?i)(co|co\\.|ltd|ltd\\.|inc|inc\\.|corp|corp\\.|corporation|company|limited|llc|k\\.k\\.|kk|plc|gmbh)");

    private final ContactDirectory directory;

    OrganizationNames(ContactDirectory directory) {
        this.directory = directory;
    }

    /** The organization this text names, by name key or by domain stem (see the class comment). */
    Optional<Organization> named(String text) {
        Optional<Organization> byName = directory.organizationNamed(text);
        return byName.isPresent() ? byName : byDomainStem(text);
    }

    /** {@code あおば商事田中} → あおば商事: the longest beginning (three characters or more) of a Japanese word that names one. */
    Optional<Beginning> beginning(String word) {
        if (!TextKeys.hasJapanese(word) || word.length() > 24) {
            return Optional.empty();
        }
        for (int end = word.length() - 1; end >= 3; end--) {
            Optional<Organization> found = directory.organizationNamed(word.substring(0, end));
            if (found.isPresent()) {
                return Optional.of(new Beginning(found.get(), word.substring(end)));
            }
        }
        return Optional.empty();
    }

    /** An organization named at the beginning of a word, and the rest of the word. */
    record Beginning(Organization organization, String rest) {
    }

    private Optional<Organization> byDomainStem(String text) {
        List<String> words = new ArrayList<>();
        for (String word : TextKeys.nfkc(text).toLowerCase(Locale.ROOT).split("[\\s,]+")) {
            if (!word.isEmpty() && !FORM_WORD.matcher(word).matches()) {
                words.add(word);
            }
        }
        if (words.size() < 2 || words.size() > 3 || !words.stream().allMatch(w -> LATIN_WORD.matcher(w).matches())) {
            return Optional.empty();
        }
        for (String stem : List.of(String.join("-", words), String.join("", words))) {
            for (String suffix : SUFFIXES) {
                Optional<Organization> owner = DomainName.parse(stem + "." + suffix).flatMap(directory::knownDomain)
                        .flatMap(KnownDomain::owner).flatMap(ref -> directory.organization(ref.id()));
                if (owner.isPresent()) {
                    return owner;
                }
            }
        }
        return Optional.empty();
    }
}
