/**
 * Health a load balancer can trust: the {@link com.misdeliveryguard.app.health.StorageGate} proves
 * every few seconds that a message could be committed now (a small write + fsync + delete in the
 * spool, a valid database connection). The SMTP listener answers {@code 451} at MAIL while the gate
 * is closed; the {@code storage} health indicator, part of the readiness group, shows the same
 * state; every {@code 451} for a failed commit is counted ({@code guard.commits.failed}) and
 * re-probes at once. See ADR 0006.
 */
package com.misdeliveryguard.app.health;
