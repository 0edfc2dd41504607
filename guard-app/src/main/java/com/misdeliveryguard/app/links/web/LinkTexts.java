package com.misdeliveryguard.app.links.web;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The texts of the link pages ({@code i18n/links_ja|en.properties}) in one language, with the methods
 * the shared page fragments use ({@code lang}, {@code isJapanese}, {@code other}, {@code get}).
 */
public final class LinkTexts {

    private final Locale locale;
    private final ResourceBundle bundle;
    private final ZoneId zone;

    private LinkTexts(boolean japanese, ZoneId zone) {
        this.locale = japanese ? Locale.JAPANESE : Locale.ENGLISH;
        this.zone = zone;
        this.bundle = ResourceBundle.getBundle("i18n/links", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** {@code ?lang=ja|en} when given, else the message's language. */
    static LinkTexts of(String lang, boolean japaneseByDefault, ZoneId zone) {
        boolean japanese = "ja".equals(lang) || (!"en".equals(lang) && japaneseByDefault);
        return new LinkTexts(japanese, zone);
    }

    public LinkTexts other() {
        return new LinkTexts(!isJapanese(), zone);
    }

    public String lang() {
        return locale.getLanguage();
    }

    public boolean isJapanese() {
        return locale == Locale.JAPANESE;
    }

    public String get(String key, Object... args) {
        try {
            return new MessageFormat(bundle.getString(key), locale).format(args);
        } catch (MissingResourceException e) {
            return "??" + key + "??";
        }
    }

    public String time(Instant instant) {
        String pattern = isJapanese() ? "yyyy年M月d日 HH:mm (z)" : "d MMM yyyy, HH:mm (z)";
        return DateTimeFormatter.ofPattern(pattern, locale).withZone(zone).format(instant);
    }

    public String size(long bytes) {
        return com.misdeliveryguard.core.links.NoticeText.size(bytes);
    }
}
