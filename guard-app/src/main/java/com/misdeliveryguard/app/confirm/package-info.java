/**
 * Hold and confirm (SPEC §6, issue 5): every HOLD or DELAY verdict becomes a hold record
 * ({@link com.misdeliveryguard.app.confirm.HoldRecorder}); the sender (or a configured approver) is
 * mailed a single-use link; on the page behind it they tick each flagged recipient and send — to the
 * confirmed recipients only — or cancel ({@link com.misdeliveryguard.app.confirm.Decisions}); unattended
 * holds get one reminder and then expire, delayed messages go out when their grace period ends
 * ({@link com.misdeliveryguard.app.confirm.HoldScheduler}); confirmed unknown recipients are learned.
 * Every state change is a conditional UPDATE, so each hold is decided once even across instances.
 */
package com.misdeliveryguard.app.confirm;
