/**
 * What a message says about itself, read once from its stored bytes: {@link
 * com.misdeliveryguard.core.message.MessageFactsParser} streams the message through mime4j under explicit
 * limits and produces {@link com.misdeliveryguard.core.message.MessageFacts} — From, To and Cc with decoded
 * display names ({@link com.misdeliveryguard.core.message.HeaderAddress}, strictly parsed addresses), the
 * envelope recipients that are Bcc, the subject, attachment file names, thread ids and the opening lines
 * of the body with quotes and signatures removed. Header text is shown to people and read by rules but
 * never routes mail. Nothing here throws on malformed mail: whatever could not be read is named in
 * {@link com.misdeliveryguard.core.message.MessageFacts#problems()}, and the guard holds such mail (fail
 * closed). Everything but the parser and the two records is a package-private helper.
 */
package com.misdeliveryguard.core.message;
