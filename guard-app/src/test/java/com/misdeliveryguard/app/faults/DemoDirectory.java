package com.misdeliveryguard.app.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bundled demo directory (39 people; {@code tanaka@aoba-shoji.co.jp} is a known contact and
 * {@code example.co.jp} the own company), for tests that run the jar with an upstream, where it is
 * not imported by itself.
 */
public final class DemoDirectory {

    private DemoDirectory() {
    }

    /** The CSV rows without the header line, CRLF-terminated. */
    public static String rows() {
        try (InputStream demo = DemoDirectory.class.getResourceAsStream("/demo/directory.csv")) {
            String csv = new String(demo.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
            return csv.substring(csv.indexOf('\n') + 1).replace("\n", "\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the whole demo directory to {@code file}; returns it. */
    public static Path writeTo(Path file) throws IOException {
        Files.writeString(file, "email,name,name_kana,organization,department\r\n" + rows(), StandardCharsets.UTF_8);
        return file;
    }
}
