package com.misdeliveryguard.app.console;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The console's words in one language, from {@code i18n/console_ja.properties} and
 * {@code i18n/console_en.properties}. A missing key shows as {@code ??key??} instead of failing the
 * page; a rule without a title shows its id.
 */
public final class ConsoleTexts {

    private static final String BUNDLE = "i18n/console";
    private static final ConsoleTexts JA = new ConsoleTexts(Locale.JAPANESE);
    private static final ConsoleTexts EN = new ConsoleTexts(Locale.ENGLISH);

    private final Locale locale;
    private final ResourceBundle bundle;

    private ConsoleTexts(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Japanese for {@code ja}, English for anything else. */
    public static ConsoleTexts of(Locale locale) {
        return "ja".equals(locale.getLanguage()) ? JA : EN;
    }

    /** {@code ja} or {@code en}. */
    public String lang() {
        return locale.getLanguage();
    }

    /** The other language's code, for the switch in the menu. */
    public String otherLang() {
        return "ja".equals(lang()) ? "en" : "ja";
    }

    public String get(String key, Object... args) {
        try {
            return new MessageFormat(bundle.getString(key), locale).format(args);
        } catch (MissingResourceException e) {
            return "??" + key + "??";
        }
    }

    /** The title of a rule, or its id when it has none. */
    public String rule(String id) {
        return bundle.containsKey("rule." + id) ? bundle.getString("rule." + id) : id;
    }

    /** The titles of rules, joined for one cell. */
    public String rules(List<String> ids) {
        return String.join(", ", ids.stream().map(this::rule).toList());
    }

    /** The label of a code under a prefix ({@code state.held}), or the code itself. */
    public String label(String prefix, String code) {
        return bundle.containsKey(prefix + "." + code) ? bundle.getString(prefix + "." + code) : code;
    }
}
