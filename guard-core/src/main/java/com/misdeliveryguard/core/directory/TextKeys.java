package com.misdeliveryguard.core.directory;

import com.ibm.icu.text.Normalizer2;
import java.util.Locale;

/**
 * Normalized comparison keys for text that people type in many forms.
 *
 * <p>A <em>name key</em> is the text after Unicode NFKC (full-width letters and digits become
 * ASCII, half-width katakana becomes full-width, {@code ㈱} becomes {@code (株)}), lower-cased,
 * with every space (including the ideographic space U+3000), middle dot and comma removed and
 * katakana folded to hiragana and variant kanji folded to their common form ({@link VariantKanji}:
 * 髙橋 and 高橋 share a key). {@code "タナカ　タロウ"}, {@code "たなか たろう"} and {@code "ﾀﾅｶ ﾀﾛｳ"} share one
 * key. Stored keys are computed with this method at import; a change here needs a migration that re-keys
 * them (as {@code V620} did for the variant kanji).
 */
public final class TextKeys {

    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

    private TextKeys() {
    }

    /** Trims the text and turns every run of white space (U+3000 included) into one ASCII space. */
    public static String collapseSpaces(String text) {
        String stripped = text.strip();
        StringBuilder out = null;
        boolean inSpace = false;
        for (int i = 0; i < stripped.length(); i++) {
            char c = stripped.charAt(i);
            boolean space = Character.isWhitespace(c) || c == '\u3000';
            if (space && (inSpace || c != ' ') && out == null) {
                out = new StringBuilder(stripped.length()).append(stripped, 0, i);
            }
            if (out != null && !(space && inSpace)) {
                out.append(space ? ' ' : c);
            }
            inSpace = space;
        }
        return out == null ? stripped : out.toString();
    }

    /** Unicode NFKC, then trimmed of white space at both ends. */
    public static String nfkc(String text) {
        return NFKC.normalize(text).strip();
    }

    /** The key under which a person's name or reading is compared; see the class comment. */
    public static String nameKey(String text) {
        String normalized = VariantKanji.fold(NFKC.normalize(text).toLowerCase(Locale.ROOT));
        StringBuilder key = new StringBuilder(normalized.length());
        for (int i = 0; i < normalized.length(); i++) {
            char c = normalized.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '・' || c == ',' || c == '、') {
                continue;
            }
            key.append(foldKatakana(c));
        }
        return key.toString();
    }

    /** Katakana letters (ァ..ヶ) to the matching hiragana; anything else unchanged. */
    static char foldKatakana(char c) {
        return c >= 'ァ' && c <= 'ヶ' ? (char) (c - 0x60) : c;
    }

    /** True when the text holds Han, hiragana or katakana characters. */
    public static boolean hasJapanese(String text) {
        return text.codePoints().anyMatch(cp -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA;
        });
    }
}
