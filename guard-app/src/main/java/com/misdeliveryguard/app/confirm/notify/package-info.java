/**
 * The mails of the confirmation side — held (with the link), reminder, approval request, delayed
 * ("undo send"), expired — in Japanese and English, composed safely with Jakarta Mail and queued
 * through the relay's own upstream with the null sender, never checked or held:
 * {@link com.misdeliveryguard.app.confirm.notify.Notifier} decides who gets which,
 * {@link com.misdeliveryguard.app.confirm.notify.NotificationComposer} writes them,
 * {@link com.misdeliveryguard.app.confirm.notify.Links} builds links from {@code guard.public-url} only.
 */
package com.misdeliveryguard.app.confirm.notify;
