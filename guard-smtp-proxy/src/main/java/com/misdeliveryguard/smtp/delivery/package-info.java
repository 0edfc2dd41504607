/**
 * Upstream delivery: sending a spooled message on to the smart host (or the demo outbox), and the
 * protocol artefacts that go with it.
 *
 * <p>An {@link com.misdeliveryguard.smtp.delivery.Upstream} takes one
 * {@link com.misdeliveryguard.smtp.delivery.OutboundMessage} (canonical envelope, trace header,
 * stored bytes) and returns one {@link com.misdeliveryguard.smtp.delivery.RecipientResult} per
 * recipient; it never throws for delivery problems. {@link com.misdeliveryguard.smtp.delivery.SmtpUpstream}
 * speaks SMTP through Jakarta Mail (Angus) configured by
 * {@link com.misdeliveryguard.smtp.delivery.UpstreamSettings}; it sends the envelope exactly as
 * stored (never header addresses) and the bytes unchanged after the trace header.
 * {@link com.misdeliveryguard.smtp.delivery.OutboxUpstream} writes {@code .eml} files instead when no
 * smart host is configured.
 *
 * <p>{@link com.misdeliveryguard.smtp.delivery.ReceivedHeader} builds the RFC 5321 §4.4 trace field
 * that is prepended to every relayed message, {@link com.misdeliveryguard.smtp.delivery.RetrySchedule}
 * says when a temporarily failed message is tried again (Postfix-style exponential backoff), and
 * {@link com.misdeliveryguard.smtp.delivery.DeliveryStatusNotification} builds the RFC 3464 report
 * that tells a sender about failed or delayed recipients (never for the null sender).
 */
package com.misdeliveryguard.smtp.delivery;
