package com.misdeliveryguard.app.confirm.web;

import java.util.List;

/**
 * Everything the confirmation page shows, as plain values (the template only reads and escapes).
 *
 * @param subject         the subject
 * @param sender          the envelope sender
 * @param intro           the sentence that says what to do (sender, approver or delayed)
 * @param expires         the deadline, formatted
 * @param groups          the selectable recipients, grouped by organization
 * @param generalFindings findings about the whole message
 * @param attachments     attachment file names
 * @param openingLines    the first lines of the body
 * @param headerOnly      To/Cc addresses that are no envelope recipient (not delivered to)
 * @param bcc             envelope recipients the header does not show
 * @param notSelectable   recipients of the message that this stage cannot choose (left out by the sender)
 * @param approver        the reader is an approver
 * @param error           why the last Send was refused, or empty
 * @param offersBcc       a finding about visible external recipients: "send the external recipients as Bcc" is offered
 */
record ConfirmView(String subject, String sender, String intro, String expires, List<Group> groups,
        List<FindingLine> generalFindings, List<String> attachments, List<String> openingLines,
        List<HeaderLine> headerOnly, List<String> bcc, List<String> notSelectable, boolean approver, String error,
        boolean offersBcc) {

    /** True when the header recipients and the envelope differ. */
    public boolean envelopeDiffers() {
        return !headerOnly.isEmpty() || !bcc.isEmpty();
    }

    /** True when some recipient may be proposed for the directory. */
    public boolean anyRequestable() {
        return groups.stream().flatMap(g -> g.rows().stream()).anyMatch(Row::requestable);
    }

    /** Recipients of one organization (or domain). */
    record Group(String name, boolean internal, List<Row> rows) {
    }

    /**
     * One selectable recipient.
     *
     * @param id            a stable element id for labels ({@code r0}, {@code r1}, …)
     * @param address       the address (ASCII form: what the mail is sent to)
     * @param unicodeDomain the domain in Unicode, when it differs
     * @param role          To, Cc or Bcc
     * @param headerName    the display name the header gave
     * @param name          the directory name, or a "not in the directory" text
     * @param affiliation   organization / department from the directory
     * @param standing      how well the directory knows it, in words
     * @param internal      internal or external
     * @param flagged       a finding concerns it: it needs its own tick
     * @param findings      those findings
     * @param checked       ticked when the page is shown
     * @param excluded      "do not send" ticked when the page is shown
     * @param requestable   not a contact: the sender may ask to add it to the directory
     * @param requested     somebody asked already
     * @param choiceName    the form field of a flagged row's one choice ({@code pick:<address>}: send, skip, instead)
     * @param suggestion    the directory person a finding suggests instead ("田中 一郎 &lt;…&gt;"), or empty
     * @param suggestedAddress the suggested address, or empty
     * @param instead       "send to the suggestion instead" chosen when the page is shown
     */
    record Row(String id, String address, String unicodeDomain, String role, String headerName, String name,
            String affiliation, String standing, boolean internal, boolean flagged, List<FindingLine> findings,
            boolean checked, boolean excluded, boolean requestable, boolean requested, String choiceName,
            String suggestion, String suggestedAddress, boolean instead) {
    }

    /** A finding in words: its rule's title, the explanation and a suggestion such as "did you mean …?" (shown once). */
    record FindingLine(String ruleId, String title, String severity, String text, String suggestion) {
    }

    /** An address as the header shows it. */
    record HeaderLine(String role, String name, String address) {
    }
}
