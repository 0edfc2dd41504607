package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.Contact;
import com.misdeliveryguard.core.directory.PersonName;
import com.misdeliveryguard.core.directory.TextKeys;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares a person's name as a message writes it ({@code 田中}, {@code 田中 太郎}, {@code Taro Tanaka},
 * {@code Mr. Tanaka} without the title) with a contact's name and reading, by the directory's name keys
 * ({@link TextKeys#nameKey}: width, spacing and katakana/hiragana do not matter).
 *
 * <p>A written name matches a contact when one of its keys is the key of the contact's full name, family
 * name, given name, family+given or given+family, of the name or of its reading. Latin words also count by
 * their {@link Romaji} readings, so {@code Tanaka} matches a contact 田中 read たなか. A Japanese name
 * without known parts ({@code 田中太郎}) also matches a written name that begins it ({@code 田中}).
 */
final class PersonKeys {

    private record Names(Optional<PersonName> name, Optional<PersonName> reading) {
    }

    /** Contacts' keys remembered at most; the memo starts over when full. */
    static final int MEMO_LIMIT = 50_000;
    private static final Map<Names, Set<String>> CONTACT_KEYS = new ConcurrentHashMap<>();

    private PersonKeys() {
    }

    /** The keys of a written name, whole and with its (at most two) words in either order. */
    static Set<String> ofWritten(String person) {
        List<String> words = List.of(TextKeys.collapseSpaces(person).split(" "));
        Set<String> keys = new LinkedHashSet<>();
        keys.add(TextKeys.nameKey(person));
        if (words.size() == 2) {
            keys.add(TextKeys.nameKey(words.get(1) + words.get(0)));
        }
        if (!TextKeys.hasJapanese(person) && words.size() <= 3) {
            for (String reading : readings(words)) {
                keys.add(TextKeys.nameKey(reading));
            }
            if (words.size() == 2) {
                for (String reading : readings(List.of(words.get(1), words.get(0)))) {
                    keys.add(TextKeys.nameKey(reading));
                }
            }
        }
        keys.remove("");
        return keys;
    }

    /** The texts to ask the directory for people of this name: the name and its kana readings. */
    static Set<String> queries(String person) {
        Set<String> queries = new LinkedHashSet<>(ofWritten(person));
        return queries.size() > 6 ? Set.copyOf(new ArrayList<>(queries).subList(0, 6)) : queries;
    }

    static boolean matches(Set<String> written, Contact contact) {
        Set<String> keys = ofContact(contact);
        for (String key : written) {
            if (keys.contains(key)) {
                return true;
            }
        }
        Optional<PersonName> name = contact.name().filter(n -> n.family().isEmpty() && TextKeys.hasJapanese(n.display()));
        if (name.isPresent()) {
            String whole = name.get().key();
            return written.stream().anyMatch(key -> key.length() >= 1 && key.length() < whole.length()
                    && whole.startsWith(key) && TextKeys.hasJapanese(key));
        }
        return false;
    }

    /** The keys of a contact's name and reading (see the class comment), remembered per name. */
    static Set<String> ofContact(Contact contact) {
        Names names = new Names(contact.name(), contact.reading());
        Set<String> keys = CONTACT_KEYS.get(names);
        if (keys == null) {
            Set<String> computed = new LinkedHashSet<>();
            contact.name().ifPresent(name -> addKeys(computed, name));
            contact.reading().ifPresent(reading -> addKeys(computed, reading));
            keys = Set.copyOf(computed);
            if (CONTACT_KEYS.size() >= MEMO_LIMIT) {
                CONTACT_KEYS.clear();
            }
            CONTACT_KEYS.put(names, keys);
        }
        return keys;
    }

    private static void addKeys(Set<String> keys, PersonName name) {
        keys.add(name.key());
        Optional<String> family = name.familyKey();
        Optional<String> given = name.givenKey();
        family.ifPresent(keys::add);
        given.ifPresent(keys::add);
        if (family.isPresent() && given.isPresent()) {
            keys.add(family.get() + given.get());
            keys.add(given.get() + family.get());
        }
    }

    /** Every combination of the words' readings, joined in order. */
    private static List<String> readings(List<String> words) {
        List<String> combined = List.of("");
        for (String word : words) {
            Set<String> options = Romaji.readings(word);
            if (options.isEmpty()) {
                return List.of();
            }
            List<String> next = new ArrayList<>();
            for (String prefix : combined) {
                for (String option : options) {
                    next.add(prefix + option);
                }
            }
            combined = next;
        }
        return combined;
    }
}
