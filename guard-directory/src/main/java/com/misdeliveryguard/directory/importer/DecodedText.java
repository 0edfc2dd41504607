package com.misdeliveryguard.directory.importer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens a text file in the encoding it was written in, as address books on Japanese Windows
 * write them: a byte-order mark decides (UTF-8, UTF-16); else the file is UTF-8 when it decodes
 * strictly as UTF-8, else Windows-31J (Shift_JIS with Microsoft's extensions) when it decodes
 * strictly as that. A file that is neither — or UTF-8 damaged after valid multi-byte text — fails
 * with the line of the first bad byte. The decoders stay strict while reading, so nothing is
 * silently replaced by {@code U+FFFD}.
 */
final class DecodedText {

    static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    private DecodedText() {
    }

    /** The opened file and the encoding chosen. */
    record Opened(Reader reader, Charset charset) {
    }

    static Opened open(Path file) throws ImportFailure {
        try {
            byte[] head = new byte[3];
            int headLength;
            try (InputStream in = Files.newInputStream(file)) {
                headLength = in.readNBytes(head, 0, 3);
            }
            if (headLength >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
                return new Opened(reader(file, 3, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            }
            if (headLength >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE) {
                return new Opened(reader(file, 2, StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE);
            }
            if (headLength >= 2 && (head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF) {
                return new Opened(reader(file, 2, StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE);
            }
            Scan utf8 = scan(file, StandardCharsets.UTF_8);
            if (utf8.nul()) {
                throw new ImportFailure("the file holds NUL bytes: not a text file, or UTF-16 without a byte-order mark;"
                        + " save it as UTF-8", utf8.errorLine());
            }
            if (utf8.valid()) {
                return new Opened(reader(file, 0, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            }
            if (utf8.nonAsciiBeforeError() > 0) {
                throw new ImportFailure("invalid UTF-8 after valid UTF-8 text: the file is damaged or mixes"
                        + " encodings; save it again as UTF-8", utf8.errorLine());
            }
            Scan sjis = scan(file, WINDOWS_31J);
            if (sjis.valid()) {
                return new Opened(reader(file, 0, WINDOWS_31J), WINDOWS_31J);
            }
            throw new ImportFailure("the file is neither UTF-8 nor Shift_JIS (Windows-31J); save it as UTF-8",
                    Math.max(utf8.errorLine(), sjis.errorLine()));
        } catch (NoSuchFileException e) {
            throw new ImportFailure("no such file: " + file, 0);
        } catch (IOException e) {
            throw new ImportFailure("cannot read the file: " + e, 0);
        }
    }

    private static Reader reader(Path file, long skip, Charset charset) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.skipNBytes(skip);
        return new InputStreamReader(in, strict(charset));
    }

    static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * @param valid               the whole file decodes
     * @param errorLine           line of the first bad byte (or NUL), 0 when valid
     * @param nonAsciiBeforeError non-ASCII characters decoded before it
     * @param nul                 a NUL byte was met
     */
    record Scan(boolean valid, long errorLine, long nonAsciiBeforeError, boolean nul) {
    }

    /** Decodes the whole file strictly, streaming, without keeping the text. */
    static Scan scan(Path file, Charset charset) throws IOException {
        CharsetDecoder decoder = strict(charset);
        ByteBuffer in = ByteBuffer.allocate(1 << 16);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        long line = 1;
        long nonAscii = 0;
        try (InputStream stream = Files.newInputStream(file)) {
            boolean end = false;
            while (true) {
                if (!end) {
                    int read = stream.read(in.array(), in.position(), in.remaining());
                    if (read < 0) {
                        end = true;
                    } else {
                        in.position(in.position() + read);
                    }
                }
                in.flip();
                CoderResult result = decoder.decode(in, out, end);
                out.flip();
                while (out.hasRemaining()) {
                    char c = out.get();
                    if (c == '\n') {
                        line++;
                    } else if (c == 0) {
                        return new Scan(false, line, nonAscii, true);
                    } else if (c >= 0x80) {
                        nonAscii++;
                    }
                }
                out.clear();
                if (result.isError()) {
                    return new Scan(false, line, nonAscii, false);
                }
                in.compact();
                if (end && result.isUnderflow()) {
                    CoderResult flush = decoder.flush(out);
                    return new Scan(!flush.isError(), flush.isError() ? line : 0, nonAscii, false);
                }
            }
        }
    }
}
