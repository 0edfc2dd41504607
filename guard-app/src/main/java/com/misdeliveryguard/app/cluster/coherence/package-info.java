/**
 * Several instances on one PostgreSQL (ADR 0013): the caches of each instance stay coherent with the
 * others' changes ({@link com.misdeliveryguard.app.cluster.coherence.CacheCoherence}, PostgreSQL
 * {@code LISTEN/NOTIFY} with expiry as the safety net), and checks that must be counted once across
 * instances (per-sender caps) run under a lock that all of them share
 * ({@link com.misdeliveryguard.app.cluster.coherence.TransactionLocks}). On embedded H2 there is one
 * instance: nothing is sent, and the locks are in-process.
 */
package com.misdeliveryguard.app.cluster.coherence;
