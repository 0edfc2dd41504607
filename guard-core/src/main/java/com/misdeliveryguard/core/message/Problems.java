package com.misdeliveryguard.core.message;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The problems found while reading one message, in the order found, each once. The list is capped so
 * that a hostile message cannot grow it without bound; text taken from the message is sanitized with
 * {@link #quote(String)} before it becomes part of a problem.
 */
final class Problems {

    static final int MAX_PROBLEMS = 50;

    private final Set<String> problems = new LinkedHashSet<>();

    void add(String problem) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(problem);
        }
    }

    boolean contains(String problem) {
        return problems.contains(problem);
    }

    List<String> toList() {
        return List.copyOf(problems);
    }

    /** A short, printable-ASCII rendering of text from the message, in single quotes. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < text.length() && i < 40; i++) {
            char c = text.charAt(i);
            out.append(c > 0x20 && c < 0x7f && c != '\'' ? c : '?');
        }
        if (text.length() > 40) {
            out.append("...");
        }
        return out.append('\'').toString();
    }
}
