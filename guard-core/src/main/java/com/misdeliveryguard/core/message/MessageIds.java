package com.misdeliveryguard.core.message;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ids of {@code Message-ID}, {@code In-Reply-To} and {@code References} (RFC 5322 §3.6.4), without
 * angle brackets. Comments and phrases around them (old clients wrote "message of ...") are skipped; a
 * value without angle brackets is read as whitespace-separated ids that contain an {@code @}.
 */
final class MessageIds {

    static final int MAX_IDS = 200;
    private static final Pattern BRACKETED = Pattern.compile("<([^<>\\s]{1,998})>");

    private MessageIds() {
    }

    static List<String> parse(String value) {
        List<String> ids = new ArrayList<>();
        Matcher m = BRACKETED.matcher(value);
        while (m.find() && ids.size() < MAX_IDS) {
            ids.add(m.group(1));
        }
        if (ids.isEmpty()) {
            for (String token : value.split("[\\s,]+")) {
                if (token.indexOf('@') > 0 && token.indexOf('<') < 0 && token.indexOf('>') < 0 && ids.size() < MAX_IDS) {
                    ids.add(token);
                }
            }
        }
        return ids;
    }
}
