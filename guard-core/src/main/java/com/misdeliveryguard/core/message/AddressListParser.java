package com.misdeliveryguard.core.message;

import com.misdeliveryguard.core.mail.InvalidAddressException;
import com.misdeliveryguard.core.mail.MailAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an RFC 5322 §3.4 {@code address-list} (From, To, Cc) into {@link HeaderAddress}es: groups are
 * expanded, display names unquoted and decoded (RFC 2047), and each addr-spec is checked by the strict
 * {@link MailAddress#parse} parser; one that fails keeps its raw text and display name with an empty
 * address. Syntax that makes the list ambiguous (unclosed quotes, comments or brackets, two addresses
 * without a comma, a mailbox without an address) marks the header malformed.
 */
final class AddressListParser {

    private final String text;
    private final Problems problems;
    private final String where;
    private final List<HeaderAddress> addresses = new ArrayList<>();
    private final StringBuilder display = new StringBuilder();
    private final StringBuilder raw = new StringBuilder();
    private String angle;
    private String comment;
    private boolean textAfterAngle;
    private boolean inGroup;
    private boolean malformed;
    private int pos;

    private AddressListParser(String text, Problems problems, String where) {
        this.text = text;
        this.problems = problems;
        this.where = where;
    }

    /** The mailboxes of one header value; problems are reported as "... in {@code where}". */
    static List<HeaderAddress> parse(String value, Problems problems, String where) {
        AddressListParser parser = new AddressListParser(value, problems, where);
        parser.run();
        if (parser.malformed) {
            problems.add("malformed " + where);
        }
        return parser.addresses;
    }

    private void run() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            switch (c) {
                case '"' -> quoted();
                case '(' -> comment();
                case '<' -> angle();
                case ',' -> {
                    pos++;
                    flush();
                }
                case ':' -> {
                    pos++;
                    groupStart();
                }
                case ';' -> {
                    pos++;
                    flush();
                    malformed |= !inGroup;
                    inGroup = false;
                }
                default -> {
                    pos++;
                    plain(c);
                }
            }
        }
        flush();
    }

    private void plain(char c) {
        if (angle != null && !Character.isWhitespace(c)) {
            textAfterAngle = true;
        }
        display.append(c);
        raw.append(c);
    }

    private void quoted() {
        raw.append('"');
        pos++;
        while (pos < text.length() && text.charAt(pos) != '"') {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                raw.append(c);
                c = text.charAt(++pos);
            }
            display.append(c);
            raw.append(c);
            pos++;
        }
        if (pos >= text.length()) {
            malformed = true;
        } else {
            raw.append('"');
            pos++;
        }
        textAfterAngle |= angle != null;
    }

    private void comment() {
        int start = ++pos;
        int depth = 1;
        while (pos < text.length() && depth > 0) {
            char c = text.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
        }
        if (depth > 0) {
            malformed = true;
            pos = text.length();
            return;
        }
        if (comment == null) {
            comment = text.substring(start, pos - 1);
        }
        display.append(' ');
        raw.append(' ');
    }

    private void angle() {
        if (angle != null) {
            malformed = true; // "<a@b> <c@d>": two addresses without a comma
            flush();
        }
        int close = text.indexOf('>', pos);
        if (close < 0) {
            malformed = true;
            angle = text.substring(pos + 1);
            pos = text.length();
        } else {
            angle = text.substring(pos + 1, close);
            pos = close + 1;
        }
    }

    private void groupStart() {
        if (inGroup || angle != null || raw.indexOf("@") >= 0) {
            malformed = true; // a colon inside a group, after an address, or a source route
        }
        inGroup = true;
        display.setLength(0);
        raw.setLength(0);
        comment = null;
    }

    private void flush() {
        String addrSpec = (angle != null ? angle : raw.toString()).strip();
        String name = angle != null ? display.toString() : comment == null ? "" : comment;
        malformed |= textAfterAngle;
        if (addrSpec.isEmpty() && name.isBlank()) {
            reset();
            return; // empty list element: "a@b, , c@d" or an empty group
        }
        if (addrSpec.indexOf('@') < 0) {
            malformed = true;
        }
        addresses.add(mailbox(name, addrSpec));
        reset();
    }

    private HeaderAddress mailbox(String name, String addrSpec) {
        String decoded = EncodedWords.decode(name.strip().replaceAll("\\s+", " "), problems, where);
        String displayName = UnsafeCharacters.clean(decoded, problems, where).strip();
        String rawAddress = UnsafeCharacters.clean(addrSpec, problems, where);
        Optional<MailAddress> address;
        try {
            address = Optional.of(MailAddress.parse(addrSpec)); // the text as written, not the cleaned one
        } catch (InvalidAddressException e) {
            address = Optional.empty();
        }
        return new HeaderAddress(displayName, rawAddress, address);
    }

    private void reset() {
        display.setLength(0);
        raw.setLength(0);
        angle = null;
        comment = null;
        textAfterAngle = false;
    }
}
