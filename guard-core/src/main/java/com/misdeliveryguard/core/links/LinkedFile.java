package com.misdeliveryguard.core.links;

import java.util.Objects;

/**
 * One attachment taken out of a message.
 *
 * @param part        the entity's number in depth-first order (0 is the message itself), stable for the bytes
 * @param name        decoded file name
 * @param contentType lower-case media type as declared
 * @param size        decoded size in bytes
 * @param sha256      hex SHA-256 of the decoded bytes
 */
public record LinkedFile(int part, String name, String contentType, long size, String sha256) {

    public LinkedFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
        if (part < 0 || size < 0) {
            throw new IllegalArgumentException("part and size must not be negative");
        }
    }
}
