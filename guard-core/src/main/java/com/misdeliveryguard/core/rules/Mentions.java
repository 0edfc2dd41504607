package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.ContactDirectory;
import com.misdeliveryguard.core.directory.Organization;
import com.misdeliveryguard.core.directory.TextKeys;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Organizations of the directory that a subject or the body names outside the salutation — evidence
 * weighted below the salutation (ADR 0007).
 *
 * <ul>
 *   <li><b>Subject</b>: each word (split at spaces and brackets, {@code Re:}/{@code Fw:} prefixes removed),
 *       without a trailing honorific or {@code 向け}, names an organization by its name or — a Japanese
 *       word — by its beginning ({@code 【北斗システム様】ご提案}, {@code 北斗システム定例議事録}); runs of two or
 *       three Latin words name one by name or domain stem ({@code Minutes - Aoba Shoji}).</li>
 *   <li><b>Body</b>: only a name followed by an honorific or {@code 向け} counts ({@code あおば商事様向けの資料},
 *       {@code 北斗システム御中}); the name is the longest tail of the text before it that the directory
 *       knows ({@code 先日はあおば商事様} → あおば商事). Plain mentions of a company name are not read.</li>
 * </ul>
 * At most {@value #MAX_MENTIONS} mentions are read per text.
 */
final class Mentions {

    static final int MAX_MENTIONS = 8;
    static final int MAX_NAME = 24;
    private static final Pattern REPLY_PREFIX = Pattern.compile("(?i)^(?:\\s*(?:re|fw|fwd|aw|wg|tr|転送|返信)\\s*[:：]\\s*)+");
    private static final Pattern SPLIT = Pattern.compile("[\\s,、。/／|｜()（）\\[\\]{}【】「」『』〔〕<>《》〈〉\"“”:：!！?？・~〜-]+");
    private static final Pattern TRAILING = Pattern.compile("(様向け|様宛て|様宛|様用|御中|様|さま|殿|向け|宛て|宛)$");
    private static final Pattern BODY_MARK = Pattern.compile("(様|御中|さま|殿|向け)");
    private static final String STOP = " \t\u3000、。，．,.「」『』()（）【】[]<>・/／:：!！?？\n";

    private final ContactDirectory directory;
    private final OrganizationNames names;

    Mentions(ContactDirectory directory) {
        this.directory = directory;
        this.names = new OrganizationNames(directory);
    }

    /** The organizations the subject names, in order, each once. */
    List<Organization> inSubject(String subject) {
        Map<Object, Organization> found = new LinkedHashMap<>();
        String text = REPLY_PREFIX.matcher(TextKeys.nfkc(subject)).replaceFirst("");
        List<String> words = new ArrayList<>();
        for (String word : SPLIT.split(text)) {
            if (!word.isBlank()) {
                words.add(word.strip());
            }
        }
        for (int i = 0; i < words.size() && found.size() < MAX_MENTIONS; i++) {
            String word = TRAILING.matcher(words.get(i)).replaceFirst("");
            if (TextKeys.hasJapanese(word) && word.length() >= 2) {
                names.named(word).filter(org -> !isSomeonesName(word))
                        .or(() -> names.beginning(word).map(OrganizationNames.Beginning::organization))
                        .ifPresent(org -> found.putIfAbsent(org.id(), org));
            } else if (i + 1 < words.size() && isLatin(word)) {
                Optional<Organization> org = Optional.empty();
                for (int length = Math.min(3, words.size() - i); length >= 2 && org.isEmpty(); length--) {
                    org = names.named(String.join(" ", words.subList(i, i + length)));
                }
                org.ifPresent(o -> found.putIfAbsent(o.id(), o));
            }
        }
        return List.copyOf(found.values());
    }

    /** The organizations the body names with an honorific or {@code 向け} (see the class comment), each once. */
    List<Organization> inBody(String text) {
        Map<Object, Organization> found = new LinkedHashMap<>();
        String normalized = TextKeys.nfkc(text);
        Matcher mark = BODY_MARK.matcher(normalized);
        int read = 0;
        while (mark.find() && read < MAX_MENTIONS) {
            int end = mark.start();
            int start = end;
            while (start > 0 && end - start < MAX_NAME && STOP.indexOf(normalized.charAt(start - 1)) < 0) {
                start--;
            }
            if (end - start < 2) {
                continue;
            }
            read++;
            String before = normalized.substring(start, end);
            for (int from = 0; from + 2 <= before.length(); from++) {
                String name = before.substring(from);
                Optional<Organization> org = names.named(name);
                if (org.isPresent() && !isSomeonesName(name)) {
                    found.putIfAbsent(org.get().id(), org.get());
                    break;
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** {@code 鈴木様} names a person even when a 鈴木株式会社 exists. */
    private boolean isSomeonesName(String name) {
        return name.length() <= 3 && !directory.contactsNamed(name, 1).isEmpty();
    }

    private static boolean isLatin(String word) {
        return !word.isEmpty() && word.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
    }
}
