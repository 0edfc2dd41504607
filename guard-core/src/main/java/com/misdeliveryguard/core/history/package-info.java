/**
 * Sender history (issue 10, ADR 0007): whom each sender writes to and how often, learned from the mail
 * the guard delivers — released holds included, so a confirmation counts as the delivery it leads to.
 * The {@code namesake-of-usual-recipient} rule reads it; {@code guard-directory} stores it in JDBC,
 * bounded per sender and expiring.
 */
package com.misdeliveryguard.core.history;
