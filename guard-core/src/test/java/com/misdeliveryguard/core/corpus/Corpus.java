package com.misdeliveryguard.core.corpus;

import com.misdeliveryguard.core.guard.Action;
import com.misdeliveryguard.core.rules.Policy;
import com.misdeliveryguard.core.rules.RuleIds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The rule corpus: realistic business mail under {@code src/test/resources/corpus/}, each {@code .eml}
 * with its expected verdict in {@code expected.properties} (format in that file's header and in
 * {@code README.md}). Cases are in file-name order, which is also the order they are checked in — a
 * reply comes after the message it answers, so the thread history knows it.
 */
public final class Corpus {

    private Corpus() {
    }

    /** Every case of the corpus, in file-name order. */
    public static List<CorpusCase> cases() {
        Properties expected = new Properties();
        try (InputStream in = resource("expected.properties")) {
            expected.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CorpusCase> cases = new ArrayList<>();
        expected.stringPropertyNames().stream().filter(key -> key.endsWith(".eml")).sorted()
                .forEach(file -> cases.add(parse(file, expected)));
        return cases;
    }

    /** The bytes of one message, with CRLF line ends as the spool stores them. */
    public static byte[] message(String file) {
        try (InputStream in = resource(file)) {
            return crlf(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CorpusCase parse(String file, Properties expected) {
        List<String> words = Arrays.asList(expected.getProperty(file).strip().split("\\s+"));
        String verdict = words.get(0);
        boolean shadow = verdict.startsWith("SHADOW-");
        Action action = Action.valueOf(shadow ? verdict.substring("SHADOW-".length()) : verdict);
        Set<String> rules = new LinkedHashSet<>(words.subList(1, words.size()));
        if (!RuleIds.ALL.containsAll(rules)) {
            throw new IllegalArgumentException(file + ": unknown rule id in " + rules);
        }
        List<String> bcc = Optional.ofNullable(expected.getProperty(file + ".bcc"))
                .map(value -> Arrays.stream(value.split(",")).map(String::strip).toList()).orElse(List.of());
        Policy policy = policy(Optional.ofNullable(expected.getProperty(file + ".policy")).orElse(""));
        if (shadow != (policy.mode() == Policy.Mode.SHADOW)) {
            throw new IllegalArgumentException(file + ": SHADOW- verdicts go with policy mode:shadow");
        }
        return new CorpusCase(file, action, shadow, rules, bcc, policy,
                Optional.ofNullable(expected.getProperty(file + ".gap")));
    }

    /** {@code keywords:a,b | enable:rule | mode:shadow}, separated by {@code ;}. */
    static Policy policy(String options) {
        Policy.Builder builder = Policy.builder();
        for (String option : options.split(";")) {
            String trimmed = option.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String name = trimmed.substring(0, trimmed.indexOf(':')).strip();
            String value = trimmed.substring(trimmed.indexOf(':') + 1).strip();
            switch (name) {
                case "keywords" -> builder.keywords(Arrays.stream(value.split(",")).map(String::strip).toList());
                case "enable" -> builder.enable(value);
                case "mode" -> builder.mode(Policy.Mode.valueOf(value.toUpperCase(Locale.ROOT)));
                default -> throw new IllegalArgumentException("unknown corpus policy option " + name);
            }
        }
        return builder.build();
    }

    private static InputStream resource(String name) {
        InputStream in = Corpus.class.getResourceAsStream("/corpus/" + name);
        if (in == null) {
            throw new IllegalArgumentException("no corpus resource " + name);
        }
        return in;
    }

    private static byte[] crlf(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + bytes.length / 20);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
                continue;
            }
            if (bytes[i] == '\n') {
                out.write('\r');
            }
            out.write(bytes[i]);
        }
        return out.toByteArray();
    }
}
