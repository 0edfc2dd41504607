/**
 * Thread memory for the {@code new-domain-in-reply} rule: the port
 * {@link com.misdeliveryguard.core.thread.ThreadHistory} remembers, per Message-ID the guard has
 * checked, the domains that took part; {@link com.misdeliveryguard.core.thread.InMemoryThreadHistory} is a
 * bounded in-memory implementation. The rule engine records every checked message that has a
 * Message-ID and asks about the In-Reply-To and References of each reply.
 */
package com.misdeliveryguard.core.thread;
