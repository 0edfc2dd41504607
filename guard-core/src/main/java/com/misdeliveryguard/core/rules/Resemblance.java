package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.DomainKeys;
import com.misdeliveryguard.core.directory.DomainName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * How an unknown domain resembles a known one, strongest first. Domains are compared by their
 * registrable label (left of the public suffix) and its TR39 skeleton, as {@link DomainKeys} defines.
 */
enum Resemblance {

    /** Unicode labels ({@code xn--}) whose skeleton is the known label: {@code аoba-shoji.co.jp} (Cyrillic а). */
    IDN_HOMOGRAPH("見た目の同じ別の文字を使った国際化ドメイン名", "an internationalized (IDN) homograph"),
    /** ASCII spelling with the same skeleton: {@code aoba-sh0ji}, {@code rnidori} for {@code midori}. */
    CONFUSABLE("紛らわしい文字", "confusable characters"),
    /** The same label under another public suffix: {@code aoba-shoji.com} for {@code aoba-shoji.co.jp}. */
    PUBLIC_SUFFIX("末尾の .co.jp や .com だけが違うドメイン", "a different public suffix"),
    /**
     * A typo in the public suffix itself that makes another country's domain or none:
     * {@code aoba-shoji.co.jo}, {@code .co.kp}, {@code .cojp} for {@code aoba-shoji.co.jp}.
     */
    SUFFIX_TYPO("末尾（.co.jp など）を打ち間違えたドメイン", "a typo in the ending (.co.jp and the like)"),
    /** One or two edits apart: {@code aoba-shoij}, {@code aoba-shouji}. */
    EDIT_DISTANCE("1〜2文字だけ違う綴り", "a spelling one or two characters apart");

    /** Shortest label (skeleton) for which one edit counts; shorter names differ legitimately. */
    static final int MIN_LENGTH_FOR_ONE_EDIT = 4;
    /** Shortest label (skeleton) for which two edits count. */
    static final int MIN_LENGTH_FOR_TWO_EDITS = 9;

    /** The endings whose typos {@link #suffixTypos} undoes. */
    static final List<String> COMMON_SUFFIXES = List.of("co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp", "ed.jp", "jp",
            "com", "net", "org", "co.uk", "com.cn");

    private final String japanese;
    private final String english;

    Resemblance(String japanese, String english) {
        this.japanese = japanese;
        this.english = english;
    }

    String japanese() {
        return japanese;
    }

    String english() {
        return english;
    }

    /** How {@code unknown} resembles {@code known}, if it does; empty for the same domain or no resemblance. */
    static Optional<Resemblance> of(DomainName unknown, DomainName known) {
        if (unknown.equals(known)) {
            return Optional.empty();
        }
        String label = DomainKeys.registrableLabel(unknown.ascii());
        String knownLabel = DomainKeys.registrableLabel(known.ascii());
        String skeleton = DomainKeys.skeleton(label);
        String knownSkeleton = DomainKeys.skeleton(knownLabel);
        if (label.equals(knownLabel)) {
            boolean otherSuffix = !DomainKeys.publicSuffix(unknown.ascii()).equals(DomainKeys.publicSuffix(known.ascii()));
            return otherSuffix ? Optional.of(PUBLIC_SUFFIX) : Optional.empty();
        }
        if (skeleton.equals(knownSkeleton)) {
            return Optional.of(isAscii(label) ? CONFUSABLE : IDN_HOMOGRAPH);
        }
        int length = Math.min(skeleton.length(), knownSkeleton.length());
        int allowed = length >= MIN_LENGTH_FOR_TWO_EDITS ? 2 : length >= MIN_LENGTH_FOR_ONE_EDIT ? 1 : 0;
        if (allowed > 0 && EditDistance.between(skeleton, knownSkeleton) <= allowed) {
            return Optional.of(EDIT_DISTANCE);
        }
        return Optional.empty();
    }

    /**
     * The domains the given one would be if its ending were a common suffix one typo away: the last one or
     * two labels ({@code co.jo}, {@code cojp}) within one edit (a dropped or added dot counts as one) of one of
     * {@link #COMMON_SUFFIXES} and not that suffix. {@code aoba-shoji.co.jo} → {@code aoba-shoji.co.jp}.
     */
    static List<String> suffixTypos(DomainName domain) {
        String[] labels = domain.ascii().split("\\.");
        List<String> candidates = new ArrayList<>();
        for (int tailLabels = 1; tailLabels <= 2 && tailLabels < labels.length; tailLabels++) {
            String rest = String.join(".", Arrays.asList(labels).subList(0, labels.length - tailLabels));
            String tail = String.join(".", Arrays.asList(labels).subList(labels.length - tailLabels, labels.length));
            for (String suffix : COMMON_SUFFIXES) {
                if (!tail.equals(suffix) && tail.length() >= 3 && EditDistance.between(tail, suffix) == 1) {
                    candidates.add(rest + "." + suffix);
                }
            }
        }
        return candidates;
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }
}
