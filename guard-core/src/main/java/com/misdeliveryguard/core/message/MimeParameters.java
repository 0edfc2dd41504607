package com.misdeliveryguard.core.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@code Content-Type} or {@code Content-Disposition} value: the lower-case main value and its
 * parameters (RFC 2045 §5.1), with RFC 2231 continuations ({@code name*0=}, {@code name*1*=}) joined and
 * their {@code charset'language'} percent-encoding decoded. An RFC 2231 value wins over a plain one of the
 * same name. Parameters repeated under the same name are reported, since parsers disagree on which counts.
 */
final class MimeParameters {

    private static final int MAX_SECTIONS = 100;

    private final String value;
    private final Map<String, String> plain = new LinkedHashMap<>();
    private final Map<String, TreeMap<Integer, Section>> extended = new LinkedHashMap<>();
    private final Map<String, String> decoded = new LinkedHashMap<>();

    private record Section(String text, boolean encoded) {
    }

    private MimeParameters(String value) {
        this.value = value;
    }

    static MimeParameters parse(String header, Problems problems, String where) {
        int semicolon = header.indexOf(';');
        String main = (semicolon < 0 ? header : header.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        MimeParameters result = new MimeParameters(main);
        if (semicolon >= 0) {
            result.readParameters(header, semicolon + 1, problems, where);
            result.join(problems, where);
        }
        return result;
    }

    /** The main value in lower case, e.g. {@code text/plain} or {@code attachment}; may be empty. */
    String value() {
        return value;
    }

    /** A parameter's value (name case-insensitive), RFC 2231 decoded; encoded words left as written. */
    Optional<String> get(String name) {
        return Optional.ofNullable(decoded.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Whether {@code name} was given in RFC 2231 form, which excludes RFC 2047 encoded words. */
    boolean isExtended(String name) {
        return extended.containsKey(name.toLowerCase(Locale.ROOT));
    }

    private void readParameters(String text, int start, Problems problems, String where) {
        int pos = start;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ';' || Character.isWhitespace(c)) {
                pos++;
                continue;
            }
            int end = pos;
            while (end < text.length() && text.charAt(end) != '=' && text.charAt(end) != ';') {
                end++;
            }
            if (end >= text.length() || text.charAt(end) == ';') {
                pos = end; // a parameter without a value: ignored
                continue;
            }
            String name = text.substring(pos, end).strip().toLowerCase(Locale.ROOT);
            pos = end + 1;
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                pos++;
            }
            StringBuilder val = new StringBuilder();
            if (pos < text.length() && text.charAt(pos) == '"') {
                pos++;
                while (pos < text.length() && text.charAt(pos) != '"') {
                    if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
                        pos++;
                    }
                    val.append(text.charAt(pos++));
                }
                if (pos >= text.length()) {
                    problems.add("unterminated quoted parameter in " + where);
                }
                while (pos < text.length() && text.charAt(pos) != ';') {
                    pos++;
                }
            } else {
                while (pos < text.length() && text.charAt(pos) != ';') {
                    val.append(text.charAt(pos++));
                }
            }
            add(name, val.toString().strip(), problems, where);
        }
    }

    private void add(String name, String text, Problems problems, String where) {
        int star = name.indexOf('*');
        String base = star < 0 ? name : name.substring(0, star);
        String rest = star < 0 ? null : name.substring(star + 1);
        boolean duplicate;
        if (rest == null) {
            duplicate = plain.putIfAbsent(name, text) != null;
        } else if (rest.isEmpty()) {
            duplicate = sections(base).putIfAbsent(0, new Section(text, true)) != null;
        } else if (rest.matches("\\d{1,3}\\*?")) {
            boolean encoded = rest.endsWith("*");
            int index = Integer.parseInt(encoded ? rest.substring(0, rest.length() - 1) : rest);
            TreeMap<Integer, Section> sections = sections(base);
            duplicate = sections.size() >= MAX_SECTIONS || sections.putIfAbsent(index, new Section(text, encoded)) != null;
        } else {
            duplicate = plain.putIfAbsent(name, text) != null;
        }
        if (duplicate) {
            problems.add("duplicate parameter " + Problems.quote(base) + " in " + where);
        }
    }

    private TreeMap<Integer, Section> sections(String base) {
        return extended.computeIfAbsent(base, b -> new TreeMap<>());
    }

    private void join(Problems problems, String where) {
        decoded.putAll(plain);
        extended.forEach((name, sections) -> decoded.put(name, joinSections(sections, problems, where)));
    }

    /** RFC 2231 §3-§4: sections in order; the first encoded one may carry {@code charset'language'}. */
    private static String joinSections(TreeMap<Integer, Section> sections, Problems problems, String where) {
        String charsetName = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        for (Section section : sections.values()) {
            String text = section.text();
            if (section.encoded() && first) {
                int q1 = text.indexOf('\'');
                int q2 = q1 < 0 ? -1 : text.indexOf('\'', q1 + 1);
                if (q2 >= 0) {
                    charsetName = text.substring(0, q1);
                    text = text.substring(q2 + 1);
                }
            }
            first = false;
            if (section.encoded()) {
                percentDecode(text, bytes, problems, where);
            } else {
                bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] raw = bytes.toByteArray();
        if (charsetName == null || charsetName.isEmpty()) {
            return MailCharsets.decodeUndeclared(raw);
        }
        Optional<Charset> charset = MailCharsets.forName(charsetName);
        if (charset.isEmpty()) {
            problems.add("unknown charset " + Problems.quote(charsetName) + " in " + where);
            return MailCharsets.decodeUndeclared(raw);
        }
        return MailCharsets.decode(raw, charset.get());
    }

    private static void percentDecode(String text, ByteArrayOutputStream out, Problems problems, String where) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int hi = c == '%' && i + 2 < text.length() ? EncodedWords.hex(text.charAt(i + 1)) : -1;
            int lo = hi >= 0 ? EncodedWords.hex(text.charAt(i + 2)) : -1;
            if (c == '%' && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                if (c == '%') {
                    problems.add("undecodable RFC 2231 parameter in " + where);
                }
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
