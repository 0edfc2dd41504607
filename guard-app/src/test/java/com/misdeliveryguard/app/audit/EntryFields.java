package com.misdeliveryguard.app.audit;

import java.util.List;
import java.util.Map;

/** Reads values out of parsed entry details in tests. */
final class EntryFields {

    private EntryFields() {
    }

    /** {@code field} of every object in the list {@code list}. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> details, String list, String field) {
        return ((List<Map<String, Object>>) details.get(list)).stream().map(m -> m.get(field)).toList();
    }
}
