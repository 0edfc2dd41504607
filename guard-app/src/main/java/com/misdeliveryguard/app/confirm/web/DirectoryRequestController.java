package com.misdeliveryguard.app.confirm.web;

import com.misdeliveryguard.app.confirm.hold.Audience;
import com.misdeliveryguard.app.confirm.hold.DirectoryRequest;
import com.misdeliveryguard.app.confirm.hold.HeldRecipient;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.confirm.hold.HoldStore;
import com.misdeliveryguard.app.confirm.present.PlainText;
import com.misdeliveryguard.core.audit.Actor;
import com.misdeliveryguard.core.mail.MailAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Requests to add an unknown recipient to the directory: made by the sender from the confirmation
 * page (a POST with CSRF, which does not touch the hold or use up the link), listed at
 * {@code /admin/directory-requests} for administrators and auditors. Administrators (only) approve
 * a request — adding the contact with the name, organization and department they confirm — or
 * reject it, each with a POST with CSRF, once ({@link RequestDecisions}).
 */
@Controller
class DirectoryRequestController {

    private final LinkAccess access;
    private final HoldStore store;
    private final HoldQueries queries;
    private final PageLanguage language;
    private final RequestDecisions decisions;
    private final Clock clock;

    DirectoryRequestController(LinkAccess access, HoldStore store, HoldQueries queries,
            PageLanguage language, RequestDecisions decisions, Clock clock) {
        this.decisions = decisions;
        this.access = access;
        this.store = store;
        this.queries = queries;
        this.language = language;
        this.clock = clock;
    }

    @PostMapping("/confirm/{token}/directory-request")
    String request(@PathVariable String token, @RequestParam(required = false) String lang,
            @RequestParam String address, @RequestParam(defaultValue = "") String note, HttpServletResponse response,
            Model model) {
        model.addAttribute("t", language.texts(lang));
        Optional<LinkAccess.Access> link = access.resolve(token);
        if (link.isEmpty() || link.get().grant().audience() != Audience.SENDER
                || !link.get().hold().state().isWaiting()) {
            return ConfirmController.invalid(response);
        }
        Optional<HeldRecipient> recipient = link.get().hold().recipients().stream()
                .filter(r -> r.inEnvelope() && r.address().equals(address.strip())).findFirst();
        if (recipient.isPresent() && !recipient.get().who().contact()) {
            MailAddress a = recipient.get().mailAddress().orElseThrow();
            store.requestDirectoryEntry(link.get().hold().queueId(), a,
                    PlainText.line(recipient.get().displayName(), 200), PlainText.line(note, 500),
                    link.get().grant().addressee().toString(), clock.instant());
        }
        return "redirect:/confirm/" + token + "?lang=" + language.texts(lang).lang();
    }

    @GetMapping("/admin/directory-requests")
    String list(HttpServletRequest request, HttpServletResponse response, @RequestParam(required = false) String lang,
            @RequestParam(required = false) String outcome, Model model) {
        model.addAttribute("t", language.texts(lang));
        if (!request.isUserInRole("ADMIN") && !request.isUserInRole("AUDITOR")) {
            return forbidden(response);
        }
        model.addAttribute("requests", queries.openDirectoryRequests(500).stream()
                .map(r -> new OpenRequest(r, ContactFields.prefilled(r), decisions.lookalikeOf(r).orElse(""))).toList());
        model.addAttribute("canDecide", request.isUserInRole("ADMIN"));
        model.addAttribute("outcome", outcome == null ? "" : switch (outcome) {
            case "approved", "rejected", "already_decided", "not_added" -> outcome;
            default -> "";
        });
        return "confirm/requests";
    }

    @PostMapping("/admin/directory-requests/{id}/approve")
    String approve(@PathVariable long id, @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String organization, @RequestParam(defaultValue = "") String department,
            @RequestParam(defaultValue = "") String override, @RequestParam(required = false) String lang, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        if (!request.isUserInRole("ADMIN")) {
            model.addAttribute("t", language.texts(lang));
            return forbidden(response);
        }
        return done(decisions.approve(id, new ContactFields(name, organization, department), actor(request),
                override.equals("lookalike-domain")), lang);
    }

    @PostMapping("/admin/directory-requests/{id}/reject")
    String reject(@PathVariable long id, @RequestParam(required = false) String lang, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        if (!request.isUserInRole("ADMIN")) {
            model.addAttribute("t", language.texts(lang));
            return forbidden(response);
        }
        return done(decisions.reject(id, actor(request)), lang);
    }

    /**
     * An open request with the contact fields the approve form starts with, and the known domain the
     * address resembles (empty when it is no look-alike).
     */
    record OpenRequest(DirectoryRequest request, ContactFields fields, String resembles) {

        public boolean lookalike() {
            return !resembles.isEmpty();
        }
    }

    private String done(RequestDecisions.Outcome outcome, String lang) {
        return "redirect:/admin/directory-requests?lang=" + language.texts(lang).lang() + "&outcome="
                + outcome.name().toLowerCase(Locale.ROOT);
    }

    private static Actor actor(HttpServletRequest request) {
        return Actor.of(request.getUserPrincipal().getName(), request.getRemoteAddr(), request.getHeader("User-Agent"));
    }

    private static String forbidden(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "confirm/forbidden";
    }
}
