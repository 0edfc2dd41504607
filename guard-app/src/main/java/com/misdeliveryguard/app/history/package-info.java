/**
 * The sender history of ADR 0007 in the application: the JDBC store with its cache, fed by the relay's
 * deliveries (released holds included) and read by the rule engine's {@code namesake-of-usual-recipient}.
 */
package com.misdeliveryguard.app.history;
