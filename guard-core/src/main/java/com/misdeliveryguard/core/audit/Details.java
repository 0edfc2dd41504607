package com.misdeliveryguard.core.audit;

import com.misdeliveryguard.core.mail.MailAddress;
import com.misdeliveryguard.core.mail.ReversePath;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the details object of an entry; empty optionals are left out, values become canonical JSON values. */
final class Details {

    private final Map<String, Object> map = new LinkedHashMap<>();

    static Details create() {
        return new Details();
    }

    Details put(String key, Object value) {
        Object v = json(value);
        if (v != null) {
            map.put(key, v);
        }
        return this;
    }

    Map<String, Object> map() {
        return map;
    }

    static Object json(Object value) {
        if (value instanceof Optional<?> o) {
            return o.map(Details::json).orElse(null);
        }
        if (value instanceof MailAddress || value instanceof ReversePath) {
            return address(value);
        }
        if (value instanceof Instant i) {
            return EntryTime.format(i);
        }
        if (value instanceof Duration d) {
            return d.toSeconds();
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Details d) {
            return d.map;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), json(v)));
            return out;
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(Details::json).toList();
        }
        return value;
    }

    /** {@code alice@example.com}, or {@code <>} for the null sender. */
    static String address(Object value) {
        if (value instanceof ReversePath path) {
            return path.address().map(MailAddress::toString).orElse("<>");
        }
        return value.toString();
    }

    static List<String> addresses(Collection<MailAddress> addresses) {
        return addresses.stream().map(MailAddress::toString).toList();
    }
}
