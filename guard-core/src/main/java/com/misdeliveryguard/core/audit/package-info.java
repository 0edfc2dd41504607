/**
 * The decision log's model and its tamper evidence, free of any framework.
 *
 * <p>{@link com.misdeliveryguard.core.audit.DecisionLog} is the port every part of the guard
 * appends to; the {@link com.misdeliveryguard.core.audit.AuditEvent} records are what can be
 * appended (received, verdict, notified, reminded, confirmed / partially confirmed / cancelled,
 * expired, delivered, deferred, bounced, admin actions, audit access, retention). An entry
 * ({@link com.misdeliveryguard.core.audit.LogEntry}) is a link of a SHA-256 hash chain over
 * {@link com.misdeliveryguard.core.audit.CanonicalJson}; {@link com.misdeliveryguard.core.audit.ChainVerifier}
 * names the first broken entry after an edit, deletion or reordering, and HMAC-signed
 * {@link com.misdeliveryguard.core.audit.Checkpoint}s expose a cut-off tail.
 * {@link com.misdeliveryguard.core.audit.ExportVerifier} does the same for a JSONL export, without a database.
 */
package com.misdeliveryguard.core.audit;
