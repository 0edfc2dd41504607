package com.misdeliveryguard.app.audit;

import com.misdeliveryguard.core.audit.IndexTerms;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the console's list is narrowed to. Sender and recipient match an address or, written as
 * {@code @domain}, every address at that domain; organization, department, rule and outcome match
 * exactly (case-insensitive). Blank means "any".
 *
 * @param from         entries at or after
 * @param to           entries before
 * @param sender       envelope sender
 * @param recipient    a recipient the entry concerns
 * @param organization a recipient's (or the sender's) organization
 * @param department   a department
 * @param rule         a finding's rule id
 * @param outcome      verdict action ({@code hold}, {@code deliver}, …) or event type ({@code delivered}, {@code confirmed}, …)
 */
public record AuditFilter(Optional<Instant> from, Optional<Instant> to, Optional<String> sender,
        Optional<String> recipient, Optional<String> organization, Optional<String> department, Optional<String> rule,
        Optional<String> outcome) {

    /** One index lookup. */
    record Term(String kind, String term) {
    }

    public AuditFilter {
        sender = clean(sender);
        recipient = clean(recipient);
        organization = clean(organization);
        department = clean(department);
        rule = clean(rule);
        outcome = clean(outcome);
    }

    public static AuditFilter none() {
        return new AuditFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Optional<String> clean(Optional<String> value) {
        return value == null ? Optional.empty() : value.map(String::strip).filter(v -> !v.isEmpty());
    }

    List<Term> terms() {
        List<Term> terms = new ArrayList<>();
        sender.ifPresent(s -> terms.add(new Term("sender", s.toLowerCase(Locale.ROOT))));
        recipient.ifPresent(r -> terms.add(new Term("rcpt", r.toLowerCase(Locale.ROOT))));
        organization.ifPresent(o -> terms.add(new Term("org", IndexTerms.normalize(o))));
        department.ifPresent(d -> terms.add(new Term("dept", IndexTerms.normalize(d))));
        rule.ifPresent(r -> terms.add(new Term("rule", r.toLowerCase(Locale.ROOT))));
        outcome.ifPresent(o -> terms.add(new Term("outcome", o.toLowerCase(Locale.ROOT))));
        return terms;
    }

    /** The filter as request parameters (for links, and for the access entry). */
    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        from.ifPresent(v -> p.put("from", v.toString()));
        to.ifPresent(v -> p.put("to", v.toString()));
        sender.ifPresent(v -> p.put("sender", v));
        recipient.ifPresent(v -> p.put("recipient", v));
        organization.ifPresent(v -> p.put("organization", v));
        department.ifPresent(v -> p.put("department", v));
        rule.ifPresent(v -> p.put("rule", v));
        outcome.ifPresent(v -> p.put("outcome", v));
        return p;
    }
}
