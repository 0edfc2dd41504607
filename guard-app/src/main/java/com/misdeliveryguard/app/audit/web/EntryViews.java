package com.misdeliveryguard.app.audit.web;

import com.misdeliveryguard.core.audit.CanonicalJson;
import com.misdeliveryguard.core.audit.LogEntry;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns stored entries into {@link EntryView}s: display fields read from the details, a summary per type. */
final class EntryViews {

    private final DateTimeFormatter format;

    EntryViews(ZoneId zone) {
        this.format = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(zone);
    }

    EntryView view(LogEntry e) {
        Map<String, Object> d = CanonicalJson.parseObject(e.details());
        Set<String> recipients = new LinkedHashSet<>();
        Set<String> rules = new LinkedHashSet<>();
        Set<String> orgs = new LinkedHashSet<>();
        Set<String> depts = new LinkedHashSet<>();
        strings(d.get("rcptTo")).forEach(recipients::add);
        str(d.get("recipient")).ifPresent(recipients::add);
        strings(d.get("confirmed")).forEach(recipients::add);
        strings(d.get("dropped")).forEach(recipients::add);
        for (Map<String, Object> r : maps(d.get("recipients"))) {
            str(r.get("address")).ifPresent(recipients::add);
            if (r.get("directory") instanceof Map<?, ?> dir) {
                str(dir.get("organization")).ifPresent(orgs::add);
                str(dir.get("department")).ifPresent(depts::add);
            }
        }
        maps(d.get("findings")).forEach(f -> str(f.get("rule")).ifPresent(rules::add));
        str(d.get("senderDepartment")).ifPresent(depts::add);
        String outcome = "verdict".equals(e.type()) ? String.valueOf(d.get("action")).toLowerCase(Locale.ROOT) : e.type();
        List<EntryView.Field> fields = new ArrayList<>();
        flatten("", d, fields);
        return new EntryView(e.seq(), format.format(e.time()), e.type(), e.queueId().orElse(""), e.actor().orElse(""),
                str(d.get("mailFrom")).orElse(""), List.copyOf(recipients), outcome, List.copyOf(rules),
                List.copyOf(orgs), List.copyOf(depts), Summaries.of(e.type(), d), fields, e.hash());
    }

    private static void flatten(String prefix, Object value, List<EntryView.Field> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out));
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                out.add(new EntryView.Field(prefix, "(none)"));
            }
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), out);
            }
        } else {
            out.add(new EntryView.Field(prefix, String.valueOf(value)));
        }
    }

    static java.util.Optional<String> str(Object value) {
        return value instanceof String s && !s.isEmpty() ? java.util.Optional.of(s) : java.util.Optional.empty();
    }

    static List<String> strings(Object value) {
        return value instanceof Collection<?> c ? c.stream().map(String::valueOf).toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object value) {
        return value instanceof Collection<?> c
                ? c.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList() : List.of();
    }
}
