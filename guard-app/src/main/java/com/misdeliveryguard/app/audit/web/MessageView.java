package com.misdeliveryguard.app.audit.web;

import java.util.List;

/**
 * A message as the console's list and the history's summary show it, in one language.
 *
 * @param queueId       spool id
 * @param time          local time, {@code yyyy-MM-dd HH:mm:ss}
 * @param sender        envelope sender
 * @param senderName    the sender's name in the directory, empty string when unknown
 * @param senderDept    the sender's department, empty string when unknown
 * @param subject       subject, or the "no subject" text
 * @param recipients    every recipient
 * @param shown         how many recipients the list shows before "+N"
 * @param rules         titles of the rules that fired
 * @param state         final state code (CSS class)
 * @param stateLabel    final state in words
 * @param decisionLabel who decided what, empty string when nobody
 * @param decidedBy     who decided, empty string when nobody
 * @param seconds       seconds to decide, empty string when nobody decided
 * @param automated     decided so fast that a machine may have clicked
 */
record MessageView(String queueId, String time, String sender, String senderName, String senderDept, String subject,
        List<Recipient> recipients, int shown, List<String> rules, String state, String stateLabel,
        String decisionLabel, String decidedBy, String seconds, boolean automated) {

    /**
     * One recipient: address, name and organization as the directory knew them at the verdict.
     *
     * @param address      envelope address
     * @param field        To, Cc or Bcc, empty string when not known
     * @param name         the directory's name, else the display name, else empty string
     * @param organization organization, empty string when unknown
     * @param department   department, empty string when unknown
     */
    record Recipient(String address, String field, String name, String organization, String department) {
    }

    /** The first recipients the list shows. */
    public List<Recipient> firstRecipients() {
        return recipients.subList(0, Math.min(shown, recipients.size()));
    }

    /** How many recipients the list leaves out. */
    public int moreRecipients() {
        return Math.max(0, recipients.size() - shown);
    }
}
