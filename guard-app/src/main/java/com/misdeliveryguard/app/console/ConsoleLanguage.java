package com.misdeliveryguard.app.console;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Chooses the console's language for each request and puts the {@link ConsoleTexts} in the request
 * attribute {@value #ATTRIBUTE} for the templates: {@code ?lang=ja|en} (remembered in a cookie for a
 * year), else the cookie, else the browser's Accept-Language (its first of ja/en), else Japanese.
 */
public final class ConsoleLanguage implements HandlerInterceptor {

    /** The request attribute the templates read. */
    public static final String ATTRIBUTE = "tx";
    static final String COOKIE = "guard-console-lang";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        ConsoleTexts texts = ConsoleTexts.of(choose(request, response));
        request.setAttribute(ATTRIBUTE, texts);
        return true;
    }

    /** The texts chosen for this request (for controllers that write text themselves, such as the CSV). */
    public static ConsoleTexts of(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof ConsoleTexts t ? t : ConsoleTexts.of(choose(request, null));
    }

    private static Locale choose(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> asked = supported(request.getParameter("lang"));
        if (asked.isPresent()) {
            if (response != null) {
                Cookie cookie = new Cookie(COOKIE, asked.get());
                cookie.setPath("/");
                cookie.setMaxAge(365 * 24 * 3600);
                cookie.setHttpOnly(true);
                response.addCookie(cookie);
            }
            return Locale.forLanguageTag(asked.get());
        }
        Optional<String> remembered = Optional.ofNullable(request.getCookies()).stream().flatMap(Arrays::stream)
                .filter(c -> COOKIE.equals(c.getName())).map(Cookie::getValue).flatMap(v -> supported(v).stream())
                .findFirst();
        if (remembered.isPresent()) {
            return Locale.forLanguageTag(remembered.get());
        }
        if (request.getHeader("Accept-Language") != null) {
            for (Locale l : java.util.Collections.list(request.getLocales())) {
                if (supported(l.getLanguage()).isPresent()) {
                    return Locale.forLanguageTag(l.getLanguage());
                }
            }
        }
        return Locale.JAPANESE;
    }

    private static Optional<String> supported(String lang) {
        return Optional.ofNullable(lang).map(l -> l.strip().toLowerCase(Locale.ROOT))
                .filter(l -> l.equals("ja") || l.equals("en"));
    }
}
