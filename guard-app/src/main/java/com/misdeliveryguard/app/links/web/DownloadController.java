package com.misdeliveryguard.app.links.web;

import com.misdeliveryguard.app.links.Downloads;
import com.misdeliveryguard.app.links.Incidents;
import com.misdeliveryguard.app.links.LinksProperties;
import com.misdeliveryguard.app.links.People;
import com.misdeliveryguard.app.links.Sending;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The recipient's page {@code /d/<token>} (SPEC §6a, RELIABILITY promise 11). GET (and HEAD) only
 * show the page: link scanners fetch every link, so neither serves a file nor counts. A file is served
 * only on a POST with the page's CSRF token, streamed with its original name, its declared type,
 * {@code nosniff} and {@code no-store}. Expired, revoked or exhausted links answer 410 with a page that
 * says which and whom to contact; unknown tokens answer 404 with a generic page. "This mail was not
 * meant for me" revokes the recipient's link and reports a misdelivery, without sign-in.
 */
@Controller
class DownloadController {

    private static final Logger log = LoggerFactory.getLogger(DownloadController.class);

    private final Downloads downloads;
    private final Incidents incidents;
    private final People people;
    private final LinksProperties properties;

    DownloadController(Downloads downloads, Incidents incidents, People people, LinksProperties properties) {
        this.downloads = downloads;
        this.incidents = incidents;
        this.people = people;
        this.properties = properties;
    }

    @GetMapping("/d/{token}")
    String page(@PathVariable String token, @RequestParam(required = false) String lang, Model model,
            HttpServletResponse response) {
        Optional<Downloads.Access> access = downloads.open(token);
        if (access.isEmpty()) {
            return invalid(lang, model, response);
        }
        LinkTexts t = texts(lang, access.get().sending());
        model.addAttribute("t", t);
        model.addAttribute("access", access.get());
        model.addAttribute("sender", people.of(access.get().sending().sender()));
        model.addAttribute("switchHref", "/d/" + token + "?lang=" + t.other().lang());
        model.addAttribute("token", token);
        if (access.get().state() != Downloads.State.OPEN) {
            return gone(access.get().state(), model, response);
        }
        return "links/download";
    }

    @PostMapping("/d/{token}/files/{fileId}")
    String download(@PathVariable String token, @PathVariable long fileId, @RequestParam(required = false) String lang,
            HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
        Optional<Downloads.Grant> grant = downloads.grant(token, fileId, request.getRemoteAddr(),
                Optional.ofNullable(request.getHeader("User-Agent")).orElse(""));
        if (grant.isEmpty()) {
            return invalid(lang, model, response);
        }
        if (grant.get().file().isEmpty()) {
            Downloads.Access access = downloads.open(token).orElseThrow();
            model.addAttribute("t", texts(lang, access.sending()));
            model.addAttribute("sender", people.of(access.sending().sender()));
            model.addAttribute("switchHref", null);
            return gone(grant.get().state(), model, response);
        }
        Sending.File file = grant.get().file().get();
        response.setStatus(200);
        response.setContentType(contentType(file.contentType()));
        response.setHeader("Content-Disposition", disposition(file.name()));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLengthLong(file.size());
        try {
            downloads.stream(file, response.getOutputStream());
        } catch (IOException e) {
            log.error("Streaming file {} of {} failed", file.id(), token.substring(0, 4), e);
            throw e;
        }
        return null;
    }

    @PostMapping("/d/{token}/not-for-me")
    String notForMe(@PathVariable String token, @RequestParam(required = false) String background,
            @RequestParam(required = false) String lang, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        Optional<Downloads.Access> access = downloads.open(token);
        if (access.isEmpty()) {
            return invalid(lang, model, response);
        }
        Sending.Recipient recipient = access.get().recipient();
        if (!recipient.revoked()) {
            incidents.report(access.get().sending(), List.of(recipient.address()), new Incidents.Reporter("RECIPIENT",
                    recipient.address(), request.getRemoteAddr(),
                    Optional.ofNullable(request.getHeader("User-Agent")).orElse("")), background);
        }
        model.addAttribute("t", texts(lang, access.get().sending()));
        model.addAttribute("switchHref", null);
        return "links/reported";
    }

    private LinkTexts texts(String lang, Sending sending) {
        return LinkTexts.of(lang, sending.japanese(), properties.timeZone());
    }

    private String gone(Downloads.State state, Model model, HttpServletResponse response) {
        response.setStatus(410);
        model.addAttribute("reason", state.name().toLowerCase());
        return "links/gone";
    }

    private String invalid(String lang, Model model, HttpServletResponse response) {
        response.setStatus(404);
        model.addAttribute("t", LinkTexts.of(lang, true, properties.timeZone()));
        model.addAttribute("switchHref", null);
        return "links/invalid";
    }

    /** The declared type when it is a well-formed media type, else application/octet-stream. */
    static String contentType(String declared) {
        return declared.matches("[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*") ? declared
                : "application/octet-stream";
    }

    /** RFC 6266: an ASCII fallback and the UTF-8 name (RFC 8187). */
    static String disposition(String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_").replace("\\", "_");
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
