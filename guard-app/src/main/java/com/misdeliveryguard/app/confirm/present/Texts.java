package com.misdeliveryguard.app.confirm.present;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * The words of the confirmation page and the notifications in one language, from the bundles
 * {@code i18n/confirm_ja.properties} and {@code i18n/confirm_en.properties} (UTF-8, {@link MessageFormat}
 * patterns: a literal apostrophe is written twice). A missing key shows as {@code ??key??} instead
 * of failing the page.
 */
public final class Texts {

    /** The languages offered, Japanese first. */
    public static final List<Locale> LANGUAGES = List.of(Locale.JAPANESE, Locale.ENGLISH);
    private static final String BUNDLE = "i18n/confirm";

    private final Locale locale;
    private final ResourceBundle bundle;
    private final ZoneId zone;

    private Texts(Locale locale, ZoneId zone) {
        this.locale = locale;
        this.zone = zone;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The texts in {@code ja} or {@code en} (anything else gets English); times shown in {@code zone}. */
    public static Texts of(Locale locale, ZoneId zone) {
        Locale l = Locale.JAPANESE.getLanguage().equals(locale.getLanguage()) ? Locale.JAPANESE : Locale.ENGLISH;
        return new Texts(l, Objects.requireNonNull(zone, "zone"));
    }

    /** The other language than this one. */
    public Texts other() {
        return new Texts(isJapanese() ? Locale.ENGLISH : Locale.JAPANESE, zone);
    }

    public Locale locale() {
        return locale;
    }

    /** {@code ja} or {@code en}, for {@code lang} attributes and links. */
    public String lang() {
        return locale.getLanguage();
    }

    public boolean isJapanese() {
        return locale.getLanguage().equals("ja");
    }

    /** The text of {@code key} with its arguments filled in. */
    public String get(String key, Object... args) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "??" + key + "??";
        }
        return new MessageFormat(pattern, locale).format(args);
    }

    /** The text of {@code key}, or of {@code fallback} when the bundle has no {@code key}. */
    public String getOr(String key, String fallback, Object... args) {
        return get(bundle.containsKey(key) ? key : fallback, args);
    }

    /** A point in time as people of this language read it, in the configured zone. */
    public String time(Instant instant) {
        String pattern = isJapanese() ? "yyyy年M月d日 HH:mm (z)" : "d MMM yyyy, HH:mm (z)";
        return DateTimeFormatter.ofPattern(pattern, locale).withZone(zone).format(instant);
    }
}
