/**
 * Helpers of the out-of-process fault-injection suite ({@code *IT} in {@code com.misdeliveryguard.app}):
 * clients that keep sending and remember every reply, a tmpfs that can be filled, a TCP proxy that
 * can be cut, and the upstream's view of what was delivered.
 */
package com.misdeliveryguard.app.faults;
