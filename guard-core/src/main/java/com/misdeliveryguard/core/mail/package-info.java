/**
 * What the SMTP dialogue establishes: {@link com.misdeliveryguard.core.mail.MailAddress} (a mailbox
 * checked once by a strict RFC 5321 parser and trusted afterwards), the
 * {@link com.misdeliveryguard.core.mail.ReversePath} and the {@link com.misdeliveryguard.core.mail.Envelope}.
 * Decisions and delivery use these canonical values only, never header text.
 */
package com.misdeliveryguard.core.mail;
