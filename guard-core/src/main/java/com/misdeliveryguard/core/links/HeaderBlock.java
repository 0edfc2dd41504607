package com.misdeliveryguard.core.links;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An entity's header as read: the field lines byte for byte, and the empty line that ended it (empty
 * when the header ran into a delimiter or the end). Rewrites replace whole fields and copy the others
 * unchanged.
 */
record HeaderBlock(byte[] fields, byte[] separator) {

    private static final byte[] CRLF = {'\r', '\n'};

    /** One field: its lower-case name and its lines (continuations included) as bytes. */
    record Field(String name, byte[] bytes) {

        /** The unfolded value, ASCII or UTF-8. */
        String value() {
            String text = new String(bytes, StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return text.substring(colon + 1).replaceAll("\r\n([ \t])", "$1").strip();
        }
    }

    List<Field> parsed() {
        List<Field> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < fields.length; i++) {
            boolean lineEnd = fields[i] == '\n';
            boolean fieldEnd = lineEnd && (i + 1 == fields.length || (fields[i + 1] != ' ' && fields[i + 1] != '\t'));
            if (fieldEnd || i + 1 == fields.length) {
                byte[] field = java.util.Arrays.copyOfRange(fields, start, i + 1);
                int colon = 0;
                while (colon < field.length && field[colon] != ':') {
                    colon++;
                }
                String name = new String(field, 0, colon, StandardCharsets.ISO_8859_1).strip().toLowerCase(Locale.ROOT);
                out.add(new Field(name, field));
                start = i + 1;
            }
        }
        return out;
    }

    Optional<Field> field(String name) {
        return parsed().stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * The field lines with the named fields removed and the given fields (complete lines without CRLF)
     * added at the end, followed by the original separator (or CRLF when there was none).
     */
    byte[] rewritten(Set<String> removed, List<String> added) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Field f : parsed()) {
            if (!removed.contains(f.name())) {
                out.writeBytes(f.bytes());
            }
        }
        for (String line : added) {
            out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
            out.writeBytes(CRLF);
        }
        out.writeBytes(CRLF);
        return out.toByteArray();
    }

    byte[] raw() {
        byte[] all = new byte[fields.length + separator.length];
        System.arraycopy(fields, 0, all, 0, fields.length);
        System.arraycopy(separator, 0, all, fields.length, separator.length);
        return all;
    }
}
