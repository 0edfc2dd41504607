/**
 * How a held message is put before people, shared by the confirmation page and the notification
 * mails: {@link com.misdeliveryguard.app.confirm.present.Texts} (Japanese and English words),
 * {@link com.misdeliveryguard.app.confirm.present.RecipientCards} (name, organization, department and
 * internal/external from the directory), {@link com.misdeliveryguard.app.confirm.present.FindingWords}
 * (a finding in plain words, "did you mean …?") and {@link com.misdeliveryguard.app.confirm.present.PlainText}
 * (message text stripped of control and bidi characters before it is shown anywhere).
 */
package com.misdeliveryguard.app.confirm.present;
