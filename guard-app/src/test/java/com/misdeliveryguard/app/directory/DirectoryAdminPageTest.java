package com.misdeliveryguard.app.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The admin directory page over real HTTP: an ADMIN uploads an Outlook export in Shift_JIS and sees
 * the report with the bad row's file, line and reason; the JSON search finds the imported people; an
 * AUDITOR may search but not import; nobody anonymous may do either.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DirectoryAdminPageTest {

    static final String PASSWORD = "correct horse battery staple";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        String hash = new BCryptPasswordEncoder(4).encode(PASSWORD);
        Path data = Files.createTempDirectory("guard-directory-admin");
        registry.add("guard.data-dir", data::toString);
        registry.add("guard.smtp.port", () -> 0);
        registry.add("spring.datasource.url", () -> "jdbc:h2:mem:directory-admin;DB_CLOSE_DELAY=-1");
        registry.add("guard.directory.import", () -> "");
        registry.add("guard.audit.users[0].name", () -> "auditor");
        registry.add("guard.audit.users[0].password-hash", () -> hash);
        registry.add("guard.audit.users[0].roles[0]", () -> "AUDITOR");
        registry.add("guard.audit.users[1].name", () -> "admin");
        registry.add("guard.audit.users[1].password-hash", () -> hash);
        registry.add("guard.audit.users[1].roles[0]", () -> "ADMIN");
    }

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    private String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> upload(String user, String fileName, byte[] content) throws Exception {
        Matcher csrf = CSRF.matcher(get("/admin/directory", user).body());
        String token = csrf.find() ? csrf.group(1) : "none";
        String boundary = "----guard" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/directory/import"))
                .header("Authorization", basic(user)).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldImportAnUploadedOutlookExportAndFindThePeople() throws Exception {
        String outlook = "姓,名,電子メール アドレス,会社名,部署\r\n"
                + "山本,太郎,yamamoto@kaede-denki.co.jp,株式会社かえで電機,設計部\r\n"
                + "佐藤,恵子,sato@kaede-denki.co.jp,株式会社かえで電機,品質保証部\r\n"
                + "壊れた,行,not-an-address,株式会社かえで電機,\r\n";
        HttpResponse<String> page = upload("admin", "連絡先.csv", outlook.getBytes(Charset.forName("Windows-31J")));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"import-report\"").contains("2 added").contains("連絡先.csv")
                .contains(":4");

        HttpResponse<String> json = get("/api/v1/directory/search?q=" + URLEncoder.encode("かえで電機",
                StandardCharsets.UTF_8), "auditor");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("yamamoto@kaede-denki.co.jp").contains("sato@kaede-denki.co.jp")
                .contains("品質保証部").contains("\"hasMore\":false");

        assertThat(get("/admin/directory?q=" + URLEncoder.encode("山本", StandardCharsets.UTF_8), "auditor").body())
                .contains("yamamoto@kaede-denki.co.jp").doesNotContain("id=\"import-form\"");
    }

    @Test
    void shouldRefuseImportsByAuditorsAndAnonymousSearches() throws Exception {
        assertThat(upload("auditor", "x.csv", "email\r\nx@example.com\r\n".getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(403);
        assertThat(get("/api/v1/directory/search?q=x", null).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/directory/search?q=x&size=1000", "auditor").statusCode()).isEqualTo(400);
    }
}
