package com.misdeliveryguard.app.directory;

import com.misdeliveryguard.app.GuardProperties;
import com.misdeliveryguard.directory.importer.DirectoryImporter;
import com.misdeliveryguard.directory.importer.ImportReport;
import com.misdeliveryguard.directory.ldap.LdapSource;
import com.misdeliveryguard.directory.ldap.LdapSync;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Start-up import of {@code guard.directory.import} (the bundled demo directory when unset in demo
 * mode) and LDAP synchronization at start-up and on each source's interval. Imports are idempotent;
 * a failed import leaves the directory as it was and is reported in the log with file, line and reason.
 * When the start-up import has finished, {@link DirectoryLoaded} is published (the SMTP listener
 * waits for it).
 */
final class DirectorySync implements ApplicationRunner, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DirectorySync.class);
    static final String DEMO_DIRECTORY = "/demo/directory.csv";

    private final DirectoryImporter importer;
    private final DirectoryProperties properties;
    private final GuardProperties guard;
    private final boolean demoMode;
    private final ApplicationEventPublisher events;
    private volatile boolean loaded;
    private final ScheduledExecutorService ldapTimer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ldap-sync");
        t.setDaemon(true);
        return t;
    });

    DirectorySync(DirectoryImporter importer, DirectoryProperties properties, GuardProperties guard, boolean demoMode,
            ApplicationEventPublisher events) {
        this.importer = importer;
        this.events = events;
        this.properties = properties;
        this.guard = guard;
        this.demoMode = demoMode;
    }

    @Override
    public void run(ApplicationArguments args) {
        int failed = 0;
        for (Path file : filesToImport()) {
            failed += report(importer.importFile(file));
        }
        for (DirectoryProperties.Ldap ldap : properties.ldap()) {
            LdapSync sync = new LdapSync(importer, source(ldap));
            failed += report(sync.run());
            long every = ldap.interval().toSeconds();
            ldapTimer.scheduleWithFixedDelay(() -> report(sync.run()), every, every, TimeUnit.SECONDS);
        }
        loaded = true;
        log.info("Directory start-up import finished{}", failed == 0 ? "" : " (" + failed + " failed, see above)");
        events.publishEvent(new DirectoryLoaded(failed));
    }

    /** True once the start-up import has finished. */
    boolean loaded() {
        return loaded;
    }

    /** The configured files, or the demo directory copied into the data directory in demo mode. */
    List<Path> filesToImport() {
        if (properties.importFiles() != null) {
            return properties.importFiles();
        }
        if (!demoMode) {
            return List.of();
        }
        try (InputStream demo = DirectorySync.class.getResourceAsStream(DEMO_DIRECTORY)) {
            if (demo == null) {
                log.warn("No bundled demo directory found on the classpath ({})", DEMO_DIRECTORY);
                return List.of();
            }
            Path target = guard.dataDir().resolve("demo-directory.csv");
            Files.createDirectories(guard.dataDir());
            Files.copy(demo, target, StandardCopyOption.REPLACE_EXISTING);
            log.warn("Demo mode: importing the bundled demo directory ({}); set guard.directory.import for your own",
                    target);
            return new ArrayList<>(List.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the demo directory into " + guard.dataDir(), e);
        }
    }

    private static LdapSource source(DirectoryProperties.Ldap ldap) {
        LdapSource.Builder builder = LdapSource.builder(ldap.name(), ldap.host(), ldap.port(), ldap.baseDn())
                .tls(ldap.tls());
        if (ldap.bindDn() != null) {
            builder.bind(ldap.bindDn(), ldap.password());
        }
        if (ldap.filter() != null) {
            builder.filter(ldap.filter());
        }
        return builder.build();
    }

    /** Logs the report; returns 1 when the import failed, else 0. */
    private static int report(ImportReport report) {
        if (report.imported()) {
            log.info("Directory import: {}", report.summary());
        } else {
            log.error("Directory import FAILED, directory left unchanged: {}", report.summary());
        }
        report.problems().forEach(problem -> log.warn("Directory import problem: {}", problem));
        return report.imported() ? 0 : 1;
    }

    @Override
    public void destroy() {
        ldapTimer.shutdownNow();
    }
}
