package com.misdeliveryguard.app.confirm.web;

import com.misdeliveryguard.app.confirm.ConfirmProperties;
import com.misdeliveryguard.app.confirm.present.Texts;
import java.util.Locale;

/** The language of a page: {@code ?lang=ja|en} when given, else {@code guard.confirm.locale}. */
final class PageLanguage {

    private final ConfirmProperties properties;

    PageLanguage(ConfirmProperties properties) {
        this.properties = properties;
    }

    Texts texts(String lang) {
        Locale locale = "en".equals(lang) || "ja".equals(lang) ? Locale.forLanguageTag(lang) : properties.firstLocale();
        return Texts.of(locale, properties.timeZone());
    }
}
