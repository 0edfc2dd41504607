package com.misdeliveryguard.core.links;

import java.util.Objects;

/**
 * What one recipient reads instead of the attachments, once as plain text and once as an HTML fragment.
 *
 * @param plain text with CRLF or LF line ends (written with CRLF)
 * @param html  an HTML fragment, already escaped, inserted before {@code </body>}
 */
public record Notice(String plain, String html) {

    public Notice {
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(html, "html");
    }
}
