package com.misdeliveryguard.app.audit.web;

import com.misdeliveryguard.app.audit.AuditPage;
import com.misdeliveryguard.app.audit.AuditProperties;
import com.misdeliveryguard.app.audit.AuditQueries;
import com.misdeliveryguard.app.audit.ChainCheck;
import com.misdeliveryguard.app.audit.MessagePage;
import com.misdeliveryguard.app.audit.MessageQueries;
import com.misdeliveryguard.app.console.ConsoleTexts;
import com.misdeliveryguard.core.audit.CanonicalJson;
import com.misdeliveryguard.core.audit.Verification;
import com.misdeliveryguard.core.directory.ContactDirectory;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The decision log for scripts (AUDITOR or ADMIN; HTTP Basic or a session):
 * {@code GET /api/v1/audit/verify} and {@code GET /api/v1/audit/entries} (the list's filters and cursors).
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditApiController {

    private final ChainCheck chainCheck;
    private final AuditQueries queries;
    private final AccessLog accessLog;
    private final AuditProperties properties;
    private final MessageQueries messages;
    private final MessageViews views;

    AuditApiController(ChainCheck chainCheck, AuditQueries queries, MessageQueries messages,
            Optional<ContactDirectory> directory, AccessLog accessLog, AuditProperties properties) {
        this.chainCheck = chainCheck;
        this.messages = messages;
        this.views = new MessageViews(properties.timeZone(), directory);
        this.queries = queries;
        this.accessLog = accessLog;
        this.properties = properties;
    }

    /** {@code {"intact":true,"entries":…,"firstSeq":…,"lastSeq":…,"lastHash":…,"firstBreak":{seq, problem, description}}}. */
    @GetMapping("/verify")
    Map<String, Object> verify(HttpServletRequest request) {
        Verification v = chainCheck.verify();
        accessLog.viewed(request, "verify", Map.of("result", v.intact() ? "intact" : "broken", "via", "api"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intact", v.intact());
        body.put("entries", v.entries());
        body.put("firstSeq", v.firstSeq());
        body.put("lastSeq", v.lastSeq());
        body.put("lastHash", v.lastHash());
        body.put("checkpointsChecked", v.checkpointsChecked());
        body.put("checkpointsSigned", v.checkpointsSigned());
        body.put("summary", v.summary());
        v.firstBreak().ifPresent(b -> body.put("firstBreak", Map.of("seq", b.seq(), "problem", b.problem().name(),
                "description", b.description())));
        return body;
    }

    /** A page of entries, newest first, each as its export object; {@code older} is the next page's {@code before}. */
    @GetMapping("/entries")
    Map<String, Object> entries(FilterForm form, @RequestParam Optional<Long> before, @RequestParam Optional<Long> after,
            @RequestParam Optional<Integer> size, HttpServletRequest request) {
        AuditPage page = queries.page(form.toFilter(properties.timeZone()), before, after,
                Math.max(1, Math.min(500, size.orElse(properties.pageSize()))));
        Map<String, String> logged = new LinkedHashMap<>(form.parameters());
        logged.put("via", "api");
        accessLog.viewed(request, "list", logged);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", page.entries().stream().map(e -> CanonicalJson.parse(e.toExportLine())).toList());
        page.newer().ifPresent(n -> body.put("newer", n));
        page.older().ifPresent(o -> body.put("older", o));
        return body;
    }

    /**
     * A page of messages, newest first, one object each (the console's message view: sender with
     * name and department, subject, recipients with organization, rules with titles, final state,
     * seconds to decide); the list's filters and cursors; {@code lang=ja|en} for the titles.
     */
    @GetMapping("/messages")
    ResponseEntity<Map<String, Object>> messages(FilterForm form, @RequestParam Optional<Long> before,
            @RequestParam Optional<Long> after, @RequestParam Optional<Integer> size,
            @RequestParam(defaultValue = "en") String lang, HttpServletRequest request) {
        MessagePage page;
        try {
            page = messages.page(form.toFilter(properties.timeZone()), before, after,
                    Math.max(1, Math.min(500, size.orElse(properties.pageSize()))));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
        }
        Map<String, String> logged = new LinkedHashMap<>(form.parameters());
        logged.put("via", "api");
        accessLog.viewed(request, "messages", logged);
        ConsoleTexts t = ConsoleTexts.of(Locale.forLanguageTag(lang));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", page.messages().stream().map(m -> views.json(m, t)).toList());
        page.newer().ifPresent(n -> body.put("newer", n));
        page.older().ifPresent(o -> body.put("older", o));
        return ResponseEntity.ok(body);
    }
}
