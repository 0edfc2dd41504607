/**
 * How a held message is put before people, shared by the confirmation page, the notification mails
 * (text and HTML), the sender's list and the administrators' pages:
 * {@link com.misdeliveryguard.app.confirm.present.Texts} (Japanese and English words, rule titles),
 * {@link com.misdeliveryguard.app.confirm.present.RecipientCard} (a recipient as the verdict resolved it
 * and the hold recorded it — never a second lookup),
 * {@link com.misdeliveryguard.app.confirm.present.FindingWords} (a finding in plain words, "did you mean …?"),
 * {@link com.misdeliveryguard.app.confirm.present.Suggestion} (the directory address a finding suggests
 * instead) and {@link com.misdeliveryguard.app.confirm.present.PlainText} (message text stripped of control
 * and bidi characters before it is shown anywhere).
 */
package com.misdeliveryguard.app.confirm.present;
