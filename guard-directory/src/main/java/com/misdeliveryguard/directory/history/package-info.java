/**
 * The sender history of ADR 0007 in the table {@code dir_sender_history}: {@link
 * com.misdeliveryguard.directory.history.JdbcSenderHistory} (bounded per sender, expiring) and a
 * Caffeine-cached front for the mail path.
 */
package com.misdeliveryguard.directory.history;
