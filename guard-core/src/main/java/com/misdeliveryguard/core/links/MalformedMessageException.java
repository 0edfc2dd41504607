package com.misdeliveryguard.core.links;

import java.io.IOException;

/** The message breaks a limit of the rewriter (parts, nesting, header or text size); it is not rewritten. */
public final class MalformedMessageException extends IOException {

    private static final long serialVersionUID = 1L;

    MalformedMessageException(String message) {
        super(message);
    }
}
