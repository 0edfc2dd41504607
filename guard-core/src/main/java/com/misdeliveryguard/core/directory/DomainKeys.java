package com.misdeliveryguard.core.directory;

import com.google.common.net.InternetDomainName;
import com.ibm.icu.text.SpoofChecker;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How domains are compared for resemblance. The directory indexes every known domain under its
 * {@link #keysOf keys}, so that {@link ContactDirectory#knownDomainsNear} asks for a handful of
 * candidates instead of scanning every known domain; the lookalike rule then uses the same stems to
 * decide. Index and rule must agree, so both use this class.
 *
 * <p>The <em>registrable label</em> of a domain is the label just left of its public suffix, as the
 * Public Suffix List (ICANN section, through Guava's {@link InternetDomainName}) defines it:
 * {@code aoba-shoji} for {@code mail.aoba-shoji.co.jp}, {@code aoba-shoji.jp} and
 * {@code aoba-shoji.com} alike. A name under no listed suffix counts its last label as the suffix.
 * Internationalized labels are decoded ({@code xn--} → Unicode) first.
 *
 * <p>The <em>stem</em> is the registrable label turned into its Unicode TR39 confusable skeleton (so
 * {@code 0}/{@code o}, {@code rn}/{@code m}, Cyrillic {@code а}/Latin {@code a} meet). The keys of a
 * domain are its stem and, for stems of 4 to 40 characters, the stem with any one character
 * deleted. Two domains share a key when their stems are equal (a changed public suffix:
 * {@code .co.jp} → {@code .com}), confusable, or one insertion, deletion, substitution or adjacent
 * transposition apart.
 */
public final class DomainKeys {

    private static final ThreadLocal<SpoofChecker> SPOOF =
            ThreadLocal.withInitial(() -> new SpoofChecker.Builder().build());

    /** What a domain's keys are made of, computed once per domain while {@link #STEMS} holds it. */
    private record Stem(String label, String suffix, String skeleton) {
    }

    /** Domains remembered at most; the memo starts over when full (the rules ask about few domains). */
    static final int MEMO_LIMIT = 50_000;
    private static final Map<String, Stem> STEMS = new ConcurrentHashMap<>();

    /**
     * Stems from 4 to 40 characters get deletion keys; shorter ones (one edit from a different
     * short name is just another name) and longer ones index only themselves.
     */
    static final int MIN_STEM_FOR_DELETIONS = 4;
    static final int MAX_STEM_FOR_DELETIONS = 40;

    private DomainKeys() {
    }

    /** The keys of an ASCII (punycode) domain, stem first. */
    public static Set<String> keysOf(String asciiDomain) {
        String stem = stemSkeleton(asciiDomain);
        Set<String> keys = new LinkedHashSet<>();
        keys.add(stem);
        if (stem.length() >= MIN_STEM_FOR_DELETIONS && stem.length() <= MAX_STEM_FOR_DELETIONS) {
            for (int i = 0; i < stem.length(); i++) {
                if (Character.isLowSurrogate(stem.charAt(i))) {
                    continue;
                }
                int end = Character.isHighSurrogate(stem.charAt(i)) ? i + 2 : i + 1;
                keys.add(stem.substring(0, i) + stem.substring(Math.min(end, stem.length())));
            }
        }
        return keys;
    }

    /** The confusable skeleton of the registrable label, lower-cased. */
    public static String stemSkeleton(String asciiDomain) {
        return stem(asciiDomain).skeleton();
    }

    /**
     * The registrable label in Unicode, lower-cased: {@code aoba-shoji} for
     * {@code mail.aoba-shoji.co.jp}; the first label for a name that is itself a public suffix.
     */
    public static String registrableLabel(String asciiDomain) {
        return stem(asciiDomain).label();
    }

    /**
     * The public suffix in Unicode ({@code co.jp}, {@code com}, {@code jp}); the last label when the
     * Public Suffix List lists none for the name.
     */
    public static String publicSuffix(String asciiDomain) {
        return stem(asciiDomain).suffix();
    }

    private static Stem stem(String asciiDomain) {
        String key = asciiDomain.toLowerCase(Locale.ROOT);
        Stem stem = STEMS.get(key);
        if (stem == null) {
            String unicode = Idn.toUnicode(key);
            String suffix = publicSuffixOfUnicode(unicode);
            String rest = unicode.length() > suffix.length()
                    ? unicode.substring(0, unicode.length() - suffix.length() - 1) : unicode;
            int dot = rest.lastIndexOf('.');
            String label = dot < 0 ? firstLabel(rest) : rest.substring(dot + 1);
            stem = new Stem(label, suffix, skeleton(label));
            if (STEMS.size() >= MEMO_LIMIT) {
                STEMS.clear();
            }
            STEMS.put(key, stem);
        }
        return stem;
    }

    private static String publicSuffixOfUnicode(String unicode) {
        try {
            InternetDomainName name = InternetDomainName.from(unicode);
            if (name.hasRegistrySuffix() && !name.isRegistrySuffix()) {
                return name.registrySuffix().toString();
            }
        } catch (IllegalArgumentException notListed) {
            // not a name Guava accepts: fall through to the last label
        }
        int dot = unicode.lastIndexOf('.');
        return dot < 0 ? unicode : unicode.substring(dot + 1);
    }

    private static String firstLabel(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** TR39 skeleton, applied twice around lower-casing so that {@code 0} and {@code o} meet. */
    public static String skeleton(String text) {
        SpoofChecker checker = SPOOF.get();
        String once = checker.getSkeleton(text).toLowerCase(Locale.ROOT);
        return checker.getSkeleton(once).toLowerCase(Locale.ROOT);
    }
}
