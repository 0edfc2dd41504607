package com.misdeliveryguard.app.confirm.web;

import com.misdeliveryguard.app.confirm.Choice;
import com.misdeliveryguard.app.confirm.DecisionResult;
import com.misdeliveryguard.app.confirm.Decisions;
import com.misdeliveryguard.app.confirm.present.Texts;
import com.misdeliveryguard.core.audit.Actor;
import com.misdeliveryguard.core.mail.InvalidAddressException;
import com.misdeliveryguard.core.mail.MailAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The confirmation page behind a link ({@code /confirm/{token}}).
 *
 * <ul>
 *   <li>{@code GET} (and {@code HEAD}) only reads: link scanners may fetch it any number of times. A
 *       link that may still decide shows the form; a used one (or one whose hold was decided) shows the
 *       outcome; anything else — unknown, altered, expired — the one generic error page (404).</li>
 *   <li>{@code POST} with the CSRF token carries out Send or Cancel ({@link Decisions}) and redirects
 *       to the GET, which then shows the outcome. A refused Send shows the form again with the reason
 *       (400); a used link, a decided hold or a lost race get the generic error page.</li>
 * </ul>
 * Form fields: {@code action} ({@code send} or {@code cancel}), {@code confirm} (each ticked
 * address), {@code exclude} (each flagged address explicitly left out).
 */
@Controller
class ConfirmController {

    private final LinkAccess access;
    private final Decisions decisions;
    private final ConfirmViews views;
    private final PageLanguage language;
    private final Clock clock;

    ConfirmController(LinkAccess access, Decisions decisions, ConfirmViews views, PageLanguage language, Clock clock) {
        this.access = access;
        this.decisions = decisions;
        this.views = views;
        this.language = language;
        this.clock = clock;
    }

    @GetMapping("/confirm/{token}")
    String page(@PathVariable String token, @RequestParam(required = false) String lang, Model model,
            HttpServletResponse response) {
        Texts t = language.texts(lang);
        model.addAttribute("t", t);
        Optional<LinkAccess.Access> link = access.resolve(token);
        if (link.isEmpty()) {
            return invalid(response);
        }
        model.addAttribute("token", token);
        LinkAccess.Access a = link.get();
        if (!Decisions.canDecide(a.grant(), a.hold(), clock.instant())) {
            model.addAttribute("outcome", OutcomeView.of(a.hold(), t));
            return "confirm/outcome";
        }
        model.addAttribute("view", views.of(a.hold(), a.grant(), t, null, Set.of(), null));
        return "confirm/page";
    }

    @PostMapping("/confirm/{token}")
    String decide(@PathVariable String token, @RequestParam(required = false) String lang,
            @RequestParam(defaultValue = "") String action,
            @RequestParam(name = "confirm", required = false) List<String> confirm,
            @RequestParam(name = "exclude", required = false) List<String> exclude, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Texts t = language.texts(lang);
        model.addAttribute("t", t);
        Optional<LinkAccess.Access> link = access.resolve(token);
        if (link.isEmpty() || !Decisions.canDecide(link.get().grant(), link.get().hold(), clock.instant())) {
            return invalid(response);
        }
        LinkAccess.Access a = link.get();
        Set<MailAddress> confirmed = addresses(confirm);
        Set<MailAddress> excluded = addresses(exclude);
        DecisionResult result;
        if (confirmed == null || excluded == null || !(action.equals("send") || action.equals("cancel"))) {
            result = new DecisionResult.Refused("choice.notRecipient");
        } else {
            result = decisions.decide(a.grant(), a.hold(), new Choice(action.equals("send"), confirmed, excluded,
                    Actor.of(a.grant().addressee().toString(), request.getRemoteAddr(),
                            request.getHeader("User-Agent"))));
        }
        if (result instanceof DecisionResult.Done) {
            return "redirect:/confirm/" + token + "?lang=" + t.lang();
        }
        if (result instanceof DecisionResult.Refused refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("token", token);
            model.addAttribute("view", views.of(a.hold(), a.grant(), t, confirmed == null ? Set.of() : confirmed,
                    excluded == null ? Set.of() : excluded, refused.reason()));
            return "confirm/page";
        }
        return invalid(response);
    }

    static String invalid(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "confirm/invalid";
    }

    /** The posted addresses, or null when one of them is not an address at all. */
    private static Set<MailAddress> addresses(List<String> posted) {
        Set<MailAddress> out = new HashSet<>();
        if (posted == null) {
            return out;
        }
        for (String p : posted) {
            try {
                out.add(MailAddress.parse(p.strip()));
            } catch (InvalidAddressException e) {
                return null;
            }
        }
        return out;
    }
}
