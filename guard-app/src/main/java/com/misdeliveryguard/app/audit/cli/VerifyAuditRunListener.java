package com.misdeliveryguard.app.audit.cli;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;

/**
 * Runs {@link VerifyAuditCommand} before anything of the application starts (no database, no
 * listener, no web server) when the command line asks for it, then exits with its code. Registered
 * in {@code META-INF/spring.factories}; inert for every other start.
 */
public final class VerifyAuditRunListener implements SpringApplicationRunListener {

    private final String[] args;

    public VerifyAuditRunListener(SpringApplication application, String[] args) {
        this.args = args.clone();
    }

    @Override
    public void starting(ConfigurableBootstrapContext bootstrapContext) {
        if (VerifyAuditCommand.wanted(args)) {
            System.exit(VerifyAuditCommand.run(args, System.out, System.getenv()));
        }
    }
}
