package com.misdeliveryguard.core.directory;

/**
 * The directory could not answer (database down, connection lost). A rule that meets it must not
 * treat the recipient as known or unknown: it fails closed and the message is held (STYLE habit 6).
 */
public final class DirectoryUnavailableException extends RuntimeException {

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
