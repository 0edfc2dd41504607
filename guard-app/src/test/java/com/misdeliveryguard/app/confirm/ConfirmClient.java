package com.misdeliveryguard.app.confirm;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser-like HTTP client: keeps its session cookie, reads CSRF tokens from forms, never follows redirects. */
public final class ConfirmClient {

    static final String HEADLESS_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "HeadlessChrome/126.0.0.0 Safari/537.36";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private String userAgent = "Mozilla/5.0 (confirm test)";

    public ConfirmClient(String base) {
        this.base = base;
    }

    public ConfirmClient userAgent(String agent) {
        this.userAgent = agent;
        return this;
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : base + url))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").header("User-Agent", userAgent);
    }

    public HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(request(url).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<Void> head(String url) throws IOException, InterruptedException {
        return http.send(request(url).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    /** The CSRF token of the first form on the page at {@code url}. */
    public String csrf(String url) throws IOException, InterruptedException {
        Matcher m = CSRF.matcher(get(url).body());
        if (!m.find()) {
            throw new AssertionError("no CSRF token on " + url);
        }
        return m.group(1);
    }

    /** POSTs a form; each entry's values become repeated fields. */
    public HttpResponse<String> post(String url, Map<String, List<String>> form) throws IOException, InterruptedException {
        return http.send(form(url, form), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a form and keeps the answer as bytes (a download). */
    public HttpResponse<byte[]> postForBytes(String url, Map<String, List<String>> form)
            throws IOException, InterruptedException {
        return http.send(form(url, form), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest form(String url, Map<String, List<String>> form) {
        String body = form.entrySet().stream().flatMap(e -> e.getValue().stream()
                .map(v -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(v, StandardCharsets.UTF_8))).collect(Collectors.joining("&"));
        return request(url).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
