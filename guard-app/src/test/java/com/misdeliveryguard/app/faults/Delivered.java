package com.misdeliveryguard.app.faults;

import com.misdeliveryguard.smtp.testing.SmtpSink;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the upstream received, by test mark: how many times each marked message arrived. */
public final class Delivered {

    private static final Pattern MARK = Pattern.compile("X-Test-Mark: (\\S+)");
    private static final Pattern ADDRESS = Pattern.compile("<([^>]*)>");

    /** One marked message's copy for one envelope recipient (the address without angle brackets). */
    public record Copy(String mark, String recipient) {
    }

    private Delivered() {
    }

    /** Mark → number of transactions that carried it (more than 1 = duplicates). */
    public static Map<String, Long> byMark(SmtpSink sink) {
        return sink.transactions().stream().filter(t -> t.dataReply().startsWith("250"))
                .map(t -> MARK.matcher(t.dataAsString())).filter(Matcher::find).map(m -> m.group(1))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /**
     * Copy (mark and recipient) → number of accepted transactions that carried it, over {@code transactions}
     * (a sink's, or a slice of them); the guard's own mail (from {@code <>}) is left out.
     */
    public static Map<Copy, Long> perRecipient(List<SmtpSink.Transaction> transactions) {
        return transactions.stream().filter(t -> t.dataReply().startsWith("250") && !t.mailFrom().equals("<>"))
                .flatMap(t -> {
                    Matcher mark = MARK.matcher(t.dataAsString());
                    return mark.find() ? t.recipients().stream().map(r -> new Copy(mark.group(1), address(r)))
                            : Stream.empty();
                }).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static String address(String rcptArgument) {
        Matcher m = ADDRESS.matcher(rcptArgument);
        return m.find() ? m.group(1) : rcptArgument;
    }

    /** Copies beyond the first, summed over all marks. */
    public static long duplicates(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(n -> n - 1).sum();
    }
}
