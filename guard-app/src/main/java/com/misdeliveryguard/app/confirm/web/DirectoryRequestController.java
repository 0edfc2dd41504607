package com.misdeliveryguard.app.confirm.web;

import com.misdeliveryguard.app.confirm.hold.Audience;
import com.misdeliveryguard.app.confirm.hold.HeldRecipient;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.confirm.hold.HoldStore;
import com.misdeliveryguard.app.confirm.present.PlainText;
import com.misdeliveryguard.app.confirm.present.RecipientCards;
import com.misdeliveryguard.core.mail.MailAddress;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Requests to add an unknown recipient to the directory: made by the sender from the confirmation
 * page (a POST with CSRF, which does not touch the hold or use up the link), listed for
 * administrators at {@code /admin/directory-requests}, who add the contact through the directory
 * import.
 */
@Controller
class DirectoryRequestController {

    private final LinkAccess access;
    private final HoldStore store;
    private final HoldQueries queries;
    private final RecipientCards cards;
    private final PageLanguage language;
    private final Clock clock;

    DirectoryRequestController(LinkAccess access, HoldStore store, HoldQueries queries, RecipientCards cards,
            PageLanguage language, Clock clock) {
        this.access = access;
        this.store = store;
        this.queries = queries;
        this.cards = cards;
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
        if (recipient.isPresent() && !cards.isContact(recipient.get().mailAddress().orElseThrow())) {
            MailAddress a = recipient.get().mailAddress().orElseThrow();
            store.requestDirectoryEntry(link.get().hold().queueId(), a,
                    PlainText.line(recipient.get().displayName(), 200), PlainText.line(note, 500),
                    link.get().grant().addressee().toString(), clock.instant());
        }
        return "redirect:/confirm/" + token + "?lang=" + language.texts(lang).lang();
    }

    @GetMapping("/admin/directory-requests")
    String list(HttpServletRequest request, HttpServletResponse response, @RequestParam(required = false) String lang,
            Model model) {
        if (!request.isUserInRole("ADMIN")) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return "confirm/forbidden";
        }
        model.addAttribute("t", language.texts(lang));
        model.addAttribute("requests", queries.openDirectoryRequests(500));
        return "confirm/requests";
    }
}
