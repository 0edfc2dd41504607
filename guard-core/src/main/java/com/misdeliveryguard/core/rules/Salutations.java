package com.misdeliveryguard.core.rules;

import com.misdeliveryguard.core.directory.TextKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the salutation at the top of a message body — whom the sender writes to — in the opening
 * lines the parser kept (quoted replies and signatures are already gone).
 *
 * <p>The first {@value #LINES} lines are read top down:
 * <ul>
 *   <li>a Japanese addressee line ends with an honorific: {@code 様}, {@code さま}, {@code 殿},
 *       {@code 御中}, {@code 各位}, {@code さん}, {@code 先生} (several on one line may be separated by
 *       {@code 、} or {@code /}: {@code 田中様、鈴木様}, {@code 株式会社A 田中様 / 株式会社B 佐藤様});</li>
 *   <li>an English one starts with a greeting ({@code Dear}, {@code Hi}, {@code Hello}, {@code Attn:}, …)
 *       followed by names ({@code Dear Mr. Tanaka and Ms. Suzuki,}), or is a name with {@code -san}, or ends with
 *       a titled name after the company ({@code Aoba Shoji Co., Ltd. / Mr. Ichiro Tanaka});</li>
 *   <li>short lines above the first addressee line without sentence punctuation
 *       ({@code 株式会社あおば商事}, {@code 営業部}) are its context: they may name the organization;</li>
 *   <li>reading stops at the first line that is neither — the body has begun.</li>
 * </ul>
 * What each addressee line names is read by {@link AddresseeReader}.
 */
final class Salutations {

    static final int LINES = 6;
    static final int MAX_CONTEXT_LENGTH = 40;

    private static final List<String> HONORIFICS = List.of("様", "さま", "サマ", "殿", "どの", "御中", "各位", "さん", "先生");
    private static final Pattern BETWEEN_ADDRESSEES = Pattern.compile("(?<=様|さま|殿|御中|各位|さん|先生)\\s*[、,，・/／|｜]\\s*");
    private static final Pattern ENGLISH_GREETING = Pattern.compile(
            "(?i)(?:dear|hi|hello|hey|good\\s+(?:morning|afternoon|evening)|greetings|attn\\.?|attention)\\b[\\s:,]*(.*)");
    private static final Pattern SAN = Pattern.compile("(?i)([a-z][a-z .'-]*?)[- ](?:san|sama|sensei)");
    private static final Pattern TITLED = Pattern.compile(
            "(?i)(.*?)[\\s/|,]*\\b(?:mr|ms|mrs|miss|dr)\\.?\\s+([a-z][a-z .'-]*?)[\\s,:]*");
    private static final Pattern SAN_SUFFIX = Pattern.compile("(?i)[- ](?:san|sama|sensei)$");
    private static final Pattern ENGLISH_AND = Pattern.compile("(?i)\\s*(?:,|&|\\band\\b)\\s*");
    private static final Pattern ENGLISH_GROUP_WORD = Pattern.compile(
            "(?i)(.+?)\\s+(?:team|all|colleagues|members|staff|folks|people)");
    private static final Pattern LEADING_FIELD = Pattern.compile("(?i)^(?:to|cc|宛先|宛)\\s*[:：]\\s*");
    private static final String SENTENCE_MARKS = "。．!！?？";
    private static final List<String> SENTENCE_ENDS = List.of("です", "ます", "ました", "ください", "下さい");
    private static final List<String> SENTENCE_WORDS = List.of("いつも", "お世話", "はじめまして", "初めまして", "お疲れ",
            "ご無沙汰", "突然");
    private static final String TRAILING = " ,，、:：!！.。　";

    private final AddresseeReader reader;

    Salutations(AddresseeReader reader) {
        this.reader = reader;
    }

    /** The addressees of the salutation; empty when the body opens without one. */
    List<Addressee> in(String openingLines) {
        List<Addressee> addressees = new ArrayList<>();
        List<String> context = new ArrayList<>();
        String[] lines = openingLines.split("\n");
        for (int i = 0; i < lines.length && i < LINES; i++) {
            String line = strip(TextKeys.nfkc(lines[i]));
            line = LEADING_FIELD.matcher(line).replaceFirst("");
            if (line.isEmpty()) {
                continue;
            }
            List<Addressee> found = english(line);
            if (found.isEmpty()) {
                found = japanese(line, context);
            }
            if (!found.isEmpty()) {
                addressees.addAll(found);
                context.clear();
            } else if (addressees.isEmpty() && isContext(line)) {
                context.add(line);
            } else {
                break;
            }
        }
        return addressees;
    }

    private List<Addressee> japanese(String line, List<String> context) {
        List<Addressee> found = new ArrayList<>();
        if (!endsWithHonorific(line)) {
            return List.of();
        }
        for (String part : BETWEEN_ADDRESSEES.split(line)) {
            String stripped = strip(part);
            Optional<String> honorific = HONORIFICS.stream().filter(stripped::endsWith).findFirst();
            if (honorific.isEmpty() || isSentence(stripped)) {
                return List.of();
            }
            String before = stripped.substring(0, stripped.length() - honorific.get().length()).strip();
            if (before.isEmpty()) {
                if (!honorific.get().equals("各位")) {
                    return List.of();
                }
                before = "各位";
            }
            reader.read(found.isEmpty() ? context : List.of(), before).ifPresent(found::add);
        }
        return found;
    }

    private List<Addressee> english(String line) {
        char first = line.charAt(0);
        if (!((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z'))) {
            return List.of();
        }
        Matcher greeting = ENGLISH_GREETING.matcher(line);
        String names;
        if (greeting.matches()) {
            names = strip(greeting.group(1));
        } else {
            Matcher san = SAN.matcher(line);
            Matcher titled = TITLED.matcher(line);
            if (san.matches()) {
                names = san.group(1);
            } else if (titled.matches() && line.length() <= 80) {
                String company = titled.group(1).strip();
                return reader.read(company.isEmpty() ? List.of() : List.of(company), titled.group(2).strip())
                        .filter(addressee -> !addressee.namesNobody()).map(List::of).orElse(List.of());
            } else {
                return List.of();
            }
        }
        if (names.isEmpty() || names.split("\\s+").length > 8 || names.matches("(?i)sir\\s+or\\s+madam|sir/madam")) {
            return List.of();
        }
        List<Addressee> found = new ArrayList<>();
        for (String name : ENGLISH_AND.split(names)) {
            String one = SAN_SUFFIX.matcher(name.strip()).replaceFirst("");
            Matcher group = ENGLISH_GROUP_WORD.matcher(one);
            if (group.matches()) {
                one = group.group(1);
            }
            if (!one.isEmpty()) {
                reader.read(one).filter(addressee -> !addressee.namesNobody()).ifPresent(found::add);
            }
        }
        return found.isEmpty() ? List.of(new Addressee(line, Optional.empty(), Optional.empty())) : found;
    }

    private static boolean isContext(String line) {
        return line.length() <= MAX_CONTEXT_LENGTH && !isSentence(line);
    }

    private static boolean endsWithHonorific(String line) {
        for (String honorific : HONORIFICS) {
            if (line.endsWith(honorific)) {
                return true;
            }
        }
        return false;
    }

    /** A line of running text: sentence punctuation, a polite verb ending or a greeting phrase. */
    private static boolean isSentence(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (SENTENCE_MARKS.indexOf(line.charAt(i)) >= 0) {
                return true;
            }
        }
        String end = strip(line);
        return SENTENCE_ENDS.stream().anyMatch(end::endsWith) || SENTENCE_WORDS.stream().anyMatch(line::contains);
    }

    private static String strip(String text) {
        int end = text.length();
        while (end > 0 && (TRAILING.indexOf(text.charAt(end - 1)) >= 0 || Character.isWhitespace(text.charAt(end - 1)))) {
            end--;
        }
        return text.substring(0, end).strip();
    }
}
