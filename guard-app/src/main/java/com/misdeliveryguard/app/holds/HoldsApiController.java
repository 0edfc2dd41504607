package com.misdeliveryguard.app.holds;

import com.misdeliveryguard.app.audit.AuditProperties;
import com.misdeliveryguard.app.confirm.AdminDecisions;
import com.misdeliveryguard.app.confirm.DecisionResult;
import com.misdeliveryguard.app.confirm.hold.HoldQueries;
import com.misdeliveryguard.core.mail.MailAddress;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Held messages for scripts (SPEC §8), HTTP Basic: {@code GET /api/v1/holds} lists the open holds
 * (AUDITOR or ADMIN); {@code POST /api/v1/holds/{id}/release} with {@code {"recipients": [...],
 * "reason": "..."}} (no recipients: all) and {@code POST /api/v1/holds/{id}/discard} with
 * {@code {"reason": "..."}} act (ADMIN). Actions take JSON only, which a cross-site form cannot send,
 * so they need no CSRF token. Answers: 200 with the outcome, 400 for a bad request (no reason, an
 * address that is no recipient), 409 when the hold was already decided or is gone.
 */
@RestController
@RequestMapping("/api/v1/holds")
class HoldsApiController {

    private final HoldQueries holds;
    private final AdminDecisions decisions;
    private final AuditProperties audit;

    HoldsApiController(HoldQueries holds, AdminDecisions decisions, AuditProperties audit) {
        this.holds = holds;
        this.decisions = decisions;
        this.audit = audit;
    }

    /** The request body of the actions. */
    record Action(List<String> recipients, String reason) {
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> list(@RequestParam(defaultValue = "en") String lang) {
        Locale locale = Locale.forLanguageTag("ja".equals(lang) ? "ja" : "en");
        return Map.of("holds", holds.open(HoldsAdminController.LIMIT).stream()
                .map(h -> HoldView.of(h, locale, audit.timeZone())).toList());
    }

    @PostMapping(path = "/{queueId}/release", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> release(@PathVariable String queueId, @RequestBody Action action,
            Authentication who, HttpServletRequest request) {
        List<String> asked = Optional.ofNullable(action.recipients()).orElse(List.of());
        Optional<List<MailAddress>> recipients = asked.isEmpty()
                ? holds.find(queueId).map(h -> h.envelopeRecipients())
                : HoldsAdminController.addresses(asked);
        if (recipients.isEmpty()) {
            return answer(asked.isEmpty() ? new DecisionResult.Stale()
                    : new DecisionResult.Refused("holds.chooseRecipient"), "released");
        }
        return answer(decisions.release(queueId, recipients.get(), HoldsAdminController.actor(who, request),
                action.reason()), "released");
    }

    @PostMapping(path = "/{queueId}/discard", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> discard(@PathVariable String queueId, @RequestBody Action action,
            Authentication who, HttpServletRequest request) {
        return answer(decisions.discard(queueId, HoldsAdminController.actor(who, request), action.reason()),
                "discarded");
    }

    private static ResponseEntity<Map<String, Object>> answer(DecisionResult result, String done) {
        String key = HoldsAdminController.key(result, done);
        HttpStatus status = result instanceof DecisionResult.Done ? HttpStatus.OK
                : result instanceof DecisionResult.Stale ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(Map.of("outcome", key));
    }
}
