package com.misdeliveryguard.directory.internal;

import com.ibm.icu.text.SpoofChecker;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Index keys that bring a domain close to the known domains it could be mistaken for, so that
 * the lookalike rule asks the database for a handful of candidates instead of scanning every
 * known domain.
 *
 * <p>The <em>stem</em> of a domain is its registrable label without the public suffix
 * ({@code aoba-shoji} for {@code mail.aoba-shoji.co.jp}), turned into its Unicode TR39 confusable
 * skeleton (so {@code 0}/{@code o}, {@code rn}/{@code m}, Cyrillic {@code а}/Latin {@code a} meet).
 * The keys of a domain are its stem and, for stems of 4 to 40 characters, the stem with any one
 * character deleted. Two domains share a key when their stems are equal (a changed public suffix:
 * {@code .co.jp} → {@code .com}), confusable, or one insertion, deletion, substitution or adjacent
 * transposition apart.
 */
public final class DomainKeys {

    /** Public suffixes of more than one label that people use for companies; others count as one label. */
    private static final Set<String> TWO_LABEL_SUFFIXES = Set.of(
            "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "ad.jp", "ed.jp", "gr.jp", "lg.jp",
            "co.uk", "org.uk", "ac.uk", "gov.uk", "ltd.uk", "plc.uk",
            "com.au", "net.au", "org.au", "co.nz", "co.kr", "or.kr", "com.cn", "net.cn", "org.cn",
            "com.tw", "com.hk", "com.sg", "co.in", "com.br", "co.th", "com.my", "co.id", "com.vn",
            "com.ph", "co.za", "com.mx");

    private static final ThreadLocal<SpoofChecker> SPOOF =
            ThreadLocal.withInitial(() -> new SpoofChecker.Builder().build());

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
        String unicode = Idn.toUnicode(asciiDomain.toLowerCase(Locale.ROOT));
        return skeleton(registrableLabel(unicode));
    }

    /** The label just left of the public suffix, or the whole name when it has one label. */
    static String registrableLabel(String domain) {
        String[] labels = domain.split("\\.");
        if (labels.length < 2) {
            return domain;
        }
        String lastTwo = labels[labels.length - 2] + "." + labels[labels.length - 1];
        int suffixLabels = TWO_LABEL_SUFFIXES.contains(lastTwo) && labels.length > 2 ? 2 : 1;
        return labels[labels.length - 1 - suffixLabels];
    }

    /** TR39 skeleton, applied twice around lower-casing so that {@code 0} and {@code o} meet. */
    public static String skeleton(String text) {
        SpoofChecker checker = SPOOF.get();
        String once = checker.getSkeleton(text).toLowerCase(Locale.ROOT);
        return checker.getSkeleton(once).toLowerCase(Locale.ROOT);
    }
}
