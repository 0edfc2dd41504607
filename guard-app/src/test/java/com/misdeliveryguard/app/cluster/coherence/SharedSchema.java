package com.misdeliveryguard.app.cluster.coherence;

import com.misdeliveryguard.app.GuardApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * A fresh schema in the PostgreSQL of {@code GUARD_TEST_POSTGRES_URL} (the test is skipped when it is
 * unset) and guard instances on it: each a whole application in this JVM with its own data directory,
 * SMTP and web port, all sharing the schema as instances behind a load balancer would. The schema is
 * created by the first instance's Flyway and dropped on {@link #close()}.
 */
final class SharedSchema implements AutoCloseable {

    static final String CHECKER = "addin";
    static final String CHECKER_PASSWORD = "check api password";
    private static final String CHECKER_HASH = new BCryptPasswordEncoder(4).encode(CHECKER_PASSWORD);

    private final com.misdeliveryguard.app.cluster.SharedSchema database;
    final String schema;
    final String jdbcUrl;

    SharedSchema(String prefix) {
        database = com.misdeliveryguard.app.cluster.SharedSchema.create(prefix);
        schema = database.schema;
        jdbcUrl = database.jdbcUrl;
    }

    /** The settings every instance gets: this schema, its own data directory and ports, a checker account. */
    Map<String, String> settings(Path directoryCsv, int upstreamPort) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("guard.data-dir", tempDir().toString());
        s.put("server.port", "0");
        s.put("guard.smtp.port", "0");
        s.put("guard.public-url", "http://guard.test");
        s.put("guard.host-name", "guard.example.co.jp");
        s.put("guard.internal-domains[0]", "example.co.jp");
        s.put("guard.directory.import[0]", directoryCsv.toString());
        s.put("guard.upstream.host", "127.0.0.1");
        s.put("guard.upstream.port", Integer.toString(upstreamPort));
        s.put("guard.audit.users[0].name", CHECKER);
        s.put("guard.audit.users[0].password-hash", CHECKER_HASH);
        s.put("guard.audit.users[0].roles[0]", "AUDITOR");
        s.putAll(database.settings());
        return s;
    }

    /** Starts an instance; {@code listener} hears the application's events from the start. */
    static ConfigurableApplicationContext start(Map<String, String> settings, ApplicationListener<?>... listeners) {
        // command-line arguments: they win over application.yml (builder properties would not)
        return new SpringApplicationBuilder(GuardApplication.class).listeners(listeners)
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    /** The schema's tables, outside any instance. */
    JdbcTemplate jdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(jdbcUrl));
    }

    static String base(ConfigurableApplicationContext instance) {
        return "http://127.0.0.1:" + ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    /** {@code POST /api/v1/check} of a JSON message on this instance, as the add-in; the 200 answer's body. */
    static String check(ConfigurableApplicationContext instance, String from, String to) throws Exception {
        String json = "{\"from\": \"" + from + "\", \"to\": [{\"address\": \"" + to + "\"}], \"subject\": \"ご連絡\","
                + " \"body\": \"ご担当者様\\n\\nお世話になっております。\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base(instance) + "/api/v1/check"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((CHECKER + ":"
                        + CHECKER_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("check answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** A CSV directory file with a header and these rows. */
    static Path directory(List<String> rows) {
        try {
            Path file = tempDir().resolve("directory.csv");
            Files.writeString(file, "email,name,name_kana,organization,department\n" + String.join("\n", rows) + "\n",
                    StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("guard-coherence");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        database.close();
    }
}
