/**
 * The pipeline seam: {@link com.misdeliveryguard.core.guard.Guard} turns an envelope and its message
 * facts into a {@link com.misdeliveryguard.core.guard.Verdict} — an {@link com.misdeliveryguard.core.guard.Action},
 * the {@link com.misdeliveryguard.core.guard.Finding}s that led to it and every recipient as the directory
 * saw it ({@link com.misdeliveryguard.core.guard.ResolvedRecipient}). The SMTP and queue code reads only the
 * action; people, the check API and the decision log read the rest. The rule engine that implements the
 * seam lives in {@code com.misdeliveryguard.core.rules}.
 */
package com.misdeliveryguard.core.guard;
