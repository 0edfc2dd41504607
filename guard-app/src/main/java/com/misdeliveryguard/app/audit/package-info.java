/**
 * The decision log in the database: {@link com.misdeliveryguard.app.audit.JdbcDecisionLog}
 * (the {@link com.misdeliveryguard.core.audit.DecisionLog} bean, serialized by a lock on the
 * chain head so several instances can share one PostgreSQL), the relay-event listener that
 * records received / verdict / delivered / deferred / bounced, signed checkpoints, retention, the
 * database verifier, the JSONL export, and the queries and statistics the console reads.
 */
package com.misdeliveryguard.app.audit;
