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
import com.misdeliveryguard.app.confirm.hold.Audience;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.present.Suggestion;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.springframework.util.MultiValueMap;
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
 * Form fields: {@code action} ({@code send}, {@code send-bcc} — send with the external recipients as
 * Bcc — or {@code cancel}), {@code confirm} (each ticked address), {@code exclude} (each flagged address
 * explicitly left out), {@code pick:<address>} (a flagged row's one choice: {@code send}, {@code skip} or
 * {@code instead}, i.e. send to the suggested directory address). Cancel takes two steps: the first POST
 * only shows who would not get the message; {@code really=yes} cancels.
 */
@Controller
class ConfirmController {

    private static final String PICK = "pick:";
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
            @RequestParam(name = "exclude", required = false) List<String> exclude,
            @RequestParam(defaultValue = "") String really, @RequestParam MultiValueMap<String, String> form,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Texts t = language.texts(lang);
        model.addAttribute("t", t);
        Optional<LinkAccess.Access> link = access.resolve(token);
        if (link.isEmpty() || !Decisions.canDecide(link.get().grant(), link.get().hold(), clock.instant())) {
            return invalid(response);
        }
        LinkAccess.Access a = link.get();
        if (action.equals("cancel") && !really.equals("yes")) {
            model.addAttribute("token", token);
            model.addAttribute("cancel", OutcomeView.people(a.hold(), t));
            model.addAttribute("approver", a.grant().audience() == Audience.APPROVER);
            return "confirm/cancel";
        }
        Set<MailAddress> confirmed = addresses(confirm);
        Set<MailAddress> excluded = addresses(exclude);
        Map<MailAddress, MailAddress> instead = new HashMap<>();
        boolean picksValid = picks(form, a.hold(), confirmed, excluded, instead);
        boolean send = action.equals("send") || action.equals("send-bcc");
        DecisionResult result;
        if (!picksValid || confirmed == null || excluded == null || !(send || action.equals("cancel"))) {
            result = new DecisionResult.Refused("choice.notRecipient");
        } else {
            result = decisions.decide(a.grant(), a.hold(), new Choice(send, confirmed, excluded,
                    Actor.of(a.grant().addressee().toString(), request.getRemoteAddr(),
                            request.getHeader("User-Agent")), instead, action.equals("send-bcc")));
        }
        if (result instanceof DecisionResult.Done) {
            return "redirect:/confirm/" + token + "?lang=" + t.lang();
        }
        if (result instanceof DecisionResult.Refused refused) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("token", token);
            model.addAttribute("view", views.of(a.hold(), a.grant(), t, confirmed == null ? Set.of() : confirmed,
                    excluded == null ? Set.of() : excluded, instead.keySet(), refused.reason()));
            return "confirm/page";
        }
        return invalid(response);
    }

    static String invalid(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "confirm/invalid";
    }

    /**
     * Reads each flagged row's one choice ({@code pick:<address>} = {@code send}, {@code skip} or
     * {@code instead}) into the confirmed, excluded and send-instead sets; false when a field names no
     * recipient or an unknown choice. "instead" sends to the suggestion the hold's findings made.
     */
    private static boolean picks(MultiValueMap<String, String> form, HeldMessage hold, Set<MailAddress> confirmed,
            Set<MailAddress> excluded, Map<MailAddress, MailAddress> instead) {
        if (confirmed == null || excluded == null) {
            return false;
        }
        for (Map.Entry<String, List<String>> field : form.entrySet()) {
            if (!field.getKey().startsWith(PICK) || field.getValue().size() != 1) {
                continue;
            }
            MailAddress recipient;
            try {
                recipient = MailAddress.parse(field.getKey().substring(PICK.length()).strip());
            } catch (InvalidAddressException e) {
                return false;
            }
            switch (field.getValue().get(0)) {
                case "send" -> confirmed.add(recipient);
                case "skip" -> excluded.add(recipient);
                case "instead" -> {
                    Optional<Suggestion> suggestion = Suggestion.forRecipient(hold, recipient);
                    if (suggestion.isEmpty()) {
                        return false;
                    }
                    confirmed.add(recipient);
                    instead.put(recipient, suggestion.get().address());
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
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
