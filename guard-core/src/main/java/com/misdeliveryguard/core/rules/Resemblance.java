package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.DomainKeys;
import com.misdeliveryguard.core.directory.DomainName;
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
    /** One or two edits apart: {@code aoba-shoij}, {@code aoba-shouji}. */
    EDIT_DISTANCE("1〜2文字だけ違う綴り", "a spelling one or two characters apart");

    /** Shortest label (skeleton) for which one edit counts; shorter names differ legitimately. */
    static final int MIN_LENGTH_FOR_ONE_EDIT = 4;
    /** Shortest label (skeleton) for which two edits count. */
    static final int MIN_LENGTH_FOR_TWO_EDITS = 9;

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

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }
}
