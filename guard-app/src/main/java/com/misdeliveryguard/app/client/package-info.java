/**
 * Mail-client add-ins (the Thunderbird add-in in {@code guard-thunderbird/}): confirmation tickets and
 * the cross-origin access the add-in's pages need.
 *
 * <p>{@code POST /api/v1/check} answers with a short-lived {@link com.misdeliveryguard.app.client.ConfirmationTickets
 * confirmation ticket} bound to the sender, the exact recipient set, the subject, the findings the
 * dialog showed, the signed-in user and an expiry. The add-in puts it in the header
 * {@code X-Guard-Confirmation}; when the relay's own verdict for the submitted message has exactly
 * those findings and its envelope and subject match, the message is delivered without a hold and the
 * decision log says "confirmed in the client by …". Anything else (recipients changed, expired,
 * forged, new findings) leaves the guard's verdict as it is. See ADR 0011.
 */
package com.misdeliveryguard.app.client;
