package com.misdeliveryguard.app.confirm.web;

import com.misdeliveryguard.app.confirm.hold.Approval;
import com.misdeliveryguard.app.confirm.hold.Audience;
import com.misdeliveryguard.app.confirm.hold.ConfirmationToken;
import com.misdeliveryguard.app.confirm.hold.ConfirmationTokens;
import com.misdeliveryguard.app.confirm.hold.HeldMessage;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.app.confirm.hold.HoldState;
import com.misdeliveryguard.app.confirm.present.FindingWords;
import com.misdeliveryguard.app.confirm.present.PlainText;
import com.misdeliveryguard.app.confirm.present.RecipientCard;
import com.misdeliveryguard.app.confirm.hold.HeldRecipient;
import com.misdeliveryguard.app.confirm.present.Texts;
import com.misdeliveryguard.app.security.DirectorySignIn;
import com.misdeliveryguard.core.mail.MailAddress;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sender's own list ({@code /my/held}, signed in with the SMTP user name and password) for
 * when the notification is lost: the newest held messages the user submitted or sent from one of
 * their addresses. "Open" is a POST that issues a fresh link for the user and redirects to the
 * confirmation page; the list itself only reads.
 */
@Controller
class MyHoldsController {

    /**
     * One held message of the list: why it was held (rule titles, the strongest first), its recipients
     * by name and organization as the verdict resolved them, its state (with a code for a distinct badge)
     * and the deadline only while it is open.
     */
    record Line(String queueId, String subject, List<String> reasons, List<String> recipients, String state,
            String stateCode, String created, String expires, boolean openable) {
    }

    private final HoldQueries queries;
    private final ConfirmationTokens tokens;
    private final SenderUsers users;
    private final PageLanguage language;
    private final java.time.Clock clock;

    MyHoldsController(HoldQueries queries, ConfirmationTokens tokens, SenderUsers users, PageLanguage language,
            java.time.Clock clock) {
        this.queries = queries;
        this.tokens = tokens;
        this.users = users;
        this.language = language;
        this.clock = clock;
    }

    @GetMapping("/my/login")
    String login(@RequestParam(required = false) String lang, Model model) {
        model.addAttribute("t", language.texts(lang));
        return "my/login";
    }

    @GetMapping({"/my", "/my/held"})
    String list(Principal user, @RequestParam(required = false) String lang, Model model) {
        Texts t = language.texts(lang);
        model.addAttribute("t", t);
        model.addAttribute("user", user.getName());
        model.addAttribute("lines", holds(user).stream().map(h -> line(h, t)).toList());
        return "my/held";
    }

    @PostMapping("/my/held/{queueId}/open")
    String open(Principal user, @PathVariable String queueId, HttpServletResponse response,
            @RequestParam(required = false) String lang, Model model) {
        model.addAttribute("t", language.texts(lang));
        Optional<HeldMessage> hold = holds(user).stream().filter(h -> h.queueId().equals(queueId)).findFirst();
        if (hold.isEmpty() || !openable(hold.get()) || hold.get().notifyTo().isEmpty()) {
            return ConfirmController.invalid(response);
        }
        ConfirmationToken token = tokens.issue(hold.get(), Audience.SENDER, hold.get().notifyTo().get());
        return "redirect:/confirm/" + token.value() + "?lang=" + language.texts(lang).lang();
    }

    private Line line(HeldMessage h, Texts t) {
        List<String> reasons = FindingWords.bySeverity(h.findings()).stream().filter(f -> f.actionable())
                .map(f -> FindingWords.title(f, t)).distinct().toList();
        List<String> recipients = h.recipients().stream().filter(HeldRecipient::inEnvelope).map(r -> {
            RecipientCard card = RecipientCard.of(r);
            String affiliation = card.affiliation();
            return card.nameAndAddress() + (affiliation.isEmpty() ? "" : " — " + PlainText.line(affiliation, 200));
        }).toList();
        return new Line(h.queueId(), PlainText.line(h.subject(), 200), reasons, recipients,
                t.get("state." + h.state().name()), h.state().name(), t.time(h.times().createdAt()),
                h.state().isWaiting() ? t.time(h.times().expiresAt()) : "", openable(h));
    }

    private List<HeldMessage> holds(Principal user) {
        List<String> addresses = user instanceof Authentication a ? DirectorySignIn.addressesOf(a)
                .orElseGet(() -> users.addressesOf(user.getName())) : users.addressesOf(user.getName());
        return queries.heldBy(user.getName(), addresses, 50);
    }

    private boolean openable(HeldMessage hold) {
        boolean senderDecides = hold.state() == HoldState.DELAYED
                || (hold.state() == HoldState.HELD && hold.approval() != Approval.INSTEAD);
        return senderDecides && clock.instant().isBefore(hold.times().expiresAt());
    }
}
