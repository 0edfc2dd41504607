/**
 * Held-message administration (RELIABILITY promise 2, SPEC §8): the open holds with the same
 * recipient cards as the sender's page, and an administrator's release (all or chosen recipients)
 * or discard with a reason — on the console ({@code /admin/holds}) and as JSON
 * ({@code /api/v1/holds}). The work is done by {@link com.misdeliveryguard.app.confirm.AdminDecisions}.
 */
package com.misdeliveryguard.app.holds;
