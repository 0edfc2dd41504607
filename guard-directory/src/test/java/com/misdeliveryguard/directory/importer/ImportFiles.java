package com.misdeliveryguard.directory.importer;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/** Test files: the committed ones under {@code src/test/resources/import}, and ones written on the fly. */
final class ImportFiles {

    private ImportFiles() {
    }

    static Path resource(String name) {
        try {
            return Path.of(ImportFiles.class.getResource("/import/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path write(Path directory, String name, String text, Charset charset) throws IOException {
        return Files.write(directory.resolve(name), text.getBytes(charset));
    }

    static Path write(Path directory, String name, byte[] bytes) throws IOException {
        return Files.write(directory.resolve(name), bytes);
    }
}
