/**
 * The records of held messages and their confirmation links, in the {@code confirm_*} tables:
 * {@link com.misdeliveryguard.app.confirm.hold.HeldMessage} (what the sender sees and where the hold
 * stands), {@link com.misdeliveryguard.app.confirm.hold.HoldStore} (inserts and the conditional
 * state changes that make every decision happen once), {@link com.misdeliveryguard.app.confirm.hold.HoldQueries}
 * (reads) and {@link com.misdeliveryguard.app.confirm.hold.ConfirmationTokens} (random tokens, stored only
 * as hashes, bound to the message and its stored SHA-256, single-use, expiring with the hold).
 */
package com.misdeliveryguard.app.confirm.hold;
