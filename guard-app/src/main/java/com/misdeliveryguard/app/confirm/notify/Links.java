package com.misdeliveryguard.app.confirm.notify;

import com.misdeliveryguard.app.confirm.hold.ConfirmationToken;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Confirmation links, built from {@code guard.public-url} only — never from a request's Host
 * header, which a client controls.
 */
public final class Links {

    private final String base;

    private Links(String base) {
        this.base = base;
    }

    /**
     * @throws IllegalArgumentException with the fix, when the public URL is not an absolute http(s) URL
     *                                  without query or fragment
     */
    public static Links of(String publicUrl) {
        try {
            URI uri = new URI(publicUrl.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("guard.public-url must be an absolute http(s) URL without query or "
                        + "fragment, such as https://guard.example.co.jp, not '" + publicUrl + "'");
            }
            String text = uri.toString();
            return new Links(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("guard.public-url is not a URL: '" + publicUrl + "'", e);
        }
    }

    /** The link to the confirmation page of a token. */
    public String confirmation(ConfirmationToken token) {
        return base + "/confirm/" + token.value();
    }

    /** The sender's own list of held messages. */
    public String myHolds() {
        return base + "/my/held";
    }
}
