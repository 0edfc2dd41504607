package com.misdeliveryguard.smtp.listener;

import com.misdeliveryguard.core.mail.ReversePath;

/** Decides whether an authenticated user may use an envelope sender (MAIL FROM). */
@FunctionalInterface
public interface SenderOwnership {

    boolean mayUse(String authenticatedUser, ReversePath sender);

    /** Every authenticated user may use every sender. */
    SenderOwnership ANY = (user, sender) -> true;
}
