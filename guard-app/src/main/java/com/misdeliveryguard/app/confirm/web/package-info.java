/**
 * The pages of confirming: the confirmation page behind a link ({@code /confirm/{token}}: GET reads,
 * POST with CSRF decides), the sender's own list ({@code /my/held}, signed in with the SMTP user),
 * directory-entry requests with their list for console users and the administrators' approve or
 * reject ({@link com.misdeliveryguard.app.confirm.web.RequestDecisions}), and the security filter chain for
 * these paths (CSP, {@code no-referrer}, {@code no-store}). Server-rendered with Thymeleaf; works
 * without JavaScript — the one same-origin script only disables Send until every flagged recipient
 * is decided, which the server enforces anyway.
 */
package com.misdeliveryguard.app.confirm.web;
