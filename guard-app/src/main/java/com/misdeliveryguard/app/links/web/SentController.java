package com.misdeliveryguard.app.links.web;

import com.misdeliveryguard.app.links.Incidents;
import com.misdeliveryguard.app.links.LinksProperties;
import com.misdeliveryguard.app.links.SentMail;
import com.misdeliveryguard.app.links.Sending;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The sender's page {@code /my/sent/<token>} (the private link of the receipt; no sign-in) and the
 * signed-in list {@code /my/sent}: per recipient with name and organization, which file was downloaded
 * when; revoke one recipient's links or all; report a misdelivery (one click, optional background).
 * GET only reads; every action is a POST with CSRF.
 */
@Controller
class SentController {

    private final SentMail sent;
    private final Incidents incidents;
    private final LinksProperties properties;

    SentController(SentMail sent, Incidents incidents, LinksProperties properties) {
        this.sent = sent;
        this.incidents = incidents;
        this.properties = properties;
    }

    @GetMapping("/my/sent")
    String list(Principal user, @RequestParam(required = false) String lang, Model model) {
        LinkTexts t = LinkTexts.of(lang, true, properties.timeZone());
        model.addAttribute("t", t);
        model.addAttribute("switchHref", "/my/sent?lang=" + t.other().lang());
        model.addAttribute("lines", sent.of(user.getName()));
        return "links/sent-list";
    }

    @GetMapping("/my/sent/{token}")
    String page(@PathVariable String token, @RequestParam(required = false) String lang,
            @RequestParam(required = false) String done, Model model, HttpServletResponse response) {
        Optional<Sending> sending = sent.byToken(token);
        if (sending.isEmpty()) {
            return invalid(lang, model, response);
        }
        LinkTexts t = LinkTexts.of(lang, sending.get().japanese(), properties.timeZone());
        model.addAttribute("t", t);
        model.addAttribute("switchHref", "/my/sent/" + token + "?lang=" + t.other().lang());
        model.addAttribute("sending", sending.get());
        model.addAttribute("recipients", incidents.states(sending.get()));
        model.addAttribute("token", token);
        return "links/sent";
    }

    @PostMapping("/my/sent/{token}/revoke")
    String revoke(@PathVariable String token, @RequestParam(name = "recipient", required = false) List<String> chosen,
            @RequestParam(required = false) String all, @RequestParam(required = false) String lang,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Optional<Sending> sending = sent.byToken(token);
        if (sending.isEmpty()) {
            return invalid(lang, model, response);
        }
        List<String> recipients = all != null ? List.of() : chosen == null ? List.of("-") : chosen;
        List<String> revoked = incidents.revoke(sending.get(), recipients, reporter(sending.get(), request), "sender");
        LinkTexts t = LinkTexts.of(lang, sending.get().japanese(), properties.timeZone());
        redirect.addFlashAttribute("message", revoked.isEmpty() ? t.get("sent.done.none")
                : t.get("sent.done.revoked", String.join(", ", revoked)));
        return "redirect:/my/sent/" + token + "?lang=" + t.lang();
    }

    @PostMapping("/my/sent/{token}/report")
    String report(@PathVariable String token, @RequestParam(name = "recipient", required = false) List<String> chosen,
            @RequestParam(required = false) String background, @RequestParam(required = false) String lang,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Optional<Sending> sending = sent.byToken(token);
        if (sending.isEmpty()) {
            return invalid(lang, model, response);
        }
        long id = incidents.report(sending.get(), chosen == null ? List.of() : chosen, reporter(sending.get(), request),
                background);
        LinkTexts t = LinkTexts.of(lang, sending.get().japanese(), properties.timeZone());
        redirect.addFlashAttribute("message", t.get("sent.done.reported", id));
        return "redirect:/my/sent/" + token + "?lang=" + t.lang();
    }

    private static Incidents.Reporter reporter(Sending sending, HttpServletRequest request) {
        return new Incidents.Reporter("SENDER", sending.sender(), request.getRemoteAddr(),
                Optional.ofNullable(request.getHeader("User-Agent")).orElse(""));
    }

    private String invalid(String lang, Model model, HttpServletResponse response) {
        response.setStatus(404);
        model.addAttribute("t", LinkTexts.of(lang, true, properties.timeZone()));
        model.addAttribute("switchHref", null);
        return "links/invalid";
    }
}
