package com.misdeliveryguard.smtp.listener;

/** Checks SMTP AUTH credentials (PLAIN and LOGIN). Implemented in the app with bcrypt hashes. */
@FunctionalInterface
public interface SmtpAuthenticator {

    /** True when the password is right for the user. Must take about the same time either way. */
    boolean authenticate(String username, String password);
}
