/**
 * Tests of holding and confirming, most of them against the whole application
 * ({@link com.misdeliveryguard.app.confirm.ConfirmTestBase}: real SMTP listener, spool, web server, H2,
 * an {@link com.misdeliveryguard.smtp.testing.SmtpSink} upstream, a fake clock) and some in the system's
 * headless Chromium. Screenshots of the page go to {@code target/screenshots/confirm-*.png}.
 */
package com.misdeliveryguard.app.confirm;
