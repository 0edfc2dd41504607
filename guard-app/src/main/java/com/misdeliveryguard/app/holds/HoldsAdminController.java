package com.misdeliveryguard.app.holds;

import com.misdeliveryguard.app.audit.AuditProperties;
import com.misdeliveryguard.app.confirm.AdminDecisions;
import com.misdeliveryguard.app.confirm.DecisionResult;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.console.ConsoleLanguage;
import com.misdeliveryguard.app.console.ConsoleTexts;
import com.misdeliveryguard.core.audit.Actor;
import com.misdeliveryguard.core.mail.InvalidAddressException;
import com.misdeliveryguard.core.mail.MailAddress;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's held-mail page: every open hold with its recipient cards (GET: AUDITOR or ADMIN),
 * release to the ticked recipients or discard, each with a reason (POST with CSRF: ADMIN).
 */
@Controller
class HoldsAdminController {

    static final int LIMIT = 200;
    private final HoldQueries holds;
    private final AdminDecisions decisions;
    private final AuditProperties audit;

    HoldsAdminController(HoldQueries holds, AdminDecisions decisions, AuditProperties audit) {
        this.holds = holds;
        this.decisions = decisions;
        this.audit = audit;
    }

    @GetMapping("/admin/holds")
    String page(@RequestParam(defaultValue = "") String done, Model model, HttpServletRequest request) {
        ConsoleTexts t = ConsoleLanguage.of(request);
        Locale locale = Locale.forLanguageTag(t.lang());
        model.addAttribute("holds", holds.open(LIMIT).stream()
                .map(h -> HoldView.of(h, locale, audit.timeZone())).toList());
        model.addAttribute("done", done);
        return "admin/holds";
    }

    @PostMapping("/admin/holds/{queueId}/release")
    String release(@PathVariable String queueId, @RequestParam(name = "recipient", required = false) List<String> chosen,
            @RequestParam(defaultValue = "") String reason, Authentication who, HttpServletRequest request,
            RedirectAttributes redirect) {
        Optional<List<MailAddress>> recipients = addresses(Optional.ofNullable(chosen).orElse(List.of()));
        if (recipients.isEmpty()) {
            return outcome(new DecisionResult.Refused("holds.chooseRecipient"), "released", redirect);
        }
        return outcome(decisions.release(queueId, recipients.get(), actor(who, request), reason), "released", redirect);
    }

    @PostMapping("/admin/holds/{queueId}/discard")
    String discard(@PathVariable String queueId, @RequestParam(defaultValue = "") String reason, Authentication who,
            HttpServletRequest request, RedirectAttributes redirect) {
        return outcome(decisions.discard(queueId, actor(who, request), reason), "discarded", redirect);
    }

    private static String outcome(DecisionResult result, String done, RedirectAttributes redirect) {
        redirect.addAttribute("done", key(result, done));
        return "redirect:/admin/holds";
    }

    /** {@code done} for a result that was carried out, {@code stale}, or the refusal's message key. */
    static String key(DecisionResult result, String done) {
        if (result instanceof DecisionResult.Refused r) {
            return r.reason();
        }
        return result instanceof DecisionResult.Done ? done : "stale";
    }

    static Actor actor(Authentication who, HttpServletRequest request) {
        return Actor.of(who.getName(), request.getRemoteAddr(), request.getHeader("User-Agent"));
    }

    /** The addresses, or empty when any of them is not an address. */
    static Optional<List<MailAddress>> addresses(List<String> texts) {
        List<MailAddress> out = new java.util.ArrayList<>();
        for (String text : texts) {
            try {
                out.add(MailAddress.parse(text.strip()));
            } catch (InvalidAddressException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.of(out);
    }
}
