package com.misdeliveryguard.app.cluster;

import com.misdeliveryguard.app.GuardApplication;
import com.misdeliveryguard.smtp.listener.SmtpListener;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** One guard instance as a Spring context in the test's JVM (its own data directory, web and SMTP port). */
final class InProcessGuard implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private InProcessGuard(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static InProcessGuard start(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("server.port", "0");
        all.put("guard.smtp.port", "0");
        return new InProcessGuard(new SpringApplicationBuilder(GuardApplication.class)
                .run(Instances.arguments(all).toArray(String[]::new)));
    }

    int smtpPort() {
        return context.getBean(SmtpListener.class).port();
    }

    String base() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** A link of a notice (made with the shared public URL), pointed at this instance. */
    String local(String link) {
        return link.replace(Instances.PUBLIC_URL, base());
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
