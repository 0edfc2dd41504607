/**
 * The recipient checks in the application: {@code guard.policy.*} bound to the core's
 * {@link com.misdeliveryguard.core.rules.Policy}, the {@link com.misdeliveryguard.core.rules.RuleEngine}
 * as the relay's {@link com.misdeliveryguard.core.guard.Guard}, the JDBC thread history for
 * {@code new-domain-in-reply}, and the check API for mail-client add-ins.
 */
package com.misdeliveryguard.app.policy;
