package com.misdeliveryguard.app.audit.web;

import java.util.List;

/**
 * An entry as the console and the CSV show it.
 *
 * @param seq           sequence number
 * @param time          local time, {@code yyyy-MM-dd HH:mm:ss}
 * @param type          event type code
 * @param queueId       spool id, empty string when none
 * @param actor         who, empty string when the guard itself
 * @param sender        envelope sender, empty string when none
 * @param recipients    recipients the entry concerns
 * @param outcome       verdict action or event type
 * @param rules         rule ids of findings
 * @param organizations organizations from the directory
 * @param departments   departments
 * @param summary       one line for people
 * @param fields        every detail, flattened ({@code recipients[0].address = …})
 * @param hash          the entry's hash
 */
record EntryView(long seq, String time, String type, String queueId, String actor, String sender,
        List<String> recipients, String outcome, List<String> rules, List<String> organizations,
        List<String> departments, String summary, List<Field> fields, String hash) {

    /** One flattened detail. */
    record Field(String name, String value) {
    }

    String shortHash() {
        return hash.substring(0, 12);
    }
}
