package com.misdeliveryguard.core.directory;

import java.util.Objects;
import java.util.Optional;

/**
 * A person's name (or its reading) as written, with its family and given parts when known.
 *
 * <p>Importers that read structured fields (Outlook's 姓/名, vCard {@code N}, LDAP {@code sn} and
 * {@code givenName}) pass the parts; {@link #of(String)} guesses them from a written name: in
 * Japanese the family name comes first ({@code 田中 太郎}), in Latin script last
 * ({@code Taro Tanaka}) unless a comma says otherwise ({@code Tanaka, Taro}); a name without a
 * space ({@code 田中太郎}) has no known parts.
 *
 * <p>Names are compared by keys ({@link TextKeys#nameKey}): width, spaces, case and
 * katakana/hiragana do not matter.
 */
public record PersonName(String display, Optional<String> family, Optional<String> given) {

    static final int MAX_LENGTH = 200;

    public PersonName {
        display = clean(Objects.requireNonNull(display, "display"));
        family = family.map(PersonName::clean).filter(s -> !s.isEmpty());
        given = given.map(PersonName::clean).filter(s -> !s.isEmpty());
        if (display.isEmpty()) {
            throw new IllegalArgumentException("empty name");
        }
        if (display.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("name longer than " + MAX_LENGTH + " characters");
        }
        if (display.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("control character in name");
        }
    }

    /** A written name, its parts guessed as the class comment says. */
    public static PersonName of(String written) {
        String display = clean(written);
        int comma = display.indexOf(',');
        if (comma > 0 && !TextKeys.hasJapanese(display)) {
            return new PersonName(display, Optional.of(display.substring(0, comma)),
                    Optional.of(display.substring(comma + 1)));
        }
        int space = display.indexOf(' ');
        if (space < 0) {
            return new PersonName(display, Optional.empty(), Optional.empty());
        }
        if (TextKeys.hasJapanese(display)) {
            return new PersonName(display, Optional.of(display.substring(0, space)),
                    Optional.of(display.substring(space + 1)));
        }
        int last = display.lastIndexOf(' ');
        return new PersonName(display, Optional.of(display.substring(last + 1)),
                Optional.of(display.substring(0, last)));
    }

    /**
     * A name from its parts, any of which may be blank; the display name is made from the parts
     * when it is blank (family first in Japanese, last otherwise).
     *
     * @return empty when every part is blank
     */
    public static Optional<PersonName> of(String display, String family, String given) {
        String d = clean(nullToEmpty(display));
        String f = clean(nullToEmpty(family));
        String g = clean(nullToEmpty(given));
        if (d.isEmpty()) {
            boolean japanese = TextKeys.hasJapanese(f + g);
            d = clean(japanese ? f + " " + g : g + " " + f);
        }
        if (d.isEmpty()) {
            return Optional.empty();
        }
        if (f.isEmpty() && g.isEmpty()) {
            return Optional.of(of(d));
        }
        return Optional.of(new PersonName(d, Optional.of(f), Optional.of(g)));
    }

    /** The key of the whole name. */
    public String key() {
        return TextKeys.nameKey(display);
    }

    public Optional<String> familyKey() {
        return family.map(TextKeys::nameKey).filter(s -> !s.isEmpty());
    }

    public Optional<String> givenKey() {
        return given.map(TextKeys::nameKey).filter(s -> !s.isEmpty());
    }

    private static String clean(String text) {
        return TextKeys.collapseSpaces(text);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    @Override
    public String toString() {
        return display;
    }
}
