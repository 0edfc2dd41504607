package com.misdeliveryguard.core.directory;

/**
 * Variant (異体字) and old-form (旧字体) kanji that people and registries write for the same name:
 * 髙橋 and 高橋, 﨑 and 崎, 齋藤 and 斎藤, 渡邊 and 渡辺. Folding maps each variant to its common form
 * so that a salutation written with one matches a directory entry written with the other.
 *
 * <p>The table maps single UTF-16 code units (all in the Basic Multilingual Plane), so the same
 * fold can be applied by SQL {@code TRANSLATE} in the migration that re-keys stored names
 * ({@code V620__name_keys_fold_variant_kanji.sql} in guard-directory, which holds the same two
 * strings). {@code 𠮷} (U+20BB7, outside the BMP) is folded to {@code 吉} separately.
 */
public final class VariantKanji {

    /** Variant forms, one per character; {@link #COMMON} holds the common form at the same index. */
    public static final String VARIANTS = "髙﨑嵜碕齋齊斉齎邊邉澤濱濵德廣國榮櫻淺眞靜圓關瀧嶋嶌實恆壽條與兒會藏澁冨彌舘槇曾栁";
    /** The common forms of {@link #VARIANTS}, index by index. */
    public static final String COMMON = "高崎崎崎斎斎斎斎辺辺沢浜浜徳広国栄桜浅真静円関滝島島実恒寿条与児会蔵渋富弥館槙曽柳";

    private static final String SUPPLEMENTARY_YOSHI = new String(Character.toChars(0x20BB7));

    private VariantKanji() {
    }

    /** The text with every variant kanji replaced by its common form. */
    public static String fold(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int index = c < 0x2E80 ? -1 : VARIANTS.indexOf(c);
            if (index >= 0 && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(index >= 0 ? COMMON.charAt(index) : c);
            }
        }
        String folded = out == null ? text : out.toString();
        return folded.contains(SUPPLEMENTARY_YOSHI) ? folded.replace(SUPPLEMENTARY_YOSHI, "吉") : folded;
    }
}
