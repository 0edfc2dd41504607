package com.misdeliveryguard.app.faults;

import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the upstream received, by test mark: how many times each marked message arrived. */
public final class Delivered {

    private static final Pattern MARK = Pattern.compile("X-Test-Mark: (\\S+)");

    private Delivered() {
    }

    /** Mark → number of transactions that carried it (more than 1 = duplicates). */
    public static Map<String, Long> byMark(SmtpSink sink) {
        return sink.transactions().stream().filter(t -> t.dataReply().startsWith("250"))
                .map(t -> MARK.matcher(t.dataAsString())).filter(Matcher::find).map(m -> m.group(1))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Copies beyond the first, summed over all marks. */
    public static long duplicates(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(n -> n - 1).sum();
    }
}
